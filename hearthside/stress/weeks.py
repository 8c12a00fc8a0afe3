"""ISO weeks for "who carries what this week". Pure: no Django, "today" is an argument.

A week is named as people's calendars name it, ``2026-W10``, and stored as its Monday.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEK_NAME = re.compile(r"(\d{4})-W(\d{2})")


def monday_of(day: date) -> date:
    """The Monday that starts `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


def name(monday: date) -> str:
    """``2026-W10`` for the week starting on `monday` (any day of the week gives the same)."""
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse(text: str) -> date | None:
    """The Monday of the week named `text`, or None when it names no week (``2026-W54``)."""
    match = WEEK_NAME.fullmatch(text.strip())
    if match is None:
        return None
    year, week = int(match.group(1)), int(match.group(2))
    if not 1 <= year <= 9998:
        return None
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def previous(monday: date) -> date:
    return monday - timedelta(days=7)


def following(monday: date) -> date:
    return monday + timedelta(days=7)


def last_day(monday: date) -> date:
    return monday + timedelta(days=6)
