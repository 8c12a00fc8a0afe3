"""What people do with summary requests. Views and API routes both call these, after
`hearthside.summary.privacy` has said the person takes part in the request they act on.

The rules, in one place:

- Any member of a circle of two or more proposes a period. Everyone who is a member at that
  moment is a participant and must consent; proposing counts as the proposer's consent. Someone
  who joins later is not asked and never sees the request (what was shared before they came was
  never theirs to see).
- A participant can withdraw their consent, and give it again, until the summary is made.
- The summary is made the moment the last participant consents — no extra step, so nobody can
  be left wondering who should press "make it". It is made once and stored.
- The proposer can cancel a request that is still waiting; once it is made, any participant
  can delete it (the stored summary is erased).
- A participant leaving the circle makes the request lapse (`state`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.notify import outbox
from hearthside.summary import markdown, privacy
from hearthside.summary.collect import collect
from hearthside.summary.models import Consent, State, SummaryRequest
from hearthside.summary.snapshot import Snapshot
from hearthside.zones import zone_named

# A year and a day: a summary of a whole year, whichever day it starts on.
LONGEST_PERIOD = timedelta(days=366)


class Refused(Exception):
    """The person may see the request but this can't be done now; the message is safe to show."""


class NotYours(Refused):
    """Someone other than the proposer trying to cancel a request that is still waiting."""


class PeriodProblem(ValueError):
    """Dates that don't make a period a summary can cover; the message says why, kindly."""


def local_today(person: Any) -> date:
    return timezone.now().astimezone(zone_named(person.time_zone)).date()


def period_problem(start: date, end: date, today: date) -> str | None:
    """Why `start`..`end` can't be summarised (None when it can)."""
    if end < start:
        return _("The period ends before it starts — check the two dates.")
    if end > today:
        return _("A summary looks back: choose a period that has ended by today.")
    if end - start >= LONGEST_PERIOD:
        return _("Choose a period of a year or less.")
    return None


# --- Where a request stands ---------------------------------------------------------------


def is_intact(request: SummaryRequest) -> bool:
    """Every participant is still in the circle they were in when it was proposed."""
    present = getattr(request, "present_count", None)
    if present is None:
        present = len(privacy.present_participants(request))
    return bool(present == request.participant_count)


def state(request: SummaryRequest) -> State:
    if request.cancelled_at is not None:
        return State.CANCELLED
    if not is_intact(request):
        return State.LAPSED
    if request.produced_at is not None:
        return State.PRODUCED
    return State.WAITING


def snapshot_of(request: SummaryRequest) -> Snapshot | None:
    """The produced summary, while it may be shown."""
    if state(request) != State.PRODUCED or not request.data:
        return None
    return Snapshot.model_validate(request.data)


def preview(request: SummaryRequest) -> Snapshot | None:
    """What the summary would hold if it were made now (for people deciding whether to
    consent). Every item in it is one all participants can see, so showing it to any of them
    reveals nothing."""
    if state(request) != State.WAITING:
        return None
    people = privacy.present_participants(request)
    return collect(request, people, timezone.now(), produced=False)


# --- Doing things -------------------------------------------------------------------------


def propose(person: Any, circle: Circle, start: date, end: date) -> SummaryRequest:
    """`circle` must be one of `person`'s circles (the caller asked visibility)."""
    problem = period_problem(start, end, local_today(person))
    if problem:
        raise PeriodProblem(problem)
    members = visibility.members_of(circle)
    if len(members) < 2:
        raise Refused(_("A summary is for a circle of two or more. Invite someone first."))
    waiting = privacy.with_presence(
        SummaryRequest.objects.filter(
            circle=circle,
            period_start=start,
            period_end=end,
            produced_at__isnull=True,
            cancelled_at__isnull=True,
        )
    )
    if any(state(r) == State.WAITING for r in waiting):
        raise Refused(_("There's already a request for these dates waiting in this circle."))
    now = timezone.now()
    with transaction.atomic():
        request = SummaryRequest.objects.create(
            circle=circle,
            period_start=start,
            period_end=end,
            time_zone=str(zone_named(person.time_zone)),
            asked_by=person,
            participant_count=len(members),
            created_at=now,
        )
        Consent.objects.bulk_create(
            Consent(request=request, person=m, given_at=now if m.pk == person.pk else None)
            for m in members
        )
    _tell(request, [m for m in members if m.pk != person.pk], "proposed", _proposed_words)
    return request


