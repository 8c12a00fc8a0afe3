"""Pacing disclosures in the demo household (called by `hearthside demo`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any


def seed(
    *,
    people: dict[str, Any],
    circles: dict[str, Any],
    now: datetime,
    when: Callable[[int, str], datetime],
) -> None:
    """Add this practice's part of the demo story. `people` and `circles` are keyed as in the
    demo command; `when(days_ago, "HH:MM")` gives a local time on a past day."""
