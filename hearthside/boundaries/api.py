"""Boundaries: JSON API routes under /api/v1/boundaries/, registered by hearthside.api.routes.

The same rules as the pages: a boundary is seen by its author, and by the members of the circle
it is shared with (`visibility.visible_entries`); changing, reviewing and retiring are the
author's alone (`get_own_or_404`). Anything a caller may not see, or may not change, is 404 —
the same as a boundary that does not exist. What someone may see but the action doesn't fit
(acknowledging your own, changing a retired one) is 409 with a reason.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import NinjaAPI, Router, Status

from hearthside.api.auth import caller
from hearthside.api.schemas import Limit, Message, Offset
from hearthside.boundaries import actions, queries
from hearthside.boundaries.models import Acknowledgement, Boundary, Review
from hearthside.boundaries.schemas import (
    AcknowledgementOut,
    BoundaryDetailOut,
    BoundaryIn,
    BoundaryOut,
    RetireIn,
    ReviewIn,
)
from hearthside.circles import visibility

router = Router(tags=["boundaries"])


def register(api: NinjaAPI) -> None:
    """Add this practice's routers to `api`."""
    api.add_router("", router)


def _base() -> Any:
    return Boundary.objects.select_related("current", "circle", "author")


def _out(boundary: Boundary, viewer: Any, acknowledged: bool | None = None) -> dict[str, Any]:
    version = boundary.current
    assert version is not None
    own = boundary.author_id == viewer.pk
    if not own and acknowledged is None:
        acknowledged = Acknowledgement.objects.filter(version=version, author=viewer).exists()
    return {
        "id": boundary.pk,
        "author": boundary.author,
        "circle_id": boundary.circle_id,
        "visibility": "shared" if boundary.circle_id else "private",
        "need": version.need,
        "why": version.why,
        "helps": version.helps,
        "version": version.number,
        "changed_at": version.created_at,
        "created_at": boundary.created_at,
        "shared_at": boundary.shared_at,
        "retired_at": boundary.retired_at,
        "review_every": boundary.review_every if own else None,
        "next_review_on": boundary.next_review_on if own else None,
        "acknowledged_by_me": None if own else acknowledged,
    }


def _detail(boundary: Boundary, viewer: Any) -> dict[str, Any]:
    own = boundary.author_id == viewer.pk
    acks = queries.acknowledgements(boundary, viewer)
    return {
        **_out(boundary, viewer),
        "versions": queries.visible_versions(boundary, viewer),
        "acknowledgements": [
            {"member": a.author, "version": a.version.number, "created_at": a.created_at}
            for a in acks
        ],
        # Review notes are the author's own reflection, never anyone else's to read.
        "reviews": [
            {
                "decision": r.decision,
                "note": r.note,
                "version": r.version.number if r.version else None,
                "due_on": r.due_on,
                "created_at": r.created_at,
            }
            for r in (boundary.reviews.select_related("version") if own else [])
        ],
    }


def _visible(person: Any, boundary_id: int) -> Boundary:
    return visibility.get_visible_or_404(_base(), person, pk=boundary_id)


def _own(person: Any, boundary_id: int) -> Boundary:
    return visibility.get_own_or_404(_base(), person, pk=boundary_id)


RETIRED = {"detail": "This boundary was retired; its history stays as it was."}


