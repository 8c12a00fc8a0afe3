"""Shared fixtures for pacing tests: a held share Alex knocked with in the partners circle."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from conftest import Personas
from hearthside.pacing import actions
from hearthside.pacing.models import Knock

HELD = "ALEX-HELD: I've been scared since the launch"
HINT = "about work"


def knock_as(person: Any, circle: Any, **fields: Any) -> Knock:
    values: dict[str, Any] = {
        "text": HELD,
        "feelings": ["afraid"],
        "depth": "deep",
        "wants": "just-listen",
        "hint": "",
        **fields,
    }
    return actions.knock(person, circle, **values)


@pytest.fixture
def knock(people: Personas) -> Knock:
    """Alex knocks in Alex & Sam, without a hint."""
    return knock_as(people.alex, people.partners)


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def words(page: str) -> str:
    """A page's words without markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())
