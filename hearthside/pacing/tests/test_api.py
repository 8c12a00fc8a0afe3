"""/api/v1/pacing/: the same practice for scripts and other apps — my pace per circle, the
check before sharing, and knocks from asking to going out."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from conftest import CURRENT_TIME, Personas
from hearthside.api.tests.helpers import auth, document_operations, schema_operations
from hearthside.pacing.models import Comfort, Knock
from hearthside.pacing.tests.conftest import HELD, HINT, knock_as
from hearthside.practice.models import CheckIn, Share

API = "/api/v1/pacing"

# Every pacing route, exactly, as the OpenAPI document writes it.
OPERATIONS = {
    ("get", "/api/v1/pacing/comfort"),
    ("put", "/api/v1/pacing/comfort/{circle_id}"),
    ("get", "/api/v1/pacing/check"),
    ("get", "/api/v1/pacing/knocks"),
    ("post", "/api/v1/pacing/knocks"),
    ("get", "/api/v1/pacing/knocks/{knock_id}"),
    ("post", "/api/v1/pacing/knocks/{knock_id}/answer"),
    ("post", "/api/v1/pacing/knocks/{knock_id}/share-now"),
    ("post", "/api/v1/pacing/knocks/{knock_id}/withdraw"),
}


def test_the_schema_lists_exactly_these_pacing_routes(client: Client, db: None) -> None:
    assert document_operations(client, "/pacing/") == OPERATIONS
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for method, path in OPERATIONS:
        operation = schema["paths"][path][method]
        assert operation["security"] == [{"PersonalTokenAuth": []}]
        assert operation.get("summary")
    assert schema_operations(client, re.compile("^/api/v1/pacing/"))


def call(client: Client, person: Any, method: str, path: str, body: Any = None) -> Any:
    headers = auth(person)
    if method == "get":
        return client.get(API + path, **headers)
    return getattr(client, method)(
        API + path, json.dumps(body or {}), "application/json", **headers
    )


def test_my_pace_starts_deep_and_can_be_chosen(client: Client, people: Personas) -> None:
    before = call(client, people.sam, "get", "/comfort").json()
    assert before == [
        {
            "circle_id": people.partners.pk,
            "circle_name": "Alex & Sam",
            "depth": "deep",
            "chosen": False,
        }
    ]

    response = call(client, people.sam, "put", f"/comfort/{people.partners.pk}", {"depth": "light"})

    assert response.status_code == 200
    assert response.json()["depth"] == "light" and response.json()["chosen"]
    assert Comfort.objects.get().depth == "light"


def test_an_unknown_depth_is_refused(client: Client, people: Personas) -> None:
    response = call(client, people.sam, "put", f"/comfort/{people.partners.pk}", {"depth": "x"})
    assert response.status_code == 422
    assert not Comfort.objects.exists()


def test_the_check_names_who_would_like_to_be_asked(client: Client, people: Personas) -> None:
    Comfort.objects.create(person=people.sam, circle=people.partners, depth="medium")

    def slower(depth: str) -> list[str]:
        path = f"/check?circle={people.partners.pk}&depth={depth}"
        return [p["name"] for p in call(client, people.alex, "get", path).json()["slower"]]

    assert slower("medium") == []
    assert slower("deep") == ["Sam"]


def test_knocking_holds_the_words_and_the_listener_sees_only_the_knock(
    client: Client, people: Personas
) -> None:
    checkin = CheckIn.objects.create(author=people.alex, note="n")
    response = call(
        client,
        people.alex,
        "post",
        "/knocks",
        {
            "circle": people.partners.pk,
            "text": f"  {HELD}  ",
            "feelings": ["afraid", "afraid"],
            "hint": HINT,
            "checkin": checkin.pk,
        },
    )

    assert response.status_code == 201
    mine = response.json()
    assert mine["status"] == "waiting"
    assert mine["held"] == {
        "text": HELD,
        "feelings": ["afraid"],
        "depth": "deep",
        "wants": "just-listen",
        "checkin_id": checkin.pk,
    }
    assert [p["name"] for p in mine["waiting_on"]] == ["Sam"]
    theirs = call(client, people.sam, "get", f"/knocks/{mine['id']}").json()
    assert theirs["held"] is None and theirs["hint"] == HINT
    assert HELD not in json.dumps(theirs)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"feelings": ["gloomy-ish"]}, "feelings"),
        ({"hint": "x" * 81}, "hint"),
        ({"depth": "bottomless"}, "depth"),
    ],
)
def test_bad_input_is_a_422_with_a_reason(
    client: Client, people: Personas, body: dict[str, Any], field: str
) -> None:
    response = call(
        client, people.alex, "post", "/knocks", {"circle": people.partners.pk, "text": "t", **body}
    )
    assert response.status_code == 422
    assert field in response.content.decode()
    assert not Knock.objects.exists()


def test_someone_elses_check_in_is_not_found(client: Client, people: Personas) -> None:
    theirs = CheckIn.objects.create(author=people.sam, note="n")
    response = call(
        client,
        people.alex,
        "post",
        "/knocks",
        {"circle": people.partners.pk, "text": "t", "checkin": theirs.pk},
    )
    assert response.status_code == 404


def test_a_proposed_time_then_the_share_goes_out_at_that_time(
    client: Client, people: Personas
) -> None:
    knock = knock_as(people.alex, people.partners)
    at = (CURRENT_TIME + timedelta(hours=2)).isoformat()

    answered = call(client, people.sam, "post", f"/knocks/{knock.pk}/answer", {"at": at})

    assert answered.status_code == 200
    body = answered.json()
    assert body["status"] == "proposed"
    assert body["goes_out_at"] == "2026-03-04T12:30:00Z"
    assert [(a["author"]["name"], a["now_is_good"]) for a in body["answers"]] == [("Sam", False)]
    with time_machine.travel(CURRENT_TIME + timedelta(hours=2, minutes=1), tick=False):
        later = call(client, people.sam, "get", f"/knocks/{knock.pk}").json()
    share = Share.objects.get()
    assert later["status"] == "published" and later["share_id"] == share.pk
    assert client.get(f"/api/v1/shares/{share.pk}", **auth(people.sam)).json()["text"] == HELD


def test_now_is_good_sends_it_at_once(client: Client, people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    body = call(client, people.sam, "post", f"/knocks/{knock.pk}/answer", {}).json()
    assert body["status"] == "published"
    assert body["answers"][0]["now_is_good"] is True
    assert Share.objects.get().pk == body["share_id"]


@pytest.mark.parametrize(
    ("at", "detail"),
    [
        ("2026-03-04T09:00:00Z", "That time has already passed."),
        ("2026-04-04T09:00:00Z", "Choose a moment within the next two weeks."),
        ("2026-03-04T19:00:00", "Give the time with its time zone offset."),
    ],
)
def test_a_time_that_wont_do_is_a_422(
    client: Client, people: Personas, at: str, detail: str
) -> None:
    knock = knock_as(people.alex, people.partners)
    response = call(client, people.sam, "post", f"/knocks/{knock.pk}/answer", {"at": at})
    assert response.status_code == 422
    assert response.json() == {"detail": detail}
    assert not knock.answers.exists()


def test_a_closed_knock_is_a_409(client: Client, people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    assert call(client, people.alex, "post", f"/knocks/{knock.pk}/withdraw").status_code == 200
    for person, action in (
        (people.sam, "answer"),
        (people.alex, "share-now"),
        (people.alex, "withdraw"),
    ):
        response = call(client, person, "post", f"/knocks/{knock.pk}/{action}")
        expected = 404 if person == people.sam else 409  # withdrawn: gone for the listener
        assert response.status_code == expected
    assert not Share.objects.exists()


def test_share_now_returns_the_share_it_made(client: Client, people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    body = call(client, people.alex, "post", f"/knocks/{knock.pk}/share-now").json()
    assert body["status"] == "published"
    assert body["share_id"] == Share.objects.get().pk
