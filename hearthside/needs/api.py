"""Needs and requests: JSON API routes under /api/v1/needs/, registered by hearthside.api.routes.

A request is seen by exactly two people, the asker and the one asked (`hearthside.needs.privacy`);
for anyone else — a third member of the same circle included — every route answers 404, the
same as for a request that does not exist. Someone who can see a request but may not do a thing
to it (the asker answering, the one asked marking it met) gets 403 with a reason.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, NinjaAPI, Router, Schema, Status

from hearthside.accounts.models import Person
from hearthside.api.auth import caller
from hearthside.api.schemas import Id, In, Limit, Message, Offset, PersonOut
from hearthside.circles import visibility
from hearthside.needs import actions, privacy
from hearthside.needs.forms import LATEST_PROPOSAL, in_zone
from hearthside.needs.models import Answer, Kind, Met, Request, Response

router = Router(tags=["needs"])

KindSlug = Literal[
    "space", "reassurance", "partnership-in-a-decision", "practical-help", "affection", "other"
]
ResponseSlug = Literal["yes", "not-now", "talk"]
MetSlug = Literal["met", "partly", "not-yet"]
Role = Literal["asked", "to-me"]


def register(api: NinjaAPI) -> None:
    """Add this practice's routers to `api`."""
    api.add_router("/needs", router)


# --- Schemas --------------------------------------------------------------------------------


class RequestIn(In):
    circle: Id
    person: Id = Field(description="Who to ask: another current member of the circle.")
    kind: KindSlug
    text: str = Field(min_length=1, max_length=2000)
    by_when: date | None = None


class AnswerIn(In):
    response: ResponseSlug
    proposed_for: datetime | None = Field(
        None,
        description=(
            "For 'not-now': when would work. Without an offset it is read in your time zone."
        ),
    )
    note: str = Field("", max_length=1000)


class MetIn(In):
    met: MetSlug
    note: str = Field("", max_length=1000)


class AnswerOut(Schema):
    id: int
    author: PersonOut
    response: ResponseSlug
    proposed_for: datetime | None
    note: str
    created_at: datetime


class RequestOut(Schema):
    id: int
    circle_id: int
    author: PersonOut
    recipient: PersonOut
    kind: KindSlug
    need: str | None = Field(description="The need in the vocabulary this kind stands for.")
    text: str
    by_when: date | None
    created_at: datetime
    withdrawn_at: datetime | None
    response: ResponseSlug | None
    proposed_for: datetime | None
    answered_at: datetime | None
    met: MetSlug | None
    met_note: str
    met_at: datetime | None


class RequestDetailOut(RequestOut):
    answers: list[AnswerOut]


def _out(ask: Request) -> dict[str, Any]:
    return {
        "id": ask.pk,
        "circle_id": ask.circle_id,
        "author": ask.author,
        "recipient": ask.recipient,
        "kind": ask.kind,
        "need": ask.need,
        "text": ask.text,
        "by_when": ask.by_when,
        "created_at": ask.created_at,
        "withdrawn_at": ask.withdrawn_at,
        "response": ask.response or None,
        "proposed_for": ask.proposed_for,
        "answered_at": ask.answered_at,
        "met": ask.met or None,
        "met_note": ask.met_note,
        "met_at": ask.met_at,
    }


def _detail(person: Person, ask: Request) -> dict[str, Any]:
    answers = privacy.visible_answers(
        Answer.objects.filter(request=ask).select_related("author"), person
    )
    return {**_out(ask), "answers": list(answers)}


def _requests() -> Any:
    return Request.objects.select_related("author", "recipient")


def _visible(person: Person, request_id: int) -> Request:
    return privacy.get_request_or_404(_requests(), person, pk=request_id)


# --- Routes ---------------------------------------------------------------------------------


