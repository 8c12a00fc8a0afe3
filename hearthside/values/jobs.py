"""Intentions, values and goals: what the worker does each round (see notify.schedule).

`due(since, now)` lists notifications that have become due (each gated by the privacy rule
through `GATES`); `act(now)` does timed work that is not a notification. Both must be
idempotent: the worker runs them every few seconds, and two workers may run at once.

The one notification here: on the day a circle's revisit is due, at 09:00 in each member's own
time zone, "time to look at your values again", unless a revisit is already under way. Its
key names the circle, the due day and the person, so it is queued once however often we run.
It carries the circle's name and neutral words only: never a value, a goal or a note.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from hearthside.circles import visibility
from hearthside.notify.schedule import Due
from hearthside.rituals.recurrence import place
from hearthside.values.actions import revisit_key
from hearthside.values.models import Revisit, ValuesSettings
from hearthside.zones import zone_named

REMIND_AT = time(9, 0)
GATE = "values_circle"


def _circles_seen_by(person: Any, pks: list[int]) -> QuerySet[Any]:
    # The reminder is about the circle's values as a whole: a current member may hear of it.
    return visibility.circles_of(person).filter(pk__in=pks)


# gate kind -> (person, pks) -> the queryset of those things the person may see
GATES: dict[str, Callable[[Any, list[int]], QuerySet[Any]]] = {GATE: _circles_seen_by}


def due(since: datetime, now: datetime) -> list[Due]:
    # 09:00 on day D falls between D-1 and D+1 in UTC dates, whatever the time zone.
    candidates = list(
        ValuesSettings.objects.filter(
            every_months__gt=0,
            next_due_on__gte=since.date() - timedelta(days=1),
            next_due_on__lte=now.date() + timedelta(days=1),
        ).select_related("circle")
    )
    if not candidates:
        return []
    busy = set(
        Revisit.objects.filter(
            circle_id__in=[s.circle_id for s in candidates], finished_at__isnull=True
        ).values_list("circle_id", flat=True)
    )
    found: list[Due] = []
    for values_settings in candidates:
        day = values_settings.next_due_on
        if day is None or values_settings.circle_id in busy:
            continue
        circle = values_settings.circle
        for person in visibility.members_of(circle):
            at = reminder_time(day, person.time_zone)
            if since < at <= now:
                found.append(
                    Due(
                        recipient=person,
                        kind="values_revisit",
                        key=revisit_key(circle, day, person),
                        due_at=at,
                        url=reverse("values_circle", args=[circle.pk]),
                        words=partial(_revisit_words, circle.name),
                        gate=(GATE, circle.pk),
                    )
                )
    return found


def _revisit_words(circle_name: str) -> tuple[str, str]:
    subject = _("Time to look at your values again")
    body = _(
        "Today is the day %(circle)s chose to look at its values and goals together. Ten "
        "unhurried minutes is plenty, whenever you can be together — and if today doesn't "
        "suit, another day is fine."
    ) % {"circle": circle_name}
    return subject, body


def act(now: datetime) -> int:
    return 0


def reminder_time(day: date, time_zone: str) -> datetime:
    """When the reminder for a revisit due on `day` reaches someone in `time_zone` (UTC)."""
    return place(datetime.combine(day, REMIND_AT), zone_named(time_zone).key)
