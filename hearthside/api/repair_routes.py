"""The JSON API for repair: agreements, pauses, ruptures, reflections, the guided conversation,
the apology check, the plan, commitments and closure.

Like every route, these ask `hearthside.circles.visibility` first: a pause, rupture, reflection
or commitment the caller may not see is 404, exactly like one that does not exist. Everything
people do goes through `hearthside.repair.actions`; when an action says `NotAllowed` (the
caller may see the thing but not do this now), the answer is 409 with its message.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Router, Status

from hearthside.api.auth import caller
from hearthside.api.repair_schemas import (
    AgreementIn,
    AgreementOut,
    ApologyCheckIn,
    ApologyCheckOut,
    ApologyComposeIn,
    ApologyComposeOut,
    ClosureIn,
    CommitmentIn,
    CommitmentOut,
    FollowUpIn,
    FollowUpOut,
    MyReflectionOut,
    PauseDetailOut,
    PauseIn,
    PauseOut,
    PlanIn,
    PlanOut,
    ReflectionIn,
    ReflectionOut,
    RuptureDetailOut,
    RuptureIn,
    RuptureOut,
    RuptureStatus,
    Step,
    TurnIn,
    TurnOut,
)
from hearthside.api.schemas import Id, Limit, Message, Offset
from hearthside.circles import visibility
from hearthside.repair import actions, apology
from hearthside.repair.models import (
    Agreement,
    Closure,
    Commitment,
    FollowUp,
    Pause,
    Reflection,
    Rupture,
    Turn,
)

pauses_router = Router(tags=["pauses"])
ruptures_router = Router(tags=["ruptures"])
reflections_router = Router(tags=["reflections"])
conversation_router = Router(tags=["conversation"])
apology_router = Router(tags=["apology"])
follow_through_router = Router(tags=["plan and follow-through"])

REFUSED = {409: Message}


def register(api: NinjaAPI) -> None:
    for router in (
        pauses_router,
        ruptures_router,
        reflections_router,
        conversation_router,
        apology_router,
        follow_through_router,
    ):
        api.add_router("", router)


def _refused(exc: actions.NotAllowed) -> Status:
    return Status(409, {"detail": str(exc)})


# --- Agreements -----------------------------------------------------------------------------


def _agreement_out(agreement: Agreement) -> dict[str, Any]:
    return {
        "circle_id": agreement.circle_id,
        "cool_off_min": agreement.cool_off_min,
        "cool_off_max": agreement.cool_off_max,
        "phrases": agreement.phrase_list,
        "style": agreement.style,
        "updated_at": agreement.updated_at,
    }


@pauses_router.get(
    "/circles/{circle_id}/agreement",
    response=AgreementOut,
    summary="How this circle has agreed to pause and repair",
)
def get_agreement(request: HttpRequest, circle_id: int) -> Any:
    circle = visibility.get_circle_or_404(caller(request), circle_id)
    return _agreement_out(Agreement.for_circle(circle))


@pauses_router.put(
    "/circles/{circle_id}/agreement", response=AgreementOut, summary="Change our agreement"
)
def put_agreement(request: HttpRequest, circle_id: int, payload: AgreementIn) -> Any:
    circle = visibility.get_circle_or_404(caller(request), circle_id)
    # The schema has checked the bounds already, so the action's own check cannot refuse.
    agreement = actions.update_agreement(
        circle,
        phrases="\n".join(payload.phrases),
        cool_off_min=payload.cool_off_min,
        cool_off_max=payload.cool_off_max,
        style=payload.style,
    )
    return _agreement_out(agreement)


# --- Pauses ---------------------------------------------------------------------------------


def _pause_out(pause: Pause) -> dict[str, Any]:
    return {
        "id": pause.pk,
        "circle_id": pause.circle_id,
        "author": pause.author,
        "phrase": pause.phrase,
        "created_at": pause.created_at,
        "min_until": pause.min_until,
        "max_until": pause.max_until,
        "ended_at": pause.ended_at,
        "active": pause.is_active,
    }


def _pause_detail(pause: Pause) -> dict[str, Any]:
    state = actions.pause_state(pause)
    return {
        **_pause_out(pause),
        "ready": [p.pk for p in state.ready],
        "waiting": [p.pk for p in state.waiting],
        "can_return": state.can_return,
        "overdue": state.overdue,
    }


def _visible_pause(person: Any, **lookup: Any) -> Pause:
    return visibility.get_visible_or_404(
        Pause.objects.select_related("author", "circle"), person, **lookup
    )


@pauses_router.post(
    "/circles/{circle_id}/pauses",
    response={200: PauseDetailOut, 201: PauseDetailOut, **REFUSED},
    summary="Call a pause (200 with the running one if there already is one)",
)
def start_pause(request: HttpRequest, circle_id: int, payload: PauseIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    with transaction.atomic():
        # start_pause hands back a running pause only if this person may see it.
        running = actions.active_pause(circle, person)
        pause = actions.start_pause(person, circle, payload.phrase)
    return Status(201 if running is None else 200, _pause_detail(pause))


@pauses_router.get("/pauses", response=list[PauseOut], summary="Pauses I can see, newest first")
def list_pauses(
    request: HttpRequest, circle: Id | None = None, limit: Limit = 50, offset: Offset = 0
) -> Any:
    pauses = visibility.visible_entries(Pause.objects.select_related("author"), caller(request))
    if circle is not None:
        pauses = pauses.filter(circle_id=circle)
    return [_pause_out(p) for p in pauses[offset : offset + limit]]


@pauses_router.get(
    "/pauses/{pause_id}", response=PauseDetailOut, summary="A pause: who is back, who we wait for"
)
def get_pause(request: HttpRequest, pause_id: int) -> Any:
    return _pause_detail(_visible_pause(caller(request), pk=pause_id))


@pauses_router.post(
    "/pauses/{pause_id}/return",
    response={200: PauseDetailOut, **REFUSED},
    summary="Say I'm ready to come back (the pause ends when everyone is)",
)
def return_from_pause(request: HttpRequest, pause_id: int) -> Any:
    person = caller(request)
    pause = _visible_pause(person, pk=pause_id)
    try:
        actions.come_back(person, pause)
    except actions.NotAllowed as exc:
        return _refused(exc)
    return _pause_detail(pause)


# --- Ruptures -------------------------------------------------------------------------------


def _rupture_out(rupture: Rupture) -> dict[str, Any]:
    repair_time = rupture.time_to_repair
    return {
        "id": rupture.pk,
        "circle_id": rupture.circle_id,
        "author": rupture.author,
        "title": rupture.title,
        "happened_at": rupture.happened_at,
        "created_at": rupture.created_at,
        "status": rupture.status,
        "closed_at": rupture.closed_at,
        "takeaways": rupture.takeaways,
        "pause_id": rupture.pause_id,
        "linked_to_id": rupture.linked_to_id,
        "time_to_repair": int(repair_time.total_seconds()) if repair_time is not None else None,
    }


def _rupture_detail(rupture: Rupture, person: Any) -> dict[str, Any]:
    assert rupture.circle is not None
    state, members = actions.conversation_state(rupture)
    turns = Turn.objects.filter(rupture=rupture).select_related("author")
    closures = Closure.objects.filter(rupture=rupture).select_related("author").order_by("id")
    return {
        **_rupture_out(rupture),
        "conversation": {
            "style": Agreement.for_circle(rupture.circle).style,
            "members": members,
            "step": state.step,
            "done_steps": list(state.done_steps),
            "waiting_for": list(state.waiting_for),
            "may_act": list(state.may_act),
            "finished": state.finished,
        },
        "turns": list(visibility.visible_thread_items(turns, person, "rupture")),
        "closures": list(visibility.visible_thread_items(closures, person, "rupture")),
    }


def _visible_rupture(person: Any, **lookup: Any) -> Rupture:
    return visibility.get_visible_or_404(
        Rupture.objects.select_related("author", "circle"), person, **lookup
    )


@ruptures_router.get("/ruptures", response=list[RuptureOut], summary="Ruptures I can see")
def list_ruptures(
    request: HttpRequest,
    circle: Id | None = None,
    status: RuptureStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    ruptures = visibility.visible_entries(Rupture.objects.select_related("author"), caller(request))
    if circle is not None:
        ruptures = ruptures.filter(circle_id=circle)
    if status is not None:
        ruptures = ruptures.filter(status=status)
    return [_rupture_out(r) for r in ruptures[offset : offset + limit]]


@ruptures_router.post(
    "/ruptures",
    response={201: RuptureDetailOut, **REFUSED},
    summary="Name a rupture in one of my circles, to repair it together",
)
def create_rupture(request: HttpRequest, payload: RuptureIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    pause = None
    if payload.pause is not None:
        pause = _visible_pause(person, pk=payload.pause, circle=circle)
    linked_to = None
    if payload.linked_to is not None:
        linked_to = _visible_rupture(person, pk=payload.linked_to)
    try:
        rupture = actions.open_rupture(
            person, circle, payload.title, payload.happened_at, pause=pause, linked_to=linked_to
        )
    except actions.NotAllowed as exc:
        return _refused(exc)
    return Status(201, _rupture_detail(rupture, person))


@ruptures_router.get(
    "/ruptures/{rupture_id}",
    response=RuptureDetailOut,
    summary="A rupture and where its conversation stands",
)
def get_rupture(request: HttpRequest, rupture_id: int) -> Any:
    person = caller(request)
    return _rupture_detail(_visible_rupture(person, pk=rupture_id), person)


# --- Reflections ----------------------------------------------------------------------------


def _my_reflection_out(rupture: Rupture, reflection: Reflection | None) -> dict[str, Any]:
    if reflection is None:
        reflection = Reflection(rupture=rupture)
        reflection.updated_at = None  # type: ignore[assignment]
    return {
        "id": reflection.pk,
        "rupture_id": rupture.pk,
        "feelings": reflection.feelings,
        "reality": reflection.reality,
        "triggers": reflection.triggers,
        "my_part": reflection.my_part,
        "unmet_needs": reflection.unmet_needs,
        "unmet_note": reflection.unmet_note,
        "shared_parts": reflection.shared_parts,
        "updated_at": reflection.updated_at,
    }


def _reflection_out(reflection: Reflection, person: Any) -> dict[str, Any]:
    """Part by part: someone else's unshared parts are null, never their text."""
    mine = reflection.author_id == person.pk

    def part(name: str, shared_with: str | None = None) -> Any:
        if mine or reflection.is_shared(shared_with or name):
            return getattr(reflection, name)
        return None

    return {
        "id": reflection.pk,
        "rupture_id": reflection.rupture_id,
        "author": reflection.author,
        "mine": mine,
        "shared_parts": [p for p in reflection.shared_parts if p in Reflection.PARTS],
        "feelings": part("feelings"),
        "reality": part("reality"),
        "triggers": part("triggers"),
        "my_part": part("my_part"),
        "unmet_needs": part("unmet_needs"),
        # Not a part of its own: the note says more about the unmet need, so goes with it.
        "unmet_note": part("unmet_note", shared_with="unmet_needs"),
        "updated_at": reflection.updated_at,
    }


