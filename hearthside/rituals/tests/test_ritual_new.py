"""Starting a ritual: from one of the templates or from scratch, for one of my circles."""

from __future__ import annotations

import html
from datetime import date, time
from typing import Any

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.rituals.models import Ritual

URL = reverse("ritual_new")


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def weekly(people: Personas, **changes: Any) -> dict[str, Any]:
    data = {
        "template": "weekly-reflection",
        "circle": str(people.partners.pk),
        "title": "Sunday reflection",
        "description": "A kind look back & ahead",
        "freq": "weekly",
        "interval": "1",
        "weekdays": ["6"],
        "monthly_nth": "",
        "monthly_day": "",
        "at": "19:00",
        "time_zone": "Europe/London",
        "starts_on": "2026-03-08",
        "duration": "40",
        "agenda": "What went well?\n\n  One thing to work on, gently  \n",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").post(URL, weekly(people))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"
    assert not Ritual.objects.exists()


def test_a_template_fills_in_the_form(people: Personas) -> None:
    page = text_of(people.client("alex").get(f"{URL}?template=weekly-reflection"))

    assert 'value="Sunday reflection"' in page
    assert 'value="weekly" id="id_freq_1" required checked' in page
    assert 'value="6" id="id_weekdays_6" checked' in page  # Sunday
    assert 'value="19:00"' in page
    assert 'value="40"' in page
    assert "What could I do next week to help you feel loved?" in page
    assert '<option value="Europe/London" selected>' in page
    assert 'value="2026-03-04"' in page  # starting today


def test_the_daily_check_in_template_is_daily_after_work(people: Personas) -> None:
    page = text_of(people.client("alex").get(f"{URL}?template=after-work"))

    assert 'value="Check-in after work"' in page
    assert 'value="18:30"' in page
    assert 'name="template" value="after-work"' in page


def test_an_unknown_template_starts_from_scratch(people: Personas) -> None:
    page = text_of(people.client("alex").get(f"{URL}?template=nonsense"))

    assert 'value="Our own ritual"' in page
    assert 'name="template" value="custom"' in page


def test_the_time_zone_defaults_to_mine(people: Personas) -> None:
    people.alex.time_zone = "Asia/Tokyo"
    people.alex.save()

    page = text_of(people.client("alex").get(URL))

    assert '<option value="Asia/Tokyo" selected>' in page


def test_only_my_circles_are_offered(people: Personas) -> None:
    page = text_of(people.client("robin").get(URL))

    assert "Climbing friends" in page
    assert "Alex & Sam" not in page


def test_a_circle_in_the_link_is_chosen(people: Personas) -> None:
    page = text_of(people.client("alex").get(f"{URL}?circle={people.friends.pk}"))

    assert f'<option value="{people.friends.pk}" selected>' in page


@pytest.mark.parametrize("name", ["robin", "olive"])
def test_a_link_naming_someone_elses_circle_is_not_found(people: Personas, name: str) -> None:
    response = people.client(name).get(f"{URL}?circle={people.partners.pk}")

    assert response.status_code == 404


def test_a_friend_cannot_add_a_ritual_to_the_partners_circle(people: Personas) -> None:
    response = people.client("robin").post(URL, weekly(people))

    assert response.status_code == 200
    assert "Choose one of your own circles." in text_of(response)
    assert "A kind look back & ahead" in text_of(response)
    assert not Ritual.objects.exists()


def test_an_outsider_cannot_add_a_ritual_anywhere(people: Personas) -> None:
    response = people.client("olive").post(URL, weekly(people))

    assert response.status_code == 200
    assert "Rituals belong to a circle" in text_of(response)
    assert not Ritual.objects.exists()


def test_someone_with_no_circle_is_pointed_to_circles_first(people: Personas) -> None:
    page = text_of(people.client("olive").get(URL))

    assert "Rituals belong to a circle, so start one with someone first." in page


def test_it_creates_the_ritual_for_the_circle(people: Personas) -> None:
    response = people.client("alex").post(URL, weekly(people), follow=True)

    ritual = Ritual.objects.get()
    assert response.redirect_chain == [(reverse("ritual", args=[ritual.pk]), 302)]
    assert "“Sunday reflection” is ready. Everyone in Alex & Sam can see it and join in." in (
        text_of(response)
    )
    assert ritual.circle == people.partners
    assert ritual.created_by == people.alex
    assert ritual.template == "weekly-reflection"
    assert ritual.description == "A kind look back & ahead"
    assert (ritual.freq, ritual.interval, ritual.weekdays) == ("weekly", 1, "6")
    assert (ritual.monthly_nth, ritual.monthly_day) == (None, None)
    assert ritual.at == time(19)
    assert ritual.time_zone == "Europe/London"
    assert ritual.starts_on == date(2026, 3, 8)
    assert ritual.duration == 40
    assert ritual.agenda == ["What went well?", "One thing to work on, gently"]


def test_my_partner_sees_the_new_ritual(people: Personas) -> None:
    people.client("alex").post(URL, weekly(people))

    assert "Sunday reflection" in text_of(people.client("sam").get(reverse("rituals")))


def test_a_monthly_ritual_on_the_last_friday(people: Personas) -> None:
    people.client("alex").post(
        URL,
        weekly(people, freq="monthly", weekdays=["0", "2"], monthly_nth="-1", monthly_day="4"),
    )

    ritual = Ritual.objects.get()
    assert (ritual.freq, ritual.monthly_nth, ritual.monthly_day) == ("monthly", -1, 4)
    assert ritual.weekdays == ""  # days of the week belong to weekly rituals only
    assert ritual.schedule().rrule_text() == "FREQ=MONTHLY;BYDAY=-1FR"


def test_every_other_week_on_two_days(people: Personas) -> None:
    people.client("alex").post(URL, weekly(people, interval="2", weekdays=["3", "0"]))

    ritual = Ritual.objects.get()
    assert ritual.weekdays == "0,3"
    assert ritual.schedule().rrule_text() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"


def test_a_daily_ritual_forgets_any_days_ticked(people: Personas) -> None:
    people.client("alex").post(URL, weekly(people, freq="daily", weekdays=["1"]))

    assert Ritual.objects.get().weekdays == ""


def test_the_ritual_is_always_made_by_me_whoever_i_claim(people: Personas) -> None:
    people.client("alex").post(URL, weekly(people, created_by=people.sam.pk))

    assert Ritual.objects.get().created_by == people.alex


def test_a_made_up_template_is_refused(people: Personas) -> None:
    response = people.client("alex").post(URL, weekly(people, template="evil"))

    assert response.status_code == 200
    assert not Ritual.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekdays": []}, "Choose at least one day of the week."),
        (
            {"freq": "monthly", "monthly_nth": "1", "monthly_day": ""},
            "Choose which week and which day — for example, the first Sunday.",
        ),
        (
            {"freq": "monthly", "monthly_nth": "", "monthly_day": "6"},
            "Choose which week and which day — for example, the first Sunday.",
        ),
        ({"interval": "0"}, "Choose a number between 1 and 8."),
        ({"interval": "9"}, "Choose a number between 1 and 8."),
        ({"interval": "often"}, "Choose a number between 1 and 8."),
        ({"title": "  "}, "Give your ritual a name — anything you'll recognise."),
        ({"at": "7pm-ish"}, "Write the time like 19:00."),
        ({"duration": "2"}, "Give it at least 5 minutes."),
        ({"time_zone": "Mars/Olympus"}, "Select a valid choice."),
        ({"agenda": "\n".join(f"Prompt {n}" for n in range(13))}, "Keep the agenda to 12"),
    ],
    ids=lambda v: v if isinstance(v, str) else next(iter(v)),
)
def test_bad_input_gets_a_kind_message_and_keeps_what_i_typed(
    people: Personas, changes: dict[str, Any], message: str
) -> None:
    response = people.client("alex").post(URL, weekly(people, **changes))

    page = text_of(response)
    assert response.status_code == 200
    assert message in page
    assert "Everything you wrote is still here." in page
    assert "A kind look back & ahead" in page
    assert ("Prompt 12" if "agenda" in changes else "One thing to work on, gently") in page
    assert not Ritual.objects.exists()
