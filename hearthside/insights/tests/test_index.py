"""/insights/: what my own practice adds up to. Only my own data and what my circles shared
with me; nobody else's private check-ins, reflections or calm sessions, not even as counts."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.calm.models import CalmSession
from hearthside.insights import gather
from hearthside.insights.tests.conftest import ALEX_TRIGGER, SAM_ONLY, TODAY, Story, local, words_of
from hearthside.practice.models import CheckIn
from hearthside.repair.models import Reflection

URL = "/insights/"


def test_the_url_is_named_insights() -> None:
    assert reverse("insights") == URL


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


@pytest.mark.parametrize("persona", ["alex", "sam", "robin", "olive"])
def test_everyone_signed_in_has_a_page_of_their_own(people: Personas, persona: str) -> None:
    response = people.client(persona).get(URL)
    assert response.status_code == 200
    assert "Your emotional weather" in words_of(response)


def test_a_new_person_gets_kind_empty_states_not_zeros_dressed_as_findings(
    people: Personas,
) -> None:
    text = words_of(people.client("olive").get(URL))
    assert "Your weather map fills in as you check in" in text
    assert "No moods in this period yet." in text
    assert "Not enough data yet: 0 days one of your circles kept a ritual" in text
    assert "canvas" not in people.client("olive").get(URL).content.decode()


def test_my_weather_map_and_charts_come_from_my_check_ins(people: Personas, story: Story) -> None:
    response = people.client("alex").get(URL + "?period=90d")
    text = words_of(response)
    page = response.content.decode()

    assert "You checked in on 40 days in this period; your mood was most often “Okay”." in text
    # Each day of the map has the colour of its mood and says it in words too.
    sunday = (TODAY - timedelta(days=3)).day  # 1 March
    assert re.search(rf'<td class="wx-4" title="1 Mar: Good[^"]*">{sunday}<', page)
    assert '<td class="wx-3"' in page and '<td class="wx-none">' in page
    assert "“content” came up most often, on 40 days." in text
    assert "The need you named most was “rest”, on 40 days." in text
    # Every chart has its canvas, its data and the same numbers as a table.
    for chart in ("chart-feelings", "chart-mood", "chart-feeling-balance", "chart-needs"):
        assert f'<canvas id="{chart}"' in page
        assert f'<script id="{chart}-data" type="application/json">' in page
    assert page.count("Show the numbers as a table") >= 5


def test_my_triggers_and_calm_sessions_are_summed_up_for_me_only(
    people: Personas, story: Story
) -> None:
    text = words_of(people.client("alex").get(URL))

    assert "Across 1 reflection, the need that went unmet most often was “belonging”" in text
    assert (
        "“Breathe” helped most: on average from 7 before to 4 after, over 3 rated sessions." in text
    )


def test_rituals_kept_say_it_kindly_and_count_the_period(people: Personas, story: Story) -> None:
    text = words_of(people.client("alex").get(URL))
    assert "Sunday reflection" in text
    assert "8 of the last 9 Sundays" in text
    assert "Your circles kept rituals 8 times in this period." in text


def test_comparisons_show_their_days_and_wait_for_enough(people: Personas, story: Story) -> None:
    text = words_of(people.client("alex").get(URL + "?period=90d"))
    # Only 6 ritual Sundays fall within the 40 days of check-ins: not enough to say anything.
    assert (
        "Not enough data yet: 6 days one of your circles kept a ritual and 34 other days with a "
        "mood; it takes 14 of each." in text
    )
    assert (
        "Not enough data yet: 3 days you'd said you were stretched thin and 37 other days" in text
    )
    assert "Your mood averaged 4 on" not in text


def test_a_comparison_with_enough_days_says_how_much_higher_and_on_how_many_days(
    people: Personas, story: Story
) -> None:
    # Sleepy on 20 of the 40 days, with a lower mood on those.
    for checkin in CheckIn.objects.filter(author=people.alex).order_by("created_at")[:20]:
        checkin.mood, checkin.body_signals = 2, ["steady"]
        checkin.save()
    text = words_of(people.client("alex").get(URL + "?period=90d"))
    assert re.search(
        r"Your mood averaged 3\.\d on days you noted “sleepy” and 2 on other days, 1\.\d higher "
        r"\(20 and 20 days\)\.",
        text,
    ), text


def test_from_my_circles_counts_only_what_was_shared_with_me(
    people: Personas, story: Story
) -> None:
    text = words_of(people.client("alex").get(URL))
    assert "Thank-yous you received 3" in text  # two from Sam, one from Robin
    assert "Times you felt heard 3" in text
    assert "Times someone felt heard by you 1" in text  # Robin, by Alex's reply
    assert "Your needs that were met 1" in text
    assert (
        f'href="/circles/{people.partners.pk}/insights/"'
        in people.client("alex").get(URL).content.decode()
    )


def test_sams_private_things_never_reach_alexs_page(people: Personas, story: Story) -> None:
    response = people.client("alex").get(URL + "?period=all")
    text = words_of(response)
    for secret in SAM_ONLY:
        assert secret not in text
    assert ALEX_TRIGGER not in text  # reflections are summed up, their words not quoted whole


@pytest.mark.parametrize("period", ["90d", "all"])
def test_sams_private_things_do_not_move_any_of_alexs_numbers(
    people: Personas, story: Story, period: str
) -> None:
    before = gather.for_me(people.alex, period)
    page_before = words_of(people.client("alex").get(f"{URL}?period={period}"))

    CheckIn.objects.bulk_create(
        CheckIn(
            author=people.sam,
            mood=5,
            feelings=["delighted"],
            body_signals=["sleepy"],
            created_at=local(TODAY - timedelta(days=d)),
        )
        for d in range(1, 200)
    )
    CalmSession.objects.create(author=people.sam, tool="breathe", pattern="box", distress_before=1)
    Reflection.objects.filter(author=people.sam).update(unmet_needs=["rest"], feelings=["hurt"])

    assert gather.for_me(people.alex, period) == before
    assert words_of(people.client("alex").get(f"{URL}?period={period}")) == page_before


def test_a_period_that_is_not_offered_falls_back_to_the_last_twelve_months(
    people: Personas, story: Story
) -> None:
    text = words_of(people.client("alex").get(URL + "?period=' OR 1=1"))
    assert "Showing the last 12 months." in text
    assert 'aria-current="page">12 months' in people.client("alex").get(URL).content.decode()


def test_chart_data_is_json_the_page_never_runs(people: Personas, story: Story) -> None:
    page = people.client("alex").get(URL).content.decode()
    match = re.search(r'<script id="chart-mood-data" type="application/json">(.*?)</script>', page)
    assert match is not None
    spec = json.loads(match.group(1))
    assert spec["kind"] == "line" and spec["yMin"] == 1 and spec["yMax"] == 5
    assert spec["labels"][-1] == "Mar 2026"
    assert spec["datasets"][0]["data"][-1] == 3.33  # 1, 2 and 3 March: 4, 3 and 3
    # Scripts come from files only: the strict CSP stays as it is.
    assert re.findall(r"<script(?![^>]*(?:src=|application/json))", page) == []
