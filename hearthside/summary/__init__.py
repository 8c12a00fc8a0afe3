"""Facilitator summary (DESIGN.md practices 13-14)."""
