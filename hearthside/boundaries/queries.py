"""Which boundaries, versions and acknowledgements a person sees — each list asks
`hearthside.circles.visibility` first and only then narrows or orders what it returned."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from hearthside.boundaries.models import Acknowledgement, Boundary, BoundaryVersion
from hearthside.circles import visibility


def _base() -> QuerySet[Boundary]:
    return Boundary.objects.select_related("current", "circle", "author")


def mine(person: Any) -> QuerySet[Boundary]:
    return visibility.own_entries(_base(), person)


def shared_with(person: Any) -> QuerySet[Boundary]:
    """Others' boundaries shared with my circles, each marked with whether I acknowledged the
    words in force (`acknowledged`) or only an earlier version (`acknowledged_before`)."""
    mine_for_any = Acknowledgement.objects.filter(version__boundary=OuterRef("pk"), author=person)
    return visibility.shared_with_me(_base(), person).annotate(
        acknowledged=acknowledged_current(person), acknowledged_before=Exists(mine_for_any)
    )


def acknowledged_current(person: Any) -> Exists:
    """Whether `person` acknowledged the words now in force of the boundary queried."""
    return Exists(Acknowledgement.objects.filter(version=OuterRef("current"), author=person))


def waiting_for(person: Any) -> QuerySet[Boundary]:
    """Shared boundaries, new or changed, that I haven't acknowledged yet."""
    return shared_with(person).filter(~acknowledged_current(person), retired_at__isnull=True)


def reviews_due(person: Any, today: date) -> QuerySet[Boundary]:
    return mine(person).filter(retired_at__isnull=True, next_review_on__lte=today)


def visible_versions(boundary: Boundary, viewer: Any) -> list[BoundaryVersion]:
    """The versions `viewer` may read, newest first. The author sees them all. Members see the
    words that were in force when it was shared with them and every change since: what the
    author wrote while it was private stays private."""
    versions = list(boundary.versions.order_by("-number"))
    if boundary.author_id == getattr(viewer, "pk", None):
        return versions
    if boundary.shared_at is None:
        return []
    shown = []
    for version in versions:
        shown.append(version)
        if version.created_at <= boundary.shared_at:
            break  # the words they were first shown; anything older was private
    return shown


def acknowledgements(boundary: Boundary, viewer: Any) -> list[Acknowledgement]:
    """Acknowledgements of this boundary that `viewer` sees: all of them for the author (from
    people still in the circle), only their own for a member. Nobody else's reading is shown:
    acknowledging is an act, merely opening the page is not."""
    acks = visibility.visible_thread_items(
        Acknowledgement.objects.filter(version__boundary=boundary), viewer, "version__boundary"
    ).select_related("author", "version")
    if boundary.author_id != getattr(viewer, "pk", None):
        acks = acks.filter(author=viewer)
    return list(acks.order_by("created_at", "id"))
