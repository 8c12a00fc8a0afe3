"""Small helpers the API tests share, and the pieces of every practice's privacy matrix: a
`Route` (one call with `{name}` placeholders and the status each persona gets), `cases` (every
persona against every route), `send` (make the call as a persona), `rows` (what a refused call
must leave as it was) and `assert_cell` (one cell of the matrix, checked)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from hearthside.api.models import PersonalToken

API = "/api/v1"
# The signed-in personas of the root conftest, and everyone a matrix calls as.
PEOPLE = ("alex", "sam", "robin", "olive")
PERSONAS = (*PEOPLE, "anonymous")
# An id no row will have: the 404 a stranger gets must look exactly like this one.
MISSING = 999_999


@dataclass(frozen=True)
class Route:
    """One call with `{name}` placeholders (filled from a dict of ids, in the path and in body
    values that are exactly "{name}"), and the status each signed-in persona gets; anonymous
    callers always get 401."""

    method: str
    path: str
    expect: dict[str, int]
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def template(self) -> str:
        """The path as `schema_operations` spells it, to check the matrix covers the schema."""
        return re.sub(r"\{[^}]+\}", "{}", API + self.path.split("?")[0])


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def only(who: Iterable[str], status: int = 200, others: int = 404) -> dict[str, int]:
    """`status` for the people in `who`, `others` (the stranger's 404) for everyone else."""
    chosen = set(who)
    return {p: status if p in chosen else others for p in PEOPLE}


def by(**statuses: int) -> dict[str, int]:
    """The given status per persona, and the stranger's 404 for everyone not named."""
    return {p: statuses.get(p, 404) for p in PEOPLE}


def cases(routes: Iterable[Route]) -> list[Any]:
    """Every persona against every route, as pytest parameters `(persona, route)`."""
    return [
        pytest.param(persona, route, id=f"{persona}-{route.name}-{i}")
        for i, route in enumerate(routes)
        for persona in PERSONAS
    ]


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\{\w+\}", value):
        return ids[value[1:-1]]
    return value


def send(client: Any, people: Any, persona: str, route: Route, ids: dict[str, Any]) -> Any:
    """Make `route`'s call as `persona` (with a fresh personal token; none for anonymous)."""
    path = API + route.path.format(**ids)
    headers = {} if persona == "anonymous" else auth(getattr(people, persona))
    if route.method == "get" or (route.method == "delete" and not route.body):
        # A DELETE goes as clients send it: no body at all.
        return getattr(client, route.method)(path, **headers)
    body = json.dumps({key: _fill(value, ids) for key, value in route.body.items()})
    return getattr(client, route.method)(path, body, "application/json", **headers)


def rows(*models: Any) -> Callable[[], list[Any]]:
    """A snapshot of every row of `models`: call it before and after a refused call."""

    def snapshot() -> list[Any]:
        return [list(model.objects.order_by("pk").values()) for model in models]

    return snapshot


def assert_cell(
    client: Any,
    people: Any,
    persona: str,
    route: Route,
    ids: dict[str, Any],
    *,
    state: Callable[[], Any],
    readers: dict[str, set[str]],
) -> Any:
    """Send one route as one persona and check it with `assert_privacy_case`; returns the
    response for any further checks."""
    before = state()
    response = send(client, people, persona, route, ids)
    assert_privacy_case(
        response,
        persona=persona,
        expected=401 if persona == "anonymous" else route.expect[persona],
        unchanged=lambda: state() == before,
        readers=readers,
    )
    return response


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


def document_operations(client: Any, prefix: str) -> set[tuple[str, str]]:
    """(method, path) of every operation under `prefix`, named exactly as the OpenAPI document
    names them (placeholders included), to pin a practice's list of operations."""
    schema = json.loads(client.get(API + "/openapi.json").content)
    return {
        (method, path)
        for path, item in schema["paths"].items()
        for method in item
        if path.startswith(API + prefix)
    }
