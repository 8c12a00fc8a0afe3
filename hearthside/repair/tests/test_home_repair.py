"""The home page's repair section: a pause running in my circles, ruptures waiting on me, and
commitments due for my "did this happen?"."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.repair import actions, steps
from hearthside.repair.models import Agreement, Rupture, Turn

FOLLOW_UP_DAY = date(2026, 3, 11)
ON_THE_DAY = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)


def home(people: Personas, persona: str) -> str:
    response = people.client(persona).get(reverse("home"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def repair_section(page: str) -> str:
    """The repair section's words and links, without other markup ("" when it's not there)."""
    match = re.search(r'<section aria-labelledby="repair-heading".*?</section>', page, re.S)
    if not match:
        return ""
    text = re.sub(r'<a href="([^"]+)"[^>]*>', r" [\1] ", match.group(0))
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The dishes, again")


def take_steps(rupture: Rupture, people: Personas, upto: int) -> None:
    for step in steps.STEPS[:upto]:
        for person in (people.alex, people.sam):
            Turn.objects.create(rupture=rupture, author=person, step=step, text="said")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_home_only_answers_get(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(reverse("home")).status_code == 405


def test_anonymous_visitors_see_no_repair_section(people: Personas, rupture: Rupture) -> None:
    actions.start_pause(people.alex, people.partners)

    page = home(people, "anonymous")

    assert repair_section(page) == ""
    assert "The dishes" not in page


def test_with_nothing_to_repair_there_is_no_section(people: Personas) -> None:
    assert repair_section(home(people, "alex")) == ""


def test_a_pause_in_my_circle_shows_its_phrase_who_called_it_and_a_link(
    people: Personas,
) -> None:
    pause = actions.start_pause(people.alex, people.partners)

    section = repair_section(home(people, "sam"))

    assert "Alex called a pause in Alex & Sam:" in section
    assert "I need a breather. I'm coming back." in section
    assert reverse("pause", args=[pause.pk]) in section
    assert "You called a pause in Alex & Sam:" in repair_section(home(people, "alex"))


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_see_none_of_it(
    people: Personas, rupture: Rupture, persona: str
) -> None:
    actions.start_pause(people.alex, people.partners)
    actions.add_commitment(people.sam, rupture, "Ask before assuming", FOLLOW_UP_DAY)

    with time_machine.travel(ON_THE_DAY, tick=False):
        page = home(people, persona)

    assert repair_section(page) == ""
    assert "breather" not in page
    assert "The dishes" not in page
    assert "Ask before assuming" not in page


def test_an_ended_pause_is_no_longer_shown(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)
    pause.ended_at = timezone.now()
    pause.save()

    assert "called a pause" not in repair_section(home(people, "sam"))


def test_a_rupture_whose_open_step_waits_on_me_links_to_my_turn(
    people: Personas, rupture: Rupture
) -> None:
    step_url = reverse("rupture_step", args=[rupture.pk, steps.FEELINGS])

    section = repair_section(home(people, "sam"))

    assert f"The dishes, again — [{step_url}] Take your turn" in section


def test_a_rupture_stops_waiting_on_me_once_i_have_taken_my_turn(
    people: Personas, rupture: Rupture
) -> None:
    Turn.objects.create(rupture=rupture, author=people.sam, step=steps.FEELINGS, feelings=["hurt"])

    assert "The dishes" not in repair_section(home(people, "sam"))
    assert "The dishes" in repair_section(home(people, "alex"))


def test_in_turns_the_second_speaker_is_told_their_turn_is_coming(
    people: Personas, rupture: Rupture
) -> None:
    agreement = Agreement.for_circle(people.partners)
    agreement.style = steps.TURNS
    agreement.save()

    alex = repair_section(home(people, "alex"))
    sam = repair_section(home(people, "sam"))

    assert "Take your turn" in alex
    assert "your turn is coming" in sam
    assert reverse("rupture", args=[rupture.pk]) in sam


def test_after_the_conversation_it_asks_for_my_word_on_trust_until_i_give_it(
    people: Personas, rupture: Rupture
) -> None:
    take_steps(rupture, people, len(steps.STEPS))
    close_url = reverse("rupture_close", args=[rupture.pk])

    assert close_url in repair_section(home(people, "sam"))
    actions.mark_closure(people.sam, rupture, False, "Not yet")
    assert close_url not in repair_section(home(people, "sam"))
    assert close_url in repair_section(home(people, "alex"))


def test_a_closed_rupture_waits_on_nobody(people: Personas, rupture: Rupture) -> None:
    take_steps(rupture, people, len(steps.STEPS))
    actions.mark_closure(people.alex, rupture, True)
    actions.mark_closure(people.sam, rupture, True)

    assert repair_section(home(people, "alex")) == ""
    assert repair_section(home(people, "sam")) == ""


def test_commitments_are_due_on_their_day_for_everyone_until_each_answers(
    people: Personas, rupture: Rupture
) -> None:
    commitment = actions.add_commitment(people.sam, rupture, "Ask before assuming", FOLLOW_UP_DAY)
    follow_up_url = reverse("commitment_follow_up", args=[commitment.pk])

    assert "Ask before assuming" not in repair_section(home(people, "alex"))
    with time_machine.travel(ON_THE_DAY, tick=False):
        alex = repair_section(home(people, "alex"))
        sam = repair_section(home(people, "sam"))
        actions.follow_up(people.sam, commitment, "yes")
        sam_after = repair_section(home(people, "sam"))
        alex_after = repair_section(home(people, "alex"))

    assert f"[{follow_up_url}] Sam: “Ask before assuming”" in alex
    assert f"[{follow_up_url}] You: “Ask before assuming”" in sam
    assert "Ask before assuming" not in sam_after
    assert "Ask before assuming" in alex_after


def test_a_closed_repairs_commitments_still_come_due(people: Personas, rupture: Rupture) -> None:
    actions.add_commitment(people.sam, rupture, "Ask before assuming", FOLLOW_UP_DAY)
    Rupture.objects.filter(pk=rupture.pk).update(status=Rupture.Status.CLOSED)

    with time_machine.travel(ON_THE_DAY, tick=False):
        assert "Ask before assuming" in repair_section(home(people, "alex"))


def test_due_commitments_cost_no_query_per_row(people: Personas, rupture: Rupture) -> None:
    def queries_for_home() -> int:
        with CaptureQueriesContext(connection) as captured:
            home(people, "alex")
        return len(captured)

    actions.add_commitment(people.sam, rupture, "First", FOLLOW_UP_DAY)
    with time_machine.travel(ON_THE_DAY, tick=False):
        queries_for_home()  # warm up: a first visit does one-off work (the circle agreement)
        one = queries_for_home()
    for text in ("Second", "Third", "Fourth"):
        actions.add_commitment(people.alex, rupture, text, FOLLOW_UP_DAY)
    with time_machine.travel(ON_THE_DAY, tick=False):
        four = queries_for_home()

    assert four == one


def test_a_pause_nobody_came_back_from_carries_a_gentle_nudge_then_makes_way(
    people: Personas,
) -> None:
    actions.start_pause(people.alex, people.partners)
    day_and_a_bit = timezone.now() + timedelta(hours=25)
    with time_machine.travel(day_and_a_bit, tick=False):
        section = repair_section(home(people, "sam"))
    assert "I need a breather" in section
    assert "a small step back toward each other" in section

    three_days = timezone.now() + timedelta(days=3)
    with time_machine.travel(three_days, tick=False):
        assert "I need a breather" not in home(people, "sam")
