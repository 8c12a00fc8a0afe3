"""What people do in a repair. Views and API routes both call these, after asking
`hearthside.circles.visibility` whether the person may see the pause or rupture at all.

Every function raises `NotAllowed` (with a message safe to show) when the person may see the
thing but may not do this to it right now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.notify import outbox
from hearthside.notify.schedule import PAUSE_STAGES, follow_up_key, pause_nudge_key
from hearthside.repair import steps
from hearthside.repair.apology import compose
from hearthside.repair.models import (
    Agreement,
    Closure,
    Commitment,
    FollowUp,
    Pause,
    PauseReturn,
    Reflection,
    Rupture,
    Turn,
)


class NotAllowed(Exception):
    """The person may see this but may not do it now; str(exc) is a kind, plain message."""


# --- Pauses ---------------------------------------------------------------------------------


def active_pause(circle: Circle, person: Person | None = None) -> Pause | None:
    """The pause running in the circle: not ended, and its longest cool-off not yet over (a
    pause nobody came back from must not block the next one forever). With `person`, only a
    pause they can see (the privacy rule): one called before they joined, or by someone who
    has since left, is not theirs to join."""
    pauses = Pause.objects.filter(
        circle=circle, ended_at__isnull=True, max_until__gt=timezone.now()
    )
    if person is not None:
        pauses = visibility.visible_entries(pauses, person)
    return pauses.order_by("-created_at").first()


@transaction.atomic
def start_pause(person: Person, circle: Circle, phrase: str = "") -> Pause:
    """Call a time-out. If one is already running in the circle, that one is returned: two
    people reaching for the pause at once is one pause."""
    running = active_pause(circle, person)
    if running is not None:
        return running
    agreement = Agreement.for_circle(circle)
    if agreement.pk is None:
        # A pause is a write anyway: keep the agreement that governed it on record.
        agreement.save()
    phrases = agreement.phrase_list
    chosen = phrase.strip() if phrase.strip() in phrases else (phrases[0] if phrases else "")
    now = timezone.now()
    return Pause.objects.create(
        author=person,
        circle=circle,
        created_at=now,
        phrase=chosen or _("I need a breather. I'm coming back."),
        min_until=now + timedelta(minutes=agreement.cool_off_min),
        max_until=now + timedelta(minutes=agreement.cool_off_max),
    )


@dataclass(frozen=True)
class PauseState:
    pause: Pause
    ready: list[Person]
    waiting: list[Person]
    can_return: bool  # the minimum has passed
    overdue: bool  # the maximum passed and not everyone is back: time for a gentle nudge


def pause_state(pause: Pause) -> PauseState:
    assert pause.circle is not None
    ready_ids = set(pause.returns.values_list("author_id", flat=True))
    members = visibility.members_of(pause.circle, joined_by=pause.created_at)
    ready = [m for m in members if m.pk in ready_ids]
    waiting = [m for m in members if m.pk not in ready_ids]
    overdue = pause.is_active and pause.maximum_passed and bool(waiting)
    return PauseState(pause, ready, waiting, pause.minimum_passed, overdue)


@transaction.atomic
def come_back(person: Person, pause: Pause) -> PauseState:
    """Say "I'm ready to come back". When everyone has, the pause ends."""
    if not pause.is_active:
        raise NotAllowed(_("This pause has already ended."))
    if not pause.minimum_passed:
        raise NotAllowed(
            _("It's a little early. Give your body the full cool-off — it helps, truly.")
        )
    PauseReturn.objects.get_or_create(pause=pause, author=person)
    # Back: "ready to come back?" waiting out their quiet hours would now be wrong.
    for stage in PAUSE_STAGES:
        outbox.hold_back(pause_nudge_key(pause, stage, person))
    state = pause_state(pause)
    if not state.waiting:
        pause.ended_at = timezone.now()
        pause.save(update_fields=["ended_at"])
        # Over: nobody needs asking any more (someone who has left since, say).
        outbox.hold_back(pause_nudge_key(pause), prefix=True)
    return pause_state(pause)


# --- Ruptures -------------------------------------------------------------------------------


def open_rupture(
    person: Person,
    circle: Circle,
    title: str,
    happened_at: Any = None,
    pause: Pause | None = None,
    linked_to: Rupture | None = None,
) -> Rupture:
    if pause is not None and pause.circle_id != circle.pk:
        raise NotAllowed(_("That pause happened in another circle."))
    if linked_to is not None and linked_to.circle_id != circle.pk:
        raise NotAllowed(_("A rupture can only be linked to an earlier one in the same circle."))
    return Rupture.objects.create(
        author=person,
        circle=circle,
        title=title.strip(),
        happened_at=happened_at or timezone.now(),
        pause=pause,
        linked_to=linked_to,
    )


def _require_open(rupture: Rupture) -> None:
    if rupture.is_closed:
        raise NotAllowed(_("This repair is closed; its summary is kept as it was."))


def save_reflection(person: Person, rupture: Rupture, **parts: Any) -> Reflection:
    """Create or update my private reflection. `shared_parts` lists the parts I share."""
    _require_open(rupture)
    unknown = set(parts.get("shared_parts", [])) - set(Reflection.PARTS)
    if unknown:
        raise NotAllowed(_("Unknown part of a reflection."))
    reflection, _created = Reflection.objects.get_or_create(rupture=rupture, author=person)
    for name, value in parts.items():
        setattr(reflection, name, value.strip() if isinstance(value, str) else value)
    reflection.updated_at = timezone.now()
    reflection.save()
    return reflection


def conversation_state(rupture: Rupture) -> tuple[steps.State, list[Person]]:
    assert rupture.circle is not None
    members = visibility.members_of(rupture.circle, joined_by=rupture.created_at)
    agreement = Agreement.for_circle(rupture.circle)
    turns = rupture.turns.values_list("step", "author_id")
    return steps.state([m.pk for m in members], list(turns), agreement.style), members


@transaction.atomic
def take_turn(person: Person, rupture: Rupture, step: str, **fields: Any) -> Turn:
    """Take my turn in the open step. Checks it is my turn, and that at the realities step I
    reflected back someone else's reality first when they have already spoken."""
    _require_open(rupture)
    state, _members = conversation_state(rupture)
    if state.step != step:
        raise NotAllowed(_("That step isn't open right now."))
    if not state.can_act(person.pk):
        if person.pk in state.waiting_for:
            raise NotAllowed(
                _("It's someone else's turn first. This page will show when it's yours.")
            )
        raise NotAllowed(_("You've already taken your turn in this step."))
    others_spoken = rupture.turns.filter(step=step).exclude(author=person).exists()
    if steps.needs_reflection_first(step, others_spoken) and not (
        (fields.get("reflect") or "").strip() and (fields.get("validation") or "").strip()
    ):
        raise NotAllowed(
            _(
                "Before you answer, say back what you heard of their side "
                "and what makes sense in it."
            )
        )
    if step == steps.RESPONSIBILITY:
        built = compose(
            fields.get("what_i_did", ""), fields.get("impact", ""), fields.get("next_time", "")
        )
        if not (fields.get("text") or "").strip():
            fields["text"] = built
    if step == steps.ACCEPTANCE and fields.get("accepted") is None:
        raise NotAllowed(_("Choose “I accept” or say what you still need."))
    if (
        step == steps.ACCEPTANCE
        and fields.get("accepted") is False
        and not (fields.get("text") or "").strip()
    ):
        raise NotAllowed(_("Say what you still need, so the others can offer it."))
    if step == steps.FEELINGS and not fields.get("feelings"):
        raise NotAllowed(_("Pick at least one feeling — just the feelings for now, no story yet."))
    if step not in (steps.FEELINGS, steps.ACCEPTANCE) and not (fields.get("text") or "").strip():
        raise NotAllowed(_("Write a few words for your turn."))
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    try:
        with transaction.atomic():
            return Turn.objects.create(rupture=rupture, author=person, step=step, **clean)
    except IntegrityError as exc:  # a double submit: the first one counts
        raise NotAllowed(_("You've already taken your turn in this step.")) from exc


