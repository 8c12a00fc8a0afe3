"""`hearthside token create EMAIL`: a personal API token, printed once and stored hashed."""

from __future__ import annotations

import hashlib
from io import StringIO
from typing import TYPE_CHECKING

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from hearthside.api.models import PersonalToken

if TYPE_CHECKING:
    from conftest import Personas


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_only_the_new_token(people: Personas) -> None:
    out, err = run("create", "alex@example.com")
    lines = out.splitlines()
    assert len(lines) == 1
    assert out == lines[0] + "\n"
    assert lines[0].startswith("hs_")
    assert " " not in lines[0]
    assert err == ""


def test_the_printed_token_authenticates_as_that_person(client: Client, people: Personas) -> None:
    token = run("create", "alex@example.com")[0].strip()
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["id"] == people.alex.pk


def test_it_stores_the_token_hashed_under_a_name(people: Personas) -> None:
    token = run("create", "alex@example.com")[0].strip()
    record = PersonalToken.objects.get(person=people.alex)
    assert record.name == "command line"
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token[len(record.prefix) :] not in str(PersonalToken.objects.values().get())


def test_it_can_name_the_token(people: Personas) -> None:
    run("create", "sam@example.com", "--name", "backup script")
    assert PersonalToken.objects.get(person=people.sam).name == "backup script"


def test_each_run_makes_a_new_token(people: Personas) -> None:
    first = run("create", "alex@example.com")[0]
    second = run("create", "alex@example.com")[0]
    assert first != second
    assert PersonalToken.objects.filter(person=people.alex).count() == 2


def test_the_email_is_matched_regardless_of_case_and_spaces(people: Personas) -> None:
    run("create", "  Alex@Example.COM ")
    assert PersonalToken.objects.get().person == people.alex


def test_the_email_is_never_echoed(people: Personas, caplog: pytest.LogCaptureFixture) -> None:
    out, err = run("create", "alex@example.com")
    assert "alex@example.com" not in out + err
    assert "alex" not in out.lower()
    assert "alex@example.com" not in caplog.text


def test_an_unknown_email_is_an_error_that_does_not_repeat_it(
    people: Personas, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(CommandError) as excinfo:
        run("create", "nobody@example.com")
    assert "nobody@example.com" not in str(excinfo.value)
    assert "nobody" not in caplog.text
    assert not PersonalToken.objects.exists()


def test_a_deactivated_account_gets_no_token(people: Personas) -> None:
    people.olive.is_active = False
    people.olive.save(update_fields=["is_active"])
    with pytest.raises(CommandError):
        run("create", "olive@example.com")
    assert not PersonalToken.objects.exists()


def test_an_unknown_email_and_a_deactivated_one_look_the_same(people: Personas) -> None:
    people.olive.is_active = False
    people.olive.save(update_fields=["is_active"])
    with pytest.raises(CommandError) as unknown:
        run("create", "nobody@example.com")
    with pytest.raises(CommandError) as inactive:
        run("create", "olive@example.com")
    assert str(unknown.value) == str(inactive.value)


@pytest.mark.parametrize("args", [(), ("create",), ("delete", "alex@example.com")])
def test_it_refuses_a_missing_or_unknown_action(people: Personas, args: tuple[str, ...]) -> None:
    with pytest.raises(CommandError):
        run(*args)
    assert not PersonalToken.objects.exists()
