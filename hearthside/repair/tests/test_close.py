"""Closure: each member says whether trust feels re-established; when all say yes, the rupture
closes and becomes a read-only summary."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.repair import actions, steps
from hearthside.repair.models import Closure, Commitment, Draft, Rupture, Turn

YES = {"trust": "yes", "note": ""}
NOT_YET = {"trust": "not_yet", "note": "I still flinch when the door slams."}


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The dishes, again")


@pytest.fixture
def talked_through(people: Personas, rupture: Rupture) -> Rupture:
    """The whole conversation, every step, taken by both partners."""
    for step in steps.STEPS:
        for person in (people.alex, people.sam):
            Turn.objects.create(
                rupture=rupture, author=person, step=step, text=f"{person.name} at {step}"
            )
    return rupture


def url(rupture: Rupture) -> str:
    return reverse("rupture_close", args=[rupture.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def words(response: Any) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text_of(response)).split())


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(
    people: Personas, talked_through: Rupture, method: str
) -> None:
    assert getattr(people.client("sam"), method)(url(talked_through)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, talked_through: Rupture) -> None:
    target = url(talked_through)

    response = people.client("anonymous").post(target, YES)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert not Closure.objects.exists()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(
    people: Personas, talked_through: Rupture, persona: str
) -> None:
    client = people.client(persona)

    hidden = client.get(url(talked_through))
    missing = client.get(reverse("rupture_close", args=[987_654]))
    posted = client.post(url(talked_through), YES)

    assert hidden.status_code == posted.status_code == 404
    assert hidden.content == missing.content
    assert not Closure.objects.exists()


def test_before_the_conversation_is_finished_it_explains_and_refuses(
    people: Personas, rupture: Rupture
) -> None:
    client = people.client("sam")

    page = text_of(client.get(url(rupture)))
    posted = client.post(url(rupture), YES, follow=True)

    assert "First, finish the conversation" in page
    assert 'name="trust"' not in page
    assert posted.redirect_chain == [(url(rupture), 302)]
    assert "Closing comes after the conversation and the plan." in text_of(posted)
    assert not Closure.objects.exists()


def test_a_member_sees_where_everyone_stands(people: Personas, talked_through: Rupture) -> None:
    actions.mark_closure(people.alex, talked_through, False, NOT_YET["note"])

    response = people.client("sam").get(url(talked_through))

    assert response.status_code == 200
    page = words(response)
    assert "Alex : not yet" in page
    assert NOT_YET["note"] in page
    assert "You : hasn't said yet" in page


def test_one_yes_is_noted_but_the_repair_stays_open(
    people: Personas, talked_through: Rupture
) -> None:
    response = people.client("alex").post(url(talked_through), YES, follow=True)

    assert response.redirect_chain == [(url(talked_through), 302)]
    assert "You : trust is back" in words(response)
    talked_through.refresh_from_db()
    assert not talked_through.is_closed


def test_not_yet_with_a_note_is_kept_for_the_others(
    people: Personas, talked_through: Rupture
) -> None:
    people.client("alex").post(url(talked_through), NOT_YET)

    closure = Closure.objects.get()
    assert (closure.author, closure.trust_reestablished) == (people.alex, False)
    assert closure.note == NOT_YET["note"]
    assert NOT_YET["note"] in text_of(people.client("sam").get(url(talked_through)))


def test_when_both_say_yes_the_rupture_closes(people: Personas, talked_through: Rupture) -> None:
    people.client("alex").post(url(talked_through), YES)
    response = people.client("sam").post(url(talked_through), YES)

    assert response.status_code == 302
    assert response["Location"] == reverse("rupture", args=[talked_through.pk])
    talked_through.refresh_from_db()
    assert talked_through.is_closed
    assert talked_through.closed_at == CURRENT_TIME


def test_a_closed_rupture_is_read_only(people: Personas, talked_through: Rupture) -> None:
    actions.mark_closure(people.alex, talked_through, True)
    actions.mark_closure(people.sam, talked_through, True)
    client = people.client("sam")
    turns_before = Turn.objects.count()

    page = text_of(client.get(url(talked_through)))
    plan = client.post(
        reverse("rupture_plan", args=[talked_through.pk]),
        {"takeaways": "Rewriting history", "phrases": "x", "cool_off_min": 5, "cool_off_max": 10},
    )
    commit = client.post(
        reverse("rupture_commit", args=[talked_through.pk]),
        {"text": "Late promise", "follow_up_on": "2026-03-11"},
    )
    again = client.post(url(talked_through), NOT_YET)
    step = client.post(
        reverse("rupture_step", args=[talked_through.pk, steps.PLAN]), {"text": "One more"}
    )

    assert 'name="trust"' not in page
    assert plan.status_code == commit.status_code == again.status_code == 302
    assert step.status_code < 500
    talked_through.refresh_from_db()
    assert talked_through.takeaways == ""
    assert not Commitment.objects.exists()
    assert Closure.objects.filter(trust_reestablished=True).count() == 2
    assert Turn.objects.count() == turns_before


def test_choosing_nothing_is_refused_and_keeps_the_note(
    people: Personas, talked_through: Rupture
) -> None:
    response = people.client("sam").post(url(talked_through), {"note": "Getting there"})

    assert response.status_code == 200
    page = text_of(response)
    assert "Choose “yes” or “not yet” — either is a fine answer." in page
    assert "Getting there" in page
    assert not Closure.objects.exists()


def test_my_earlier_answer_and_my_draft_fill_the_form(
    people: Personas, talked_through: Rupture
) -> None:
    actions.mark_closure(people.sam, talked_through, False, "Not quite")
    key = f"rupture:{talked_through.pk}:close"
    client = people.client("sam")

    assert re.search(r'value="not_yet"[^>]*checked', text_of(client.get(url(talked_through))))
    Draft.objects.create(author=people.sam, key=key, data={"trust": "yes", "note": "Nearly"})
    page = text_of(client.get(url(talked_through)))
    assert re.search(r'value="yes"[^>]*checked', page)
    assert "Nearly" in page

    client.post(url(talked_through), NOT_YET)
    assert not Draft.objects.filter(key=key).exists()
