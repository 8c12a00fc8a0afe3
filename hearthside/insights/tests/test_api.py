"""/api/v1/insights/: the numbers the insights pages show, for exactly the people who may see
them. Every persona against every route: a circle's insights are for its members only (404 for
anyone else, like a circle that doesn't exist, never 403), "me" is always the caller's own, and
nobody receives anyone else's private words or numbers."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import Personas
from hearthside.api.tests.helpers import (
    API,
    MISSING,
    PERSONAS,
    Route,
    assert_cell,
    auth,
    everyone,
    only,
    schema_operations,
)
from hearthside.insights import gather
from hearthside.insights.tests.conftest import ALEX_TRIGGER, RUPTURE_TITLE, SAM_ONLY, Story
from hearthside.practice.models import CheckIn

# The exact operations this app puts in the schema.
OPERATIONS = {
    ("get", "/api/v1/insights/me"),
    ("get", "/api/v1/insights/circles/{}"),
}

# Who may read each piece of text; anyone else must never receive it, from any route.
READERS: dict[str, set[str]] = {
    RUPTURE_TITLE: {"alex", "sam"},
    "Alex & Sam": {"alex", "sam"},
    "Climbing friends": {"alex", "robin"},
    ALEX_TRIGGER: set(),  # summed up as words and needs, never quoted whole
    **{secret: set() for secret in SAM_ONLY[3:]},
    "alex@example.com": set(),
    "sam@example.com": set(),
}


ROUTES = [
    Route("get", "/insights/me", everyone(200)),
    Route("get", "/insights/me?period=all", everyone(200)),
    Route("get", "/insights/circles/{partners}", only({"alex", "sam"})),
    Route("get", "/insights/circles/{partners}?period=90d", only({"alex", "sam"})),
    Route("get", "/insights/circles/{friends}", only({"alex", "robin"})),
    Route("get", "/insights/circles/{missing}", everyone(404)),
]

# Named by path alone (no method, no index), unlike `cases`: every route here is a GET.
CASES = [
    pytest.param(persona, route, id=f"{persona}-{route.path}")
    for route in ROUTES
    for persona in PERSONAS
]


def _ids(people: Personas) -> dict[str, int]:
    return {"partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


@pytest.mark.parametrize(("persona", "route"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows(
    client: Client, people: Personas, story: Story, persona: str, route: Route
) -> None:
    # Reading insights must not change the check-ins they are made from.
    state = CheckIn.objects.count
    response = assert_cell(
        client, people, persona, route, _ids(people), state=state, readers=READERS
    )
    body = response.content.decode()
    if persona != "sam":
        assert not any(word in body for word in ("furious", "clenched-jaw", "independence"))


def test_the_schema_lists_exactly_these_operations(client: Client, db: None) -> None:
    assert schema_operations(client, re.compile(r"^/api/v1/insights/")) == OPERATIONS


def test_the_matrix_covers_every_route_under_insights(client: Client, db: None) -> None:
    assert {(route.method, route.template) for route in ROUTES} == OPERATIONS


def test_no_insights_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


def test_a_period_that_is_not_offered_is_a_422_with_a_reason(
    client: Client, people: Personas
) -> None:
    response = client.get(f"{API}/insights/me?period=forever", **auth(people.alex))
    assert response.status_code == 422
    assert "period" in response.content.decode()


def test_my_insights_are_the_numbers_my_page_shows(
    client: Client, people: Personas, story: Story
) -> None:
    body = client.get(f"{API}/insights/me?period=90d", **auth(people.alex)).json()
    page = gather.for_me(people.alex, "90d")

    assert body["period"]["key"] == "90d" and body["period"]["granularity"] == "week"
    assert body["time_zone"] == "Europe/London"
    assert body["weather"]["days_checked_in"] == page.weather.days_checked_in == 40
    assert body["weather"]["most_common_level"] == 3
    assert len(body["weather_map"]) == 40
    assert body["feelings"][0] == {"slug": "content", "count": 40}
    assert [b["mood"] for b in body["mood"]] == [b.mood for b in page.mood]
    assert len(body["buckets"]) == len(body["mood"]) == len(body["need_series"][0]["counts"])
    assert body["triggers"]["needs"] == [{"slug": "belonging", "count": 1}]
    breathe = next(t for t in body["calm"] if t["tool"] == "breathe")
    assert (breathe["before"], breathe["after"], breathe["drop"]) == (7.0, 4.0, 3.0)
    rituals = body["comparisons"][0]
    assert rituals == {
        "key": "rituals",
        "with_days": 6,
        "without_days": 34,
        "with_mood": None,
        "without_mood": None,
        "difference": None,
        "enough": False,
        "min_days": 14,
    }
    assert body["comparisons"][1]["key"] == "stress"
    assert body["rituals"][0]["label"] == "8 of the last 9 Sundays"
    assert body["from_circles"] == {
        "thanks_received": 3,
        "felt_heard": 3,
        "helped_feel_heard": 1,
        "needs_met": 1,
    }
    assert {c["name"] for c in body["circles"]} == {"Alex & Sam", "Climbing friends"}


def test_a_circles_insights_are_the_numbers_its_page_shows(
    client: Client, people: Personas, story: Story
) -> None:
    path = f"{API}/insights/circles/{people.partners.pk}"
    body = client.get(path, **auth(people.sam)).json()

    assert body["circle"] == {"id": people.partners.pk, "name": "Alex & Sam"}
    balance = body["balance"]
    assert (balance["positive"], balance["difficult"], balance["ratio"]) == (16, 3, 5.3)
    assert balance["reference"] == 5.0
    assert sum(b["understanding"] for b in body["buckets"]) == 3
    repairs = body["repairs"]
    assert (repairs["ruptures"], repairs["closed"], repairs["trust_reestablished"]) == (2, 1, 1)
    assert repairs["median_hours"] == 26.0
    assert repairs["items"][1]["title"] == RUPTURE_TITLE
    assert body["commitments"] == {
        "total": 3,
        "kept": 1,
        "partly": 1,
        "not_yet": 0,
        "waiting": 0,
        "ahead": 1,
    }
    assert body["rituals"][0]["kept"] == 8 and body["rituals"][0]["of"] == 9


def test_a_circles_numbers_depend_on_who_asks(
    client: Client, people: Personas, story: Story
) -> None:
    """The friends' circle: Alex sees Robin's thank-you and the felt-heard reply; Sam, not a
    member, gets nothing at all."""
    path = f"{API}/insights/circles/{people.friends.pk}"
    alex = client.get(path, **auth(people.alex)).json()["balance"]
    assert (alex["understanding"], alex["appreciations"]) == (1, 1)
    assert client.get(path, **auth(people.sam)).json() == {"detail": "Not Found"}
