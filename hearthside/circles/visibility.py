"""The privacy rule, in one place.

A person sees their own entries, and entries shared with a circle while they were a member of
it, for as long as both they and the author stay members, unless the author withdrew them.
Someone who joins (or re-joins) a circle starts fresh: what was said before they arrived was
said to the people who were there. Nothing else: not private
entries of others, not their counts. Every view, API route, export and notification asks this
module; none filters by hand.

Entry models follow one shape (see `hearthside.practice.models.Entry`): `author`, `circle`
(null means private) and `withdrawn_at`. Things that live inside an entry's thread (replies)
are visible exactly when their parent entry is, and while their own author is still there.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from hearthside.circles.models import Circle, Membership

M = TypeVar("M", bound=models.Model)
# Whoever is asking: a Person, an AnonymousUser or None. Anything that is not a signed-in
# person sees nothing, so callers can pass `request.user` as it is.
Viewer = Any


def _is_person(person: Viewer) -> bool:
    return (
        bool(getattr(person, "is_authenticated", False)) and getattr(person, "pk", None) is not None
    )


def circles_of(person: Viewer) -> models.QuerySet[Circle]:
    """The circles a person is an active member of (none for anonymous visitors)."""
    if not _is_person(person):
        return Circle.objects.none()
    return Circle.objects.filter(memberships__person=person, memberships__left_at__isnull=True)


def members_of(circle: Circle, joined_by: Any = None) -> list[Any]:
    """A circle's current members in the order they joined (the speaking order for repairs in
    turns). With `joined_by`, only those who were there by then: someone who joined later
    cannot see what began before (the rule above), so nothing may wait on them."""
    memberships = Membership.objects.active().filter(circle=circle)
    if joined_by is not None:
        memberships = memberships.filter(joined_at__lte=joined_by)
    return [m.person for m in memberships.select_related("person").order_by("joined_at", "id")]


def active_member(circle_ref: Any, person_ref: Any, *, joined_by: Any = None) -> Exists:
    """Whether `person_ref` is a current member of `circle_ref` (and, with `joined_by`, had
    joined by that moment)."""
    memberships = Membership.objects.filter(
        circle=circle_ref, person=person_ref, left_at__isnull=True
    )
    if joined_by is not None:
        memberships = memberships.filter(joined_at__lte=joined_by)
    return Exists(memberships)


def shared_q(person: Viewer, prefix: str = "") -> Q:
    """Q for entries (at `prefix`) shared with one of `person`'s circles, after `person` joined,
    by someone who is still a member."""
    circle = OuterRef(f"{prefix}circle")
    return Q(
        **{
            f"{prefix}circle__isnull": False,
            f"{prefix}withdrawn_at__isnull": True,
        }
    ) & Q(
        active_member(circle, person, joined_by=OuterRef(f"{prefix}created_at")),
        active_member(circle, OuterRef(f"{prefix}author")),
    )


def visible_entries(queryset: models.QuerySet[M], person: Viewer) -> models.QuerySet[M]:
    """Entries of `queryset` that `person` may see."""
    if not _is_person(person):
        return queryset.none()
    return queryset.filter(Q(author=person) | shared_q(person))  # type: ignore[arg-type]


def shared_with_me(queryset: models.QuerySet[M], person: Viewer) -> models.QuerySet[M]:
    """Entries others shared with `person`'s circles (their own excluded)."""
    if not _is_person(person):
        return queryset.none()
    return queryset.filter(shared_q(person)).exclude(author=person)  # type: ignore[arg-type]


def own_entries(queryset: models.QuerySet[M], person: Viewer) -> models.QuerySet[M]:
    if not _is_person(person):
        return queryset.none()
    return queryset.filter(author=person)


def visible_thread_items(
    queryset: models.QuerySet[M], person: Viewer, parent: str
) -> models.QuerySet[M]:
    """Items inside an entry's thread (e.g. replies to a share): visible when the parent entry
    is visible to `person` and the item's author is still in the circle (or is `person`).
    The parent's author sees the thread of their own entry even after withdrawing it."""
    if not _is_person(person):
        return queryset.none()
    p = f"{parent}__"
    parent_visible = Q(**{f"{p}author": person}) | shared_q(person, prefix=p)  # type: ignore[arg-type]
    item_author_here = Q(author=person) | Q(
        active_member(OuterRef(f"{p}circle"), OuterRef("author"))
    )
    return queryset.filter(parent_visible & item_author_here)


def get_visible_or_404(queryset: models.QuerySet[M], person: Viewer, **lookup: object) -> M:
    """Fetch one entry the person may see, or 404 — never 403, which would confirm it exists."""
    try:
        return visible_entries(queryset, person).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def get_own_or_404(queryset: models.QuerySet[M], person: Viewer, **lookup: object) -> M:
    try:
        return own_entries(queryset, person).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def get_circle_or_404(person: Viewer, pk: Any) -> Circle:
    """A circle the person is an active member of, or 404."""
    try:
        return circles_of(person).get(pk=pk)
    except Circle.DoesNotExist as exc:
        raise Http404 from exc


def is_member(person: Viewer, circle: Circle) -> bool:
    return _is_person(person) and circle.memberships.active().filter(person=person).exists()  # type: ignore[misc]


def visible_reflections(queryset: models.QuerySet[M], person: Viewer) -> models.QuerySet[M]:
    """Reflections on ruptures (items with `shared_parts`): my own in full; someone else's
    only when they shared at least one part, and then only those parts may be shown (the
    template asks `reflection.is_shared(part)`)."""
    if not _is_person(person):
        return queryset.none()
    return visible_thread_items(queryset, person, "rupture").filter(
        Q(author=person) | ~Q(shared_parts="")
    )


def circle_things(queryset: models.QuerySet[M], person: Viewer) -> models.QuerySet[M]:
    """Things that belong to a circle as a whole rather than to one author (rituals): every
    current member sees them, from whenever they joined."""
    if not _is_person(person):
        return queryset.none()
    return queryset.filter(circle__in=circles_of(person))


def visible_circle_notes(
    queryset: models.QuerySet[M], person: Viewer, circle_path: str
) -> models.QuerySet[M]:
    """Notes with `author`, a `shared` flag and `created_at`, kept in the circle reached at
    `circle_path` (e.g. ritual notes: "occurrence__ritual__circle"): my own, and others'
    shared ones written after I joined, by someone still in the circle — the entry rule."""
    if not _is_person(person):
        return queryset.none()
    circle = OuterRef(circle_path)
    shared = Q(shared=True) & Q(
        active_member(circle, person, joined_by=OuterRef("created_at")),
        active_member(circle, OuterRef("author")),
    )
    return queryset.filter(Q(author=person) | shared)
