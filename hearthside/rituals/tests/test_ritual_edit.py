"""Changing a ritual: any member of its circle can, and only they can."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.rituals.models import Occurrence, Ritual


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def ritual(people: Personas) -> Ritual:
    return Ritual.objects.create(
        circle=people.partners,
        created_by=people.alex,
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


def url(ritual: Ritual) -> str:
    return reverse("ritual_edit", args=[ritual.pk])


def data(**changes: Any) -> dict[str, Any]:
    values = {
        "title": "Our Saturday walk",
        "description": "Out & about",
        "freq": "weekly",
        "interval": "1",
        "weekdays": ["5"],
        "at": "10:00",
        "time_zone": "Europe/London",
        "starts_on": "2025-12-01",
        "duration": "45",
        "agenda": "How are you, really?",
    }
    values.update(changes)
    return values


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, ritual: Ritual, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(ritual)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, ritual: Ritual) -> None:
    response = people.client("anonymous").post(url(ritual), data())

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(ritual)}"
    ritual.refresh_from_db()
    assert ritual.title == "Our Sunday reflection"


@pytest.mark.parametrize("name", ["robin", "olive"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_people_outside_the_circle_find_nothing(
    people: Personas, ritual: Ritual, name: str, method: str
) -> None:
    response = getattr(people.client(name), method)(url(ritual), data())

    assert response.status_code == 404
    ritual.refresh_from_db()
    assert ritual.title == "Our Sunday reflection"


def test_the_form_shows_the_ritual_as_it_is(people: Personas, ritual: Ritual) -> None:
    page = text_of(people.client("sam").get(url(ritual)))

    assert 'value="Our Sunday reflection"' in page
    assert 'value="6" id="id_weekdays_6" checked' in page
    assert 'value="19:00"' in page
    assert "One thing you appreciated\nWhat went well?</textarea>" in page
    assert 'name="circle"' not in page  # a ritual stays in its circle


def test_my_partner_can_change_it(people: Personas, ritual: Ritual) -> None:
    response = people.client("sam").post(url(ritual), data(), follow=True)

    assert response.redirect_chain == [(reverse("ritual", args=[ritual.pk]), 302)]
    assert "Saved. Everyone in the circle sees the new version." in text_of(response)
    ritual.refresh_from_db()
    assert ritual.title == "Our Saturday walk"
    assert ritual.weekdays == "5"
    assert ritual.at == time(10)
    assert ritual.duration == 45
    assert ritual.agenda == ["How are you, really?"]
    assert ritual.created_by == people.alex
    assert ritual.circle == people.partners


def test_a_ritual_cannot_be_moved_to_another_circle(people: Personas, ritual: Ritual) -> None:
    people.client("alex").post(url(ritual), data(circle=people.friends.pk))

    ritual.refresh_from_db()
    assert ritual.circle == people.partners


def test_what_already_happened_stays_after_a_change(people: Personas, ritual: Ritual) -> None:
    last_sunday = datetime(2026, 3, 1, 19, tzinfo=UTC)
    Occurrence.objects.create(ritual=ritual, scheduled_for=last_sunday, status="done")

    people.client("alex").post(url(ritual), data())

    response = people.client("alex").get(reverse("occurrence", args=[ritual.pk, "20260301T1900Z"]))
    assert response.status_code == 200
    assert "Done" in text_of(response)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekdays": []}, "Choose at least one day of the week."),
        ({"freq": "monthly"}, "Choose which week and which day — for example, the first Sunday."),
        ({"interval": "12"}, "Choose a number between 1 and 8."),
        ({"starts_on": "someday"}, "Write the date like 2026-03-08."),
    ],
)
def test_bad_input_is_explained_and_what_i_typed_is_kept(
    people: Personas, ritual: Ritual, changes: dict[str, Any], message: str
) -> None:
    response = people.client("alex").post(url(ritual), data(**changes))

    page = text_of(response)
    assert response.status_code == 200
    assert message in page
    assert 'value="Our Saturday walk"' in page
    assert "Out & about" in page
    ritual.refresh_from_db()
    assert ritual.title == "Our Sunday reflection"
