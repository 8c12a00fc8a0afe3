"""Every persona against every needs route: exactly the status the privacy rule allows, refused
calls change nothing, and no request's words reach anyone but its two people.

Robin is a third member of Alex & Sam here, and still gets 404 for what Alex asked Sam: a
request is addressed to one person. Someone who sees a request but may not do a thing to it
gets 403 with a reason; anyone else 404, the same as for a request that does not exist.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from conftest import Personas
from hearthside.api.tests.helpers import assert_privacy_case, auth, leaks, schema_operations
from hearthside.needs.models import Answer, Request
from hearthside.needs.tests.conftest import READERS, Asks

API = "/api/v1"
PEOPLE = ["alex", "sam", "robin", "olive"]
PERSONAS = [*PEOPLE, "anonymous"]
MISSING = 999_999

# Every operation under /api/v1/needs/, exactly as the OpenAPI document lists them.
OPERATIONS = {
    ("get", "/api/v1/needs/requests"),
    ("post", "/api/v1/needs/requests"),
    ("get", "/api/v1/needs/requests/{request_id}"),
    ("post", "/api/v1/needs/requests/{request_id}/answers"),
    ("put", "/api/v1/needs/requests/{request_id}/met"),
    ("post", "/api/v1/needs/requests/{request_id}/withdraw"),
}

pytestmark = pytest.mark.usefixtures("third_member")


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    expect: dict[str, int]
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def template(self) -> str:
        return re.sub(r"\{[^}]+\}", "{}", API + self.path.split("?")[0])


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def _by(**statuses: int) -> dict[str, int]:
    return {p: statuses.get(p, 404) for p in PEOPLE}


ASK_SAM = {"circle": "{partners}", "person": "{sam}", "kind": "space", "text": "New ask"}
ASK_ROBIN = {"circle": "{friends}", "person": "{robin}", "kind": "other", "text": "New ask"}
YES = {"response": "yes", "note": "gladly"}
MET = {"met": "partly", "note": "it helped"}
R = "/needs/requests"

ROUTES = [
    Route("get", R, _all(200)),
    Route("get", R + "?role=asked", _all(200)),
    Route("get", R + "?role=to-me&open=true", _all(200)),
    Route("get", R + "?circle={partners}", _all(200)),
    # Anyone in the circle may ask another member; the circle must be theirs (404 otherwise).
    Route("post", R, _by(alex=201, sam=422, robin=201), ASK_SAM),
    Route("post", R, _by(alex=201, robin=422), ASK_ROBIN),
    Route("post", R, _all(404), {**ASK_SAM, "circle": "{missing}"}),
    Route("get", R + "/{alex_to_sam}", _by(alex=200, sam=200)),
    Route("get", R + "/{sam_to_alex}", _by(alex=200, sam=200)),
    Route("get", R + "/{alex_to_robin}", _by(alex=200, robin=200)),
    Route("get", R + "/{missing}", _all(404)),
    Route("post", R + "/{alex_to_sam}/answers", _by(alex=403, sam=201), YES),
    Route("post", R + "/{alex_to_robin}/answers", _by(alex=403, robin=201), YES),
    Route("post", R + "/{missing}/answers", _all(404), YES),
    Route("put", R + "/{sam_to_alex}/met", _by(alex=403, sam=200), MET),
    Route("put", R + "/{alex_to_sam}/met", _by(alex=200, sam=403), MET),
    Route("put", R + "/{missing}/met", _all(404), MET),
    Route("post", R + "/{alex_to_sam}/withdraw", _by(alex=200, sam=403)),
    Route("post", R + "/{alex_to_robin}/withdraw", _by(alex=200, robin=403)),
    Route("post", R + "/{missing}/withdraw", _all(404)),
]


def _ids(people: Personas, asks: Asks) -> dict[str, int]:
    return {
        "alex_to_sam": asks.alex_to_sam.pk,
        "sam_to_alex": asks.sam_to_alex.pk,
        "alex_to_robin": asks.alex_to_robin.pk,
        "partners": people.partners.pk,
        "friends": people.friends.pk,
        "sam": people.sam.pk,
        "robin": people.robin.pk,
        "missing": MISSING,
    }


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\{\w+\}", value):
        return ids[value[1:-1]]
    return value


def call(client: Client, people: Personas, asks: Asks, persona: str, route: Route) -> Any:
    ids = _ids(people, asks)
    path = API + route.path.format(**ids)
    headers = {} if persona == "anonymous" else auth(getattr(people, persona))
    if route.method == "get":
        return client.get(path, **headers)
    body = json.dumps({key: _fill(value, ids) for key, value in route.body.items()})
    return getattr(client, route.method)(path, body, "application/json", **headers)


def _state() -> list[Any]:
    return [
        list(Request.objects.order_by("pk").values()),
        list(Answer.objects.order_by("pk").values()),
    ]


CASES = [
    pytest.param(persona, route, id=f"{persona}-{route.name}-{i}")
    for i, route in enumerate(ROUTES)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("persona", "route"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows(
    client: Client, people: Personas, asks: Asks, persona: str, route: Route
) -> None:
    before = _state()
    response = call(client, people, asks, persona, route)
    assert_privacy_case(
        response,
        persona=persona,
        expected=401 if persona == "anonymous" else route.expect[persona],
        unchanged=lambda: _state() == before,
        readers=READERS,
    )


def test_the_openapi_document_lists_exactly_these_operations(client: Client, db: None) -> None:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    ours = {
        (method, path)
        for path, item in schema["paths"].items()
        for method in item
        if path.startswith("/api/v1/needs/")
    }
    assert ours == OPERATIONS


def test_the_matrix_covers_every_needs_route(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/needs/")
    assert schema_operations(client, ours) == {(r.method, r.template) for r in ROUTES}


def test_no_route_answers_403_to_someone_who_cannot_see_the_request() -> None:
    for route in ROUTES:
        for persona, status in route.expect.items():
            if status == 403:
                assert "{missing}" not in route.path
                assert persona in {"alex", "sam", "robin"}


@pytest.mark.parametrize(("persona", "visible"), [("robin", {"alex_to_robin"}), ("olive", set())])
def test_guessing_ids_finds_only_my_own_requests(
    client: Client, people: Personas, asks: Asks, persona: str, visible: set[str]
) -> None:
    headers = auth(getattr(people, persona))
    allowed = {getattr(asks, name).pk for name in visible}
    highest = Request.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for guess in [0, *range(1, highest + 3), 2**63]:
        response = client.get(f"{API}/needs/requests/{guess}", **headers)
        assert response.status_code == (200 if guess in allowed else 404), guess
        assert leaks(READERS, persona, response.content.decode()) == []


def test_the_list_holds_exactly_my_two_sides(client: Client, people: Personas, asks: Asks) -> None:
    for persona, expected in [
        ("alex", {asks.alex_to_sam.pk, asks.sam_to_alex.pk, asks.alex_to_robin.pk}),
        ("sam", {asks.alex_to_sam.pk, asks.sam_to_alex.pk}),
        ("robin", {asks.alex_to_robin.pk}),
        ("olive", set()),
    ]:
        rows = client.get(f"{API}/needs/requests", **auth(getattr(people, persona))).json()
        assert {r["id"] for r in rows} == expected, persona
