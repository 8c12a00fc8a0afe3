"""The Today page's boundaries card: my reviews that are due, and shared boundaries (new or
changed) waiting for my answer — in few queries, and nothing at all when there's nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.boundaries import actions
from hearthside.boundaries.tests.conftest import (
    ALEX_FRIENDS,
    ALEX_PRIVATE,
    SAM_PRIVATE,
    Bounds,
    change,
    leaks,
    text_of,
    write,
)

HOME = reverse("home")


def card(people: Personas, persona: str) -> str:
    page = text_of(people.client(persona).get(HOME))
    match = re.search(
        r'<section aria-labelledby="boundaries-home-heading".*?</section>', page, re.S
    )
    words = re.sub(r"<[^>]+>", " ", match.group(0)) if match else ""
    return " ".join(words.split())


def test_nothing_shows_when_nothing_waits(people: Personas) -> None:
    write(people.alex, "I need quiet mornings")  # private, not due
    assert card(people, "alex") == ""
    assert card(people, "sam") == ""


def test_a_shared_boundary_waits_for_my_answer_until_i_give_it(
    people: Personas, bounds: Bounds
) -> None:
    sams = card(people, "sam")
    assert "Alex shared a boundary with you. Read it when you're ready" in sams
    assert ALEX_PRIVATE not in sams and ALEX_FRIENDS not in sams

    actions.acknowledge(people.sam, bounds.alex_shared)
    assert "Alex shared a boundary" not in card(people, "sam")

    change(people.alex, bounds.alex_shared, "I need half an hour", people.partners)
    assert "Alex changed a boundary." in card(people, "sam")


def test_it_never_names_the_words_of_a_boundary_waiting_for_me(
    people: Personas, bounds: Bounds
) -> None:
    # A glance at Today over someone's shoulder shouldn't show another person's boundary.
    assert "ALEX-SHARED" not in card(people, "sam")


def test_my_reviews_that_are_due_are_on_today(people: Personas) -> None:
    boundary = write(people.alex, "MINE: I need quiet mornings", review_every=1)
    with time_machine.travel(CURRENT_TIME + timedelta(days=30), tick=False):
        assert card(people, "alex") == ""
    with time_machine.travel(CURRENT_TIME + timedelta(days=31), tick=False):
        alexs = card(people, "alex")
        sams = card(people, "sam")
        page = text_of(people.client("alex").get(HOME))
    assert "Time to look at one of yours again: MINE: I need quiet mornings" in alexs
    assert reverse("boundary_review", args=[boundary.pk]) in page
    assert sams == ""


def test_retired_and_private_ones_of_others_never_appear(people: Personas, bounds: Bounds) -> None:
    actions.retire_boundary(people.alex, bounds.alex_shared)
    with time_machine.travel(CURRENT_TIME + timedelta(days=400), tick=False):
        for persona in ("sam", "robin", "olive"):
            page = text_of(people.client(persona).get(HOME))
            assert leaks(persona, page) == [], persona
    assert SAM_PRIVATE not in card(people, "alex")


def test_the_card_costs_two_queries(people: Personas, bounds: Bounds) -> None:
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get(HOME)
    request.user = people.sam
    template = Template("{% load boundaries_tags %}{% boundaries_home %}")
    with CaptureQueriesContext(connection) as queries:
        template.render(Context({"user": people.sam, "request": request}))
    assert len(queries) == 2
