"""The calming screens: paced breathing and 5-4-3-2-1 grounding, with a way back to the pause."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.repair import actions
from hearthside.repair.models import Pause

SCREENS = ["calm_breathe", "calm_ground"]


@pytest.fixture
def pause(people: Personas) -> Pause:
    return actions.start_pause(people.alex, people.partners)


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def get(people: Personas, persona: str, screen: str, **query: Any) -> Any:
    return people.client(persona).get(reverse(screen), query)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, screen: str, method: str) -> None:
    assert getattr(people.client("alex"), method)(reverse(screen)).status_code == 405


@pytest.mark.parametrize("screen", SCREENS)
def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, screen: str) -> None:
    response = people.client("anonymous").get(reverse(screen))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={reverse(screen)}"


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_a_pause_outside_my_circles_is_not_found(
    people: Personas, pause: Pause, screen: str, persona: str
) -> None:
    hidden = get(people, persona, screen, pause=pause.pk)
    missing = get(people, persona, screen, pause=987_654)

    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


@pytest.mark.parametrize("screen", SCREENS)
def test_a_pause_that_is_not_a_number_is_not_found(people: Personas, screen: str) -> None:
    assert get(people, "alex", screen, pause="1 or 1=1").status_code == 404


@pytest.mark.parametrize("screen", SCREENS)
def test_anyone_signed_in_can_calm_down_without_a_pause(people: Personas, screen: str) -> None:
    response = get(people, "olive", screen)

    assert response.status_code == 200
    page = text_of(response)
    assert "Back to the pause" not in page
    assert "This isn't safe for me" in page


@pytest.mark.parametrize("screen", SCREENS)
def test_a_member_is_led_back_to_the_pause(people: Personas, pause: Pause, screen: str) -> None:
    page = text_of(get(people, "sam", screen, pause=pause.pk))

    assert f'href="{reverse("pause", args=[pause.pk])}">Back to the pause</a>' in page


def test_breathing_starts_with_box_breathing(people: Personas) -> None:
    page = text_of(get(people, "sam", "calm_breathe"))

    assert '<h2 id="pattern-heading">Box breathing</h2>' in page
    assert 'class="breath breath-box"' in page
    assert re.findall(r'<span class="cue cue-\d">([^<]+)</span>', page) == [
        "Breathe in",
        "Hold",
        "Breathe out",
        "Hold",
    ]
    assert "Breathe in for 4 seconds" in page
    assert "Hold for 4 seconds" in page


def test_four_seven_eight_breathing_can_be_chosen(people: Personas) -> None:
    page = text_of(get(people, "sam", "calm_breathe", pattern="478"))

    assert 'class="breath breath-478"' in page
    assert "Hold for 7 seconds" in page
    assert "Breathe out for 8 seconds" in page


def test_slow_even_breathing_is_about_five_and_a_half_a_minute(people: Personas) -> None:
    page = text_of(get(people, "sam", "calm_breathe", pattern="resonant"))

    assert 'class="breath breath-resonant"' in page
    assert "Breathe in for 5.5 seconds" in page
    assert "Breathe out for 5.5 seconds" in page
    assert "Hold for" not in page


def test_an_unknown_pattern_falls_back_to_box_breathing(people: Personas) -> None:
    page = text_of(get(people, "sam", "calm_breathe", pattern="<script>"))

    assert 'class="breath breath-box"' in page
    assert "<script>" not in page.split("<main", 1)[1]


def test_the_pattern_links_keep_the_way_back_to_the_pause(people: Personas, pause: Pause) -> None:
    page = text_of(get(people, "sam", "calm_breathe", pause=pause.pk, pattern="478"))

    assert f'href="?pattern=box&pause={pause.pk}"' in page
    assert f'href="?pattern=478&pause={pause.pk}" class="radio" aria-current="true"' in page


def test_the_breathing_keyframes_exist_for_every_pattern() -> None:
    from django.contrib.staticfiles import finders

    path = finders.find("hearthside/repair.css")
    assert path is not None
    with open(path, encoding="utf-8") as css:
        rules = css.read()
    for key in ("box", "478", "resonant"):
        assert f"@keyframes breath-{key}" in rules
    assert "prefers-reduced-motion" in rules


def test_grounding_begins_with_a_welcome(people: Personas) -> None:
    page = text_of(get(people, "sam", "calm_ground"))

    assert "Come back to the room you're in" in page
    assert 'href="?step=1">Begin</a>' in page


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
    page = text_of(get(people, "sam", "calm_ground", step=step))

    assert f"Step {step} of 5" in page
    assert title in page
    assert page.count('<input type="checkbox">') == count
    assert f'href="?step={step + 1}"' in page
    assert f'href="?step={step - 1}"' in page


def test_the_last_sense_leads_to_the_close(people: Personas, pause: Pause) -> None:
    last = text_of(get(people, "sam", "calm_ground", step=5, pause=pause.pk))
    close = text_of(get(people, "sam", "calm_ground", step=6, pause=pause.pk))

    assert f'href="?step=6&pause={pause.pk}">Finish</a>' in last
    assert "You're here" in close
    assert f'href="?step=1&pause={pause.pk}">Go round once more</a>' in close


@pytest.mark.parametrize(
    ("raw", "expected"), [("abc", "Begin"), ("-2", "Begin"), ("99", "You're here")]
)
def test_an_odd_step_lands_somewhere_gentle(people: Personas, raw: str, expected: str) -> None:
    response = get(people, "sam", "calm_ground", step=raw)

    assert response.status_code == 200
    assert expected in text_of(response)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_screens_work_without_any_script_of_their_own(people: Personas, screen: str) -> None:
    page = text_of(get(people, "sam", screen, step=1))

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert "pause.js" not in page
    assert " style=" not in page
