"""Weathering stress together: JSON API routes under /api/v1/stress/, registered by
hearthside.api.routes.

Exactly what the app shows, asked of `hearthside.circles.visibility` through `stress.actions`:
what's heavy, routines and signals are entries (their author's, shared with one circle); the
weekly split and outside support belong to the circle as a whole. Anything the caller may not
see is 404, the same as what does not exist. Someone else's entry is not the caller's to
change: 404 too. 409 is for what the caller can see but may not do now.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Router, Status

from hearthside.api.auth import caller
from hearthside.api.schemas import Id, Limit, Message, Offset
from hearthside.circles import visibility
from hearthside.stress import actions, weeks
from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task
from hearthside.stress.schemas import (
    HeavyIn,
    HeavyOut,
    HeavyUpdateIn,
    OfferIn,
    OfferOut,
    PlanOut,
    RoutineIn,
    RoutineOut,
    SignalIn,
    SignalOut,
    SupportIn,
    SupportOut,
    SupportUpdateIn,
    TaskIn,
    TaskOut,
    TaskUpdateIn,
)

router = Router(tags=["stress plan"])
PREFIX = "/stress"
REFUSED = {409: Message}


def register(api: NinjaAPI) -> None:
    """Add this practice's routers to `api`."""
    api.add_router("", router)


def _refused(problem: actions.NotAllowed) -> Status:
    return Status(409, {"detail": str(problem)})


def _week_or_422(raw: str | None) -> date | Status:
    if raw is None:
        return actions.this_week()
    monday = weeks.parse(raw)
    if monday is None:
        return Status(422, {"detail": "Write the week like 2026-W10."})
    return monday


# --- Shapes -----------------------------------------------------------------------------------


def _heavy_out(thing: HeavyThing) -> dict[str, Any]:
    return {
        "id": thing.pk,
        "circle_id": thing.circle_id,
        "author": thing.author,
        "text": thing.text,
        "size": thing.size,
        "created_at": thing.created_at,
        "resolved_at": thing.resolved_at,
    }


def _routine_out(routine: Routine) -> dict[str, Any]:
    return {
        "id": routine.pk,
        "circle_id": routine.circle_id,
        "author": routine.author,
        "text": routine.text,
        "created_at": routine.created_at,
        "updated_at": routine.updated_at,
    }


def _task_out(task: Task, member_ids: set[int]) -> dict[str, Any]:
    return {
        "id": task.pk,
        "circle_id": task.circle_id,
        "week": weeks.name(task.week),
        "text": task.text,
        "carrier": actions.carrier_of(task, member_ids),
        "done_at": task.done_at,
        "created_at": task.created_at,
    }


def _member_ids(circle: Any) -> set[int]:
    return {m.pk for m in actions.members(circle)}


