"""A circle's agreements: cool-off bounds, pause phrases and how the circle repairs."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.circles.actions import leave_circle
from hearthside.repair.models import Agreement

GOOD = {
    "phrases": "I need a breather, I'm coming back.\n\n  Let's pause, I love you.  \n",
    "cool_off_min": "30",
    "cool_off_max": "240",
    "style": "turns",
}


def url(circle: Any) -> str:
    return reverse("repair_agreement", args=[circle.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(people.partners)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    target = url(people.partners)

    response = people.client("anonymous").post(target, GOOD)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(people: Personas, persona: str) -> None:
    client = people.client(persona)

    seen = client.get(url(people.partners))
    posted = client.post(url(people.partners), GOOD)
    missing = client.get(reverse("repair_agreement", args=[987_654]))

    assert seen.status_code == posted.status_code == 404
    assert seen.content == missing.content
    assert not Agreement.objects.exists()


def test_after_leaving_the_circle_its_agreements_are_not_found(people: Personas) -> None:
    leave_circle(people.sam, people.partners)

    assert people.client("sam").get(url(people.partners)).status_code == 404


def test_a_member_sees_the_gentle_defaults_before_anything_is_agreed(people: Personas) -> None:
    response = people.client("sam").get(url(people.partners))

    assert response.status_code == 200
    page = text_of(response)
    assert "A pause lasts at least 20 minutes and at most 1 day." in page
    assert "“I need a breather. I'm coming back.”" in page
    assert "together, at the same time" in page
    assert 'value="20"' in page
    assert 'value="1440"' in page
    assert "This isn't safe for me" in page
    assert not Agreement.objects.exists()  # reading the page writes nothing


def test_a_member_saves_the_agreements(people: Personas) -> None:
    response = people.client("sam").post(url(people.partners), GOOD, follow=True)

    assert response.redirect_chain == [(url(people.partners), 302)]
    agreement = Agreement.objects.get(circle=people.partners)
    assert agreement.phrase_list == [
        "I need a breather, I'm coming back.",
        "Let's pause, I love you.",
    ]
    assert agreement.phrases == "I need a breather, I'm coming back.\nLet's pause, I love you."
    assert (agreement.cool_off_min, agreement.cool_off_max) == (30, 240)
    assert agreement.style == "turns"
    assert agreement.updated_at == CURRENT_TIME
    page = text_of(response)
    assert "Saved. The next pause in Alex & Sam will follow it." in page
    assert "A pause lasts at least 30 minutes and at most 4 hours." in page
    assert "in turns, one after another" in page


def test_saving_changes_the_existing_agreement_rather_than_adding_one(people: Personas) -> None:
    Agreement.objects.create(circle=people.partners, cool_off_min=45)

    people.client("alex").post(url(people.partners), GOOD)

    assert Agreement.objects.get(circle=people.partners).cool_off_min == 30
    assert Agreement.objects.count() == 1


def test_each_circle_keeps_its_own_agreements(people: Personas) -> None:
    people.client("robin").post(url(people.friends), GOOD)

    assert Agreement.objects.get(circle=people.friends).cool_off_max == 240
    assert not Agreement.objects.filter(circle=people.partners).exists()


@pytest.mark.parametrize(("shortest", "longest"), [("60", "60"), ("90", "30")])
def test_the_shortest_cool_off_must_be_shorter_than_the_longest(
    people: Personas, shortest: str, longest: str
) -> None:
    data = GOOD | {"cool_off_min": shortest, "cool_off_max": longest}

    response = people.client("alex").post(url(people.partners), data)

    assert response.status_code == 200
    page = text_of(response)
    assert "The longest cool-off needs to be longer than the shortest one" in page
    assert "Everything you wrote is still here" in page
    assert "Let's pause, I love you." in page  # what was typed is kept
    assert "A pause lasts at least 20 minutes and at most 1 day." in page  # still the old one
    assert not Agreement.objects.exists()


def test_a_cool_off_below_five_minutes_is_refused_kindly(people: Personas) -> None:
    response = people.client("alex").post(url(people.partners), GOOD | {"cool_off_min": "2"})

    assert "Give it at least 5 minutes" in text_of(response)
    assert not Agreement.objects.exists()


def test_at_least_one_phrase_is_needed(people: Personas) -> None:
    response = people.client("alex").post(url(people.partners), GOOD | {"phrases": "  \n \n"})

    assert "Add at least one phrase" in text_of(response)
    assert not Agreement.objects.exists()


def test_a_phrase_must_fit_on_a_pause(people: Personas) -> None:
    response = people.client("alex").post(url(people.partners), GOOD | {"phrases": "a" * 301})

    assert "Each phrase can be up to 300 characters" in text_of(response)
    assert not Agreement.objects.exists()


def test_words_that_are_not_numbers_get_a_plain_message(people: Personas) -> None:
    response = people.client("alex").post(url(people.partners), GOOD | {"cool_off_max": "a day"})

    assert "Write a whole number of minutes, like 1440." in text_of(response)
