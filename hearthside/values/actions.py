"""What people do with intentions, values, goals, revisits and honesty moments. The pages and
the API both call these; each takes things the caller has already fetched through
`hearthside.circles.visibility`, so none of them decides who may see what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from hearthside.circles.models import Circle
from hearthside.notify import outbox
from hearthside.practice.models import CheckIn, Share
from hearthside.values.models import (
    CircleValue,
    HonestyMoment,
    Intention,
    Revisit,
    RevisitNote,
    ValuesSettings,
    add_months,
)
from hearthside.values.words import DEFAULT_CADENCE


class NotAllowed(Exception):
    """The thing exists and the caller sees it, but this can't be done to it (any more)."""


class AlreadyOpen(Exception):
    """A revisit is already under way in this circle: join it rather than start another."""

    def __init__(self, revisit: Revisit) -> None:
        super().__init__("a revisit is already open")
        self.revisit = revisit


# --- Intentions ---------------------------------------------------------------------------------


def withdraw_intention(intention: Intention) -> None:
    if intention.circle_id is None or intention.withdrawn_at is not None:
        return
    intention.withdrawn_at = timezone.now()
    intention.save(update_fields=["withdrawn_at"])


def update_intention(intention: Intention, *, hopes: list[str], text: str) -> Intention:
    intention.hopes = hopes
    intention.text = text
    intention.updated_at = timezone.now()
    intention.save(update_fields=["hopes", "text", "updated_at"])
    return intention


# --- Values and goals ---------------------------------------------------------------------------


def open_revisit(circle: Circle) -> Revisit | None:
    return Revisit.objects.filter(circle=circle, finished_at__isnull=True).first()


def add_item(person: Any, circle: Circle, *, kind: str, area: str, text: str) -> CircleValue:
    return CircleValue.objects.create(
        circle=circle,
        kind=kind,
        area=area if kind == CircleValue.Kind.GOAL else "",
        text=text,
        added_by=person,
        added_in=open_revisit(circle),
    )


def retire_item(person: Any, item: CircleValue) -> None:
    if item.retired_at is not None:
        return
    item.retired_at = timezone.now()
    item.retired_by = person
    item.retired_in = open_revisit(item.circle)
    item.save(update_fields=["retired_at", "retired_by", "retired_in"])


def restore_item(item: CircleValue) -> None:
    """Bring a retired one back, as if it had never gone. A wording that was replaced stays
    history: bringing it back would leave two versions of one thing."""
    if item.retired_at is None:
        return
    if item.replaced_by.exists():  # type: ignore[attr-defined]
        raise NotAllowed("this wording was replaced")
    item.retired_at = None
    item.retired_by = None
    item.retired_in = None
    item.save(update_fields=["retired_at", "retired_by", "retired_in"])


@transaction.atomic
def change_item(person: Any, item: CircleValue, *, text: str, area: str) -> CircleValue:
    """New words for a value or goal: the old wording is retired and stays in the history."""
    if item.retired_at is not None:
        raise NotAllowed("only a current one can be changed")
    if text == item.text and (item.kind == CircleValue.Kind.VALUE or area == item.area):
        return item
    retire_item(person, item)
    new = add_item(person, item.circle, kind=item.kind, area=area, text=text)
    new.replaces = item
    new.save(update_fields=["replaces"])
    return new


# --- The cadence --------------------------------------------------------------------------------


def settings_of(circle: Circle) -> ValuesSettings | None:
    return ValuesSettings.objects.filter(circle=circle).first()


def set_cadence(
    person: Any, circle: Circle, *, every_months: int, next_due_on: date | None
) -> ValuesSettings:
    if every_months == 0:
        next_due_on = None
    elif next_due_on is None:
        next_due_on = add_months(timezone.localdate(), every_months)
    before = settings_of(circle)
    values_settings, _created = ValuesSettings.objects.update_or_create(
        circle=circle,
        defaults={
            "every_months": every_months,
            "next_due_on": next_due_on,
            "updated_by": person,
            "updated_at": timezone.now(),
        },
    )
    was_due = before.next_due_on if before is not None else None
    if was_due is not None and was_due != next_due_on:
        # The revisit was done, or moved to another day: "today is the day you chose" waiting
        # out someone's quiet hours would now be wrong.
        outbox.hold_back(revisit_key(circle, was_due), prefix=True)
    return values_settings


def revisit_key(circle: Circle, day: date, person: Any = None) -> str:
    """The idempotency key of the reminder to `person` of the revisit due on `day` (see
    jobs.py); without `person`, the prefix of everyone's reminder of that day."""
    return f"values-revisit:{circle.pk}:{day:%Y-%m-%d}:{person.pk if person else ''}"


