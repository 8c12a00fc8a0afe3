"""Creating an account through allauth's sign-up form, with the name circles will see."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from conftest import PASSWORD
from hearthside.accounts.models import Person

URL = "/accounts/signup/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    # allauth counts sign-ups per IP in the cache; with the clock frozen every test would
    # otherwise share one minute's allowance.
    cache.clear()


def page(response: Any) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def form(**overrides: str) -> dict[str, str]:
    data = {
        "email": "jo@example.com",
        "display_name": "Jo",
        "time_zone": "Europe/Berlin",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return data | overrides


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_it_refuses_other_methods(client, db, method):
    response = getattr(client, method)(URL)
    assert response.status_code == 405


def test_a_put_never_creates_an_account(client, db):
    # allauth's form views treat PUT as POST (Django's ProcessFormView), but Django does not
    # parse PUT bodies, so the form is always empty.
    client.put(URL, urlencode(form()), content_type="application/x-www-form-urlencoded")
    assert not Person.objects.filter(email="jo@example.com").exists()


def test_it_asks_for_the_name_people_will_see(client, db):
    text = page(client.get(URL))
    assert "Your name" in text
    assert "How people in your circles will see you. A first name is plenty." in text
    assert 'name="time_zone"' in text


def test_signing_up_creates_the_person_and_signs_them_in(client, db):
    response = client.post(URL, form())
    assert response.status_code == 302
    assert response["Location"] == "/"
    jo = Person.objects.get(email="jo@example.com")
    assert jo.display_name == "Jo"
    assert jo.time_zone == "Europe/Berlin"
    assert jo.check_password(PASSWORD)
    assert "Jo" in page(client.get("/settings/"))


def test_the_password_is_stored_with_argon2(client, db):
    client.post(URL, form())
    jo = Person.objects.get(email="jo@example.com")
    assert jo.password.startswith("argon2")
    assert PASSWORD not in jo.password


def test_the_name_is_trimmed_and_the_time_zone_defaults_to_utc(client, db):
    client.post(URL, form(display_name="  Jo  ", time_zone=""))
    jo = Person.objects.get(email="jo@example.com")
    assert jo.display_name == "Jo"
    assert jo.time_zone == "UTC"


def test_the_email_is_stored_in_lower_case(client, db):
    client.post(URL, form(email="Jo@Example.COM"))
    assert Person.objects.filter(email="jo@example.com").exists()


def test_a_name_is_required(client, db):
    response = client.post(URL, form(display_name=""))
    assert response.status_code == 200
    assert "This field is required." in page(response)
    assert not Person.objects.filter(email="jo@example.com").exists()


def test_an_email_already_in_use_gets_a_clear_error_and_keeps_the_name(client, people):
    response = client.post(URL, form(email="alex@example.com", display_name="Alexandra"))
    text = page(response)
    assert response.status_code == 200
    assert "A user is already registered with this email address." in text
    assert 'value="Alexandra"' in text
    assert Person.objects.filter(email="alex@example.com").count() == 1
    assert Person.objects.get(email="alex@example.com").display_name == "Alex"


def test_an_email_in_use_is_recognised_whatever_the_case(client, people):
    response = client.post(URL, form(email="ALEX@example.com"))
    assert "A user is already registered with this email address." in page(response)
    assert Person.objects.filter(email__iexact="alex@example.com").count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password", "This password is too common."),
        ("k7#q", "This password is too short. It must contain at least 8 characters."),
        ("8302749261", "This password is entirely numeric."),
    ],
)
def test_a_weak_password_is_refused(client, db, password, message):
    response = client.post(URL, form(password1=password, password2=password))
    text = page(response)
    assert response.status_code == 200
    assert message in text
    assert 'value="Jo"' in text
    assert not Person.objects.filter(email="jo@example.com").exists()


def test_a_password_like_the_email_is_refused(client, db):
    response = client.post(
        URL, form(email="wintersong@example.com", password1="wintersong", password2="wintersong")
    )
    assert "The password is too similar to the" in page(response)
    assert not Person.objects.filter(email="wintersong@example.com").exists()


def test_passwords_that_do_not_match_are_refused(client, db):
    response = client.post(URL, form(password2=PASSWORD + "!"))
    assert "You must type the same password each time." in page(response)
    assert not Person.objects.filter(email="jo@example.com").exists()


def test_a_signed_in_person_is_sent_on_from_the_sign_up_page(people):
    response = people.client("alex").get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_new_person_starts_in_no_circle_and_sees_nothing_shared(client, people, entries):
    client.post(URL, form())
    assert "You're not in any circle yet." in page(client.get("/circles/"))
    home = page(client.get("/"))
    assert "Alex to partners" not in home
    assert "Alex to friends" not in home
    assert client.get(f"/circles/{people.partners.pk}/").status_code == 404
    assert client.get(f"/shares/{entries.alex_share_partners.pk}/").status_code == 404
