"""The JSON API for appreciations: thank-yous I received and sent, sending one, taking one I
sent back, and keeping the ones I received for hard days.

A thank-you is an entry shared with its circle (the entry rule, `visibility.visible_entries`):
the lists here hold what was sent to me and what I sent. Whether a thank-you was kept is its
recipient's alone: only the `received` routes carry `favourite`, the favourite routes answer
only the recipient (anyone else, its author included, gets 404, like an id that never
existed), and the `sent` shape has no such field at all — no read receipts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Router, Schema, Status
from pydantic import field_validator

from hearthside.accounts.models import Person
from hearthside.api.auth import caller
from hearthside.api.schemas import Id, In, Limit, Message, Offset, PersonOut
from hearthside.circles import visibility
from hearthside.practice import acts
from hearthside.practice.models import Appreciation
from hearthside.repair.models import Rupture

router = Router(tags=["appreciations"])

ActSlug = Annotated[str, Field(max_length=40)]


class ActOut(Schema):
    slug: str
    label: str


class AppreciationIn(In):
    circle: Id
    recipient: Id
    text: str = Field("", max_length=2000)
    acts: list[ActSlug] = Field([], max_length=len(acts.ACTS))
    rupture: Id | None = Field(None, description="A closed repair in the same circle.")

    @field_validator("acts")
    @classmethod
    def _known_acts(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - acts.act_slugs())
        if unknown:
            raise ValueError(f"unknown acts: {', '.join(unknown)}")
        return list(dict.fromkeys(value))


class _AppreciationOut(Schema):
    id: int
    circle_id: int
    text: str
    acts: list[str]
    reply_id: int | None
    rupture_id: int | None = Field(description="The repair it followed, if you can see it.")
    created_at: datetime


class SentOut(_AppreciationOut):
    recipient: PersonOut
    withdrawn_at: datetime | None = Field(
        description="When you took it back; from then on only you see it."
    )


class ReceivedOut(_AppreciationOut):
    author: PersonOut
    favourite: bool = Field(description="Whether you kept it for hard days. Only you see this.")


def register(api: NinjaAPI) -> None:
    api.add_router("", router)


def _out(person: Any, items: list[Appreciation]) -> list[Appreciation]:
    """Hide links to repairs the caller can't see (the thank-you outlived their access)."""
    ruptures = acts.visible_ruptures(person, items)
    for item in items:
        if item.rupture_id not in ruptures:
            item.rupture_id = None
    return items


@router.get("/appreciations/acts", response=list[ActOut], summary="The small acts one can thank")
def list_acts(request: HttpRequest) -> Any:
    return [{"slug": act.slug, "label": str(act.label)} for act in acts.ACTS]


@router.get(
    "/appreciations/received",
    response=list[ReceivedOut],
    summary="Thank-yous to me, newest first (optionally only the ones I kept)",
)
def list_received(
    request: HttpRequest, favourites: bool = False, limit: Limit = 50, offset: Offset = 0
) -> Any:
    person = caller(request)
    items = (acts.favourites(person) if favourites else acts.received(person)).select_related(
        "author"
    )
    return _out(person, list(items[offset : offset + limit]))


@router.get(
    "/appreciations/sent", response=list[SentOut], summary="Thank-yous I sent, newest first"
)
def list_sent(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> Any:
    person = caller(request)
    return _out(
        person, list(acts.sent(person).select_related("recipient")[offset : offset + limit])
    )


@router.post(
    "/appreciations/sent",
    response={201: SentOut, 409: Message, 422: Message},
    summary="Thank someone in a circle we share (shared with that circle)",
)
def send(request: HttpRequest, payload: AppreciationIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    # Someone not in this circle is unknown here, exactly like an id that doesn't exist.
    recipient = next((m for m in visibility.members_of(circle) if m.pk == payload.recipient), None)
    if recipient is None:
        raise Http404
    rupture = None
    if payload.rupture is not None:
        rupture = visibility.get_visible_or_404(Rupture.objects.all(), person, pk=payload.rupture)
    try:
        with transaction.atomic():
            appreciation = acts.send(
                person,
                circle=circle,
                recipient=recipient,
                text=payload.text,
                acts=payload.acts,
                rupture=rupture,
            )
    except acts.Empty:
        return Status(422, {"detail": "Name at least one act or write a few words."})
    except acts.NotAllowed as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, appreciation)


@router.post(
    "/appreciations/sent/{appreciation_id}/withdraw",
    response=SentOut,
    summary="Take back a thank-you I sent: from now on only I see it",
)
def withdraw(request: HttpRequest, appreciation_id: Id) -> Any:
    person: Person = caller(request)
    appreciation = visibility.get_own_or_404(
        Appreciation.objects.select_related("recipient"), person, pk=appreciation_id
    )
    return _out(person, [acts.take_back(person, appreciation)])[0]


def _keep(request: HttpRequest, appreciation_id: int, keep: bool) -> Any:
    person: Person = caller(request)
    appreciation = acts.get_received_or_404(person, appreciation_id)
    appreciation.favourite = acts.set_favourite(person, appreciation, keep)  # type: ignore[attr-defined]
    return _out(person, [appreciation])[0]


@router.put(
    "/appreciations/received/{appreciation_id}/favourite",
    response=ReceivedOut,
    summary="Keep a thank-you to me for hard days (only I will know)",
)
def keep(request: HttpRequest, appreciation_id: Id) -> Any:
    return _keep(request, appreciation_id, True)


@router.delete(
    "/appreciations/received/{appreciation_id}/favourite",
    response=ReceivedOut,
    summary="Stop keeping a thank-you for hard days",
)
def let_go(request: HttpRequest, appreciation_id: Id) -> Any:
    return _keep(request, appreciation_id, False)
