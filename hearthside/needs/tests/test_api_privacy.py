"""Every persona against every needs route: exactly the status the privacy rule allows, refused
calls change nothing, and no request's words reach anyone but its two people.

Robin is a third member of Alex & Sam here, and still gets 404 for what Alex asked Sam: a
request is addressed to one person. Someone who sees a request but may not do a thing to it
gets 403 with a reason; anyone else 404, the same as for a request that does not exist.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import Personas
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
    leaks,
    rows,
    schema_operations,
)
from hearthside.needs.models import Answer, Request
from hearthside.needs.tests.conftest import READERS, Asks

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


ASK_SAM = {"circle": "{partners}", "person": "{sam}", "kind": "space", "text": "New ask"}
ASK_ROBIN = {"circle": "{friends}", "person": "{robin}", "kind": "other", "text": "New ask"}
YES = {"response": "yes", "note": "gladly"}
MET = {"met": "partly", "note": "it helped"}
R = "/needs/requests"

ROUTES = [
    Route("get", R, everyone(200)),
    Route("get", R + "?role=asked", everyone(200)),
    Route("get", R + "?role=to-me&open=true", everyone(200)),
    Route("get", R + "?circle={partners}", everyone(200)),
    # Anyone in the circle may ask another member; the circle must be theirs (404 otherwise).
    Route("post", R, by(alex=201, sam=422, robin=201), ASK_SAM),
    Route("post", R, by(alex=201, robin=422), ASK_ROBIN),
    Route("post", R, everyone(404), {**ASK_SAM, "circle": "{missing}"}),
    Route("get", R + "/{alex_to_sam}", by(alex=200, sam=200)),
    Route("get", R + "/{sam_to_alex}", by(alex=200, sam=200)),
    Route("get", R + "/{alex_to_robin}", by(alex=200, robin=200)),
    Route("get", R + "/{missing}", everyone(404)),
    Route("post", R + "/{alex_to_sam}/answers", by(alex=403, sam=201), YES),
    Route("post", R + "/{alex_to_robin}/answers", by(alex=403, robin=201), YES),
    Route("post", R + "/{missing}/answers", everyone(404), YES),
    Route("put", R + "/{sam_to_alex}/met", by(alex=403, sam=200), MET),
    Route("put", R + "/{alex_to_sam}/met", by(alex=200, sam=403), MET),
    Route("put", R + "/{missing}/met", everyone(404), MET),
    Route("post", R + "/{alex_to_sam}/withdraw", by(alex=200, sam=403)),
    Route("post", R + "/{alex_to_robin}/withdraw", by(alex=200, robin=403)),
    Route("post", R + "/{missing}/withdraw", everyone(404)),
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


STATE = rows(Request, Answer)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows(
    client: Client, people: Personas, asks: Asks, persona: str, route: Route
) -> None:
    ids = _ids(people, asks)
    assert_cell(client, people, persona, route, ids, state=STATE, readers=READERS)


def test_the_openapi_document_lists_exactly_these_operations(client: Client, db: None) -> None:
    assert document_operations(client, "/needs/") == OPERATIONS


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
        found = client.get(f"{API}/needs/requests", **auth(getattr(people, persona))).json()
        assert {r["id"] for r in found} == expected, persona
