"""The Boundaries page: my own, and those shared with me with the ones waiting for my answer
first; retired ones set apart."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.boundaries import actions
from hearthside.boundaries.tests.conftest import (
    ALEX_FRIENDS,
    ALEX_PRIVATE,
    ALEX_SHARED,
    SAM_PRIVATE,
    SAM_SHARED,
    Bounds,
    change,
    text_of,
    write,
)

URL = reverse("boundaries")


def section(page: str, heading: str) -> str:
    match = re.search(
        rf'<section class="card" aria-labelledby="{heading}".*?</section>', page, re.S
    )
    words = re.sub(r"<[^>]+>", " ", match.group(0)) if match else ""
    return " ".join(words.split())


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_i_see_my_own_and_what_my_circles_shared_with_me(people: Personas, bounds: Bounds) -> None:
    page = text_of(people.client("sam").get(URL))

    mine = section(page, "mine-heading")
    shared = section(page, "shared-heading")
    assert SAM_SHARED in mine and SAM_PRIVATE in mine
    assert "Shared with Alex & Sam" in mine and "Private" in mine
    assert ALEX_SHARED in shared and "Alex · Alex & Sam" in shared
    assert ALEX_PRIVATE not in page and ALEX_FRIENDS not in page


def test_shared_ones_waiting_for_my_answer_come_first(people: Personas) -> None:
    older = write(people.alex, "OLDER: I need quiet mornings", people.partners)
    with time_machine.travel(CURRENT_TIME + timedelta(hours=1), tick=False):
        newer = write(people.alex, "NEWER: I need a walk after dinner", people.partners)
    client = people.client("sam")

    def shared() -> str:
        return section(text_of(client.get(URL)), "shared-heading")

    # Newest first while both wait…
    assert shared().index("NEWER") < shared().index("OLDER")
    assert shared().count("New — waiting for you") == 2

    # …the one still waiting goes first once I've answered the other…
    actions.acknowledge(people.sam, newer)
    assert shared().index("OLDER") < shared().index("NEWER")
    assert "You said you'll respect it" in shared()

    # …and a change asks again: the changed one comes back to the top, marked as changed.
    actions.acknowledge(people.sam, older)
    assert shared().index("NEWER") < shared().index("OLDER")
    change(people.alex, older, "OLDER: I need quiet mornings, until nine", people.partners)
    assert shared().index("OLDER") < shared().index("NEWER")
    assert "Changed — new words to read" in shared()
    assert "until nine" in shared()


def test_my_own_show_who_sees_them_and_when_to_look_again(people: Personas, bounds: Bounds) -> None:
    mine = section(text_of(people.client("alex").get(URL)), "mine-heading")

    assert "Shared with Climbing friends" in mine
    assert "Next look: 4 June 2026" in mine


def test_a_review_that_is_due_links_to_the_review(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", review_every=1)
    with time_machine.travel(CURRENT_TIME + timedelta(days=31), tick=False):
        page = text_of(people.client("alex").get(URL))

    assert "Time to look at it again" in page
    assert reverse("boundary_review", args=[boundary.pk]) in page


def test_retired_ones_are_set_apart_for_everyone_who_saw_them(
    people: Personas, bounds: Bounds
) -> None:
    actions.retire_boundary(people.alex, bounds.alex_shared)

    for persona in ("alex", "sam"):
        page = text_of(people.client(persona).get(URL))
        assert ALEX_SHARED in section(page, "retired-heading"), persona
        assert ALEX_SHARED not in section(page, "mine-heading")
        assert ALEX_SHARED not in section(page, "shared-heading")
    assert "retired-heading" not in text_of(people.client("robin").get(URL))


def test_a_first_visit_is_kind_and_says_what_to_do(people: Personas) -> None:
    page = text_of(people.client("olive").get(URL))

    assert "Nothing written yet" in page
    assert "When you're in a circle" in page
    assert reverse("boundary_new") in page
