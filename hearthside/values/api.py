"""Intentions, values and goals: JSON API routes under /api/v1/values/, registered on the API
by hearthside.api.routes.

The privacy rule, as in the app: intentions and revisit notes are entries (mine, or shared with
a circle I was in when they were written); values, goals, the cadence and revisits belong to
a circle as a whole (any current member); honesty moments are each person's own and never say
what a share was about. Whatever a caller may not see is 404, never 403.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Router, Status

from hearthside.api.auth import caller
from hearthside.api.schemas import Id, Limit, Message, Offset
from hearthside.circles import visibility
from hearthside.practice.models import CheckIn, Share
from hearthside.values import actions, queries
from hearthside.values.models import CircleValue, HonestyMoment, Intention, Revisit, RevisitNote
from hearthside.values.schemas import (
    CadenceIn,
    CadenceOut,
    CircleValuesOut,
    FinishIn,
    HopeOut,
    IntentionIn,
    IntentionOut,
    IntentionUpdateIn,
    ItemChangeIn,
    ItemIn,
    ItemOut,
    MomentIn,
    MomentNoteIn,
    MomentOut,
    NoteIn,
    NoteOut,
    RevisitDetailOut,
    RevisitOut,
)
from hearthside.values.words import HOPES, PROMPTS

router = Router(tags=["values"])


def register(api: NinjaAPI) -> None:
    """Add this practice's routers to `api`."""
    api.add_router("/values", router)


# --- Hopes --------------------------------------------------------------------------------------


@router.get("/hopes", response=list[HopeOut], summary="The hopes an intention can name")
def list_hopes(request: HttpRequest) -> Any:
    return [{"slug": h.slug, "label": str(h.label), "hint": str(h.hint)} for h in HOPES]


# --- Intentions ---------------------------------------------------------------------------------


