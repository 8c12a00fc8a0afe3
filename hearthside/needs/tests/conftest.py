"""Requests the needs tests share, with text that says who may read it.

Alex & Sam is made a circle of three here when a test asks for `third_member`: Robin joins it
(as well as climbing with Alex), so every privacy test can check that a request addressed to
one person stays between the two of them, even inside their own circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.needs.models import Answer, Request

ALEX_TO_SAM = "ALEX-ASKS-SAM: when evenings vanish I feel far away; a walk on Friday?"
SAM_TO_ALEX = "SAM-ASKS-ALEX: I need a hand with the move on Saturday"
ALEX_TO_ROBIN = "ALEX-ASKS-ROBIN: could you belay me on Thursday?"
ALEX_ANSWER = "ALEX-ANSWERS: yes, Saturday morning works"

# Who may read each text: anyone else must never receive it, on any page, route or message.
READERS: dict[str, set[str]] = {
    ALEX_TO_SAM: {"alex", "sam"},
    SAM_TO_ALEX: {"alex", "sam"},
    ALEX_TO_ROBIN: {"alex", "robin"},
    ALEX_ANSWER: {"alex", "sam"},
}


@dataclass
class Asks:
    alex_to_sam: Request
    sam_to_alex: Request
    alex_to_robin: Request
    alex_answer: Answer


@pytest.fixture
def third_member(people: Personas) -> Personas:
    """Robin joins Alex & Sam a week ago: a member of the circle, but not of these requests."""
    Membership.objects.create(
        circle=people.partners, person=people.robin, joined_at=timezone.now() - timedelta(days=7)
    )
    return people


@pytest.fixture
def asks(people: Personas) -> Asks:
    # Everyone joined their circles a month ago, so the requests came after they were there.
    Membership.objects.filter(circle__in=[people.partners, people.friends]).update(
        joined_at=timezone.now() - timedelta(days=30)
    )
    an_hour_ago = timezone.now() - timedelta(hours=1)

    def ask(author: Any, circle: Any, recipient: Any, kind: str, text: str) -> Request:
        return Request.objects.create(
            author=author,
            circle=circle,
            recipient=recipient,
            kind=kind,
            text=text,
            created_at=an_hour_ago,
        )

    alex_to_sam = ask(people.alex, people.partners, people.sam, "reassurance", ALEX_TO_SAM)
    sam_to_alex = ask(people.sam, people.partners, people.alex, "practical-help", SAM_TO_ALEX)
    alex_to_robin = ask(people.alex, people.friends, people.robin, "other", ALEX_TO_ROBIN)
    answer = Answer.objects.create(
        request=sam_to_alex,
        author=people.alex,
        response="yes",
        note=ALEX_ANSWER,
        created_at=an_hour_ago + timedelta(minutes=5),
    )
    sam_to_alex.response = "yes"
    sam_to_alex.answered_at = answer.created_at
    sam_to_alex.save()
    return Asks(alex_to_sam, sam_to_alex, alex_to_robin, answer)
