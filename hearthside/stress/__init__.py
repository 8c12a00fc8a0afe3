"""Weathering stress together (DESIGN.md practices)."""
