"""The insights arithmetic, on plain values: no database, no clock, no Django."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hearthside.insights import compute
from hearthside.insights.compute import CheckInRow, Period

LONDON = ZoneInfo("Europe/London")
AUCKLAND = ZoneInfo("Pacific/Auckland")
TODAY = date(2026, 3, 4)  # a Wednesday


def at(day: date, hour: int = 12, minute: int = 0, zone: ZoneInfo = LONDON) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def checkin(day: date, mood: int | None = 3, **words: tuple[str, ...]) -> CheckInRow:
    return CheckInRow(at(day), mood, **words)


def test_the_module_imports_no_django() -> None:
    code = "import sys, hearthside.insights.compute; print('django' in sys.modules)"
    out = subprocess.run(  # noqa: S603 (our interpreter, our code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


# --- Periods and buckets --------------------------------------------------------------------


def test_a_period_ends_today_and_counts_its_days_inclusively() -> None:
    period = compute.period_for("90d", TODAY)
    assert (period.first, period.last, period.days) == (date(2025, 12, 5), TODAY, 90)
    assert period.granularity == "week"
    assert compute.period_for("1y", TODAY).days == 365
    assert compute.period_for("1y", TODAY).granularity == "month"


def test_all_time_starts_at_the_first_thing_there_is_and_unknown_keys_get_the_default() -> None:
    assert compute.period_for("all", TODAY, date(2020, 5, 17)).first == date(2020, 5, 17)
    assert compute.period_for("all", TODAY).first == TODAY
    assert compute.period_for("forever", TODAY).key == compute.DEFAULT_PERIOD


def test_weeks_start_on_monday_and_months_on_the_first() -> None:
    weekly = Period("90d", date(2026, 2, 25), TODAY)
    assert weekly.buckets() == [date(2026, 2, 23), date(2026, 3, 2)]
    monthly = Period("1y", date(2025, 3, 30), TODAY)
    assert monthly.granularity == "month"
    buckets = monthly.buckets()
    assert (len(buckets), buckets[0], buckets[1], buckets[-1]) == (
        13,
        date(2025, 3, 1),
        date(2025, 4, 1),
        date(2026, 3, 1),
    )
    assert monthly.bucket(date(2025, 12, 31)) == date(2025, 12, 1)


# --- Days in the person's own time zone -----------------------------------------------------


def test_a_late_evening_check_in_belongs_to_that_local_evening() -> None:
    # 23:30 in London in summer is 22:30 UTC: the same local day.
    summer = datetime(2025, 7, 1, 22, 30, tzinfo=UTC)
    assert compute.local_day(summer, LONDON) == date(2025, 7, 1)
    # 00:30 in London in summer is still the previous day in UTC, but the next day locally.
    just_after_midnight = datetime(2025, 6, 30, 23, 30, tzinfo=UTC)
    assert compute.local_day(just_after_midnight, LONDON) == date(2025, 7, 1)
    # Auckland is a day ahead of UTC most of the time.
    assert compute.local_day(datetime(2026, 3, 4, 12, 0, tzinfo=UTC), AUCKLAND) == date(2026, 3, 5)


def test_days_around_the_clock_changes_are_whole_local_days() -> None:
    # London springs forward at 01:00 UTC on 29 March 2026 and falls back on 25 October 2026.
    rows = [
        CheckInRow(datetime(2026, 3, 28, 23, 59, tzinfo=UTC), 2),  # 23:59 GMT, the 28th
        CheckInRow(datetime(2026, 3, 29, 0, 30, tzinfo=UTC), 4),  # 00:30 GMT, the 29th
        CheckInRow(datetime(2026, 3, 29, 22, 30, tzinfo=UTC), 4),  # 23:30 BST, the 29th
        CheckInRow(datetime(2026, 3, 29, 23, 30, tzinfo=UTC), 5),  # 00:30 BST, the 30th
        CheckInRow(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), 1),  # 01:30 BST, the 25th
        CheckInRow(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), 3),  # 01:30 GMT, the 25th again
        CheckInRow(datetime(2026, 10, 25, 23, 30, tzinfo=UTC), 5),  # 23:30 GMT, the 25th
    ]
    days = compute.days_of(rows, LONDON)
    assert sorted(days) == [
        date(2026, 3, 28),
        date(2026, 3, 29),
        date(2026, 3, 30),
        date(2026, 10, 25),
    ]
    assert days[date(2026, 3, 29)].checkins == 2
    assert days[date(2026, 10, 25)].checkins == 3
    assert days[date(2026, 10, 25)].mood == 3.0


def test_weekly_buckets_across_a_clock_change_stay_on_mondays() -> None:
    period = Period("90d", date(2026, 3, 16), date(2026, 4, 12))
    assert period.buckets() == [date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30),
                                date(2026, 4, 6)]  # fmt: skip


def test_a_day_counts_each_word_once_and_averages_its_moods() -> None:
    day = date(2026, 3, 2)
    days = compute.days_of(
        [
            checkin(day, 2, feelings=("tired", "anxious")),
            checkin(day, 4, feelings=("tired",), body_signals=("sleepy",)),
            checkin(day, None, needs=("rest",)),
        ],
        LONDON,
    )
    found = days[day]
    assert (found.checkins, found.mood) == (3, 3.0)
    assert found.feelings == {"tired", "anxious"}
    assert found.needs == {"rest"} and found.body_signals == {"sleepy"}


@pytest.mark.parametrize(
    ("mood", "level"), [(None, None), (1.0, 1), (1.49, 1), (2.5, 3), (3.5, 4), (4.6, 5), (5.0, 5)]
)
def test_a_days_mood_rounds_halves_up_onto_the_scale(mood: float | None, level: int | None) -> None:
    assert compute.mood_level(mood) == level


# --- The weather map ------------------------------------------------------------------------


def test_the_weather_map_is_one_calendar_per_month_monday_first() -> None:
    days = compute.days_of([checkin(date(2026, 3, 2), 5), checkin(date(2026, 2, 27), 1)], LONDON)
    period = Period("90d", date(2026, 2, 20), TODAY)
    grids = compute.weather_map(days, period)

    assert [g.month for g in grids] == [date(2026, 2, 1), date(2026, 3, 1)]
    february, march = grids
    # 1 February 2026 is a Sunday: six empty cells before it.
    assert february.weeks[0][:6] == (None,) * 6
    assert february.weeks[0][6] is not None and february.weeks[0][6].day == date(2026, 2, 1)
    assert all(len(week) == 7 for g in grids for week in g.weeks)
    cells = {c.day: c for g in grids for week in g.weeks for c in week if c is not None}
    assert not cells[date(2026, 2, 19)].in_period and cells[date(2026, 2, 20)].in_period
    assert cells[date(2026, 2, 27)].level == 1
    assert cells[date(2026, 3, 2)].level == 5
    assert cells[date(2026, 3, 3)].checkins == 0 and cells[date(2026, 3, 3)].in_period
    assert not cells[date(2026, 3, 5)].in_period  # tomorrow
    assert march.days_checked_in == 1


def test_the_weather_map_shows_at_most_twelve_months() -> None:
    days = compute.days_of(
        [checkin(date(2016, 1, 1) + timedelta(days=i)) for i in range(3700)], LONDON
    )
    grids = compute.weather_map(days, Period("all", date(2016, 1, 1), TODAY))
    assert len(grids) == compute.MAP_MONTHS
    assert grids[0].month == date(2025, 4, 1) and grids[-1].month == date(2026, 3, 1)


def test_the_weather_map_starts_at_the_first_month_with_a_check_in() -> None:
    period = Period("1y", date(2025, 3, 5), TODAY)
    days = compute.days_of([checkin(date(2026, 1, 20)), checkin(date(2024, 5, 1))], LONDON)
    assert [g.month for g in compute.weather_map(days, period)] == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]
    assert [g.month for g in compute.weather_map({}, period)] == [date(2026, 3, 1)]


def test_the_weather_summary_counts_days_at_each_level() -> None:
    days = compute.days_of(
        [
            checkin(TODAY, 4),
            checkin(TODAY - timedelta(days=1), 4),
            checkin(date(2020, 1, 1), 1),
            checkin(TODAY - timedelta(days=2), None),
        ],
        LONDON,
    )
    summary = compute.weather_summary(days, compute.period_for("90d", TODAY))
    assert summary.days_checked_in == 3
    assert summary.days_with_mood == 2
    assert summary.levels == (0, 0, 0, 2, 0)
    assert summary.most_common_level == 4


def test_no_check_ins_means_no_most_common_mood() -> None:
    assert compute.weather_summary({}, compute.period_for("90d", TODAY)).most_common_level is None


# --- Words, series and themes ---------------------------------------------------------------


def test_recurring_words_count_each_group_once_and_need_two_by_default() -> None:
    groups = [("tired", "tired", "calm"), ("tired",), ("hopeful",), ("calm",)]
    assert compute.recurring(groups) == (
        compute.WordCount("calm", 2),
        compute.WordCount("tired", 2),
    )
    assert compute.recurring(groups, at_least=1, top=1) == (compute.WordCount("calm", 2),)


def test_mood_and_feelings_over_time_fill_every_bucket() -> None:
    days = compute.days_of(
        [
            checkin(date(2026, 2, 24), 2, feelings=("anxious", "optimistic")),
            checkin(date(2026, 3, 3), 4, feelings=("calm",)),
            checkin(date(2026, 3, 4), 5, feelings=("calm", "tired")),
        ],
        LONDON,
    )
    period = Period("90d", date(2026, 2, 16), TODAY)
    assert compute.mood_series(days, period) == [
        compute.MoodBucket(date(2026, 2, 16), None, 0),
        compute.MoodBucket(date(2026, 2, 23), 2.0, 1),
        compute.MoodBucket(date(2026, 3, 2), 4.5, 2),
    ]
    assert [(b.pleasant, b.unpleasant) for b in compute.feeling_series(days, period)] == [
        (0, 0),
        (1, 1),
        (2, 1),
    ]


def test_needs_over_time_follow_the_most_named_needs() -> None:
    days = compute.days_of(
        [
            checkin(date(2026, 2, 24), needs=("rest", "reassurance")),
            checkin(date(2026, 3, 3), needs=("rest",)),
            checkin(date(2026, 3, 4), needs=("rest", "play")),
        ],
        LONDON,
    )
    period = Period("90d", date(2026, 2, 23), TODAY)
    series = compute.word_series(days, period, lambda d: d.needs, top=2)
    assert series == [
        compute.WordSeries("rest", 3, (1, 2)),
        compute.WordSeries("play", 1, (0, 1)),
    ]


def test_trigger_words_are_meaningful_words_shared_by_two_reflections() -> None:
    rows = [
        compute.ReflectionRow(
            ("hurt",), ("reassurance",), "Being left out at my brother's wedding, like school."
        ),
        compute.ReflectionRow(
            ("hurt", "lonely"), ("reassurance", "belonging"), "Left out again, just like school"
        ),
        compute.ReflectionRow(
            (), ("belonging",), "My Brother\N{RIGHT SINGLE QUOTATION MARK}s silence."
        ),
    ]
    themes = compute.trigger_themes(rows)
    assert themes.reflections == 3
    assert themes.feelings[0] == compute.WordCount("hurt", 2)
    assert {w.slug for w in themes.needs} == {"reassurance", "belonging"}
    assert {w.slug: w.count for w in themes.words} == {"brother": 2, "left": 2, "school": 2}


def test_words_in_drops_short_and_filler_words() -> None:
    assert compute.words_in("When you were late again I felt that old panic") == {"late", "panic"}


# --- Self-regulation ------------------------------------------------------------------------


def test_tool_changes_average_only_sessions_rated_both_ways_once_there_are_enough() -> None:
    rows = [
        compute.CalmRow("breathe", 8, 5),
        compute.CalmRow("breathe", 6, 3),
        compute.CalmRow("breathe", 7, None),
        compute.CalmRow("breathe", 7, 4),
        compute.CalmRow("ground", 5, 5),
        compute.CalmRow("unknown", 9, 1),
    ]
    breathe, ground = compute.tool_changes(rows, ("breathe", "ground"), enough=3)
    assert (breathe.sessions, breathe.rated, breathe.before, breathe.after) == (4, 3, 7.0, 4.0)
    assert breathe.drop == 3.0 and breathe.enough
    assert (ground.rated, ground.before, ground.drop, ground.enough) == (1, None, None, False)


# --- Comparisons ----------------------------------------------------------------------------


def _moods(n: int, start: date = date(2025, 1, 1), mood: float = 3.0) -> dict[date, float]:
    return {start + timedelta(days=i): mood for i in range(n)}


def test_a_comparison_says_nothing_below_the_threshold_on_either_side() -> None:
    moods = _moods(13, mood=4.0) | _moods(40, start=date(2025, 6, 1), mood=3.0)
    thirteen = compute.compare("rituals", moods, _moods(13))
    assert (thirteen.with_days, thirteen.without_days) == (13, 40)
    assert not thirteen.enough
    assert (thirteen.with_mood, thirteen.without_mood, thirteen.difference) == (None, None, None)

    moods[date(2025, 1, 14)] = 4.0
    fourteen = compute.compare("rituals", moods, _moods(14))
    assert fourteen.enough
    assert (fourteen.with_mood, fourteen.without_mood, fourteen.difference) == (4.0, 3.0, 1.0)


def test_the_other_side_needs_enough_days_too() -> None:
    moods = _moods(30)
    assert not compute.compare("rituals", moods, list(moods)[:20]).enough  # 20 with, 10 without


def test_flagged_days_without_a_mood_are_not_counted() -> None:
    found = compute.compare("rituals", _moods(5), [date(2024, 1, 1), date(2025, 1, 2)])
    assert (found.with_days, found.without_days, found.days) == (1, 4, 5)


def test_a_signal_covers_its_days_and_an_open_one_stops_after_a_week() -> None:
    spans = [
        (at(date(2026, 2, 1), 21), at(date(2026, 2, 3), 8)),
        (at(date(2026, 2, 20), 23, 30), None),
        (at(date(2026, 3, 3), 9), None),
    ]
    covered = compute.days_between(spans, LONDON, TODAY)
    assert {date(2026, 2, d) for d in (1, 2, 3)} <= covered
    assert {date(2026, 2, 20) + timedelta(days=i) for i in range(7)} <= covered
    assert date(2026, 2, 27) not in covered
    assert {date(2026, 3, 3), date(2026, 3, 4)} <= covered and date(2026, 3, 5) not in covered


def test_tag_comparisons_follow_the_most_logged_body_signals_and_needs() -> None:
    rows = [
        checkin(date(2026, 1, 1) + timedelta(days=i), 2 if i % 2 else 4,
                body_signals=("sleepy",) if i % 2 else ("steady",) if i % 3 == 0 else ())
        for i in range(60)
    ]  # fmt: skip
    days = compute.days_of(rows, LONDON)
    period = Period("90d", date(2026, 1, 1), TODAY)
    sleepy, steady = compute.tag_comparisons(days, period, body_top=2, needs_top=0)
    assert sleepy.key == "body:sleepy"
    assert (sleepy.with_days, sleepy.without_days, sleepy.difference) == (30, 30, -2.0)
    assert steady.key == "body:steady" and steady.with_days == 10 and not steady.enough
    sleep_days = compute.days_of([checkin(date(2026, 2, 1), 2, needs=("sleep", "rest"))], LONDON)
    needs = compute.tag_comparisons(sleep_days, period, body_top=0, needs_top=1)
    assert [c.key for c in needs] == ["need:rest"]  # ties go alphabetically


# --- A circle -------------------------------------------------------------------------------


def test_circle_moments_are_counted_per_local_bucket_and_balanced() -> None:
    period = Period("90d", date(2026, 2, 23), TODAY)
    moments = compute.CircleMoments(
        understanding=[at(date(2026, 2, 24)), at(date(2026, 3, 2))],
        appreciations=[at(date(2026, 3, 1), 23, 30)],  # Sunday night: still the first week
        needs_met=[at(date(2026, 3, 3))],
        rituals_kept=[at(date(2026, 3, 1), 19), at(date(2025, 1, 5))],  # one long before
        ruptures=[at(date(2026, 3, 2))],
        pauses=[],
    )
    first, second = compute.circle_series(moments, period, LONDON)
    assert (first.understanding, first.appreciations, first.rituals_kept) == (1, 1, 1)
    assert (second.understanding, second.needs_met, second.ruptures) == (1, 1, 1)
    assert (first.positive, first.difficult, second.positive, second.difficult) == (3, 0, 2, 1)
    total = compute.balance([first, second])
    assert (total.positive, total.difficult, total.ratio) == (5, 1, 5.0)


def test_no_difficult_moments_means_no_ratio_rather_than_infinity() -> None:
    assert compute.Balance(3, 2, 1, 4, 0, 0).ratio is None
    assert compute.Balance(3, 2, 1, 4, 2, 1).ratio == 3.3


def test_repairs_report_time_to_repair_and_trust() -> None:
    start = datetime(2026, 2, 1, 20, 0, tzinfo=UTC)
    rows = [
        compute.RuptureRow(1, "Dishes", start, start + timedelta(hours=3), (True, True)),
        compute.RuptureRow(
            2, "Visit", start + timedelta(days=5), start + timedelta(days=7), (True, True)
        ),
        compute.RuptureRow(3, "Money", start + timedelta(days=9), start + timedelta(days=10), ()),
        compute.RuptureRow(4, "Phone", start + timedelta(days=20), None, (True, False)),
    ]
    summary = compute.repair_summary(rows, LONDON)
    assert (summary.ruptures, summary.open, summary.closed) == (4, 1, 3)
    assert summary.trust_reestablished == 2
    assert summary.median_hours == 24.0
    assert [i.id for i in summary.items] == [4, 3, 2, 1]
    assert summary.items[-1].hours == 3.0 and summary.items[0].closed is None


def test_commitments_are_kept_when_everyone_who_checked_back_said_yes() -> None:
    rows = [
        compute.CommitmentRow(date(2026, 2, 1), ("yes", "yes")),
        compute.CommitmentRow(date(2026, 2, 2), ("yes",)),
        compute.CommitmentRow(date(2026, 2, 3), ("yes", "partly")),
        compute.CommitmentRow(date(2026, 2, 4), ("no", "yes")),
        compute.CommitmentRow(date(2026, 2, 5), ("no",)),
        compute.CommitmentRow(TODAY, ()),
        compute.CommitmentRow(TODAY + timedelta(days=1), ()),
    ]
    summary = compute.commitment_summary(rows, TODAY)
    assert (summary.total, summary.kept, summary.partly, summary.not_yet) == (7, 2, 2, 1)
    assert (summary.waiting, summary.ahead, summary.checked) == (1, 1, 5)