@router.get(
    "/intentions",
    response=list[IntentionOut],
    summary="Intentions I can see: mine, and those shared with my circles",
)
def list_intentions(
    request: HttpRequest,
    circle: Id | None = None,
    mine: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    person = caller(request)
    found = queries.my_intentions(person) if mine else queries.intentions(person)
    if circle is not None:
        found = found.filter(circle_id=circle)
    return found.select_related("author")[offset : offset + limit]


@router.post("/intentions", response={201: IntentionOut}, summary="Write an intention")
def create_intention(request: HttpRequest, payload: IntentionIn) -> Any:
    person = caller(request)
    circle = None
    if payload.circle is not None:
        circle = visibility.get_circle_or_404(person, payload.circle)
    intention = Intention.objects.create(
        author=person, circle=circle, hopes=payload.hopes, text=payload.text
    )
    return Status(201, intention)


@router.get("/intentions/{intention_id}", response=IntentionOut, summary="One intention")
def get_intention(request: HttpRequest, intention_id: int) -> Any:
    return visibility.get_visible_or_404(
        Intention.objects.select_related("author"), caller(request), pk=intention_id
    )


def _my_intention(request: HttpRequest, intention_id: int) -> Intention:
    return visibility.get_own_or_404(
        Intention.objects.select_related("author"), caller(request), pk=intention_id
    )


@router.put(
    "/intentions/{intention_id}", response=IntentionOut, summary="Change my intention's words"
)
def put_intention(request: HttpRequest, intention_id: int, payload: IntentionUpdateIn) -> Any:
    intention = _my_intention(request, intention_id)
    return actions.update_intention(intention, hopes=payload.hopes, text=payload.text)


@router.post(
    "/intentions/{intention_id}/withdraw",
    response=IntentionOut,
    summary="Take a shared intention back: only I see it from now on",
)
def withdraw_intention(request: HttpRequest, intention_id: int) -> Any:
    intention = _my_intention(request, intention_id)
    actions.withdraw_intention(intention)
    return intention


@router.delete(
    "/intentions/{intention_id}", response={204: None}, summary="Delete my intention for good"
)
def delete_intention(request: HttpRequest, intention_id: int) -> Any:
    _my_intention(request, intention_id).delete()
    return Status(204, None)


# --- Values and goals ---------------------------------------------------------------------------


def _item_out(item: CircleValue) -> dict[str, Any]:
    return {
        "id": item.pk,
        "circle_id": item.circle_id,
        "kind": item.kind,
        "area": item.area or None,
        "text": item.text,
        "added_by": item.added_by,
        "created_at": item.created_at,
        "retired_at": item.retired_at,
        "retired_by": item.retired_by,
        "replaces_id": item.replaces_id,
        "added_in_id": item.added_in_id,
        "retired_in_id": item.retired_in_id,
    }


def _with_people(items: Any) -> Any:
    return items.select_related("added_by", "retired_by")


def _circle_out(row: queries.CircleValues) -> dict[str, Any]:
    s = row.settings
    return {
        "circle_id": row.circle.pk,
        "name": row.circle.name,
        "values": [_item_out(i) for i in row.values],
        "goals": [_item_out(i) for i in row.goals],
        "every_months": s.every_months if s else 0,
        "next_due_on": row.next_due_on,
        "due": row.due,
        "open_revisit_id": row.open_revisit.pk if row.open_revisit else None,
    }


def _rows(person: Any, circles: list[Any] | None = None) -> list[queries.CircleValues]:
    return queries.circle_values(person, timezone.localdate(), circles)


@router.get(
    "/circles",
    response=list[CircleValuesOut],
    summary="Each of my circles' current values and goals, and where revisits stand",
)
def list_circles(request: HttpRequest) -> Any:
    return [_circle_out(row) for row in _rows(caller(request))]


@router.get(
    "/circles/{circle_id}/items",
    response=list[ItemOut],
    summary="A circle's values and goals (with include_retired: its whole history)",
)
def list_items(request: HttpRequest, circle_id: int, include_retired: bool = False) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    found = _with_people(queries.items(person).filter(circle=circle))
    if not include_retired:
        found = found.filter(retired_at__isnull=True)
    return [_item_out(i) for i in found]


@router.post(
    "/circles/{circle_id}/items",
    response={201: ItemOut},
    summary="Add a value or a goal to a circle",
)
def create_item(request: HttpRequest, circle_id: int, payload: ItemIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    item = actions.add_item(
        person, circle, kind=payload.kind, area=payload.area or "", text=payload.text
    )
    return Status(201, _item_out(item))


@router.put(
    "/circles/{circle_id}/cadence",
    response=CadenceOut,
    summary="How often the circle revisits its values, and when next",
)
def put_cadence(request: HttpRequest, circle_id: int, payload: CadenceIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    saved = actions.set_cadence(
        person, circle, every_months=payload.every_months, next_due_on=payload.next_due_on
    )
    return {
        "circle_id": circle.pk,
        "every_months": saved.every_months,
        "next_due_on": saved.next_due_on,
    }


def _item(request: HttpRequest, item_id: int) -> CircleValue:
    try:
        return _with_people(queries.items(caller(request))).get(pk=item_id)
    except CircleValue.DoesNotExist as exc:
        raise Http404 from exc


@router.put(
    "/items/{item_id}",
    response={200: ItemOut, 409: Message},
    summary="New words for a value or goal: the old ones are kept as history",
)
def change_item(request: HttpRequest, item_id: int, payload: ItemChangeIn) -> Any:
    item = _item(request, item_id)
    if item.kind == CircleValue.Kind.VALUE and payload.area is not None:
        return Status(409, {"detail": "Only goals have an area."})
    try:
        new = actions.change_item(
            caller(request), item, text=payload.text, area=payload.area or item.area
        )
    except actions.NotAllowed:
        return Status(409, {"detail": "This one was let go; bring it back first."})
    return _item_out(new)


@router.post("/items/{item_id}/retire", response=ItemOut, summary="Let a value or goal go")
def retire_item(request: HttpRequest, item_id: int) -> Any:
    item = _item(request, item_id)
    actions.retire_item(caller(request), item)
    return _item_out(item)


@router.post(
    "/items/{item_id}/restore",
    response={200: ItemOut, 409: Message},
    summary="Bring back a value or goal that was let go",
)
def restore_item(request: HttpRequest, item_id: int) -> Any:
    item = _item(request, item_id)
    try:
        actions.restore_item(item)
    except actions.NotAllowed:
        return Status(409, {"detail": "These words were changed since; they stay history."})
    return _item_out(item)


# --- Revisits -----------------------------------------------------------------------------------


def _revisits(person: Any) -> Any:
    return queries.revisits(person).select_related("started_by", "finished_by")


def _revisit(request: HttpRequest, revisit_id: int) -> Revisit:
    try:
        return _revisits(caller(request)).select_related("circle").get(pk=revisit_id)
    except Revisit.DoesNotExist as exc:
        raise Http404 from exc


@router.get(
    "/circles/{circle_id}/revisits", response=list[RevisitOut], summary="A circle's revisits"
)
def list_revisits(
    request: HttpRequest, circle_id: int, limit: Limit = 50, offset: Offset = 0
) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    return _revisits(person).filter(circle=circle)[offset : offset + limit]


@router.post(
    "/circles/{circle_id}/revisits",
    response={201: RevisitOut, 409: Message},
    summary="Start a revisit (one at a time per circle)",
)
def start_revisit(request: HttpRequest, circle_id: int) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, circle_id)
    try:
        revisit = actions.start_revisit(person, circle)
    except actions.AlreadyOpen as already:
        return Status(409, {"detail": f"Revisit {already.revisit.pk} is already under way."})
    return Status(201, revisit)


def _note_out(note: RevisitNote) -> dict[str, Any]:
    return {
        "id": note.pk,
        "prompt": note.prompt,
        "author": note.author,
        "text": note.text,
        "just_for_me": note.circle_id is None,
        "created_at": note.created_at,
    }


@router.get(
    "/revisits/{revisit_id}",
    response=RevisitDetailOut,
    summary="A revisit: its prompts, the notes I may read, and what it changed",
)
def get_revisit(request: HttpRequest, revisit_id: int) -> Any:
    person = caller(request)
    revisit = _revisit(request, revisit_id)
    changes = actions.changes_in(revisit)
    return {
        **RevisitOut.from_orm(revisit).dict(),
        "prompts": [str(p.title) for p in PROMPTS],
        "notes": [_note_out(n) for n in queries.notes(revisit, person)],
        "changes": {
            "added": [_item_out(i) for i in changes.added],
            "retired": [_item_out(i) for i in changes.retired],
            "changed": [
                {"before": _item_out(old), "after": _item_out(new)} for old, new in changes.changed
            ],
        },
    }


def _prompt(prompt: int) -> int:
    if not 0 <= prompt < len(PROMPTS):
        raise Http404
    return prompt


@router.put(
    "/revisits/{revisit_id}/notes/{prompt}",
    response={200: NoteOut, 409: Message},
    summary="Write (or rewrite) my note at one prompt (0-3) of an open revisit",
)
def put_note(request: HttpRequest, revisit_id: int, prompt: int, payload: NoteIn) -> Any:
    revisit = _revisit(request, revisit_id)
    try:
        note = actions.save_note(
            caller(request),
            revisit,
            _prompt(prompt),
            text=payload.text,
            just_for_me=payload.just_for_me,
        )
    except actions.NotAllowed:
        return Status(409, {"detail": "This revisit is finished."})
    assert note is not None  # the text is never empty here
    return _note_out(note)


@router.delete(
    "/revisits/{revisit_id}/notes/{prompt}",
    response={204: None, 409: Message},
    summary="Take back my note at one prompt of an open revisit",
)
def delete_note(request: HttpRequest, revisit_id: int, prompt: int) -> Any:
    revisit = _revisit(request, revisit_id)
    try:
        actions.save_note(caller(request), revisit, _prompt(prompt), text="", just_for_me=True)
    except actions.NotAllowed:
        return Status(409, {"detail": "This revisit is finished."})
    return Status(204, None)


@router.post(
    "/revisits/{revisit_id}/finish",
    response={200: RevisitOut, 409: Message},
    summary="Finish a revisit and roll the next one forward",
)
def finish_revisit(request: HttpRequest, revisit_id: int, payload: FinishIn) -> Any:
    revisit = _revisit(request, revisit_id)
    try:
        return actions.finish_revisit(
            caller(request), revisit, takeaway=payload.takeaway, every_months=payload.every_months
        )
    except actions.NotAllowed:
        return Status(409, {"detail": "This revisit is already finished."})


# --- Honesty moments ----------------------------------------------------------------------------


def _moment_out(found: queries.Moment) -> dict[str, Any]:
    m = found.moment
    return {
        "id": m.pk,
        "share_id": m.share_id,
        "checkin_id": m.checkin_id,
        "note": m.note,
        "created_at": m.created_at,
        "still_visible": not found.gone,
    }


@router.get(
    "/honesty-moments",
    response=list[MomentOut],
    summary="My honesty moments (nobody else's, ever)",
)
def list_moments(request: HttpRequest) -> Any:
    return [_moment_out(m) for m in queries.my_moments(caller(request))]


@router.post(
    "/honesty-moments",
    response={200: MomentOut, 201: MomentOut},
    summary="Mark a share (mine or shared with me) or my check-in as an honesty moment",
)
def create_moment(request: HttpRequest, payload: MomentIn) -> Any:
    person = caller(request)
    thing: Share | CheckIn = (
        queries.markable_share_or_404(person, payload.share)
        if payload.share is not None
        else queries.markable_checkin_or_404(person, payload.checkin)
    )
    with transaction.atomic():
        moment, created = actions.mark_honesty(person, thing, note=payload.note)
    return Status(201 if created else 200, _moment_out(queries.my_moment_or_404(person, moment.pk)))


@router.put("/honesty-moments/{moment_id}", response=MomentOut, summary="My words about a moment")
def put_moment(request: HttpRequest, moment_id: int, payload: MomentNoteIn) -> Any:
    person = caller(request)
    found = queries.my_moment_or_404(person, moment_id)
    found.moment.note = payload.note
    found.moment.save(update_fields=["note"])
    return _moment_out(found)


@router.delete(
    "/honesty-moments/{moment_id}", response={204: None}, summary="Unmark an honesty moment"
)
def delete_moment(request: HttpRequest, moment_id: int) -> Any:
    deleted, _by_model = HonestyMoment.objects.filter(person=caller(request), pk=moment_id).delete()
    if not deleted:
        raise Http404
    return Status(204, None)
