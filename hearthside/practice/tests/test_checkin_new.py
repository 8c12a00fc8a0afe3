"""Checking in: a private snapshot of mood, energy, feelings, body, needs and a few words."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.practice.models import CheckIn

URL = reverse("checkin_new")

FULL = {
    "mood": "2",
    "energy": "1",
    "feelings": ["anxious", "tired"],
    "body_signals": ["tight-chest"],
    "needs": ["rest", "to-be-understood"],
    "situation": "Deadline on Friday & a sick cat",
    "note": "I keep waking at 4am <and> can't settle.",
}


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_it_shows_the_form(people: Personas) -> None:
    response = people.client("alex").get(URL)

    assert response.status_code == 200
    page = text_of(response)
    assert "Check in" in page
    assert "This stays private to you." in page
    assert 'value="anxious"' in page


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").post(URL, {"note": "hello"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_it_saves_a_private_check_in_with_everything_i_chose(people: Personas) -> None:
    response = people.client("alex").post(URL, FULL)

    checkin = CheckIn.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("checkin", args=[checkin.pk])
    assert checkin.author == people.alex
    assert checkin.circle is None
    assert checkin.created_at == CURRENT_TIME
    assert (checkin.mood, checkin.energy) == (2, 1)
    assert checkin.feelings == ["anxious", "tired"]
    assert checkin.body_signals == ["tight-chest"]
    assert checkin.needs == ["rest", "to-be-understood"]
    assert checkin.situation == FULL["situation"]
    assert checkin.note == FULL["note"]


def test_it_thanks_me_and_shows_what_i_saved(people: Personas) -> None:
    response = people.client("alex").post(URL, FULL, follow=True)

    page = text_of(response)
    assert "Checked in. Thank you for noticing how you are." in page
    assert "Private to you" in page
    assert "I keep waking at 4am <and> can't settle." in page
    assert "tight chest" in page


def test_my_partner_cannot_see_my_new_check_in(people: Personas) -> None:
    people.client("alex").post(URL, FULL)
    checkin = CheckIn.objects.get()

    response = people.client("sam").get(reverse("checkin", args=[checkin.pk]))

    assert response.status_code == 404
    assert "4am" not in text_of(people.client("sam").get(reverse("home")))


def test_a_check_in_cannot_be_shared_by_sneaking_in_a_circle(people: Personas) -> None:
    people.client("alex").post(URL, {**FULL, "circle": people.partners.pk})

    assert CheckIn.objects.get().circle is None


def test_a_check_in_is_always_mine_whoever_i_claim_wrote_it(people: Personas) -> None:
    people.client("alex").post(URL, {**FULL, "author": people.sam.pk})

    assert CheckIn.objects.get().author == people.alex


@pytest.mark.parametrize(
    "one_thing",
    [
        {"mood": "3"},
        {"energy": "5"},
        {"feelings": "calm"},
        {"body_signals": "tight-chest"},
        {"needs": "rest"},
        {"situation": "Moving house"},
        {"note": "Just this."},
    ],
    ids=lambda d: next(iter(d)),
)
def test_one_thing_is_enough(people: Personas, one_thing: dict[str, str]) -> None:
    response = people.client("alex").post(URL, one_thing)

    assert response.status_code == 302
    assert CheckIn.objects.count() == 1


def test_an_empty_check_in_asks_for_at_least_one_thing(people: Personas) -> None:
    response = people.client("alex").post(URL, {"situation": "   ", "note": ""})

    assert response.status_code == 200
    assert "A check-in needs at least one thing — a mood, a feeling, or a few words." in (
        text_of(response)
    )
    assert not CheckIn.objects.exists()


def test_an_unknown_feeling_is_refused_and_nothing_typed_is_lost(people: Personas) -> None:
    response = people.client("alex").post(URL, {**FULL, "feelings": ["anxious", "grumpalump"]})

    page = text_of(response)
    assert response.status_code == 200
    assert "grumpalump is not one of the available choices" in page
    assert "Everything you wrote is still here." in page
    assert "I keep waking at 4am <and> can't settle." in page
    assert "Deadline on Friday & a sick cat" in page
    assert 'value="anxious" checked' in page
    assert 'value="tight-chest" checked' in page
    assert 'value="rest" checked' in page
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("body_signals", "glowing-ears"), ("needs", "a-pony"), ("mood", "9"), ("energy", "zero")],
)
def test_other_unknown_choices_are_refused_and_the_note_is_kept(
    people: Personas, field: str, value: str
) -> None:
    response = people.client("alex").post(URL, {**FULL, field: value})

    assert response.status_code == 200
    page = text_of(response)
    assert "Something needs another look" in page
    assert "I keep waking at 4am <and> can't settle." in page
    assert not CheckIn.objects.exists()


def test_a_note_that_is_too_long_is_refused_and_kept(people: Personas) -> None:
    long_note = "word " * 2001

    response = people.client("alex").post(URL, {"mood": "3", "note": long_note})

    assert response.status_code == 200
    assert "Ensure this value has at most 10000 characters" in text_of(response)
    assert long_note.strip() in text_of(response)
    assert not CheckIn.objects.exists()
