"""Ritual schedules as RFC 5545 recurrence rules, expanded with python-dateutil.

Pure functions over plain values (no Django, no clock): "today" and the window are arguments.
A ritual happens at a *local* wall-clock time in its own time zone, so the rule is expanded
over naive local times and each one is placed in the zone afterwards: a 19:00 ritual stays at
19:00 across daylight-saving changes. A time that does not exist on the spring-forward day
(02:30 in a gap) moves forward by the gap; a time that happens twice in autumn is the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule, rrulestr, weekday

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQS = {"daily": DAILY, "weekly": WEEKLY, "monthly": MONTHLY}


@dataclass(frozen=True)
class Schedule:
    """A ritual's schedule, the way people think of it.

    freq: "daily" | "weekly" | "monthly"; interval: every N days/weeks/months;
    weekdays: for weekly, 0=Monday … 6=Sunday; monthly_nth: for monthly on a weekday, e.g.
    (6, 1) = first Sunday, (4, -1) = last Friday; at: local time; tz: IANA zone name.
    """

    freq: str
    at: time
    tz: str
    starts_on: date
    interval: int = 1
    weekdays: tuple[int, ...] = field(default_factory=tuple)
    monthly_nth: tuple[int, int] | None = None
    until: date | None = None

    def rule(self) -> rrule:
        kwargs: dict[str, object] = {
            "freq": FREQS[self.freq],
            "interval": self.interval,
            "dtstart": datetime.combine(self.starts_on, self.at),
        }
        if self.freq == "weekly" and self.weekdays:
            kwargs["byweekday"] = [weekday(d) for d in sorted(set(self.weekdays))]
        if self.freq == "monthly" and self.monthly_nth:
            day, nth = self.monthly_nth
            kwargs["byweekday"] = [weekday(day)(nth)]
        if self.until:
            kwargs["until"] = datetime.combine(self.until, time.max)
        return rrule(**kwargs)  # type: ignore[arg-type]

    def rrule_text(self) -> str:
        """The RRULE line for calendars (without DTSTART), e.g. FREQ=WEEKLY;BYDAY=SU."""
        parts = [f"FREQ={self.freq.upper()}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.freq == "weekly" and self.weekdays:
            parts.append("BYDAY=" + ",".join(WEEKDAY_CODES[d] for d in sorted(set(self.weekdays))))
        if self.freq == "monthly" and self.monthly_nth:
            day, nth = self.monthly_nth
            parts.append(f"BYDAY={nth}{WEEKDAY_CODES[day]}")
        if self.until:
            end = datetime.combine(self.until, time(23, 59, 59), tzinfo=ZoneInfo(self.tz))
            parts.append(f"UNTIL={end.astimezone(UTC):%Y%m%dT%H%M%SZ}")
        return ";".join(parts)


def place(local: datetime, tz: str) -> datetime:
    """A naive local wall-clock time placed in `tz`, as an aware UTC datetime. Times in a
    spring-forward gap move forward; ambiguous autumn times take the first occurrence."""
    # PEP 495: fold=0 reads a gap time with the offset from before the change (so 01:30 on
    # spring-forward day becomes 02:30 summer time) and an ambiguous time as the first one.
    return local.replace(tzinfo=ZoneInfo(tz), fold=0).astimezone(UTC)


def between(schedule: Schedule, start: datetime, end: datetime) -> list[datetime]:
    """Occurrences (aware, UTC) with start <= occurrence < end. `start`/`end` are aware."""
    zone = ZoneInfo(schedule.tz)
    # Widen by a day each side in local time, then filter exactly in UTC.
    lo = start.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    hi = end.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
    return [
        moment
        for local in schedule.rule().between(lo, hi, inc=True)
        if start <= (moment := place(local, schedule.tz)) < end
    ]


def from_rrule_text(text: str, starts_on: date, at: time) -> rrule:
    """Parse a stored RRULE line back (used for rules written by hand or imported)."""
    rule = rrulestr(text, dtstart=datetime.combine(starts_on, at))
    assert isinstance(rule, rrule)
    return rule
