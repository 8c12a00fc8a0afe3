"""Occurrences of a ritual: naming one in a URL, telling whether a moment is one, the schedule
merged with what happened, and recording what happened. Shared by the HTML views, the API and
the calendar feed, so each asks the same questions the same way.

An occurrence is named by the instance of the rule it is (`Occurrence.scheduled_for`, in UTC),
even after it was moved: `when` in URLs is that moment as `%Y%m%dT%H%MZ`, e.g. 20260308T1900Z.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from hearthside.notify import outbox
from hearthside.rituals.models import Occurrence, Ritual
from hearthside.rituals.recurrence import Schedule, between, place

WHEN_FORMAT = "%Y%m%dT%H%MZ"
_WHEN = re.compile(r"\d{8}T\d{4}Z")


# --- Pure: no database, no clock ----------------------------------------------------------


def format_when(moment: datetime) -> str:
    """An instance as it appears in URLs: `20260308T1900Z`."""
    return moment.astimezone(UTC).strftime(WHEN_FORMAT)


def parse_when(text: str) -> datetime | None:
    """The aware UTC moment named by `text`, or None if it is not in `WHEN_FORMAT`."""
    if not _WHEN.fullmatch(text):
        return None
    try:
        return datetime.strptime(text, WHEN_FORMAT).replace(tzinfo=UTC)
    except ValueError:  # 20261340T2500Z: the right shape, but no such moment
        return None


def local_instance(schedule: Schedule, moment: datetime) -> datetime | None:
    """The rule's naive local wall-clock instance that happens at `moment` (aware), or None
    when `moment` is not an instance of the schedule.

    Calendars name an instance by its local time in the rule's zone (EXDATE, RECURRENCE-ID),
    which is not always `moment` read in that zone: a time in a spring-forward gap happens an
    hour later on the clock than the rule says."""
    zone = ZoneInfo(schedule.tz)
    local = moment.astimezone(zone).replace(tzinfo=None)
    window = schedule.rule().between(local - timedelta(days=1), local + timedelta(days=1), True)
    return next((c for c in window if place(c, schedule.tz) == moment), None)


def first_instance(schedule: Schedule) -> datetime | None:
    """The first naive local instance of the rule (None if it has none): a calendar's DTSTART
    must be one, while `starts_on` may fall on a day the rule skips."""
    start = datetime.combine(schedule.starts_on, time.min)
    found: datetime | None = schedule.rule().after(start, inc=True)
    return found


def day_bounds(first: date, last: date, tz: str) -> tuple[datetime, datetime]:
    """From the start of `first` to the end of `last` (included), local days in `tz`, as
    aware UTC datetimes."""
    start = place(datetime.combine(first, time.min), tz)
    end = place(datetime.combine(last + timedelta(days=1), time.min), tz)
    return start, end


# --- The schedule merged with stored rows ---------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One occurrence as people see it: from the schedule, with what happened if anything."""

    ritual_id: int
    scheduled_for: datetime
    status: str
    moved_to: datetime | None
    completed_at: datetime | None
    duration: int

    @property
    def when(self) -> str:
        return format_when(self.scheduled_for)

    @property
    def starts_at(self) -> datetime:
        return self.moved_to or self.scheduled_for

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration)


def slots_between(ritual: Ritual, start: datetime, end: datetime) -> list[Slot]:
    """Occurrences of `ritual` scheduled for, or moved into, [start, end), in time order.

    Stored rows that are no longer instances of the schedule (it was changed afterwards) are
    kept: they are what happened."""
    return slots_for([ritual], start, end)[ritual.pk]


def slots_for(rituals: Sequence[Ritual], start: datetime, end: datetime) -> dict[int, list[Slot]]:
    """`slots_between` for each of `rituals` (by pk), reading their stored rows in one query."""
    skipped = Occurrence.Status.SKIPPED
    rows: dict[int, dict[datetime, Occurrence]] = defaultdict(dict)
    for row in Occurrence.objects.filter(ritual__in=rituals).filter(
        Q(scheduled_for__gte=start, scheduled_for__lt=end)
        | (Q(moved_to__gte=start, moved_to__lt=end) & ~Q(status=skipped))
    ):
        rows[row.ritual_id][row.scheduled_for] = row
    slots: dict[int, list[Slot]] = {}
    for ritual in rituals:
        stored = rows[ritual.pk]
        found = [slot_of(ritual, row) for row in stored.values()]
        for moment in between(ritual.schedule(), start, end):
            if moment not in stored:
                found.append(
                    Slot(ritual.pk, moment, Occurrence.Status.PLANNED, None, None, ritual.duration)
                )
        slots[ritual.pk] = sorted(found, key=lambda s: (s.starts_at, s.scheduled_for))
    return slots


