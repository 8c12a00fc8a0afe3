"""Rituals kept on the insights pages read exactly as on the rituals page ("8 of the last 10
Sundays"), however old the ritual, and count what was kept in the period."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone

from conftest import Personas
from hearthside.insights import compute, gather
from hearthside.rituals.consistency import from_near
from hearthside.rituals.models import Occurrence, Ritual
from hearthside.rituals.recurrence import Schedule, between
from hearthside.rituals.views import ritual_rows

SCHEDULES = [
    Schedule("daily", time(21, 0), "Europe/London", date(2016, 2, 29)),
    Schedule("daily", time(7, 30), "Europe/London", date(2019, 6, 3), interval=3),
    Schedule("weekly", time(19, 0), "Europe/London", date(2018, 1, 3), weekdays=(1, 3)),
    Schedule("weekly", time(19, 0), "America/New_York", date(2020, 5, 6), interval=2),
    Schedule("weekly", time(2, 30), "Europe/London", date(2017, 3, 1), interval=3, weekdays=(6,)),
    Schedule("monthly", time(10, 0), "Europe/London", date(2015, 8, 9), monthly_nth=(4, -1)),
]


@pytest.mark.parametrize("schedule", SCHEDULES, ids=lambda s: f"{s.freq}-{s.interval}-{s.tz}")
def test_starting_a_rule_later_by_whole_steps_changes_no_occurrence(schedule: Schedule) -> None:
    now = datetime(2026, 3, 30, 12, 0, tzinfo=UTC)  # just after a clock change
    window = (now - timedelta(days=400), now)
    shortened = from_near(schedule, now - timedelta(days=300))
    assert shortened.starts_on >= schedule.starts_on
    assert between(shortened, window[0] + timedelta(days=320), now) == between(
        schedule, window[0] + timedelta(days=320), now
    )


def _ritual(people: Personas, title: str, schedule: Schedule, made: date) -> Ritual:
    ritual = Ritual.objects.create(
        circle=people.partners,
        title=title,
        freq=schedule.freq,
        interval=schedule.interval,
        weekdays=",".join(str(d) for d in schedule.weekdays),
        monthly_day=schedule.monthly_nth[0] if schedule.monthly_nth else None,
        monthly_nth=schedule.monthly_nth[1] if schedule.monthly_nth else None,
        at=schedule.at,
        time_zone=schedule.tz,
        starts_on=schedule.starts_on,
        created_at=datetime.combine(made, time(9), tzinfo=UTC),
    )
    now = timezone.now()
    for index, moment in enumerate(between(ritual.schedule(), now - timedelta(days=400), now)):
        if index % 4 == 1:
            continue  # nothing recorded: it slipped by
        status = ("done", "skipped", "done", "moved")[index % 4]
        Occurrence.objects.create(
            ritual=ritual,
            scheduled_for=moment,
            status=status,
            moved_to=now + timedelta(hours=5) if status == "moved" else None,
        )
    return ritual


def test_consistency_matches_the_rituals_page_for_old_and_new_rituals(people: Personas) -> None:
    rituals = [
        _ritual(people, f"Ritual {i}", schedule, made)
        for i, (schedule, made) in enumerate(
            [(s, s.starts_on) for s in SCHEDULES] + [(SCHEDULES[2], date(2026, 2, 20))]
        )
    ]
    rituals = list(Ritual.objects.filter(pk__in=[r.pk for r in rituals]).select_related("circle"))
    period = compute.period_for("90d", date(2026, 3, 4))

    ours = gather._rituals_kept(rituals, people.alex, [], period)
    theirs = ritual_rows(rituals, people.alex)

    assert [(k.kept, k.of, k.label, k.marks) for k in ours] == [
        (r.consistency.kept, r.consistency.of, r.consistency.label, r.consistency.marks)
        for r in theirs
    ]
    assert any(k.of == 10 for k in ours) and any(k.of < 10 for k in ours)
