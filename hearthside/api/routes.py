"""The JSON API, version 1. Every route asks `hearthside.circles.visibility` what the caller may
see, exactly like the HTML views; things a caller may not see are 404, never 403."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Router, Status
from ninja.errors import HttpError

from hearthside.api.auth import PersonalTokenAuth, caller
from hearthside.api.schemas import (
    AppreciationOut,
    CheckInIn,
    CheckInOut,
    CircleIn,
    CircleOut,
    Id,
    Limit,
    MeOut,
    Message,
    Offset,
    ReplyIn,
    ReplyOut,
    ShareDetailOut,
    ShareIn,
    ShareOut,
    ThanksIn,
)
from hearthside.circles import actions as circle_actions
from hearthside.circles import visibility
from hearthside.practice import actions
from hearthside.practice.models import CheckIn, Reply, Share

api = NinjaAPI(
    title="Hearthside API",
    version="1",
    description=(
        "Personal API for Hearthside. Authenticate with a personal access token "
        "(`hearthside token create EMAIL`) as `Authorization: Bearer …`. "
        "You see exactly what you see in the app: your own entries and what was shared "
        "with your circles."
    ),
    auth=PersonalTokenAuth(),
    urls_namespace="api",
)


me_router = Router(tags=["me"])
circles_router = Router(tags=["circles"])
checkins_router = Router(tags=["check-ins"])
shares_router = Router(tags=["shares"])
replies_router = Router(tags=["replies"])


def _circle_out(circle: Any) -> dict[str, Any]:
    members = [m.person for m in circle.memberships.all() if m.left_at is None]
    return {"id": circle.pk, "name": circle.name, "kind": circle.kind, "members": members}


@me_router.get("/me", response=MeOut, summary="Who this token belongs to")
def me(request: HttpRequest) -> Any:
    return caller(request)


@circles_router.get("/circles", response=list[CircleOut], summary="My circles")
def list_circles(request: HttpRequest) -> Any:
    circles = visibility.circles_of(caller(request)).prefetch_related("memberships__person")
    return [_circle_out(c) for c in circles]


@circles_router.post("/circles", response={201: CircleOut}, summary="Create a circle")
def create_circle(request: HttpRequest, payload: CircleIn) -> Any:
    circle = circle_actions.create_circle(caller(request), payload.name, payload.kind)
    return Status(201, _circle_out(circle))


@circles_router.get("/circles/{circle_id}", response=CircleOut, summary="One of my circles")
def get_circle(request: HttpRequest, circle_id: int) -> Any:
    return _circle_out(visibility.get_circle_or_404(caller(request), circle_id))


@checkins_router.get("/checkins", response=list[CheckInOut], summary="My check-ins, newest first")
def list_checkins(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> Any:
    return visibility.own_entries(CheckIn.objects.all(), caller(request))[offset : offset + limit]


@checkins_router.post("/checkins", response={201: CheckInOut}, summary="Check in (private to you)")
def create_checkin(request: HttpRequest, payload: CheckInIn) -> Any:
    data = payload.dict()
    if not any(data.values()):
        raise HttpError(422, "A check-in needs at least one thing: a mood, a feeling or a note.")
    return Status(201, CheckIn.objects.create(author=caller(request), **data))


@checkins_router.get("/checkins/{checkin_id}", response=CheckInOut, summary="One of my check-ins")
def get_checkin(request: HttpRequest, checkin_id: int) -> Any:
    return visibility.get_visible_or_404(CheckIn.objects.all(), caller(request), pk=checkin_id)


@shares_router.get("/shares", response=list[ShareOut], summary="Shares I can see")
def list_shares(
    request: HttpRequest, circle: Id | None = None, limit: Limit = 50, offset: Offset = 0
) -> Any:
    shares = visibility.visible_entries(Share.objects.select_related("author"), caller(request))
    if circle is not None:
        shares = shares.filter(circle_id=circle)
    return shares[offset : offset + limit]


@shares_router.post("/shares", response={201: ShareOut}, summary="Share with one circle")
def create_share(request: HttpRequest, payload: ShareIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    checkin = None
    if payload.checkin is not None:
        checkin = visibility.get_own_or_404(CheckIn.objects.all(), person, pk=payload.checkin)
    share = Share.objects.create(
        author=person,
        circle=circle,
        checkin=checkin,
        text=payload.text.strip(),
        feelings=payload.feelings,
        depth=payload.depth,
        wants=payload.wants,
    )
    return Status(201, share)


def _share_detail(request: HttpRequest, share: Share) -> dict[str, Any]:
    replies = visibility.visible_thread_items(
        Reply.objects.filter(share=share).select_related("author"), caller(request), "share"
    )
    return {**ShareOut.from_orm(share).dict(), "replies": list(replies)}


@shares_router.get("/shares/{share_id}", response=ShareDetailOut, summary="A share and its replies")
def get_share(request: HttpRequest, share_id: int) -> Any:
    share = visibility.get_visible_or_404(
        Share.objects.select_related("author"), caller(request), pk=share_id
    )
    return _share_detail(request, share)


@shares_router.post(
    "/shares/{share_id}/withdraw",
    response={200: ShareOut},
    summary="Withdraw my share: it and its replies disappear for everyone else",
)
def withdraw_share(request: HttpRequest, share_id: int) -> Any:
    person = caller(request)
    share = visibility.get_own_or_404(Share.objects.select_related("author"), person, pk=share_id)
    actions.withdraw_share(person, share)
    return share


@replies_router.get(
    "/shares/{share_id}/replies", response=list[ReplyOut], summary="Replies to a share"
)
def list_replies(request: HttpRequest, share_id: int) -> Any:
    share = visibility.get_visible_or_404(Share.objects.all(), caller(request), pk=share_id)
    return visibility.visible_thread_items(
        Reply.objects.filter(share=share).select_related("author"), caller(request), "share"
    )


@replies_router.post(
    "/shares/{share_id}/replies",
    response={201: ReplyOut, 409: Message, 422: Message},
    summary="Answer a share with a listening reply",
)
def create_reply(request: HttpRequest, share_id: int, payload: ReplyIn) -> Any:
    person = caller(request)
    share = visibility.get_visible_or_404(Share.objects.all(), person, pk=share_id)
    if not (payload.reflect.strip() or payload.validation.strip() or payload.question.strip()):
        return Status(422, {"detail": "Write at least one part: reflect, validation or question."})
    try:
        reply = actions.add_reply(
            person,
            share,
            reflect=payload.reflect,
            validation=payload.validation,
            question=payload.question,
        )
    except actions.NotAllowed:
        return Status(409, {"detail": "You can't reply to your own share or to a withdrawn one."})
    return Status(201, reply)


def _my_reply(request: HttpRequest, reply_id: int) -> Reply:
    reply = (
        visibility.visible_thread_items(Reply.objects.all(), caller(request), "share")
        .select_related("share", "author")
        .filter(pk=reply_id)
        .first()
    )
    if reply is None:
        raise Http404
    return reply


@replies_router.post(
    "/replies/{reply_id}/felt-heard",
    response={200: ReplyOut, 403: Message},
    summary="Say this reply made me feel heard (sharer only)",
)
def felt_heard(request: HttpRequest, reply_id: int) -> Any:
    reply = _my_reply(request, reply_id)
    try:
        actions.mark_felt_heard(caller(request), reply)
    except actions.NotAllowed:
        return Status(403, {"detail": "Only the person who shared can say they felt heard."})
    return reply


@replies_router.delete(
    "/replies/{reply_id}/felt-heard",
    response={200: ReplyOut, 403: Message},
    summary="Take back a 'felt heard'",
)
def unfelt_heard(request: HttpRequest, reply_id: int) -> Any:
    reply = _my_reply(request, reply_id)
    try:
        actions.unmark_felt_heard(caller(request), reply)
    except actions.NotAllowed:
        return Status(403, {"detail": "Only the person who shared can change this."})
    return reply


@replies_router.post(
    "/replies/{reply_id}/thanks",
    response={201: AppreciationOut, 403: Message, 409: Message},
    summary="Thank the listener once (an appreciation shared with the circle)",
)
def thank(request: HttpRequest, reply_id: int, payload: ThanksIn) -> Any:
    reply = _my_reply(request, reply_id)
    try:
        with transaction.atomic():
            appreciation = actions.thank_listener(caller(request), reply, payload.text)
    except actions.AlreadyDone:
        return Status(409, {"detail": "You've already thanked them for this reply."})
    except actions.NotAllowed:
        return Status(403, {"detail": "Only the person who shared can thank a listener here."})
    return Status(201, appreciation)


for router in (me_router, circles_router, checkins_router, shares_router, replies_router):
    api.add_router("", router)

from hearthside.api.coach_routes import register as register_coach  # noqa: E402
from hearthside.api.repair_routes import register  # noqa: E402
from hearthside.api.ritual_routes import register as register_rituals  # noqa: E402

register(api)
register_rituals(api)
register_coach(api)

# The practices of issue 6 each register their own routers.
for _practice in (
    "needs",
    "boundaries",
    "values",
    "stress",
    "calm",
    "pacing",
    "insights",
    "summary",
    "data",
):
    import_module(f"hearthside.{_practice}.api").register(api)

from hearthside.api.appreciation_routes import register as register_appreciations  # noqa: E402

register_appreciations(api)
