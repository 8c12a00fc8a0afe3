"""Following through: on a commitment's day, each member says whether it happened."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import Personas
from hearthside.repair import actions
from hearthside.repair.models import Commitment, Draft, FollowUp, Rupture

# CURRENT_TIME is Wednesday 4 March 2026; the follow-up day is a week later.
FOLLOW_UP_DAY = date(2026, 3, 11)
ON_THE_DAY = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
ANSWER = {"answer": "partly", "note": "Twice I remembered; once I walked out."}


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The dishes, again")


@pytest.fixture
def commitment(people: Personas, rupture: Rupture) -> Commitment:
    return actions.add_commitment(
        people.sam, rupture, "Say “I need a minute” instead of leaving.", FOLLOW_UP_DAY
    )


@pytest.fixture
def on_the_day() -> Iterator[None]:
    with time_machine.travel(ON_THE_DAY, tick=False):
        yield


def url(commitment: Commitment) -> str:
    return reverse("commitment_follow_up", args=[commitment.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(
    people: Personas, commitment: Commitment, method: str
) -> None:
    assert getattr(people.client("alex"), method)(url(commitment)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(
    people: Personas, commitment: Commitment, on_the_day: None
) -> None:
    target = url(commitment)

    response = people.client("anonymous").post(target, ANSWER)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(
    people: Personas, commitment: Commitment, on_the_day: None, persona: str
) -> None:
    client = people.client(persona)

    hidden = client.get(url(commitment))
    missing = client.get(reverse("commitment_follow_up", args=[987_654]))
    posted = client.post(url(commitment), ANSWER)

    assert hidden.status_code == posted.status_code == 404
    assert hidden.content == missing.content
    assert "I need a minute" not in text_of(hidden)
    assert not FollowUp.objects.exists()


def test_before_the_day_it_explains_and_offers_no_form(
    people: Personas, commitment: Commitment
) -> None:
    response = people.client("alex").get(url(commitment))

    assert response.status_code == 200
    page = text_of(response)
    assert "Sam committed to:" in page
    assert "I need a minute" in page
    assert "On Wednesday 11 March each of you will be asked how it went." in page
    assert 'name="answer"' not in page


def test_an_answer_before_the_day_is_refused(people: Personas, commitment: Commitment) -> None:
    response = people.client("alex").post(url(commitment), ANSWER, follow=True)

    assert response.redirect_chain == [(url(commitment), 302)]
    assert "It's not time to check on this yet." in text_of(response)
    assert not FollowUp.objects.exists()


def test_on_the_day_each_member_answers_for_themselves(
    people: Personas, commitment: Commitment
) -> None:
    with time_machine.travel(ON_THE_DAY, tick=False):
        assert 'name="answer"' in text_of(people.client("alex").get(url(commitment)))
        alex = people.client("alex").post(url(commitment), ANSWER, follow=True)
        sam = people.client("sam").post(url(commitment), {"answer": "yes", "note": ""})

    assert alex.redirect_chain == [(url(commitment), 302)]
    assert "Thank you for checking in on this." in text_of(alex)
    assert sam.status_code == 302
    answers = {f.author.name: (f.answer, f.note) for f in FollowUp.objects.all()}
    assert answers == {"Alex": ("partly", ANSWER["note"]), "Sam": ("yes", "")}


def test_after_the_day_the_others_answers_and_notes_are_shown(
    people: Personas, commitment: Commitment, on_the_day: None
) -> None:
    actions.follow_up(people.alex, commitment, "partly", ANSWER["note"])

    page = text_of(people.client("sam").get(url(commitment)))

    assert "Alex:" in page
    assert "Partly" in page
    assert ANSWER["note"] in page
    assert "Your answer" in page


def test_answering_again_changes_my_answer(
    people: Personas, commitment: Commitment, on_the_day: None
) -> None:
    client = people.client("sam")
    client.post(url(commitment), {"answer": "no", "note": ""})

    page = text_of(client.get(url(commitment)))
    assert "Change your answer" in page
    assert re.search(r'value="no"[^>]*checked', page)
    client.post(url(commitment), {"answer": "yes", "note": "Got there."})

    record = FollowUp.objects.get(author=people.sam)
    assert (record.answer, record.note) == ("yes", "Got there.")


@pytest.mark.parametrize("answer", ["", "maybe"])
def test_a_missing_or_unknown_answer_is_refused_and_keeps_the_note(
    people: Personas, commitment: Commitment, on_the_day: None, answer: str
) -> None:
    response = people.client("alex").post(url(commitment), ANSWER | {"answer": answer})

    assert response.status_code == 200
    page = text_of(response)
    assert "Choose one of the answers." in page
    assert ANSWER["note"] in page
    assert not FollowUp.objects.exists()


def test_following_through_still_works_after_the_repair_closed(
    people: Personas, rupture: Rupture, commitment: Commitment, on_the_day: None
) -> None:
    Rupture.objects.filter(pk=rupture.pk).update(status=Rupture.Status.CLOSED)

    response = people.client("alex").post(url(commitment), ANSWER)

    assert response.status_code == 302
    assert FollowUp.objects.get().answer == "partly"


def test_a_draft_comes_back_and_is_cleared_once_answered(
    people: Personas, commitment: Commitment, on_the_day: None
) -> None:
    key = f"commitment:{commitment.pk}:follow-up"
    Draft.objects.create(author=people.alex, key=key, data={"note": "Mostly, I think"})
    client = people.client("alex")

    assert "Mostly, I think" in text_of(client.get(url(commitment)))
    client.post(url(commitment), ANSWER)

    assert not Draft.objects.filter(key=key).exists()
