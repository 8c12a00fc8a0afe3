"""Weathering stress together in the demo household (called by `hearthside demo`).

A busy week for Alex and Sam: Alex is weighing up the new role, Sam's dad is recovering and the
school reports are due. Their plan says what's heavy, how each of them comes down, who carries
what this week (brought forward from last week's list) and who else they can lean on. Nine
days ago Sam was stretched thin; Alex offered dinner, and Sam accepted with thanks. Robin has
one heavy thing of their own, on the climbers' plan only: Sam never sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from hearthside.stress import weeks
from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task


class Heavy(NamedTuple):
    circle: str
    who: str
    days_ago: int
    at: str
    text: str
    size: str
    lighter_days_ago: int | None = None


class Carry(NamedTuple):
    text: str
    who: str | None
    done_this_week: bool = False


# fmt: off
HEAVY: tuple[Heavy, ...] = (
    Heavy("partners", "alex", 12, "18:30",
          "Release week at work: late nights and a lot of Slack.", "heavy", 8),
    Heavy("partners", "alex", 3, "08:10",
          "Talking to Dana about the new role, and what it would mean for us.", "medium"),
    Heavy("partners", "sam", 4, "21:40",
          "Dad's recovery: ringing Mum every evening, and the drive up at the weekend.", "heavy"),
    Heavy("partners", "sam", 2, "19:05", "Thirty reports to write before Friday.", "medium"),
    Heavy("friends", "robin", 5, "20:15",
          "First month in the new job. Everyone is kind and I still feel like I'm faking it.",
          "medium"),
)

ROUTINES: dict[str, str] = {
    "alex": "Twenty minutes with headphones on after work before I'm any use to anyone. Then a "
            "walk round the block, and I'm back.",
    "sam": "A shower and a cup of tea before we talk about the day. On the really bad days, a "
           "run, and please don't ask how it went until after dinner.",
}

# Last week's list, every item done; this week's was brought forward from it and added to.
LAST_WEEK: tuple[Carry, ...] = (
    Carry("Cook Monday to Wednesday", "alex"),
    Carry("Cook Thursday to Sunday", "sam"),
    Carry("Big food shop", "alex"),
    Carry("Ring Mum and Dad in the evenings", "sam"),
)
THIS_WEEK_ADDED: tuple[Carry, ...] = (
    Carry("Bins out on Tuesday night", "alex", done_this_week=True),
    Carry("Book the car in for its MOT", None),
    Carry("Card and flowers for Dad", "alex"),
)

SUPPORT: tuple[tuple[str, str, str, str], ...] = (
    ("Ruth (Sam's mum)", "family", "07700 900418",
     "Happy to have us for Sunday lunch any week, and sends the leftovers home with us."),
    ("Priya next door", "neighbour", "Knock, or a WhatsApp message",
     "Has our spare key. Will feed Biscuit if we're away overnight."),
    ("Jo, our counsellor", "professional", "jo@example.org",
     "Every other Thursday. Can usually fit in an extra session if we ask a few days ahead."),
    ("Samaritans", "helpline", "116 123, free, day or night",
     "For the nights when it's too much and too late to ring anyone."),
)

SIGNAL_DAYS_AGO = 9
SIGNAL_TEXT = "Dad's check-up ran late and I've still got marking. I'm running on empty tonight."
OFFER_TEXT = "Curry's on me. Go and have a bath, and I'll shout when it's ready."
# fmt: on


def seed(
    *,
    people: dict[str, Any],
    circles: dict[str, Any],
    now: datetime,
    when: Callable[[int, str], datetime],
) -> None:
    """Add this practice's part of the demo story. `people` and `circles` are keyed as in the
    demo command; `when(days_ago, "HH:MM")` gives a local time on a past day."""

    def past(moment: datetime) -> datetime:
        # Today's times may not have come yet: everything in the demo has already happened.
        return min(moment, now - timedelta(minutes=5))

    partners = circles["partners"]
    for item in HEAVY:
        HeavyThing.objects.create(
            author=people[item.who],
            circle=circles[item.circle],
            text=item.text,
            size=item.size,
            created_at=when(item.days_ago, item.at),
            resolved_at=(
                when(item.lighter_days_ago, "09:00") if item.lighter_days_ago is not None else None
            ),
        )
    for key, text in ROUTINES.items():
        written = when(20, "21:00")
        Routine.objects.create(
            author=people[key], circle=partners, text=text, created_at=written, updated_at=written
        )
    _weekly_split(people, partners, when, past)
    for name, kind, reach, note in SUPPORT:
        added = when(19, "20:30")
        Support.objects.create(
            circle=partners,
            name=name,
            kind=kind,
            reach=reach,
            note=note,
            created_by=people["sam"],
            created_at=added,
            updated_at=added,
        )
    signal = Signal.objects.create(
        author=people["sam"],
        circle=partners,
        helps=["meal-sorted", "quiet-time"],
        text=SIGNAL_TEXT,
        created_at=when(SIGNAL_DAYS_AGO, "18:20"),
        closed_at=when(SIGNAL_DAYS_AGO, "22:30"),
    )
    Offer.objects.create(
        signal=signal,
        author=people["alex"],
        choice="dinner",
        text=OFFER_TEXT,
        created_at=when(SIGNAL_DAYS_AGO, "18:34"),
        accepted_at=when(SIGNAL_DAYS_AGO, "18:41"),
    )


def _weekly_split(
    people: dict[str, Any],
    circle: Any,
    when: Callable[[int, str], datetime],
    past: Callable[[datetime], datetime],
) -> None:
    today = when(0, "12:00").date()
    monday = weeks.monday_of(today)
    into_week = (today - monday).days
    last_monday = weeks.previous(monday)
    previous = []
    for item in LAST_WEEK:
        made = when(into_week + 7, "08:00")
        previous.append(
            Task.objects.create(
                circle=circle,
                week=last_monday,
                text=item.text,
                carrier=people[item.who] if item.who else None,
                created_by=people["alex"],
                created_at=made,
                done_at=when(into_week + 2, "20:00"),
            )
        )
    made = past(when(into_week, "08:00"))
    for task in previous:
        Task.objects.create(
            circle=circle,
            week=monday,
            text=task.text,
            carrier=task.carrier,
            created_by=people["sam"],
            created_at=made,
            copied_from=task,
            # The first half of the week's cooking is behind them once Thursday comes.
            done_at=past(when(0, "07:00"))
            if task.text.startswith("Cook Monday") and into_week >= 3
            else None,
        )
    for item in THIS_WEEK_ADDED:
        Task.objects.create(
            circle=circle,
            week=monday,
            text=item.text,
            carrier=people[item.who] if item.who else None,
            created_by=people["alex"],
            created_at=made,
            done_at=past(when(0, "07:00")) if item.done_this_week and into_week >= 2 else None,
        )