def suggested_next(circle: Circle, every_months: int) -> date:
    """Where the next revisit would fall: that long after the last one, or after today."""
    last = (
        Revisit.objects.filter(circle=circle, finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    start = timezone.localdate(last) if last else timezone.localdate()
    due = add_months(start, every_months or DEFAULT_CADENCE)
    return max(due, timezone.localdate() + timedelta(days=1))


def is_due(values_settings: ValuesSettings | None, today: date) -> bool:
    return bool(
        values_settings
        and values_settings.every_months
        and values_settings.next_due_on
        and values_settings.next_due_on <= today
    )


# --- Revisits -----------------------------------------------------------------------------------


def start_revisit(person: Any, circle: Circle) -> Revisit:
    existing = open_revisit(circle)
    if existing is not None:
        raise AlreadyOpen(existing)
    try:
        with transaction.atomic():
            return Revisit.objects.create(circle=circle, started_by=person)
    except IntegrityError:
        # Someone else in the circle pressed "start" at the same moment: theirs is the one.
        existing = open_revisit(circle)
        if existing is None:
            raise
        raise AlreadyOpen(existing) from None


def save_note(
    person: Any, revisit: Revisit, prompt: int, *, text: str, just_for_me: bool
) -> RevisitNote | None:
    """One note per person per prompt: writing again changes it, emptying it removes it."""
    if not revisit.is_open:
        raise NotAllowed("this revisit is finished")
    mine = RevisitNote.objects.filter(revisit=revisit, author=person, prompt=prompt)
    text = text.strip()
    if not text:
        mine.delete()
        return None
    circle = None if just_for_me else revisit.circle
    note = mine.first()
    if note is None:
        try:
            with transaction.atomic():
                return RevisitNote.objects.create(
                    revisit=revisit, author=person, prompt=prompt, text=text, circle=circle
                )
        except IntegrityError:
            # The same person saving twice at once (two tabs): the later words win.
            note = mine.get()
    note.text = text
    note.circle = circle
    note.save(update_fields=["text", "circle"])
    return note


@dataclass(frozen=True)
class Changes:
    added: list[CircleValue]
    retired: list[CircleValue]  # let go of, without new words
    changed: list[tuple[CircleValue, CircleValue]]  # (old wording, new wording)

    def __bool__(self) -> bool:
        return bool(self.added or self.retired or self.changed)


def changes_in(revisit: Revisit) -> Changes:
    """What the revisit changed: added, let go, and reworded (old → new)."""
    added = list(CircleValue.objects.filter(added_in=revisit).select_related("replaces"))
    retired = list(CircleValue.objects.filter(retired_in=revisit))
    reworded = {new.replaces_id: new for new in added if new.replaces_id}
    return Changes(
        added=[item for item in added if item.replaces_id is None],
        retired=[item for item in retired if item.pk not in reworded],
        changed=[(item, reworded[item.pk]) for item in retired if item.pk in reworded],
    )


@transaction.atomic
def finish_revisit(
    person: Any, revisit: Revisit, *, takeaway: str, every_months: int | None = None
) -> Revisit:
    """Close the revisit and roll the next due day forward by the circle's cadence (or the one
    chosen now)."""
    if not revisit.is_open:
        raise NotAllowed("this revisit is already finished")
    revisit.finished_at = timezone.now()
    revisit.finished_by = person
    revisit.takeaway = takeaway.strip()
    revisit.save(update_fields=["finished_at", "finished_by", "takeaway"])
    current = settings_of(revisit.circle)
    months = every_months if every_months is not None else (current.every_months if current else 0)
    if current is not None or months:
        set_cadence(
            person,
            revisit.circle,
            every_months=months,
            next_due_on=add_months(timezone.localdate(), months) if months else None,
        )
    return revisit


# --- Honesty moments ----------------------------------------------------------------------------


def mark_honesty(
    person: Any, thing: Share | CheckIn, *, note: str = ""
) -> tuple[HonestyMoment, bool]:
    """Mark a share or check-in (already checked visible to `person`); marking twice keeps the
    first mark and only fills in a note if one is given."""
    target: dict[str, Any] = {"share" if isinstance(thing, Share) else "checkin": thing}
    try:
        with transaction.atomic():
            moment, created = HonestyMoment.objects.get_or_create(
                person=person, **target, defaults={"note": note.strip()}
            )
    except IntegrityError:
        moment, created = HonestyMoment.objects.get(person=person, **target), False
    if not created and note.strip():
        moment.note = note.strip()
        moment.save(update_fields=["note"])
    return moment, created
