"""What people do with a stress plan and a stretched-thin signal. Views and API routes both
call these, after asking `hearthside.circles.visibility` whether the person may see the circle
or the thing at all (the `*_or_404` look-ups below ask it for them).

Every change that the person may see but may not make right now raises `NotAllowed`, whose
message is plain and kind enough to show as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.notify import outbox
from hearthside.stress import weeks, words
from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task

# How long an open signal stays on the others' Today page: after that it waits on the plan.
TODAY_DAYS = 7


class NotAllowed(Exception):
    """The person may see this but may not do it now; str(exc) is a kind, plain message."""


def now() -> datetime:
    return timezone.now()


def this_week() -> date:
    """The Monday of this week, in the time zone of whoever is asking (set per request)."""
    return weeks.monday_of(timezone.localdate())


# --- Look-ups (the privacy rule, asked) -------------------------------------------------------


def _one(queryset: QuerySet[Any], pk: Any) -> Any:
    """For what visibility has no `get_*_or_404` of its own: circle things, thread items."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def heavy_things(person: Person, circle: Circle) -> QuerySet[HeavyThing]:
    """What's heavy for the members, as the person may see it, still on the plan."""
    return visibility.visible_entries(
        HeavyThing.objects.filter(circle=circle, withdrawn_at__isnull=True), person
    ).select_related("author")


def own_heavy_or_404(person: Person, pk: Any) -> HeavyThing:
    return visibility.get_own_or_404(
        HeavyThing.objects.filter(withdrawn_at__isnull=True), person, pk=pk
    )


def visible_heavy_or_404(person: Person, pk: Any) -> HeavyThing:
    return visibility.get_visible_or_404(
        HeavyThing.objects.filter(withdrawn_at__isnull=True).select_related("author"),
        person,
        pk=pk,
    )


def routines(person: Person, circle: Circle) -> list[Routine]:
    """Each member's decompression routine the person may see, their own first."""
    found = visibility.visible_entries(
        Routine.objects.filter(circle=circle, withdrawn_at__isnull=True), person
    ).select_related("author")
    return sorted(found, key=lambda r: (r.author_id != person.pk, r.author.name.lower(), r.pk))


def tasks(person: Person, circle: Circle, monday: date) -> QuerySet[Task]:
    return visibility.circle_things(
        Task.objects.filter(circle=circle, week=monday), person
    ).select_related("carrier")


def visible_task_or_404(person: Person, pk: Any) -> Task:
    return _one(
        visibility.circle_things(Task.objects.select_related("circle", "carrier"), person), pk
    )


def support(person: Person, circle: Circle) -> QuerySet[Support]:
    return visibility.circle_things(Support.objects.filter(circle=circle), person)


def visible_support_or_404(person: Person, pk: Any) -> Support:
    return _one(visibility.circle_things(Support.objects.select_related("circle"), person), pk)


def visible_signal_or_404(person: Person, pk: Any) -> Signal:
    return visibility.get_visible_or_404(
        Signal.objects.select_related("author", "circle"), person, pk=pk
    )


def own_signal_or_404(person: Person, pk: Any) -> Signal:
    return visibility.get_own_or_404(
        Signal.objects.select_related("author", "circle"), person, pk=pk
    )


def offers(person: Person, signals: list[Signal] | Signal) -> list[Offer]:
    """The offers on these signals the person may see, oldest first."""
    chosen = signals if isinstance(signals, list) else [signals]
    if not chosen:
        return []
    return list(
        visibility.visible_thread_items(
            Offer.objects.filter(signal__in=chosen), person, "signal"
        ).select_related("author")
    )


def offer_to_me_or_404(person: Person, pk: Any) -> Offer:
    """An offer made on one of my own signals: only the signaller accepts."""
    return _one(
        visibility.visible_thread_items(
            Offer.objects.filter(signal__author=person), person, "signal"
        ).select_related("author", "signal__circle"),
        pk,
    )


def members(circle: Circle) -> list[Person]:
    return visibility.members_of(circle)


