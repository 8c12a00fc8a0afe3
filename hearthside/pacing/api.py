"""Pacing disclosures: JSON API routes under /api/v1/pacing/, registered by hearthside.api.routes.

Knocks are seen by whom the privacy rule says (`visibility.visible_entries`): the author and
the members who were in the circle when they knocked. The held words (`held`) come back to the
author only; listeners get who knocks, the depth, the hint if one was given, and the answers.
Anything a caller may not see is 404, exactly like an id that never existed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, NinjaAPI, Router, Schema, Status
from pydantic import field_validator

from hearthside import vocab
from hearthside.api.auth import caller
from hearthside.api.schemas import Depth, Id, In, Limit, Message, Offset, PersonOut, Wants
from hearthside.circles import visibility
from hearthside.pacing import actions
from hearthside.pacing.checks import slower_members
from hearthside.pacing.models import DEFAULT_COMFORT, Comfort, Knock
from hearthside.practice.models import CheckIn, Share

router = Router(tags=["pacing"])


def register(api: NinjaAPI) -> None:
    """Add this practice's routers to `api`."""
    api.add_router("/pacing", router)


# --- Schemas ----------------------------------------------------------------------------------


class ComfortIn(In):
    depth: Depth


class ComfortOut(Schema):
    circle_id: int
    circle_name: str
    depth: Depth = Field(description="The deepest a share may go before I'm asked first.")
    chosen: bool = Field(description="False: never set, so the default (deep) applies.")


class CheckOut(Schema):
    slower: list[PersonOut] = Field(
        description="Members who'd like to be asked for a good moment before a share this deep."
    )


class KnockIn(In):
    circle: int
    text: str = Field(min_length=1, max_length=10000)
    feelings: list[str] = []
    depth: Depth = "deep"
    wants: Wants = "just-listen"
    checkin: int | None = None
    hint: str = Field("", max_length=80)

    @field_validator("feelings")
    @classmethod
    def _feelings(cls, v: list[str]) -> list[str]:
        unknown = sorted(set(v) - vocab.feeling_slugs())
        if unknown:
            raise ValueError(f"unknown feelings: {', '.join(unknown)}")
        return list(dict.fromkeys(v))


class AnswerIn(In):
    at: datetime | None = Field(
        None, description="A good moment (with a time zone offset); leave out for 'now is good'."
    )


class AnswerOut(Schema):
    author: PersonOut
    at: datetime
    now_is_good: bool


class HeldOut(Schema):
    text: str
    feelings: list[str]
    depth: Depth
    wants: Wants
    checkin_id: int | None


class KnockOut(Schema):
    id: int
    circle_id: int
    author: PersonOut
    status: Literal["waiting", "proposed", "published", "withdrawn"]
    depth: Depth
    hint: str
    created_at: datetime
    goes_out_at: datetime | None
    published_at: datetime | None
    withdrawn_at: datetime | None
    share_id: int | None
    answers: list[AnswerOut]
    waiting_on: list[PersonOut]
    held: HeldOut | None = Field(description="The held share: only ever sent to its author.")


def _knock_out(knock: Knock, person: Any) -> dict[str, Any]:
    listeners = actions.listeners(knock)
    answers = list(
        visibility.visible_thread_items(
            knock.answers.select_related("author"), person, "knock"
        ).filter(author__in=listeners)
    )
    answered = {a.author_id for a in answers}
    share_id = None
    if knock.share_id is not None and (
        visibility.visible_entries(Share.objects.filter(pk=knock.share_id), person).exists()
    ):
        share_id = knock.share_id
    mine = knock.author_id == person.pk
    return {
        "id": knock.pk,
        "circle_id": knock.circle_id,
        "author": knock.author,
        "status": knock.status,
        "depth": knock.depth,
        "hint": knock.hint,
        "created_at": knock.created_at,
        "goes_out_at": knock.goes_out_at,
        "published_at": knock.published_at,
        "withdrawn_at": knock.withdrawn_at,
        "share_id": share_id,
        "answers": answers,
        "waiting_on": [p for p in listeners if p.pk not in answered] if knock.is_open else [],
        "held": (
            {
                "text": knock.text,
                "feelings": knock.feelings,
                "depth": knock.depth,
                "wants": knock.wants,
                "checkin_id": knock.checkin_id,
            }
            if mine
            else None
        ),
    }


def _visible_knock(person: Any, knock_id: int) -> Knock:
    return visibility.get_visible_or_404(
        Knock.objects.select_related("author", "circle"), person, pk=knock_id
    )


def _own_knock(person: Any, knock_id: int) -> Knock:
    return visibility.get_own_or_404(
        Knock.objects.select_related("author", "circle"), person, pk=knock_id
    )


# --- Comfort ----------------------------------------------------------------------------------


