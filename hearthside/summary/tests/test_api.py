"""The summary API: propose, consent, withdraw, read, download and delete, with the same rules
as the pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from conftest import Personas
from hearthside.api.tests.helpers import auth
from hearthside.summary.models import SummaryRequest
from hearthside.summary.tests.conftest import NEVER, SHARED, Story

R = "/api/v1/summaries/requests"


def post(client: Client, path: str, person: Any, body: dict[str, Any] | None = None) -> Any:
    return client.post(path, json.dumps(body or {}), "application/json", **auth(person))


def _propose(client: Client, people: Personas, **changes: Any) -> Any:
    body = {"circle": people.partners.pk, "period_start": "2026-02-01", "period_end": "2026-03-03"}
    return post(client, R, people.alex, body | changes)


def test_proposing_returns_the_request_with_my_consent_and_a_preview(
    client: Client, story: Story
) -> None:
    people = story.people
    response = _propose(client, people)
    assert response.status_code == 201
    data = response.json()
    assert data["state"] == "waiting"
    assert data["circle_name"] == "Alex & Sam"
    assert data["time_zone"] == "Europe/London"
    assert data["asked_by"] == {"id": people.alex.pk, "name": "Alex"}
    assert [(c["person"]["name"], c["given"]) for c in data["consents"]] == [
        ("Alex", True),
        ("Sam", False),
    ]
    assert data["preview"]["shares"] == 2
    assert data["summary"] is None


def test_the_last_consent_returns_the_made_summary(client: Client, story: Story) -> None:
    people = story.people
    pk = _propose(client, people).json()["id"]
    data = post(client, f"{R}/{pk}/consent", people.sam).json()
    assert data["state"] == "produced"
    assert data["preview"] is None
    summary = data["summary"]
    assert summary["version"] == 1
    assert summary["members"] == ["Alex", "Sam"]
    assert summary["shares"][0]["text"] == SHARED
    assert summary["rituals"][0]["kept"] == 4
    assert summary["period_start"] == "2026-02-01"


def test_the_markdown_download(client: Client, story: Story) -> None:
    people = story.people
    pk = _propose(client, people).json()["id"]
    waiting = client.get(f"{R}/{pk}/markdown", **auth(people.sam))
    assert waiting.status_code == 409
    assert "isn't made yet" in waiting.json()["detail"]
    post(client, f"{R}/{pk}/consent", people.sam)
    response = client.get(f"{R}/{pk}/markdown", **auth(people.sam))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = response.content.decode()
    assert text.startswith("# Summary for Alex & Sam\n")
    assert SHARED in text
    for private in NEVER:
        assert private not in text


def test_withdrawing_then_consenting_again(client: Client, story: Story) -> None:
    people = story.people
    pk = _propose(client, people).json()["id"]
    data = post(client, f"{R}/{pk}/withdraw", people.alex).json()
    assert data["consents"][0]["given"] is False
    assert data["consents"][0]["withdrawn_at"] is not None
    assert post(client, f"{R}/{pk}/consent", people.sam).json()["state"] == "waiting"
    assert post(client, f"{R}/{pk}/consent", people.alex).json()["state"] == "produced"
    late = post(client, f"{R}/{pk}/withdraw", people.alex)
    assert late.status_code == 409
    assert "already been made" in late.json()["detail"]


@pytest.mark.parametrize(
    ("changes", "status", "detail"),
    [
        ({"period_end": "2026-01-01"}, 422, "ends before it starts"),
        ({"period_end": "2026-03-05"}, 422, "ended by today"),
        ({"period_start": "2025-01-01"}, 422, "a year or less"),
        ({"period_start": "1 Feb"}, 422, None),
        ({"circle": 0}, 422, None),
    ],
)
def test_bad_periods_are_refused_with_a_reason(
    client: Client, people: Personas, changes: dict[str, Any], status: int, detail: str | None
) -> None:
    response = _propose(client, people, **changes)
    assert response.status_code == status
    if detail:
        assert detail in response.json()["detail"]
    assert not SummaryRequest.objects.exists()


def test_the_same_dates_twice_is_a_conflict(client: Client, people: Personas) -> None:
    assert _propose(client, people).status_code == 201
    again = _propose(client, people)
    assert again.status_code == 409
    assert "already a request" in again.json()["detail"]


def test_the_list_filters_by_circle_and_state(client: Client, story: Story) -> None:
    people = story.people
    made = _propose(client, people).json()["id"]
    post(client, f"{R}/{made}/consent", people.sam)
    waiting = _propose(client, people, period_end="2026-02-28").json()["id"]
    friends = post(
        client,
        R,
        people.alex,
        {"circle": people.friends.pk, "period_start": "2026-02-01", "period_end": "2026-02-28"},
    ).json()["id"]

    def ids(query: str) -> list[int]:
        return [r["id"] for r in client.get(R + query, **auth(people.alex)).json()]

    assert ids("") == [friends, waiting, made]
    assert ids("?state=produced") == [made]
    assert ids("?state=waiting") == [friends, waiting]
    assert ids(f"?circle={people.friends.pk}") == [friends]
    assert ids("?limit=1&offset=1") == [waiting]
    assert "summary" not in client.get(R, **auth(people.alex)).json()[0]


def test_deleting_a_made_summary_erases_it(client: Client, story: Story) -> None:
    people = story.people
    pk = _propose(client, people).json()["id"]
    post(client, f"{R}/{pk}/consent", people.sam)
    response = client.delete(f"{R}/{pk}", **auth(people.sam))
    assert response.status_code == 200
    assert response.json()["state"] == "cancelled"
    assert client.get(f"{R}/{pk}", **auth(people.alex)).json()["summary"] is None
    assert client.get(f"{R}/{pk}/markdown", **auth(people.alex)).status_code == 409
    stored = SummaryRequest.objects.get(pk=pk)
    assert stored.markdown == "" and stored.data == {}


def test_cancelling_someone_elses_waiting_request_is_refused_with_a_reason(
    client: Client, people: Personas
) -> None:
    pk = _propose(client, people).json()["id"]
    response = client.delete(f"{R}/{pk}", **auth(people.sam))
    assert response.status_code == 403
    assert "Only the person who proposed it" in response.json()["detail"]
