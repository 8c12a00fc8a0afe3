"""Self-regulation toolkit (DESIGN.md practices)."""
