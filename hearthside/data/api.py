"""Owning your data: JSON API routes under /api/v1/data/."""

from __future__ import annotations

from ninja import NinjaAPI


def register(api: NinjaAPI) -> None:
    """Add this app's routers to `api`."""
