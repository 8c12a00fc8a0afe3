"""Each chart's one-sentence reading: plain words, the days behind a number, and nothing the
numbers don't hold."""

from __future__ import annotations

from datetime import date

import pytest

from hearthside.insights import compute, readings


@pytest.mark.parametrize(
    ("value", "text"), [(3.0, "3"), (3.25, "3.2"), (3.26, "3.3"), (10.0, "10"), (0.5, "0.5")]
)
def test_numbers_read_as_people_write_them(value: float, text: str) -> None:
    assert readings.num(value) == text


def comparison(with_mood: float | None, without_mood: float | None) -> compute.Comparison:
    return compute.Comparison("body:sleepy", 20, 30, with_mood, without_mood)


def test_a_comparison_says_higher_or_lower_with_the_days_behind_it() -> None:
    assert readings.comparison(comparison(3.8, 3.1)) == (
        "Your mood averaged 3.8 on days you noted “sleepy” and 3.1 on other days, 0.7 higher "
        "(20 and 30 days)."
    )
    assert "0.5 lower (20 and 30 days)" in readings.comparison(comparison(2.6, 3.1))


def test_a_small_difference_reads_as_about_the_same() -> None:
    assert readings.comparison(comparison(3.2, 3.1)).startswith("About the same:")


def test_too_few_days_say_so_and_show_no_average() -> None:
    few = compute.Comparison("rituals", 13, 40, None, None)
    text = readings.comparison(few)
    assert text.startswith("Not enough data yet: 13 days one of your circles kept a ritual")
    assert "40 other days" in text and "14 of each" in text
    assert "averaged" not in text


def test_a_need_tag_names_the_need() -> None:
    assert readings.comparison_subject("need:sleep") == "days you named a need for “sleep”"


@pytest.mark.parametrize(
    ("hours", "text"),
    [(0.4, "under an hour"), (1.0, "about 1 hour"), (26.0, "about 26 hours"), (60, "about 2 days")],
)
def test_time_to_repair_in_words(hours: float, text: str) -> None:
    assert readings.duration(hours) == text


def test_the_balance_reads_as_a_ratio_only_when_there_is_one() -> None:
    assert readings.balance(compute.Balance(3, 4, 1, 8, 2, 1)) == (
        "About 5.3 positive moments for every difficult one in this period (16 positive, "
        "3 difficult)."
    )
    assert "no ratio to show" in readings.balance(compute.Balance(1, 0, 0, 0, 0, 0))
    assert readings.balance(compute.Balance(0, 0, 0, 0, 0, 0)) == (
        "Nothing to weigh yet in this period."
    )


def test_mood_over_time_compares_the_last_two_buckets_with_mood() -> None:
    buckets = [
        compute.MoodBucket(date(2026, 1, 1), 3.0, 20),
        compute.MoodBucket(date(2026, 2, 1), 3.6, 18),
        compute.MoodBucket(date(2026, 3, 1), None, 0),
    ]
    assert readings.mood_over_time(buckets, "month") == (
        "Your mood averaged 3.6 out of 5 in February 2026, up from 3 in January 2026."
    )
    weekly = [compute.MoodBucket(date(2026, 3, 2), 2.5, 3)]
    assert readings.mood_over_time(weekly, "week") == (
        "Your mood averaged 2.5 out of 5 in the week of 2 March."
    )


def test_commitments_count_only_those_checked_back_on() -> None:
    summary = compute.CommitmentSummary(total=4, kept=2, partly=1, not_yet=0, waiting=1, ahead=0)
    assert readings.commitments(summary) == (
        "2 of 3 commitments checked back on were kept, by what each of you said."
    )
