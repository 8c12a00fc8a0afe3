"""Small helpers the API tests share."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from hearthside.api.models import PersonalToken


def auth(person: Any) -> dict[str, Any]:
    """Request headers carrying a fresh personal token for `person`."""
    _record, token = PersonalToken.issue(person)
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def leaks(readers: dict[str, set[str]], persona: str, body: str) -> list[str]:
    """Private texts in `body` that `persona` is not among the readers of."""
    return [text for text, allowed in readers.items() if persona not in allowed and text in body]


def assert_privacy_case(
    response: Any,
    *,
    persona: str,
    expected: int,
    unchanged: Callable[[], bool],
    readers: dict[str, set[str]],
) -> None:
    """One cell of a privacy matrix: the exact status, nothing changed by a refused call, a
    404 indistinguishable from an id that never existed, and no private text in the body."""
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert unchanged(), "a refused call changed something"
    if expected == 404:
        assert response.json() == {"detail": "Not Found"}
    if expected == 401:
        assert response.json() == {"detail": "Unauthorized"}
    assert leaks(readers, persona, response.content.decode()) == []


def schema_operations(client: Any, paths: re.Pattern[str], *, matching: bool = True) -> set[Any]:
    """(method, path template) pairs of the OpenAPI document whose path matches `paths` (or,
    with matching=False, does not): what a privacy matrix must cover."""
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    return {
        (method, re.sub(r"\{[^}]+\}", "{}", path))
        for path, item in schema["paths"].items()
        for method in item
        if bool(paths.search(path)) == matching
    }
