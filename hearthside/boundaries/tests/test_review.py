"""Looking at a boundary again: keep, change or retire — one page, three answers, all kept."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.boundaries.models import Boundary, Review
from hearthside.boundaries.tests.conftest import (
    ALEX_SHARED,
    ALEX_SHARED_WHY,
    Bounds,
    text_of,
    write,
)


def url(boundary: Boundary) -> str:
    return reverse("boundary_review", args=[boundary.pk])


def answer(decision: str, **changes: str) -> dict[str, str]:
    data = {
        "decision": decision,
        "note": "",
        "need": ALEX_SHARED,
        "why": "",
        "helps": "",
        "review_every": "3",
    }
    data.update(changes)
    return data


def test_the_page_shows_the_words_now_and_three_kind_choices(
    people: Personas, bounds: Bounds
) -> None:
    page = text_of(people.client("alex").get(url(bounds.alex_shared)))

    assert "Look at it again" in page
    assert ALEX_SHARED in page
    assert 'name="decision" value="keep"' in page
    assert 'name="decision" value="change"' in page
    assert 'name="decision" value="retire"' in page
    assert "only ever seen by you" in page
    assert 'id="coach-id_need"' in page


def test_keeping_it_is_recorded_and_the_next_look_is_scheduled(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", review_every=1)
    with time_machine.travel(CURRENT_TIME + timedelta(days=31), tick=False):
        response = people.client("alex").post(
            url(boundary),
            answer("keep", note="Still right for me", need="ignored", review_every="6"),
            follow=True,
        )

    assert "Kept as it is. Thank you for checking in with yourself." in text_of(response)
    review = Review.objects.get()
    assert (review.decision, review.note, review.due_on) == (
        "keep",
        "Still right for me",
        date(2026, 4, 4),
    )
    boundary.refresh_from_db()
    assert boundary.current is not None and boundary.current.need == "I need quiet mornings"
    assert (boundary.review_every, boundary.next_review_on) == (6, date(2026, 10, 4))
    assert "Still right for me" in text_of(response)  # in "Your reviews"


def test_changing_it_saves_new_words_as_a_new_version(people: Personas, bounds: Bounds) -> None:
    response = people.client("alex").post(
        url(bounds.alex_shared), answer("change", need="I need half an hour"), follow=True
    )

    assert "Changed. Alex & Sam will be asked to read the new words." in text_of(response)
    boundary = Boundary.objects.get(pk=bounds.alex_shared.pk)
    assert boundary.current is not None and boundary.current.number == 2
    assert Review.objects.filter(decision="change", version=boundary.current).exists()


def test_a_change_needs_different_words_and_keeps_what_was_typed(
    people: Personas, bounds: Bounds
) -> None:
    client = people.client("alex")
    same = client.post(
        url(bounds.alex_shared), answer("change", note="My note", why=ALEX_SHARED_WHY)
    )
    empty = client.post(url(bounds.alex_shared), answer("change", need=" "))

    assert same.status_code == empty.status_code == 200
    assert "These are the same words as before." in text_of(same)
    assert "My note" in text_of(same)
    assert '<details class="picker-group" open>' in text_of(same)
    assert "Write what you need first" in text_of(empty)
    assert Review.objects.filter(boundary=bounds.alex_shared, decision="change").count() == 0


def test_retiring_it_ends_it_gently(people: Personas, bounds: Bounds) -> None:
    response = people.client("alex").post(
        url(bounds.alex_shared), answer("retire", need=""), follow=True
    )

    assert "Retired. It's kept in your history" in text_of(response)
    boundary = Boundary.objects.get(pk=bounds.alex_shared.pk)
    assert boundary.retired_at == CURRENT_TIME and boundary.next_review_on is None
    # A retired boundary has nothing more to review.
    again = people.client("alex").get(url(boundary), follow=True)
    assert "This boundary was retired." in text_of(again)


def test_an_unknown_answer_changes_nothing(people: Personas, bounds: Bounds) -> None:
    before = Review.objects.count()
    response = people.client("alex").post(url(bounds.alex_shared), answer("forget"))

    assert response.status_code == 200
    assert "Choose whether to keep it, change it or let it go." in text_of(response)
    assert Review.objects.count() == before
