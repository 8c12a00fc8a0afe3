"""Boundaries in the demo household (called by `hearthside demo`).

Alex asked for a little time to land after work, shared it with Sam, and reworded it a week
ago after looking at it again; Sam said yes to both versions. Sam keeps a private one about
evenings since their dad's fall, and it is nearly time to look at it again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from hearthside.boundaries.cadence import local_day, next_review
from hearthside.boundaries.models import (
    Acknowledgement,
    Boundary,
    BoundaryVersion,
    Cadence,
    Review,
)

LANDING_FIRST = (
    "When I get in from work, I need twenty minutes to land before we talk about plans or "
    "problems.",
    "My head is still full of the day when I walk through the door, and I end up short with "
    "you — which is the last thing I want.",
    "",
)
LANDING_NOW = (
    "When I get in from work, I need a little while to land — usually ten minutes or so — "
    "before we talk about plans or problems.",
    "My head is still full of the day when I walk through the door, and I end up short with "
    "you — which is the last thing I want.",
    "If something can't wait, a hand on my shoulder and “is now OK?” works. Once I've changed "
    "and had some water, I'll come and find you.",
)
LANDING_REVIEW = (
    "Twenty minutes was more than I needed most days. The hand-on-the-shoulder signal has made "
    "it easier for both of us."
)
EVENINGS = (
    "I'm not taking work calls after seven in the evening, even when saying no feels like "
    "letting people down.",
    "Since Dad's fall I've been running on empty. Evenings are where I get my breath back.",
    "Reminding myself that the message will still be there at nine the next morning.",
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
    alex, sam = people["alex"], people["sam"]

    # Alex's, shared with Sam, changed once after a review and acknowledged both times.
    written = when(38, "21:15")
    landing = Boundary.objects.create(
        author=alex,
        circle=circles["partners"],
        created_at=written,
        shared_at=written,
        review_every=Cadence.MONTHLY,
    )
    first = _version(landing, 1, LANDING_FIRST, written)
    Acknowledgement.objects.create(version=first, author=sam, created_at=when(37, "08:05"))
    reviewed = when(8, "20:40")
    latest = _version(landing, 2, LANDING_NOW, reviewed)
    Review.objects.create(
        boundary=landing,
        decision=Review.Decision.CHANGE,
        note=LANDING_REVIEW,
        version=latest,
        due_on=local_day(reviewed, alex.time_zone),
        created_at=reviewed,
    )
    Acknowledgement.objects.create(version=latest, author=sam, created_at=when(7, "07:50"))
    landing.current = latest
    landing.review_every = Cadence.QUARTERLY
    landing.next_review_on = next_review(local_day(reviewed, alex.time_zone), Cadence.QUARTERLY)
    landing.save()

    # Sam's, private, with its first monthly look a few days away.
    private_at = when(27, "22:10")
    evenings = Boundary.objects.create(
        author=sam, created_at=private_at, review_every=Cadence.MONTHLY
    )
    evenings.current = _version(evenings, 1, EVENINGS, private_at)
    evenings.next_review_on = next_review(local_day(private_at, sam.time_zone), Cadence.MONTHLY)
    evenings.save()


def _version(
    boundary: Boundary, number: int, words: tuple[str, str, str], at: datetime
) -> BoundaryVersion:
    need, why, helps = words
    return BoundaryVersion.objects.create(
        boundary=boundary, number=number, need=need, why=why, helps=helps, created_at=at
    )
