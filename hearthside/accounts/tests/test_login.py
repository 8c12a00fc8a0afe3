"""Signing in with email and password, and signing out."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.core.cache import cache

from conftest import PASSWORD

URL = "/accounts/login/"
LOGOUT = "/accounts/logout/"
MISMATCH = "The email address and/or password you specified are not correct."


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    # allauth counts failed sign-ins in the cache; with the clock frozen every test would
    # otherwise share one window.
    cache.clear()


def page(response: Any) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def signed_in_as(client) -> str | None:
    """The email of whoever the client is signed in as, or None when sent to sign in."""
    response = client.get("/settings/")
    if response.status_code != 200:
        return None
    return response.context["user"].email


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_it_refuses_other_methods(client, db, method):
    assert getattr(client, method)(URL).status_code == 405


def test_it_shows_the_sign_in_form(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="login"' in page(response)
    assert 'name="password"' in page(response)


def test_signing_in_with_email_and_password_takes_me_home(client, people):
    response = client.post(URL, {"login": "alex@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_as(client) == "alex@example.com"


def test_the_email_can_be_typed_in_any_case(client, people):
    client.post(URL, {"login": "Alex@Example.com", "password": PASSWORD})
    assert signed_in_as(client) == "alex@example.com"


def test_signing_in_returns_me_where_i_was_going(client, people):
    response = client.post(
        f"{URL}?next=/circles/", {"login": "sam@example.com", "password": PASSWORD}
    )
    assert response["Location"] == "/circles/"


def test_signing_in_does_not_follow_a_next_link_to_another_site(client, people):
    response = client.post(
        URL, {"login": "sam@example.com", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_a_wrong_password_is_refused_with_a_message(client, people):
    response = client.post(URL, {"login": "alex@example.com", "password": "not-my-password"})
    text = page(response)
    assert response.status_code == 200
    assert MISMATCH in text
    assert 'value="alex@example.com"' in text
    assert signed_in_as(client) is None


def test_an_unknown_email_gets_the_same_message_as_a_wrong_password(client, people):
    response = client.post(URL, {"login": "nobody@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert MISMATCH in page(response)
    assert signed_in_as(client) is None


def test_a_deactivated_person_cannot_sign_in(client, people):
    people.olive.is_active = False
    people.olive.save()
    client.post(URL, {"login": "olive@example.com", "password": PASSWORD})
    assert signed_in_as(client) is None


def test_repeated_wrong_passwords_are_slowed_down(client, people):
    for _ in range(5):
        client.post(URL, {"login": "alex@example.com", "password": "guess"})
    response = client.post(URL, {"login": "alex@example.com", "password": "guess"})
    assert "Too many failed login attempts. Try again later." in page(response)


def test_signing_out_needs_a_post_and_ends_the_session(people):
    client = people.client("alex")
    response = client.get(LOGOUT)
    assert response.status_code == 200
    assert signed_in_as(client) == "alex@example.com"

    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == URL
    assert signed_in_as(client) is None
    assert client.get("/circles/")["Location"] == f"{URL}?next=/circles/"


def test_signing_out_is_offered_on_every_page(people):
    text = page(people.client("alex").get("/circles/"))
    assert f'<form method="post" action="{LOGOUT}"' in text
    assert "Sign out" in text


def test_signing_out_when_not_signed_in_just_shows_sign_in(client, db):
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert signed_in_as(client) is None
