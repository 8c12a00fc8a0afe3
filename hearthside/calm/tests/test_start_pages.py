"""The three start pages: what each tool is, an optional "how strong is it?", and Begin."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.calm.models import CalmSession
from hearthside.calm.tests.conftest import main_of, text_of
from hearthside.repair.models import Pause

START_PAGES = [
    "/calm/breathe/",
    "/calm/breathe/box/",
    "/calm/breathe/4-7-8/",
    "/calm/breathe/resonant/",
    "/calm/ground/",
    "/calm/kindness/",
]


@pytest.mark.parametrize("url", START_PAGES)
def test_anyone_signed_in_can_open_a_tool_without_a_pause(people: Personas, url: str) -> None:
    response = people.client("olive").get(url)

    assert response.status_code == 200
    page = main_of(response)
    assert "Back to the pause" not in page
    assert "This isn't safe for me" in page
    assert ">Begin</button>" in page
    assert "How strong is it right now?" in page


@pytest.mark.parametrize("url", START_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, url: str) -> None:
    response = people.client("anonymous").get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("url", START_PAGES)
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, url: str, method: str) -> None:
    assert getattr(people.client("alex"), method)(url).status_code == 405


def test_breathing_starts_with_box_breathing(people: Personas) -> None:
    page = main_of(people.client("sam").get("/calm/breathe/"))

    assert '<h2 id="pattern-heading">Box breathing</h2>' in page
    assert re.findall(r"<li>([^<]+ for [^<]+)</li>", page) == [
        "Breathe in for 4 seconds",
        "Hold for 4 seconds",
        "Breathe out for 4 seconds",
        "Hold for 4 seconds",
    ]
    assert 'href="/calm/breathe/box/" class="radio" aria-current="true"' in page


def test_four_seven_eight_breathing_says_its_rhythm(people: Personas) -> None:
    page = main_of(people.client("sam").get("/calm/breathe/4-7-8/"))

    assert "4-7-8 breathing" in page
    assert "Hold for 7 seconds" in page
    assert "Breathe out for 8 seconds" in page
    assert 'href="/calm/breathe/4-7-8/" class="radio" aria-current="true"' in page


def test_slow_even_breathing_is_about_five_and_a_half_a_minute(people: Personas) -> None:
    page = main_of(people.client("sam").get("/calm/breathe/resonant/"))

    assert "About five and a half breaths a minute" in page
    assert "Breathe in for about 5.5 seconds" in page
    assert "Breathe out for about 5.5 seconds" in page
    assert "Hold for" not in page


def test_an_unknown_pattern_is_not_found(people: Personas) -> None:
    assert people.client("sam").get("/calm/breathe/7-11/").status_code == 404


def test_grounding_and_kindness_say_what_they_are_before_beginning(people: Personas) -> None:
    ground = main_of(people.client("sam").get("/calm/ground/"))
    kindness = main_of(people.client("sam").get("/calm/kindness/"))

    assert "<h1>Ground yourself: 5-4-3-2-1</h1>" in ground
    assert "Come back to the room you're in" in ground
    assert "<h1>Be kind to yourself</h1>" in kindness
    assert "Nothing you think here is written down." in kindness


def test_the_rating_is_a_labelled_scale_from_nought_to_ten(people: Personas) -> None:
    page = main_of(people.client("sam").get("/calm/ground/"))

    assert re.findall(r'<input type="radio" name="distress" value="(\d+)"', page) == [
        str(n) for n in range(11)
    ]
    assert '<fieldset class="calm-scale" aria-describedby="distress-help">' in page
    assert "0 is settled, 10 is as strong as it gets." in page


def test_beginning_with_a_rating_starts_my_session(people: Personas) -> None:
    response = people.client("alex").post("/calm/breathe/4-7-8/", {"distress": "7"})

    session = CalmSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/calm/sessions/{session.pk}/"
    assert (session.author, session.tool, session.pattern) == (people.alex, "breathe", "4-7-8")
    assert session.distress_before == 7
    assert session.finished_at is None
    assert session.pause is None


@pytest.mark.parametrize(
    ("url", "tool"), [("/calm/ground/", "ground"), ("/calm/kindness/", "kindness")]
)
def test_beginning_without_a_rating_is_fine(people: Personas, url: str, tool: str) -> None:
    response = people.client("sam").post(url, {})

    session = CalmSession.objects.get()
    assert response["Location"] == f"/calm/sessions/{session.pk}/"
    assert (session.tool, session.pattern, session.distress_before) == (tool, "", None)


@pytest.mark.parametrize("bad", ["11", "-1", "seven", "7.5"])
def test_a_rating_off_the_scale_is_kindly_refused(people: Personas, bad: str) -> None:
    response = people.client("alex").post("/calm/breathe/", {"distress": bad})

    assert response.status_code == 200
    assert "Pick a number from 0 to 10, or leave it blank" in text_of(response)
    assert 'aria-describedby="distress-help distress-error"' in text_of(response)
    assert not CalmSession.objects.exists()


def test_from_a_pause_the_tool_leads_back_and_remembers_it(people: Personas, pause: Pause) -> None:
    client = people.client("sam")
    page = main_of(client.get(f"/calm/breathe/?pause={pause.pk}"))

    assert f'<a href="/pauses/{pause.pk}/">Back to the pause</a>' in page
    assert f'href="/calm/breathe/4-7-8/?pause={pause.pk}"' in page

    client.post(f"/calm/breathe/resonant/?pause={pause.pk}", {"distress": "8"})

    session = CalmSession.objects.get()
    assert (session.author, session.pause, session.pattern) == (people.sam, pause, "resonant")


@pytest.mark.parametrize("url", ["/calm/breathe/", "/calm/ground/", "/calm/kindness/"])
@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_a_pause_outside_my_circles_is_not_found(
    people: Personas, pause: Pause, url: str, persona: str
) -> None:
    client = people.client(persona)
    hidden = client.get(f"{url}?pause={pause.pk}")
    missing = client.get(f"{url}?pause=987654")
    posted = client.post(f"{url}?pause={pause.pk}", {"distress": "5"})

    assert hidden.status_code == missing.status_code == posted.status_code == 404
    assert hidden.content == missing.content
    assert not CalmSession.objects.exists()


@pytest.mark.parametrize("raw", ["1 or 1=1", "-3", "abc"])
def test_a_pause_that_is_not_a_number_is_not_found(people: Personas, raw: str) -> None:
    assert people.client("alex").get("/calm/ground/", {"pause": raw}).status_code == 404


@pytest.mark.parametrize("url", START_PAGES)
def test_the_pages_carry_no_inline_script_or_style(people: Personas, url: str) -> None:
    page = text_of(people.client("sam").get(url))

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert " style=" not in page
    assert '<script src="/static/hearthside/calm.js" defer></script>' in page
    assert '<link rel="stylesheet" href="/static/hearthside/calm.css">' in page