@router.get("/comfort", response=list[ComfortOut], summary="My pace in each of my circles")
def list_comfort(request: HttpRequest) -> Any:
    person = caller(request)
    circles = list(visibility.circles_of(person))
    chosen = dict(
        Comfort.objects.filter(person=person, circle__in=circles).values_list("circle_id", "depth")
    )
    return [
        {
            "circle_id": c.pk,
            "circle_name": c.name,
            "depth": chosen.get(c.pk, DEFAULT_COMFORT),
            "chosen": c.pk in chosen,
        }
        for c in circles
    ]


@router.put("/comfort/{circle_id}", response=ComfortOut, summary="Set my pace in one circle")
def set_comfort(request: HttpRequest, circle_id: int, payload: ComfortIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    comfort = actions.set_comfort(person, circle, payload.depth)
    return {
        "circle_id": circle.pk,
        "circle_name": circle.name,
        "depth": comfort.depth,
        "chosen": True,
    }


@router.get(
    "/check",
    response=CheckOut,
    summary="Before sharing: who in this circle would like to be asked first",
)
def check(request: HttpRequest, circle: Id, depth: Depth) -> Any:
    person = caller(request)
    found = visibility.get_circle_or_404(person, circle)
    return {"slower": slower_members(person, found, depth)}


# --- Knocks -----------------------------------------------------------------------------------


@router.get("/knocks", response=list[KnockOut], summary="Knocks I made and knocks for me")
def list_knocks(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> Any:
    person = caller(request)
    actions.publish_due_for(person)
    knocks = visibility.visible_entries(Knock.objects.select_related("author", "circle"), person)[
        offset : offset + limit
    ]
    return [_knock_out(k, person) for k in knocks]


@router.post(
    "/knocks",
    response={201: KnockOut, 409: Message},
    summary="Is now a good time? Hold a share until the circle says when",
)
def create_knock(request: HttpRequest, payload: KnockIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    checkin = None
    if payload.checkin is not None:
        checkin = visibility.get_own_or_404(CheckIn.objects.all(), person, pk=payload.checkin)
    try:
        knock = actions.knock(
            person,
            circle,
            text=payload.text,
            feelings=payload.feelings,
            depth=payload.depth,
            wants=payload.wants,
            hint=payload.hint,
            checkin=checkin,
        )
    except actions.NoOneToAsk:
        return Status(409, {"detail": "There's no one else in this circle to ask yet."})
    return Status(201, _knock_out(knock, person))


@router.get("/knocks/{knock_id}", response=KnockOut, summary="One knock")
def get_knock(request: HttpRequest, knock_id: int) -> Any:
    person = caller(request)
    knock = actions.settle(_visible_knock(person, knock_id))
    return _knock_out(knock, person)


@router.post(
    "/knocks/{knock_id}/answer",
    response={200: KnockOut, 409: Message, 422: Message},
    summary="Say when would be good (leave out `at` for now)",
)
def answer_knock(request: HttpRequest, knock_id: int, payload: AnswerIn) -> Any:
    person = caller(request)
    knock = _visible_knock(person, knock_id)
    at = payload.at
    if at is not None and timezone.is_naive(at):
        return Status(422, {"detail": "Give the time with its time zone offset."})
    try:
        actions.answer(person, knock, at=at)
    except actions.NoLongerOpen:
        return Status(409, {"detail": "This knock has already gone out or was withdrawn."})
    except actions.NotAllowed:
        return Status(409, {"detail": "Only the people asked can answer a knock."})
    except ValueError as problem:
        detail = (
            "That time has already passed."
            if str(problem) == "past"
            else "Choose a moment within the next two weeks."
        )
        return Status(422, {"detail": detail})
    return _knock_out(knock, person)


@router.post(
    "/knocks/{knock_id}/share-now",
    response={200: KnockOut, 409: Message},
    summary="Share my held words now, without waiting",
)
def share_now(request: HttpRequest, knock_id: int) -> Any:
    person = caller(request)
    knock = _own_knock(person, knock_id)
    try:
        actions.share_now(person, knock)
    except actions.NoLongerOpen:
        return Status(409, {"detail": "This knock has already gone out or was withdrawn."})
    return _knock_out(knock, person)


@router.post(
    "/knocks/{knock_id}/withdraw",
    response={200: KnockOut, 409: Message},
    summary="Let it go: the knock disappears for the others, the words stay mine",
)
def withdraw(request: HttpRequest, knock_id: int) -> Any:
    person = caller(request)
    knock = _own_knock(person, knock_id)
    try:
        actions.withdraw(person, knock)
    except actions.NoLongerOpen:
        return Status(409, {"detail": "This knock has already gone out or was withdrawn."})
    return _knock_out(knock, person)
