"""/needs/<pk>/: the request, its answers, answering (yes / not now with a time / let's talk),
"was it met?" and withdrawing — with and without htmx."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

import pytest
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.needs.models import Answer, Request
from hearthside.needs.tests.conftest import ALEX_TO_SAM, Asks

HX = {"HX-Request": "true"}


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def fresh(ask: Request) -> Request:
    return Request.objects.get(pk=ask.pk)


def test_the_person_asked_sees_the_words_and_an_answer_form(people: Personas, asks: Asks) -> None:
    body = text(people.client("sam").get(reverse("need", args=[asks.alex_to_sam.pk])))
    assert "Alex asked you for reassurance" in body
    assert ALEX_TO_SAM in body
    assert "Only Alex and Sam can see this." in body
    assert "Your answer" in body
    assert 'type="datetime-local"' in body
    assert "In your time zone (Europe/London)." in body
    assert "Was your need met?" not in body
    assert "Withdraw this request" not in body


def test_the_asker_sees_no_answer_yet_and_the_single_reminder_promise(
    people: Personas, asks: Asks
) -> None:
    body = text(people.client("alex").get(reverse("need", args=[asks.alex_to_sam.pk])))
    assert "You asked Sam for reassurance" in body
    assert "Sam gets one gentle reminder — never more." in body
    assert "Your answer" not in body
    assert "Already taken care of?" in body
    assert "Withdraw this request" in body


def test_saying_yes(people: Personas, asks: Asks) -> None:
    url = reverse("need_answer", args=[asks.alex_to_sam.pk])
    response = people.client("sam").post(url, {"response": "yes", "note": "  Friday it is.  "})
    assert response.status_code == 302
    ask = fresh(asks.alex_to_sam)
    assert (ask.response, ask.proposed_for, ask.answered_at) == ("yes", None, CURRENT_TIME)
    answer = Answer.objects.get(request=ask)
    assert (answer.author, answer.note) == (people.sam, "Friday it is.")
    body = text(people.client("alex").get(reverse("need", args=[ask.pk])))
    assert "Sam: Yes." in " ".join(body.replace("<strong>", "").replace("</strong>", "").split())
    assert "Friday it is." in body
    assert "Was your need met?" in body


def test_not_now_needs_a_time_still_to_come(people: Personas, asks: Asks) -> None:
    url = reverse("need_answer", args=[asks.alex_to_sam.pk])
    sam = people.client("sam")
    for when, message in [
        ("", "Suggest a time that would work — a rough one is fine."),
        ("2026-03-01T10:00", "Choose a time that's still to come."),
        ("2028-03-01T10:00", "Choose a time within the next year."),
        ("soon", "Write the time like 2026-03-08 19:00."),
    ]:
        response = sam.post(url, {"response": "not-now", "proposed_for": when, "note": "kept"})
        body = text(response)
        assert response.status_code == 200
        assert message in body
        assert "kept" in body  # nothing typed is lost
    assert not Answer.objects.filter(request=asks.alex_to_sam).exists()


def test_not_now_with_a_time_in_my_own_time_zone(people: Personas, asks: Asks) -> None:
    people.sam.time_zone = "America/New_York"
    people.sam.save()
    url = reverse("need_answer", args=[asks.alex_to_sam.pk])
    people.client("sam").post(url, {"response": "not-now", "proposed_for": "2026-03-07T10:00"})
    ask = fresh(asks.alex_to_sam)
    assert ask.response == "not-now"
    assert ask.proposed_for == datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
    # Alex, in London, reads it in London time.
    body = text(people.client("alex").get(reverse("need", args=[ask.pk])))
    assert "Not now — how about Saturday 7 March, 15:00?" in body


def test_a_time_in_the_spring_forward_gap_moves_forward(people: Personas, asks: Asks) -> None:
    url = reverse("need_answer", args=[asks.alex_to_sam.pk])
    people.client("sam").post(url, {"response": "not-now", "proposed_for": "2026-03-29T01:30"})
    # 01:30 doesn't exist in London that night; it's read as 02:30 summer time.
    assert fresh(asks.alex_to_sam).proposed_for == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_a_time_only_goes_with_not_now(people: Personas, asks: Asks) -> None:
    url = reverse("need_answer", args=[asks.alex_to_sam.pk])
    people.client("sam").post(url, {"response": "talk", "proposed_for": "2026-03-07T10:00"})
    ask = fresh(asks.alex_to_sam)
    assert (ask.response, ask.proposed_for) == ("talk", None)


def test_a_later_answer_replaces_the_first_and_both_are_kept(people: Personas, asks: Asks) -> None:
    url = reverse("need_answer", args=[asks.alex_to_sam.pk])
    sam = people.client("sam")
    sam.post(url, {"response": "not-now", "proposed_for": "2026-03-07T10:00"})
    sam.post(url, {"response": "yes", "note": "Actually, tonight works."})
    ask = fresh(asks.alex_to_sam)
    assert (ask.response, ask.proposed_for) == ("yes", None)
    assert list(Answer.objects.filter(request=ask).values_list("response", flat=True)) == [
        "not-now",
        "yes",
    ]
    body = text(sam.get(reverse("need", args=[ask.pk])))
    assert "Change your answer" in body
    assert body.index("Not now — how about") < body.index("Actually, tonight works.")


def test_answering_with_htmx_swaps_the_thread_and_announces_it(
    people: Personas, asks: Asks
) -> None:
    url = reverse("need_answer", args=[asks.alex_to_sam.pk])
    response = people.client("sam").post(url, {"response": "talk"}, headers=HX)
    body = text(response)
    assert response.status_code == 200
    assert body.startswith('<div id="need-thread">')
    assert "<html" not in body
    assert 'id="needs-live"' in body and 'hx-swap-oob="true"' in body
    assert "You'd like to talk it through. Alex will hear from you." in body


def test_an_htmx_answer_with_a_mistake_comes_back_in_place(people: Personas, asks: Asks) -> None:
    url = reverse("need_answer", args=[asks.alex_to_sam.pk])
    response = people.client("sam").post(url, {"response": "not-now", "note": "soon"}, headers=HX)
    body = text(response)
    assert "Suggest a time that would work" in body
    assert "soon" in body
    assert 'hx-swap-oob="true"' not in body


def test_an_unknown_answer_is_refused_kindly(people: Personas, asks: Asks) -> None:
    url = reverse("need_answer", args=[asks.alex_to_sam.pk])
    body = text(people.client("sam").post(url, {"response": "maybe"}))
    assert "Choose one of the answers listed." in body


@pytest.mark.parametrize("met", ["met", "partly", "not-yet"])
def test_the_asker_says_whether_it_was_met_and_can_change_it(
    people: Personas, asks: Asks, met: str
) -> None:
    url = reverse("need_met", args=[asks.sam_to_alex.pk])
    sam = people.client("sam")
    sam.post(url, {"met": met, "note": "Thank you for Saturday."})
    ask = fresh(asks.sam_to_alex)
    assert (ask.met, ask.met_note, ask.met_at) == (met, "Thank you for Saturday.", CURRENT_TIME)
    sam.post(url, {"met": "met", "note": ""})
    assert (fresh(asks.sam_to_alex).met, fresh(asks.sam_to_alex).met_note) == ("met", "")
    # The one asked sees how it went.
    body = text(people.client("alex").get(reverse("need", args=[ask.pk])))
    assert "Sam said: the need was met." in " ".join(body.replace("</strong>", "").split())


def test_was_it_met_needs_a_choice(people: Personas, asks: Asks) -> None:
    url = reverse("need_met", args=[asks.sam_to_alex.pk])
    body = text(people.client("sam").post(url, {"note": "mostly"}))
    assert "Choose one — “partly” and “not yet” are honest answers too." in body
    assert "mostly" in body
    assert fresh(asks.sam_to_alex).met == ""


def test_met_with_htmx(people: Personas, asks: Asks) -> None:
    url = reverse("need_met", args=[asks.sam_to_alex.pk])
    body = text(people.client("sam").post(url, {"met": "partly"}, headers=HX))
    assert "Noted: partly met." in body
    assert "the need was partly met." in body
    assert "Update" in body


def test_a_withdrawn_request_takes_no_answers_and_no_met(people: Personas, asks: Asks) -> None:
    people.client("alex").post(reverse("need_withdraw", args=[asks.alex_to_sam.pk]))
    ask = fresh(asks.alex_to_sam)
    assert ask.withdrawn_at == CURRENT_TIME
    answer = people.client("sam").post(reverse("need_answer", args=[ask.pk]), {"response": "yes"})
    assert answer.status_code == 404
    met = people.client("alex").post(reverse("need_met", args=[ask.pk]), {"met": "met"})
    assert met.status_code == 409
    body = text(people.client("alex").get(reverse("need", args=[ask.pk])))
    assert "Withdraw this request" not in body
    assert "Was your need met?" not in body


def test_withdrawing_goes_back_to_the_list(people: Personas, asks: Asks) -> None:
    response = people.client("alex").post(
        reverse("need_withdraw", args=[asks.alex_to_sam.pk]), follow=True
    )
    assert response.redirect_chain == [(reverse("needs"), 302)]
    assert "Withdrawn. Sam can't see it any more." in text(response)
    # Withdrawing twice keeps the first moment.
    people.client("alex").post(reverse("need_withdraw", args=[asks.alex_to_sam.pk]))
    assert fresh(asks.alex_to_sam).withdrawn_at == CURRENT_TIME
