"""What is due to be told, and to whom: ritual reminders, pause nudges, commitment follow-ups.

The worker calls `schedule_due(now)` every few seconds. Each kind is found with a handful of
bounded queries (never one per ritual or per minute) plus pure-Python schedule expansion, and
queued through `outbox.enqueue` under an idempotency key, so running twice — or two workers at
once — queues each thing exactly once. We look back at most a day: a worker that was down
catches up on the last day and no further, so coming back never floods anyone.

Who hears about what is the privacy rule's business: candidates come from circle memberships,
and every recipient is checked through `hearthside.circles.visibility` before anything is
queued. Words sent outside the app carry only what may travel: a ritual's name, a pause phrase,
people's names — never reflections, shares, notes or commitment text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from importlib import import_module
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Membership
from hearthside.notify import outbox
from hearthside.notify.models import Notification
from hearthside.repair.models import Commitment, FollowUp, Pause, PauseReturn
from hearthside.rituals.models import DEFAULT_LEAD_MINUTES, Occurrence, ReminderSetting, Ritual
from hearthside.rituals.occurrences import reminder_key
from hearthside.rituals.recurrence import between, place
from hearthside.zones import zone_named

LOOKBACK = timedelta(days=1)
FOLLOW_UP_AT = time(9, 0)
# A reminder more than a week ahead is not a reminder; anything odd in a setting is ignored.
MAX_LEAD_MINUTES = 7 * 24 * 60
KEY_CHUNK = 500  # well under every database's limit on query parameters

Words = Callable[[], tuple[str, str]]


@dataclass(frozen=True)
class Due:
    """One notification that is due: who, what, and the thing whose visibility gates it."""

    recipient: Person
    kind: str
    key: str
    due_at: datetime
    url: str
    words: Words  # (subject, body), made only if it is really queued
    gate: tuple[str, int]  # ("ritual" | "pause" | "commitment", pk)


def schedule_due(now: datetime) -> int:
    """Queue everything due in (now - 1 day, now]. Returns how many notifications were queued."""
    since = now - LOOKBACK
    candidates = [
        *ritual_reminders(since, now),
        *pause_nudges(since, now),
        *commitment_follow_ups(since, now),
        *(item for jobs in practice_jobs() for item in jobs.due(since, now)),
    ]
    fresh = _not_yet_queued(candidates)
    queued = 0
    for items in _by_recipient(fresh).values():
        allowed = _visible_to(items[0].recipient, {item.gate for item in items})
        for item in items:
            if item.gate not in allowed:
                continue
            subject, body = item.words()
            notification = outbox.enqueue(
                item.recipient,
                kind=item.kind,
                key=item.key,
                subject=subject,
                body=body,
                url=item.url,
                due_at=item.due_at,
            )
            queued += notification is not None
    return queued


# The practices' own timed work (hearthside/<practice>/jobs.py): notifications that become due,
# gated like the ones above, and timed actions that are not notifications.
PRACTICES = ("needs", "boundaries", "values", "stress", "calm", "pacing")


def practice_jobs() -> list[Any]:
    return [import_module(f"hearthside.{name}.jobs") for name in PRACTICES]


def practice_actions(now: datetime) -> int:
    """Run each practice's timed actions (e.g. a share held for a good moment goes out)."""
    return sum(jobs.act(now) for jobs in practice_jobs())


# --- Rituals ----------------------------------------------------------------------------------


