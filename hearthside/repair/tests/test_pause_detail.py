"""The pause page: the phrase, the times, who is back, and a status part that keeps itself fresh."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.circles.actions import leave_circle
from hearthside.circles.models import Membership
from hearthside.repair import actions
from hearthside.repair.models import Pause

HX = {"HX-Request": "true"}
AFTER_MINIMUM = CURRENT_TIME + timedelta(minutes=21)
AFTER_MAXIMUM = CURRENT_TIME + timedelta(hours=24, minutes=1)


@pytest.fixture
def pause(people: Personas) -> Pause:
    return actions.start_pause(people.alex, people.partners)


def url(pause: Any) -> str:
    return reverse("pause", args=[pause.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def end(pause: Pause, people: Personas) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        actions.come_back(people.alex, pause)
        actions.come_back(people.sam, pause)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, pause: Pause, method: str) -> None:
    assert getattr(people.client("sam"), method)(url(pause)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, pause: Pause) -> None:
    response = people.client("anonymous").get(url(pause))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(pause)}"


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(
    people: Personas, pause: Pause, persona: str
) -> None:
    client = people.client(persona)

    hidden = client.get(url(pause))
    polled = client.get(url(pause), headers=HX)
    missing = client.get(reverse("pause", args=[987_654]))

    assert hidden.status_code == polled.status_code == 404
    assert hidden.content == missing.content
    assert "I need a breather" not in text_of(hidden)


def test_someone_who_joined_after_the_pause_gets_not_found(people: Personas, pause: Pause) -> None:
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=5), tick=False):
        Membership.objects.create(circle=people.partners, person=people.olive)

        assert people.client("olive").get(url(pause)).status_code == 404


def test_after_leaving_the_circle_the_pause_is_not_found(people: Personas, pause: Pause) -> None:
    leave_circle(people.sam, people.partners)

    assert people.client("sam").get(url(pause)).status_code == 404


def test_the_partner_sees_who_paused_and_the_agreed_words(people: Personas, pause: Pause) -> None:
    response = people.client("sam").get(url(pause))

    assert response.status_code == 200
    page = text_of(response)
    assert "Alex called a pause" in page
    assert "“I need a breather. I'm coming back.”" in page
    assert "This isn't safe for me" in page


def test_the_one_who_paused_reads_it_as_their_own(people: Personas, pause: Pause) -> None:
    page = text_of(people.client("alex").get(url(pause)))

    assert "You called a pause" in page


def test_it_shows_both_times_in_my_time_zone(people: Personas, pause: Pause) -> None:
    page = text_of(people.client("sam").get(url(pause)))

    assert "You can come back from" in page
    assert '<time datetime="2026-03-04T10:50:00+00:00">10:50</time>' in page
    assert '<time datetime="2026-03-05T10:30:00+00:00">tomorrow at 10:30</time>' in page
    assert 'data-countdown="1200"' in page
    assert 'data-countdown="86400"' in page
    assert "(20\xa0minutes)" in page  # Django keeps the number with its unit


def test_times_follow_a_person_in_another_time_zone(people: Personas, pause: Pause) -> None:
    people.sam.time_zone = "America/New_York"
    people.sam.save()

    page = text_of(people.client("sam").get(url(pause)))

    assert ">05:50</time>" in page
    assert ">tomorrow at 05:30</time>" in page


def test_it_offers_the_calm_toolkit_for_this_pause(people: Personas, pause: Pause) -> None:
    page = text_of(people.client("alex").get(url(pause)))

    assert f'href="{reverse("calm_breathe")}?pause={pause.pk}"' in page
    assert f'href="{reverse("calm_ground")}?pause={pause.pk}"' in page
    assert f'href="{reverse("calm_kindness")}?pause={pause.pk}"' in page


def test_before_the_minimum_the_ready_button_waits_and_says_why(
    people: Personas, pause: Pause
) -> None:
    page = text_of(people.client("sam").get(url(pause)))

    assert "Ready to come back?" in page
    assert re.search(r"<button[^>]*disabled[^>]*>Yes, I'm ready to come back</button>", page)
    assert "This opens at 10:50." in page
    assert reverse("pause_back", args=[pause.pk]) not in page


def test_once_the_minimum_passed_each_person_is_asked_if_they_are_ready(
    people: Personas, pause: Pause
) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        page = text_of(people.client("sam").get(url(pause)))

    assert f'action="{reverse("pause_back", args=[pause.pk])}"' in page
    assert "disabled" not in page
    assert "data-countdown=" in page  # only the one to the maximum is left
    assert 'data-countdown="0"' not in page


def test_it_names_who_is_back_and_who_we_are_waiting_for(people: Personas, pause: Pause) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        actions.come_back(people.alex, pause)
        page = text_of(people.client("sam").get(url(pause)))

    assert re.search(r"Back</span> Alex\s*</p>", page)
    assert re.search(r"Not back yet</span> Sam \(you\)\s*</p>", page)


def test_the_gentle_nudge_comes_once_the_maximum_has_passed(people: Personas, pause: Pause) -> None:
    before = text_of(people.client("sam").get(url(pause)))
    with time_machine.travel(AFTER_MAXIMUM, tick=False):
        after = text_of(people.client("sam").get(url(pause)))

    assert "It's been as long as you agreed" not in before
    assert "It's been as long as you agreed a pause would last." in after


def test_the_person_already_back_gets_their_own_nudge(people: Personas, pause: Pause) -> None:
    with time_machine.travel(AFTER_MINIMUM, tick=False):
        actions.come_back(people.alex, pause)
    with time_machine.travel(AFTER_MAXIMUM, tick=False):
        page = text_of(people.client("alex").get(url(pause)))

    assert "You're ready and the others haven't said so yet" in page


def test_the_status_part_polls_every_fifteen_seconds(people: Personas, pause: Pause) -> None:
    page = text_of(people.client("sam").get(url(pause)))

    assert f'hx-get="{url(pause)}"' in page
    assert 'hx-trigger="every 15s, pause-due from:body"' in page


def test_a_poll_gets_only_the_status_part(people: Personas, pause: Pause) -> None:
    response = people.client("sam").get(url(pause), headers=HX)

    assert response.status_code == 200
    page = text_of(response)
    assert "<html" not in page
    assert "Ready to come back?" in page
    assert "Alex called a pause" not in page


def test_once_ended_a_poll_tells_htmx_to_stop(people: Personas, pause: Pause) -> None:
    end(pause, people)

    response = people.client("sam").get(url(pause), headers=HX)

    assert response.status_code == 286
    assert "Everyone is back." in text_of(response)


def test_when_it_ended_it_offers_to_talk_it_through(people: Personas, pause: Pause) -> None:
    end(pause, people)

    page = text_of(people.client("sam").get(url(pause)))

    assert "Everyone is back." in page
    assert "The pause ended at 10:51." in page
    talk = f'href="{reverse("rupture_new")}?circle={people.partners.pk}&pause={pause.pk}"'
    assert talk in page
    assert "hx-trigger" not in page
    assert "While you wait" not in page


def test_the_page_carries_no_inline_script(people: Personas, pause: Pause) -> None:
    page = text_of(people.client("sam").get(url(pause)))

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert "hearthside/pause.js" in page
    assert " style=" not in page
