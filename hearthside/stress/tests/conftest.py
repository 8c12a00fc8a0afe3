"""A stress plan for the personas: Alex and Sam's plan holds one of everything, and Robin has a
heavy thing on the climbers' plan with Alex. Texts are marked so a test can tell at a glance
whose words reached whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone

from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task

if TYPE_CHECKING:
    from conftest import Personas

THIS_WEEK = date(2026, 3, 2)  # the frozen clock's week, 2026-W10
LAST_WEEK = date(2026, 2, 23)


@dataclass
class Plan:
    alex_heavy: HeavyThing
    sam_heavy: HeavyThing
    robin_heavy: HeavyThing  # on the climbers' plan: Alex and Robin only
    alex_routine: Routine
    sam_routine: Routine
    task: Task  # this week, Sam carries it
    last_week_task: Task
    friends_task: Task
    support: Support
    friends_support: Support
    signal: Signal  # Alex's, open, to the partners
    offer: Offer  # Sam's, on it
    robin_signal: Signal  # Robin's, open, to the climbers


@pytest.fixture
def plan(people: Personas) -> Plan:
    # Everyone joined "now" (the clock stands still), so nothing shared may be dated earlier:
    # the entry rule hides what was said before someone arrived.
    earlier = timezone.now() - timedelta(hours=2)
    return Plan(
        alex_heavy=HeavyThing.objects.create(
            author=people.alex,
            circle=people.partners,
            text="ALEX-HEAVY: the deadline",
            size="heavy",
        ),
        sam_heavy=HeavyThing.objects.create(
            author=people.sam, circle=people.partners, text="SAM-HEAVY: Dad's tests"
        ),
        robin_heavy=HeavyThing.objects.create(
            author=people.robin, circle=people.friends, text="ROBIN-HEAVY: the new job"
        ),
        alex_routine=Routine.objects.create(
            author=people.alex, circle=people.partners, text="ALEX-ROUTINE: headphones, then a walk"
        ),
        sam_routine=Routine.objects.create(
            author=people.sam, circle=people.partners, text="SAM-ROUTINE: shower and tea"
        ),
        task=Task.objects.create(
            circle=people.partners,
            week=THIS_WEEK,
            text="PARTNERS-TASK: school run",
            carrier=people.sam,
            created_by=people.alex,
        ),
        last_week_task=Task.objects.create(
            circle=people.partners,
            week=LAST_WEEK,
            text="PARTNERS-LAST-WEEK: big food shop",
            carrier=people.alex,
            created_by=people.alex,
            done_at=earlier,
        ),
        friends_task=Task.objects.create(
            circle=people.friends, week=THIS_WEEK, text="FRIENDS-TASK: book the wall"
        ),
        support=Support.objects.create(
            circle=people.partners,
            name="PARTNERS-SUPPORT: Mum",
            kind="family",
            reach="07700 900123",
            note="Can take the kids on Tuesdays",
        ),
        friends_support=Support.objects.create(
            circle=people.friends, name="FRIENDS-SUPPORT: the club coach", kind="other"
        ),
        signal=(
            signal := Signal.objects.create(
                author=people.alex,
                circle=people.partners,
                helps=["meal-sorted", "quiet-time"],
                text="ALEX-SIGNAL: too many plates spinning",
            )
        ),
        offer=Offer.objects.create(
            signal=signal, author=people.sam, choice="dinner", text="SAM-OFFER: curry at seven"
        ),
        robin_signal=Signal.objects.create(
            author=people.robin,
            circle=people.friends,
            helps=["talk-it-through"],
            text="ROBIN-SIGNAL: first week nerves",
        ),
    )