@reflections_router.get(
    "/ruptures/{rupture_id}/reflection",
    response=MyReflectionOut,
    summary="My reflection on a rupture, in full (private unless I share parts)",
)
def get_my_reflection(request: HttpRequest, rupture_id: int) -> Any:
    person = caller(request)
    rupture = _visible_rupture(person, pk=rupture_id)
    return _my_reflection_out(
        rupture, Reflection.objects.filter(rupture=rupture, author=person).first()
    )


@reflections_router.put(
    "/ruptures/{rupture_id}/reflection",
    response={200: MyReflectionOut, **REFUSED},
    summary="Write my reflection, and choose which parts the others see",
)
def put_my_reflection(request: HttpRequest, rupture_id: int, payload: ReflectionIn) -> Any:
    person = caller(request)
    rupture = _visible_rupture(person, pk=rupture_id)
    try:
        reflection = actions.save_reflection(person, rupture, **payload.dict())
    except actions.NotAllowed as exc:
        return _refused(exc)
    return _my_reflection_out(rupture, reflection)


@reflections_router.get(
    "/ruptures/{rupture_id}/reflections",
    response=list[ReflectionOut],
    summary="Reflections on a rupture: mine, and only the parts others chose to share",
)
def list_reflections(request: HttpRequest, rupture_id: int) -> Any:
    person = caller(request)
    rupture = _visible_rupture(person, pk=rupture_id)
    reflections = visibility.visible_reflections(
        Reflection.objects.filter(rupture=rupture).select_related("author").order_by("id"), person
    )
    return [_reflection_out(r, person) for r in reflections]