def _support_out(item: Support) -> dict[str, Any]:
    return {
        "id": item.pk,
        "circle_id": item.circle_id,
        "name": item.name,
        "kind": item.kind,
        "reach": item.reach,
        "note": item.note,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def _offer_out(offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.pk,
        "signal_id": offer.signal_id,
        "author": offer.author,
        "choice": offer.choice,
        "text": offer.text,
        "created_at": offer.created_at,
        "accepted_at": offer.accepted_at,
    }


def _signals_out(person: Any, signals: list[Signal]) -> list[dict[str, Any]]:
    offers = actions.offers(person, signals)
    return [
        {
            "id": s.pk,
            "circle_id": s.circle_id,
            "author": s.author,
            "helps": s.helps,
            "text": s.text,
            "created_at": s.created_at,
            "closed_at": s.closed_at,
            "offers": [_offer_out(o) for o in offers if o.signal_id == s.pk],
        }
        for s in signals
    ]


# --- The whole plan ---------------------------------------------------------------------------


@router.get(
    f"{PREFIX}/circles/{{circle_id}}/plan",
    response={200: PlanOut, 422: Message},
    summary="A circle's stress plan: what's heavy, routines, a week's split, support, signals",
)
def get_plan(request: HttpRequest, circle_id: int, week: str | None = None) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    monday = _week_or_422(week)
    if isinstance(monday, Status):
        return monday
    member_ids = _member_ids(circle)
    open_signals = list(
        visibility.visible_entries(
            Signal.objects.filter(circle=circle, closed_at__isnull=True, withdrawn_at__isnull=True),
            person,
        ).select_related("author")
    )
    return {
        "circle_id": circle.pk,
        "week": weeks.name(monday),
        "heavy": [
            _heavy_out(h) for h in actions.heavy_things(person, circle).filter(resolved_at=None)
        ],
        "routines": [_routine_out(r) for r in actions.routines(person, circle)],
        "tasks": [_task_out(t, member_ids) for t in actions.tasks(person, circle, monday)],
        "support": [_support_out(s) for s in actions.support(person, circle)],
        "open_signals": _signals_out(person, open_signals),
    }


# --- What's heavy -----------------------------------------------------------------------------


@router.get(f"{PREFIX}/heavy", response=list[HeavyOut], summary="What's heavy, in my circles")
def list_heavy(
    request: HttpRequest,
    circle: Id | None = None,
    include_lighter: bool = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    person = caller(request)
    things = visibility.visible_entries(
        HeavyThing.objects.filter(withdrawn_at__isnull=True), person
    ).select_related("author")
    if circle is not None:
        things = things.filter(circle_id=circle)
    if not include_lighter:
        things = things.filter(resolved_at__isnull=True)
    return [_heavy_out(t) for t in things[offset : offset + limit]]


@router.post(f"{PREFIX}/heavy", response={201: HeavyOut}, summary="Add what's heavy for me")
def create_heavy(request: HttpRequest, payload: HeavyIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    return Status(201, _heavy_out(actions.add_heavy(person, circle, payload.text, payload.size)))


@router.get(f"{PREFIX}/heavy/{{heavy_id}}", response=HeavyOut, summary="One heavy thing")
def get_heavy(request: HttpRequest, heavy_id: int) -> Any:
    return _heavy_out(actions.visible_heavy_or_404(caller(request), heavy_id))


@router.put(
    f"{PREFIX}/heavy/{{heavy_id}}",
    response=HeavyOut,
    summary="Change one of mine, or say it's lighter now",
)
def put_heavy(request: HttpRequest, heavy_id: int, payload: HeavyUpdateIn) -> Any:
    thing = actions.own_heavy_or_404(caller(request), heavy_id)
    actions.change_heavy(thing, text=payload.text, size=payload.size)
    actions.set_lighter(thing, payload.lighter)
    return _heavy_out(thing)


@router.delete(
    f"{PREFIX}/heavy/{{heavy_id}}", response={204: None}, summary="Take one of mine off the plan"
)
def delete_heavy(request: HttpRequest, heavy_id: int) -> Any:
    actions.remove_heavy(actions.own_heavy_or_404(caller(request), heavy_id))
    return Status(204, None)


# --- Routines ---------------------------------------------------------------------------------


@router.get(
    f"{PREFIX}/routines",
    response=list[RoutineOut],
    summary="How each of us decompresses, in my circles",
)
def list_routines(request: HttpRequest, circle: Id | None = None) -> Any:
    person = caller(request)
    routines = visibility.visible_entries(
        Routine.objects.filter(withdrawn_at__isnull=True), person
    ).select_related("author")
    if circle is not None:
        routines = routines.filter(circle_id=circle)
    return [_routine_out(r) for r in routines.order_by("circle_id", "created_at", "pk")]


@router.put(
    f"{PREFIX}/circles/{{circle_id}}/routine",
    response=RoutineOut,
    summary="Write or rewrite my decompression routine for a circle",
)
def put_routine(request: HttpRequest, circle_id: int, payload: RoutineIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    routine = actions.set_routine(person, circle, payload.text)
    if routine is None:  # not reached: the schema asks for words
        raise Http404
    return _routine_out(routine)


@router.delete(
    f"{PREFIX}/circles/{{circle_id}}/routine",
    response={204: None},
    summary="Take my routine off a circle's plan",
)
def delete_routine(request: HttpRequest, circle_id: int) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    actions.set_routine(person, circle, "")
    return Status(204, None)


# --- Who carries what -------------------------------------------------------------------------


@router.get(
    f"{PREFIX}/tasks",
    response={200: list[TaskOut], 422: Message},
    summary="Who carries what in a week (this week unless asked)",
)
def list_tasks(request: HttpRequest, circle: Id | None = None, week: str | None = None) -> Any:
    person = caller(request)
    monday = _week_or_422(week)
    if isinstance(monday, Status):
        return monday
    tasks = visibility.circle_things(
        Task.objects.filter(week=monday).select_related("carrier", "circle"), person
    )
    if circle is not None:
        tasks = tasks.filter(circle_id=circle)
    rows = list(tasks.order_by("circle_id", "created_at", "pk"))
    ids = {c: _member_ids(t.circle) for c, t in {t.circle_id: t for t in rows}.items()}
    return [_task_out(t, ids[t.circle_id]) for t in rows]


@router.post(
    f"{PREFIX}/tasks",
    response={201: TaskOut, 409: Message},
    summary="Add something to carry in a week",
)
def create_task(request: HttpRequest, payload: TaskIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    monday = weeks.parse(payload.week)
    if monday is None:  # not reached: the schema checks the week
        raise Http404
    try:
        carrier = actions.check_carrier(circle, payload.carrier_id)
    except actions.NotAllowed as problem:
        return _refused(problem)
    task = actions.add_task(person, circle, monday, payload.text, carrier)
    return Status(201, _task_out(task, _member_ids(circle)))


@router.put(
    f"{PREFIX}/tasks/{{task_id}}",
    response={200: TaskOut, 409: Message},
    summary="Change a task: its words, who carries it, done or not",
)
def put_task(request: HttpRequest, task_id: int, payload: TaskUpdateIn) -> Any:
    task = actions.visible_task_or_404(caller(request), task_id)
    try:
        carrier = actions.check_carrier(task.circle, payload.carrier_id)
    except actions.NotAllowed as problem:
        return _refused(problem)
    actions.change_task(task, text=payload.text, carrier=carrier)
    actions.set_done(task, payload.done)
    return _task_out(task, _member_ids(task.circle))


@router.delete(f"{PREFIX}/tasks/{{task_id}}", response={204: None}, summary="Remove a task")
def delete_task(request: HttpRequest, task_id: int) -> Any:
    actions.visible_task_or_404(caller(request), task_id).delete()
    return Status(204, None)


@router.post(
    f"{PREFIX}/circles/{{circle_id}}/weeks/{{week}}/copy-forward",
    response={201: list[TaskOut]},
    summary="Bring the week before's list into this week (what's new is returned)",
)
def copy_forward(request: HttpRequest, circle_id: int, week: str) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    monday = weeks.parse(week)
    if monday is None:
        raise Http404
    member_ids = _member_ids(circle)
    copied = actions.copy_forward(person, circle, monday)
    return Status(201, [_task_out(t, member_ids) for t in copied])


# --- Outside support --------------------------------------------------------------------------


def _fields(payload: SupportUpdateIn) -> actions.SupportFields:
    return actions.SupportFields(payload.name, payload.kind, payload.reach, payload.note)


@router.get(
    f"{PREFIX}/support", response=list[SupportOut], summary="Outside support, in my circles"
)
def list_support(request: HttpRequest, circle: Id | None = None) -> Any:
    items = visibility.circle_things(Support.objects.all(), caller(request))
    if circle is not None:
        items = items.filter(circle_id=circle)
    return [_support_out(s) for s in items.order_by("circle_id", "name", "pk")]


@router.post(f"{PREFIX}/support", response={201: SupportOut}, summary="Add someone to call on")
def create_support(request: HttpRequest, payload: SupportIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    return Status(201, _support_out(actions.add_support(person, circle, _fields(payload))))


@router.put(
    f"{PREFIX}/support/{{support_id}}", response=SupportOut, summary="Change someone to call on"
)
def put_support(request: HttpRequest, support_id: int, payload: SupportUpdateIn) -> Any:
    item = actions.visible_support_or_404(caller(request), support_id)
    return _support_out(actions.change_support(item, _fields(payload)))


@router.delete(
    f"{PREFIX}/support/{{support_id}}", response={204: None}, summary="Remove someone to call on"
)
def delete_support(request: HttpRequest, support_id: int) -> Any:
    actions.visible_support_or_404(caller(request), support_id).delete()
    return Status(204, None)


# --- Signals and offers -----------------------------------------------------------------------


@router.get(
    f"{PREFIX}/signals",
    response=list[SignalOut],
    summary="Stretched-thin signals in my circles, newest first (open ones unless asked)",
)
def list_signals(
    request: HttpRequest,
    circle: Id | None = None,
    include_closed: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    person = caller(request)
    signals = visibility.visible_entries(
        Signal.objects.filter(withdrawn_at__isnull=True), person
    ).select_related("author")
    if circle is not None:
        signals = signals.filter(circle_id=circle)
    if not include_closed:
        signals = signals.filter(closed_at__isnull=True)
    return _signals_out(person, list(signals[offset : offset + limit]))


@router.post(
    f"{PREFIX}/signals",
    response={201: SignalOut, **REFUSED},
    summary="Tell a circle I'm stretched thin, and what would help",
)
def create_signal(request: HttpRequest, payload: SignalIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    try:
        signal = actions.send_signal(person, circle, list(payload.helps), payload.text)
    except actions.NotAllowed as problem:
        return _refused(problem)
    return Status(201, _signals_out(person, [signal])[0])


@router.get(f"{PREFIX}/signals/{{signal_id}}", response=SignalOut, summary="One signal")
def get_signal(request: HttpRequest, signal_id: int) -> Any:
    person = caller(request)
    return _signals_out(person, [actions.visible_signal_or_404(person, signal_id)])[0]


@router.post(
    f"{PREFIX}/signals/{{signal_id}}/close",
    response=SignalOut,
    summary="Close my signal: I'm steadier now",
)
def close_signal(request: HttpRequest, signal_id: int) -> Any:
    person = caller(request)
    signal = actions.close_signal(actions.own_signal_or_404(person, signal_id))
    return _signals_out(person, [signal])[0]


@router.post(
    f"{PREFIX}/signals/{{signal_id}}/offers",
    response={201: OfferOut, **REFUSED},
    summary="Answer someone's signal with an offer",
)
def create_offer(request: HttpRequest, signal_id: int, payload: OfferIn) -> Any:
    person = caller(request)
    signal = actions.visible_signal_or_404(person, signal_id)
    try:
        offer = actions.make_offer(person, signal, payload.choice, payload.text)
    except actions.NotAllowed as problem:
        return _refused(problem)
    return Status(201, _offer_out(offer))


@router.post(
    f"{PREFIX}/offers/{{offer_id}}/accept",
    response=OfferOut,
    summary="Accept an offer made on my signal, with thanks",
)
def accept_offer(request: HttpRequest, offer_id: int) -> Any:
    return _offer_out(actions.accept_offer(actions.offer_to_me_or_404(caller(request), offer_id)))
