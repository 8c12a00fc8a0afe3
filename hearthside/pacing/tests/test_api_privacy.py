"""Every persona against every pacing route: exactly the status the privacy rule allows,
refused calls change nothing, and nobody receives words that are not theirs — the held share
is its author's alone, the hint goes only to the people asked."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    cases,
    everyone,
    leaks,
    only,
    rows,
    schema_operations,
)
from hearthside.pacing.models import Answer, Comfort, Knock
from hearthside.pacing.tests.conftest import knock_as
from hearthside.practice.models import Share

PARTNERS = {"alex", "sam"}
FRIENDS = {"alex", "robin"}

HELD_PARTNERS = "ALEX-HELD-PARTNERS: I've been scared since the launch"
HELD_FRIENDS = "ALEX-HELD-FRIENDS: I froze on the wall and I'm ashamed"
HELD_SAM = "SAM-HELD: the test results came back"
HINT_PARTNERS = "PARTNERS-HINT work"
HINT_FRIENDS = "FRIENDS-HINT climbing"

READERS: dict[str, set[str]] = {
    HELD_PARTNERS: {"alex"},
    HELD_FRIENDS: {"alex"},
    HELD_SAM: {"sam"},
    HINT_PARTNERS: PARTNERS,
    HINT_FRIENDS: FRIENDS,
    "alex@example.com": {"alex"},
    "sam@example.com": {"sam"},
    "robin@example.com": {"robin"},
    "olive@example.com": {"olive"},
}


@dataclass
class World:
    partners_knock: Knock
    friends_knock: Knock
    sam_knock: Knock


@pytest.fixture
def world(people: Personas) -> World:
    Comfort.objects.create(person=people.sam, circle=people.partners, depth="light")
    return World(
        knock_as(people.alex, people.partners, text=HELD_PARTNERS, hint=HINT_PARTNERS),
        knock_as(people.alex, people.friends, text=HELD_FRIENDS, hint=HINT_FRIENDS),
        knock_as(people.sam, people.partners, text=HELD_SAM),
    )


def _answer(status: int, author: str, listeners: set[str]) -> dict[str, int]:
    """The listeners may answer; the author sees the knock but it is not theirs to answer (409
    with a reason, and nothing changed); anyone else 404."""
    return {p: status if p in listeners else 409 if p == author else 404 for p in PEOPLE}


KNOCK = {"text": "New words", "feelings": ["tender"], "depth": "deep", "hint": ""}
K = "/pacing/knocks"
ROUTES = [
    Route("get", "/pacing/comfort", everyone(200)),
    Route("put", "/pacing/comfort/{partners}", only(PARTNERS), {"depth": "light"}),
    Route("put", "/pacing/comfort/{friends}", only(FRIENDS), {"depth": "medium"}),
    Route("put", "/pacing/comfort/{missing}", everyone(404), {"depth": "light"}),
    Route("get", "/pacing/check?circle={partners}&depth=deep", only(PARTNERS)),
    Route("get", "/pacing/check?circle={friends}&depth=deep", only(FRIENDS)),
    Route("get", "/pacing/check?circle={missing}&depth=deep", everyone(404)),
    Route("get", K, everyone(200)),
    Route("post", K, only(PARTNERS, 201), {"circle": "{partners}", **KNOCK}),
    Route("post", K, only(FRIENDS, 201), {"circle": "{friends}", **KNOCK}),
    Route("post", K, everyone(404), {"circle": "{missing}", **KNOCK}),
    Route("get", K + "/{partners_knock}", only(PARTNERS)),
    Route("get", K + "/{friends_knock}", only(FRIENDS)),
    Route("get", K + "/{sam_knock}", only(PARTNERS)),
    Route("get", K + "/{missing}", everyone(404)),
    Route("post", K + "/{partners_knock}/answer", _answer(200, "alex", {"sam"}), {"at": None}),
    Route("post", K + "/{friends_knock}/answer", _answer(200, "alex", {"robin"}), {}),
    Route("post", K + "/{sam_knock}/answer", _answer(200, "sam", {"alex"}), {}),
    Route("post", K + "/{missing}/answer", everyone(404), {}),
    Route("post", K + "/{partners_knock}/share-now", only({"alex"})),
    Route("post", K + "/{sam_knock}/share-now", only({"sam"})),
    Route("post", K + "/{missing}/share-now", everyone(404)),
    Route("post", K + "/{friends_knock}/withdraw", only({"alex"})),
    Route("post", K + "/{sam_knock}/withdraw", only({"sam"})),
    Route("post", K + "/{missing}/withdraw", everyone(404)),
]


def _ids(people: Personas, world: World) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(world).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


STATE = rows(Comfort, Knock, Answer, Share)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, world: World, persona: str, route: Route
) -> None:
    # A 409 (seen, but not theirs to answer) is a refusal like any other: nothing changed.
    ids = _ids(people, world)
    assert_cell(client, people, persona, route, ids, state=STATE, readers=READERS)


def test_the_matrix_covers_every_pacing_route(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/pacing/")
    assert schema_operations(client, ours) == {(route.method, route.template) for route in ROUTES}


def test_no_pacing_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


@pytest.mark.parametrize(
    ("persona", "visible"),
    [("sam", {"partners_knock", "sam_knock"}), ("robin", {"friends_knock"}), ("olive", set())],
)
def test_guessing_knock_ids_finds_only_the_knocks_i_may_see(
    client: Client, people: Personas, world: World, persona: str, visible: set[str]
) -> None:
    headers = auth(getattr(people, persona))
    allowed = {getattr(world, name).pk for name in visible}
    highest = Knock.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for guess in [0, *range(1, highest + 3), 2**63]:
        response = client.get(f"{API}/pacing/knocks/{guess}", **headers)
        assert response.status_code == (200 if guess in allowed else 404), guess
        assert leaks(READERS, persona, response.content.decode()) == []


def test_the_list_holds_my_words_and_only_the_fact_of_others_knocks(
    client: Client, people: Personas, world: World
) -> None:
    sam = client.get(f"{API}/pacing/knocks", **auth(people.sam)).json()
    held = {k["id"]: k["held"] for k in sam}
    assert held == {
        world.sam_knock.pk: {
            "text": HELD_SAM,
            "feelings": ["afraid"],
            "depth": "deep",
            "wants": "just-listen",
            "checkin_id": None,
        },
        world.partners_knock.pk: None,
    }
