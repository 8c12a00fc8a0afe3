"""Ritual schedules: RFC 5545 rules expanded over local wall-clock time. No database, no clock:
the window is always an argument."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from hearthside.rituals.recurrence import Schedule, between, from_rrule_text, place

LONDON = "Europe/London"
NEW_YORK = "America/New_York"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def test_a_daily_ritual_happens_every_day_at_its_time() -> None:
    schedule = Schedule("daily", time(18, 30), LONDON, date(2026, 3, 2))

    found = between(schedule, utc(2026, 3, 1), utc(2026, 3, 6))

    assert found == [utc(2026, 3, d, 18, 30) for d in range(2, 6)]


def test_nothing_happens_before_the_first_day() -> None:
    schedule = Schedule("daily", time(18, 30), LONDON, date(2026, 3, 4))

    assert between(schedule, utc(2026, 2, 1), utc(2026, 3, 4)) == []


def test_the_window_includes_its_start_and_excludes_its_end() -> None:
    schedule = Schedule("daily", time(9, 0), "UTC", date(2026, 1, 1))

    assert between(schedule, utc(2026, 3, 4, 9), utc(2026, 3, 5, 9)) == [utc(2026, 3, 4, 9)]


def test_a_weekly_ritual_happens_on_each_chosen_day() -> None:
    schedule = Schedule("weekly", time(19), LONDON, date(2026, 3, 1), weekdays=(0, 3))

    found = between(schedule, utc(2026, 3, 1), utc(2026, 3, 15))

    assert [local(m, LONDON).strftime("%a %d") for m in found] == [
        "Mon 02",
        "Thu 05",
        "Mon 09",
        "Thu 12",
    ]


def test_every_two_weeks_skips_the_week_between() -> None:
    schedule = Schedule("weekly", time(19), LONDON, date(2026, 3, 1), interval=2, weekdays=(6,))

    found = between(schedule, utc(2026, 3, 1), utc(2026, 4, 1))

    assert [m.day for m in found] == [1, 15, 29]


def test_monthly_on_the_first_sunday() -> None:
    schedule = Schedule("monthly", time(10), LONDON, date(2026, 1, 1), monthly_nth=(6, 1))

    found = between(schedule, utc(2026, 1, 1), utc(2026, 6, 1))

    assert [local(m, LONDON).date() for m in found] == [
        date(2026, 1, 4),
        date(2026, 2, 1),
        date(2026, 3, 1),
        date(2026, 4, 5),
        date(2026, 5, 3),
    ]
    assert {local(m, LONDON).time() for m in found} == {time(10)}


def test_monthly_on_the_last_friday() -> None:
    schedule = Schedule("monthly", time(20), LONDON, date(2026, 1, 1), monthly_nth=(4, -1))

    found = between(schedule, utc(2026, 1, 1), utc(2026, 5, 1))

    assert [local(m, LONDON).date() for m in found] == [
        date(2026, 1, 30),
        date(2026, 2, 27),
        date(2026, 3, 27),
        date(2026, 4, 24),
    ]


def test_the_schedule_stops_after_its_last_day() -> None:
    schedule = Schedule("daily", time(8), LONDON, date(2026, 3, 1), until=date(2026, 3, 3))

    assert len(between(schedule, utc(2026, 2, 1), utc(2026, 4, 1))) == 3


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        # British Summer Time starts on 29 March 2026 and ends on 25 October 2026.
        (LONDON, utc(2026, 3, 28, 19), utc(2026, 3, 29, 18)),
        (LONDON, utc(2026, 10, 24, 18), utc(2026, 10, 25, 19)),
        # US daylight time starts on 8 March 2026 and ends on 1 November 2026.
        (NEW_YORK, utc(2026, 3, 8, 0), utc(2026, 3, 8, 23)),
        (NEW_YORK, utc(2026, 10, 31, 23), utc(2026, 11, 2, 0)),
    ],
    ids=["london-spring", "london-autumn", "new-york-spring", "new-york-autumn"],
)
def test_seven_in_the_evening_stays_seven_in_the_evening_across_a_clock_change(
    zone: str, before: datetime, after: datetime
) -> None:
    schedule = Schedule("daily", time(19), zone, date(2026, 1, 1))

    found = between(schedule, before - timedelta(hours=1), after + timedelta(hours=1))

    assert found == [before, after]
    assert [local(m, zone).time() for m in found] == [time(19), time(19)]
    assert local(before, zone).utcoffset() != local(after, zone).utcoffset()


def test_a_weekly_ritual_keeps_its_local_time_across_british_summer_time() -> None:
    schedule = Schedule("weekly", time(19), LONDON, date(2026, 3, 1), weekdays=(6,))

    found = between(schedule, utc(2026, 3, 20), utc(2026, 11, 2))

    assert found[:2] == [utc(2026, 3, 22, 19), utc(2026, 3, 29, 18)]
    assert utc(2026, 10, 18, 18) in found
    assert utc(2026, 10, 25, 19) in found
    assert {local(m, LONDON).strftime("%a %H:%M") for m in found} == {"Sun 19:00"}


def test_a_time_in_the_spring_forward_gap_moves_forward_by_the_gap() -> None:
    # On 8 March 2026 New York's clocks jump from 02:00 to 03:00: 02:30 never happens.
    schedule = Schedule("daily", time(2, 30), NEW_YORK, date(2026, 3, 6))

    found = between(schedule, utc(2026, 3, 6), utc(2026, 3, 11))

    assert [local(m, NEW_YORK).strftime("%d %H:%M") for m in found] == [
        "06 02:30",
        "07 02:30",
        "08 03:30",
        "09 02:30",
        "10 02:30",
    ]


def test_a_time_that_happens_twice_in_autumn_is_the_first() -> None:
    moment = place(datetime(2026, 11, 1, 1, 30), NEW_YORK)

    assert moment == utc(2026, 11, 1, 5, 30)  # 01:30 daylight time, not the later 01:30


@pytest.mark.parametrize(
    ("schedule", "text"),
    [
        (Schedule("daily", time(18, 30), LONDON, date(2026, 3, 1)), "FREQ=DAILY"),
        (
            Schedule("weekly", time(19), LONDON, date(2026, 3, 1), weekdays=(6,)),
            "FREQ=WEEKLY;BYDAY=SU",
        ),
        (
            Schedule("weekly", time(19), LONDON, date(2026, 3, 1), interval=2, weekdays=(3, 0)),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        ),
        (
            Schedule("monthly", time(10), LONDON, date(2026, 3, 1), monthly_nth=(6, 1)),
            "FREQ=MONTHLY;BYDAY=1SU",
        ),
        (
            Schedule("monthly", time(20), LONDON, date(2026, 3, 1), monthly_nth=(4, -1)),
            "FREQ=MONTHLY;BYDAY=-1FR",
        ),
        (
            Schedule("daily", time(8), LONDON, date(2026, 3, 1), until=date(2026, 6, 30)),
            "FREQ=DAILY;UNTIL=20260630T225959Z",
        ),
    ],
    ids=["daily", "weekly", "fortnightly", "first-sunday", "last-friday", "until"],
)
def test_the_rule_is_written_as_an_rrule_line(schedule: Schedule, text: str) -> None:
    assert schedule.rrule_text() == text


def test_an_rrule_line_reads_back_as_the_same_dates() -> None:
    schedule = Schedule("weekly", time(19), "UTC", date(2026, 3, 1), interval=2, weekdays=(6,))

    rule = from_rrule_text(schedule.rrule_text(), schedule.starts_on, schedule.at)

    assert [rule[i] for i in range(3)] == [schedule.rule()[i] for i in range(3)]
