"""Saying "I'm ready to come back": not before the agreed minimum, and the pause ends when
everyone has."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.circles.models import Membership
from hearthside.repair import actions
from hearthside.repair.models import Pause, PauseReturn

AFTER_MINIMUM = CURRENT_TIME + timedelta(minutes=20, seconds=30)
AFTER_MAXIMUM = CURRENT_TIME + timedelta(hours=25)


@pytest.fixture
def pause(people: Personas) -> Pause:
    return actions.start_pause(people.alex, people.partners)


def url(pause: Any) -> str:
    return reverse("pause_back", args=[pause.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def returned(pause: Pause) -> set[str]:
    return {r.author.name for r in PauseReturn.objects.filter(pause=pause)}


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_only_answers_post(people: Personas, pause: Pause, method: str) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        assert getattr(people.client("sam"), method)(url(pause)).status_code == 405
    assert returned(pause) == set()


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, pause: Pause) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        response = people.client("anonymous").post(url(pause))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(pause)}"
    assert returned(pause) == set()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(
    people: Personas, pause: Pause, persona: str
) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        response = people.client(persona).post(url(pause))
        missing = people.client(persona).post(reverse("pause_back", args=[987_654]))

    assert response.status_code == 404
    assert response.content == missing.content
    assert returned(pause) == set()


def test_someone_who_joined_after_the_pause_gets_not_found(people: Personas, pause: Pause) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        Membership.objects.create(circle=people.partners, person=people.olive)

        assert people.client("olive").post(url(pause)).status_code == 404
    assert returned(pause) == set()


def test_too_early_gets_a_kind_word_and_nothing_is_saved(people: Personas, pause: Pause) -> None:
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=12), tick=False):
        response = people.client("sam").post(url(pause), follow=True)

    assert response.redirect_chain == [(reverse("pause", args=[pause.pk]), 302)]
    assert "It's a little early." in text_of(response)
    assert returned(pause) == set()


def test_after_the_minimum_a_member_is_marked_ready(people: Personas, pause: Pause) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        response = people.client("sam").post(url(pause), follow=True)

    assert response.redirect_chain == [(reverse("pause", args=[pause.pk]), 302)]
    assert returned(pause) == {"Sam"}
    assert Pause.objects.get(pk=pause.pk).ended_at is None
    page = text_of(response)
    assert "You're marked as ready" in page
    assert "You've said you're ready." in page


def test_when_both_are_back_the_pause_ends(people: Personas, pause: Pause) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        people.client("sam").post(url(pause))
    with time_machine.travel(AFTER_MINIMUM + timedelta(minutes=4), tick=False):
        response = people.client("alex").post(url(pause), follow=True)

    assert returned(pause) == {"Alex", "Sam"}
    assert Pause.objects.get(pk=pause.pk).ended_at == AFTER_MINIMUM + timedelta(minutes=4)
    page = text_of(response)
    assert "Everyone's back." in page
    assert "Everyone is back." in page
    assert "Talk it through" in page


def test_coming_back_to_an_ended_pause_says_so(people: Personas, pause: Pause) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        people.client("sam").post(url(pause))
        people.client("alex").post(url(pause))

        response = people.client("sam").post(url(pause), follow=True)

    assert "This pause has already ended." in text_of(response)
    assert PauseReturn.objects.filter(pause=pause).count() == 2


def test_after_the_maximum_the_one_still_away_gets_a_gentle_nudge(
    people: Personas, pause: Pause
) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        people.client("alex").post(url(pause))
    with time_machine.travel(AFTER_MAXIMUM, tick=False):
        sam_page = text_of(people.client("sam").get(reverse("pause", args=[pause.pk])))
        alex_page = text_of(people.client("alex").get(reverse("pause", args=[pause.pk])))

    assert "It's been as long as you agreed a pause would last." in sam_page
    assert "You're ready and the others haven't said so yet" in alex_page


def test_coming_back_late_still_counts_and_ends_the_pause(people: Personas, pause: Pause) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        people.client("alex").post(url(pause))
    with time_machine.travel(AFTER_MAXIMUM, tick=False):
        response = people.client("sam").post(url(pause), follow=True)

    assert Pause.objects.get(pk=pause.pk).ended_at == AFTER_MAXIMUM
    assert "It's been as long as you agreed" not in text_of(response)
