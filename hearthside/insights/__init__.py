"""Insights (DESIGN.md practices 13-14)."""
