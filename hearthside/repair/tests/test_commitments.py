"""Adding a commitment to a rupture's plan: what I'll do, and the day to check back on it."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.repair import actions
from hearthside.repair.models import Commitment, Draft, Rupture

# CURRENT_TIME is Wednesday 4 March 2026.
NEXT_WEEK = date(2026, 3, 11)
PROMISE = {
    "text": "Say “I need a minute” instead of leaving the room.",
    "follow_up_on": "2026-03-11",
}


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The dishes, again")


def url(rupture: Rupture) -> str:
    return reverse("rupture_commit", args=[rupture.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_only_answers_post(people: Personas, rupture: Rupture, method: str) -> None:
    assert getattr(people.client("sam"), method)(url(rupture)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, rupture: Rupture) -> None:
    target = url(rupture)

    response = people.client("anonymous").post(target, PROMISE)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(
    people: Personas, rupture: Rupture, persona: str
) -> None:
    client = people.client(persona)

    posted = client.post(url(rupture), PROMISE)
    missing = client.post(reverse("rupture_commit", args=[987_654]), PROMISE)

    assert posted.status_code == missing.status_code == 404
    assert posted.content == missing.content
    assert not Commitment.objects.exists()


def test_a_member_adds_a_commitment_of_their_own(people: Personas, rupture: Rupture) -> None:
    response = people.client("sam").post(url(rupture), PROMISE, follow=True)

    commitment = Commitment.objects.get()
    assert (commitment.rupture, commitment.author) == (rupture, people.sam)
    assert commitment.text == PROMISE["text"]
    assert commitment.follow_up_on == NEXT_WEEK
    plan_url = reverse("rupture_plan", args=[rupture.pk])
    assert response.redirect_chain == [(f"{plan_url}#commitments", 302)]
    page = text_of(response)
    assert "Added. On Wednesday 11 March each of you will be asked how it went." in page
    assert PROMISE["text"] in page


def test_the_others_see_who_committed_to_what_and_when(people: Personas, rupture: Rupture) -> None:
    people.client("sam").post(url(rupture), PROMISE)

    page = text_of(people.client("alex").get(reverse("rupture_plan", args=[rupture.pk])))

    assert f"Sam: {PROMISE['text']}" in " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Check back on Wednesday 11 March" in page


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-03-04", "Pick a day after today to check back on it."),
        ("2026-02-01", "Pick a day after today to check back on it."),
        ("2027-06-01", "Pick a day within the next year."),
        ("next tuesday", "Please pick a day from the calendar."),
        ("", "Pick a day to check back on it."),
    ],
)
def test_a_day_that_does_not_work_is_refused_and_keeps_what_was_typed(
    people: Personas, rupture: Rupture, day: str, message: str
) -> None:
    response = people.client("sam").post(url(rupture), PROMISE | {"follow_up_on": day})

    assert response.status_code == 200
    page = text_of(response)
    assert message in page
    assert PROMISE["text"] in page
    assert not Commitment.objects.exists()


def test_an_empty_promise_is_refused_with_a_message(people: Personas, rupture: Rupture) -> None:
    response = people.client("sam").post(url(rupture), PROMISE | {"text": "  "})

    assert response.status_code == 200
    page = text_of(response)
    assert "Say what you'll do, in a few words." in page
    assert 'value="2026-03-11"' in page
    assert not Commitment.objects.exists()


def test_a_long_promise_is_refused_and_kept(people: Personas, rupture: Rupture) -> None:
    long_text = "I will " + "really " * 90 + "try."

    response = people.client("sam").post(url(rupture), PROMISE | {"text": long_text})

    page = text_of(response)
    assert "Please keep it under 500 characters" in page
    assert long_text in page
    assert not Commitment.objects.exists()


def test_a_successful_commitment_clears_its_draft(people: Personas, rupture: Rupture) -> None:
    key = f"rupture:{rupture.pk}:commit"
    Draft.objects.create(author=people.sam, key=key, data={"text": "Say I need a"})

    people.client("sam").post(url(rupture), PROMISE)

    assert not Draft.objects.filter(key=key).exists()


def test_a_closed_rupture_takes_no_new_commitments(people: Personas, rupture: Rupture) -> None:
    Rupture.objects.filter(pk=rupture.pk).update(status=Rupture.Status.CLOSED)

    response = people.client("sam").post(url(rupture), PROMISE)

    assert response.status_code == 302
    assert response["Location"] == reverse("rupture", args=[rupture.pk])
    assert not Commitment.objects.exists()