# --- The conversation -----------------------------------------------------------------------


@conversation_router.post(
    "/ruptures/{rupture_id}/steps/{step}",
    response={201: TurnOut, **REFUSED},
    summary="Take my turn in the open step of the repair conversation",
)
def take_turn(request: HttpRequest, rupture_id: int, step: Step, payload: TurnIn) -> Any:
    person = caller(request)
    rupture = _visible_rupture(person, pk=rupture_id)
    try:
        turn = actions.take_turn(person, rupture, step, **payload.dict())
    except actions.NotAllowed as exc:
        return _refused(exc)
    return Status(201, turn)


# --- Apologies ------------------------------------------------------------------------------


def _pitfalls(text: str) -> list[dict[str, Any]]:
    return [vars(p) for p in apology.pitfalls(text)]


@apology_router.post(
    "/apology/check",
    response=ApologyCheckOut,
    summary="Look for common apology pitfalls (nothing is stored)",
)
def check_apology(request: HttpRequest, payload: ApologyCheckIn) -> Any:
    return {"pitfalls": _pitfalls(payload.text)}


@apology_router.post(
    "/apology/compose",
    response=ApologyComposeOut,
    summary="Put what I did, its impact and what I'll do next time into one apology",
)
def compose_apology(request: HttpRequest, payload: ApologyComposeIn) -> Any:
    text = apology.compose(payload.what_i_did, payload.impact, payload.next_time)
    return {"text": text, "pitfalls": _pitfalls(text)}


