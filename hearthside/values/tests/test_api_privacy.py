"""Every persona against every route under /api/v1/values/: exactly the status the privacy rule
allows, refused calls change nothing, and no body carries words its caller may not read.

The document lists exactly our operations, and the matrix covers every one of them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from hearthside.api.tests.helpers import assert_privacy_case, auth, schema_operations
from hearthside.values.models import (
    CircleValue,
    HonestyMoment,
    Intention,
    Revisit,
    RevisitNote,
    ValuesSettings,
)
from hearthside.values.tests.conftest import FRIENDS, PARTNERS, READERS, World

if TYPE_CHECKING:
    from conftest import Personas

API = "/api/v1/values"
PEOPLE = ["alex", "sam", "robin", "olive"]
PERSONAS = [*PEOPLE, "anonymous"]
MISSING = 999_999

# Every operation of this practice, as the OpenAPI document names it.
OPERATIONS = {
    ("get", "/api/v1/values/hopes"),
    ("get", "/api/v1/values/intentions"),
    ("post", "/api/v1/values/intentions"),
    ("get", "/api/v1/values/intentions/{intention_id}"),
    ("put", "/api/v1/values/intentions/{intention_id}"),
    ("delete", "/api/v1/values/intentions/{intention_id}"),
    ("post", "/api/v1/values/intentions/{intention_id}/withdraw"),
    ("get", "/api/v1/values/circles"),
    ("get", "/api/v1/values/circles/{circle_id}/items"),
    ("post", "/api/v1/values/circles/{circle_id}/items"),
    ("put", "/api/v1/values/circles/{circle_id}/cadence"),
    ("get", "/api/v1/values/circles/{circle_id}/revisits"),
    ("post", "/api/v1/values/circles/{circle_id}/revisits"),
    ("put", "/api/v1/values/items/{item_id}"),
    ("post", "/api/v1/values/items/{item_id}/retire"),
    ("post", "/api/v1/values/items/{item_id}/restore"),
    ("get", "/api/v1/values/revisits/{revisit_id}"),
    ("put", "/api/v1/values/revisits/{revisit_id}/notes/{prompt}"),
    ("delete", "/api/v1/values/revisits/{revisit_id}/notes/{prompt}"),
    ("post", "/api/v1/values/revisits/{revisit_id}/finish"),
    ("get", "/api/v1/values/honesty-moments"),
    ("post", "/api/v1/values/honesty-moments"),
    ("put", "/api/v1/values/honesty-moments/{moment_id}"),
    ("delete", "/api/v1/values/honesty-moments/{moment_id}"),
}


@dataclass(frozen=True)
class Route:
    """One call with `{name}` placeholders, and the status each signed-in persona gets
    (anonymous callers always get 401)."""

    method: str
    path: str
    expect: dict[str, int]
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def template(self) -> str:
        path = re.sub(r"/notes/\d+", "/notes/{}", API + self.path.split("?")[0])
        return re.sub(r"\{[^}]+\}", "{}", path)


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def _only(status: int, who: set[str], others: int = 404) -> dict[str, int]:
    return {p: status if p in who else others for p in PEOPLE}


HOPE = {"hopes": ["trust"], "text": "API hope"}
ITEM = {"kind": "goal", "area": "fun", "text": "A canoe"}
CHANGE = {"text": "New words"}
NOTE = {"text": "API note"}

ROUTES = [
    Route("get", "/hopes", _all(200)),
    # Intentions
    Route("get", "/intentions", _all(200)),
    Route("get", "/intentions?mine=true", _all(200)),
    Route("get", "/intentions?circle={partners}", _all(200)),
    Route("post", "/intentions", _all(201), HOPE),
    Route("post", "/intentions", _only(201, PARTNERS), {**HOPE, "circle": "{partners}"}),
    Route("post", "/intentions", _only(201, FRIENDS), {**HOPE, "circle": "{friends}"}),
    Route("post", "/intentions", _all(404), {**HOPE, "circle": "{missing}"}),
    Route("get", "/intentions/{alex_private}", _only(200, {"alex"})),
    Route("get", "/intentions/{alex_partners}", _only(200, PARTNERS)),
    Route("get", "/intentions/{alex_friends}", _only(200, FRIENDS)),
    Route("get", "/intentions/{sam_partners}", _only(200, PARTNERS)),
    Route("get", "/intentions/{missing}", _all(404)),
    Route("put", "/intentions/{alex_partners}", _only(200, {"alex"}), HOPE),
    Route("put", "/intentions/{sam_partners}", _only(200, {"sam"}), HOPE),
    Route("post", "/intentions/{alex_partners}/withdraw", _only(200, {"alex"})),
    Route("post", "/intentions/{missing}/withdraw", _all(404)),
    Route("delete", "/intentions/{alex_private}", _only(204, {"alex"})),
    Route("delete", "/intentions/{sam_partners}", _only(204, {"sam"})),
    # Values and goals
    Route("get", "/circles", _all(200)),
    Route("get", "/circles/{partners}/items", _only(200, PARTNERS)),
    Route("get", "/circles/{partners}/items?include_retired=true", _only(200, PARTNERS)),
    Route("get", "/circles/{friends}/items", _only(200, FRIENDS)),
    Route("get", "/circles/{missing}/items", _all(404)),
    Route("post", "/circles/{partners}/items", _only(201, PARTNERS), ITEM),
    Route("post", "/circles/{friends}/items", _only(201, FRIENDS), ITEM),
    Route("put", "/circles/{partners}/cadence", _only(200, PARTNERS), {"every_months": 6}),
    Route("put", "/circles/{missing}/cadence", _all(404), {"every_months": 6}),
    Route("put", "/items/{partners_goal}", _only(200, PARTNERS), CHANGE),
    Route("put", "/items/{friends_value}", _only(200, FRIENDS), CHANGE),
    Route("put", "/items/{missing}", _all(404), CHANGE),
    Route("post", "/items/{partners_goal}/retire", _only(200, PARTNERS)),
    Route("post", "/items/{friends_value}/retire", _only(200, FRIENDS)),
    Route("post", "/items/{partners_value}/restore", _only(200, PARTNERS)),
    Route("post", "/items/{missing}/restore", _all(404)),
    # Revisits
    Route("get", "/circles/{partners}/revisits", _only(200, PARTNERS)),
    Route("get", "/circles/{friends}/revisits", _only(200, FRIENDS)),
    Route("post", "/circles/{partners}/revisits", _only(409, PARTNERS)),
    Route("post", "/circles/{friends}/revisits", _only(201, FRIENDS)),
    Route("post", "/circles/{missing}/revisits", _all(404)),
    Route("get", "/revisits/{revisit}", _only(200, PARTNERS)),
    Route("get", "/revisits/{missing}", _all(404)),
    Route("put", "/revisits/{revisit}/notes/0", _only(200, PARTNERS), NOTE),
    Route(
        "put", "/revisits/{revisit}/notes/0", _only(200, PARTNERS), {**NOTE, "just_for_me": True}
    ),
    Route("put", "/revisits/{revisit}/notes/9", _all(404), NOTE),
    Route("delete", "/revisits/{revisit}/notes/0", _only(204, PARTNERS)),
    Route("post", "/revisits/{revisit}/finish", _only(200, PARTNERS), {"takeaway": "Done"}),
    Route("post", "/revisits/{missing}/finish", _all(404), {}),
    # Honesty moments
    Route("get", "/honesty-moments", _all(200)),
    Route(
        "post",
        "/honesty-moments",
        {"alex": 201, "sam": 200, "robin": 404, "olive": 404},
        {"share": "{share}"},
    ),
    Route("post", "/honesty-moments", _only(201, {"alex"}), {"checkin": "{checkin}"}),
    Route("put", "/honesty-moments/{sam_moment}", _only(200, {"sam"}), {"note": "mine"}),
    Route("put", "/honesty-moments/{missing}", _all(404), {"note": "mine"}),
    Route("delete", "/honesty-moments/{sam_moment}", _only(204, {"sam"})),
]


def _ids(people: Personas, world: World) -> dict[str, int]:
    ids = {name: getattr(value, "pk", 0) for name, value in vars(world).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\{\w+\}", value):
        return ids[value[1:-1]]
    return value


def _call(client: Client, people: Personas, world: World, persona: str, route: Route) -> Any:
    ids = _ids(people, world)
    path = API + route.path.format(**ids)
    headers = {} if persona == "anonymous" else auth(getattr(people, persona))
    if route.method in ("get", "delete"):
        return getattr(client, route.method)(path, **headers)
    body = json.dumps({key: _fill(value, ids) for key, value in route.body.items()})
    return getattr(client, route.method)(path, body, "application/json", **headers)


def _state() -> list[Any]:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Intention, CircleValue, Revisit, RevisitNote, HonestyMoment, ValuesSettings)
    ]


CASES = [
    pytest.param(persona, route, id=f"{persona}-{route.name}-{i}")
    for i, route in enumerate(ROUTES)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("persona", "route"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, world: World, persona: str, route: Route
) -> None:
    if route.path.startswith("/items/{partners_value}/restore"):
        world.partners_value.retired_at = world.partners_value.created_at
        world.partners_value.save()
    before = _state()
    response = _call(client, people, world, persona, route)
    assert_privacy_case(
        response,
        persona=persona,
        expected=401 if persona == "anonymous" else route.expect[persona],
        unchanged=lambda: _state() == before,
        readers=READERS,
    )


def test_the_document_lists_exactly_our_operations(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/values/")
    assert schema_operations(client, ours) == {
        (method, re.sub(r"\{[^}]+\}", "{}", path)) for method, path in OPERATIONS
    }
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for method, path in OPERATIONS:
        operation = schema["paths"][path][method]
        assert operation["security"] == [{"PersonalTokenAuth": []}]
        assert operation.get("summary")


def test_the_matrix_covers_every_values_route(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/values/")
    assert schema_operations(client, ours) == {(route.method, route.template) for route in ROUTES}


def test_no_values_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_guessing_ids_finds_nothing_of_the_partners(
    client: Client, people: Personas, world: World, persona: str
) -> None:
    headers = auth(getattr(people, persona))
    for path in (
        f"/intentions/{world.alex_partners.pk}",
        f"/intentions/{world.sam_partners.pk}",
        f"/circles/{people.partners.pk}/items",
        f"/revisits/{world.revisit.pk}",
    ):
        real = client.get(API + path, **headers)
        missing = client.get(API + re.sub(r"\d+", str(MISSING), path), **headers)
        assert real.status_code == missing.status_code == 404, path
        assert real.content == missing.content
