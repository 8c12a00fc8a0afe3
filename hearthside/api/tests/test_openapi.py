"""The API describes itself: an OpenAPI document and a local docs page."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

# Every route of version 1, as (method, path) in the OpenAPI document.
ROUTES = [
    ("get", "/api/v1/me"),
    ("get", "/api/v1/circles"),
    ("post", "/api/v1/circles"),
    ("get", "/api/v1/circles/{circle_id}"),
    ("get", "/api/v1/checkins"),
    ("post", "/api/v1/checkins"),
    ("get", "/api/v1/checkins/{checkin_id}"),
    ("get", "/api/v1/shares"),
    ("post", "/api/v1/shares"),
    ("get", "/api/v1/shares/{share_id}"),
    ("post", "/api/v1/shares/{share_id}/withdraw"),
    ("get", "/api/v1/shares/{share_id}/replies"),
    ("post", "/api/v1/shares/{share_id}/replies"),
    ("post", "/api/v1/replies/{reply_id}/felt-heard"),
    ("delete", "/api/v1/replies/{reply_id}/felt-heard"),
    ("post", "/api/v1/replies/{reply_id}/thanks"),
    ("get", "/api/v1/circles/{circle_id}/agreement"),
    ("put", "/api/v1/circles/{circle_id}/agreement"),
    ("post", "/api/v1/circles/{circle_id}/pauses"),
    ("get", "/api/v1/pauses"),
    ("get", "/api/v1/pauses/{pause_id}"),
    ("post", "/api/v1/pauses/{pause_id}/return"),
    ("get", "/api/v1/ruptures"),
    ("post", "/api/v1/ruptures"),
    ("get", "/api/v1/ruptures/{rupture_id}"),
    ("get", "/api/v1/ruptures/{rupture_id}/reflection"),
    ("put", "/api/v1/ruptures/{rupture_id}/reflection"),
    ("get", "/api/v1/ruptures/{rupture_id}/reflections"),
    ("post", "/api/v1/ruptures/{rupture_id}/steps/{step}"),
    ("post", "/api/v1/apology/check"),
    ("post", "/api/v1/apology/compose"),
    ("put", "/api/v1/ruptures/{rupture_id}/plan"),
    ("get", "/api/v1/ruptures/{rupture_id}/commitments"),
    ("post", "/api/v1/ruptures/{rupture_id}/commitments"),
    ("post", "/api/v1/commitments/{commitment_id}/follow-ups"),
    ("post", "/api/v1/ruptures/{rupture_id}/closure"),
    ("get", "/api/v1/rituals"),
    ("post", "/api/v1/rituals"),
    ("get", "/api/v1/rituals/{ritual_id}"),
    ("put", "/api/v1/rituals/{ritual_id}"),
    ("get", "/api/v1/rituals/{ritual_id}/occurrences"),
    ("post", "/api/v1/rituals/{ritual_id}/occurrences/{when}/done"),
    ("post", "/api/v1/rituals/{ritual_id}/occurrences/{when}/skip"),
    ("post", "/api/v1/rituals/{ritual_id}/occurrences/{when}/move"),
    ("get", "/api/v1/rituals/{ritual_id}/reminders"),
    ("put", "/api/v1/rituals/{ritual_id}/reminders"),
    ("get", "/api/v1/channels"),
    ("post", "/api/v1/channels"),
    ("delete", "/api/v1/channels/{channel_id}"),
    ("get", "/api/v1/notifications"),
    ("post", "/api/v1/notifications/{notification_id}/read"),
    ("post", "/api/v1/coach/analyze"),
]
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture
def schema(client: Client, db: None) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    parsed: dict[str, Any] = json.loads(response.content)
    return parsed


def _operations(schema: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (method, path)
        for path, item in schema["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


def test_the_schema_is_an_openapi_document_about_hearthside(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Hearthside API"
    assert schema["info"]["version"] == "1"
    assert "Bearer" in schema["info"]["description"]


# Each practice lists its own routes exactly, in hearthside/<practice>/tests/.
PRACTICES = re.compile(
    r"^/api/v1/(needs|boundaries|values|stress|calm|pacing|appreciations|insights|summaries|data)/"
)


def test_the_schema_lists_every_route_and_nothing_else(schema: dict[str, Any]) -> None:
    assert {op for op in _operations(schema) if not PRACTICES.match(op[1])} == set(ROUTES)


@pytest.mark.parametrize(
    "topic", ["circles", "checkins", "shares", "replies", "felt-heard", "thanks", "me", "coach"]
)
def test_the_schema_covers_each_topic(schema: dict[str, Any], topic: str) -> None:
    assert any(re.search(rf"/{topic}\b", path) for path in schema["paths"])


def test_the_schema_declares_bearer_token_security(schema: dict[str, Any]) -> None:
    schemes = schema["components"]["securitySchemes"]
    assert schemes == {"PersonalTokenAuth": {"type": "http", "scheme": "bearer"}}


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_requires_the_bearer_token(
    schema: dict[str, Any], method: str, path: str
) -> None:
    operation = schema["paths"][path][method]
    assert operation["security"] == [{"PersonalTokenAuth": []}]
    assert operation.get("summary")


def test_every_schema_reference_resolves(schema: dict[str, Any]) -> None:
    text = json.dumps(schema)
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', text))
    assert refs
    assert refs <= set(schema["components"]["schemas"])


def test_the_check_in_output_says_it_is_private(schema: dict[str, Any]) -> None:
    visibility = schema["components"]["schemas"]["CheckInOut"]["properties"]["visibility"]
    assert visibility.get("enum", [visibility.get("const")]) == ["private"]


def test_the_schema_is_readable_without_a_token(client: Client, db: None) -> None:
    # It describes the API, not anyone's data, so scripts and docs can fetch it freely.
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_docs_page_is_served_as_html(client: Client, db: None) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<title>Hearthside API</title>" in html
    assert "/api/v1/openapi.json" in html


def test_the_docs_page_loads_nothing_from_other_sites(client: Client, db: None) -> None:
    html = client.get("/api/v1/docs").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "frame-ancestors 'none'" in client.get("/api/v1/docs")["Content-Security-Policy"]