def carrier_of(task: Task, member_ids: set[int]) -> Person | None:
    """Who carries `task`, if they still belong to the circle; someone who left carries
    nothing here any more."""
    return task.carrier if task.carrier_id in member_ids else None


# --- What's heavy -----------------------------------------------------------------------------


def add_heavy(person: Person, circle: Circle, text: str, size: str = "") -> HeavyThing:
    return HeavyThing.objects.create(author=person, circle=circle, text=text, size=size)


def change_heavy(thing: HeavyThing, *, text: str, size: str) -> HeavyThing:
    thing.text, thing.size = text, size
    thing.save(update_fields=["text", "size"])
    return thing


def set_lighter(thing: HeavyThing, lighter: bool) -> HeavyThing:
    """Lighter now (or heavy again): it stays on the plan, among what has eased."""
    thing.resolved_at = (thing.resolved_at or now()) if lighter else None
    thing.save(update_fields=["resolved_at"])
    return thing


def remove_heavy(thing: HeavyThing) -> None:
    """Off the plan for everyone: the entry is withdrawn."""
    thing.withdrawn_at = now()
    thing.save(update_fields=["withdrawn_at"])


# --- Decompression routines -------------------------------------------------------------------


def my_routine(person: Person, circle: Circle) -> Routine | None:
    return Routine.objects.filter(author=person, circle=circle).first()


@transaction.atomic
def set_routine(person: Person, circle: Circle, text: str) -> Routine | None:
    """Write (or rewrite) my routine for this circle; empty words take it away."""
    mine = Routine.objects.select_for_update().filter(author=person, circle=circle).first()
    if not text:
        if mine is not None:
            mine.delete()
        return None
    if mine is None:
        return Routine.objects.create(author=person, circle=circle, text=text)
    if mine.text != text:
        # Rewritten is said again, now: under the entry rule, whoever joined since sees the
        # new words (and never the old ones, which were said before they came).
        mine.text, mine.created_at = text, now()
    mine.updated_at, mine.withdrawn_at = now(), None
    mine.save(update_fields=["text", "created_at", "updated_at", "withdrawn_at"])
    return mine


# --- Who carries what -------------------------------------------------------------------------


def check_carrier(circle: Circle, carrier_id: int | None) -> Person | None:
    """The member `carrier_id` names, or None for nobody yet. Anyone who isn't a current
    member (or doesn't exist) is refused with the same words, so nothing is learnt."""
    if carrier_id is None:
        return None
    for member in members(circle):
        if member.pk == carrier_id:
            return member
    raise NotAllowed(_("Choose someone who is in this circle now, or leave it open."))


def add_task(
    person: Person, circle: Circle, monday: date, text: str, carrier: Person | None
) -> Task:
    return Task.objects.create(
        circle=circle,
        week=weeks.monday_of(monday),
        text=text,
        carrier=carrier,
        created_by=person,
    )


def change_task(task: Task, *, text: str, carrier: Person | None) -> Task:
    task.text, task.carrier = text, carrier
    task.save(update_fields=["text", "carrier"])
    return task


def set_done(task: Task, done: bool) -> Task:
    task.done_at = (task.done_at or now()) if done else None
    task.save(update_fields=["done_at"])
    return task


def take_task(person: Person, task: Task) -> Task:
    task.carrier = person
    task.save(update_fields=["carrier"])
    return task


def _not_yet_here(circle: Circle, monday: date, here: list[Task]) -> list[Task]:
    """Last week's tasks that the week starting `monday` (holding `here`) doesn't have yet:
    not copied before, and not already there in the same words."""
    copied = {t.copied_from_id for t in here if t.copied_from_id}
    texts = {t.text.strip().casefold() for t in here}
    missing = []
    for task in Task.objects.filter(circle=circle, week=weeks.previous(monday)):
        key = task.text.strip().casefold()
        if task.pk in copied or key in texts:
            continue
        texts.add(key)
        missing.append(task)
    return missing


def copyable(circle: Circle, monday: date, here: list[Task]) -> bool:
    """Whether bringing last week's list forward would add anything to `here`, the tasks the
    week starting `monday` already holds."""
    return bool(_not_yet_here(circle, weeks.monday_of(monday), here))


