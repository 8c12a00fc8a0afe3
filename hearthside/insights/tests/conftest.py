"""A few weeks of practice for the insights tests, dated around the frozen clock (Wednesday
4 March 2026, 10:30 UTC; everyone lives in Europe/London).

- Alex checks in every day for 40 days (mood 4 on ritual Sundays, 3 otherwise; "sleepy" on
  tired days) and keeps private things: a reflection, calm sessions, a stretched-thin signal.
- Sam checks in too, with moods and words Alex never uses (mood 1, "furious", "clenched jaw",
  need "independence"), and keeps a reflection and calm sessions of their own.
- In Alex & Sam's circle: shares with replies that made the sharer feel heard, thank-yous,
  requests met, a Sunday ritual kept most weeks, a pause, two ruptures (one repaired with
  trust re-established in 26 hours) and commitments followed up.
- In Alex & Robin's circle: one thank-you and one felt-heard reply, so the two circles' pages
  can be told apart.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conftest import Personas
from hearthside.calm.models import CalmSession
from hearthside.needs.models import Request
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share
from hearthside.repair.models import (
    Closure,
    Commitment,
    FollowUp,
    Pause,
    Reflection,
    Rupture,
)
from hearthside.rituals.models import Occurrence, Ritual
from hearthside.stress.models import Signal

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 4)
DAYS = 40

# Words only Sam ever uses, or only Sam's private things hold: none may reach Alex.
SAM_ONLY = ("furious", "clenched jaw", "independence", "SAM-PRIVATE-TRIGGER: my father's voice")
ALEX_TRIGGER = "ALEX-PRIVATE-TRIGGER: being left out at school"
RUPTURE_TITLE = "The missed birthday dinner"


def local(day: date, hour: int = 20, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


@dataclass
class Story:
    partners_ritual: Ritual
    repaired: Rupture
    still_open: Rupture


def _checkins(person: Any, mood: Any, **words: Any) -> None:
    CheckIn.objects.bulk_create(
        CheckIn(
            author=person, created_at=local(TODAY - timedelta(days=i), 8), mood=mood(i), **words
        )
        for i in range(1, DAYS + 1)
    )


@pytest.fixture
def story(people: Personas) -> Story:
    alex, sam, robin = people.alex, people.sam, people.robin
    partners, friends = people.partners, people.friends
    # Memberships date from long before the story (the conftest makes them "now").
    partners.memberships.update(joined_at=local(date(2025, 1, 1)))
    friends.memberships.update(joined_at=local(date(2025, 1, 1)))

    _checkins(
        alex,
        lambda i: 4 if (TODAY - timedelta(days=i)).weekday() == 6 else 3,
        feelings=["content", "tired"],
        needs=["rest"],
        body_signals=["sleepy"],
    )
    _checkins(
        sam,
        lambda i: 1,
        feelings=["furious"],
        needs=["independence"],
        body_signals=["clenched-jaw"],
    )

    # --- Alex & Sam's circle -------------------------------------------------------------
    for i in range(3):
        share = Share.objects.create(
            author=alex,
            circle=partners,
            text=f"Alex shares {i}",
            created_at=local(date(2026, 2, 10 + i)),
        )
        Reply.objects.create(
            share=share,
            author=sam,
            reflect="I hear you",
            created_at=local(date(2026, 2, 10 + i), 21),
            felt_heard_at=local(date(2026, 2, 10 + i), 22),
        )
    Appreciation.objects.bulk_create(
        Appreciation(
            author=sam if i % 2 else alex,
            recipient=alex if i % 2 else sam,
            circle=partners,
            text="Thank you",
            created_at=local(date(2026, 2, 1 + i)),
        )
        for i in range(4)
    )
    # A withdrawn thank-you counts for nobody.
    Appreciation.objects.create(
        author=alex,
        recipient=sam,
        circle=partners,
        text="Withdrawn",
        created_at=local(date(2026, 2, 20)),
        withdrawn_at=local(date(2026, 2, 21)),
    )
    Request.objects.create(
        author=alex,
        recipient=sam,
        circle=partners,
        kind="reassurance",
        text="Tell me we're okay",
        created_at=local(date(2026, 2, 14)),
        met="met",
        met_at=local(date(2026, 2, 15)),
    )
    ritual = Ritual.objects.create(
        circle=partners,
        created_by=alex,
        title="Sunday reflection",
        freq="weekly",
        weekdays="6",
        at=time(19, 0),
        time_zone="Europe/London",
        starts_on=date(2026, 1, 1),
        created_at=local(date(2026, 1, 1)),
    )
    sundays = [date(2026, 1, 4) + timedelta(weeks=w) for w in range(9)]  # to 1 March
    for index, sunday in enumerate(sundays):
        Occurrence.objects.create(
            ritual=ritual,
            scheduled_for=local(sunday, 19),
            status="skipped" if index == 2 else "done",
        )
    Pause.objects.create(
        author=sam,
        circle=partners,
        phrase="I need a breather",
        created_at=local(date(2026, 2, 17), 21),
        min_until=local(date(2026, 2, 17), 21, 20),
        max_until=local(date(2026, 2, 18), 21),
        ended_at=local(date(2026, 2, 17), 22),
    )
    repaired = Rupture.objects.create(
        author=alex,
        circle=partners,
        title=RUPTURE_TITLE,
        created_at=local(date(2026, 2, 17), 21),
        status="closed",
        closed_at=local(date(2026, 2, 18), 23),
    )
    for person in (alex, sam):
        Closure.objects.create(rupture=repaired, author=person, trust_reestablished=True)
    still_open = Rupture.objects.create(
        author=sam, circle=partners, title="Phones at dinner", created_at=local(date(2026, 3, 1))
    )
    Reflection.objects.create(
        rupture=repaired,
        author=alex,
        feelings=["hurt"],
        unmet_needs=["belonging"],
        triggers=ALEX_TRIGGER,
    )
    Reflection.objects.create(
        rupture=repaired,
        author=sam,
        feelings=["furious"],
        unmet_needs=["independence"],
        triggers=SAM_ONLY[3],
    )
    kept = Commitment.objects.create(
        rupture=repaired, author=alex, text="Put it in the calendar", follow_up_on=date(2026, 2, 25)
    )
    partly = Commitment.objects.create(
        rupture=repaired, author=sam, text="Ask early", follow_up_on=date(2026, 2, 26)
    )
    Commitment.objects.create(
        rupture=repaired, author=sam, text="Check in weekly", follow_up_on=date(2026, 3, 11)
    )
    for person in (alex, sam):
        FollowUp.objects.create(commitment=kept, author=person, answer="yes")
    FollowUp.objects.create(commitment=partly, author=alex, answer="partly")
    FollowUp.objects.create(commitment=partly, author=sam, answer="yes")

    # --- Private things ------------------------------------------------------------------
    for before, after in ((7, 4), (8, 5), (6, 3)):
        CalmSession.objects.create(
            author=alex, tool="breathe", pattern="box", distress_before=before, distress_after=after
        )
        CalmSession.objects.create(author=sam, tool="ground", distress_before=9, distress_after=9)
    Signal.objects.create(
        author=alex,
        circle=partners,
        created_at=local(date(2026, 2, 2), 9),
        closed_at=local(date(2026, 2, 4), 9),
    )

    # --- Alex & Robin's circle -----------------------------------------------------------
    climb = Share.objects.create(
        author=robin, circle=friends, text="Robin shares", created_at=local(date(2026, 2, 5))
    )
    Reply.objects.create(
        share=climb,
        author=alex,
        reflect="Sounds scary",
        created_at=local(date(2026, 2, 5), 21),
        felt_heard_at=local(date(2026, 2, 5), 22),
    )
    Appreciation.objects.create(
        author=robin,
        recipient=alex,
        circle=friends,
        text="Thanks for the belay",
        created_at=local(date(2026, 2, 6)),
    )
    return Story(ritual, repaired, still_open)


def words_of(response: Any) -> str:
    """The page's main part as a reader sees it: tags gone, entities decoded, spaces folded."""
    page = response.content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())
