"""Personal access tokens on the API: who gets in, and what the database remembers."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import CURRENT_TIME
from hearthside.api.models import PersonalToken

if TYPE_CHECKING:
    from conftest import Personas

ME = "/api/v1/me"


def _bearer(token: str) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _token_writes(ctx: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith("UPDATE") and "api_personaltoken" in q["sql"]
    ]


def test_it_rejects_a_request_without_a_token(client: Client, people: Personas) -> None:
    response = client.get(ME)
    assert response.status_code == 401
    assert "alex" not in response.content.decode()


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer",
        "Bearer ",
        "Token hs_abcdefghijklmnopqrstuvwxyz",
        "Basic YWxleEBleGFtcGxlLmNvbTpwYXNzd29yZA==",
        "Bearer hs_short",
        "Bearer not-our-prefix-but-long-enough-to-pass",
        "Bearer hs_" + "x" * 200,
    ],
    ids=[
        "empty",
        "scheme-only",
        "scheme-and-space",
        "other-scheme",
        "basic-auth",
        "too-short",
        "wrong-prefix",
        "very-long",
    ],
)
def test_it_rejects_a_malformed_authorization_header(
    client: Client, people: Personas, header: str
) -> None:
    PersonalToken.issue(people.alex)
    assert client.get(ME, HTTP_AUTHORIZATION=header).status_code == 401


def test_it_rejects_a_wrong_token_even_when_its_prefix_matches_a_real_one(
    client: Client, people: Personas
) -> None:
    _record, token = PersonalToken.issue(people.alex)
    # Same public prefix (the lookup key), different secret: only the hash comparison stops it.
    forged = token[:11] + ("A" if token[11] != "A" else "B") + token[12:]
    assert client.get(ME, **_bearer(forged)).status_code == 401
    assert client.get(ME, **_bearer(token + "x")).status_code == 401
    assert client.get(ME, **_bearer(token[:-1])).status_code == 401


def test_it_rejects_a_revoked_token(client: Client, people: Personas) -> None:
    record, token = PersonalToken.issue(people.alex)
    assert client.get(ME, **_bearer(token)).status_code == 200
    record.revoked_at = timezone.now()
    record.save(update_fields=["revoked_at"])
    assert client.get(ME, **_bearer(token)).status_code == 401


def test_it_rejects_the_token_of_a_deactivated_person(client: Client, people: Personas) -> None:
    _record, token = PersonalToken.issue(people.alex)
    people.alex.is_active = False
    people.alex.save(update_fields=["is_active"])
    assert client.get(ME, **_bearer(token)).status_code == 401


def test_it_does_not_accept_a_signed_in_session_instead_of_a_token(
    client: Client, people: Personas
) -> None:
    # A browser session must not be enough: that would open the API to cross-site requests.
    client.force_login(people.alex)
    assert client.get(ME).status_code == 401
    assert (
        client.post(ME.replace("me", "checkins"), {"note": "x"}, "application/json").status_code
        == 401
    )


def test_a_valid_token_identifies_its_person(client: Client, people: Personas) -> None:
    _record, token = PersonalToken.issue(people.alex)
    response = client.get(ME, **_bearer(token))
    assert response.status_code == 200
    assert response.json() == {
        "id": people.alex.pk,
        "name": "Alex",
        "email": "alex@example.com",
        "time_zone": "Europe/London",
    }


def test_each_token_belongs_to_exactly_one_person(client: Client, people: Personas) -> None:
    _a, alex_token = PersonalToken.issue(people.alex)
    _s, sam_token = PersonalToken.issue(people.sam)
    assert client.get(ME, **_bearer(alex_token)).json()["id"] == people.alex.pk
    assert client.get(ME, **_bearer(sam_token)).json()["id"] == people.sam.pk


def test_revoking_one_token_leaves_the_others_working(client: Client, people: Personas) -> None:
    first, first_token = PersonalToken.issue(people.alex, "laptop")
    _second, second_token = PersonalToken.issue(people.alex, "phone")
    first.revoked_at = timezone.now()
    first.save(update_fields=["revoked_at"])
    assert client.get(ME, **_bearer(first_token)).status_code == 401
    assert client.get(ME, **_bearer(second_token)).status_code == 200


def test_using_a_token_records_when_it_was_last_used(client: Client, people: Personas) -> None:
    record, token = PersonalToken.issue(people.alex)
    assert record.last_used_at is None
    client.get(ME, **_bearer(token))
    record.refresh_from_db()
    assert record.last_used_at == CURRENT_TIME


def test_a_failed_request_does_not_touch_last_used(client: Client, people: Personas) -> None:
    record, token = PersonalToken.issue(people.alex)
    record.revoked_at = timezone.now()
    record.save(update_fields=["revoked_at"])
    client.get(ME, **_bearer(token))
    record.refresh_from_db()
    assert record.last_used_at is None


def test_it_writes_last_used_at_most_once_a_minute(client: Client, people: Personas) -> None:
    record, token = PersonalToken.issue(people.alex)
    with CaptureQueriesContext(connection) as first:
        client.get(ME, **_bearer(token))
    assert len(_token_writes(first)) == 1

    with (
        time_machine.travel(CURRENT_TIME + timedelta(seconds=59), tick=False),
        CaptureQueriesContext(connection) as soon_after,
    ):
        for _ in range(5):
            assert client.get(ME, **_bearer(token)).status_code == 200
    assert _token_writes(soon_after) == []
    record.refresh_from_db()
    assert record.last_used_at == CURRENT_TIME

    later = CURRENT_TIME + timedelta(seconds=61)
    with (
        time_machine.travel(later, tick=False),
        CaptureQueriesContext(connection) as a_minute_later,
    ):
        client.get(ME, **_bearer(token))
        client.get(ME, **_bearer(token))
    assert len(_token_writes(a_minute_later)) == 1
    record.refresh_from_db()
    assert record.last_used_at == later


def test_it_stores_only_a_hash_of_the_token(people: Personas) -> None:
    record, token = PersonalToken.issue(people.alex, "laptop")
    assert token.startswith("hs_")
    assert len(token) >= 40
    record.refresh_from_db()
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert record.prefix == token[:11]
    # The secret part appears in no column of the stored row.
    secret = token[11:]
    stored = PersonalToken.objects.filter(pk=record.pk).values().get()
    assert all(secret not in str(value) for value in stored.values())
    assert token not in str(record)


def test_two_tokens_never_share_a_secret(people: Personas) -> None:
    tokens = {PersonalToken.issue(people.alex)[1] for _ in range(20)}
    assert len(tokens) == 20


def test_api_responses_are_not_cached(client: Client, people: Personas) -> None:
    _record, token = PersonalToken.issue(people.alex)
    response = client.get(ME, **_bearer(token))
    assert response.headers["Cache-Control"] == "no-store"
