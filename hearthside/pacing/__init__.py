"""Pacing disclosures (DESIGN.md practices)."""
