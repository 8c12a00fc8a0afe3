"""Every persona against every boundaries API route: exactly the status the privacy rule allows,
a refused call changes nothing, and no response carries words its reader may not see.

Seeing is `visibility.visible_entries`: the author, and members of the circle it's shared with.
Changing, reviewing and retiring are the author's alone — to anyone else, the partner who can
read it included, the boundary is not found (404), as if it did not exist. Acknowledging is for
members; the author gets 409 (there is nothing for them to acknowledge).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from conftest import Personas
from hearthside.api.tests.helpers import assert_privacy_case, auth, schema_operations
from hearthside.boundaries.models import Acknowledgement, Boundary, BoundaryVersion, Review
from hearthside.boundaries.tests.conftest import READERS, Bounds

API = "/api/v1"
PEOPLE = ["alex", "sam", "robin", "olive"]
PERSONAS = [*PEOPLE, "anonymous"]
MISSING = 999_999
# Email addresses are for their owners; members see names.
EMAILS = {f"{p}@example.com": {p} for p in PEOPLE}


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    expect: dict[str, int]
    body: dict[str, Any] | None = field(default=None)

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def template(self) -> str:
        return re.sub(r"\{[^}]+\}", "{}", API + self.path.split("?")[0])


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def _only(status: int, who: set[str], others: int = 404, **special: int) -> dict[str, int]:
    return {p: special.get(p, status if p in who else others) for p in PEOPLE}


PARTNERS = {"alex", "sam"}
FRIENDS = {"alex", "robin"}
WORDS = {"need": "Fresh words", "review_every": 6}

ROUTES = [
    Route("get", "/boundaries/", _all(200)),
    Route("get", "/boundaries/?whose=mine", _all(200)),
    Route("get", "/boundaries/?whose=shared&retired=true", _all(200)),
    Route("post", "/boundaries/", _all(201), WORDS),
    Route("post", "/boundaries/", _only(201, PARTNERS), {**WORDS, "circle": "{partners}"}),
    Route("post", "/boundaries/", _only(201, FRIENDS), {**WORDS, "circle": "{friends}"}),
    Route("post", "/boundaries/", _all(404), {**WORDS, "circle": "{missing}"}),
    Route("get", "/boundaries/{alex_shared}", _only(200, PARTNERS)),
    Route("get", "/boundaries/{alex_private}", _only(200, {"alex"})),
    Route("get", "/boundaries/{alex_friends}", _only(200, FRIENDS)),
    Route("get", "/boundaries/{sam_shared}", _only(200, PARTNERS)),
    Route("get", "/boundaries/{sam_private}", _only(200, {"sam"})),
    Route("get", "/boundaries/{missing}", _all(404)),
    Route(
        "put", "/boundaries/{alex_shared}", _only(200, {"alex"}), {**WORDS, "circle": "{partners}"}
    ),
    Route("put", "/boundaries/{alex_private}", _only(200, {"alex"}), WORDS),
    Route("put", "/boundaries/{sam_private}", _only(200, {"sam"}), WORDS),
    Route("put", "/boundaries/{missing}", _all(404), WORDS),
    Route("post", "/boundaries/{alex_shared}/review", _only(200, {"alex"}), {"decision": "keep"}),
    Route(
        "post",
        "/boundaries/{sam_shared}/review",
        _only(200, {"sam"}),
        {"decision": "change", "need": "Sam's new words"},
    ),
    Route(
        "post", "/boundaries/{alex_friends}/review", _only(200, {"alex"}), {"decision": "retire"}
    ),
    Route("post", "/boundaries/{missing}/review", _all(404), {"decision": "keep"}),
    Route("post", "/boundaries/{alex_shared}/retire", _only(200, {"alex"}), {}),
    Route("post", "/boundaries/{sam_private}/retire", _only(200, {"sam"}), {"note": "done"}),
    Route("post", "/boundaries/{missing}/retire", _all(404), {}),
    Route("post", "/boundaries/{alex_shared}/acknowledge", _only(201, {"sam"}, alex=409)),
    Route("post", "/boundaries/{alex_friends}/acknowledge", _only(201, {"robin"}, alex=409)),
    Route("post", "/boundaries/{sam_shared}/acknowledge", _only(201, {"alex"}, sam=409)),
    Route("post", "/boundaries/{alex_private}/acknowledge", _only(404, set(), alex=409)),
    Route("post", "/boundaries/{missing}/acknowledge", _all(404)),
]


def _ids(people: Personas, bounds: Bounds) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(bounds).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\{\w+\}", value):
        return ids[value[1:-1]]
    return value


def _call(client: Client, people: Personas, bounds: Bounds, persona: str, route: Route) -> Any:
    ids = _ids(people, bounds)
    path = API + route.path.format(**ids)
    headers = {} if persona == "anonymous" else auth(getattr(people, persona))
    if route.method == "get":
        return client.get(path, **headers)
    body = json.dumps({k: _fill(v, ids) for k, v in (route.body or {}).items()})
    return getattr(client, route.method)(path, body, "application/json", **headers)


def _state() -> list[Any]:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Boundary, BoundaryVersion, Review, Acknowledgement)
    ]


CASES = [
    pytest.param(persona, route, id=f"{persona}-{route.name}-{i}")
    for i, route in enumerate(ROUTES)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("persona", "route"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, bounds: Bounds, persona: str, route: Route
) -> None:
    before = _state()
    response = _call(client, people, bounds, persona, route)
    assert_privacy_case(
        response,
        persona=persona,
        expected=401 if persona == "anonymous" else route.expect[persona],
        unchanged=lambda: _state() == before,
        readers={**READERS, **EMAILS},
    )


def test_the_matrix_covers_every_boundaries_route(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/boundaries/")
    assert schema_operations(client, ours) == {(r.method, r.template) for r in ROUTES}


def test_no_boundaries_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


@pytest.mark.parametrize(("persona", "visible"), [("robin", {"alex_friends"}), ("olive", set())])
def test_guessing_ids_finds_only_boundaries_i_may_see(
    client: Client, people: Personas, bounds: Bounds, persona: str, visible: set[str]
) -> None:
    headers = auth(getattr(people, persona))
    allowed = {getattr(bounds, name).pk for name in visible}
    highest = Boundary.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for guess in [0, *range(1, highest + 3), 2**53]:
        response = client.get(f"{API}/boundaries/{guess}", **headers)
        assert response.status_code == (200 if guess in allowed else 404), guess
        body = response.content.decode()
        assert not [t for t, who in READERS.items() if persona not in who and t in body]
