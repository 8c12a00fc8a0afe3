"""Needs and requests (DESIGN.md practices)."""
