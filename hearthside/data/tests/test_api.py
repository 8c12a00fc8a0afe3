"""The data API (/api/v1/data/…) against every persona: each person only ever exports, imports
into and deletes their own account; nobody's file holds anyone else's words; anonymous callers
get 401. Plus the behaviour a script would rely on."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import PASSWORD
from hearthside.accounts.models import Person
from hearthside.api.tests.helpers import auth, leaks, schema_operations
from hearthside.data.tests.conftest import FIXTURES, ROBIN_WORDS, SAM_WORDS, World
from hearthside.practice.models import CheckIn

pytestmark = pytest.mark.django_db

API = "/api/v1"
PEOPLE = ["alex", "sam", "robin", "olive"]
PERSONAS = [*PEOPLE, "anonymous"]

OPERATIONS = {
    ("get", "/api/v1/data/export"),
    ("get", "/api/v1/data/export.zip"),
    ("post", "/api/v1/data/import/preview"),
    ("post", "/api/v1/data/import"),
    ("delete", "/api/v1/data/account"),
}

# Whose words may be in whose answers.
READERS: dict[str, set[str]] = {
    "Alex private note: I can't sleep": {"alex"},
    "Alex shares: work is heavy": {"alex"},
    "Alex held words: the promotion": {"alex"},
    **{text: {"sam"} for text in SAM_WORDS},
    **{text: {"robin"} for text in ROBIN_WORDS},
    **{f"{p}@example.com": {p} for p in PEOPLE},
}


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    status: int
    body: dict[str, Any] = field(default_factory=dict)
    upload: str | None = None  # a fixture file sent as multipart "file"
    changes: bool = False  # a successful call changes the caller's own data

    @property
    def template(self) -> str:
        return API + self.path


ROUTES = [
    Route("get", "/data/export", 200),
    Route("get", "/data/export.zip", 200),
    Route("post", "/data/import/preview", 200, {"source": "jrnl"}, upload="jrnl.json"),
    Route("post", "/data/import/preview", 400, {"source": "daylio"}, upload="jrnl.json"),
    Route("post", "/data/import", 200, {"source": "daylio"}, upload="daylio.csv", changes=True),
    Route("post", "/data/import", 400, {"source": "hearthside"}, upload="daylio.csv"),
    Route("delete", "/data/account", 400, {"password": "nope", "confirm": "delete my account"}),
    Route("delete", "/data/account", 400, {"password": PASSWORD, "confirm": "yes"}),
    Route(
        "delete",
        "/data/account",
        200,
        {"password": PASSWORD, "confirm": "delete my account"},
        changes=True,
    ),
]


def _call(client: Client, world: World, persona: str, route: Route) -> Any:
    headers = {} if persona == "anonymous" else auth(getattr(world.people, persona))
    path = route.template
    if route.method == "get":
        return client.get(path, **headers)
    if route.method == "delete":
        return client.delete(path, json.dumps(route.body), "application/json", **headers)
    data: dict[str, Any] = dict(route.body)
    if route.upload:
        data["file"] = SimpleUploadedFile(route.upload, (FIXTURES / route.upload).read_bytes())
    return client.post(path, data, **headers)


def _text(response: Any) -> str:
    if response.get("Content-Type") == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        return "".join(archive.read(name).decode() for name in archive.namelist())
    return str(response.content.decode())


def _state() -> tuple[Any, ...]:
    return (
        list(Person.objects.order_by("pk").values_list("pk", "display_name", "time_zone")),
        list(CheckIn.objects.order_by("pk").values_list("pk", "author_id", "note")),
    )


CASES = [
    pytest.param(persona, route, id=f"{persona}-{route.method}-{route.path}-{i}")
    for i, route in enumerate(ROUTES)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("persona", "route"), CASES)
def test_each_persona_gets_exactly_their_own_and_nothing_of_anyone_elses(
    client: Client, world: World, persona: str, route: Route
) -> None:
    before = _state()
    response = _call(client, world, persona, route)

    expected = 401 if persona == "anonymous" else route.status
    assert response.status_code == expected, response.content
    if expected == 401:
        assert response.json() == {"detail": "Unauthorized"}
    if expected >= 400 or not route.changes:
        assert _state() == before, "a call that shouldn't change anything did"
    assert leaks(READERS, persona, _text(response)) == []


def test_the_schema_lists_exactly_these_operations(client: Client) -> None:
    assert schema_operations(client, re.compile(r"^/api/v1/data/")) == OPERATIONS


def test_the_matrix_covers_every_route_under_data() -> None:
    assert {(route.method, route.template) for route in ROUTES} == OPERATIONS


def test_no_data_route_answers_403() -> None:
    assert all(route.status != 403 for route in ROUTES)


# --- Behaviour --------------------------------------------------------------------------------


def test_the_json_export_is_the_documented_format(client: Client, world: World) -> None:
    body = client.get(f"{API}/data/export", **auth(world.people.alex)).json()
    assert (body["format"], body["version"]) == ("hearthside-export", 1)
    assert set(body) == {"format", "version", "exported_at", "person", "circles", "entries"}
    assert body["person"]["time_zone"] == "Europe/London"
    assert len(body["entries"]["checkins"]) == 1


def test_the_zip_holds_an_index_and_the_json(client: Client, world: World) -> None:
    response = client.get(f"{API}/data/export.zip", **auth(world.people.alex))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"index.md", "hearthside-export.json", "01-checkins.md"} <= set(archive.namelist())
    assert "Alex private note: I can't sleep" in archive.read("01-checkins.md").decode()
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_preview_then_an_import_of_a_hearthside_export(client: Client, world: World) -> None:
    exported = client.get(f"{API}/data/export", **auth(world.people.alex)).content
    upload = {"source": "hearthside"}
    olive = auth(world.people.olive)

    preview = client.post(
        f"{API}/data/import/preview",
        {**upload, "file": SimpleUploadedFile("alex.json", exported)},
        **olive,
    ).json()
    done = client.post(
        f"{API}/data/import", {**upload, "file": SimpleUploadedFile("alex.json", exported)}, **olive
    ).json()
    again = client.post(
        f"{API}/data/import", {**upload, "file": SimpleUploadedFile("alex.json", exported)}, **olive
    ).json()

    assert (preview["committed"], done["committed"]) == (False, True)
    assert preview["new"] == done["new"] > 30
    assert again["new"] == 0
    assert again["already_here"] >= done["new"]
    checkins = next(k for k in done["kinds"] if k["kind"] == "checkins")
    assert checkins["new"] == 1
    assert {c["name"]: c["shared_with"] for c in done["circles"]} == {
        "Alex & Sam": [],
        "Climbing friends": [],
    }


def test_a_file_that_cant_be_read_is_a_400_with_a_reason(client: Client, people: Any) -> None:
    response = client.post(
        f"{API}/data/import",
        {"source": "jrnl", "file": SimpleUploadedFile("x.json", b"not json")},
        **auth(people.alex),
    )
    assert response.status_code == 400
    assert "isn't JSON" in response.json()["detail"]


def test_deleting_through_the_api_reports_what_went_and_the_token_stops_working(
    client: Client, world: World
) -> None:
    headers = auth(world.people.alex)
    response = client.delete(
        f"{API}/data/account",
        json.dumps({"password": PASSWORD, "confirm": "delete my account"}),
        "application/json",
        **headers,
    )

    removed = {r["label"]: r["count"] for r in response.json()["removed"]}
    assert removed["Your account"] == 1
    assert removed["Check-ins"] == 1
    assert client.get(f"{API}/data/export", **headers).status_code == 401


def test_a_password_is_taken_exactly_as_typed(client: Client, world: World) -> None:
    response = client.delete(
        f"{API}/data/account",
        json.dumps({"password": f" {PASSWORD} ", "confirm": "delete my account"}),
        "application/json",
        **auth(world.people.alex),
    )
    assert response.status_code == 400
    assert Person.objects.filter(pk=world.people.alex.pk).exists()


def test_too_many_wrong_passwords_is_a_429(client: Client, world: World) -> None:
    headers = auth(world.people.alex)
    wrong = json.dumps({"password": "x", "confirm": "delete my account"})
    for _ in range(10):
        client.delete(f"{API}/data/account", wrong, "application/json", **headers)
    response = client.delete(
        f"{API}/data/account",
        json.dumps({"password": PASSWORD, "confirm": "delete my account"}),
        "application/json",
        **headers,
    )
    assert response.status_code == 429
    assert Person.objects.filter(pk=world.people.alex.pk).exists()
