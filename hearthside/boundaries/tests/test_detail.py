"""A boundary's page: its words, who sees it, its history, and acknowledgements — the author
sees who said yes to the words now in force, a member sees their own answer, and nobody sees
who merely opened it."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.boundaries import actions
from hearthside.boundaries.tests.conftest import (
    ALEX_REVIEW_NOTE,
    ALEX_SHARED,
    ALEX_SHARED_WHY,
    Bounds,
    change,
    text_of,
    write,
)
from hearthside.circles.models import Membership


def page_of(people: Personas, persona: str, boundary: object) -> str:
    response = people.client(persona).get(reverse("boundary", args=[boundary.pk]))  # type: ignore[attr-defined]
    assert response.status_code == 200
    return text_of(response)


def section(page: str, heading: str) -> str:
    match = re.search(rf'aria-labelledby="{heading}".*?</section>', page, re.S)
    words = re.sub(r"<[^>]+>", " ", match.group(0)) if match else ""
    return " ".join(words.split())


def test_the_author_sees_the_words_who_sees_it_and_when_to_look_again(
    people: Personas, bounds: Bounds
) -> None:
    page = page_of(people, "alex", bounds.alex_shared)

    assert "Your boundary" in page
    assert ALEX_SHARED in page and ALEX_SHARED_WHY in page
    assert "Shared with Alex & Sam since 4 March 2026" in page
    assert "Every 3 months · next on Thursday 4 June 2026" in section(page, "care-heading")
    assert reverse("boundary_review", args=[bounds.alex_shared.pk]) in page
    assert reverse("boundary_edit", args=[bounds.alex_shared.pk]) in page


def test_review_notes_are_for_the_author_alone(people: Personas, bounds: Bounds) -> None:
    assert ALEX_REVIEW_NOTE in section(
        page_of(people, "alex", bounds.alex_shared), "reviews-heading"
    )
    sams = page_of(people, "sam", bounds.alex_shared)
    assert ALEX_REVIEW_NOTE not in sams
    assert "reviews-heading" not in sams
    assert "care-heading" not in sams


def test_a_member_is_asked_and_then_sees_their_own_answer(people: Personas, bounds: Bounds) -> None:
    page = page_of(people, "sam", bounds.alex_shared)
    assert "Alex's boundary" in page
    assert "I've read this and I'll respect it" in page

    actions.acknowledge(people.sam, bounds.alex_shared)

    page = page_of(people, "sam", bounds.alex_shared)
    assert "You told Alex you've read this and you'll respect it (4 March 2026)." in page
    assert "I've read this and I'll respect it</button>" not in page


def test_the_author_sees_who_said_yes_to_the_words_now(people: Personas) -> None:
    Membership.objects.create(circle=people.partners, person=people.olive)
    boundary = write(people.alex, "I need quiet mornings", people.partners)
    actions.acknowledge(people.sam, boundary)

    acks = section(page_of(people, "alex", boundary), "ack-heading")
    assert "Sam has read these words and will respect them." in acks
    assert "Olive" not in acks  # nothing about who hasn't, or who opened it

    actions.acknowledge(people.olive, boundary)
    with time_machine.travel(CURRENT_TIME + timedelta(days=2), tick=False):
        change(people.alex, boundary, "I need quiet mornings until nine", people.partners)
        acks = section(page_of(people, "alex", boundary), "ack-heading")
    assert "No one has said so for these words yet." in acks
    assert "Sam said yes to an earlier version and will be asked about the new words." in acks
    assert "Olive said yes to an earlier version" in acks

    # Olive's answers are not Sam's business.
    sams = page_of(people, "sam", boundary)
    assert "Olive" not in section(sams, "ack-heading")
    assert "Alex has changed the words since you last read them." in sams


def test_history_shows_every_version_newest_first(people: Personas, bounds: Bounds) -> None:
    assert "These are still the first words." in page_of(people, "sam", bounds.alex_shared)
    with time_machine.travel(CURRENT_TIME + timedelta(days=3), tick=False):
        change(
            people.alex,
            bounds.alex_shared,
            "SECOND: I need an hour, or half on busy days",
            people.partners,
        )
        page = page_of(people, "sam", bounds.alex_shared)
    history = section(page, "history-heading")
    assert history.index("SECOND") < history.index(ALEX_SHARED)
    assert "7 March 2026 · the words now" in history
    assert "Changed 7 March 2026" in page


def test_words_written_while_private_stay_private_after_sharing(people: Personas) -> None:
    boundary = write(people.alex, "DRAFT: I need you to stop")
    with time_machine.travel(CURRENT_TIME + timedelta(days=1), tick=False):
        change(people.alex, boundary, "KINDER: I need a pause when voices rise")
    with time_machine.travel(CURRENT_TIME + timedelta(days=2), tick=False):
        change(people.alex, boundary, "KINDER: I need a pause when voices rise", people.partners)
    with time_machine.travel(CURRENT_TIME + timedelta(days=3), tick=False):
        change(
            people.alex,
            boundary,
            "LATEST: I need a pause when voices rise, and a hug after",
            people.partners,
        )
        sams = page_of(people, "sam", boundary)
        alexs = page_of(people, "alex", boundary)

    assert "LATEST" in sams and "KINDER" in sams
    assert "DRAFT" not in sams
    assert "DRAFT" in alexs


def test_a_private_boundary_says_so_and_asks_nobody(people: Personas, bounds: Bounds) -> None:
    page = page_of(people, "alex", bounds.alex_private)

    assert "Private — only you can see this" in page
    assert "ack-heading" not in page


def test_a_retired_boundary_says_so_and_offers_no_changes(people: Personas, bounds: Bounds) -> None:
    actions.retire_boundary(people.alex, bounds.alex_shared)

    page = page_of(people, "alex", bounds.alex_shared)
    assert "Retired on 4 March 2026." in page
    assert reverse("boundary_edit", args=[bounds.alex_shared.pk]) not in page
    sams = page_of(people, "sam", bounds.alex_shared)
    assert "This boundary is retired, so there's nothing to answer." in sams
    assert "I've read this and I'll respect it</button>" not in sams
