"""What people do with requests. Views and API routes both call these, after
`hearthside.needs.privacy` has said the person may see the request they act on."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.needs.models import Answer, Met, Request, Response
from hearthside.notify import outbox


class NotAllowed(Exception):
    """The person may see the request but may not do this to it (answer their own request,
    mark someone else's as met)."""


class Withdrawn(NotAllowed):
    """The request was withdrawn; nothing more happens to it."""


class NotInCircle(ValueError):
    """The person asked is not (or no longer) a member of the circle, or is the asker."""


def askable(person: Person, circle: Circle) -> list[Person]:
    """Whom `person` can ask in `circle`: its other current members."""
    return [m for m in visibility.members_of(circle) if m.pk != person.pk]


def create_request(
    person: Person,
    circle: Circle,
    recipient: Person,
    *,
    kind: str,
    text: str,
    by_when: date | None = None,
) -> Request:
    """`circle` must be one of `person`'s circles (the caller checked it through visibility);
    the recipient must be another current member of it."""
    if recipient.pk not in {m.pk for m in askable(person, circle)}:
        raise NotInCircle
    return Request.objects.create(
        author=person,
        circle=circle,
        recipient=recipient,
        kind=kind,
        text=text.strip(),
        by_when=by_when,
    )


@transaction.atomic
def answer(
    person: Person,
    ask: Request,
    *,
    response: str,
    proposed_for: datetime | None = None,
    note: str = "",
) -> Answer:
    """Only the person asked answers, as often as they like: the newest answer stands. A
    proposed time belongs only with "not now"."""
    if ask.recipient_id != person.pk:
        raise NotAllowed
    if ask.withdrawn_at is not None:
        raise Withdrawn
    if response != Response.NOT_NOW:
        proposed_for = None
    given = Answer.objects.create(
        request=ask,
        author=person,
        response=response,
        proposed_for=proposed_for,
        note=note.strip(),
    )
    ask.response = response
    ask.proposed_for = proposed_for
    ask.answered_at = given.created_at
    ask.save(update_fields=["response", "proposed_for", "answered_at"])
    # A reminder still waiting out the quiet hours would now be wrong: it doesn't go out.
    outbox.hold_back(reminder_key(ask))
    return given


def mark_met(person: Person, ask: Request, *, met: str, note: str = "") -> Request:
    """Only the asker says whether the need was met; they can change their mind."""
    if ask.author_id != person.pk:
        raise NotAllowed
    if ask.withdrawn_at is not None:
        raise Withdrawn
    if met not in Met.values:
        raise ValueError(met)
    ask.met = met
    ask.met_note = note.strip()
    ask.met_at = timezone.now()
    ask.save(update_fields=["met", "met_note", "met_at"])
    return ask


def withdraw(person: Person, ask: Request) -> None:
    """The asker takes it back: from now on only they see it."""
    if ask.author_id != person.pk:
        raise NotAllowed
    if ask.withdrawn_at is None:
        ask.withdrawn_at = timezone.now()
        ask.save(update_fields=["withdrawn_at"])
        outbox.hold_back(reminder_key(ask))


def reminder_key(ask: Request) -> str:
    """The idempotency key of the one reminder a request may get (see jobs.py)."""
    return f"needs:request:{ask.pk}:reminder"