# --- Plan, commitments, closure -------------------------------------------------------------


@follow_through_router.put(
    "/ruptures/{rupture_id}/plan",
    response={200: PlanOut, **REFUSED},
    summary="Our plan: takeaways, and pause phrases and cool-off for next time",
)
def put_plan(request: HttpRequest, rupture_id: int, payload: PlanIn) -> Any:
    person = caller(request)
    rupture = _visible_rupture(person, pk=rupture_id)
    assert rupture.circle is not None
    phrases = "\n".join(payload.phrases) if payload.phrases is not None else None
    try:
        actions.update_plan(
            person,
            rupture,
            takeaways=payload.takeaways,
            phrases=phrases,
            cool_off_min=payload.cool_off_min,
            cool_off_max=payload.cool_off_max,
        )
    except actions.NotAllowed as exc:
        return _refused(exc)
    agreement = Agreement.for_circle(rupture.circle)
    return {
        "rupture_id": rupture.pk,
        "takeaways": rupture.takeaways,
        "agreement": _agreement_out(agreement),
    }


def _commitments(person: Any) -> Any:
    follow_ups = visibility.visible_thread_items(
        FollowUp.objects.select_related("author").order_by("created_at", "id"),
        person,
        "commitment__rupture",
    )
    return visibility.visible_thread_items(
        Commitment.objects.select_related("author"), person, "rupture"
    ).prefetch_related(Prefetch("follow_ups", queryset=follow_ups))


@follow_through_router.get(
    "/ruptures/{rupture_id}/commitments",
    response=list[CommitmentOut],
    summary="What each of us committed to, with follow-ups",
)
def list_commitments(request: HttpRequest, rupture_id: int) -> Any:
    person = caller(request)
    rupture = _visible_rupture(person, pk=rupture_id)
    return [_commitment_out(c) for c in _commitments(person).filter(rupture=rupture)]


def _commitment_out(commitment: Commitment) -> dict[str, Any]:
    return {
        "id": commitment.pk,
        "rupture_id": commitment.rupture_id,
        "author": commitment.author,
        "text": commitment.text,
        "follow_up_on": commitment.follow_up_on,
        "created_at": commitment.created_at,
        "follow_ups": list(commitment.follow_ups.all()),
    }


@follow_through_router.post(
    "/ruptures/{rupture_id}/commitments",
    response={201: CommitmentOut, **REFUSED},
    summary="Commit to something, with a day to check back on it",
)
def create_commitment(request: HttpRequest, rupture_id: int, payload: CommitmentIn) -> Any:
    person = caller(request)
    rupture = _visible_rupture(person, pk=rupture_id)
    try:
        commitment = actions.add_commitment(person, rupture, payload.text, payload.follow_up_on)
    except actions.NotAllowed as exc:
        return _refused(exc)
    return Status(201, _commitment_out(commitment))


@follow_through_router.post(
    "/commitments/{commitment_id}/follow-ups",
    response={200: FollowUpOut, 201: FollowUpOut, **REFUSED},
    summary="Say whether a commitment happened (201 the first time, 200 when I change it)",
)
def follow_up(request: HttpRequest, commitment_id: int, payload: FollowUpIn) -> Any:
    person = caller(request)
    commitment = _commitments(person).filter(pk=commitment_id).first()
    if commitment is None:
        raise Http404
    try:
        with transaction.atomic():
            first = not FollowUp.objects.filter(commitment=commitment, author=person).exists()
            record = actions.follow_up(person, commitment, payload.answer, payload.note)
    except actions.NotAllowed as exc:
        return _refused(exc)
    return Status(201 if first else 200, record)


@follow_through_router.post(
    "/ruptures/{rupture_id}/closure",
    response={200: RuptureDetailOut, **REFUSED},
    summary="Say whether trust feels re-established (it closes when everyone says yes)",
)
def close_rupture(request: HttpRequest, rupture_id: int, payload: ClosureIn) -> Any:
    person = caller(request)
    rupture = _visible_rupture(person, pk=rupture_id)
    try:
        actions.mark_closure(person, rupture, payload.trust_reestablished, payload.note)
    except actions.NotAllowed as exc:
        return _refused(exc)
    return _rupture_detail(rupture, person)
