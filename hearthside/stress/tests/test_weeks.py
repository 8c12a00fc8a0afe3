"""ISO weeks, named as calendars name them: no database, no clock."""

from __future__ import annotations

from datetime import date

import pytest

from hearthside.stress import weeks


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2026, 3, 4), date(2026, 3, 2)),  # a Wednesday
        (date(2026, 3, 2), date(2026, 3, 2)),  # a Monday is its own
        (date(2026, 3, 8), date(2026, 3, 2)),  # Sunday ends the week
        (date(2027, 1, 1), date(2026, 12, 28)),  # New Year's Day in the old year's last week
    ],
)
def test_every_day_belongs_to_the_week_its_monday_starts(day: date, monday: date) -> None:
    assert weeks.monday_of(day) == monday


@pytest.mark.parametrize(
    ("monday", "name"),
    [
        (date(2026, 3, 2), "2026-W10"),
        (date(2026, 12, 28), "2026-W53"),  # 2026 has 53 ISO weeks
        (date(2024, 12, 30), "2025-W01"),  # this Monday is in 2024, its week in 2025
    ],
)
def test_names_round_trip(monday: date, name: str) -> None:
    assert weeks.name(monday) == name
    assert weeks.parse(name) == monday


@pytest.mark.parametrize(
    "text", ["", "2026-W00", "2025-W53", "2026-W54", "2026W10", "2026-w10", "soon", "0000-W01"]
)
def test_what_names_no_week_is_none(text: str) -> None:
    assert weeks.parse(text) is None


def test_neighbouring_weeks_and_the_last_day() -> None:
    monday = date(2026, 3, 2)
    assert weeks.previous(monday) == date(2026, 2, 23)
    assert weeks.following(monday) == date(2026, 3, 9)
    assert weeks.last_day(monday) == date(2026, 3, 8)
