"""Boundaries: what the worker does on each round (see hearthside.notify.schedule).

`due(since, now)` lists notifications that have become due, each gated by the privacy rule
through `GATES`:

- a review prompt to the author at 09:00 in their own time zone on the boundary's review day
  (one per boundary and day, so keeping it early or a second worker never doubles it);
- a note to the circle's members when a boundary is shared with it or its words change (one
  per version and person: a changed boundary asks again, a repeated round never does).

Notifications carry names and neutral words only — never a boundary's text or a review note:
"Alex shared a boundary in Alex & Sam". `act(now)` has nothing to do: boundaries have no timed
actions besides telling people.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from hearthside.boundaries.actions import note_key, review_key
from hearthside.boundaries.cadence import prompt_moment
from hearthside.boundaries.models import Boundary, BoundaryVersion
from hearthside.circles import visibility
from hearthside.notify.schedule import Due

GATE = "boundary"


def _visible(person: Any, pks: list[int]) -> QuerySet[Any]:
    return visibility.visible_entries(Boundary.objects.filter(pk__in=pks), person)


# gate kind -> (person, pks) -> the queryset of those things the person may see
GATES: dict[str, Callable[[Any, list[int]], QuerySet[Any]]] = {GATE: _visible}


def due(since: datetime, now: datetime) -> list[Due]:
    return [*review_prompts(since, now), *circle_notes(since, now)]


def act(now: datetime) -> int:
    return 0


# --- Review prompts ---------------------------------------------------------------------------


def review_prompts(since: datetime, now: datetime) -> list[Due]:
    # Every time zone's 09:00 on day D falls between D-1 and D+1 in UTC dates.
    boundaries = Boundary.objects.filter(
        retired_at__isnull=True,
        next_review_on__gte=since.date() - timedelta(days=1),
        next_review_on__lte=now.date() + timedelta(days=1),
    ).select_related("author")
    found = []
    for boundary in boundaries:
        day = boundary.next_review_on
        assert day is not None
        at = prompt_moment(day, boundary.author.time_zone)
        if not since < at <= now:
            continue
        found.append(
            Due(
                recipient=boundary.author,
                kind="boundary_review",
                key=review_key(boundary, day),
                due_at=at,
                url=reverse("boundary_review", args=[boundary.pk]),
                words=_review_words,
                gate=(GATE, boundary.pk),
            )
        )
    return found


def _review_words() -> tuple[str, str]:
    subject = _("A boundary to look at again")
    body = _(
        "Today is the day you chose to look at one of your boundaries again. Does it still fit? "
        "You can keep it, change it or let it go — whatever is true for you now. It only takes "
        "a minute."
    )
    return subject, body


# --- Notes to the circle ----------------------------------------------------------------------


def circle_notes(since: datetime, now: datetime) -> list[Due]:
    """For each boundary shared, or changed while shared, in (since, now]: a note to every
    member who can see it (the author aside), about the words now in force."""
    window = Q(created_at__gt=since, created_at__lte=now)
    changed = BoundaryVersion.objects.filter(
        window, boundary__circle__isnull=False, boundary__retired_at__isnull=True
    ).values_list("boundary_id", flat=True)
    boundaries = (
        Boundary.objects.filter(
            Q(pk__in=list(changed)) | Q(shared_at__gt=since, shared_at__lte=now),
            circle__isnull=False,
            retired_at__isnull=True,
            current__isnull=False,
        )
        .select_related("author", "circle", "current")
        .order_by("id")
    )
    found = []
    for boundary in boundaries:
        version = boundary.current
        assert version is not None and boundary.shared_at is not None and boundary.circle
        # Words older than the sharing were never news to anyone here: this is "shared".
        is_new = version.created_at <= boundary.shared_at
        at = max(version.created_at, boundary.shared_at)
        words = partial(
            _shared_words if is_new else _changed_words, boundary.author.name, boundary.circle.name
        )
        # Only those who were in the circle when it was shared can see it (the gate asks the
        # privacy rule again before anything is queued).
        for person in visibility.members_of(boundary.circle, joined_by=boundary.created_at):
            if person.pk == boundary.author_id:
                continue
            found.append(
                Due(
                    recipient=person,
                    kind="boundary_shared" if is_new else "boundary_changed",
                    key=note_key(boundary, version, person),
                    due_at=at,
                    url=reverse("boundary", args=[boundary.pk]),
                    words=words,
                    gate=(GATE, boundary.pk),
                )
            )
    return found


def _shared_words(name: str, circle: str) -> tuple[str, str]:
    values = {"name": name, "circle": circle}
    subject = _("%(name)s shared a boundary in %(circle)s") % values
    body = (
        _(
            "%(name)s wrote down something they need and shared it with %(circle)s. When you "
            "have a quiet moment, read it and let them know you'll respect it."
        )
        % values
    )
    return subject, body


def _changed_words(name: str, circle: str) -> tuple[str, str]:
    values = {"name": name, "circle": circle}
    subject = _("%(name)s changed a boundary in %(circle)s") % values
    body = (
        _(
            "%(name)s has put one of their boundaries in %(circle)s into new words. When you "
            "have a moment, read what it says now and let them know you'll respect it."
        )
        % values
    )
    return subject, body
