"""Every persona against every route under /api/v1/stress/: exactly the status the privacy rule
allows, refused calls change nothing, and nobody receives words that are not theirs to read.

What a person may not see answers 404 with the same body as what does not exist, never 403;
someone else's entry is not the caller's to change (404 too). 409 is only for what the caller
can see but may not do now: offering on their own signal, a second open signal to a circle.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from hearthside.api.tests.helpers import assert_privacy_case, auth, leaks, schema_operations
from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task
from hearthside.stress.tests.conftest import Plan

if TYPE_CHECKING:
    from conftest import Personas

API = "/api/v1"
PEOPLE = ["alex", "sam", "robin", "olive"]
PARTNERS = {"alex", "sam"}
FRIENDS = {"alex", "robin"}
MISSING = 999_999

READERS: dict[str, set[str]] = {
    "ALEX-HEAVY": PARTNERS,
    "SAM-HEAVY": PARTNERS,
    "ROBIN-HEAVY": FRIENDS,
    "ALEX-ROUTINE": PARTNERS,
    "SAM-ROUTINE": PARTNERS,
    "PARTNERS-TASK": PARTNERS,
    "PARTNERS-LAST-WEEK": PARTNERS,
    "FRIENDS-TASK": FRIENDS,
    "PARTNERS-SUPPORT": PARTNERS,
    "07700 900123": PARTNERS,
    "FRIENDS-SUPPORT": FRIENDS,
    "ALEX-SIGNAL": PARTNERS,
    "SAM-OFFER": PARTNERS,
    "ROBIN-SIGNAL": FRIENDS,
    "alex@example.com": {"alex"},
    "sam@example.com": {"sam"},
    "robin@example.com": {"robin"},
    "olive@example.com": {"olive"},
}


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    expect: dict[str, int]
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def template(self) -> str:
        path = re.sub(r"/weeks/[^/]+/", "/weeks/{}/", API + self.path.split("?")[0])
        return re.sub(r"\{[^}]+\}", "{}", path)


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def _only(status: int, who: set[str], others: int = 404, **special: int) -> dict[str, int]:
    return {p: special.get(p, status if p in who else others) for p in PEOPLE}


HEAVY = {"text": "new heavy thing", "size": "light"}
TASK = {"week": "2026-W10", "text": "new task"}
SUPPORT = {"name": "Gran", "kind": "family"}

ROUTES = [
    # The whole plan
    Route("get", "/stress/circles/{partners}/plan", _only(200, PARTNERS)),
    Route("get", "/stress/circles/{friends}/plan?week=2026-W09", _only(200, FRIENDS)),
    Route("get", "/stress/circles/{missing}/plan", _all(404)),
    # What's heavy
    Route("get", "/stress/heavy", _all(200)),
    Route("get", "/stress/heavy?circle={partners}&include_lighter=true", _all(200)),
    Route("post", "/stress/heavy", _only(201, PARTNERS), {"circle": "{partners}", **HEAVY}),
    Route("post", "/stress/heavy", _only(201, FRIENDS), {"circle": "{friends}", **HEAVY}),
    Route("post", "/stress/heavy", _all(404), {"circle": "{missing}", **HEAVY}),
    Route("get", "/stress/heavy/{alex_heavy}", _only(200, PARTNERS)),
    Route("get", "/stress/heavy/{robin_heavy}", _only(200, FRIENDS)),
    Route("get", "/stress/heavy/{missing}", _all(404)),
    Route("put", "/stress/heavy/{alex_heavy}", _only(200, {"alex"}), HEAVY),
    Route("put", "/stress/heavy/{robin_heavy}", _only(200, {"robin"}), HEAVY),
    Route("delete", "/stress/heavy/{sam_heavy}", _only(204, {"sam"})),
    Route("delete", "/stress/heavy/{missing}", _all(404)),
    # Routines
    Route("get", "/stress/routines", _all(200)),
    Route("get", "/stress/routines?circle={partners}", _all(200)),
    Route("put", "/stress/circles/{partners}/routine", _only(200, PARTNERS), {"text": "Tea."}),
    Route("put", "/stress/circles/{missing}/routine", _all(404), {"text": "Tea."}),
    Route("delete", "/stress/circles/{partners}/routine", _only(204, PARTNERS)),
    Route("delete", "/stress/circles/{friends}/routine", _only(204, FRIENDS)),
    # Who carries what
    Route("get", "/stress/tasks", _all(200)),
    Route("get", "/stress/tasks?circle={partners}&week=2026-W09", _all(200)),
    Route("post", "/stress/tasks", _only(201, PARTNERS), {"circle": "{partners}", **TASK}),
    Route("post", "/stress/tasks", _only(201, FRIENDS), {"circle": "{friends}", **TASK}),
    Route("put", "/stress/tasks/{task}", _only(200, PARTNERS), {"text": "changed", "done": True}),
    Route("put", "/stress/tasks/{friends_task}", _only(200, FRIENDS), {"text": "changed"}),
    Route("put", "/stress/tasks/{missing}", _all(404), {"text": "changed"}),
    Route("delete", "/stress/tasks/{task}", _only(204, PARTNERS)),
    Route("post", "/stress/circles/{partners}/weeks/2026-W10/copy-forward", _only(201, PARTNERS)),
    Route("post", "/stress/circles/{friends}/weeks/2026-W10/copy-forward", _only(201, FRIENDS)),
    # Outside support
    Route("get", "/stress/support", _all(200)),
    Route("get", "/stress/support?circle={friends}", _all(200)),
    Route("post", "/stress/support", _only(201, PARTNERS), {"circle": "{partners}", **SUPPORT}),
    Route("put", "/stress/support/{support}", _only(200, PARTNERS), SUPPORT),
    Route("put", "/stress/support/{friends_support}", _only(200, FRIENDS), SUPPORT),
    Route("delete", "/stress/support/{friends_support}", _only(204, FRIENDS)),
    Route("delete", "/stress/support/{missing}", _all(404)),
    # Signals and offers
    Route("get", "/stress/signals", _all(200)),
    Route("get", "/stress/signals?include_closed=true&circle={partners}", _all(200)),
    Route(
        "post",
        "/stress/signals",
        _only(201, PARTNERS, alex=409),
        {"circle": "{partners}", "helps": ["hug"]},
    ),
    Route(
        "post",
        "/stress/signals",
        _only(201, FRIENDS, robin=409),
        {"circle": "{friends}", "text": "heavy day"},
    ),
    Route("get", "/stress/signals/{signal}", _only(200, PARTNERS)),
    Route("get", "/stress/signals/{robin_signal}", _only(200, FRIENDS)),
    Route("get", "/stress/signals/{missing}", _all(404)),
    Route("post", "/stress/signals/{signal}/close", _only(200, {"alex"})),
    Route("post", "/stress/signals/{robin_signal}/close", _only(200, {"robin"})),
    Route(
        "post", "/stress/signals/{signal}/offers", _only(201, PARTNERS, alex=409), {"choice": "hug"}
    ),
    Route(
        "post",
        "/stress/signals/{robin_signal}/offers",
        _only(201, FRIENDS, robin=409),
        {"text": "climb Thursday?"},
    ),
    Route("post", "/stress/signals/{missing}/offers", _all(404), {"choice": "hug"}),
    Route("post", "/stress/offers/{offer}/accept", _only(200, {"alex"})),
    Route("post", "/stress/offers/{missing}/accept", _all(404)),
]


def _ids(people: Personas, plan: Plan) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(plan).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\{\w+\}", value):
        return ids[value[1:-1]]
    return value


def _call(client: Client, people: Personas, plan: Plan, persona: str, route: Route) -> Any:
    ids = _ids(people, plan)
    path = API + route.path.format(**ids)
    headers = {} if persona == "anonymous" else auth(getattr(people, persona))
    if route.method in ("get", "delete"):
        return getattr(client, route.method)(path, **headers)
    body = json.dumps({key: _fill(value, ids) for key, value in route.body.items()})
    return getattr(client, route.method)(path, body, "application/json", **headers)


def _state() -> dict[str, Any]:
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (HeavyThing, Routine, Task, Support, Signal, Offer)
    }


CASES = [
    pytest.param(persona, route, id=f"{persona}-{route.name}-{i}")
    for i, route in enumerate(ROUTES)
    for persona in [*PEOPLE, "anonymous"]
]


@pytest.mark.parametrize(("persona", "route"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, plan: Plan, persona: str, route: Route
) -> None:
    before = _state()
    response = _call(client, people, plan, persona, route)
    assert_privacy_case(
        response,
        persona=persona,
        expected=401 if persona == "anonymous" else route.expect[persona],
        unchanged=lambda: _state() == before,
        readers=READERS,
    )


def test_the_matrix_covers_every_stress_route(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/stress/")
    assert schema_operations(client, ours) == {(route.method, route.template) for route in ROUTES}


def test_no_stress_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


@pytest.mark.parametrize(
    ("persona", "visible"),
    [("sam", {"signal"}), ("robin", {"robin_signal"}), ("olive", set())],
)
def test_guessing_signal_ids_finds_only_signals_of_my_circles(
    client: Client, people: Personas, plan: Plan, persona: str, visible: set[str]
) -> None:
    headers = auth(getattr(people, persona))
    allowed = {getattr(plan, name).pk for name in visible}
    highest = Signal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for guess in [0, *range(1, highest + 3), 2**63]:
        response = client.get(f"{API}/stress/signals/{guess}", **headers)
        assert response.status_code == (200 if guess in allowed else 404), guess
        assert leaks(READERS, persona, response.content.decode()) == []


def test_lists_carry_only_what_each_person_may_see(
    client: Client, people: Personas, plan: Plan
) -> None:
    def texts(persona: str, path: str, key: str) -> set[str]:
        response = client.get(API + path, **auth(getattr(people, persona)))
        return {item[key] for item in response.json()}

    assert texts("robin", "/stress/heavy", "text") == {"ROBIN-HEAVY: the new job"}
    assert texts("sam", "/stress/heavy", "text") == {
        "ALEX-HEAVY: the deadline",
        "SAM-HEAVY: Dad's tests",
    }
    assert texts("olive", "/stress/tasks", "text") == set()
    assert texts("robin", "/stress/support", "name") == {"FRIENDS-SUPPORT: the club coach"}
    assert texts("sam", "/stress/signals", "text") == {"ALEX-SIGNAL: too many plates spinning"}