def consent(person: Any, request: SummaryRequest) -> SummaryRequest:
    """Give (or give again) `person`'s consent. When it is the last one, the summary is made."""
    with transaction.atomic():
        request = _locked(request)
        _still_waiting(request)
        now = timezone.now()
        Consent.objects.filter(request=request, person=person).update(
            given_at=now, withdrawn_at=None
        )
        everyone = not (
            request.consents.exclude(given_at__isnull=False, withdrawn_at__isnull=True).exists()
        )
        if everyone:
            _produce(request, now)
    if everyone:
        _tell(request, privacy.present_participants(request), "produced", _produced_words)
    return request


def withdraw(person: Any, request: SummaryRequest) -> SummaryRequest:
    """Take back `person`'s consent before the summary is made."""
    with transaction.atomic():
        request = _locked(request)
        _still_waiting(request)
        Consent.objects.filter(
            request=request, person=person, given_at__isnull=False, withdrawn_at__isnull=True
        ).update(withdrawn_at=timezone.now())
    return request


def cancel(person: Any, request: SummaryRequest) -> SummaryRequest:
    """Cancel a waiting request (its proposer only), or delete a made one (any participant)."""
    with transaction.atomic():
        request = _locked(request)
        current = state(request)
        if current == State.CANCELLED:
            return request
        if current == State.WAITING and request.asked_by_id != person.pk:
            raise NotYours(
                _(
                    "Only the person who proposed it can cancel it. You can simply not "
                    "consent — it is never made without you."
                )
            )
        request.cancelled_at = timezone.now()
        # A deleted summary is gone, not hidden.
        request.data = {}
        request.markdown = ""
        request.save(update_fields=["cancelled_at", "data", "markdown"])
    return request


def _locked(request: SummaryRequest) -> SummaryRequest:
    # Two last consents at once must make one summary: the row is locked (PostgreSQL), and
    # SQLite's immediate transactions queue writers anyway.
    return SummaryRequest.objects.select_for_update().select_related("circle").get(pk=request.pk)


def _still_waiting(request: SummaryRequest) -> None:
    current = state(request)
    if current == State.PRODUCED:
        raise Refused(_("The summary has already been made, so consent can't change now."))
    if current == State.CANCELLED:
        raise Refused(_("This request was cancelled."))
    if current == State.LAPSED:
        raise Refused(
            _(
                "Someone who was part of this request has left the circle, so it can't go "
                "ahead. You can propose a new one."
            )
        )


def _produce(request: SummaryRequest, now: datetime) -> None:
    snapshot = collect(request, privacy.present_participants(request), now)
    request.data = snapshot.model_dump(mode="json")
    request.markdown = markdown.render(snapshot)
    request.produced_at = now
    request.save(update_fields=["data", "markdown", "produced_at"])


# --- Telling people -------------------------------------------------------------------------


def _period(request: SummaryRequest) -> dict[str, str]:
    return {
        "circle": request.circle.name,
        "start": date_format(request.period_start, "j F Y"),
        "end": date_format(request.period_end, "j F Y"),
    }


def _proposed_words(request: SummaryRequest) -> tuple[str, str]:
    words = {**_period(request), "name": request.asked_by.name if request.asked_by else ""}
    subject = _("%(name)s suggested a summary for a facilitator") % words
    body = (
        _(
            "%(name)s would like to make a summary of %(circle)s from %(start)s to %(end)s, to "
            "take to a facilitator. It is only made if everyone in the circle agrees. Have a "
            "look whenever you're ready: saying yes, or leaving it be, are both fine."
        )
        % words
    )
    return subject, body


def _produced_words(request: SummaryRequest) -> tuple[str, str]:
    words = _period(request)
    subject = _("Your summary of %(circle)s is ready") % words
    body = (
        _(
            "Everyone agreed, so the summary of %(circle)s from %(start)s to %(end)s has been "
            "made. You can read it, print it or download it in Hearthside."
        )
        % words
    )
    return subject, body


def _tell(request: SummaryRequest, people: list[Any], what: str, words: Any) -> None:
    """In-app, and on each person's channels. Only names, the circle and the dates travel: a
    lock screen or a shared inbox may be read by someone else. Keyed, so never twice."""
    subject, body = words(request)
    url = reverse("summary", args=[request.pk])
    now = timezone.now()
    for person in people:
        outbox.enqueue(
            person,
            kind=f"summary_{what}",
            key=f"summary:{request.pk}:{what}:{person.pk}",
            subject=subject,
            body=body,
            url=url,
            due_at=now,
        )
