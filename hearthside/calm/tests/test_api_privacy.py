"""Every toolkit API route against every persona: exactly the status the privacy rule allows,
refused calls change nothing, and nobody receives anyone else's sessions or numbers.

Sessions are their author's own (own_entries): everyone else gets 404, the same as for a
session that doesn't exist, never 403 — including Sam, who shares the pause Alex's session is
linked to. A pause can only be linked by someone who may see it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from conftest import Personas
from hearthside.api.tests.helpers import assert_privacy_case, auth, schema_operations
from hearthside.calm import sessions
from hearthside.calm.models import CalmSession
from hearthside.repair.models import Pause

API = "/api/v1"
PEOPLE = ["alex", "sam", "robin", "olive"]
PERSONAS = [*PEOPLE, "anonymous"]
MISSING = 999_999
PARTNERS = {"alex", "sam"}

# The exact operations this app puts in the schema.
OPERATIONS = {
    ("get", "/api/v1/calm/sessions"),
    ("post", "/api/v1/calm/sessions"),
    ("get", "/api/v1/calm/sessions/{}"),
    ("post", "/api/v1/calm/sessions/{}/finish"),
    ("delete", "/api/v1/calm/sessions/{}"),
    ("get", "/api/v1/calm/summary"),
}

# Alex's numbers are told apart by an unusual pattern and pair of ratings; none of these may
# reach anyone but Alex.
ALEX_MARKS = ('"distress_before":9', '"pattern":"4-7-8"')


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    expect: dict[str, int]
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return re.sub(r"\{[^}]+\}", "{}", API + self.path.split("?")[0])


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def _only(status: int, who: set[str]) -> dict[str, int]:
    return {p: status if p in who else 404 for p in PEOPLE}


ROUTES = [
    Route("get", "/calm/sessions", _all(200)),
    Route("get", "/calm/sessions?tool=breathe", _all(200)),
    Route("post", "/calm/sessions", _all(201), {"tool": "ground", "distress_before": 5}),
    Route("post", "/calm/sessions", _only(201, PARTNERS), {"tool": "kindness", "pause": "{pause}"}),
    Route("post", "/calm/sessions", _all(404), {"tool": "breathe", "pause": "{missing}"}),
    Route("get", "/calm/sessions/{session}", _only(200, {"alex"})),
    Route("get", "/calm/sessions/{missing}", _all(404)),
    Route("post", "/calm/sessions/{session}/finish", _only(200, {"alex"}), {"distress_after": 3}),
    Route("post", "/calm/sessions/{missing}/finish", _all(404), {"distress_after": 3}),
    Route("delete", "/calm/sessions/{session}", _only(204, {"alex"})),
    Route("delete", "/calm/sessions/{missing}", _all(404)),
    Route("get", "/calm/summary", _all(200)),
]


@pytest.fixture
def world(people: Personas, pause: Pause) -> dict[str, int]:
    session = sessions.start(
        people.alex, "breathe", pattern="4-7-8", distress_before=9, pause=pause
    )
    return {"session": session.pk, "pause": pause.pk, "missing": MISSING}


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\{\w+\}", value):
        return ids[value[1:-1]]
    return value


def _call(client: Client, people: Personas, ids: dict[str, int], persona: str, route: Route) -> Any:
    path = API + route.path.format(**ids)
    headers = {} if persona == "anonymous" else auth(getattr(people, persona))
    if route.method in ("get", "delete"):
        return getattr(client, route.method)(path, **headers)
    body = json.dumps({key: _fill(value, ids) for key, value in route.body.items()})
    return getattr(client, route.method)(path, body, "application/json", **headers)


def _state() -> list[Any]:
    return list(CalmSession.objects.order_by("pk").values())


CASES = [
    pytest.param(persona, route, id=f"{persona}-{route.method}-{route.path}-{i}")
    for i, route in enumerate(ROUTES)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("persona", "route"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client,
    people: Personas,
    world: dict[str, int],
    persona: str,
    route: Route,
) -> None:
    before = _state()
    response = _call(client, people, world, persona, route)

    assert_privacy_case(
        response,
        persona=persona,
        expected=401 if persona == "anonymous" else route.expect[persona],
        unchanged=lambda: _state() == before,
        readers={"alex@example.com": {"alex"}, "sam@example.com": {"sam"}},
    )
    if persona != "alex":
        body = response.content.decode().replace(" ", "")
        assert not any(mark in body for mark in ALEX_MARKS), body


def test_the_schema_lists_exactly_these_operations(client: Client, db: None) -> None:
    assert schema_operations(client, re.compile(r"^/api/v1/calm/")) == OPERATIONS


def test_the_matrix_covers_every_route_under_calm(client: Client, db: None) -> None:
    assert {(route.method, route.template) for route in ROUTES} == OPERATIONS


def test_no_calm_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_nobody_else_sees_my_sessions_in_their_list_or_summary(
    client: Client, people: Personas, world: dict[str, int], persona: str
) -> None:
    headers = auth(getattr(people, persona))

    assert client.get(f"{API}/calm/sessions", **headers).json() == []
    tools = client.get(f"{API}/calm/summary", **headers).json()["tools"]
    assert all(t["rated"] == 0 for t in tools)


def test_a_linked_pause_is_hidden_once_i_can_no_longer_see_it(
    client: Client, people: Personas, world: dict[str, int]
) -> None:
    from django.utils import timezone

    from hearthside.circles.models import Membership

    pause = Pause.objects.get(pk=world["pause"])
    sams = sessions.start(people.sam, "ground", pause=pause)
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )

    body = client.get(f"{API}/calm/sessions/{sams.pk}", **auth(people.sam)).json()

    assert body["pause_id"] is None
