"""The stretched-thin signal in the browser's pages: sending one, seeing it, answering it with
an offer (from its page or right from Today), accepting an offer with thanks, and closing it."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from hearthside.stress.models import Offer, Signal
from hearthside.stress.tests.conftest import Plan

if TYPE_CHECKING:
    from conftest import Personas

HX = {"HX-Request": "true"}


def text_of(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


# --- Sending ----------------------------------------------------------------------------------


def test_the_form_offers_our_list_of_what_would_help(people: Personas) -> None:
    body = text_of(people.client("alex").get(reverse("stress_signal_new")))
    for label in (
        "A hug",
        "Some quiet time",
        "Taking something off my plate",
        "Talking it through",
        "A meal sorted",
        "Just knowing I'm stretched",
    ):
        assert label in body, label
    # Alex is in two circles, so chooses who to tell.
    assert "Who to tell" in body and "Climbing friends" in body


def test_someone_in_one_circle_is_told_where_it_goes(people: Personas) -> None:
    body = text_of(people.client("sam").get(reverse("stress_signal_new")))
    assert "This goes to Alex & Sam." in body
    assert "Who to tell" not in body


def test_the_circle_can_be_chosen_in_advance(people: Personas) -> None:
    url = reverse("stress_signal_new") + f"?circle={people.friends.pk}"
    body = text_of(people.client("alex").get(url))
    checked = re.findall(r'<input type="radio" name="circle" value="(\d+)"[^>]* checked>', body)
    assert checked == [str(people.friends.pk)]
    assert people.client("sam").get(url).status_code == 404
    assert people.client("alex").get(reverse("stress_signal_new") + "?circle=x").status_code == 404


def test_sending_a_signal(people: Personas) -> None:
    response = people.client("alex").post(
        reverse("stress_signal_new"),
        {"circle": people.partners.pk, "helps": ["meal-sorted", "hug"], "text": " Long day. "},
    )
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stress_signal", args=[signal.pk])
    assert (signal.author, signal.circle, signal.text) == (
        people.alex,
        people.partners,
        "Long day.",
    )
    # Kept in our list's order, whatever order they came in.
    assert signal.helps == ["hug", "meal-sorted"]
    body = text_of(people.client("alex").get(response["Location"]))
    assert "Sent. The others in Alex & Sam will hear you're stretched thin" in body
    assert "You're stretched thin" in body
    assert "A meal sorted" in body and "Long day." in body


def test_a_signal_needs_something_and_keeps_the_circle(people: Personas) -> None:
    response = people.client("alex").post(
        reverse("stress_signal_new"), {"circle": people.friends.pk, "text": "  "}
    )
    body = text_of(response)
    assert response.status_code == 200
    assert "Choose what would help, or say it in a few words" in body
    assert not Signal.objects.exists()


def test_only_a_circle_of_mine_can_be_told(people: Personas) -> None:
    response = people.client("sam").post(
        reverse("stress_signal_new"), {"circle": people.friends.pk, "helps": ["hug"]}
    )
    assert "You can only tell a circle you're part of." in text_of(response)
    assert not Signal.objects.exists()


def test_an_unknown_help_is_refused_kindly(people: Personas) -> None:
    response = people.client("sam").post(
        reverse("stress_signal_new"), {"circle": people.partners.pk, "helps": ["a-pony"]}
    )
    assert response.status_code == 200
    assert not Signal.objects.exists()


def test_a_second_open_signal_to_the_same_circle_leads_to_the_first(
    people: Personas, plan: Plan
) -> None:
    response = people.client("alex").post(
        reverse("stress_signal_new"), {"circle": people.partners.pk, "helps": ["hug"]}
    )
    assert response["Location"] == reverse("stress_signal", args=[plan.signal.pk])
    assert Signal.objects.filter(author=people.alex).count() == 1


def test_someone_with_no_circle_is_told_there_is_nobody_to_tell_yet(people: Personas) -> None:
    body = text_of(people.client("olive").get(reverse("stress_signal_new")))
    assert "There's nobody to tell yet" in body


# --- The signal's page ------------------------------------------------------------------------


def test_the_others_see_it_and_can_offer(people: Personas, plan: Plan) -> None:
    body = text_of(people.client("sam").get(reverse("stress_signal", args=[plan.signal.pk])))
    assert "Alex is stretched thin" in body
    assert "ALEX-SIGNAL: too many plates spinning" in body
    assert "SAM-OFFER: curry at seven" in body
    assert "Offer something" in body
    assert "I'll take dinner tonight" in body
    assert "Yes please — thank you" not in body  # only Alex accepts


def test_the_signaller_can_accept_but_not_offer(people: Personas, plan: Plan) -> None:
    body = text_of(people.client("alex").get(reverse("stress_signal", args=[plan.signal.pk])))
    assert "Yes please — thank you" in body
    assert "Offer something" not in body
    assert "close this" in body


def test_offers_are_polled_and_polling_stops_once_closed(people: Personas, plan: Plan) -> None:
    url = reverse("stress_signal", args=[plan.signal.pk]) + "?part=offers"
    response = people.client("alex").get(url, headers=HX)
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "SAM-OFFER" in response.content.decode()
    Signal.objects.filter(pk=plan.signal.pk).update(closed_at=plan.offer.created_at)
    assert people.client("alex").get(url, headers=HX).status_code == 286


def test_offering_from_the_signals_page(people: Personas, plan: Plan) -> None:
    url = reverse("stress_offer_new", args=[plan.signal.pk])
    response = people.client("sam").post(url, {"offer-choice": "hug", "offer-text": ""})
    assert response.status_code == 302
    offer = Offer.objects.latest("pk")
    assert (offer.author, offer.choice, offer.text) == (people.sam, "hug", "")


def test_an_empty_offer_is_sent_back_kindly(people: Personas, plan: Plan) -> None:
    url = reverse("stress_offer_new", args=[plan.signal.pk])
    response = people.client("sam").post(url, {"offer-text": "  "})
    assert "Pick one of the quick offers, or write a few words of your own." in text_of(response)
    assert Offer.objects.count() == 1


def test_offering_right_from_today_in_place(people: Personas, plan: Plan) -> None:
    url = reverse("stress_offer_new", args=[plan.signal.pk])
    response = people.client("sam").post(
        url, {"from": "today", "choice": "dinner", "text": "and the washing-up"}, headers=HX
    )
    body = text_of(response)
    assert response.status_code == 200
    assert f'id="today-signal-{plan.signal.pk}"' in body and "<html" not in body
    assert "Your offer is on its way to Alex." in body
    assert "I'll take dinner tonight — and the washing-up" in body
    offer = Offer.objects.latest("pk")
    assert (offer.choice, offer.text) == ("dinner", "and the washing-up")


def test_an_empty_offer_from_today_keeps_the_page_and_says_why(
    people: Personas, plan: Plan
) -> None:
    url = reverse("stress_offer_new", args=[plan.signal.pk])
    body = text_of(people.client("sam").post(url, {"from": "today", "text": ""}, headers=HX))
    assert "Pick one of the quick offers" in body
    response = people.client("sam").post(url, {"from": "today", "text": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("home") + f"#today-signal-{plan.signal.pk}"


def test_nobody_offers_on_their_own_signal(people: Personas, plan: Plan) -> None:
    url = reverse("stress_offer_new", args=[plan.signal.pk])
    body = text_of(people.client("alex").post(url, {"offer-choice": "hug"}))
    assert "This is your own signal" in body
    assert Offer.objects.count() == 1


def test_a_closed_signal_takes_no_more_offers(people: Personas, plan: Plan) -> None:
    people.client("alex").post(reverse("stress_signal_close", args=[plan.signal.pk]))
    body = text_of(
        people.client("sam").post(
            reverse("stress_offer_new", args=[plan.signal.pk]), {"offer-choice": "hug"}
        )
    )
    assert "Alex has closed this signal" in body
    assert Offer.objects.count() == 1


def test_accepting_an_offer_with_thanks(people: Personas, plan: Plan) -> None:
    url = reverse("stress_offer_accept", args=[plan.offer.pk])
    body = text_of(people.client("alex").post(url, headers=HX))
    assert "Accepted, with thanks. Sam will know." in body
    assert "You accepted this, with thanks" in body
    plan.offer.refresh_from_db()
    first = plan.offer.accepted_at
    assert first is not None
    people.client("alex").post(url)
    plan.offer.refresh_from_db()
    assert plan.offer.accepted_at == first
    sam_sees = text_of(people.client("sam").get(reverse("stress_signal", args=[plan.signal.pk])))
    assert "Alex accepted this, with thanks" in sam_sees


def test_only_the_signaller_accepts(people: Personas, plan: Plan) -> None:
    url = reverse("stress_offer_accept", args=[plan.offer.pk])
    assert people.client("sam").post(url).status_code == 404
    plan.offer.refresh_from_db()
    assert plan.offer.accepted_at is None


def test_closing_my_signal(people: Personas, plan: Plan) -> None:
    response = people.client("alex").post(reverse("stress_signal_close", args=[plan.signal.pk]))
    assert response.status_code == 302
    plan.signal.refresh_from_db()
    assert plan.signal.closed_at is not None
    body = text_of(people.client("sam").get(reverse("stress_signal", args=[plan.signal.pk])))
    assert "Alex was stretched thin" in body
    assert "Offer something" not in body


def test_only_the_signaller_closes(people: Personas, plan: Plan) -> None:
    response = people.client("sam").post(reverse("stress_signal_close", args=[plan.signal.pk]))
    assert response.status_code == 404
    plan.signal.refresh_from_db()
    assert plan.signal.closed_at is None


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("stress_signal", "post"),
        ("stress_offer_new", "get"),
        ("stress_signal_close", "get"),
        ("stress_offer_accept", "get"),
    ],
)
def test_each_page_answers_only_its_methods(
    people: Personas, plan: Plan, name: str, method: str
) -> None:
    pk = plan.offer.pk if name == "stress_offer_accept" else plan.signal.pk
    response = getattr(people.client("alex"), method)(reverse(name, args=[pk]))
    assert response.status_code == 405