def ritual_reminders(since: datetime, now: datetime) -> list[Due]:
    """A reminder for each current member, `lead` minutes before each occurrence (their own
    lead times, or the default), for occurrences not skipped, done or already over."""
    rituals = list(
        Ritual.objects.filter(
            archived_at__isnull=True, starts_on__lte=(now + timedelta(days=8)).date()
        ).filter(Q(until__isnull=True) | Q(until__gte=since.date() - timedelta(days=1)))
    )
    if not rituals:
        return []
    ids = [r.pk for r in rituals]
    leads: dict[tuple[int, int], list[int]] = {
        (s.ritual_id, s.person_id): _clean_leads(s.lead_minutes)
        for s in ReminderSetting.objects.filter(ritual_id__in=ids)
    }
    longest = max([*DEFAULT_LEAD_MINUTES, *(m for ls in leads.values() for m in ls)])
    lo, hi = since, now + timedelta(minutes=longest) + timedelta(seconds=1)
    rows: dict[int, dict[datetime, Occurrence]] = defaultdict(dict)
    for row in Occurrence.objects.filter(ritual_id__in=ids).filter(
        Q(scheduled_for__gte=lo, scheduled_for__lt=hi) | Q(moved_to__gte=lo, moved_to__lt=hi)
    ):
        rows[row.ritual_id][row.scheduled_for] = row
    members = _members_by_circle({r.circle_id for r in rituals})
    due: list[Due] = []
    for ritual in rituals:
        for instance, start in _starts(ritual, rows[ritual.pk], lo, hi):
            if now >= start + timedelta(minutes=ritual.duration):
                continue  # already over: a reminder now would only be noise
            for person in members.get(ritual.circle_id, ()):
                for lead in leads.get((ritual.pk, person.pk), DEFAULT_LEAD_MINUTES):
                    at = start - timedelta(minutes=lead)
                    if since < at <= now:
                        due.append(_ritual_due(ritual, person, instance, start, lead, at))
    return due


def _starts(
    ritual: Ritual, rows: dict[datetime, Occurrence], lo: datetime, hi: datetime
) -> list[tuple[datetime, datetime]]:
    """(instance, start) for each time the ritual really starts within [lo, hi): the
    schedule's instances, without the skipped or done ones, with moved ones at their new time.
    The instance is the occurrence's identity (its page); the start is when to remind of."""
    quiet = {Occurrence.Status.SKIPPED, Occurrence.Status.DONE}
    starts = [
        (moment, moment)
        for moment in between(ritual.schedule(), lo, hi)
        if (row := rows.get(moment)) is None or (row.status not in quiet and row.moved_to is None)
    ]
    starts += [
        (row.scheduled_for, row.moved_to)
        for row in rows.values()
        if row.moved_to is not None and row.status not in quiet and lo <= row.moved_to < hi
    ]
    return sorted(starts, key=lambda pair: pair[1])


def _ritual_due(
    ritual: Ritual, person: Person, instance: datetime, start: datetime, lead: int, at: datetime
) -> Due:
    start = start.astimezone(UTC)
    return Due(
        recipient=person,
        kind="ritual",
        key=f"{reminder_key(ritual, start)}{lead}:{person.pk}",
        due_at=at,
        url=reverse("occurrence", args=[ritual.pk, f"{instance.astimezone(UTC):%Y%m%dT%H%MZ}"]),
        words=partial(_ritual_words, ritual.title, start.astimezone(zone_named(person.time_zone))),
        gate=("ritual", ritual.pk),
    )


def _ritual_words(title: str, local_start: datetime) -> tuple[str, str]:
    when = {"title": title, "time": time_format(local_start, "H:i"), "day": _day(local_start)}
    subject = _("Coming up: %(title)s at %(time)s") % when
    body = (
        _(
            "%(title)s is at %(time)s on %(day)s. Come as you are — a short one still counts. "
            "If the time doesn't work, you can move or skip it."
        )
        % when
    )
    return subject, body


def _clean_leads(value: object) -> list[int]:
    if not isinstance(value, list):
        return []
    return sorted(
        {
            int(m)
            for m in value
            if isinstance(m, int | float) and not isinstance(m, bool) and 0 <= m <= MAX_LEAD_MINUTES
        }
    )


# --- Pauses -----------------------------------------------------------------------------------


