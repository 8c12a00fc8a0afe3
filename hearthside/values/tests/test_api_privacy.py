"""Every persona against every route under /api/v1/values/: exactly the status the privacy rule
allows, refused calls change nothing, and no body carries words its caller may not read.

The document lists exactly our operations, and the matrix covers every one of them.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from hearthside.api.tests.helpers import (
    API,
    MISSING,
    Route,
    assert_cell,
    auth,
    by,
    cases,
    document_operations,
    everyone,
    only,
    rows,
    schema_operations,
)
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

# The routes below are written under /values (so are their names, and the test ids).
V = "/values"

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


HOPE = {"hopes": ["trust"], "text": "API hope"}
ITEM = {"kind": "goal", "area": "fun", "text": "A canoe"}
CHANGE = {"text": "New words"}
NOTE = {"text": "API note"}

ROUTES = [
    Route("get", "/hopes", everyone(200)),
    # Intentions
    Route("get", "/intentions", everyone(200)),
    Route("get", "/intentions?mine=true", everyone(200)),
    Route("get", "/intentions?circle={partners}", everyone(200)),
    Route("post", "/intentions", everyone(201), HOPE),
    Route("post", "/intentions", only(PARTNERS, 201), {**HOPE, "circle": "{partners}"}),
    Route("post", "/intentions", only(FRIENDS, 201), {**HOPE, "circle": "{friends}"}),
    Route("post", "/intentions", everyone(404), {**HOPE, "circle": "{missing}"}),
    Route("get", "/intentions/{alex_private}", only({"alex"})),
    Route("get", "/intentions/{alex_partners}", only(PARTNERS)),
    Route("get", "/intentions/{alex_friends}", only(FRIENDS)),
    Route("get", "/intentions/{sam_partners}", only(PARTNERS)),
    Route("get", "/intentions/{missing}", everyone(404)),
    Route("put", "/intentions/{alex_partners}", only({"alex"}), HOPE),
    Route("put", "/intentions/{sam_partners}", only({"sam"}), HOPE),
    Route("post", "/intentions/{alex_partners}/withdraw", only({"alex"})),
    Route("post", "/intentions/{missing}/withdraw", everyone(404)),
    Route("delete", "/intentions/{alex_private}", only({"alex"}, 204)),
    Route("delete", "/intentions/{sam_partners}", only({"sam"}, 204)),
    # Values and goals
    Route("get", "/circles", everyone(200)),
    Route("get", "/circles/{partners}/items", only(PARTNERS)),
    Route("get", "/circles/{partners}/items?include_retired=true", only(PARTNERS)),
    Route("get", "/circles/{friends}/items", only(FRIENDS)),
    Route("get", "/circles/{missing}/items", everyone(404)),
    Route("post", "/circles/{partners}/items", only(PARTNERS, 201), ITEM),
    Route("post", "/circles/{friends}/items", only(FRIENDS, 201), ITEM),
    Route("put", "/circles/{partners}/cadence", only(PARTNERS), {"every_months": 6}),
    Route("put", "/circles/{missing}/cadence", everyone(404), {"every_months": 6}),
    Route("put", "/items/{partners_goal}", only(PARTNERS), CHANGE),
    Route("put", "/items/{friends_value}", only(FRIENDS), CHANGE),
    Route("put", "/items/{missing}", everyone(404), CHANGE),
    Route("post", "/items/{partners_goal}/retire", only(PARTNERS)),
    Route("post", "/items/{friends_value}/retire", only(FRIENDS)),
    Route("post", "/items/{partners_value}/restore", only(PARTNERS)),
    Route("post", "/items/{missing}/restore", everyone(404)),
    # Revisits
    Route("get", "/circles/{partners}/revisits", only(PARTNERS)),
    Route("get", "/circles/{friends}/revisits", only(FRIENDS)),
    Route("post", "/circles/{partners}/revisits", only(PARTNERS, 409)),
    Route("post", "/circles/{friends}/revisits", only(FRIENDS, 201)),
    Route("post", "/circles/{missing}/revisits", everyone(404)),
    Route("get", "/revisits/{revisit}", only(PARTNERS)),
    Route("get", "/revisits/{missing}", everyone(404)),
    Route("put", "/revisits/{revisit}/notes/0", only(PARTNERS), NOTE),
    Route("put", "/revisits/{revisit}/notes/0", only(PARTNERS), {**NOTE, "just_for_me": True}),
    Route("put", "/revisits/{revisit}/notes/9", everyone(404), NOTE),
    Route("delete", "/revisits/{revisit}/notes/0", only(PARTNERS, 204)),
    Route("post", "/revisits/{revisit}/finish", only(PARTNERS), {"takeaway": "Done"}),
    Route("post", "/revisits/{missing}/finish", everyone(404), {}),
    # Honesty moments
    Route("get", "/honesty-moments", everyone(200)),
    Route("post", "/honesty-moments", by(alex=201, sam=200), {"share": "{share}"}),
    Route("post", "/honesty-moments", only({"alex"}, 201), {"checkin": "{checkin}"}),
    Route("put", "/honesty-moments/{sam_moment}", only({"sam"}), {"note": "mine"}),
    Route("put", "/honesty-moments/{missing}", everyone(404), {"note": "mine"}),
    Route("delete", "/honesty-moments/{sam_moment}", only({"sam"}, 204)),
]


def _ids(people: Personas, world: World) -> dict[str, int]:
    ids = {name: getattr(value, "pk", 0) for name, value in vars(world).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


def _at_values(route: Route) -> Route:
    """The route as `send` and `Route.template` need it: its path from /api/v1."""
    return replace(route, path=V + route.path)


STATE = rows(Intention, CircleValue, Revisit, RevisitNote, HonestyMoment, ValuesSettings)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, world: World, persona: str, route: Route
) -> None:
    if route.path.startswith("/items/{partners_value}/restore"):
        world.partners_value.retired_at = world.partners_value.created_at
        world.partners_value.save()
    ids = _ids(people, world)
    assert_cell(client, people, persona, _at_values(route), ids, state=STATE, readers=READERS)


def test_the_document_lists_exactly_our_operations(client: Client, db: None) -> None:
    assert document_operations(client, V + "/") == OPERATIONS
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for method, path in OPERATIONS:
        operation = schema["paths"][path][method]
        assert operation["security"] == [{"PersonalTokenAuth": []}]
        assert operation.get("summary")


def _template(route: Route) -> str:
    """A note's prompt in a path is a number, not a placeholder: the schema names it `{prompt}`."""
    return re.sub(r"/notes/\d+", "/notes/{}", _at_values(route).template)


def test_the_matrix_covers_every_values_route(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/values/")
    assert schema_operations(client, ours) == {(route.method, _template(route)) for route in ROUTES}


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
        real = client.get(API + V + path, **headers)
        missing = client.get(API + V + re.sub(r"\d+", str(MISSING), path), **headers)
        assert real.status_code == missing.status_code == 404, path
        assert real.content == missing.content
