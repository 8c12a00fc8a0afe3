"""/api/v1/appreciations/: thank-yous received and sent, sending one, and keeping one for hard
days — the exact list of operations, what each does, and a privacy matrix over every route
for alex, sam, robin, olive and anonymous.

A thank-you is seen by its author and its circle; these routes list what was sent to me and
what I sent. Whether one was kept is its recipient's alone: the favourite routes answer only
them (404 for everyone else, its author included), and nothing the author can call changes
when it is kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import CURRENT_TIME, Personas
from hearthside.api.tests.helpers import (
    API,
    MISSING,
    PEOPLE,
    Route,
    assert_cell,
    auth,
    by,
    cases,
    document_operations,
    everyone,
    leaks,
    only,
    rows,
    schema_operations,
)
from hearthside.circles.models import Membership
from hearthside.practice.models import Appreciation, Favourite
from hearthside.repair.models import Rupture

OPERATIONS = {
    ("get", "/api/v1/appreciations/acts"),
    ("get", "/api/v1/appreciations/received"),
    ("get", "/api/v1/appreciations/sent"),
    ("post", "/api/v1/appreciations/sent"),
    ("post", "/api/v1/appreciations/sent/{appreciation_id}/withdraw"),
    ("put", "/api/v1/appreciations/received/{appreciation_id}/favourite"),
    ("delete", "/api/v1/appreciations/received/{appreciation_id}/favourite"),
}

# Who may read each text. Anyone else must never receive it from any route here.
READERS: dict[str, set[str]] = {
    "ALEX-THANKS-SAM: Sunday": {"alex", "sam"},
    "SAM-THANKS-ALEX: dinner": {"alex", "sam"},
    "ROBIN-THANKS-ALEX: belay": {"alex", "robin"},
    "ALEX-THANKS-ROBIN: calm": {"alex", "robin"},
    "alex@example.com": set(),
    "sam@example.com": set(),
    "robin@example.com": set(),
    "olive@example.com": set(),
}


@dataclass
class World:
    alex_to_sam: Appreciation
    sam_to_alex: Appreciation
    robin_to_alex: Appreciation
    alex_to_robin: Appreciation
    rupture: Rupture  # closed, partners
    open_rupture: Rupture  # partners


def _thank(author: Any, recipient: Any, circle: Any, text: str, ago: int) -> Appreciation:
    return Appreciation.objects.create(
        author=author,
        recipient=recipient,
        circle=circle,
        text=text,
        created_at=timezone.now() - timedelta(hours=ago),
    )


def _rupture(people: Personas, status: str) -> Rupture:
    return Rupture.objects.create(
        author=people.alex,
        circle=people.partners,
        title=f"A {status} rupture",
        status=status,
        closed_at=timezone.now() if status == "closed" else None,
        created_at=timezone.now() - timedelta(days=1),
    )


@pytest.fixture
def world(people: Personas) -> World:
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=30))
    return World(
        _thank(people.alex, people.sam, people.partners, "ALEX-THANKS-SAM: Sunday", 4),
        _thank(people.sam, people.alex, people.partners, "SAM-THANKS-ALEX: dinner", 3),
        _thank(people.robin, people.alex, people.friends, "ROBIN-THANKS-ALEX: belay", 2),
        _thank(people.alex, people.robin, people.friends, "ALEX-THANKS-ROBIN: calm", 1),
        _rupture(people, "closed"),
        _rupture(people, "open"),
    )


def call(client: Client, person: Any, method: str, path: str, body: Any = None) -> Any:
    headers = auth(person) if person is not None else {}
    if method in ("get", "delete"):
        return getattr(client, method)(API + path, **headers)
    return getattr(client, method)(
        API + path, json.dumps(body or {}), "application/json", **headers
    )


# --- The operations --------------------------------------------------------------------------


def test_the_schema_lists_exactly_these_appreciation_routes(client: Client, db: None) -> None:
    assert document_operations(client, "/appreciations/") == OPERATIONS
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for method, path in OPERATIONS:
        operation = schema["paths"][path][method]
        assert operation["security"] == [{"PersonalTokenAuth": []}]
        assert operation.get("summary")


def test_the_sent_shape_has_no_favourite_at_all(client: Client, db: None) -> None:
    schemas = json.loads(client.get("/api/v1/openapi.json").content)["components"]["schemas"]
    assert "favourite" not in schemas["SentOut"]["properties"]
    assert "favourite" in schemas["ReceivedOut"]["properties"]


# --- What they do ----------------------------------------------------------------------------


def test_the_acts_are_listed_with_their_words(client: Client, people: Personas) -> None:
    body = call(client, people.olive, "get", "/appreciations/acts").json()
    assert {"slug": "listened", "label": "You listened"} in body
    assert len({a["slug"] for a in body}) == len(body) >= 10


def test_received_lists_thank_yous_to_me_newest_first(
    client: Client, people: Personas, world: World
) -> None:
    body = call(client, people.alex, "get", "/appreciations/received").json()
    assert [a["text"] for a in body] == ["ROBIN-THANKS-ALEX: belay", "SAM-THANKS-ALEX: dinner"]
    assert body[1]["author"] == {"id": people.sam.pk, "name": "Sam"}
    assert body[1]["circle_id"] == people.partners.pk
    assert body[1]["favourite"] is False
    assert "recipient" not in body[1]


def test_sent_lists_what_i_wrote(client: Client, people: Personas, world: World) -> None:
    body = call(client, people.alex, "get", "/appreciations/sent?limit=1&offset=1").json()
    assert [a["text"] for a in body] == ["ALEX-THANKS-SAM: Sunday"]
    assert body[0]["recipient"] == {"id": people.sam.pk, "name": "Sam"}
    assert "favourite" not in body[0]


def test_sending_a_thank_you(client: Client, people: Personas, world: World) -> None:
    response = call(
        client,
        people.sam,
        "post",
        "/appreciations/sent",
        {
            "circle": people.partners.pk,
            "recipient": people.alex.pk,
            "text": "  For coming back to talk  ",
            "acts": ["came-back", "apologised-well", "came-back"],
            "rupture": world.rupture.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    saved = Appreciation.objects.get(pk=body["id"])
    assert (saved.author, saved.recipient, saved.circle, saved.rupture) == (
        people.sam,
        people.alex,
        people.partners,
        world.rupture,
    )
    assert saved.text == body["text"] == "For coming back to talk"
    assert saved.acts == body["acts"] == ["came-back", "apologised-well"]
    assert body["rupture_id"] == world.rupture.pk
    assert saved.created_at == CURRENT_TIME


@pytest.mark.parametrize(
    ("payload", "status", "reason"),
    [
        ({"text": ""}, 422, "Name at least one act or write a few words."),
        ({"text": "   ", "acts": []}, 422, "Name at least one act or write a few words."),
        ({"acts": ["bribed-me"]}, 422, "unknown acts: bribed-me"),
        ({"text": "x" * 2001}, 422, "2000"),
        ({"acts": ["listened"] * 30}, 422, ""),
        ({"text": "Hi", "rupture": "open"}, 409, "once it has closed"),
    ],
)
def test_a_thank_you_that_cannot_be_sent_says_why_and_changes_nothing(
    client: Client,
    people: Personas,
    world: World,
    payload: dict[str, Any],
    status: int,
    reason: str,
) -> None:
    if payload.get("rupture") == "open":
        payload["rupture"] = world.open_rupture.pk
    before = Appreciation.objects.count()
    response = call(
        client,
        people.sam,
        "post",
        "/appreciations/sent",
        {"circle": people.partners.pk, "recipient": people.alex.pk, **payload},
    )
    assert response.status_code == status
    assert reason in response.content.decode()
    assert Appreciation.objects.count() == before


def test_i_cannot_thank_myself(client: Client, people: Personas, world: World) -> None:
    response = call(
        client,
        people.alex,
        "post",
        "/appreciations/sent",
        {"circle": people.partners.pk, "recipient": people.alex.pk, "text": "Me"},
    )
    assert response.status_code == 409
    assert Appreciation.objects.count() == 4


def test_keeping_and_letting_go(client: Client, people: Personas, world: World) -> None:
    path = f"/appreciations/received/{world.sam_to_alex.pk}/favourite"
    kept = call(client, people.alex, "put", path)
    assert kept.status_code == 200
    assert kept.json()["favourite"] is True
    assert call(client, people.alex, "put", path).json()["favourite"] is True
    assert Favourite.objects.count() == 1

    only_kept = call(client, people.alex, "get", "/appreciations/received?favourites=true").json()
    assert [a["text"] for a in only_kept] == ["SAM-THANKS-ALEX: dinner"]

    let_go = call(client, people.alex, "delete", path)
    assert let_go.status_code == 200
    assert let_go.json()["favourite"] is False
    assert not Favourite.objects.exists()
    assert call(client, people.alex, "get", "/appreciations/received?favourites=true").json() == []


def test_the_author_takes_one_back_and_it_leaves_the_recipients_lists(
    client: Client, people: Personas, world: World
) -> None:
    thanks = world.sam_to_alex.pk
    call(client, people.alex, "put", f"/appreciations/received/{thanks}/favourite")

    response = call(client, people.sam, "post", f"/appreciations/sent/{thanks}/withdraw")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == thanks
    assert body["withdrawn_at"] is not None
    assert body["recipient"]["name"] == "Alex"
    assert "favourite" not in body
    sent = call(client, people.sam, "get", "/appreciations/sent").json()
    assert [s["withdrawn_at"] is not None for s in sent if s["id"] == thanks] == [True]
    for path in ("/appreciations/received", "/appreciations/received?favourites=true"):
        ids = [r["id"] for r in call(client, people.alex, "get", path).json()]
        assert thanks not in ids, path
    assert not Favourite.objects.filter(appreciation_id=thanks).exists()


def test_a_repair_link_is_left_out_once_i_cannot_see_the_repair(
    client: Client, people: Personas, world: World
) -> None:
    Appreciation.objects.filter(pk=world.alex_to_sam.pk).update(rupture=world.rupture)
    body = call(client, people.sam, "get", "/appreciations/received").json()
    assert body[0]["rupture_id"] == world.rupture.pk
    Rupture.objects.filter(pk=world.rupture.pk).update(withdrawn_at=timezone.now())
    body = call(client, people.sam, "get", "/appreciations/received").json()
    assert body[0]["rupture_id"] is None


def test_the_author_learns_nothing_when_it_is_kept(
    client: Client, people: Personas, world: World
) -> None:
    def sam_sees() -> list[str]:
        return [
            call(client, people.sam, "get", path).content.decode()
            for path in ("/appreciations/sent", "/appreciations/received")
        ]

    before = sam_sees()
    call(client, people.alex, "put", f"/appreciations/received/{world.sam_to_alex.pk}/favourite")
    assert Favourite.objects.exists()
    assert sam_sees() == before


# --- The privacy matrix ----------------------------------------------------------------------


FAV = "/appreciations/received/{%s}/favourite"
BACK = "/appreciations/sent/{%s}/withdraw"


def _send(circle: str, recipient: str, **extra: Any) -> dict[str, Any]:
    return {"circle": f"{{{circle}}}", "recipient": f"{{{recipient}}}", "text": "Thanks", **extra}


ROUTES = [
    Route("get", "/appreciations/acts", everyone(200)),
    Route("get", "/appreciations/received", everyone(200)),
    Route("get", "/appreciations/received?favourites=true", everyone(200)),
    Route("get", "/appreciations/sent", everyone(200)),
    # Sending: only in a circle I'm in, only to someone else in it.
    Route("post", "/appreciations/sent", by(alex=201, sam=409), _send("partners", "sam")),
    Route("post", "/appreciations/sent", by(alex=409, sam=201), _send("partners", "alex")),
    Route("post", "/appreciations/sent", by(alex=201, robin=409), _send("friends", "robin")),
    Route("post", "/appreciations/sent", everyone(404), _send("missing", "alex")),
    Route("post", "/appreciations/sent", everyone(404), _send("partners", "olive")),
    # After a repair: the closed one in the partners circle.
    Route(
        "post",
        "/appreciations/sent",
        by(alex=409, sam=201),
        _send("partners", "alex", rupture="{rupture}"),
    ),
    Route(
        "post",
        "/appreciations/sent",
        everyone(404),
        _send("partners", "alex", rupture="{missing}"),
    ),
    # A rupture of the partners circle named while thanking in the friends circle.
    Route(
        "post",
        "/appreciations/sent",
        by(alex=409),
        _send("friends", "robin", rupture="{rupture}"),
    ),
    # Keeping: the recipient only, never the author.
    Route("put", FAV % "sam_to_alex", only({"alex"})),
    Route("delete", FAV % "sam_to_alex", only({"alex"})),
    Route("put", FAV % "alex_to_sam", only({"sam"})),
    Route("delete", FAV % "alex_to_sam", only({"sam"})),
    Route("put", FAV % "alex_to_robin", only({"robin"})),
    Route("delete", FAV % "robin_to_alex", only({"alex"})),
    Route("put", FAV % "missing", everyone(404)),
    Route("delete", FAV % "missing", everyone(404)),
    # Taking back: the author only, never the recipient.
    Route("post", BACK % "sam_to_alex", only({"sam"})),
    Route("post", BACK % "alex_to_robin", only({"alex"})),
    Route("post", BACK % "robin_to_alex", only({"robin"})),
    Route("post", BACK % "missing", everyone(404)),
]


def _ids(people: Personas, world: World) -> dict[str, int]:
    return {
        **{name: obj.pk for name, obj in vars(world).items()},
        **{name: getattr(people, name).pk for name in PEOPLE},
        "partners": people.partners.pk,
        "friends": people.friends.pk,
        "missing": MISSING,
    }


STATE = rows(Appreciation, Favourite)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, world: World, persona: str, route: Route
) -> None:
    ids = _ids(people, world)
    assert_cell(client, people, persona, route, ids, state=STATE, readers=READERS)


def test_the_matrix_covers_every_appreciation_route(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/appreciations/")
    assert schema_operations(client, ours) == {(route.method, route.template) for route in ROUTES}


def test_no_appreciation_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_guessing_ids_never_reaches_someone_elses_favourite(
    client: Client, people: Personas, world: World, persona: str
) -> None:
    person = getattr(people, persona)
    mine = set(Appreciation.objects.filter(recipient=person).values_list("pk", flat=True))
    highest = Appreciation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for guess in [0, *range(1, highest + 3), 2**53]:
        response = call(client, person, "put", f"/appreciations/received/{guess}/favourite")
        expected = 200 if guess in mine else (422 if guess == 0 else 404)
        assert response.status_code == expected, guess
        assert leaks(READERS, persona, response.content.decode()) == []
    assert set(Favourite.objects.values_list("appreciation_id", flat=True)) == mine
