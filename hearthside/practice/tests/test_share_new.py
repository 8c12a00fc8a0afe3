"""Sharing something with one circle, from scratch or from a check-in."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse

from conftest import Entries, Personas
from hearthside.practice.models import Share

URL = reverse("share_new")


def from_checkin(checkin: Any) -> str:
    return f"{URL}?checkin={checkin.pk}"


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def form(circle: Any, **fields: Any) -> dict[str, Any]:
    return {
        "circle": circle.pk,
        "text": "I felt left behind at dinner & didn't say so.",
        "feelings": ["hurt", "lonely"],
        "depth": "medium",
        "wants": "just-listen",
        **fields,
    }


def test_it_offers_only_my_own_circles(people: Personas) -> None:
    response = people.client("sam").get(URL)

    assert response.status_code == 200
    page = text_of(response)
    assert "Alex & Sam" in page
    assert "Climbing friends" not in page


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").post(URL, form(people.partners))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"
    assert not Share.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_it_shares_something_new_with_one_circle(people: Personas) -> None:
    response = people.client("sam").post(URL, form(people.partners))

    share = Share.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("share", args=[share.pk])
    assert share.author == people.sam
    assert share.circle == people.partners
    assert share.text == "I felt left behind at dinner & didn't say so."
    assert share.feelings == ["hurt", "lonely"]
    assert (share.depth, share.wants) == ("medium", "just-listen")
    assert share.checkin is None


def test_it_says_who_it_was_shared_with(people: Personas) -> None:
    response = people.client("sam").post(URL, form(people.partners), follow=True)

    page = text_of(response)
    assert "Shared with Alex & Sam." in page
    assert "I felt left behind at dinner & didn't say so." in page


def test_the_circle_can_be_chosen_for_me_from_its_page(people: Personas) -> None:
    page = text_of(people.client("alex").get(f"{URL}?circle={people.friends.pk}"))

    assert f'value="{people.friends.pk}" selected' in page


def test_pointing_at_a_circle_i_am_not_in_reveals_nothing(people: Personas) -> None:
    page = text_of(people.client("sam").get(f"{URL}?circle={people.friends.pk}"))

    assert "Climbing friends" not in page


def test_it_starts_from_my_check_in(people: Personas, entries: Entries) -> None:
    response = people.client("alex").get(from_checkin(entries.alex_private_checkin))

    assert response.status_code == 200
    page = text_of(response)
    assert "Alex's private note" in page
    assert 'value="anxious" checked' in page
    assert 'value="tired" checked' in page


def test_a_share_from_a_check_in_points_back_to_it(people: Personas, entries: Entries) -> None:
    checkin = entries.sam_private_checkin

    response = people.client("sam").post(
        from_checkin(checkin), form(people.partners, text="A small truth from today")
    )

    share = Share.objects.get(text="A small truth from today")
    assert response.status_code == 302
    assert share.checkin == checkin
    assert share.author == people.sam


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_nobody_can_start_from_someone_elses_check_in(
    people: Personas, entries: Entries, persona: str
) -> None:
    target = from_checkin(entries.alex_private_checkin)
    client = people.client(persona)

    assert client.get(target).status_code == 404
    assert client.post(target, form(people.partners, text="Stolen")).status_code == 404
    assert not Share.objects.filter(text="Stolen").exists()


def test_someone_elses_check_in_looks_like_one_that_does_not_exist(
    people: Personas, entries: Entries
) -> None:
    sam = people.client("sam")

    hidden = sam.get(from_checkin(entries.alex_private_checkin))
    missing = sam.get(f"{URL}?checkin=987654")

    assert (hidden.status_code, hidden.content) == (missing.status_code, missing.content)


@pytest.mark.parametrize(("persona", "circle"), [("sam", "friends"), ("robin", "partners")])
def test_sharing_with_a_circle_i_am_not_in_is_refused_and_my_words_are_kept(
    people: Personas, persona: str, circle: str
) -> None:
    response = people.client(persona).post(URL, form(getattr(people, circle)))

    assert response.status_code == 200
    page = text_of(response)
    assert "You can only share with a circle you're part of." in page
    assert "I felt left behind at dinner & didn't say so." in page
    assert 'value="hurt" checked' in page
    assert not Share.objects.exists()


def test_someone_with_no_circle_is_told_to_make_one(people: Personas) -> None:
    response = people.client("olive").post(URL, form(people.partners))

    assert response.status_code == 200
    assert "You're not in a circle yet" in text_of(response)
    assert "Alex & Sam" not in text_of(response)
    assert not Share.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_text_asks_for_a_few_words_and_keeps_the_rest(people: Personas, text: str) -> None:
    response = people.client("sam").post(URL, form(people.partners, text=text, depth="deep"))

    assert response.status_code == 200
    page = text_of(response)
    assert "Write a few words first — even one sentence is enough." in page
    assert 'value="hurt" checked' in page
    assert 'value="lonely" checked' in page
    assert not Share.objects.exists()


def test_an_unknown_feeling_is_refused_and_my_words_are_kept(people: Personas) -> None:
    response = people.client("sam").post(URL, form(people.partners, feelings=["blorft"]))

    assert response.status_code == 200
    page = text_of(response)
    assert "blorft is not one of the available choices" in page
    assert "I felt left behind at dinner & didn't say so." in page
    assert not Share.objects.exists()


def test_i_cannot_share_as_someone_else(people: Personas) -> None:
    people.client("sam").post(URL, form(people.partners, author=people.alex.pk))

    assert Share.objects.get().author == people.sam
