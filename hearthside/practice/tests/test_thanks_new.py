"""/thanks/new/: thank someone in one of my circles for a small act, in chips and (optionally)
words; and, once a repair closes, from its summary page."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import CURRENT_TIME, Personas
from hearthside.circles.models import Membership
from hearthside.practice.models import Appreciation
from hearthside.repair import actions as repair_actions
from hearthside.repair.models import Rupture

URL = reverse("thanks_new")


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def words(response: Any) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page(response)).split())


def to(circle: Any, person: Any) -> str:
    return f"{circle.pk}-{person.pk}"


def closed_rupture(people: Personas, **fields: Any) -> Rupture:
    rupture = repair_actions.open_rupture(people.alex, people.partners, "The Saturday plans")
    Rupture.objects.filter(pk=rupture.pk).update(
        status=Rupture.Status.CLOSED, closed_at=timezone.now(), **fields
    )
    rupture.refresh_from_db()
    return rupture


# --- Who may open it -------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    for method in ("get", "post"):
        response = getattr(people.client("anonymous"), method)(URL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not Appreciation.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_answers_only_get_and_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


@pytest.mark.parametrize(
    ("persona", "choices"),
    [
        ("alex", {"Alex & Sam": ["Sam"], "Climbing friends": ["Robin"]}),
        ("sam", {"Alex & Sam": ["Alex"]}),
        ("robin", {"Climbing friends": ["Alex"]}),
    ],
)
def test_i_can_thank_only_the_other_people_in_my_circles(
    people: Personas, persona: str, choices: dict[str, list[str]]
) -> None:
    response = people.client(persona).get(URL)
    assert response.status_code == 200
    text = page(response)
    groups = re.findall(
        r'<p class="part-label" id="to-circle-\d+">([^<]+)</p>\s*'
        r'<div class="radios"[^>]*>(.*?)</div>',
        text,
        re.S,
    )
    offered = {
        circle: re.findall(r'<input type="radio" name="to"[^>]*><span>([^<]+)</span>', radios)
        for circle, radios in groups
    }
    assert offered == choices


def test_someone_with_no_one_to_thank_is_told_how_to_change_that(people: Personas) -> None:
    text = words(people.client("olive").get(URL))
    assert "there's no one else in yours yet. Invite someone first." in text
    assert "Send thank-you" not in text


def test_the_form_has_small_act_chips_words_and_the_coach(people: Personas) -> None:
    text = page(people.client("sam").get(URL))
    assert "What did they do?" in text
    assert 'class="chip"' in text
    for label in ("You listened", "You followed through", "You made space for me"):
        assert label in text
    assert "In your own words" in text
    assert 'id="coach-id_text"' in text
    assert "everyone there can read it" in text


def test_with_one_person_to_thank_they_are_chosen_already(people: Personas) -> None:
    text = page(people.client("sam").get(URL))
    assert f'value="{to(people.partners, people.alex)}" checked' in text


def test_a_link_can_choose_the_person(people: Personas) -> None:
    query = f"?circle={people.friends.pk}&to={people.robin.pk}"
    text = page(people.client("alex").get(URL + query))
    assert f'value="{to(people.friends, people.robin)}" checked' in text
    assert f'value="{to(people.partners, people.sam)}" checked' not in text


# --- Sending ---------------------------------------------------------------------------------


def test_sending_creates_a_thank_you_shared_with_that_circle(people: Personas) -> None:
    response = people.client("sam").post(
        URL,
        {
            "to": to(people.partners, people.alex),
            "acts": ["made-space", "listened"],
            "text": "  Thank you for Sunday.  ",
        },
    )

    thanks = Appreciation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("thanks") + "?show=sent"
    assert (thanks.author, thanks.recipient, thanks.circle) == (
        people.sam,
        people.alex,
        people.partners,
    )
    assert thanks.acts == ["made-space", "listened"]
    assert thanks.text == "Thank you for Sunday."
    assert thanks.created_at == CURRENT_TIME
    assert thanks.rupture is None and thanks.reply is None


def test_after_sending_i_see_it_among_what_i_sent(people: Personas) -> None:
    response = people.client("sam").post(
        URL, {"to": to(people.partners, people.alex), "acts": ["stayed-calm"]}, follow=True
    )
    text = words(response)
    assert "Your thank-you is with Alex." in text
    assert "You stayed calm" in text
    assert "To Alex" in text


def test_chips_alone_are_enough(people: Personas) -> None:
    people.client("alex").post(URL, {"to": to(people.friends, people.robin), "acts": ["noticed"]})
    thanks = Appreciation.objects.get()
    assert thanks.text == ""
    assert thanks.acts == ["noticed"]
    assert thanks.circle == people.friends


def test_an_empty_thank_you_asks_kindly_for_something(people: Personas) -> None:
    response = people.client("alex").post(
        URL, {"to": to(people.partners, people.sam), "text": "   "}
    )
    assert response.status_code == 200
    assert "Pick something they did, or write a few words — either is enough." in page(response)
    assert not Appreciation.objects.exists()


def test_nothing_typed_is_lost_when_something_needs_another_look(people: Personas) -> None:
    response = people.client("alex").post(
        URL, {"acts": ["came-back", "was-patient"], "text": "You waited for me to be ready."}
    )
    text = page(response)
    assert "Choose who the thank-you is for." in text
    assert "Everything you wrote is still here." in text
    assert "You waited for me to be ready." in text
    assert re.search(r'value="came-back"[^>]*checked', text)
    assert re.search(r'value="was-patient"[^>]*checked', text)
    assert not re.search(r'value="listened"[^>]*checked', text)


def test_a_very_long_thank_you_is_refused_with_a_reason(people: Personas) -> None:
    response = people.client("alex").post(
        URL, {"to": to(people.partners, people.sam), "text": "x" * 2001}
    )
    assert "keep it under 2,000 characters" in page(response)
    assert not Appreciation.objects.exists()


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        # Sam and Robin share no circle; Olive is in none; nobody thanks themselves; and a
        # person can't be thanked "in" a circle they aren't part of.
        ("sam", lambda p: to(p.friends, p.robin)),
        ("olive", lambda p: to(p.partners, p.alex)),
        ("alex", lambda p: to(p.partners, p.alex)),
        ("alex", lambda p: to(p.partners, p.robin)),
        ("alex", lambda p: "nonsense"),
    ],
)
def test_i_cannot_thank_someone_outside_my_circles(
    people: Personas, persona: str, target: Any
) -> None:
    response = people.client(persona).post(URL, {"to": target(people), "acts": ["listened"]})
    assert response.status_code == 200
    assert not Appreciation.objects.exists()


def test_someone_who_left_while_i_was_writing_is_not_sent_to(people: Personas) -> None:
    form = people.client("alex").get(URL)
    assert form.status_code == 200
    Membership.objects.filter(person=people.sam, circle=people.partners).update(
        left_at=timezone.now()
    )
    response = people.client("alex").post(
        URL, {"to": to(people.partners, people.sam), "text": "Thank you"}
    )
    assert response.status_code == 200
    assert "Thank you" in page(response)
    assert not Appreciation.objects.exists()


def test_unknown_acts_are_refused(people: Personas) -> None:
    response = people.client("alex").post(
        URL, {"to": to(people.partners, people.sam), "acts": ["bribed-me"]}
    )
    assert response.status_code == 200
    assert not Appreciation.objects.exists()


# --- After a repair --------------------------------------------------------------------------


def test_a_closed_repair_offers_a_thank_you_to_each_other_member(people: Personas) -> None:
    rupture = closed_rupture(people)

    response = people.client("sam").get(reverse("rupture", args=[rupture.pk]))

    text = page(response)
    assert "Say thank you to Alex" in text
    assert "Say thank you to Sam" not in text
    assert f"{URL}?rupture={rupture.pk}&to={people.alex.pk}" in text


def test_an_open_repair_does_not_offer_it_yet(people: Personas) -> None:
    rupture = repair_actions.open_rupture(people.alex, people.partners, "Still mending")
    text = page(people.client("sam").get(reverse("rupture", args=[rupture.pk])))
    assert "Say thank you to" not in text


def test_thanks_after_a_repair_is_prefilled_and_goes_back_to_it(people: Personas) -> None:
    rupture = closed_rupture(people)
    url = f"{URL}?rupture={rupture.pk}&to={people.alex.pk}"

    form = page(people.client("sam").get(url))
    assert "You came through “The Saturday plans” together." in form
    assert f'value="{to(people.partners, people.alex)}" checked' in form

    response = people.client("sam").post(
        url, {"to": to(people.partners, people.alex), "acts": ["came-back", "apologised-well"]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("rupture", args=[rupture.pk])
    thanks = Appreciation.objects.get()
    assert thanks.rupture == rupture
    assert thanks.circle == people.partners


def test_after_a_repair_only_people_of_that_circle_are_offered(people: Personas) -> None:
    rupture = closed_rupture(people)
    text = page(people.client("alex").get(f"{URL}?rupture={rupture.pk}"))
    assert f'value="{to(people.partners, people.sam)}"' in text
    assert f'value="{to(people.friends, people.robin)}"' not in text
    response = people.client("alex").post(
        f"{URL}?rupture={rupture.pk}", {"to": to(people.friends, people.robin), "text": "Hi"}
    )
    assert response.status_code == 200
    assert not Appreciation.objects.exists()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_a_repair_i_cannot_see_is_not_found(people: Personas, persona: str) -> None:
    rupture = closed_rupture(people)
    for method in ("get", "post"):
        response = getattr(people.client(persona), method)(f"{URL}?rupture={rupture.pk}")
        assert response.status_code == 404
        assert "Saturday" not in page(response)
    assert not Appreciation.objects.exists()


def test_a_repair_still_open_or_made_up_is_not_found(people: Personas) -> None:
    rupture = repair_actions.open_rupture(people.alex, people.partners, "Still mending")
    for query in (f"?rupture={rupture.pk}", "?rupture=999999", "?rupture=abc"):
        assert people.client("sam").get(URL + query).status_code == 404


def test_a_repair_in_a_circle_i_left_is_not_found(people: Personas) -> None:
    rupture = closed_rupture(people)
    Membership.objects.filter(person=people.alex, circle=people.partners).update(
        left_at=timezone.now() - timedelta(minutes=1)
    )
    # Alex wrote it, so could still open it as its author; but there is no one to thank there.
    assert people.client("alex").get(f"{URL}?rupture={rupture.pk}").status_code == 404