# --- Plan, commitments, follow-through ------------------------------------------------------


def update_agreement(
    circle: Circle,
    *,
    phrases: str | None = None,
    cool_off_min: int | None = None,
    cool_off_max: int | None = None,
    style: str | None = None,
) -> Agreement:
    """Change what a circle has agreed for pauses; only the values given change. The one
    place the bounds are checked for callers that skip the agreement form (plans, the API)."""
    agreement = Agreement.for_circle(circle)
    changed = {
        name: value
        for name, value in (
            ("phrases", phrases.strip() if phrases and phrases.strip() else None),
            ("cool_off_min", cool_off_min),
            ("cool_off_max", cool_off_max),
            ("style", style),
        )
        if value is not None
    }
    if not changed:
        return agreement
    for name, value in changed.items():
        setattr(agreement, name, value)
    if agreement.cool_off_min >= agreement.cool_off_max:
        raise NotAllowed(_("The shortest cool-off needs to be shorter than the longest."))
    if not (5 <= agreement.cool_off_min <= 24 * 60 and 10 <= agreement.cool_off_max <= 7 * 24 * 60):
        raise NotAllowed(
            _("A cool-off lasts between 5 minutes and a day at the shortest, and a week at most.")
        )
    if any(len(line) > 300 for line in agreement.phrase_list) or len(agreement.phrases) > 2000:
        raise NotAllowed(_("Keep each pause phrase short — a sentence or two."))
    if agreement.style not in (steps.TOGETHER, steps.TURNS):
        raise NotAllowed(_("Choose together or in turns."))
    agreement.updated_at = timezone.now()
    agreement.save()
    return agreement


