"""Every persona against every summary route: exactly the status the privacy rule allows,
refused calls change nothing, and no words reach anyone they don't belong to.

A request is seen by the people who were in its circle when it was proposed; anyone else gets
404, the same as for a request that does not exist. A participant doing what the state doesn't
allow gets 409, and one cancelling someone else's waiting request 403, each with a reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta

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
from hearthside.summary import actions
from hearthside.summary.models import Consent, SummaryRequest
from hearthside.summary.tests.conftest import END, READERS, START, Story, produced

# Every operation under /api/v1/summaries/, exactly as the OpenAPI document lists them.
OPERATIONS = {
    ("get", "/api/v1/summaries/requests"),
    ("post", "/api/v1/summaries/requests"),
    ("get", "/api/v1/summaries/requests/{request_id}"),
    ("delete", "/api/v1/summaries/requests/{request_id}"),
    ("post", "/api/v1/summaries/requests/{request_id}/consent"),
    ("post", "/api/v1/summaries/requests/{request_id}/withdraw"),
    ("get", "/api/v1/summaries/requests/{request_id}/markdown"),
}


NEW = {"circle": "{partners}", "period_start": "2026-01-01", "period_end": "2026-01-31"}
R = "/summaries/requests"

ROUTES = [
    Route("get", R, everyone(200)),
    Route("get", R + "?circle={partners}", everyone(200)),
    Route("get", R + "?state=produced", everyone(200)),
    Route("post", R, by(alex=201, sam=201), NEW),
    Route("post", R, by(alex=201, robin=201), {**NEW, "circle": "{friends}"}),
    Route("post", R, everyone(404), {**NEW, "circle": "{missing}"}),
    Route("get", R + "/{waiting}", by(alex=200, sam=200)),
    Route("get", R + "/{made}", by(alex=200, sam=200)),
    Route("get", R + "/{friends_request}", by(alex=200, robin=200)),
    Route("get", R + "/{missing}", everyone(404)),
    Route("post", R + "/{waiting}/consent", by(alex=200, sam=200)),
    Route("post", R + "/{made}/consent", by(alex=409, sam=409)),
    Route("post", R + "/{friends_request}/consent", by(alex=200, robin=200)),
    Route("post", R + "/{missing}/consent", everyone(404)),
    Route("post", R + "/{waiting}/withdraw", by(alex=200, sam=200)),
    Route("post", R + "/{made}/withdraw", by(alex=409, sam=409)),
    Route("post", R + "/{missing}/withdraw", everyone(404)),
    Route("get", R + "/{made}/markdown", by(alex=200, sam=200)),
    Route("get", R + "/{waiting}/markdown", by(alex=409, sam=409)),
    Route("get", R + "/{missing}/markdown", everyone(404)),
    Route("delete", R + "/{waiting}", by(alex=200, sam=403)),
    Route("delete", R + "/{made}", by(alex=200, sam=200)),
    Route("delete", R + "/{friends_request}", by(alex=200, robin=403)),
    Route("delete", R + "/{missing}", everyone(404)),
]


@dataclass
class Requests:
    waiting: SummaryRequest
    made: SummaryRequest
    friends: SummaryRequest


@pytest.fixture
def requests(story: Story) -> Requests:
    people = story.people
    made = produced(people)
    waiting = actions.propose(people.alex, people.partners, START, END - timedelta(days=1))
    friends = actions.propose(people.alex, people.friends, START, END)
    return Requests(waiting, made, friends)


def _ids(people: Personas, requests: Requests) -> dict[str, int]:
    return {
        "waiting": requests.waiting.pk,
        "made": requests.made.pk,
        "friends_request": requests.friends.pk,
        "partners": people.partners.pk,
        "friends": people.friends.pk,
        "missing": MISSING,
    }


STATE = rows(SummaryRequest, Consent)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows(
    client: Client, people: Personas, requests: Requests, persona: str, route: Route
) -> None:
    ids = _ids(people, requests)
    assert_cell(client, people, persona, route, ids, state=STATE, readers=READERS)


def test_the_openapi_document_lists_exactly_these_operations(client: Client, db: None) -> None:
    assert document_operations(client, "/summaries/") == OPERATIONS


def test_the_matrix_covers_every_summaries_route(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/summaries/")
    assert schema_operations(client, ours) == {(r.method, r.template) for r in ROUTES}


def test_every_route_requires_the_bearer_token_and_says_what_it_does(
    client: Client, db: None
) -> None:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for path, item in schema["paths"].items():
        if path.startswith("/api/v1/summaries/"):
            for operation in item.values():
                assert operation["security"] == [{"PersonalTokenAuth": []}]
                assert operation.get("summary")


def test_no_route_answers_403_or_409_to_someone_who_cannot_see_the_request() -> None:
    for route in ROUTES:
        for persona, status in route.expect.items():
            if status in (403, 409):
                assert "{missing}" not in route.path
                assert persona in {"alex", "sam", "robin"}


@pytest.mark.parametrize(
    ("persona", "visible"),
    [("robin", {"friends"}), ("olive", set()), ("sam", {"waiting", "made"})],
)
def test_guessing_ids_finds_only_requests_i_take_part_in(
    client: Client, people: Personas, requests: Requests, persona: str, visible: set[str]
) -> None:
    headers = auth(getattr(people, persona))
    allowed = {getattr(requests, name).pk for name in visible}
    highest = SummaryRequest.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for guess in [0, *range(1, highest + 3), 2**63]:
        response = client.get(f"{API}/summaries/requests/{guess}", **headers)
        assert response.status_code == (200 if guess in allowed else 404), guess
        assert leaks(READERS, persona, response.content.decode()) == []


def test_the_list_holds_exactly_the_requests_i_take_part_in(
    client: Client, people: Personas, requests: Requests
) -> None:
    for persona, expected in [
        ("alex", {requests.waiting.pk, requests.made.pk, requests.friends.pk}),
        ("sam", {requests.waiting.pk, requests.made.pk}),
        ("robin", {requests.friends.pk}),
        ("olive", set()),
    ]:
        found = client.get(f"{API}/summaries/requests", **auth(getattr(people, persona))).json()
        assert {r["id"] for r in found} == expected, persona
