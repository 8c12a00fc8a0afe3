"""A February for Alex & Sam with one of everything a summary reads — and everything it must
leave out — each written with a marker saying who may read it.

The clock stands at 2026-03-04 10:30 UTC (the root conftest); London is on UTC until the end of
March, so local days and UTC days are the same here. Everyone joined their circles in
December. The period the tests summarise is 1 February to 3 March 2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share
from hearthside.repair.models import Closure, Commitment, FollowUp, Reflection, Rupture, Turn
from hearthside.rituals.models import Occurrence, Ritual
from hearthside.summary import actions
from hearthside.summary.models import SummaryRequest

START = date(2026, 2, 1)
END = date(2026, 3, 3)

# Texts that belong in the summary: every member of Alex & Sam may read them.
SHARED = "SHARED-ALEX: work has been heavy and I've been quiet at dinner"
REPLY = "REPLY-SAM: I hear how heavy the release has been"
THANKS = "THANKS-ALEX: thank you for hearing me out"
SAM_SHARE = "SHARED-SAM: I loved our walk on Sunday"
RUPTURE = "RUPTURE: the washing-up row"
TAKEAWAY = "TAKEAWAY: we name tiredness before it turns sharp"
NEXT_TIME = "NEXT-TIME-ALEX: I'll say I'm tired before I snap"
CLOSING = "CLOSING-SAM: it feels good again"
COMMITMENT = "COMMIT-SAM: I'll ask for a breather when I need one"
RITUAL = "Sunday reflection"

# Texts that must never appear in a summary of Alex & Sam, with who may read them elsewhere.
PRIVATE_CHECKIN_ALEX = "PRIVATE-CHECKIN-ALEX: I'm scared of losing my job"
PRIVATE_CHECKIN_SAM = "PRIVATE-CHECKIN-SAM: tired of carrying the house"
WITHDRAWN = "WITHDRAWN-SAM: something I took back"
FRIENDS = "FRIENDS-ALEX: nervous about the climb"
BEFORE = "BEFORE-ALEX: said in January"
AFTER = "AFTER-SAM: said this morning"
REFLECTION_PRIVATE = "REFLECTION-PRIVATE-ALEX: my part was the tone I used"
REFLECTION_UNSHARED = "REFLECTION-UNSHARED-SAM: this touched something old"

IN_SUMMARY = [SHARED, REPLY, THANKS, SAM_SHARE, RUPTURE, TAKEAWAY, NEXT_TIME, CLOSING, COMMITMENT]
NEVER = [
    PRIVATE_CHECKIN_ALEX,
    PRIVATE_CHECKIN_SAM,
    WITHDRAWN,
    FRIENDS,
    BEFORE,
    AFTER,
    REFLECTION_PRIVATE,
    REFLECTION_UNSHARED,
]

# Who may read each marker anywhere in the app (the privacy tests' `leaks`).
READERS: dict[str, set[str]] = {
    **{text: {"alex", "sam"} for text in IN_SUMMARY},
    PRIVATE_CHECKIN_ALEX: {"alex"},
    PRIVATE_CHECKIN_SAM: {"sam"},
    WITHDRAWN: {"sam"},
    FRIENDS: {"alex", "robin"},
    BEFORE: {"alex", "sam"},
    AFTER: {"alex", "sam"},
    REFLECTION_PRIVATE: {"alex"},
    REFLECTION_UNSHARED: {"sam"},
}


def at(day: date, hour: int = 19, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


@dataclass
class Story:
    people: Personas
    share: Share
    reply: Reply
    rupture: Rupture
    ritual: Ritual


@pytest.fixture
def story(people: Personas) -> Story:
    alex, sam = people.alex, people.sam
    partners, friends = people.partners, people.friends
    Membership.objects.filter(circle__in=[partners, friends]).update(
        joined_at=at(date(2025, 12, 1))
    )
    feb = date(2026, 2, 10)

    CheckIn.objects.create(author=alex, note=PRIVATE_CHECKIN_ALEX, created_at=at(feb, 8))
    CheckIn.objects.create(author=sam, note=PRIVATE_CHECKIN_SAM, created_at=at(feb, 8))
    share = Share.objects.create(
        author=alex, circle=partners, text=SHARED, feelings=["anxious"], created_at=at(feb)
    )
    reply = Reply.objects.create(
        share=share,
        author=sam,
        reflect=REPLY,
        validation="it makes sense you'd go quiet",
        created_at=at(feb, 20),
        felt_heard_at=at(feb, 21),
    )
    Appreciation.objects.create(
        author=alex,
        circle=partners,
        recipient=sam,
        text=THANKS,
        reply=reply,
        created_at=at(feb, 22),
    )
    Share.objects.create(
        author=sam,
        circle=partners,
        text=SAM_SHARE,
        depth="medium",
        created_at=at(date(2026, 2, 16)),
    )
    Share.objects.create(
        author=sam,
        circle=partners,
        text=WITHDRAWN,
        created_at=at(date(2026, 2, 12)),
        withdrawn_at=at(date(2026, 2, 13)),
    )
    Share.objects.create(author=alex, circle=friends, text=FRIENDS, created_at=at(feb))
    Share.objects.create(
        author=alex, circle=partners, text=BEFORE, created_at=at(date(2026, 1, 15))
    )
    Share.objects.create(
        author=sam, circle=partners, text=AFTER, created_at=at(date(2026, 3, 4), 9)
    )

    rupture = Rupture.objects.create(
        author=alex,
        circle=partners,
        title=RUPTURE,
        happened_at=at(date(2026, 2, 14), 18),
        created_at=at(date(2026, 2, 14), 18),
        status=Rupture.Status.CLOSED,
        closed_at=at(date(2026, 2, 17), 20),
        takeaways=TAKEAWAY,
    )
    Reflection.objects.create(rupture=rupture, author=alex, my_part=REFLECTION_PRIVATE)
    Reflection.objects.create(
        rupture=rupture,
        author=sam,
        reality="I was tired",
        triggers=REFLECTION_UNSHARED,
        shared_parts=["reality"],
    )
    when = at(date(2026, 2, 15))
    Turn.objects.create(
        rupture=rupture, author=alex, step="feelings", feelings=["hurt"], created_at=when
    )
    Turn.objects.create(
        rupture=rupture, author=sam, step="feelings", feelings=["sad"], created_at=when
    )
    Turn.objects.create(rupture=rupture, author=alex, step="plan", text=NEXT_TIME, created_at=when)
    Closure.objects.create(rupture=rupture, author=alex, trust_reestablished=True, created_at=when)
    Closure.objects.create(
        rupture=rupture, author=sam, trust_reestablished=True, note=CLOSING, created_at=when
    )
    commitment = Commitment.objects.create(
        rupture=rupture,
        author=sam,
        text=COMMITMENT,
        follow_up_on=date(2026, 2, 24),
        created_at=at(date(2026, 2, 16)),
    )
    FollowUp.objects.create(
        commitment=commitment,
        author=alex,
        answer="yes",
        note="yes, you did",
        created_at=at(date(2026, 2, 24)),
    )

    # A Sunday ritual since January: in the period it was due on 1, 8, 15 and 22 February and
    # 1 March; all kept but the 15th (the day after the row).
    ritual = Ritual.objects.create(
        circle=partners,
        created_by=alex,
        title=RITUAL,
        freq="weekly",
        weekdays="6",
        at=time(19, 0),
        time_zone="Europe/London",
        starts_on=date(2026, 1, 4),
        created_at=at(date(2026, 1, 3)),
    )
    for day in (1, 8, 22):
        Occurrence.objects.create(
            ritual=ritual,
            scheduled_for=at(date(2026, 2, day)),
            status=Occurrence.Status.DONE,
            completed_at=at(date(2026, 2, day), 20),
        )
    Occurrence.objects.create(
        ritual=ritual, scheduled_for=at(date(2026, 2, 15)), status=Occurrence.Status.SKIPPED
    )
    Occurrence.objects.create(
        ritual=ritual,
        scheduled_for=at(date(2026, 3, 1)),
        status=Occurrence.Status.DONE,
        completed_at=at(date(2026, 3, 1), 20),
    )
    return Story(people, share, reply, rupture, ritual)


def propose(people: Personas, who: str = "alex", circle: Any = None) -> SummaryRequest:
    return actions.propose(getattr(people, who), circle or people.partners, START, END)


def produced(people: Personas) -> SummaryRequest:
    """Alex proposes February; Sam consents, which makes it."""
    summary = propose(people)
    return actions.consent(people.sam, summary)