def pause_nudges(since: datetime, now: datetime) -> list[Due]:
    """When the shortest cool-off passes: "ready to come back?" to each member who can see the
    pause and hasn't said so yet. When the longest passes: one gentle nudge to everyone not
    back. Nothing for pauses that have ended or were taken back."""
    pauses = list(
        Pause.objects.filter(
            circle__isnull=False, ended_at__isnull=True, withdrawn_at__isnull=True
        ).filter(
            Q(min_until__gt=since, min_until__lte=now, max_until__gt=now)
            | Q(max_until__gt=since, max_until__lte=now)
        )
    )
    if not pauses:
        return []
    back: set[tuple[int, int]] = set(
        PauseReturn.objects.filter(pause__in=pauses).values_list("pause_id", "author_id")
    )
    members = _members_by_circle({p.circle_id for p in pauses if p.circle_id is not None})
    due: list[Due] = []
    for pause in pauses:
        overdue = pause.max_until <= now
        moment, kind, words = (
            (pause.max_until, "pause_overdue", _pause_overdue_words)
            if overdue
            else (pause.min_until, "pause_ready", _pause_ready_words)
        )
        for person in members.get(pause.circle_id or 0, ()):
            if (pause.pk, person.pk) in back:
                continue
            due.append(
                Due(
                    recipient=person,
                    kind=kind,
                    key=pause_nudge_key(pause, "overdue" if overdue else "ready", person),
                    due_at=moment,
                    url=reverse("pause", args=[pause.pk]),
                    words=partial(words, pause.phrase),
                    gate=("pause", pause.pk),
                )
            )
    return due


PAUSE_STAGES = ("ready", "overdue")


def pause_nudge_key(pause: Pause, stage: str = "", person: Person | None = None) -> str:
    """The idempotency key of the pause nudge at `stage` (one of PAUSE_STAGES) to `person`.
    Without `person`: the prefix of everyone's nudge at that stage; without `stage` as well:
    the prefix of every nudge about the pause."""
    if not stage:
        return f"pause:{pause.pk}:"
    return f"pause:{pause.pk}:{stage}:{person.pk if person else ''}"


def _pause_ready_words(phrase: str) -> tuple[str, str]:
    subject = _("Ready to come back?")
    body = _(
        "The cool-off after “%(phrase)s” has passed. When you feel settled, you can say you're "
        "ready to come back. There's no rush — take the time you need."
    ) % {"phrase": phrase}
    return subject, body


def _pause_overdue_words(phrase: str) -> tuple[str, str]:
    subject = _("Whenever you're ready")
    body = _(
        "It's been a while since “%(phrase)s”. If you're ready, you can say so now. If you need "
        "longer, that's all right too — a word to the others lets them know you're coming back."
    ) % {"phrase": phrase}
    return subject, body


# --- Commitments ------------------------------------------------------------------------------


def commitment_follow_ups(since: datetime, now: datetime) -> list[Due]:
    """On a commitment's follow-up day, at 09:00 in each person's own time zone: "did this
    happen?" to its owner and the others in the rupture, unless they've answered already."""
    # Every time zone's 09:00 on day D falls between D-1 and D+1 in UTC dates.
    commitments = list(
        Commitment.objects.filter(
            follow_up_on__gte=since.date() - timedelta(days=1),
            follow_up_on__lte=now.date() + timedelta(days=1),
            rupture__circle__isnull=False,
            rupture__withdrawn_at__isnull=True,
        ).select_related("author", "rupture")
    )
    if not commitments:
        return []
    answered: set[tuple[int, int]] = set(
        FollowUp.objects.filter(commitment__in=commitments).values_list(
            "commitment_id", "author_id"
        )
    )
    memberships = _memberships_by_circle({c.rupture.circle_id or 0 for c in commitments})
    due: list[Due] = []
    for commitment in commitments:
        rupture = commitment.rupture
        # The owner and the others in the rupture: members who were there when it was opened
        # (anyone later cannot see it, and the visibility check below says so too).
        people = [
            m.person
            for m in memberships.get(rupture.circle_id or 0, ())
            if m.joined_at <= rupture.created_at
        ]
        for person in people:
            if (commitment.pk, person.pk) in answered:
                continue
            at = _at_nine(commitment.follow_up_on, person.time_zone)
            if not since < at <= now:
                continue
            own = person.pk == commitment.author_id
            due.append(
                Due(
                    recipient=person,
                    kind="follow_up",
                    key=follow_up_key(commitment, person),
                    due_at=at,
                    url=reverse("commitment_follow_up", args=[commitment.pk]),
                    words=partial(_follow_up_words, None if own else commitment.author.name),
                    gate=("commitment", commitment.pk),
                )
            )
    return due


