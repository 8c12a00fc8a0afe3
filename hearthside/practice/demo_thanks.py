"""Thank-yous for small acts in the demo household (called by `hearthside demo`).

The story's thank-yous after "I felt heard" are made with the shares; these are the other
kind: someone noticing a small thing another person did. Alex keeps one for hard days.
Dates are loose on purpose ("about two weeks ago"), so they read right whichever weekday the
story is shifted to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from hearthside.practice.models import Appreciation, Favourite


class Noticed(NamedTuple):
    circle: str
    author: str
    recipient: str
    days_ago: int
    at: str
    acts: tuple[str, ...]
    text: str = ""
    kept: bool = False  # the recipient keeps it for hard days


# fmt: off
NOTICED: tuple[Noticed, ...] = (
    Noticed("partners", "sam", "alex", 16, "21:05", ("showed-up", "lightened-load"),
            "Thank you for taking the day off and driving me to the hospital. You sorted the "
            "parking and the forms and the vending machine, and all I had to do was sit with "
            "Dad.", kept=True),
    Noticed("partners", "alex", "sam", 14, "21:40", ("lightened-load", "was-patient"),
            "You did every dinner in release week and never once sighed at me for coming home "
            "late. I noticed. Thank you."),
    Noticed("friends", "robin", "alex", 11, "22:15", ("noticed", "made-me-laugh"),
            "Thanks for asking how the new job is really going, and for waiting for the real "
            "answer. Also the chalk bag impression."),
    Noticed("partners", "sam", "alex", 8, "08:10", ("followed-through",),
            "Kitchen done every night this week without a word about it. The rota was your "
            "idea and you've kept it."),
    Noticed("friends", "alex", "robin", 5, "21:30", ("made-space", "was-patient"),
            "Thanks for letting me take the overhang at my own speed on Thursday. "
            "\u201cNo rush\u201d was exactly right."),
    Noticed("partners", "alex", "sam", 3, "19:50", ("stayed-calm",),
            "When the rain came in on the ridge you just got the map out and made a plan. "
            "I'd have panicked on my own."),
    # Just the chips: a thank-you doesn't need a speech.
    Noticed("partners", "sam", "alex", 1, "22:30", ("listened", "noticed")),
)
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
    for note in NOTICED:
        created = when(note.days_ago, note.at)
        appreciation = Appreciation.objects.create(
            author=people[note.author],
            circle=circles[note.circle],
            recipient=people[note.recipient],
            text=note.text,
            acts=list(note.acts),
            created_at=created,
        )
        if note.kept:
            Favourite.objects.create(
                person=people[note.recipient],
                appreciation=appreciation,
                # Kept the next morning, on reading it again.
                created_at=min(now, when(note.days_ago - 1, "07:45")),
            )
