"""My reminders for a ritual: how long before each time I'd like a nudge. Mine alone; quiet
hours are set once, on the person."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.rituals.models import ReminderSetting, Ritual


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
        created_at=datetime(2025, 11, 30, tzinfo=UTC),
    )


def ticked(page: str) -> list[str]:
    """The lead times ticked on the page, in minutes."""
    return re.findall(r'name="lead_minutes" value="(\d+)"[^>]*\bchecked', page)


def url(ritual: Ritual) -> str:
    return reverse("ritual_reminders", args=[ritual.pk])


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, ritual: Ritual, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(ritual)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, ritual: Ritual) -> None:
    response = people.client("anonymous").post(url(ritual), {"lead_minutes": ["10"]})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(ritual)}"
    assert not ReminderSetting.objects.exists()


@pytest.mark.parametrize("name", ["robin", "olive"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_people_outside_the_circle_find_nothing(
    people: Personas, ritual: Ritual, name: str, method: str
) -> None:
    response = getattr(people.client(name), method)(url(ritual), {"lead_minutes": ["10"]})

    assert response.status_code == 404
    assert not ReminderSetting.objects.exists()


def test_an_hour_before_is_ticked_until_i_choose(people: Personas, ritual: Ritual) -> None:
    page = text_of(people.client("alex").get(url(ritual)))

    assert ticked(page) == ["60"]
    for label in ("10 minutes before", "30 minutes before", "3 hours before", "a day before"):
        assert label in page


def test_i_can_choose_several_lead_times(people: Personas, ritual: Ritual) -> None:
    response = people.client("sam").post(url(ritual), {"lead_minutes": ["10", "1440"]}, follow=True)

    assert response.redirect_chain == [(reverse("ritual", args=[ritual.pk]), 302)]
    assert "Saved. You'll get 2 reminders before each “Our Sunday reflection”." in (
        text_of(response)
    )
    setting = ReminderSetting.objects.get()
    assert (setting.person, setting.ritual) == (people.sam, ritual)
    assert setting.lead_minutes == [1440, 10]
    assert setting.updated_at == CURRENT_TIME


def test_ticking_none_means_no_reminders(people: Personas, ritual: Ritual) -> None:
    response = people.client("sam").post(url(ritual), {}, follow=True)

    assert "Saved. No reminders for this one" in text_of(response)
    assert ReminderSetting.objects.get().lead_minutes == []
    assert ticked(text_of(people.client("sam").get(url(ritual)))) == []


def test_choosing_again_replaces_my_choice(people: Personas, ritual: Ritual) -> None:
    client = people.client("alex")
    client.post(url(ritual), {"lead_minutes": ["10"]})
    client.post(url(ritual), {"lead_minutes": ["30"]})

    assert ReminderSetting.objects.get().lead_minutes == [30]
    assert ticked(text_of(client.get(url(ritual)))) == ["30"]


def test_my_choice_is_mine_alone(people: Personas, ritual: Ritual) -> None:
    people.client("alex").post(url(ritual), {"lead_minutes": ["1440"]})

    page = text_of(people.client("sam").get(url(ritual)))

    assert ticked(page) == ["60"]
    assert ReminderSetting.objects.filter(person=people.sam).count() == 0


def test_it_mentions_my_quiet_hours(people: Personas, ritual: Ritual) -> None:
    people.alex.quiet_from, people.alex.quiet_until = time(22), time(7)
    people.alex.save()

    page = text_of(people.client("alex").get(url(ritual)))

    assert "Your quiet hours are 22:00\N{EN DASH}07:00" in page


def test_an_unknown_lead_time_is_refused_and_my_other_ticks_kept(
    people: Personas, ritual: Ritual
) -> None:
    response = people.client("alex").post(url(ritual), {"lead_minutes": ["30", "7"]})

    page = text_of(response)
    assert response.status_code == 200
    assert "Choose from the times listed." in page
    assert ticked(page) == ["30"]
    assert not ReminderSetting.objects.exists()
