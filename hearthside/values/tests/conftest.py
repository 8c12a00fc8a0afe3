"""A small world of intentions, values, goals, a revisit under way and an honesty moment, with
marked words so every test can say exactly who may read what."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from hearthside.practice.models import CheckIn, Share
from hearthside.values.models import (
    CircleValue,
    HonestyMoment,
    Intention,
    Revisit,
    RevisitNote,
    ValuesSettings,
)

if TYPE_CHECKING:
    from conftest import Personas

PARTNERS = {"alex", "sam"}
FRIENDS = {"alex", "robin"}

ALEX_PRIVATE_HOPE = "ALEX-PRIVATE-HOPE: to stop pretending I'm fine"
ALEX_PARTNERS_HOPE = "ALEX-PARTNERS-HOPE: to feel closer to Sam"
ALEX_FRIENDS_HOPE = "ALEX-FRIENDS-HOPE: braver on the wall and off it"
SAM_PARTNERS_HOPE = "SAM-PARTNERS-HOPE: to lean on Alex a little"
PARTNERS_VALUE = "PARTNERS-VALUE: kindness before being right"
PARTNERS_GOAL = "PARTNERS-GOAL: finish the spare room"
FRIENDS_VALUE = "FRIENDS-VALUE: nobody climbs alone"
ALEX_NOTE = "ALEX-NOTE: kindness still fits best"
ALEX_PRIVATE_NOTE = "ALEX-PRIVATE-NOTE: I'm not sure I believe it"
SAM_NOTE = "SAM-NOTE: the spare room can wait"
SAM_MOMENT = "SAM-MOMENT: that's when it clicked for me"
ALEX_SHARE = "ALEX-SHARE: work is heavy this week"
ALEX_CHECKIN = "ALEX-CHECKIN: tight chest before the meeting"

# Who may read each piece of text. Anyone else must never receive it, from any page or route.
READERS: dict[str, set[str]] = {
    ALEX_PRIVATE_HOPE: {"alex"},
    ALEX_PARTNERS_HOPE: PARTNERS,
    ALEX_FRIENDS_HOPE: FRIENDS,
    SAM_PARTNERS_HOPE: PARTNERS,
    PARTNERS_VALUE: PARTNERS,
    PARTNERS_GOAL: PARTNERS,
    FRIENDS_VALUE: FRIENDS,
    ALEX_NOTE: PARTNERS,
    ALEX_PRIVATE_NOTE: {"alex"},
    SAM_NOTE: PARTNERS,
    SAM_MOMENT: {"sam"},
    ALEX_SHARE: PARTNERS,
    ALEX_CHECKIN: {"alex"},
}


@dataclass
class World:
    alex_private: Intention
    alex_partners: Intention
    alex_friends: Intention
    sam_partners: Intention
    partners_value: CircleValue
    partners_goal: CircleValue
    friends_value: CircleValue
    revisit: Revisit
    alex_note: RevisitNote
    alex_private_note: RevisitNote
    sam_note: RevisitNote
    share: Share
    checkin: CheckIn
    sam_moment: HonestyMoment
    settings: ValuesSettings


@pytest.fixture
def world(people: Personas) -> World:
    def intention(author: Any, circle: Any, text: str, hopes: list[str]) -> Intention:
        return Intention.objects.create(author=author, circle=circle, text=text, hopes=hopes)

    def item(circle: Any, kind: str, text: str, area: str = "") -> CircleValue:
        return CircleValue.objects.create(
            circle=circle, kind=kind, area=area, text=text, added_by=people.alex
        )

    revisit = Revisit.objects.create(circle=people.partners, started_by=people.sam)

    def note(author: Any, prompt: int, text: str, *, private: bool = False) -> RevisitNote:
        return RevisitNote.objects.create(
            revisit=revisit,
            author=author,
            circle=None if private else people.partners,
            prompt=prompt,
            text=text,
        )

    share = Share.objects.create(author=people.alex, circle=people.partners, text=ALEX_SHARE)
    checkin = CheckIn.objects.create(author=people.alex, note=ALEX_CHECKIN)
    return World(
        alex_private=intention(people.alex, None, ALEX_PRIVATE_HOPE, ["less-hiding"]),
        alex_partners=intention(people.alex, people.partners, ALEX_PARTNERS_HOPE, ["closeness"]),
        alex_friends=intention(people.alex, people.friends, ALEX_FRIENDS_HOPE, ["courage"]),
        sam_partners=intention(people.sam, people.partners, SAM_PARTNERS_HOPE, ["relief"]),
        partners_value=item(people.partners, "value", PARTNERS_VALUE),
        partners_goal=item(people.partners, "goal", PARTNERS_GOAL, "home"),
        friends_value=item(people.friends, "value", FRIENDS_VALUE),
        revisit=revisit,
        alex_note=note(people.alex, 0, ALEX_NOTE),
        alex_private_note=note(people.alex, 1, ALEX_PRIVATE_NOTE, private=True),
        sam_note=note(people.sam, 0, SAM_NOTE),
        share=share,
        checkin=checkin,
        sam_moment=HonestyMoment.objects.create(person=people.sam, share=share, note=SAM_MOMENT),
        settings=ValuesSettings.objects.create(circle=people.partners, every_months=3),
    )


def leaks(persona: str, body: str) -> list[str]:
    """Marked words in `body` that `persona` may not read."""
    return [text for text, allowed in READERS.items() if persona not in allowed and text in body]


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


def words(response: Any) -> str:
    """The visible words of a page's main content, without markup."""
    text = page_text(response)
    match = re.search(r"<main.*?</main>", text, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0) if match else text).split())
