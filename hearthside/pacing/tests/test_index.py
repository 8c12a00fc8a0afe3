"""/pacing/: my pace in each circle, knocks for me, my knocks waiting and earlier."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.pacing import actions
from hearthside.pacing.models import Comfort, Knock
from hearthside.pacing.tests.conftest import HELD, HINT, knock_as, text_of, words

URL = reverse("pacing")


def comfort_url(circle: Any) -> str:
    return reverse("pacing_comfort", args=[circle.pk])


def chosen(page: str, circle: Any) -> list[str]:
    """The pace shown as chosen for `circle` on the page."""
    return re.findall(rf'value="(\w+)" id="comfort_{circle.pk}_depth_\d" required checked', page)


@pytest.mark.parametrize("persona", ["alex", "sam", "robin", "olive"])
def test_everyone_signed_in_has_a_pacing_page(people: Personas, persona: str) -> None:
    response = people.client(persona).get(URL)
    assert response.status_code == 200
    assert "Ask first: is now a good time?" in text_of(response)


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_page_only_answers_get(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_one_pace_per_circle_i_am_in_and_deep_until_i_choose(people: Personas) -> None:
    page = text_of(people.client("alex").get(URL))

    assert "Alex & Sam" in page and "Climbing friends" in page
    assert chosen(page, people.partners) == ["deep"]
    olive = text_of(people.client("olive").get(URL))
    assert "Alex & Sam" not in olive
    assert "You're not in a circle yet" in olive


def test_choosing_my_pace_saves_it_for_that_circle(people: Personas) -> None:
    response = people.client("sam").post(comfort_url(people.partners), {"depth": "light"})

    assert response.status_code == 302 and response["Location"] == URL
    assert Comfort.objects.get(person=people.sam, circle=people.partners).depth == "light"
    page = text_of(people.client("sam").get(URL))
    assert chosen(page, people.partners) == ["light"]
    assert chosen(page, people.friends) == []


def test_with_htmx_only_the_circles_row_comes_back_saying_saved(people: Personas) -> None:
    response = people.client("sam").post(
        comfort_url(people.partners), {"depth": "medium"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "Saved." in page and "<h1>" not in page
    assert Comfort.objects.get(person=people.sam).depth == "medium"


@pytest.mark.parametrize("value", ["", "bottomless"])
def test_a_missing_or_unknown_choice_says_so_kindly(people: Personas, value: str) -> None:
    response = people.client("sam").post(comfort_url(people.partners), {"depth": value})

    assert response.status_code == 200
    assert "Choose one of the three." in text_of(response)
    assert not Comfort.objects.exists()


@pytest.mark.parametrize(
    ("persona", "circle", "expected"),
    [
        ("alex", "partners", 302),
        ("sam", "partners", 302),
        ("robin", "partners", 404),
        ("olive", "partners", 404),
        ("alex", "friends", 302),
        ("robin", "friends", 302),
        ("sam", "friends", 404),
        ("olive", "friends", 404),
    ],
)
def test_only_members_set_a_pace_for_a_circle(
    people: Personas, persona: str, circle: str, expected: int
) -> None:
    response = people.client(persona).post(comfort_url(getattr(people, circle)), {"depth": "light"})
    assert response.status_code == expected
    assert Comfort.objects.count() == (1 if expected == 302 else 0)


def test_a_circle_that_does_not_exist_is_not_found(people: Personas) -> None:
    response = people.client("alex").post(reverse("pacing_comfort", args=[999999]), {})
    assert response.status_code == 404


def test_anonymous_visitors_cannot_set_a_pace(people: Personas) -> None:
    response = people.client("anonymous").post(comfort_url(people.partners), {"depth": "light"})
    assert response.status_code == 302
    assert not Comfort.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_setting_a_pace_only_answers_post(people: Personas, method: str) -> None:
    response = getattr(people.client("sam"), method)(comfort_url(people.partners))
    assert response.status_code == 405


def test_a_knock_for_me_shows_who_and_the_hint_but_never_the_words(people: Personas) -> None:
    knock_as(people.alex, people.partners, hint=HINT)

    sam = words(text_of(people.client("sam").get(URL)))
    assert "Someone would like to share with you" in sam
    assert f"About: “{HINT}”" in sam
    assert "Is now a good time?" in sam
    assert HELD not in sam
    for persona in ("robin", "olive"):
        page = text_of(people.client(persona).get(URL))
        assert HINT not in page and HELD not in page
        assert "would like to share" not in page


def test_my_waiting_knock_is_listed_for_me_with_its_words(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=timezone.now() + timedelta(hours=2))

    alex = words(text_of(people.client("alex").get(URL)))
    assert "Waiting for a good moment" in alex
    assert "goes out today at 12:30" in alex
    assert HELD.split(":")[0] in alex


def test_after_it_goes_out_it_is_listed_as_earlier(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.share_now(people.alex, knock)

    alex = words(text_of(people.client("alex").get(URL)))
    assert "Earlier" in alex and "shared today at 10:30" in alex
    assert "Waiting for a good moment" not in alex
    assert "would like to share" not in text_of(people.client("sam").get(URL))


def test_opening_the_page_after_the_agreed_time_lets_the_share_out(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=timezone.now() + timedelta(minutes=30))

    with time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False):
        people.client("sam").get(URL)

    knock.refresh_from_db()
    assert knock.status == Knock.Status.PUBLISHED
