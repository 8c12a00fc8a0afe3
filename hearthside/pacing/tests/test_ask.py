"""/pacing/ask/: write a share and ask the circle for a good moment before it goes out."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.circles.actions import create_circle
from hearthside.circles.models import Membership
from hearthside.pacing.actions import set_comfort
from hearthside.pacing.models import Knock
from hearthside.pacing.tests.conftest import HELD, HINT, text_of, words
from hearthside.practice.models import CheckIn, Share

URL = reverse("pacing_ask")


def draft(circle: Any, **fields: Any) -> dict[str, Any]:
    return {
        "circle": circle.pk,
        "text": HELD,
        "feelings": ["afraid", "tender"],
        "depth": "deep",
        "wants": "just-listen",
        "hint": HINT,
        **fields,
    }


def test_the_page_offers_my_circles_and_a_hint(people: Personas) -> None:
    response = people.client("sam").get(URL)

    assert response.status_code == 200
    page = text_of(response)
    assert "Is now a good time?" in page
    assert "Alex & Sam" in page and "Climbing friends" not in page
    assert "A hint of what it's about (optional)" in page
    assert 'value="deep"' in page and "checked" in page


def test_asking_first_holds_the_share_and_shares_nothing(people: Personas) -> None:
    response = people.client("alex").post(URL, {**draft(people.partners), "pacing": "ask"})

    knock = Knock.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pacing_knock", args=[knock.pk])
    assert (knock.author, knock.circle, knock.text, knock.hint) == (
        people.alex,
        people.partners,
        HELD,
        HINT,
    )
    assert knock.feelings == ["afraid", "tender"]
    assert (knock.depth, knock.wants, knock.status) == ("deep", "just-listen", "waiting")
    assert not Share.objects.exists()


def test_it_says_the_words_stay_with_me(people: Personas) -> None:
    response = people.client("alex").post(
        URL, {**draft(people.partners), "pacing": "ask"}, follow=True
    )
    assert "Asked. Your words stay with you until Sam says when." in text_of(response)


def test_with_more_people_it_names_them_all(people: Personas) -> None:
    Membership.objects.create(circle=people.partners, person=people.robin)
    response = people.client("alex").post(
        URL, {**draft(people.partners), "pacing": "ask"}, follow=True
    )
    assert "until Sam and Robin say when." in text_of(response)


def test_brought_over_from_the_share_form_it_asks_about_the_slower_person(
    people: Personas,
) -> None:
    set_comfort(people.sam, people.partners, "light")
    response = people.client("alex").post(URL, {**draft(people.partners), "pacing": "review"})

    assert response.status_code == 200
    page = words(text_of(response))
    assert "Sam prefers to go slower — ask for a good moment?" in page
    assert HELD in text_of(response)  # the words are kept in the form
    assert not Knock.objects.exists() and not Share.objects.exists()


def test_share_now_anyway_goes_back_to_the_share_form(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "light")
    page = text_of(people.client("alex").post(URL, draft(people.partners)))

    assert f'formaction="{reverse("share_new")}" name="pacing" value="share-now"' in page
    assert "Share now anyway" in page


def test_a_share_from_a_check_in_keeps_its_check_in(people: Personas) -> None:
    checkin = CheckIn.objects.create(author=people.alex, note="Something tender")
    url = f"{URL}?checkin={checkin.pk}"
    form = text_of(people.client("alex").get(url))
    assert "Something tender" in form
    assert f'formaction="{reverse("share_new")}?checkin={checkin.pk}"' in form

    people.client("alex").post(url, {**draft(people.partners), "pacing": "ask"})
    assert Knock.objects.get().checkin == checkin


@pytest.mark.parametrize("checkin", ["abc", "999999"])
def test_a_check_in_that_is_not_mine_is_not_found(people: Personas, checkin: str) -> None:
    assert people.client("alex").get(f"{URL}?checkin={checkin}").status_code == 404


def test_someone_elses_check_in_is_not_found(people: Personas) -> None:
    theirs = CheckIn.objects.create(author=people.sam, note="Sam's private note")
    response = people.client("alex").post(
        f"{URL}?checkin={theirs.pk}", {**draft(people.partners), "pacing": "ask"}
    )
    assert response.status_code == 404
    assert not Knock.objects.exists()


def test_missing_words_are_asked_for_kindly_and_nothing_typed_is_lost(people: Personas) -> None:
    response = people.client("alex").post(
        URL, {**draft(people.partners, text="  "), "pacing": "ask", "hint": "my mum"}
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "Write a few words first — even one sentence is enough." in page
    assert 'value="my mum"' in page
    assert not Knock.objects.exists()


def test_a_long_hint_is_asked_to_be_shorter(people: Personas) -> None:
    response = people.client("alex").post(
        URL, {**draft(people.partners, hint="x" * 81), "pacing": "ask"}
    )
    assert "Keep the hint to a few words (80 letters at most)." in text_of(response)
    assert not Knock.objects.exists()


@pytest.mark.parametrize(
    ("persona", "circle", "expected"),
    [
        ("alex", "partners", 302),
        ("sam", "partners", 302),
        ("robin", "partners", 200),
        ("olive", "partners", 200),
        ("alex", "friends", 302),
        ("robin", "friends", 302),
        ("sam", "friends", 200),
    ],
)
def test_i_can_only_knock_in_my_own_circles(
    people: Personas, persona: str, circle: str, expected: int
) -> None:
    response = people.client(persona).post(URL, {**draft(getattr(people, circle)), "pacing": "ask"})

    assert response.status_code == expected
    if expected == 200:
        assert "You can only share with a circle you're part of." in text_of(response)
    assert Knock.objects.count() == (1 if expected == 302 else 0)


def test_in_a_circle_of_one_there_is_no_one_to_ask(people: Personas) -> None:
    alone = create_circle(people.olive, "Just me", "other")
    response = people.client("olive").post(URL, {**draft(alone), "pacing": "ask"})

    assert "There's no one else in this circle yet, so there's no one to ask." in text_of(response)
    assert not Knock.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").post(URL, {**draft(people.partners), "pacing": "ask"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Knock.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405
