"""The needs API in use: asking, answering, "was it met?", withdrawing, and listing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from conftest import CURRENT_TIME, Personas
from hearthside.api.tests.helpers import auth
from hearthside.needs.models import Request
from hearthside.needs.tests.conftest import ALEX_ANSWER, ALEX_TO_SAM, Asks

API = "/api/v1/needs/requests"


def post(client: Client, person: Any, path: str, body: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(path, json.dumps(body), "application/json", **auth(person))


def ask_body(people: Personas, **extra: Any) -> dict[str, Any]:
    return {
        "circle": people.partners.pk,
        "person": people.sam.pk,
        "kind": "partnership-in-a-decision",
        "text": "  Could we decide about the lead role together this week?  ",
        **extra,
    }


def test_asking(client: Client, people: Personas) -> None:
    response = post(client, people.alex, API, ask_body(people, by_when="2026-03-08"))
    assert response.status_code == 201
    made = response.json()
    assert made["author"] == {"id": people.alex.pk, "name": "Alex"}
    assert made["recipient"] == {"id": people.sam.pk, "name": "Sam"}
    assert made["kind"] == made["need"] == "partnership-in-a-decision"
    assert made["text"] == "Could we decide about the lead role together this week?"
    assert made["by_when"] == "2026-03-08"
    assert made["response"] is None and made["met"] is None and made["answers"] == []
    assert Request.objects.get().created_at == CURRENT_TIME


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ({"kind": "money"}, 422),
        ({"text": "   "}, 422),
        ({"text": "x" * 2001}, 422),
        ({"by_when": "2026-03-01"}, 422),
        ({"person": 0}, 422),
        ({"person": "{olive}"}, 422),
        ({"person": "{alex}"}, 422),
        ({"circle": "{friends}"}, 422),  # Sam isn't in that circle
    ],
)
def test_asking_refuses_what_does_not_fit(
    client: Client, people: Personas, extra: dict[str, Any], status: int
) -> None:
    ids = {"{olive}": people.olive.pk, "{alex}": people.alex.pk, "{friends}": people.friends.pk}
    body = ask_body(
        people, **{k: ids.get(v, v) if isinstance(v, str) else v for k, v in extra.items()}
    )
    response = post(client, people.alex, API, body)
    assert response.status_code == status, response.content
    assert not Request.objects.exists()


def test_answering_not_now_needs_a_future_time(
    client: Client, people: Personas, asks: Asks
) -> None:
    path = f"{API}/{asks.alex_to_sam.pk}/answers"
    for body in (
        {"response": "not-now"},
        {"response": "not-now", "proposed_for": "2026-03-01T10:00:00Z"},
        {"response": "not-now", "proposed_for": "2028-03-01T10:00:00Z"},
    ):
        assert post(client, people.sam, path, body).status_code == 422
    assert Request.objects.get(pk=asks.alex_to_sam.pk).response == ""


def test_a_time_without_an_offset_is_read_in_my_zone(
    client: Client, people: Personas, asks: Asks
) -> None:
    people.sam.time_zone = "America/New_York"
    people.sam.save()
    path = f"{API}/{asks.alex_to_sam.pk}/answers"
    body = {"response": "not-now", "proposed_for": "2026-03-07T10:00:00", "note": "Saturday?"}
    response = post(client, people.sam, path, body)
    assert response.status_code == 201
    made = response.json()
    assert made["response"] == "not-now"
    expected = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
    assert datetime.fromisoformat(made["proposed_for"]) == expected
    (answer,) = made["answers"]
    assert answer["author"]["name"] == "Sam" and answer["note"] == "Saturday?"


def test_yes_later_replaces_not_now(client: Client, people: Personas, asks: Asks) -> None:
    path = f"{API}/{asks.alex_to_sam.pk}/answers"
    post(client, people.sam, path, {"response": "not-now", "proposed_for": "2026-03-07T10:00Z"})
    made = post(client, people.sam, path, {"response": "yes"}).json()
    assert (made["response"], made["proposed_for"]) == ("yes", None)
    assert [a["response"] for a in made["answers"]] == ["not-now", "yes"]


def test_was_it_met_can_be_changed(client: Client, people: Personas, asks: Asks) -> None:
    path = f"{API}/{asks.sam_to_alex.pk}/met"
    first = post(client, people.sam, path, {"met": "not-yet"}, method="put").json()
    assert first["met"] == "not-yet"
    second = post(client, people.sam, path, {"met": "met", "note": "Thank you"}, method="put")
    assert (second.json()["met"], second.json()["met_note"]) == ("met", "Thank you")
    assert post(client, people.sam, path, {"met": "maybe"}, method="put").status_code == 422


def test_withdrawn_requests_take_no_more(client: Client, people: Personas, asks: Asks) -> None:
    pk = asks.alex_to_sam.pk
    gone = post(client, people.alex, f"{API}/{pk}/withdraw", {})
    assert gone.status_code == 200
    assert gone.json()["withdrawn_at"] is not None
    assert post(client, people.alex, f"{API}/{pk}/met", {"met": "met"}, "put").status_code == 409
    assert post(client, people.sam, f"{API}/{pk}/answers", {"response": "yes"}).status_code == 404
    assert client.get(f"{API}/{pk}", **auth(people.sam)).status_code == 404
    assert client.get(f"{API}/{pk}", **auth(people.alex)).json()["text"] == ALEX_TO_SAM


def test_listing_by_role_and_openness(client: Client, people: Personas, asks: Asks) -> None:
    Request.objects.filter(pk=asks.sam_to_alex.pk).update(met="met")

    def ids(query: str) -> list[int]:
        return [r["id"] for r in client.get(f"{API}?{query}", **auth(people.alex)).json()]

    assert set(ids("role=asked")) == {asks.alex_to_sam.pk, asks.alex_to_robin.pk}
    assert ids("role=to-me") == [asks.sam_to_alex.pk]
    assert asks.sam_to_alex.pk not in ids("open=true")
    assert ids("open=false") == [asks.sam_to_alex.pk]
    assert set(ids(f"circle={people.friends.pk}")) == {asks.alex_to_robin.pk}
    assert len(ids("limit=1")) == 1
    assert client.get(f"{API}?role=everyone", **auth(people.alex)).status_code == 422


def test_the_answer_shows_in_the_detail_for_both(
    client: Client, people: Personas, asks: Asks
) -> None:
    for person in (people.alex, people.sam):
        detail = client.get(f"{API}/{asks.sam_to_alex.pk}", **auth(person)).json()
        assert [a["note"] for a in detail["answers"]] == [ALEX_ANSWER]
