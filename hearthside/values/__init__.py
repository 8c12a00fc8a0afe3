"""Intentions, values and goals (DESIGN.md practices)."""
