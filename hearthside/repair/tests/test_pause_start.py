"""Calling a pause from a circle: one tap, the agreed words, straight to the pause page."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.circles.actions import leave_circle
from hearthside.repair.models import Agreement, Pause


def url(circle: Any) -> str:
    return reverse("pause_start", args=[circle.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_only_answers_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(people.partners)).status_code == 405
    assert not Pause.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    target = url(people.partners)

    response = people.client("anonymous").post(target)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert not Pause.objects.exists()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_cannot_pause_it(people: Personas, persona: str) -> None:
    response = people.client(persona).post(url(people.partners))
    missing = people.client(persona).post(reverse("pause_start", args=[987_654]))

    assert response.status_code == 404
    assert response.content == missing.content
    assert not Pause.objects.exists()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_learn_nothing_of_a_running_pause(
    people: Personas, persona: str
) -> None:
    people.client("alex").post(url(people.partners))

    response = people.client(persona).post(url(people.partners))

    assert response.status_code == 404
    assert Pause.objects.count() == 1


def test_after_leaving_a_circle_a_person_cannot_pause_it(people: Personas) -> None:
    leave_circle(people.sam, people.partners)

    assert people.client("sam").post(url(people.partners)).status_code == 404
    assert not Pause.objects.exists()


def test_a_member_calls_a_pause_and_lands_on_it(people: Personas) -> None:
    response = people.client("alex").post(url(people.partners), follow=True)

    pause = Pause.objects.get()
    assert response.redirect_chain == [(reverse("pause", args=[pause.pk]), 302)]
    assert (pause.author, pause.circle) == (people.alex, people.partners)
    assert pause.min_until == CURRENT_TIME + timedelta(minutes=20)
    page = text_of(response)
    assert "Your pause has started, and the others can see your words now." in page
    assert "“I need a breather. I'm coming back.”" in page


def test_the_chosen_agreed_phrase_is_the_one_sent(people: Personas) -> None:
    Agreement.objects.create(circle=people.partners, phrases="Time out, love\nBack in a bit")

    people.client("sam").post(url(people.partners), {"phrase": "Back in a bit"})

    assert Pause.objects.get().phrase == "Back in a bit"


def test_words_that_were_not_agreed_are_not_sent(people: Personas) -> None:
    Agreement.objects.create(circle=people.partners, phrases="Time out, love\nBack in a bit")

    people.client("sam").post(url(people.partners), {"phrase": "<b>You always do this</b>"})

    assert Pause.objects.get().phrase == "Time out, love"


def test_a_second_tap_joins_the_pause_already_running(people: Personas) -> None:
    people.client("alex").post(url(people.partners))

    with time_machine.travel(CURRENT_TIME + timedelta(minutes=3), tick=False):
        response = people.client("sam").post(url(people.partners), follow=True)

    pause = Pause.objects.get()
    assert pause.author == people.alex
    assert response.redirect_chain == [(reverse("pause", args=[pause.pk]), 302)]
    assert "A pause is already running here, so you're part of that one." in text_of(response)


def test_a_pause_in_the_friends_circle_stays_apart_from_the_partners(people: Personas) -> None:
    people.client("alex").post(url(people.partners))

    response = people.client("robin").post(url(people.friends), follow=True)

    friends_pause = Pause.objects.get(circle=people.friends)
    assert friends_pause.author == people.robin
    assert response.redirect_chain == [(reverse("pause", args=[friends_pause.pk]), 302)]
    assert "Sam" not in text_of(response)


def render_circle_actions(people: Personas, persona: str, circle: Any) -> str:
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from hearthside.repair.views.pause import circle_repair_context

    person = getattr(people, persona)
    request = RequestFactory().get(reverse("circle", args=[circle.pk]))
    request.user = person
    context = {"circle": circle, "repair": circle_repair_context(person, circle)}
    return html.unescape(
        render_to_string("repair/_circle_repair_actions.html", context, request=request)
    )


def test_the_circle_page_button_offers_the_agreed_phrases(people: Personas) -> None:
    Agreement.objects.create(circle=people.partners, phrases="Time out, love\nBack in a bit")

    snippet = render_circle_actions(people, "sam", people.partners)

    assert f'action="{url(people.partners)}"' in snippet
    assert 'value="Time out, love"' in snippet
    assert 'value="Back in a bit"' in snippet
    assert f'href="{reverse("repair_agreement", args=[people.partners.pk])}"' in snippet


def test_the_circle_page_shows_a_running_pause_instead_of_the_button(people: Personas) -> None:
    people.client("alex").post(url(people.partners))
    pause = Pause.objects.get()

    snippet = render_circle_actions(people, "sam", people.partners)

    assert "Alex called a pause: “I need a breather. I'm coming back.”" in snippet
    assert f'href="{reverse("pause", args=[pause.pk])}"' in snippet
    assert f'action="{url(people.partners)}"' not in snippet


def test_a_pause_in_one_circle_does_not_show_on_another(people: Personas) -> None:
    people.client("alex").post(url(people.partners))

    snippet = render_circle_actions(people, "robin", people.friends)

    assert "called a pause" not in snippet
    assert f'action="{url(people.friends)}"' in snippet
