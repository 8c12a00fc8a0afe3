"""Insights: JSON API routes, registered on /api/v1 by hearthside.api.routes."""

from __future__ import annotations

from ninja import NinjaAPI


def register(api: NinjaAPI) -> None:
    """Add this app's routers to `api`."""
