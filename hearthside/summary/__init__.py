"""Facilitator summary (DESIGN.md practice 14): a period of a circle, handed over only when every
member consents."""