@router.get(
    "/requests",
    response=list[RequestOut],
    summary="Requests I asked or was asked, newest first",
)
def list_requests(
    request: HttpRequest,
    role: Role | None = None,
    open: bool | None = None,
    circle: Id | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    person = caller(request)
    asks = privacy.visible_requests(_requests(), person)
    if role == "asked":
        asks = asks.filter(author=person)
    elif role == "to-me":
        asks = asks.filter(recipient=person)
    settled = Q(withdrawn_at__isnull=False) | Q(met=Met.MET)
    if open is True:
        asks = asks.exclude(settled)
    elif open is False:
        asks = asks.filter(settled)
    if circle is not None:
        asks = asks.filter(circle_id=circle)
    return [_out(a) for a in asks.order_by("-created_at", "-id")[offset : offset + limit]]


@router.post(
    "/requests",
    response={201: RequestDetailOut, 422: Message},
    summary="Ask another member of one of my circles for something",
)
def create_request(request: HttpRequest, payload: RequestIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    if not payload.text:
        return Status(422, {"detail": "Write a few words so they know what you're asking for."})
    if payload.by_when is not None and payload.by_when < timezone.localdate():
        return Status(422, {"detail": "by_when has already passed."})
    recipient = next((m for m in actions.askable(person, circle) if m.pk == payload.person), None)
    if recipient is None:
        return Status(422, {"detail": "You can ask another current member of this circle."})
    ask = actions.create_request(
        person,
        circle,
        recipient,
        kind=Kind(payload.kind),
        text=payload.text,
        by_when=payload.by_when,
    )
    return Status(201, _detail(person, ask))


@router.get(
    "/requests/{request_id}", response=RequestDetailOut, summary="One request and its answers"
)
def get_request(request: HttpRequest, request_id: int) -> Any:
    person = caller(request)
    return _detail(person, _visible(person, request_id))


@router.post(
    "/requests/{request_id}/answers",
    response={201: RequestDetailOut, 403: Message, 422: Message},
    summary="Answer a request made to me: yes, not now (with a time), or let's talk",
)
def answer_request(request: HttpRequest, request_id: int, payload: AnswerIn) -> Any:
    person = caller(request)
    ask = _visible(person, request_id)
    if ask.recipient_id != person.pk:
        return Status(403, {"detail": "Only the person asked can answer."})
    proposed = None
    if payload.response == Response.NOT_NOW:
        if payload.proposed_for is None:
            return Status(422, {"detail": "With 'not-now', propose a time in proposed_for."})
        proposed = payload.proposed_for
        if timezone.is_naive(proposed):
            proposed = in_zone(proposed, person.time_zone)
        now = timezone.now()
        if not now < proposed <= now + LATEST_PROPOSAL:
            return Status(422, {"detail": "Propose a time that's still to come, within a year."})
    actions.answer(person, ask, response=payload.response, proposed_for=proposed, note=payload.note)
    return Status(201, _detail(person, ask))


@router.put(
    "/requests/{request_id}/met",
    response={200: RequestDetailOut, 403: Message, 409: Message},
    summary="Say whether my need was met (can be changed)",
)
def mark_met(request: HttpRequest, request_id: int, payload: MetIn) -> Any:
    person = caller(request)
    ask = _visible(person, request_id)
    try:
        actions.mark_met(person, ask, met=payload.met, note=payload.note)
    except actions.Withdrawn:
        return Status(409, {"detail": "This request was withdrawn."})
    except actions.NotAllowed:
        return Status(403, {"detail": "Only the person who asked can say whether it was met."})
    return _detail(person, ask)


@router.post(
    "/requests/{request_id}/withdraw",
    response={200: RequestDetailOut, 403: Message},
    summary="Withdraw my request: the person asked no longer sees it",
)
def withdraw_request(request: HttpRequest, request_id: int) -> Any:
    person = caller(request)
    ask = _visible(person, request_id)
    try:
        actions.withdraw(person, ask)
    except actions.NotAllowed:
        return Status(403, {"detail": "Only the person who asked can withdraw it."})
    return _detail(person, ask)
