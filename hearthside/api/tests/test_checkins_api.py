"""/api/v1/checkins: my own check-ins, always private to me."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from conftest import CURRENT_TIME
from hearthside.api.tests.helpers import auth
from hearthside.practice.models import CheckIn

if TYPE_CHECKING:
    from conftest import Entries, Personas

URL = "/api/v1/checkins"


def post(client: Client, person: Any, payload: Any) -> Any:
    return client.post(URL, payload, "application/json", **auth(person))


def _messages(response: Any) -> str:
    """Every error message in a 422 body, as one string to search."""
    return json.dumps(response.json()["detail"])


def test_a_note_alone_makes_a_private_check_in(client: Client, people: Personas) -> None:
    response = post(client, people.alex, {"note": "Tired but hopeful"})
    assert response.status_code == 201
    body = response.json()
    assert body["note"] == "Tired but hopeful"
    assert body["visibility"] == "private"
    assert body["mood"] is None
    assert body["feelings"] == []
    assert body["created_at"].startswith("2026-03-04T10:30:00")
    checkin = CheckIn.objects.get(pk=body["id"])
    assert checkin.author == people.alex
    assert checkin.circle is None
    assert checkin.created_at == CURRENT_TIME


def test_my_partner_cannot_read_my_new_check_in(client: Client, people: Personas) -> None:
    checkin_id = post(client, people.alex, {"note": "Only for me"}).json()["id"]
    response = client.get(f"{URL}/{checkin_id}", **auth(people.sam))
    assert response.status_code == 404
    assert "Only for me" not in response.content.decode()
    assert "Only for me" not in client.get(URL, **auth(people.sam)).content.decode()


def test_i_can_read_my_own_check_in(client: Client, people: Personas) -> None:
    checkin_id = post(client, people.alex, {"note": "Only for me"}).json()["id"]
    response = client.get(f"{URL}/{checkin_id}", **auth(people.alex))
    assert response.status_code == 200
    assert response.json()["note"] == "Only for me"


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_nobody_else_can_read_my_check_in(
    client: Client, entries: Entries, people: Personas, persona: str
) -> None:
    response = client.get(
        f"{URL}/{entries.alex_private_checkin.pk}", **auth(getattr(people, persona))
    )
    assert response.status_code == 404
    assert "Alex's private note" not in response.content.decode()


def test_a_full_check_in_keeps_every_part(client: Client, people: Personas) -> None:
    payload = {
        "mood": 2,
        "energy": 4,
        "feelings": ["anxious", "tired"],
        "body_signals": ["clenched-jaw"],
        "needs": ["comfort"],
        "situation": "Deadline on Friday",
        "note": "Need a walk",
    }
    response = post(client, people.alex, payload)
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in payload} == payload
    stored = CheckIn.objects.get(pk=body["id"])
    assert stored.feelings == ["anxious", "tired"]
    assert stored.needs == ["comfort"]


def test_repeated_words_are_kept_once_in_the_order_given(client: Client, people: Personas) -> None:
    response = post(client, people.alex, {"feelings": ["tired", "anxious", "tired"]})
    assert response.status_code == 201
    assert response.json()["feelings"] == ["tired", "anxious"]


def test_a_check_in_cannot_be_put_in_a_circle_or_written_for_someone_else(
    client: Client, people: Personas
) -> None:
    response = post(
        client,
        people.alex,
        {"note": "Mine", "circle": people.partners.pk, "author": people.sam.pk},
    )
    assert response.status_code == 201
    checkin = CheckIn.objects.get(pk=response.json()["id"])
    assert checkin.circle is None
    assert checkin.author == people.alex


@pytest.mark.parametrize(
    ("field", "word", "message"),
    [
        ("feelings", "grumpyish", "unknown feelings: grumpyish"),
        ("body_signals", "tingly-ears", "unknown body signals: tingly-ears"),
        ("needs", "pizza", "unknown needs: pizza"),
    ],
)
def test_an_unknown_word_is_refused_with_a_clear_message(
    client: Client, people: Personas, field: str, word: str, message: str
) -> None:
    response = post(
        client, people.alex, {field: ["anxious" if field == "feelings" else word, word]}
    )
    assert response.status_code == 422
    assert message in _messages(response)
    assert field in _messages(response)
    assert not CheckIn.objects.exists()


def test_an_empty_check_in_is_refused_with_a_clear_message(
    client: Client, people: Personas
) -> None:
    response = post(client, people.alex, {})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "A check-in needs at least one thing: a mood, a feeling or a note."
    }
    assert not CheckIn.objects.exists()


def test_a_check_in_of_empty_lists_and_strings_is_refused(client: Client, people: Personas) -> None:
    response = post(client, people.alex, {"feelings": [], "note": "", "situation": ""})
    assert response.status_code == 422
    assert not CheckIn.objects.exists()


def test_a_request_with_no_body_at_all_is_refused(client: Client, people: Personas) -> None:
    response = client.post(URL, content_type="application/json", **auth(people.alex))
    assert response.status_code == 422
    assert not CheckIn.objects.exists()


def test_a_note_of_only_spaces_is_not_a_check_in(client: Client, people: Personas) -> None:
    response = post(client, people.alex, {"note": "   \n  "})
    assert response.status_code == 422
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"mood": 0},
        {"mood": 6},
        {"energy": 9},
        {"mood": "great"},
        {"feelings": "anxious"},
        {"note": "x" * 10001},
        {"situation": "x" * 2001},
    ],
    ids=[
        "mood-0",
        "mood-6",
        "energy-9",
        "mood-word",
        "feelings-not-list",
        "long-note",
        "long-situation",
    ],
)
def test_it_refuses_values_outside_the_scales(
    client: Client, people: Personas, payload: dict[str, Any]
) -> None:
    assert post(client, people.alex, payload).status_code == 422
    assert not CheckIn.objects.exists()


def test_it_lists_only_my_check_ins_newest_first(
    client: Client, people: Personas, entries: Entries
) -> None:
    newer = post(client, people.alex, {"note": "Later that day"}).json()["id"]
    response = client.get(URL, **auth(people.alex))
    assert response.status_code == 200
    assert [c["id"] for c in response.json()] == [newer, entries.alex_private_checkin.pk]
    assert "Sam's private note" not in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "notes"),
    [
        ("alex", ["Alex's private note"]),
        ("sam", ["Sam's private note"]),
        ("robin", []),
        ("olive", []),
    ],
)
def test_each_person_lists_only_their_own_check_ins(
    client: Client, people: Personas, entries: Entries, persona: str, notes: list[str]
) -> None:
    response = client.get(URL, **auth(getattr(people, persona)))
    assert [c["note"] for c in response.json()] == notes


def test_the_list_pages_with_limit_and_offset(client: Client, people: Personas) -> None:
    ids = [post(client, people.alex, {"mood": 3}).json()["id"] for _ in range(5)]
    headers = auth(people.alex)
    newest_first = ids[::-1]
    page = client.get(URL, {"limit": 2, "offset": 1}, **headers).json()
    assert [c["id"] for c in page] == newest_first[1:3]
    # Silly limits are refused with a reason, never a server error and never "everything".
    for silly in (0, 10_000):
        refused = client.get(URL, {"limit": silly}, **headers)
        assert refused.status_code == 422
        assert "limit" in str(refused.json()["detail"])


@pytest.mark.parametrize("offset", ["-1", str(10**20)], ids=["negative", "huge"])
def test_an_impossible_offset_is_refused_not_a_server_error(
    client: Client, people: Personas, offset: str
) -> None:
    client.raise_request_exception = False
    response = client.get(URL, {"offset": offset}, **auth(people.alex))
    # Clamping (200) or refusing (422) are both fine; crashing is not.
    assert response.status_code in {200, 422}


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_check_ins_cannot_be_changed_through_the_api(
    client: Client, entries: Entries, people: Personas, method: str
) -> None:
    url = f"{URL}/{entries.alex_private_checkin.pk}"
    response = getattr(client, method)(url, **auth(people.alex))
    assert response.status_code == 405
    assert CheckIn.objects.filter(pk=entries.alex_private_checkin.pk).exists()