@transaction.atomic
def update_plan(
    person: Person,
    rupture: Rupture,
    *,
    takeaways: str | None = None,
    phrases: str | None = None,
    cool_off_min: int | None = None,
    cool_off_max: int | None = None,
) -> Rupture:
    """Takeaways stay with the rupture; phrases and cool-off bounds flow back to the circle's
    agreements so the next pause uses them."""
    _require_open(rupture)
    assert rupture.circle is not None
    # The agreement first: if it is refused, the takeaways are not half-saved either.
    update_agreement(
        rupture.circle, phrases=phrases, cool_off_min=cool_off_min, cool_off_max=cool_off_max
    )
    if takeaways is not None:
        rupture.takeaways = takeaways.strip()
        rupture.save(update_fields=["takeaways"])
    return rupture


def add_commitment(person: Person, rupture: Rupture, text: str, follow_up_on: date) -> Commitment:
    _require_open(rupture)
    if not text.strip():
        raise NotAllowed(_("Say what you'll do, in a few words."))
    if len(text.strip()) > 500:
        raise NotAllowed(_("Keep a commitment to a sentence or two (500 characters at most)."))
    if follow_up_on <= timezone.localdate():
        raise NotAllowed(_("Pick a day after today to check back on it."))
    return Commitment.objects.create(
        rupture=rupture, author=person, text=text.strip(), follow_up_on=follow_up_on
    )


def follow_up(person: Person, commitment: Commitment, answer: str, note: str = "") -> FollowUp:
    """Answer "did this happen?" once the follow-up day has come (works after closure too:
    following through is how trust is rebuilt)."""
    if commitment.follow_up_on > timezone.localdate():
        raise NotAllowed(_("It's not time to check on this yet."))
    if answer not in FollowUp.Answer.values:
        raise NotAllowed(_("Choose one of the answers."))
    record, _created = FollowUp.objects.update_or_create(
        commitment=commitment, author=person, defaults={"answer": answer, "note": note.strip()}
    )
    # Answered: "did this happen?" waiting out their quiet hours would ask it again.
    outbox.hold_back(follow_up_key(commitment, person))
    return record


# --- Closure --------------------------------------------------------------------------------


@transaction.atomic
def mark_closure(person: Person, rupture: Rupture, trust: bool, note: str = "") -> Rupture:
    """Say whether trust feels re-established. When every member has said yes, the rupture
    closes and becomes a read-only summary."""
    _require_open(rupture)
    state, members = conversation_state(rupture)
    if not state.finished:
        raise NotAllowed(_("Closing comes after the conversation and the plan."))
    Closure.objects.update_or_create(
        rupture=rupture,
        author=person,
        defaults={"trust_reestablished": trust, "note": note.strip(), "created_at": timezone.now()},
    )
    yes = set(rupture.closures.filter(trust_reestablished=True).values_list("author_id", flat=True))
    if all(m.pk in yes for m in members):
        rupture.status = Rupture.Status.CLOSED
        rupture.closed_at = timezone.now()
        rupture.save(update_fields=["status", "closed_at"])
    return rupture
