"""Kept lately, said kindly: a rolling count of the last few occurrences, never a streak.
Pure functions: no database, and "now" is always an argument."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from hearthside.rituals.consistency import (
    consistency,
    next_instances,
    noun,
    recent_instances,
    settled,
)
from hearthside.rituals.recurrence import Schedule, between

SUNDAYS = Schedule("weekly", time(19), "Europe/London", date(2025, 1, 5), weekdays=(6,))
EVENINGS = Schedule("daily", time(18, 30), "Europe/London", date(2025, 1, 1))
NOW = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)  # a Wednesday morning

SHAMING = ("streak", "broke", "broken", "fail", "missed", "lost", "behind", "only ")


def history(kept: str, schedule: Schedule = SUNDAYS) -> list[tuple[datetime, bool]]:
    """History from a pattern, oldest first: "x" kept, "." not."""
    times = between(schedule, datetime(2025, 1, 1, tzinfo=UTC), NOW)[-len(kept) :] if kept else []
    return [(moment, mark == "x") for moment, mark in zip(times, kept, strict=True)]


def test_it_counts_the_last_ten_sundays() -> None:
    result = consistency(history("xx.xxxx.xx"), SUNDAYS)

    assert (result.kept, result.of) == (8, 10)
    assert result.label == "8 of the last 10 Sundays"


def test_daily_evening_rituals_are_counted_in_evenings() -> None:
    result = consistency(history("x.xx.x", EVENINGS), EVENINGS)

    assert result.label == "4 of the last 6 evenings"


def test_it_looks_only_at_the_last_ten_however_long_the_history() -> None:
    long_ago_all_missed = history("." * 30 + "x" * 10, EVENINGS)

    result = consistency(long_ago_all_missed, EVENINGS)

    assert (result.kept, result.of) == (10, 10)


def test_the_number_looked_back_over_can_be_chosen() -> None:
    result = consistency(history("x.xx.x"), SUNDAYS, n=4)

    assert result.label == "3 of the last 4 Sundays"


def test_order_does_not_matter() -> None:
    pairs = history("x.x.xxxx..")

    assert consistency(reversed(pairs), SUNDAYS) == consistency(pairs, SUNDAYS)


def test_the_marks_show_each_occurrence_oldest_first() -> None:
    assert consistency(history("x..x"), SUNDAYS).marks == (True, False, False, True)


def test_there_is_no_streak_one_miss_changes_the_count_by_one() -> None:
    before = consistency(history("xxxxxxxxx"), SUNDAYS)
    after = consistency(history("xxxxxxxxx.")[-10:], SUNDAYS)

    assert (before.kept, after.kept) == (9, 9)
    assert after.label == "9 of the last 10 Sundays"


def test_a_new_ritual_has_nothing_to_look_back_on() -> None:
    result = consistency([], SUNDAYS)

    assert (result.kept, result.of, result.marks) == (0, 0, ())
    assert result.label == "Nothing to look back on yet — the first one is still ahead."


def test_the_first_one_done_is_said_simply() -> None:
    assert consistency(history("x"), SUNDAYS).label == "The first one is done."


def test_a_first_one_that_did_not_happen_is_met_kindly() -> None:
    assert consistency(history("."), SUNDAYS).label == (
        "The first one slipped by — the next is there whenever you are."
    )


def test_a_quiet_spell_is_not_counted_out_loud() -> None:
    result = consistency(history("....."), SUNDAYS)

    assert (result.kept, result.of) == (0, 5)
    assert result.label == "It's been a little while — the next one is there whenever you are."
    assert "0" not in result.label


@pytest.mark.parametrize("pattern", ["", "x", ".", "..", "x.", "x" * 10, "." * 10, "x.x.x."])
def test_no_label_shames_or_mentions_a_streak(pattern: str) -> None:
    for schedule in (SUNDAYS, EVENINGS):
        text = consistency(history(pattern, schedule), schedule).label.lower()
        assert not any(word in text for word in SHAMING), text


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        (Schedule("weekly", time(19), "UTC", date(2026, 1, 1), weekdays=(6,)), "sunday"),
        (Schedule("weekly", time(10), "UTC", date(2026, 1, 1), weekdays=(5,)), "saturday"),
        (Schedule("weekly", time(19), "UTC", date(2026, 1, 1), weekdays=(0, 3)), "time"),
        (
            Schedule("weekly", time(19), "UTC", date(2026, 1, 1), interval=2, weekdays=(6,)),
            "time",
        ),
        (Schedule("daily", time(7), "UTC", date(2026, 1, 1)), "morning"),
        (Schedule("daily", time(13), "UTC", date(2026, 1, 1)), "afternoon"),
        (Schedule("daily", time(18, 30), "UTC", date(2026, 1, 1)), "evening"),
        (Schedule("daily", time(22, 30), "UTC", date(2026, 1, 1)), "night"),
        (Schedule("monthly", time(10), "UTC", date(2026, 1, 1), monthly_nth=(6, 1)), "month"),
    ],
)
def test_each_occurrence_is_called_what_people_would_call_it(
    schedule: Schedule, expected: str
) -> None:
    assert noun(schedule) == expected


def test_every_other_week_is_counted_in_times_not_weeks() -> None:
    fortnightly = Schedule("weekly", time(19), "UTC", date(2025, 1, 5), interval=2, weekdays=(6,))

    assert consistency(history("xx.x", fortnightly), fortnightly).label == "3 of the last 4 times"


def test_monthly_rituals_are_counted_in_months() -> None:
    monthly = Schedule("monthly", time(10), "UTC", date(2025, 1, 1), monthly_nth=(6, 1))

    assert consistency(history("x.x", monthly), monthly).label == "2 of the last 3 months"


# --- Which occurrences count -------------------------------------------------------------------


def test_an_unmarked_occurrence_from_the_last_day_is_not_counted_yet() -> None:
    yesterday_evening = datetime(2026, 3, 3, 18, 30, tzinfo=UTC)
    two_days_ago = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)

    result = settled([two_days_ago, yesterday_evening], kept=set(), now=NOW)

    assert result == [(two_days_ago, False)]


def test_a_recent_occurrence_already_marked_done_counts_at_once() -> None:
    this_morning = datetime(2026, 3, 4, 7, tzinfo=UTC)

    assert settled([this_morning], kept={this_morning}, now=NOW) == [(this_morning, True)]


def test_one_moved_to_a_time_still_to_come_is_not_counted() -> None:
    last_sunday = datetime(2026, 3, 1, 19, tzinfo=UTC)

    assert settled([last_sunday], kept=set(), now=NOW, still_open={last_sunday}) == []


def test_future_occurrences_are_not_counted() -> None:
    next_sunday = datetime(2026, 3, 8, 19, tzinfo=UTC)

    assert settled([next_sunday], kept={next_sunday}, now=NOW) == []


def test_recent_instances_reach_back_far_enough_for_ten() -> None:
    found = recent_instances(SUNDAYS, NOW)

    assert len(found) >= 10
    assert found[-1] == datetime(2026, 3, 1, 19, tzinfo=UTC)
    assert all(moment < NOW for moment in found)
    assert found == sorted(found)


def test_recent_instances_stop_at_the_first_day() -> None:
    new = Schedule("weekly", time(19), "Europe/London", date(2026, 2, 20), weekdays=(6,))

    assert recent_instances(new, NOW) == [
        datetime(2026, 2, 22, 19, tzinfo=UTC),
        datetime(2026, 3, 1, 19, tzinfo=UTC),
    ]


def test_next_instances_are_the_next_five_in_order() -> None:
    found = next_instances(SUNDAYS, NOW)

    assert found == [datetime(2026, 3, d, 19, tzinfo=UTC) for d in (8, 15, 22)] + [
        datetime(2026, 3, 29, 18, tzinfo=UTC),  # 19:00 British Summer Time
        datetime(2026, 4, 5, 18, tzinfo=UTC),
    ]


def test_a_ritual_starting_months_ahead_still_has_a_next_time() -> None:
    later = Schedule("weekly", time(19), "UTC", date(2026, 9, 1), weekdays=(6,))

    assert next_instances(later, NOW, 1) == [datetime(2026, 9, 6, 19, tzinfo=UTC)]


def test_next_instances_of_a_monthly_ritual_reach_five_months_ahead() -> None:
    monthly = Schedule("monthly", time(10), "UTC", date(2025, 1, 1), monthly_nth=(4, -1))

    found = next_instances(monthly, NOW)

    assert [m.month for m in found] == [3, 4, 5, 6, 7]
    assert all(m - NOW < timedelta(days=160) for m in found)