def follow_up_key(commitment: Commitment, person: Person) -> str:
    """The idempotency key of the follow-up on `commitment` to `person`."""
    return f"commitment:{commitment.pk}:follow-up:{person.pk}"


def _follow_up_words(author_name: str | None) -> tuple[str, str]:
    subject = _("Did this happen?")
    if author_name is None:
        body = _(
            "Today is the day you chose to check back on something you committed to during a "
            "repair. How did it go? A quick answer is plenty — partly counts too."
        )
    else:
        body = _(
            "Today is the day to check back on something %(name)s committed to during your "
            "repair. How did it go from where you stand? A quick answer is plenty."
        ) % {"name": author_name}
    return subject, body


def _at_nine(day: date, tz: str) -> datetime:
    return place(datetime.combine(day, FOLLOW_UP_AT), zone_named(tz).key)


# --- Shared -----------------------------------------------------------------------------------


def _memberships_by_circle(circle_ids: set[int]) -> dict[int, list[Membership]]:
    by_circle: dict[int, list[Membership]] = defaultdict(list)
    for membership in (
        Membership.objects.active()
        .filter(circle_id__in=circle_ids, person__is_active=True)
        .select_related("person")
        .order_by("joined_at", "id")
    ):
        by_circle[membership.circle_id].append(membership)
    return by_circle


def _members_by_circle(circle_ids: set[int]) -> dict[int, list[Person]]:
    return {
        circle_id: [m.person for m in memberships]
        for circle_id, memberships in _memberships_by_circle(circle_ids).items()
    }


def _not_yet_queued(candidates: list[Due]) -> list[Due]:
    """Drop what is already in the outbox, in one query per few hundred keys, so a steady
    tick costs no more than the look-ups above."""
    keys = [c.key for c in candidates]
    existing: set[str] = set()
    for i in range(0, len(keys), KEY_CHUNK):
        existing.update(
            Notification.objects.filter(key__in=keys[i : i + KEY_CHUNK]).values_list(
                "key", flat=True
            )
        )
    seen: set[str] = set()
    fresh = []
    for candidate in candidates:
        if candidate.key not in existing and candidate.key not in seen:
            seen.add(candidate.key)
            fresh.append(candidate)
    return fresh


def _by_recipient(items: Iterable[Due]) -> dict[int, list[Due]]:
    grouped: dict[int, list[Due]] = defaultdict(list)
    for item in items:
        grouped[item.recipient.pk].append(item)
    return grouped


def _visible_to(person: Person, gates: set[tuple[str, int]]) -> set[tuple[str, int]]:
    """Of the things these notifications are about, the ones `person` may see — asked of the
    privacy rule, one query per kind, only for people with something new to hear."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for kind, pk in gates:
        wanted[kind].append(pk)
    checks: dict[str, Callable[[list[int]], QuerySet[Any]]] = {
        "ritual": lambda pks: visibility.circle_things(Ritual.objects.filter(pk__in=pks), person),
        "pause": lambda pks: visibility.visible_entries(Pause.objects.filter(pk__in=pks), person),
        "commitment": lambda pks: visibility.visible_thread_items(
            Commitment.objects.filter(pk__in=pks), person, "rupture"
        ),
    }
    for jobs in practice_jobs():
        for gate, check in jobs.GATES.items():
            checks[gate] = partial(check, person)
    return {
        (kind, pk)
        for kind, pks in wanted.items()
        for pk in checks[kind](pks).values_list("pk", flat=True)
    }


def _day(moment: datetime) -> str:
    return date_format(moment, "l j F")
