"""Boundaries (DESIGN.md practices)."""
