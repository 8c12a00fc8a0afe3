"""Time zones by name, as people's profiles, rituals and export files store them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

UTC_ZONE = ZoneInfo("UTC")


def zone_named(name: str | None) -> ZoneInfo:
    """The zone called `name`, or UTC when there is none or this machine doesn't know it (a
    name from an imported file, or newer than this machine's tz database): a time shown an
    hour off is better than a page that fails."""
    try:
        return ZoneInfo(name or "UTC")
    except (LookupError, ValueError):  # ZoneInfoNotFoundError is a KeyError
        return UTC_ZONE
