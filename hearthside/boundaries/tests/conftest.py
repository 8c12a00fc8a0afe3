"""Boundaries the tests share: one of each kind, with text that says who may read it, so every
privacy test can ask every persona about every one."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import pytest

from conftest import Personas
from hearthside.boundaries import actions
from hearthside.boundaries.models import Boundary, BoundaryVersion, Cadence

PARTNERS = {"alex", "sam"}
FRIENDS = {"alex", "robin"}

ALEX_SHARED = "ALEX-SHARED: I need an hour to myself when I get home"
ALEX_SHARED_WHY = "ALEX-SHARED-WHY: work leaves me frayed"
ALEX_PRIVATE = "ALEX-PRIVATE: I need to stop answering my brother at midnight"
ALEX_FRIENDS = "ALEX-FRIENDS: I need us to agree the route before we climb"
SAM_SHARED = "SAM-SHARED: I need a heads-up before guests come over"
SAM_PRIVATE = "SAM-PRIVATE: I need Sundays without my phone"
ALEX_REVIEW_NOTE = "ALEX-REVIEW-NOTE: this has helped more than I expected"

# Who may read each piece of text. Anyone else must never receive it, anywhere.
READERS: dict[str, set[str]] = {
    ALEX_SHARED: PARTNERS,
    ALEX_SHARED_WHY: PARTNERS,
    ALEX_PRIVATE: {"alex"},
    ALEX_FRIENDS: FRIENDS,
    SAM_SHARED: PARTNERS,
    SAM_PRIVATE: {"sam"},
    # Review notes are the author's own, even on a shared boundary.
    ALEX_REVIEW_NOTE: {"alex"},
}


@dataclass
class Bounds:
    alex_shared: Boundary  # with Alex & Sam
    alex_private: Boundary
    alex_friends: Boundary  # with Alex & Robin
    sam_shared: Boundary  # with Alex & Sam
    sam_private: Boundary


def write(person: Any, need: str, circle: Any = None, **words: Any) -> Boundary:
    cadence = words.pop("review_every", Cadence.QUARTERLY)
    return actions.create_boundary(
        person,
        circle=circle,
        words=actions.Words.clean(need, words.get("why", ""), words.get("helps", "")),
        review_every=cadence,
    )


def change(
    person: Any, boundary: Boundary, need: str, circle: Any = None, **words: Any
) -> BoundaryVersion | None:
    """The author changes a boundary: its words (a new version when they differ), where it's
    shared and its cadence, like `write` for a new one."""
    cadence = words.pop("review_every", Cadence.QUARTERLY)
    return actions.change_boundary(
        person,
        boundary,
        words=actions.Words.clean(need, words.get("why", ""), words.get("helps", "")),
        review_every=cadence,
        circle=circle,
    )


@pytest.fixture
def bounds(people: Personas) -> Bounds:
    alex_shared = write(people.alex, ALEX_SHARED, people.partners, why=ALEX_SHARED_WHY)
    actions.review_boundary(people.alex, alex_shared, decision="keep", note=ALEX_REVIEW_NOTE)
    return Bounds(
        alex_shared=alex_shared,
        alex_private=write(people.alex, ALEX_PRIVATE),
        alex_friends=write(people.alex, ALEX_FRIENDS, people.friends),
        sam_shared=write(people.sam, SAM_SHARED, people.partners),
        sam_private=write(people.sam, SAM_PRIVATE),
    )


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def leaks(persona: str, body: str) -> list[str]:
    return [text for text, allowed in READERS.items() if persona not in allowed and text in body]
