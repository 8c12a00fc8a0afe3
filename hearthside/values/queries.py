"""Fetching this practice's things for one person, always through the privacy rule in
`hearthside.circles.visibility`: the pages, the API, the Today card and the worker ask here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404

from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.practice.models import CheckIn, Share
from hearthside.values import actions
from hearthside.values.models import (
    CircleValue,
    HonestyMoment,
    Intention,
    Revisit,
    RevisitNote,
    ValuesSettings,
)

# --- Intentions ---------------------------------------------------------------------------------


def intentions(person: Any) -> QuerySet[Intention]:
    return visibility.visible_entries(Intention.objects.select_related("author", "circle"), person)


def my_intentions(person: Any) -> QuerySet[Intention]:
    return visibility.own_entries(Intention.objects.select_related("circle"), person)


def intentions_shared_with_me(person: Any) -> QuerySet[Intention]:
    return visibility.shared_with_me(Intention.objects.select_related("author", "circle"), person)


# --- Circle things ------------------------------------------------------------------------------


def items(person: Any) -> QuerySet[CircleValue]:
    return visibility.circle_things(CircleValue.objects.all(), person)


def item_or_404(person: Any, pk: Any) -> CircleValue:
    try:
        return items(person).select_related("circle").get(pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def revisits(person: Any) -> QuerySet[Revisit]:
    return visibility.circle_things(Revisit.objects.all(), person)


def revisit_or_404(person: Any, pk: Any) -> Revisit:
    try:
        return revisits(person).select_related("circle", "started_by", "finished_by").get(pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def notes(revisit: Revisit, person: Any) -> list[RevisitNote]:
    """The notes of one revisit this person may read: their own, and the circle's shared ones
    written after they joined, by people still there."""
    return list(
        visibility.visible_entries(RevisitNote.objects.filter(revisit=revisit), person)
        .select_related("author")
        .order_by("prompt", "created_at", "id")
    )


@dataclass
class CircleValues:
    """One circle's values and goals as one person sees them, with where revisits stand."""

    circle: Circle
    values: list[CircleValue] = field(default_factory=list)
    goals: list[CircleValue] = field(default_factory=list)
    settings: ValuesSettings | None = None
    open_revisit: Revisit | None = None
    today: date | None = None

    @property
    def due(self) -> bool:
        return self.open_revisit is None and actions.is_due(self.settings, self.today or date.min)

    @property
    def next_due_on(self) -> date | None:
        s = self.settings
        return s.next_due_on if s and s.every_months else None

    @property
    def goals_by_area(self) -> list[tuple[str, list[CircleValue]]]:
        grouped: dict[str, list[CircleValue]] = defaultdict(list)
        for goal in self.goals:
            grouped[goal.get_area_display()].append(goal)
        return list(grouped.items())


def circle_values(
    person: Any, today: date, circles: list[Circle] | None = None
) -> list[CircleValues]:
    """Each of my circles (or the ones given) with its current values and goals, its cadence
    and any open revisit: four queries however many circles."""
    if circles is None:
        circles = list(visibility.circles_of(person).order_by("name", "id"))
    by_circle = {c.pk: CircleValues(c, today=today) for c in circles}
    if not by_circle:
        return []
    ids = list(by_circle)
    for item in items(person).filter(circle_id__in=ids, retired_at__isnull=True):
        row = by_circle[item.circle_id]
        (row.goals if item.kind == CircleValue.Kind.GOAL else row.values).append(item)
    for s in visibility.circle_things(ValuesSettings.objects.filter(circle_id__in=ids), person):
        by_circle[s.circle_id].settings = s
    for revisit in revisits(person).filter(circle_id__in=ids, finished_at__isnull=True):
        by_circle[revisit.circle_id].open_revisit = revisit
    for row in by_circle.values():
        row.goals.sort(key=lambda g: (g.area, g.created_at, g.pk))
    return list(by_circle.values())


# --- Honesty moments ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """An honesty moment with the thing it points at, if the person may still see it."""

    moment: HonestyMoment
    share: Share | None
    checkin: CheckIn | None

    @property
    def gone(self) -> bool:
        return self.share is None and self.checkin is None


def my_moments(person: Any) -> list[Moment]:
    """My honesty moments, newest first. A share that was withdrawn, or whose author left, is
    no longer mine to read: the mark and my own words stay, the share's words do not."""
    return _with_targets(person, list(HonestyMoment.objects.filter(person=person)))


def my_moment_or_404(person: Any, pk: Any) -> Moment:
    """One of my honesty moments with what it points at, read as `my_moments` reads it."""
    return _with_targets(person, [moment_or_404(person, pk)])[0]


def _with_targets(person: Any, moments: list[HonestyMoment]) -> list[Moment]:
    share_ids = [m.share_id for m in moments if m.share_id]
    checkin_ids = [m.checkin_id for m in moments if m.checkin_id]
    shares = (
        {
            s.pk: s
            for s in visibility.visible_entries(
                Share.objects.filter(pk__in=share_ids), person
            ).select_related("author", "circle")
        }
        if share_ids
        else {}
    )
    checkins = (
        {
            c.pk: c
            for c in visibility.own_entries(CheckIn.objects.filter(pk__in=checkin_ids), person)
        }
        if checkin_ids
        else {}
    )
    return [
        Moment(
            m,
            shares.get(m.share_id) if m.share_id else None,
            checkins.get(m.checkin_id) if m.checkin_id else None,
        )
        for m in moments
    ]


def markable_share_or_404(person: Any, pk: Any) -> Share:
    """A share I may mark: my own, or one shared with me (and still there)."""
    return visibility.get_visible_or_404(Share.objects.all(), person, pk=pk)


def markable_checkin_or_404(person: Any, pk: Any) -> CheckIn:
    return visibility.get_own_or_404(CheckIn.objects.all(), person, pk=pk)


def moment_or_404(person: Any, pk: Any) -> HonestyMoment:
    try:
        return HonestyMoment.objects.get(person=person, pk=pk)
    except (HonestyMoment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
