"""What pacing puts on the Today page: knocks waiting for my answer, my knocks with a time."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.pacing import actions
from hearthside.pacing.tests.conftest import HELD, HINT, knock_as, text_of, words
from hearthside.practice.models import Share


def pacing_section(people: Personas, persona: str) -> str:
    page = text_of(people.client(persona).get(reverse("home")))
    match = re.search(r'<section aria-labelledby="pacing-heading".*?</section>', page, re.S)
    return words(match.group(0)) if match else ""


def test_nothing_to_say_says_nothing(people: Personas) -> None:
    for persona in ("alex", "sam", "robin", "olive"):
        assert pacing_section(people, persona) == ""


def test_a_knock_waiting_for_my_answer(people: Personas) -> None:
    knock_as(people.alex, people.partners, hint=HINT)

    sam = pacing_section(people, "sam")
    assert "Alex would like to share something with you in Alex & Sam." in sam
    assert f"About: “{HINT}”" in sam
    assert "Is now a good time?" in sam
    assert HELD not in sam
    assert pacing_section(people, "robin") == pacing_section(people, "olive") == ""
    # Waiting, without a time yet, is not on my own Today page: nothing to do there.
    assert pacing_section(people, "alex") == ""


def test_once_i_answered_it_leaves_my_list_and_shows_on_theirs(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=timezone.now() + timedelta(hours=3))

    assert pacing_section(people, "sam") == ""
    alex = pacing_section(people, "alex")
    assert "Your share to Alex & Sam goes out today at 13:30." in alex
    assert HELD not in alex  # the held words stay on the knock's own page


def test_after_the_moment_the_share_is_there_for_the_listener(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=timezone.now() + timedelta(hours=1))

    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1), tick=False):
        page = text_of(people.client("sam").get(reverse("home")))

    assert Share.objects.count() == 1
    assert HELD in page
    assert HELD not in text_of(people.client("robin").get(reverse("home")))


def test_the_section_costs_a_few_queries_however_many_knocks(people: Personas) -> None:
    for _ in range(8):
        knock_as(people.alex, people.partners, hint=HINT)
    client = people.client("sam")
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(8):
        knock_as(people.alex, people.partners)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many.captured_queries) == len(few.captured_queries)
