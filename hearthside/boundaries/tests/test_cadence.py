"""When a boundary comes up for review: pure date arithmetic, in the author's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hearthside.boundaries.cadence import local_day, next_review, prompt_moment


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 3, 4), 1, date(2026, 4, 4)),
        (date(2026, 3, 4), 3, date(2026, 6, 4)),
        (date(2026, 3, 4), 6, date(2026, 9, 4)),
        (date(2026, 3, 4), 12, date(2027, 3, 4)),
        # A shorter month ends early rather than spilling into the next one.
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
    ],
)
def test_the_next_review_is_whole_months_later(start: date, months: int, expected: date) -> None:
    assert next_review(start, months) == expected


def test_no_reviews_means_no_review_day() -> None:
    assert next_review(date(2026, 3, 4), 0) is None


def test_today_is_the_authors_own_day() -> None:
    late_in_london = datetime(2026, 3, 4, 23, 30, tzinfo=UTC)

    assert local_day(late_in_london, "Europe/London") == date(2026, 3, 4)
    assert local_day(late_in_london, "Asia/Tokyo") == date(2026, 3, 5)
    assert local_day(late_in_london, "America/Los_Angeles") == date(2026, 3, 4)


def test_an_unknown_time_zone_counts_as_utc() -> None:
    assert local_day(datetime(2026, 3, 4, 23, 30, tzinfo=UTC), "Not/AZone") == date(2026, 3, 4)
    assert prompt_moment(date(2026, 3, 4), "") == datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def test_prompts_arrive_at_nine_local_time_whatever_the_season() -> None:
    # London is on UTC in winter and an hour ahead in summer.
    assert prompt_moment(date(2026, 3, 4), "Europe/London") == datetime(2026, 3, 4, 9, tzinfo=UTC)
    assert prompt_moment(date(2026, 7, 4), "Europe/London") == datetime(2026, 7, 4, 8, tzinfo=UTC)
    # The morning the clocks go forward (29 March 2026 at 01:00 UTC) is already summer time.
    assert prompt_moment(date(2026, 3, 29), "Europe/London") == datetime(2026, 3, 29, 8, tzinfo=UTC)
    assert prompt_moment(date(2026, 3, 4), "Asia/Tokyo") == datetime(2026, 3, 4, 0, tzinfo=UTC)