@transaction.atomic
def copy_forward(person: Person, circle: Circle, monday: date) -> list[Task]:
    """Bring last week's list into the week starting `monday`: same things, same people
    (while they're still here), none of it done yet. What was copied before, or is already
    on this week's list in the same words, is not added twice."""
    monday = weeks.monday_of(monday)
    here = list(Task.objects.select_for_update().filter(circle=circle, week=monday))
    member_ids = {m.pk for m in members(circle)}
    return Task.objects.bulk_create(
        Task(
            circle=circle,
            week=monday,
            text=task.text,
            carrier_id=task.carrier_id if task.carrier_id in member_ids else None,
            created_by=person,
            copied_from=task,
        )
        for task in _not_yet_here(circle, monday, here)
    )


# --- Outside support --------------------------------------------------------------------------


@dataclass(frozen=True)
class SupportFields:
    name: str
    kind: str
    reach: str = ""
    note: str = ""


def add_support(person: Person, circle: Circle, fields: SupportFields) -> Support:
    return Support.objects.create(
        circle=circle,
        created_by=person,
        name=fields.name,
        kind=fields.kind,
        reach=fields.reach,
        note=fields.note,
    )


def change_support(item: Support, fields: SupportFields) -> Support:
    item.name, item.kind, item.reach, item.note = (
        fields.name,
        fields.kind,
        fields.reach,
        fields.note,
    )
    item.updated_at = now()
    item.save(update_fields=["name", "kind", "reach", "note", "updated_at"])
    return item


# --- Signals and offers -----------------------------------------------------------------------


def open_signal(person: Person, circle: Circle) -> Signal | None:
    return (
        Signal.objects.filter(
            author=person, circle=circle, closed_at__isnull=True, withdrawn_at__isnull=True
        )
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def send_signal(person: Person, circle: Circle, helps: list[str], text: str) -> Signal:
    """Tell the circle "I'm stretched thin". One open signal per person per circle: a second
    would only make the others' page noisier while the first is still being answered."""
    if open_signal(person, circle) is not None:
        raise NotAllowed(
            _(
                "You've already told %(circle)s you're stretched thin, and that signal is still "
                "open — the others can see it now."
            )
            % {"circle": circle.name}
        )
    chosen = [slug for slug, _label in words.HELPS if slug in set(helps)]
    if not chosen and not text:
        raise NotAllowed(_("Choose what would help, or say it in a few words."))
    return Signal.objects.create(author=person, circle=circle, helps=chosen, text=text)


def close_signal(signal: Signal) -> Signal:
    if signal.closed_at is None:
        signal.closed_at = now()
        signal.save(update_fields=["closed_at"])
        # No longer stretched thin: "Alex is stretched thin" waiting out someone's quiet
        # hours would now be wrong.
        outbox.hold_back(signal_key(signal), prefix=True)
    return signal


def signal_key(signal: Signal, person: Person | None = None) -> str:
    """The idempotency key of the signal's note to `person` (see jobs.py); without `person`,
    the prefix of everyone's note about it."""
    return f"stress:signal:{signal.pk}:{person.pk if person else ''}"


def make_offer(person: Person, signal: Signal, choice: str, text: str) -> Offer:
    if signal.author_id == person.pk:
        raise NotAllowed(_("This is your own signal — the others in the circle will answer it."))
    if not signal.is_open:
        raise NotAllowed(
            _("%(name)s has closed this signal, so it doesn't need an answer any more.")
            % {"name": signal.author.name}
        )
    if choice and choice not in words.QUICK_OFFER_SLUGS:
        raise NotAllowed(_("Choose one of the offers shown, or say it in your own words."))
    if not choice and not text:
        raise NotAllowed(_("Pick one of the quick offers, or write a few words of your own."))
    return Offer.objects.create(signal=signal, author=person, choice=choice, text=text)


def accept_offer(offer: Offer) -> Offer:
    if offer.accepted_at is None:
        offer.accepted_at = now()
        offer.save(update_fields=["accepted_at"])
    return offer
