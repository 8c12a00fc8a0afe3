"""The toolkit's API: start and finish sessions with ratings, list mine, the summary."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Personas
from hearthside.api.tests.helpers import auth
from hearthside.calm.models import CalmSession
from hearthside.repair.models import Pause

API = "/api/v1/calm"


def post(client: Client, path: str, body: dict[str, Any], headers: dict[str, Any]) -> Any:
    return client.post(API + path, json.dumps(body), "application/json", **headers)


def test_a_session_starts_and_finishes_with_its_ratings(client: Client, people: Personas) -> None:
    headers = auth(people.alex)

    started = post(client, "/sessions", {"tool": "breathe", "distress_before": 7}, headers)

    assert started.status_code == 201
    body = started.json()
    assert body["tool"] == "breathe"
    assert body["pattern"] == "box"  # the default
    assert body["distress_before"] == 7
    assert body["finished_at"] is None
    assert body["pause_id"] is None

    finished = post(client, f"/sessions/{body['id']}/finish", {"distress_after": 4}, headers)

    assert finished.status_code == 200
    assert finished.json()["distress_after"] == 4
    assert finished.json()["finished_at"] == timezone.now().isoformat().replace("+00:00", "Z")


def test_finishing_twice_is_a_conflict_that_keeps_the_first(
    client: Client, people: Personas
) -> None:
    headers = auth(people.sam)
    session = post(client, "/sessions", {"tool": "ground"}, headers).json()
    post(client, f"/sessions/{session['id']}/finish", {"distress_after": 3}, headers)

    again = post(client, f"/sessions/{session['id']}/finish", {"distress_after": 9}, headers)

    assert again.status_code == 409
    assert "already finished" in again.json()["detail"]
    assert CalmSession.objects.get().distress_after == 3


@pytest.mark.parametrize(
    "body",
    [
        {"tool": "yoga"},
        {"tool": "breathe", "pattern": "7-11"},
        {"tool": "ground", "pattern": "box"},
        {"tool": "kindness", "distress_before": 11},
        {"tool": "kindness", "distress_before": -1},
        {"tool": "breathe", "pause": 0},
    ],
)
def test_bad_input_is_a_422_with_a_reason(
    client: Client, people: Personas, body: dict[str, Any]
) -> None:
    response = post(client, "/sessions", body, auth(people.alex))

    assert response.status_code == 422
    assert not CalmSession.objects.exists()


def test_an_after_rating_off_the_scale_is_a_422(client: Client, people: Personas) -> None:
    headers = auth(people.alex)
    session = post(client, "/sessions", {"tool": "ground"}, headers).json()

    response = post(client, f"/sessions/{session['id']}/finish", {"distress_after": 12}, headers)

    assert response.status_code == 422
    assert CalmSession.objects.get().finished_at is None


def test_a_session_can_link_a_pause_i_may_see(
    client: Client, people: Personas, pause: Pause
) -> None:
    response = post(client, "/sessions", {"tool": "kindness", "pause": pause.pk}, auth(people.sam))

    assert response.status_code == 201
    assert response.json()["pause_id"] == pause.pk


def test_my_list_is_newest_first_and_filters_by_tool(client: Client, people: Personas) -> None:
    headers = auth(people.alex)
    for tool in ("breathe", "ground", "kindness", "ground"):
        post(client, "/sessions", {"tool": tool}, headers)

    everything = client.get(f"{API}/sessions", **headers).json()
    grounding = client.get(f"{API}/sessions?tool=ground", **headers).json()
    paged = client.get(f"{API}/sessions?limit=1&offset=1", **headers).json()

    assert [s["tool"] for s in everything] == ["ground", "kindness", "ground", "breathe"]
    assert [s["tool"] for s in grounding] == ["ground", "ground"]
    assert [s["id"] for s in paged] == [everything[1]["id"]]


def test_the_summary_needs_three_rated_sessions(client: Client, people: Personas) -> None:
    headers = auth(people.alex)
    for before, after in ((7, 4), (6, 4), (8, 6)):
        s = post(client, "/sessions", {"tool": "breathe", "distress_before": before}, headers)
        post(client, f"/sessions/{s.json()['id']}/finish", {"distress_after": after}, headers)
    s = post(client, "/sessions", {"tool": "ground", "distress_before": 5}, headers)
    post(client, f"/sessions/{s.json()['id']}/finish", {"distress_after": 5}, headers)

    tools = {t["tool"]: t for t in client.get(f"{API}/summary", **headers).json()["tools"]}

    assert tools["breathe"] == {
        "tool": "breathe",
        "rated": 3,
        "average_drop": pytest.approx(2.33, abs=0.01),
        "enough": True,
    }
    assert tools["ground"] == {"tool": "ground", "rated": 1, "average_drop": None, "enough": False}
    assert tools["kindness"]["rated"] == 0


def test_forgetting_a_session_deletes_it(client: Client, people: Personas) -> None:
    headers = auth(people.alex)
    session = post(client, "/sessions", {"tool": "ground"}, headers).json()

    response = client.delete(f"{API}/sessions/{session['id']}", **headers)

    assert response.status_code == 204
    assert not CalmSession.objects.exists()
