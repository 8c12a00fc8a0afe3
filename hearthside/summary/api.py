"""Facilitator summary: JSON API routes under /api/v1/summaries/, registered by
hearthside.api.routes.

A summary request is seen by its participants — the circle's members when it was proposed —
while they stay in the circle (`hearthside.summary.privacy`); for anyone else every route
answers 404, the same as for a request that does not exist. A participant asking for something
the request's state doesn't allow (consenting after it was made) gets 409 with a reason; only
the proposer may cancel a waiting request (403 for the others).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, NinjaAPI, Router, Schema, Status

from hearthside.api.auth import caller
from hearthside.api.schemas import Id, In, Limit, Message, Offset, PersonOut
from hearthside.circles import visibility
from hearthside.summary import actions, privacy
from hearthside.summary.models import Consent, State, SummaryRequest
from hearthside.summary.snapshot import Snapshot
from hearthside.summary.views import markdown_file

router = Router(tags=["summaries"])

StateSlug = Literal["waiting", "produced", "cancelled", "lapsed"]


def register(api: NinjaAPI) -> None:
    """Add this app's routers to `api`."""
    api.add_router("/summaries", router)


# --- Schemas --------------------------------------------------------------------------------


class SummaryRequestIn(In):
    circle: Id
    period_start: date
    period_end: date = Field(description="Included. Must have come by today, in your time zone.")


class ConsentOut(Schema):
    person: PersonOut
    given: bool
    given_at: datetime | None
    withdrawn_at: datetime | None


class SummaryRequestOut(Schema):
    id: int
    circle_id: int
    circle_name: str
    period_start: date
    period_end: date
    time_zone: str = Field(description="The days of the period are counted in this zone.")
    asked_by: PersonOut | None
    created_at: datetime
    state: StateSlug = Field(
        description=(
            "waiting: for consent; produced: everyone consented and it was made; cancelled: "
            "by its proposer, or deleted after it was made; lapsed: a participant left the "
            "circle, so it can't be made or is no longer shown."
        )
    )
    produced_at: datetime | None
    cancelled_at: datetime | None
    consents: list[ConsentOut]


class SummaryRequestDetailOut(SummaryRequestOut):
    preview: dict[str, int] | None = Field(
        description="While waiting: how many of each kind of thing it would hold if made now."
    )
    summary: Snapshot | None = Field(description="The summary as it was made (produced only).")


def _requests(person: Any) -> QuerySet[SummaryRequest]:
    consents = Consent.objects.select_related("person").order_by("id")
    return privacy.with_presence(
        privacy.visible_requests(
            SummaryRequest.objects.select_related("circle", "asked_by").prefetch_related(
                Prefetch("consents", queryset=consents)
            ),
            person,
        )
    )


def _visible(person: Any, request_id: int) -> SummaryRequest:
    return privacy.get_request_or_404(_requests(person), person, pk=request_id)


def _out(summary: SummaryRequest) -> dict[str, Any]:
    return {
        "id": summary.pk,
        "circle_id": summary.circle_id,
        "circle_name": summary.circle.name,
        "period_start": summary.period_start,
        "period_end": summary.period_end,
        "time_zone": summary.time_zone,
        "asked_by": summary.asked_by,
        "created_at": summary.created_at,
        "state": actions.state(summary).value,
        "produced_at": summary.produced_at,
        "cancelled_at": summary.cancelled_at,
        "consents": [
            {
                "person": c.person,
                "given": c.is_given,
                "given_at": c.given_at,
                "withdrawn_at": c.withdrawn_at,
            }
            for c in summary.consents.all()
        ],
    }


def _detail(person: Any, request_id: int) -> dict[str, Any]:
    # Fetched afresh after any change, so state and consents are as they are now.
    summary = _visible(person, request_id)
    preview = actions.preview(summary)
    return {
        **_out(summary),
        "preview": preview.counts() if preview else None,
        "summary": actions.snapshot_of(summary),
    }


# --- Routes ---------------------------------------------------------------------------------


@router.get(
    "/requests",
    response=list[SummaryRequestOut],
    summary="Summary requests I take part in, newest first",
)
def list_requests(
    request: HttpRequest,
    circle: Id | None = None,
    state: StateSlug | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    summaries = _requests(caller(request))
    if circle is not None:
        summaries = summaries.filter(circle_id=circle)
    rows = [_out(s) for s in summaries]
    if state is not None:
        rows = [r for r in rows if r["state"] == state]
    return rows[offset : offset + limit]


@router.post(
    "/requests",
    response={201: SummaryRequestDetailOut, 409: Message, 422: Message},
    summary="Propose a summary of a period for one of my circles (counts as my consent)",
)
def create_request(request: HttpRequest, payload: SummaryRequestIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    try:
        summary = actions.propose(person, circle, payload.period_start, payload.period_end)
    except actions.PeriodProblem as exc:
        return Status(422, {"detail": str(exc)})
    except actions.Refused as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, _detail(person, summary.pk))


@router.get(
    "/requests/{request_id}",
    response=SummaryRequestDetailOut,
    summary="One summary request: who has consented, and the summary once it is made",
)
def get_request(request: HttpRequest, request_id: int) -> Any:
    return _detail(caller(request), request_id)


@router.post(
    "/requests/{request_id}/consent",
    response={200: SummaryRequestDetailOut, 409: Message},
    summary="Consent to the summary; the last consent makes it",
)
def consent(request: HttpRequest, request_id: int) -> Any:
    person = caller(request)
    try:
        actions.consent(person, _visible(person, request_id))
    except actions.Refused as exc:
        return Status(409, {"detail": str(exc)})
    return _detail(person, request_id)


@router.post(
    "/requests/{request_id}/withdraw",
    response={200: SummaryRequestDetailOut, 409: Message},
    summary="Take back my consent before the summary is made",
)
def withdraw(request: HttpRequest, request_id: int) -> Any:
    person = caller(request)
    try:
        actions.withdraw(person, _visible(person, request_id))
    except actions.Refused as exc:
        return Status(409, {"detail": str(exc)})
    return _detail(person, request_id)


@router.delete(
    "/requests/{request_id}",
    response={200: SummaryRequestOut, 403: Message},
    summary="Cancel a waiting request (its proposer), or delete a made summary (anyone in it)",
)
def cancel(request: HttpRequest, request_id: int) -> Any:
    person = caller(request)
    summary = _visible(person, request_id)
    try:
        actions.cancel(person, summary)
    except actions.NotYours as exc:
        return Status(403, {"detail": str(exc)})
    return _out(_visible(person, request_id))


@router.get(
    "/requests/{request_id}/markdown",
    response={409: Message},
    summary="The made summary as a Markdown file",
    openapi_extra={
        "responses": {
            200: {
                "description": "The summary, as an attachment.",
                "content": {"text/markdown": {"schema": {"type": "string"}}},
            }
        }
    },
)
def get_markdown(request: HttpRequest, request_id: int) -> Any:
    summary = _visible(caller(request), request_id)
    snapshot = actions.snapshot_of(summary)
    if snapshot is None:
        if actions.state(summary) == State.WAITING:
            return Status(409, {"detail": "It isn't made yet: everyone has to consent first."})
        return Status(409, {"detail": "There is no summary to download."})
    return markdown_file(summary, snapshot)
