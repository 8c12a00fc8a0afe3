"""Fixtures the toolkit's tests share: a pause in Alex & Sam's circle, and sessions of Alex's
that nobody else may ever see."""

from __future__ import annotations

import html
from typing import Any

import pytest

from conftest import Personas
from hearthside.calm import sessions
from hearthside.calm.models import CalmSession
from hearthside.repair import actions
from hearthside.repair.models import Pause


@pytest.fixture
def pause(people: Personas) -> Pause:
    return actions.start_pause(people.alex, people.partners)


@pytest.fixture
def alex_session(people: Personas, pause: Pause) -> CalmSession:
    """Alex breathing during the pause, 7 before, still going."""
    return sessions.start(people.alex, "breathe", pattern="4-7-8", distress_before=7, pause=pause)


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def main_of(response: Any) -> str:
    """The page's own part, without the header and footer every page shares."""
    page = text_of(response)
    return page.split("<main", 1)[1].split("</main>", 1)[0]
