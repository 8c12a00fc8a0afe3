"""Every persona against every route under /api/v1/stress/: exactly the status the privacy rule
allows, refused calls change nothing, and nobody receives words that are not theirs to read.

What a person may not see answers 404 with the same body as what does not exist, never 403;
someone else's entry is not the caller's to change (404 too). 409 is only for what the caller
can see but may not do now: offering on their own signal, a second open signal to a circle.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from hearthside.api.tests.helpers import (
    API,
    MISSING,
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
from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task
from hearthside.stress.tests.conftest import Plan

if TYPE_CHECKING:
    from conftest import Personas

PARTNERS = {"alex", "sam"}
FRIENDS = {"alex", "robin"}

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


HEAVY = {"text": "new heavy thing", "size": "light"}
TASK = {"week": "2026-W10", "text": "new task"}
SUPPORT = {"name": "Gran", "kind": "family"}

ROUTES = [
    # The whole plan
    Route("get", "/stress/circles/{partners}/plan", only(PARTNERS)),
    Route("get", "/stress/circles/{friends}/plan?week=2026-W09", only(FRIENDS)),
    Route("get", "/stress/circles/{missing}/plan", everyone(404)),
    # What's heavy
    Route("get", "/stress/heavy", everyone(200)),
    Route("get", "/stress/heavy?circle={partners}&include_lighter=true", everyone(200)),
    Route("post", "/stress/heavy", only(PARTNERS, 201), {"circle": "{partners}", **HEAVY}),
    Route("post", "/stress/heavy", only(FRIENDS, 201), {"circle": "{friends}", **HEAVY}),
    Route("post", "/stress/heavy", everyone(404), {"circle": "{missing}", **HEAVY}),
    Route("get", "/stress/heavy/{alex_heavy}", only(PARTNERS)),
    Route("get", "/stress/heavy/{robin_heavy}", only(FRIENDS)),
    Route("get", "/stress/heavy/{missing}", everyone(404)),
    Route("put", "/stress/heavy/{alex_heavy}", only({"alex"}), HEAVY),
    Route("put", "/stress/heavy/{robin_heavy}", only({"robin"}), HEAVY),
    Route("delete", "/stress/heavy/{sam_heavy}", only({"sam"}, 204)),
    Route("delete", "/stress/heavy/{missing}", everyone(404)),
    # Routines
    Route("get", "/stress/routines", everyone(200)),
    Route("get", "/stress/routines?circle={partners}", everyone(200)),
    Route("put", "/stress/circles/{partners}/routine", only(PARTNERS), {"text": "Tea."}),
    Route("put", "/stress/circles/{missing}/routine", everyone(404), {"text": "Tea."}),
    Route("delete", "/stress/circles/{partners}/routine", only(PARTNERS, 204)),
    Route("delete", "/stress/circles/{friends}/routine", only(FRIENDS, 204)),
    # Who carries what
    Route("get", "/stress/tasks", everyone(200)),
    Route("get", "/stress/tasks?circle={partners}&week=2026-W09", everyone(200)),
    Route("post", "/stress/tasks", only(PARTNERS, 201), {"circle": "{partners}", **TASK}),
    Route("post", "/stress/tasks", only(FRIENDS, 201), {"circle": "{friends}", **TASK}),
    Route("put", "/stress/tasks/{task}", only(PARTNERS), {"text": "changed", "done": True}),
    Route("put", "/stress/tasks/{friends_task}", only(FRIENDS), {"text": "changed"}),
    Route("put", "/stress/tasks/{missing}", everyone(404), {"text": "changed"}),
    Route("delete", "/stress/tasks/{task}", only(PARTNERS, 204)),
    Route("post", "/stress/circles/{partners}/weeks/2026-W10/copy-forward", only(PARTNERS, 201)),
    Route("post", "/stress/circles/{friends}/weeks/2026-W10/copy-forward", only(FRIENDS, 201)),
    # Outside support
    Route("get", "/stress/support", everyone(200)),
    Route("get", "/stress/support?circle={friends}", everyone(200)),
    Route("post", "/stress/support", only(PARTNERS, 201), {"circle": "{partners}", **SUPPORT}),
    Route("put", "/stress/support/{support}", only(PARTNERS), SUPPORT),
    Route("put", "/stress/support/{friends_support}", only(FRIENDS), SUPPORT),
    Route("delete", "/stress/support/{friends_support}", only(FRIENDS, 204)),
    Route("delete", "/stress/support/{missing}", everyone(404)),
    # Signals and offers
    Route("get", "/stress/signals", everyone(200)),
    Route("get", "/stress/signals?include_closed=true&circle={partners}", everyone(200)),
    Route(
        "post",
        "/stress/signals",
        by(alex=409, sam=201),
        {"circle": "{partners}", "helps": ["hug"]},
    ),
    Route(
        "post",
        "/stress/signals",
        by(alex=201, robin=409),
        {"circle": "{friends}", "text": "heavy day"},
    ),
    Route("get", "/stress/signals/{signal}", only(PARTNERS)),
    Route("get", "/stress/signals/{robin_signal}", only(FRIENDS)),
    Route("get", "/stress/signals/{missing}", everyone(404)),
    Route("post", "/stress/signals/{signal}/close", only({"alex"})),
    Route("post", "/stress/signals/{robin_signal}/close", only({"robin"})),
    Route("post", "/stress/signals/{signal}/offers", by(alex=409, sam=201), {"choice": "hug"}),
    Route(
        "post",
        "/stress/signals/{robin_signal}/offers",
        by(alex=201, robin=409),
        {"text": "climb Thursday?"},
    ),
    Route("post", "/stress/signals/{missing}/offers", everyone(404), {"choice": "hug"}),
    Route("post", "/stress/offers/{offer}/accept", only({"alex"})),
    Route("post", "/stress/offers/{missing}/accept", everyone(404)),
]


def _ids(people: Personas, plan: Plan) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(plan).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


STATE = rows(HeavyThing, Routine, Task, Support, Signal, Offer)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, plan: Plan, persona: str, route: Route
) -> None:
    ids = _ids(people, plan)
    assert_cell(client, people, persona, route, ids, state=STATE, readers=READERS)


def _template(route: Route) -> str:
    """A week in a path is a value, not a placeholder: the schema names it `{week}`."""
    return re.sub(r"/weeks/[^/]+/", "/weeks/{}/", route.template)


def test_the_matrix_covers_every_stress_route(client: Client, db: None) -> None:
    ours = re.compile(r"^/api/v1/stress/")
    assert schema_operations(client, ours) == {(route.method, _template(route)) for route in ROUTES}


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