@router.get(
    "/boundaries/",
    response=list[BoundaryOut],
    summary="Boundaries I can see: my own and those shared with my circles",
)
def list_boundaries(
    request: HttpRequest,
    whose: Literal["mine", "shared"] | None = None,
    retired: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    person = caller(request)
    if whose == "mine":
        found = queries.mine(person)
    elif whose == "shared":
        found = queries.shared_with(person)
    else:
        found = visibility.visible_entries(_base(), person).annotate(
            acknowledged=queries.acknowledged_current(person)
        )
    found = found.filter(retired_at__isnull=not retired)
    return [
        _out(b, person, getattr(b, "acknowledged", None))
        for b in found.order_by("-created_at", "-id")[offset : offset + limit]
    ]


@router.post(
    "/boundaries/",
    response={201: BoundaryDetailOut},
    summary="Write a boundary, private or shared with one of my circles",
)
def create_boundary(request: HttpRequest, payload: BoundaryIn) -> Any:
    person = caller(request)
    circle = None
    if payload.circle is not None:
        circle = visibility.get_circle_or_404(person, payload.circle)
    boundary = actions.create_boundary(
        person,
        circle=circle,
        words=actions.Words.clean(payload.need, payload.why, payload.helps),
        review_every=payload.review_every,
    )
    return Status(201, _detail(boundary, person))


@router.get(
    "/boundaries/{boundary_id}",
    response=BoundaryDetailOut,
    summary="One boundary, with the history and acknowledgements I may see",
)
def get_boundary(request: HttpRequest, boundary_id: int) -> Any:
    person = caller(request)
    return _detail(_visible(person, boundary_id), person)


@router.put(
    "/boundaries/{boundary_id}",
    response={200: BoundaryDetailOut, 409: Message},
    summary="Change my boundary: new words are a new version; also its cadence and who sees it",
)
def update_boundary(request: HttpRequest, boundary_id: int, payload: BoundaryIn) -> Any:
    person = caller(request)
    boundary = _own(person, boundary_id)
    circle = None
    if payload.circle is not None:
        circle = visibility.get_circle_or_404(person, payload.circle)
    try:
        actions.change_boundary(
            person,
            boundary,
            words=actions.Words.clean(payload.need, payload.why, payload.helps),
            review_every=payload.review_every,
            circle=circle,
        )
    except actions.Retired:
        return Status(409, RETIRED)
    return _detail(boundary, person)


@router.post(
    "/boundaries/{boundary_id}/review",
    response={200: BoundaryDetailOut, 409: Message, 422: Message},
    summary="Look at my boundary again: keep, change (with new words) or retire",
)
def review_boundary(request: HttpRequest, boundary_id: int, payload: ReviewIn) -> Any:
    person = caller(request)
    boundary = _own(person, boundary_id)
    if boundary.retired_at is not None:
        return Status(409, RETIRED)
    words = None
    if payload.decision == Review.Decision.CHANGE:
        if not payload.need:
            return Status(422, {"detail": "A change needs the new words: `need` is required."})
        words = actions.Words.clean(payload.need, payload.why, payload.helps)
        assert boundary.current is not None
        if boundary.current.same_words(words.need, words.why, words.helps):
            return Status(
                422, {"detail": "These are the same words as before; to keep them, use `keep`."}
            )
    actions.review_boundary(
        person,
        boundary,
        decision=payload.decision,
        note=payload.note,
        words=words,
        review_every=payload.review_every,
    )
    return _detail(boundary, person)


@router.post(
    "/boundaries/{boundary_id}/retire",
    response={200: BoundaryDetailOut, 409: Message},
    summary="Retire my boundary: nobody is asked about it again; its history is kept",
)
def retire_boundary(request: HttpRequest, boundary_id: int, payload: RetireIn | None = None) -> Any:
    person = caller(request)
    boundary = _own(person, boundary_id)
    try:
        actions.retire_boundary(person, boundary, payload.note if payload else "")
    except actions.Retired:
        return Status(409, RETIRED)
    return _detail(boundary, person)


@router.post(
    "/boundaries/{boundary_id}/acknowledge",
    response={200: AcknowledgementOut, 201: AcknowledgementOut, 409: Message},
    summary="Say I've read a boundary shared with me and I'll respect it (its current words)",
)
def acknowledge(request: HttpRequest, boundary_id: int) -> Any:
    person = caller(request)
    boundary = _visible(person, boundary_id)
    try:
        ack, created = actions.acknowledge(person, boundary)
    except actions.NotAllowed:
        return Status(
            409,
            {"detail": "Only members it's shared with can acknowledge a boundary still in use."},
        )
    out = {"member": person, "version": ack.version.number, "created_at": ack.created_at}
    return Status(201 if created else 200, out)
