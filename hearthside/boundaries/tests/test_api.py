"""The boundaries API: the same practice as the pages — write, change (a new version), look
again, retire, acknowledge — with the same privacy rule."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import time_machine
from django.test import Client

from conftest import CURRENT_TIME, Personas
from hearthside.api.tests.helpers import auth, schema_operations
from hearthside.boundaries.models import Acknowledgement, Boundary, Review
from hearthside.boundaries.tests.conftest import (
    ALEX_PRIVATE,
    ALEX_REVIEW_NOTE,
    ALEX_SHARED,
    SAM_SHARED,
    Bounds,
)

API = "/api/v1/boundaries/"

# Exactly these operations live under /api/v1/boundaries/.
OPERATIONS = {
    ("get", "/api/v1/boundaries/"),
    ("post", "/api/v1/boundaries/"),
    ("get", "/api/v1/boundaries/{}"),
    ("put", "/api/v1/boundaries/{}"),
    ("post", "/api/v1/boundaries/{}/review"),
    ("post", "/api/v1/boundaries/{}/retire"),
    ("post", "/api/v1/boundaries/{}/acknowledge"),
}


def call(client: Client, person: Any, method: str, path: str, body: Any = None) -> Any:
    headers = auth(person)
    if body is None and method in ("get", "delete"):
        return getattr(client, method)(API + path, **headers)
    return getattr(client, method)(
        API + path, json.dumps(body or {}), "application/json", **headers
    )


def test_the_api_has_exactly_these_boundary_operations(client: Client, db: None) -> None:
    assert schema_operations(client, re.compile(r"^/api/v1/boundaries/")) == OPERATIONS


def test_writing_a_private_boundary(client: Client, people: Personas) -> None:
    response = call(
        client,
        people.alex,
        "post",
        "",
        {"need": "  I need quiet mornings ", "helps": "A closed door", "review_every": 1},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["visibility"] == "private" and body["circle_id"] is None
    assert (body["need"], body["helps"], body["version"]) == (
        "I need quiet mornings",
        "A closed door",
        1,
    )
    assert body["next_review_on"] == "2026-04-04"
    assert body["review_every"] == 1
    assert body["acknowledged_by_me"] is None
    assert [v["need"] for v in body["versions"]] == ["I need quiet mornings"]


def test_sharing_needs_a_circle_of_mine(client: Client, people: Personas) -> None:
    ok = call(client, people.alex, "post", "", {"need": "x", "circle": people.partners.pk})
    refused = call(client, people.robin, "post", "", {"need": "x", "circle": people.partners.pk})

    assert ok.status_code == 201 and ok.json()["visibility"] == "shared"
    assert refused.status_code == 404
    assert Boundary.objects.count() == 1


def test_bad_input_is_a_422_with_a_reason(client: Client, people: Personas) -> None:
    for body in (
        {"need": "   "},
        {"need": "x" * 1001},
        {"need": "fine", "review_every": 2},
        {"need": "fine", "why": "y" * 2001},
    ):
        response = call(client, people.alex, "post", "", body)
        assert response.status_code == 422, body
    assert not Boundary.objects.exists()


def test_listing_shows_mine_and_shared_with_me(
    client: Client, people: Personas, bounds: Bounds
) -> None:
    everything = call(client, people.sam, "get", "").json()
    shared = call(client, people.sam, "get", "?whose=shared").json()
    mine = call(client, people.alex, "get", "?whose=mine").json()

    assert {b["need"] for b in shared} == {ALEX_SHARED}
    assert shared[0]["acknowledged_by_me"] is False
    assert shared[0]["review_every"] is None and shared[0]["next_review_on"] is None
    assert len(everything) == 3
    assert ALEX_PRIVATE in {b["need"] for b in mine}
    assert len(mine) == 3


def test_retired_ones_are_listed_on_request(
    client: Client, people: Personas, bounds: Bounds
) -> None:
    call(client, people.alex, "post", f"{bounds.alex_shared.pk}/retire", {})

    current = {b["need"] for b in call(client, people.sam, "get", "").json()}
    retired = {b["need"] for b in call(client, people.sam, "get", "?retired=true").json()}
    assert ALEX_SHARED not in current
    assert retired == {ALEX_SHARED}


def test_changing_the_words_makes_a_new_version_and_asks_again(
    client: Client, people: Personas, bounds: Bounds
) -> None:
    pk = bounds.alex_shared.pk
    assert call(client, people.sam, "post", f"{pk}/acknowledge").status_code == 201
    with time_machine.travel(CURRENT_TIME + timedelta(days=1), tick=False):
        response = call(
            client,
            people.alex,
            "put",
            str(pk),
            {"need": "I need half an hour", "circle": people.partners.pk, "review_every": 3},
        )

    body = response.json()
    assert response.status_code == 200
    assert body["version"] == 2
    assert [v["number"] for v in body["versions"]] == [2, 1]
    assert [(a["member"]["name"], a["version"]) for a in body["acknowledgements"]] == [("Sam", 1)]
    sams = call(client, people.sam, "get", str(pk)).json()
    assert sams["acknowledged_by_me"] is False
    assert call(client, people.sam, "post", f"{pk}/acknowledge").status_code == 201
    assert call(client, people.sam, "post", f"{pk}/acknowledge").status_code == 200
    assert Acknowledgement.objects.filter(author=people.sam).count() == 2


def test_a_member_sees_only_their_own_acknowledgement_and_no_review_notes(
    client: Client, people: Personas, bounds: Bounds
) -> None:
    call(client, people.sam, "post", f"{bounds.alex_shared.pk}/acknowledge")

    sams = call(client, people.sam, "get", str(bounds.alex_shared.pk))
    alexs = call(client, people.alex, "get", str(bounds.alex_shared.pk))

    assert sams.json()["reviews"] == []
    assert ALEX_REVIEW_NOTE not in sams.content.decode()
    assert [r["note"] for r in alexs.json()["reviews"]] == [ALEX_REVIEW_NOTE]
    assert [a["member"]["name"] for a in sams.json()["acknowledgements"]] == ["Sam"]
    assert sams.json()["acknowledged_by_me"] is True


def test_reviews_keep_change_and_retire(client: Client, people: Personas, bounds: Bounds) -> None:
    pk = bounds.alex_private.pk
    kept = call(
        client, people.alex, "post", f"{pk}/review", {"decision": "keep", "review_every": 12}
    )
    assert kept.status_code == 200
    assert kept.json()["next_review_on"] == "2027-03-04"

    no_words = call(client, people.alex, "post", f"{pk}/review", {"decision": "change"})
    same = call(
        client, people.alex, "post", f"{pk}/review", {"decision": "change", "need": ALEX_PRIVATE}
    )
    assert (no_words.status_code, same.status_code) == (422, 422)

    changed = call(
        client,
        people.alex,
        "post",
        f"{pk}/review",
        {"decision": "change", "need": "I need to answer my brother in the morning", "note": "n"},
    )
    assert changed.json()["version"] == 2

    retired = call(client, people.alex, "post", f"{pk}/review", {"decision": "retire"})
    assert retired.json()["retired_at"] is not None
    assert [r["decision"] for r in retired.json()["reviews"]] == ["keep", "change", "retire"]
    again = call(client, people.alex, "post", f"{pk}/review", {"decision": "keep"})
    assert again.status_code == 409
    assert call(client, people.alex, "post", f"{pk}/retire", {}).status_code == 409
    assert call(client, people.alex, "put", str(pk), {"need": "x"}).status_code == 409
    assert Review.objects.filter(boundary_id=pk).count() == 3


def test_retiring_needs_no_body(client: Client, people: Personas, bounds: Bounds) -> None:
    url = f"{API}{bounds.sam_private.pk}/retire"
    response = client.post(url, "", content_type="application/json", **auth(people.sam))

    assert response.status_code == 200
    assert response.json()["retired_at"] is not None
    assert response.json()["reviews"][0]["note"] == ""


def test_the_author_cannot_acknowledge_their_own(
    client: Client, people: Personas, bounds: Bounds
) -> None:
    response = call(client, people.sam, "post", f"{bounds.sam_shared.pk}/acknowledge")
    assert response.status_code == 409
    assert SAM_SHARED not in response.content.decode()
