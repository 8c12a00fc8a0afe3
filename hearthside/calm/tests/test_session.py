"""A running session and its end: the breathing guide, grounding and kindness one step at a
time, "and now?" with Finish, the done page, and forgetting a session."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from conftest import Personas
from hearthside.calm import sessions
from hearthside.calm.models import CalmSession
from hearthside.calm.tests.conftest import main_of, text_of
from hearthside.circles.models import Membership
from hearthside.repair.models import Pause


def url(session: CalmSession, suffix: str = "") -> str:
    return f"/calm/sessions/{session.pk}/{suffix}"


# --- Breathing --------------------------------------------------------------------------------


def test_the_breathing_guide_has_every_phase_with_its_length(
    people: Personas, alex_session: CalmSession
) -> None:
    page = main_of(people.client("alex").get(url(alex_session)))

    assert '<h2 id="pattern-heading">4-7-8 breathing</h2>' in page
    assert 'class="calm-breath calm-breath-478" data-calm-breath' in page
    assert re.findall(r'data-seconds="([\d.]+)" data-kind="(\w+)">([^<]+)<', page) == [
        ("4", "in", "Breathe in"),
        ("7", "full", "Hold"),
        ("8", "out", "Breathe out"),
    ]


def test_resonant_timings_reach_the_page_exactly(people: Personas) -> None:
    session = sessions.start(people.sam, "breathe", pattern="resonant")

    page = main_of(people.client("sam").get(url(session)))

    assert re.findall(r'data-seconds="([\d.]+)"', page) == ["5.45", "5.45"]


def test_sound_and_vibration_are_off_until_asked_for(
    people: Personas, alex_session: CalmSession
) -> None:
    page = main_of(people.client("alex").get(url(alex_session)))

    assert "A soft tone when the breath changes" in page
    assert "A gentle buzz when the breath changes" in page
    assert "checked" not in page
    # The controls need the script; without it they stay hidden and the circle runs on CSS.
    assert '<div class="calm-controls" data-calm-controls hidden>' in page
    assert "<audio" not in page


def test_the_breathing_page_ends_with_and_now_and_finish(
    people: Personas, alex_session: CalmSession
) -> None:
    page = main_of(people.client("alex").get(url(alex_session)))

    assert "When you're ready to stop" in page
    assert f'action="/calm/sessions/{alex_session.pk}/finish/"' in page
    assert "<legend>And now?</legend>" in page
    assert ">Finish</button>" in page
    assert f'<a href="/pauses/{alex_session.pause_id}/">Back to the pause</a>' in page


# --- Grounding and kindness, one step at a time -----------------------------------------------


@pytest.mark.parametrize(
    ("step", "title", "count"),
    [
        (1, "Five things you can see", 5),
        (2, "Four things you can touch", 4),
        (3, "Three things you can hear", 3),
        (4, "Two things you can smell", 2),
        (5, "One thing you can taste", 1),
    ],
)
def test_grounding_walks_through_the_senses_one_at_a_time(
    people: Personas, step: int, title: str, count: int
) -> None:
    session = sessions.start(people.sam, "ground")

    page = main_of(people.client("sam").get(url(session), {"step": step}))

    assert f"Step {step} of 5" in page
    assert f'<h2 id="step-heading">{title}</h2>' in page
    assert page.count('<input type="checkbox">') == count
    assert f'href="?step={step + 1}">Next</a>' in page
    assert (f'href="?step={step - 1}">Back a step</a>' in page) == (step > 1)
    assert "And now?" not in page


def test_the_last_step_leads_to_the_close_with_finish(people: Personas) -> None:
    session = sessions.start(people.sam, "ground")

    page = main_of(people.client("sam").get(url(session), {"step": 6}))

    assert "You're here" in page
    assert "<legend>And now?</legend>" in page
    assert 'href="?step=1">Go round once more</a>' in page


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", "Step 1 of 5"), ("abc", "Step 1 of 5"), ("0", "Step 1 of 5"), ("99", "You're here")],
)
def test_an_odd_step_lands_somewhere_gentle(people: Personas, raw: str, expected: str) -> None:
    session = sessions.start(people.sam, "ground")

    response = people.client("sam").get(url(session), {"step": raw})

    assert response.status_code == 200
    assert expected in text_of(response)


@pytest.mark.parametrize(
    ("step", "title", "example"),
    [
        (1, "Say that it's hard", "“This really hurts.”"),
        (2, "Remember you're not the only one", "“I'm not on my own with this.”"),
        (3, "Offer yourself some kindness", "“It's alright to rest.”"),
    ],
)
def test_kindness_goes_one_quiet_step_at_a_time(
    people: Personas, step: int, title: str, example: str
) -> None:
    session = sessions.start(people.sam, "kindness")

    page = main_of(people.client("sam").get(url(session), {"step": step}))

    assert f"Step {step} of 3" in page
    assert f'<h2 id="step-heading">{title}</h2>' in page
    assert example in page
    assert "<textarea" not in page  # nothing to write down, nothing kept
    assert '<input type="checkbox">' not in page


def test_kindness_closes_with_something_to_take_away(people: Personas) -> None:
    session = sessions.start(people.sam, "kindness")

    page = main_of(people.client("sam").get(url(session), {"step": 4}))

    assert "Take this with you" in page
    assert ">Finish</button>" in page


# --- Finishing --------------------------------------------------------------------------------


def test_finishing_keeps_how_it_feels_now_and_shows_the_change(
    people: Personas, alex_session: CalmSession
) -> None:
    client = people.client("alex")
    response = client.post(url(alex_session, "finish/"), {"distress": "4"})

    assert response.status_code == 302
    assert response["Location"] == url(alex_session)
    alex_session.refresh_from_db()
    assert alex_session.finished_at == timezone.now()
    assert alex_session.distress_after == 4

    page = main_of(client.get(url(alex_session)))
    assert "Before: 7" in page
    assert "After: 4" in page
    assert "Lighter: down by 3." in page
    assert (
        f'<a class="button primary" href="/pauses/{alex_session.pause_id}/">Back to the pause</a>'
        in page
    )
    assert 'href="/calm/">See what helps me</a>' in page
    assert f'href="/calm/breathe/4-7-8/?pause={alex_session.pause_id}">Once more</a>' in page


def test_finishing_without_a_number_is_fine(people: Personas) -> None:
    session = sessions.start(people.sam, "kindness")

    people.client("sam").post(url(session, "finish/"), {})

    session.refresh_from_db()
    assert session.is_finished and session.distress_after is None
    page = main_of(people.client("sam").get(url(session)))
    assert "No numbers this time, and that's completely fine." in page
    assert 'class="button primary" href="/calm/">See what helps me</a>' in page


def test_feeling_worse_afterwards_is_met_gently(people: Personas) -> None:
    session = sessions.start(people.sam, "ground", distress_before=5)
    people.client("sam").post(url(session, "finish/"), {"distress": "7"})

    page = main_of(people.client("sam").get(url(session)))

    assert "feelings sometimes rise before they settle" in page
    assert 'href="/safety/">Where to find help</a>' in page


def test_an_after_rating_off_the_scale_keeps_me_on_the_close(people: Personas) -> None:
    session = sessions.start(people.sam, "ground", distress_before=6)

    response = people.client("sam").post(url(session, "finish/"), {"distress": "12"})

    assert response.status_code == 200
    page = main_of(response)
    assert "You're here" in page
    assert "Pick a number from 0 to 10, or leave it blank" in page
    session.refresh_from_db()
    assert not session.is_finished


def test_finishing_twice_keeps_the_first_answer(
    people: Personas, alex_session: CalmSession
) -> None:
    client = people.client("alex")
    client.post(url(alex_session, "finish/"), {"distress": "4"})
    again = client.post(url(alex_session, "finish/"), {"distress": "9"}, follow=True)

    alex_session.refresh_from_db()
    assert alex_session.distress_after == 4
    assert "You'd already finished this one, so it's kept as it was." in text_of(again)


def test_the_way_back_to_a_pause_goes_when_i_leave_that_circle(
    people: Personas, pause: Pause
) -> None:
    session = sessions.start(people.sam, "ground", pause=pause)
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )

    page = main_of(people.client("sam").get(url(session)))

    assert "Back to the pause" not in page
    assert f"/pauses/{pause.pk}/" not in page


def test_forgetting_a_session_removes_it(people: Personas, alex_session: CalmSession) -> None:
    response = people.client("alex").post(url(alex_session, "forget/"), follow=True)

    assert not CalmSession.objects.filter(pk=alex_session.pk).exists()
    assert "Forgotten. It's gone from your summary too." in text_of(response)
    assert response.redirect_chain == [("/calm/", 302)]


@pytest.mark.parametrize(
    ("suffix", "method"),
    [("", "post"), ("", "delete"), ("finish/", "get"), ("forget/", "get"), ("finish/", "put")],
)
def test_each_page_answers_only_its_own_method(
    people: Personas, alex_session: CalmSession, suffix: str, method: str
) -> None:
    response = getattr(people.client("alex"), method)(url(alex_session, suffix))

    assert response.status_code == 405
