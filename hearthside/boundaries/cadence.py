"""When a boundary is due to be looked at again. Plain values in, plain values out: no database,
no clock (the caller says what "now" is), so it is tested on its own."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from dateutil.relativedelta import relativedelta

from hearthside.zones import zone_named

# Review prompts arrive at this local time on the review day, like commitment follow-ups.
PROMPT_AT = time(9, 0)


def local_day(moment: datetime, tz: str) -> date:
    """The calendar day `moment` falls on for someone living in `tz`."""
    return moment.astimezone(zone_named(tz)).date()


def next_review(from_day: date, months: int) -> date | None:
    """`months` after `from_day`, or None for "no reviews". A month on from 31 January is the
    last day of February: a month that is shorter ends early rather than spilling over."""
    if months <= 0:
        return None
    return from_day + relativedelta(months=months)


def prompt_moment(day: date, tz: str) -> datetime:
    """09:00 on `day` in `tz`, as an aware UTC datetime. On a day the clocks change, a time in
    the gap moves forward and a repeated one means the first."""
    local = datetime.combine(day, PROMPT_AT).replace(tzinfo=zone_named(tz), fold=0)
    return local.astimezone(UTC)