def slot_of(ritual: Ritual, occurrence: Occurrence) -> Slot:
    # A skipped occurrence happens nowhere, wherever it had been moved to before.
    skipped = occurrence.status == Occurrence.Status.SKIPPED
    return Slot(
        ritual_id=ritual.pk,
        scheduled_for=occurrence.scheduled_for,
        status=occurrence.status,
        moved_to=None if skipped else occurrence.moved_to,
        completed_at=occurrence.completed_at,
        duration=ritual.duration,
    )


def find_instance(ritual: Ritual, when: str) -> datetime | None:
    """The moment `when` names if it is an occurrence of `ritual` (an instance of its schedule,
    or one already recorded), else None: callers answer 404."""
    moment = parse_when(when)
    if moment is None:
        return None
    if local_instance(ritual.schedule(), moment) is not None:
        return moment
    if ritual.occurrences.filter(scheduled_for=moment).exists():
        return moment
    return None


# --- Recording what happened ----------------------------------------------------------------


def _row(ritual: Ritual, moment: datetime) -> Occurrence:
    """The stored row for an instance, made on first use (two people at once make one)."""
    try:
        with transaction.atomic():
            row, _created = Occurrence.objects.get_or_create(ritual=ritual, scheduled_for=moment)
    except IntegrityError:
        row = Occurrence.objects.get(ritual=ritual, scheduled_for=moment)
    return row


def _save(row: Occurrence, **changes: object) -> Occurrence:
    for name, value in changes.items():
        setattr(row, name, value)
    row.updated_at = timezone.now()
    row.save(update_fields=[*changes, "updated_at"])
    return row


def reminder_key(ritual: Ritual, start: datetime | None = None) -> str:
    """The start of the idempotency keys of the reminders for one start of `ritual` (all of
    its starts without `start`); notify.schedule adds the lead and the person. Ends with ":",
    so it can be held back as a prefix."""
    if start is None:
        return f"ritual:{ritual.pk}:"
    return f"ritual:{ritual.pk}:{start.astimezone(UTC):%Y%m%dT%H%MZ}:"


def _starts_at(row: Occurrence) -> datetime:
    return row.moved_to or row.scheduled_for


def _quiet_reminders(ritual: Ritual, start: datetime) -> None:
    # "Coming up at 19:00" waiting out someone's quiet hours would now be wrong.
    outbox.hold_back(reminder_key(ritual, start), prefix=True)


def mark_done(ritual: Ritual, moment: datetime) -> Occurrence:
    """It happened (at its moved time, if it was moved)."""
    row = _row(ritual, moment)
    completed = row.completed_at or timezone.now()
    _quiet_reminders(ritual, _starts_at(row))
    return _save(row, status=Occurrence.Status.DONE, completed_at=completed)


def skip(ritual: Ritual, moment: datetime) -> Occurrence:
    """Not this time. A move is forgotten: a skipped occurrence happens nowhere."""
    row = _row(ritual, moment)
    row.attendees.clear()
    _quiet_reminders(ritual, _starts_at(row))
    return _save(row, status=Occurrence.Status.SKIPPED, moved_to=None, completed_at=None)


def move(ritual: Ritual, moment: datetime, to: datetime) -> Occurrence:
    """This one happens at `to` instead (aware); moving it back to its own time un-moves it.
    Either way it is open again: nobody has been to it yet."""
    row = _row(ritual, moment)
    row.attendees.clear()
    to = to.astimezone(UTC).replace(second=0, microsecond=0)
    if to != _starts_at(row):
        _quiet_reminders(ritual, _starts_at(row))
    if to == moment:
        return _save(row, status=Occurrence.Status.PLANNED, moved_to=None, completed_at=None)
    return _save(row, status=Occurrence.Status.MOVED, moved_to=to, completed_at=None)


def rest(ritual: Ritual) -> None:
    """Archive `ritual`: no reminders, off the calendar, history kept (it can come back)."""
    if ritual.archived_at is None:
        ritual.archived_at = timezone.now()
        ritual.save(update_fields=["archived_at"])
    outbox.hold_back(reminder_key(ritual), prefix=True)
