"""How often a ritual has been kept lately, said kindly: "8 of the last 10 Sundays".

A rolling look back over the last few occurrences, never a streak: a streak breaks and makes
one missed evening feel like losing everything, while a rolling count just moves on. Pure
functions over plain values ("now" is an argument); the only Django here is the translation
of the words.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from django.utils.translation import gettext, ngettext

from hearthside.rituals.recurrence import Schedule, between, place

LOOK_BACK = 10
# An occurrence that hasn't been marked yet isn't counted for a day: people often mark a
# ritual done the next morning, and until then it may still be happening.
STILL_OPEN = timedelta(hours=24)


@dataclass(frozen=True)
class Consistency:
    kept: int
    of: int
    label: str
    marks: tuple[bool, ...]  # one per occurrence looked at, oldest first: True = kept


def _count(singular: str, plural: str) -> Callable[[int, int], str]:
    def say(kept: int, of: int) -> str:
        return ngettext(singular, plural, of) % {"kept": kept, "of": of}

    return say


# One sentence per noun, written out whole so translators can inflect each as their language
# needs. The singular form only shows in languages that use it for numbers like 21.
_SAY: dict[str, Callable[[int, int], str]] = {
    "monday": _count("%(kept)s of the last %(of)s Monday", "%(kept)s of the last %(of)s Mondays"),
    "tuesday": _count(
        "%(kept)s of the last %(of)s Tuesday", "%(kept)s of the last %(of)s Tuesdays"
    ),
    "wednesday": _count(
        "%(kept)s of the last %(of)s Wednesday", "%(kept)s of the last %(of)s Wednesdays"
    ),
    "thursday": _count(
        "%(kept)s of the last %(of)s Thursday", "%(kept)s of the last %(of)s Thursdays"
    ),
    "friday": _count("%(kept)s of the last %(of)s Friday", "%(kept)s of the last %(of)s Fridays"),
    "saturday": _count(
        "%(kept)s of the last %(of)s Saturday", "%(kept)s of the last %(of)s Saturdays"
    ),
    "sunday": _count("%(kept)s of the last %(of)s Sunday", "%(kept)s of the last %(of)s Sundays"),
    "morning": _count(
        "%(kept)s of the last %(of)s morning", "%(kept)s of the last %(of)s mornings"
    ),
    "afternoon": _count(
        "%(kept)s of the last %(of)s afternoon", "%(kept)s of the last %(of)s afternoons"
    ),
    "evening": _count(
        "%(kept)s of the last %(of)s evening", "%(kept)s of the last %(of)s evenings"
    ),
    "night": _count("%(kept)s of the last %(of)s night", "%(kept)s of the last %(of)s nights"),
    "month": _count("%(kept)s of the last %(of)s month", "%(kept)s of the last %(of)s months"),
    "time": _count("%(kept)s of the last %(of)s time", "%(kept)s of the last %(of)s times"),
}
_WEEKDAY_NOUNS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def noun(schedule: Schedule) -> str:
    """What one occurrence is called in the count: a weekday for a once-a-week ritual, a part
    of the day for a daily one, a month for a monthly one, and plain "times" otherwise (every
    other week, several days a week), where naming the day would miscount the weeks."""
    if schedule.interval != 1:
        return "time"
    if schedule.freq == "weekly" and len(set(schedule.weekdays)) == 1:
        return _WEEKDAY_NOUNS[schedule.weekdays[0]]
    if schedule.freq == "daily":
        hour = schedule.at.hour
        if 5 <= hour < 12:
            return "morning"
        if 12 <= hour < 17:
            return "afternoon"
        if 17 <= hour < 22:
            return "evening"
        return "night"
    if schedule.freq == "monthly":
        return "month"
    return "time"


def label(kept: int, of: int, schedule: Schedule) -> str:
    if of == 0:
        return gettext("Nothing to look back on yet — the first one is still ahead.")
    if of == 1:
        if kept:
            return gettext("The first one is done.")
        return gettext("The first one slipped by — the next is there whenever you are.")
    if kept == 0:
        return gettext("It's been a little while — the next one is there whenever you are.")
    return _SAY[noun(schedule)](kept, of)


def consistency(
    history: Iterable[tuple[datetime, bool]], schedule: Schedule, n: int = LOOK_BACK
) -> Consistency:
    """The last `n` occurrences of `history` — (scheduled time, kept) pairs, in any order —
    counted and put into words."""
    recent = sorted(history)[-n:] if n > 0 else []
    marks = tuple(kept for _moment, kept in recent)
    kept = sum(marks)
    return Consistency(kept, len(marks), label(kept, len(marks), schedule), marks)


def settled(
    instances: Iterable[datetime],
    kept: Collection[datetime],
    *,
    now: datetime,
    still_open: Collection[datetime] = (),
) -> list[tuple[datetime, bool]]:
    """The (time, kept) history to count: instances before `now`, leaving out any that could
    still happen — unmarked and less than a day old, or moved to a time not yet come (listed
    in `still_open`)."""
    history = []
    for moment in instances:
        if moment >= now:
            continue
        done = moment in kept
        if not done and (now - moment < STILL_OPEN or moment in still_open):
            continue
        history.append((moment, done))
    return history


def _period(schedule: Schedule) -> timedelta:
    """A span that holds at least one occurrence of the schedule (used only to size windows)."""
    days = {"daily": 1, "weekly": 7, "monthly": 31}[schedule.freq]
    return timedelta(days=days * schedule.interval)


def from_near(schedule: Schedule, before: datetime) -> Schedule:
    """The same schedule, started again not long before `before`, in step with the original.

    Expanding a rule walks it from its first day, so a daily ritual kept for ten years means
    thousands of steps just to reach last week. Starting it later by whole steps of its own
    (whole `interval`s of days or weeks) gives exactly the same occurrences from the new start
    on, weekdays included. Monthly rules are left alone: ten years of them are 120 steps."""
    target = before.date()
    if schedule.freq not in ("daily", "weekly") or schedule.starts_on >= target:
        return schedule
    step = _period(schedule).days
    skip = (target - schedule.starts_on).days // step * step
    return replace(schedule, starts_on=schedule.starts_on + timedelta(days=skip))


def recent_instances(schedule: Schedule, now: datetime, n: int = LOOK_BACK) -> list[datetime]:
    """Occurrence times (aware, UTC) before `now`, oldest first: enough for the last `n` even
    after the most recent, still-open ones are left out."""
    start = now - _period(schedule) * (n + 2)
    # A day of slack before the window: the local start day may be behind UTC's.
    return between(from_near(schedule, start - timedelta(days=1)), start, now)


def next_instances(schedule: Schedule, now: datetime, n: int = 5) -> list[datetime]:
    """The next `n` occurrence times (aware, UTC) from `now` on (fewer if the schedule ends)."""
    # A ritual that starts later is looked for from its first day, however far off.
    begin = max(now, place(datetime.combine(schedule.starts_on, time.min), schedule.tz))
    near = from_near(schedule, begin - timedelta(days=1))
    return between(near, begin, begin + _period(schedule) * (n + 1))[:n]
