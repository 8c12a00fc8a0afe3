"""Intentions, values and goals in the demo household (called by `hearthside demo`).

Alex and Sam each wrote down early on what they hope opening up brings (Alex also kept one to
themself); Robin has a private one. The partners hold a few values and goals, had their first
revisit soon after the circle began (it let go of a running goal and reworded the job one),
and chose to look again monthly, so a revisit is due now and shows on the Today page. Sam kept
one of Alex's shares as an honesty moment.

The revisit is dated 40 days back rather than a full two months: the demo circle itself is
only about seven weeks old, and notes from before anyone joined would be seen by nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from hearthside.practice.models import Share
from hearthside.values.models import (
    CircleValue,
    HonestyMoment,
    Intention,
    Revisit,
    RevisitNote,
    ValuesSettings,
    add_months,
)

REVISIT_DAYS_AGO = 40

# (who, circle key or None for private, days ago, hopes, words)
# fmt: off
INTENTIONS: tuple[tuple[str, str | None, int, tuple[str, ...], str], ...] = (
    ("alex", "partners", 45, ("closeness", "less-hiding", "calmer-conflict"),
     "I go quiet when work gets heavy and then it leaks out sideways. I'd like to say it "
     "while it's still small, so we can stay close instead of circling each other."),
    ("alex", None, 44, ("courage", "self-kindness"),
     "Saying 'I'm scared I'm not good enough at this job' out loud, even just once."),
    ("sam", "partners", 45, ("relief", "being-known", "trust"),
     "With Dad's health I keep thinking I have to hold it all together. I want to be able to "
     "fall apart a little with you and know we're still okay."),
    ("robin", None, 30, ("clearer-boundaries", "relief"),
     "New job, new people. I want to get better at saying 'not this week' without a long "
     "apology attached."),
)

# (kind, area, words, added days ago, let go in the revisit?)
ITEMS: tuple[tuple[str, str, str, int, bool], ...] = (
    ("value", "", "Say the hard thing kindly, and soon", 46, False),
    ("value", "", "Rest counts as much as getting things done", 46, False),
    ("value", "", "Ask before assuming", 45, False),
    ("goal", "family", "Be there for Sam's dad through his recovery", 45, False),
    ("goal", "home", "Make the flat feel like ours — finish the spare room", 45, False),
    ("goal", "fun", "One proper adventure every season", 44, False),
    ("goal", "health", "Both run a half marathon this spring", 46, True),
)
JOB_GOAL_BEFORE = "Alex gets the promotion this year"
JOB_GOAL_AFTER = "Decide about work changes together, not alone"

# (who, prompt, words)
NOTES: tuple[tuple[str, int, str], ...] = (
    ("alex", 0, "'Say the hard thing kindly, and soon' — still the one I need most."),
    ("sam", 0, "All of them, though the running one feels like it belongs to other people."),
    ("sam", 1, "Dad. Everything got rearranged around him, and we held up better than I feared."),
    ("alex", 1, "I care less about the promotion than I did. I care more about us deciding."),
    ("alex", 2, "Evenings with our phones in another room."),
    ("sam", 2, "Being asked how I am, and having time to actually answer."),
    ("sam", 3, "Let the half marathon go. We can walk up hills instead."),
)
TAKEAWAY = (
    "We let the running go with no guilt, and work decisions are ours now, not just Alex's. "
    "More slow evenings."
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
    for who, circle, days_ago, hopes, text in INTENTIONS:
        at = when(days_ago, "21:15")
        Intention.objects.create(
            author=people[who],
            circle=circles[circle] if circle else None,
            hopes=list(hopes),
            text=text,
            created_at=at,
            updated_at=at,
        )

    partners = circles["partners"]
    finished = when(REVISIT_DAYS_AGO, "20:05")
    revisit = Revisit.objects.create(
        circle=partners,
        started_by=people["sam"],
        started_at=when(REVISIT_DAYS_AGO, "19:30"),
        finished_at=finished,
        finished_by=people["alex"],
        takeaway=TAKEAWAY,
    )
    for kind, area, text, days_ago, let_go in ITEMS:
        CircleValue.objects.create(
            circle=partners,
            kind=kind,
            area=area,
            text=text,
            added_by=people["alex" if days_ago % 2 == 0 else "sam"],
            created_at=when(days_ago, "20:00"),
            retired_at=finished - timedelta(minutes=5) if let_go else None,
            retired_by=people["sam"] if let_go else None,
            retired_in=revisit if let_go else None,
        )
    before = CircleValue.objects.create(
        circle=partners,
        kind="goal",
        area="work",
        text=JOB_GOAL_BEFORE,
        added_by=people["alex"],
        created_at=when(46, "20:05"),
        retired_at=when(REVISIT_DAYS_AGO, "20:00"),
        retired_by=people["alex"],
        retired_in=revisit,
    )
    CircleValue.objects.create(
        circle=partners,
        kind="goal",
        area="work",
        text=JOB_GOAL_AFTER,
        added_by=people["alex"],
        created_at=when(REVISIT_DAYS_AGO, "20:00"),
        replaces=before,
        added_in=revisit,
    )
    for minute, (who, prompt, text) in enumerate(NOTES):
        RevisitNote.objects.create(
            revisit=revisit,
            author=people[who],
            circle=partners,
            prompt=prompt,
            text=text,
            created_at=when(REVISIT_DAYS_AGO, f"19:{35 + minute * 4:02d}"),
        )
    # Monthly, counted from that first revisit: the next one is due now.
    ValuesSettings.objects.create(
        circle=partners,
        every_months=1,
        next_due_on=add_months(finished.date(), 1),
        updated_by=people["alex"],
        updated_at=finished,
    )

    # Sam keeps the moment Alex first said how heavy work had become.
    share = (
        Share.objects.filter(author=people["alex"], circle=partners, withdrawn_at__isnull=True)
        .exclude(depth="light")
        .order_by("created_at", "id")
        .first()
    )
    if share is not None:
        HonestyMoment.objects.create(
            person=people["sam"],
            share=share,
            note="The first time it clicked that quiet didn't mean fine.",
            created_at=min(share.created_at + timedelta(hours=3), now),
        )
