"""Self-regulation toolkit in the demo household (called by `hearthside demo`).

A handful of private sessions over the last few weeks, with before/after ratings, so "what
helps me" has something true to say: box breathing reliably helps Alex, grounding less so;
Sam leans on slow breathing and the kindness steps in the weeks their dad was unwell.
Robin hasn't tried the toolkit yet, so theirs shows how it looks at the start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from hearthside.calm.models import CalmSession


class Used(NamedTuple):
    who: str
    days_ago: int
    at: str  # local "HH:MM"
    tool: str
    pattern: str
    before: int | None
    after: int | None
    minutes: int = 4


SESSIONS: tuple[Used, ...] = (
    Used("alex", 30, "22:05", "breathe", "box", 7, 4),
    Used("alex", 29, "22:40", "ground", "", 8, 6, minutes=6),
    Used("alex", 22, "08:15", "breathe", "box", 6, 4),
    Used("alex", 16, "07:50", "breathe", "box", 8, 5),
    Used("alex", 9, "21:30", "breathe", "4-7-8", 6, 3),
    Used("alex", 5, "18:20", "ground", "", 5, 5, minutes=5),
    Used("alex", 2, "23:10", "breathe", "box", 5, 3),
    Used("sam", 26, "13:20", "breathe", "resonant", 8, 6, minutes=6),
    Used("sam", 21, "21:45", "kindness", "", 7, 5, minutes=5),
    Used("sam", 20, "06:40", "breathe", "resonant", 9, 6, minutes=7),
    Used("sam", 18, "10:05", "kindness", "", 8, 6, minutes=5),
    Used("sam", 12, "22:15", "kindness", "", 6, 3, minutes=5),
    # Left part-way, no rating afterwards: it happens, and it doesn't count towards a summary.
    Used("sam", 3, "19:00", "ground", "", 6, None, minutes=2),
)


def seed(
    *,
    people: dict[str, Any],
    circles: dict[str, Any],
    now: datetime,
    when: Callable[[int, str], datetime],
) -> None:
    """Add this practice's part of the demo story. `people` and `circles` are keyed as in the
    demo command; `when(days_ago, "HH:MM")` gives a local time on a past day."""
    CalmSession.objects.bulk_create(
        CalmSession(
            author=people[used.who],
            tool=used.tool,
            pattern=used.pattern,
            started_at=when(used.days_ago, used.at),
            finished_at=(
                when(used.days_ago, used.at) + timedelta(minutes=used.minutes)
                if used.after is not None
                else None
            ),
            distress_before=used.before,
            distress_after=used.after,
        )
        for used in SESSIONS
    )
