"""Every toolkit API route against every persona: exactly the status the privacy rule allows,
refused calls change nothing, and nobody receives anyone else's sessions or numbers.

Sessions are their author's own (own_entries): everyone else gets 404, the same as for a
session that doesn't exist, never 403 — including Sam, who shares the pause Alex's session is
linked to. A pause can only be linked by someone who may see it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import Personas
from hearthside.api.tests.helpers import (
    API,
    MISSING,
    PERSONAS,
    Route,
    assert_cell,
    auth,
    everyone,
    only,
    rows,
    schema_operations,
)
from hearthside.calm import sessions
from hearthside.calm.models import CalmSession
from hearthside.repair.models import Pause

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
READERS = {"alex@example.com": {"alex"}, "sam@example.com": {"sam"}}


ROUTES = [
    Route("get", "/calm/sessions", everyone(200)),
    Route("get", "/calm/sessions?tool=breathe", everyone(200)),
    Route("post", "/calm/sessions", everyone(201), {"tool": "ground", "distress_before": 5}),
    Route("post", "/calm/sessions", only(PARTNERS, 201), {"tool": "kindness", "pause": "{pause}"}),
    Route("post", "/calm/sessions", everyone(404), {"tool": "breathe", "pause": "{missing}"}),
    Route("get", "/calm/sessions/{session}", only({"alex"})),
    Route("get", "/calm/sessions/{missing}", everyone(404)),
    Route("post", "/calm/sessions/{session}/finish", only({"alex"}), {"distress_after": 3}),
    Route("post", "/calm/sessions/{missing}/finish", everyone(404), {"distress_after": 3}),
    Route("delete", "/calm/sessions/{session}", only({"alex"}, 204)),
    Route("delete", "/calm/sessions/{missing}", everyone(404)),
    Route("get", "/calm/summary", everyone(200)),
]


@pytest.fixture
def world(people: Personas, pause: Pause) -> dict[str, int]:
    session = sessions.start(
        people.alex, "breathe", pattern="4-7-8", distress_before=9, pause=pause
    )
    return {"session": session.pk, "pause": pause.pk, "missing": MISSING}


STATE = rows(CalmSession)

# Not `cases(ROUTES)`: that would rename these tests (its ids read "GET /path", these "get-/path").
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
    response = assert_cell(client, people, persona, route, world, state=STATE, readers=READERS)
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
