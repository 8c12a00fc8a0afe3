"""Every persona against every boundaries API route: exactly the status the privacy rule allows,
a refused call changes nothing, and no response carries words its reader may not see.

Seeing is `visibility.visible_entries`: the author, and members of the circle it's shared with.
Changing, reviewing and retiring are the author's alone — to anyone else, the partner who can
read it included, the boundary is not found (404), as if it did not exist. Acknowledging is for
members; the author gets 409 (there is nothing for them to acknowledge).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import Personas
from hearthside.api.tests.helpers import (
    API,
    MISSING,
    PEOPLE,
    Route,
    assert_cell,
    auth,
    by,
    cases,
    everyone,
    leaks,
    only,
    rows,
    schema_operations,
)
from hearthside.boundaries.models import Acknowledgement, Boundary, BoundaryVersion, Review
from hearthside.boundaries.tests.conftest import READERS, Bounds

# Email addresses are for their owners; members see names.
EMAILS = {f"{p}@example.com": {p} for p in PEOPLE}


PARTNERS = {"alex", "sam"}
FRIENDS = {"alex", "robin"}
WORDS = {"need": "Fresh words", "review_every": 6}

ROUTES = [
    Route("get", "/boundaries/", everyone(200)),
    Route("get", "/boundaries/?whose=mine", everyone(200)),
    Route("get", "/boundaries/?whose=shared&retired=true", everyone(200)),
    Route("post", "/boundaries/", everyone(201), WORDS),
    Route("post", "/boundaries/", only(PARTNERS, 201), {**WORDS, "circle": "{partners}"}),
    Route("post", "/boundaries/", only(FRIENDS, 201), {**WORDS, "circle": "{friends}"}),
    Route("post", "/boundaries/", everyone(404), {**WORDS, "circle": "{missing}"}),
    Route("get", "/boundaries/{alex_shared}", only(PARTNERS)),
    Route("get", "/boundaries/{alex_private}", only({"alex"})),
    Route("get", "/boundaries/{alex_friends}", only(FRIENDS)),
    Route("get", "/boundaries/{sam_shared}", only(PARTNERS)),
    Route("get", "/boundaries/{sam_private}", only({"sam"})),
    Route("get", "/boundaries/{missing}", everyone(404)),
    Route("put", "/boundaries/{alex_shared}", only({"alex"}), {**WORDS, "circle": "{partners}"}),
    Route("put", "/boundaries/{alex_private}", only({"alex"}), WORDS),
    Route("put", "/boundaries/{sam_private}", only({"sam"}), WORDS),
    Route("put", "/boundaries/{missing}", everyone(404), WORDS),
    Route("post", "/boundaries/{alex_shared}/review", only({"alex"}), {"decision": "keep"}),
    Route(
        "post",
        "/boundaries/{sam_shared}/review",
        only({"sam"}),
        {"decision": "change", "need": "Sam's new words"},
    ),
    Route("post", "/boundaries/{alex_friends}/review", only({"alex"}), {"decision": "retire"}),
    Route("post", "/boundaries/{missing}/review", everyone(404), {"decision": "keep"}),
    Route("post", "/boundaries/{alex_shared}/retire", only({"alex"}), {}),
    Route("post", "/boundaries/{sam_private}/retire", only({"sam"}), {"note": "done"}),
    Route("post", "/boundaries/{missing}/retire", everyone(404), {}),
    Route("post", "/boundaries/{alex_shared}/acknowledge", by(sam=201, alex=409)),
    Route("post", "/boundaries/{alex_friends}/acknowledge", by(robin=201, alex=409)),
    Route("post", "/boundaries/{sam_shared}/acknowledge", by(alex=201, sam=409)),
    Route("post", "/boundaries/{alex_private}/acknowledge", by(alex=409)),
    Route("post", "/boundaries/{missing}/acknowledge", everyone(404)),
]


def _ids(people: Personas, bounds: Bounds) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(bounds).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


STATE = rows(Boundary, BoundaryVersion, Review, Acknowledgement)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, bounds: Bounds, persona: str, route: Route
) -> None:
    ids = _ids(people, bounds)
    readers = {**READERS, **EMAILS}
    assert_cell(client, people, persona, route, ids, state=STATE, readers=readers)


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
        assert leaks(READERS, persona, response.content.decode()) == []
