"""The rituals page: my circles' rituals with their next time and how they've been kept
lately, and the starting points for a new one."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from conftest import Personas
from hearthside.rituals.models import Occurrence, Ritual
from hearthside.rituals.views import rituals_for_circle

URL = reverse("rituals")


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def ritual(people: Personas) -> Ritual:
    """Alex and Sam's Sunday reflection, kept since December (well before CURRENT_TIME)."""
    return Ritual.objects.create(
        circle=people.partners,
        created_by=people.alex,
        template="weekly-reflection",
        title="Our Sunday reflection",
        freq="weekly",
        weekdays="6",
        at=time(19),
        time_zone="Europe/London",
        starts_on=date(2025, 12, 1),
        duration=40,
        agenda=["One thing you appreciated", "What went well?"],
        created_at=datetime(2025, 11, 30, tzinfo=UTC),
    )


def sunday(day: date) -> datetime:
    return datetime.combine(day, time(19), tzinfo=UTC)  # 19:00 in London in winter


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


@pytest.mark.parametrize("name", ["alex", "sam"])
def test_both_partners_see_their_ritual_with_its_next_time(
    people: Personas, ritual: Ritual, name: str
) -> None:
    page = text_of(people.client(name).get(URL))

    assert "Our Sunday reflection" in page
    assert "Alex & Sam" in page
    assert "Every Sunday at 19:00" in page
    assert "Sunday 8 March, 19:00" in page
    assert reverse("occurrence", args=[ritual.pk, "20260308T1900Z"]) in page


@pytest.mark.parametrize("name", ["robin", "olive"])
def test_people_outside_the_circle_never_see_it(
    people: Personas, ritual: Ritual, name: str
) -> None:
    page = text_of(people.client(name).get(URL))

    assert "Our Sunday reflection" not in page
    assert reverse("ritual", args=[ritual.pk]) not in page


def test_the_next_time_is_shown_in_my_own_time_zone(people: Personas, ritual: Ritual) -> None:
    people.sam.time_zone = "America/New_York"
    people.sam.save()

    page = text_of(people.client("sam").get(URL))

    # New York is on daylight time from 8 March: 19:00 in London is 15:00 there.
    assert "Sunday 8 March, 15:00" in page
    assert "Every Sunday at 19:00, Europe/London time" in page


def test_it_says_how_the_ritual_has_been_kept_lately(people: Personas, ritual: Ritual) -> None:
    for day in (date(2026, 3, 1), date(2026, 2, 22), date(2026, 2, 8)):
        Occurrence.objects.create(ritual=ritual, scheduled_for=sunday(day), status="done")
    Occurrence.objects.create(
        ritual=ritual, scheduled_for=sunday(date(2026, 2, 15)), status="skipped"
    )

    page = text_of(people.client("sam").get(URL))

    assert "3 of the last 10 Sundays" in page
    assert page.count('class="mark kept"') == 3
    assert "streak" not in page.lower()


def test_a_skipped_next_time_is_passed_over(people: Personas, ritual: Ritual) -> None:
    Occurrence.objects.create(
        ritual=ritual, scheduled_for=sunday(date(2026, 3, 8)), status="skipped"
    )

    page = text_of(people.client("alex").get(URL))

    assert "Sunday 15 March, 19:00" in page
    assert "Sunday 8 March" not in page


def test_it_offers_every_starting_point(people: Personas) -> None:
    page = text_of(people.client("alex").get(URL))

    assert "Start a ritual" in page
    for slug, title in [
        ("after-work", "Check-in after work"),
        ("weekly-reflection", "Sunday reflection"),
        ("weekly-walk", "Weekly walk"),
        ("custom", "Our own ritual"),
    ]:
        assert f"{reverse('ritual_new')}?template={slug}" in page
        assert title in page


def test_someone_with_no_circle_is_pointed_to_circles_first(people: Personas) -> None:
    page = text_of(people.client("olive").get(URL))

    assert "Rituals belong to a circle, so start one with someone first." in page
    assert f"{reverse('ritual_new')}?template=" not in page


def test_archived_rituals_rest_at_the_bottom_without_a_next_time(
    people: Personas, ritual: Ritual
) -> None:
    ritual.archived_at = datetime(2026, 3, 1, tzinfo=UTC)
    ritual.save()

    page = text_of(people.client("alex").get(URL))

    assert "Resting" in page
    assert "Our Sunday reflection" in page
    assert "Sunday 8 March" not in page


def test_a_new_ritual_has_nothing_to_look_back_on(people: Personas, ritual: Ritual) -> None:
    ritual.created_at = datetime(2026, 3, 4, tzinfo=UTC)
    ritual.save()

    page = text_of(people.client("alex").get(URL))

    assert "Nothing to look back on yet — the first one is still ahead." in page


def test_the_list_costs_the_same_few_queries_however_many_rituals(
    people: Personas, ritual: Ritual, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        Ritual.objects.create(
            circle=people.partners,
            title=f"Walk {n}",
            freq="daily",
            at=time(7),
            time_zone="Europe/London",
            starts_on=date(2026, 1, 1),
        )
    client = people.client("alex")
    client.get(URL)  # warm the session

    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


def test_the_circle_page_lists_that_circles_rituals(people: Personas, ritual: Ritual) -> None:
    rows = rituals_for_circle(people.sam, people.partners)

    snippet = render_to_string(
        "rituals/_circle_rituals.html", {"circle": people.partners, "circle_rituals": rows}
    )

    assert [row.ritual for row in rows] == [ritual]
    assert "Our Sunday reflection" in snippet
    assert f"{reverse('ritual_new')}?circle={people.partners.pk}" in snippet
    assert rituals_for_circle(people.alex, people.friends) == []
    assert rituals_for_circle(people.olive, people.partners) == []
