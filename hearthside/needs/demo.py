"""Needs and requests in the demo household (called by `hearthside demo`).

Five requests between Alex and Sam that follow the demo's story: Sam asking to be held the
evening Dad's results came back, Alex asking for room in the week the release went wrong, Sam
asking for a hand at home while away for the procedure, Alex asking to weigh up the team lead
offer together (Sam: not now — Saturday morning, with coffee), and Sam's newest ask, still
waiting for Alex's answer on the Today page.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any, NamedTuple

from hearthside.needs.models import Answer, Met, Request, Response
from hearthside.practice.management.commands.demo import TIME_ZONE, story_shift


class Said(NamedTuple):
    """An answer, `after_minutes` after the request."""

    after_minutes: int
    response: str
    note: str = ""
    # For "not now": days from today (local) and a clock time.
    proposed: tuple[int, str] | None = None


class Followed(NamedTuple):
    """The asker's word on whether it was met, `after_minutes` after the answer."""

    after_minutes: int
    met: str
    note: str = ""


class Asked(NamedTuple):
    who: str
    to: str
    # A story day (counted like the demo's, moved by its shift) or, when `recent`, real days.
    day: int
    at: str
    kind: str
    text: str
    answers: tuple[Said, ...] = ()
    followed: Followed | None = None
    by_days: int | None = None  # "by when": this many days after asking
    recent: bool = False


# fmt: off
ASKED: tuple[Asked, ...] = (
    Asked(
        "sam", "alex", 25, "19:20", "affection",
        "When the results came back today I felt scared and very small, because I need to feel "
        "held while everything's this uncertain. Would you be willing to come home a bit early "
        "tonight and just sit with me? No plans, no fixing.",
        answers=(Said(12, Response.YES, "Leaving now. I'll pick up the soup you like."),),
        followed=Followed(
            900, Met.MET,
            "It helped more than I can say. Thank you for shutting the laptop and just being "
            "there.",
        ),
    ),
    Asked(
        "alex", "sam", 22, "23:15", "space",
        "When the release goes wrong this late I get scattered and short with everyone, because "
        "I need room to think. Would you be willing to let me work in the spare room until "
        "Friday evening — and know it's the bugs, not you?",
        answers=(Said(
            490, Response.YES,
            "Of course. I'll leave tea outside the door. Knock if you want company at any point.",
        ),),
        followed=Followed(
            4300, Met.PARTLY,
            "The quiet really helped me fix things. I missed our dinners more than I expected, "
            "though — next time let's keep one.",
        ),
    ),
    Asked(
        "sam", "alex", 21, "20:40", "practical-help",
        "With me away at Mum and Dad's for the procedure, I keep worrying about things at home, "
        "because I need to know it's all covered so I can be there properly. Would you be "
        "willing to put the recycling out on Tuesday and water the basil while I'm gone?",
        answers=(Said(15, Response.YES, "Bins and basil are mine. Go and be with your dad."),),
        followed=Followed(
            7300, Met.MET, "Came home to a living basil plant and an empty recycling box. Small "
            "things, big relief.",
        ),
        by_days=2,
    ),
    Asked(
        "alex", "sam", 3, "21:45", "partnership-in-a-decision",
        "Dana's team lead offer has been going round my head all week. I feel excited and uneasy "
        "at the same time, because I need us to weigh this up together — it changes your weeks "
        "as much as mine. Would you be willing to sit down with me and think it through?",
        answers=(Said(
            610, Response.NOT_NOW,
            "Yes — and I want to give it proper attention, not what's left of me after a school "
            "day. Saturday morning, with coffee?",
            proposed=(0, "10:00"),
        ),),
        recent=True,
    ),
    Asked(
        "sam", "alex", 1, "21:50", "reassurance",
        "When Mum asks when I'm coming up and I have to say 'not yet' again, I feel guilty and "
        "torn, because I need to know I'm not letting anyone down. Would you be willing to tell "
        "me we'll find a weekend, even if it isn't soon?",
        recent=True,
    ),
)
# fmt: on


def _next_saturday(now: datetime, at: str) -> datetime:
    """The coming Saturday at `at`, local time, at least a day away."""
    zone = zoneinfo.ZoneInfo(TIME_ZONE)
    today = now.astimezone(zone).date()
    ahead = (5 - today.weekday()) % 7 or 7
    if ahead < 2:
        ahead += 7
    hour, minute = (int(part) for part in at.split(":"))
    return datetime.combine(today + timedelta(days=ahead), time(hour, minute), zone)


def seed(
    *,
    people: dict[str, Any],
    circles: dict[str, Any],
    now: datetime,
    when: Callable[[int, str], datetime],
) -> None:
    """Add this practice's part of the demo story. `people` and `circles` are keyed as in the
    demo command; `when(days_ago, "HH:MM")` gives a local time on a past day."""
    shift = story_shift(now.astimezone(zoneinfo.ZoneInfo(TIME_ZONE)).date())
    circle = circles["partners"]
    for asked in ASKED:
        created = when(asked.day if asked.recent else asked.day + shift, asked.at)
        ask = Request.objects.create(
            author=people[asked.who],
            recipient=people[asked.to],
            circle=circle,
            kind=asked.kind,
            text=asked.text,
            created_at=created,
            by_when=(
                (created + timedelta(days=asked.by_days)).date()
                if asked.by_days is not None
                else None
            ),
        )
        answered = None
        for said in asked.answers:
            answered = created + timedelta(minutes=said.after_minutes)
            proposed = _next_saturday(now, said.proposed[1]) if said.proposed else None
            Answer.objects.create(
                request=ask,
                author=people[asked.to],
                response=said.response,
                proposed_for=proposed,
                note=said.note,
                created_at=answered,
            )
            ask.response, ask.proposed_for, ask.answered_at = said.response, proposed, answered
        if answered is not None and asked.followed is not None:
            ask.met = asked.followed.met
            ask.met_note = asked.followed.note
            ask.met_at = answered + timedelta(minutes=asked.followed.after_minutes)
        ask.save()
