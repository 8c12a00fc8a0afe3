"""The stress plan through the JSON API: the same plan, signals and offers as in the app, for
scripts and other clients. (Who may call what is in test_privacy_api.py.)"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, get_args

import pytest
from django.test import Client

from hearthside.api.tests.helpers import auth, document_operations
from hearthside.stress import schemas, words
from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task
from hearthside.stress.tests.conftest import THIS_WEEK, Plan

if TYPE_CHECKING:
    from conftest import Personas

API = "/api/v1/stress"

# Every operation under /api/v1/stress/, as the OpenAPI document lists it.
OPERATIONS = {
    ("get", "/api/v1/stress/circles/{circle_id}/plan"),
    ("get", "/api/v1/stress/heavy"),
    ("post", "/api/v1/stress/heavy"),
    ("get", "/api/v1/stress/heavy/{heavy_id}"),
    ("put", "/api/v1/stress/heavy/{heavy_id}"),
    ("delete", "/api/v1/stress/heavy/{heavy_id}"),
    ("get", "/api/v1/stress/routines"),
    ("put", "/api/v1/stress/circles/{circle_id}/routine"),
    ("delete", "/api/v1/stress/circles/{circle_id}/routine"),
    ("get", "/api/v1/stress/tasks"),
    ("post", "/api/v1/stress/tasks"),
    ("put", "/api/v1/stress/tasks/{task_id}"),
    ("delete", "/api/v1/stress/tasks/{task_id}"),
    ("post", "/api/v1/stress/circles/{circle_id}/weeks/{week}/copy-forward"),
    ("get", "/api/v1/stress/support"),
    ("post", "/api/v1/stress/support"),
    ("put", "/api/v1/stress/support/{support_id}"),
    ("delete", "/api/v1/stress/support/{support_id}"),
    ("get", "/api/v1/stress/signals"),
    ("post", "/api/v1/stress/signals"),
    ("get", "/api/v1/stress/signals/{signal_id}"),
    ("post", "/api/v1/stress/signals/{signal_id}/close"),
    ("post", "/api/v1/stress/signals/{signal_id}/offers"),
    ("post", "/api/v1/stress/offers/{offer_id}/accept"),
}


def call(client: Client, person: Any, method: str, path: str, body: Any = None) -> Any:
    headers = auth(person)
    if method in ("get", "delete"):
        return getattr(client, method)(API + path, **headers)
    return getattr(client, method)(
        API + path, json.dumps(body or {}), "application/json", **headers
    )


def test_the_schema_lists_exactly_these_operations(client: Client, db: None) -> None:
    assert document_operations(client, "/stress/") == OPERATIONS


def test_the_api_words_are_our_words() -> None:
    assert set(get_args(schemas.Help)) == words.HELP_SLUGS
    assert set(get_args(schemas.QuickOffer)) - {""} == words.QUICK_OFFER_SLUGS
    assert set(get_args(schemas.Size)) - {""} == {slug for slug, _l in words.SIZES}
    assert set(get_args(schemas.SupportKind)) == {slug for slug, _l in words.SUPPORT_KINDS}


def test_the_whole_plan_in_one_call(client: Client, people: Personas, plan: Plan) -> None:
    response = call(client, people.sam, "get", f"/circles/{people.partners.pk}/plan")
    assert response.status_code == 200
    data = response.json()
    assert data["week"] == "2026-W10"
    assert {h["text"] for h in data["heavy"]} == {
        "ALEX-HEAVY: the deadline",
        "SAM-HEAVY: Dad's tests",
    }
    assert [r["author"]["name"] for r in data["routines"]] == ["Sam", "Alex"]
    assert [(t["text"], t["carrier"]["name"]) for t in data["tasks"]] == [
        ("PARTNERS-TASK: school run", "Sam")
    ]
    assert [s["name"] for s in data["support"]] == ["PARTNERS-SUPPORT: Mum"]
    (signal,) = data["open_signals"]
    assert signal["helps"] == ["meal-sorted", "quiet-time"]
    assert [o["text"] for o in signal["offers"]] == ["SAM-OFFER: curry at seven"]
    last = call(client, people.sam, "get", f"/circles/{people.partners.pk}/plan?week=2026-W09")
    assert [t["text"] for t in last.json()["tasks"]] == ["PARTNERS-LAST-WEEK: big food shop"]
    bad = call(client, people.sam, "get", f"/circles/{people.partners.pk}/plan?week=soon")
    assert bad.status_code == 422


def test_heavy_things_from_adding_to_lighter_to_gone(client: Client, people: Personas) -> None:
    made = call(
        client,
        people.sam,
        "post",
        "/heavy",
        {"circle": people.partners.pk, "text": "  Reports  ", "size": "heavy"},
    )
    assert made.status_code == 201
    thing = made.json()
    assert (thing["text"], thing["size"], thing["author"]["name"]) == ("Reports", "heavy", "Sam")
    changed = call(
        client,
        people.sam,
        "put",
        f"/heavy/{thing['id']}",
        {"text": "Reports, half done", "size": "medium", "lighter": True},
    )
    assert changed.json()["resolved_at"] is not None
    assert call(client, people.alex, "get", "/heavy").json() == []
    lighter = call(client, people.alex, "get", "/heavy?include_lighter=true").json()
    assert [t["text"] for t in lighter] == ["Reports, half done"]
    assert call(client, people.sam, "delete", f"/heavy/{thing['id']}").status_code == 204
    assert call(client, people.alex, "get", f"/heavy/{thing['id']}").status_code == 404
    assert HeavyThing.objects.get().withdrawn_at is not None


def test_empty_words_are_refused_with_a_reason(client: Client, people: Personas) -> None:
    response = call(
        client, people.sam, "post", "/heavy", {"circle": people.partners.pk, "text": "   "}
    )
    assert response.status_code == 422
    assert not HeavyThing.objects.exists()


def test_my_routine_is_one_per_circle(client: Client, people: Personas) -> None:
    path = f"/circles/{people.partners.pk}/routine"
    first = call(client, people.sam, "put", path, {"text": "Tea first."}).json()
    second = call(client, people.sam, "put", path, {"text": "Tea, then a run."}).json()
    assert first["id"] == second["id"] and second["text"] == "Tea, then a run."
    listed = call(client, people.alex, "get", f"/routines?circle={people.partners.pk}").json()
    assert [r["text"] for r in listed] == ["Tea, then a run."]
    assert call(client, people.sam, "delete", path).status_code == 204
    assert not Routine.objects.exists()


def test_the_weekly_split(client: Client, people: Personas, plan: Plan) -> None:
    made = call(
        client,
        people.alex,
        "post",
        "/tasks",
        {
            "circle": people.partners.pk,
            "week": "2026-W10",
            "text": "Bins",
            "carrier_id": people.alex.pk,
        },
    )
    assert made.status_code == 201
    task = made.json()
    assert (task["week"], task["carrier"]["name"], task["done_at"]) == ("2026-W10", "Alex", None)
    done = call(
        client,
        people.sam,
        "put",
        f"/tasks/{task['id']}",
        {"text": "Bins out", "carrier_id": people.sam.pk, "done": True},
    ).json()
    assert done["carrier"]["name"] == "Sam" and done["done_at"] is not None
    week = call(
        client, people.alex, "get", f"/tasks?circle={people.partners.pk}&week=2026-W10"
    ).json()
    assert [t["text"] for t in week] == ["PARTNERS-TASK: school run", "Bins out"]
    assert call(client, people.alex, "get", "/tasks?week=W10").status_code == 422
    assert call(client, people.alex, "delete", f"/tasks/{task['id']}").status_code == 204


def test_a_task_cannot_go_to_someone_outside_the_circle(client: Client, people: Personas) -> None:
    for outsider in (people.robin.pk, 999_999):
        response = call(
            client,
            people.alex,
            "post",
            "/tasks",
            {
                "circle": people.partners.pk,
                "week": "2026-W10",
                "text": "Bins",
                "carrier_id": outsider,
            },
        )
        assert response.status_code == 409
        assert response.json() == {
            "detail": "Choose someone who is in this circle now, or leave it open."
        }
    assert not Task.objects.filter(text="Bins").exists()


@pytest.mark.parametrize("week", ["2026-W00", "2026-W54", "26-W10"])
def test_a_week_that_isnt_one_is_refused(client: Client, people: Personas, week: str) -> None:
    response = call(
        client,
        people.alex,
        "post",
        "/tasks",
        {"circle": people.partners.pk, "week": week, "text": "Bins"},
    )
    assert response.status_code == 422


def test_copying_last_week_forward(client: Client, people: Personas, plan: Plan) -> None:
    path = f"/circles/{people.partners.pk}/weeks/2026-W10/copy-forward"
    first = call(client, people.sam, "post", path)
    assert first.status_code == 201
    assert [t["text"] for t in first.json()] == ["PARTNERS-LAST-WEEK: big food shop"]
    assert call(client, people.sam, "post", path).json() == []
    assert Task.objects.filter(circle=people.partners, week=THIS_WEEK).count() == 2
    assert (
        call(
            client, people.sam, "post", f"/circles/{people.partners.pk}/weeks/2026-W99/copy-forward"
        ).status_code
        == 404
    )


def test_outside_support(client: Client, people: Personas) -> None:
    made = call(
        client,
        people.sam,
        "post",
        "/support",
        {
            "circle": people.partners.pk,
            "name": "Jo",
            "kind": "professional",
            "reach": "jo@example.org",
        },
    ).json()
    changed = call(
        client,
        people.alex,
        "put",
        f"/support/{made['id']}",
        {"name": "Jo, our counsellor", "kind": "professional", "note": "Thursdays"},
    ).json()
    assert (changed["name"], changed["reach"], changed["note"]) == (
        "Jo, our counsellor",
        "",
        "Thursdays",
    )
    assert (
        call(
            client,
            people.alex,
            "post",
            "/support",
            {"circle": people.partners.pk, "name": "X", "kind": "wizard"},
        ).status_code
        == 422
    )
    assert call(client, people.alex, "delete", f"/support/{made['id']}").status_code == 204
    assert not Support.objects.exists()


def test_a_signal_and_its_offers(client: Client, people: Personas) -> None:
    sent = call(
        client,
        people.alex,
        "post",
        "/signals",
        {"circle": people.partners.pk, "helps": ["meal-sorted", "hug", "hug"], "text": "Long day"},
    )
    assert sent.status_code == 201
    signal = sent.json()
    assert signal["helps"] == ["hug", "meal-sorted"] and signal["offers"] == []
    again = call(
        client, people.alex, "post", "/signals", {"circle": people.partners.pk, "helps": ["hug"]}
    )
    assert again.status_code == 409
    offered = call(
        client, people.sam, "post", f"/signals/{signal['id']}/offers", {"choice": "dinner"}
    )
    assert offered.status_code == 201
    offer = offered.json()
    own = call(client, people.alex, "post", f"/signals/{signal['id']}/offers", {"choice": "hug"})
    assert own.status_code == 409
    accepted = call(client, people.alex, "post", f"/offers/{offer['id']}/accept").json()
    assert accepted["accepted_at"] is not None
    closed = call(client, people.alex, "post", f"/signals/{signal['id']}/close").json()
    assert closed["closed_at"] is not None
    assert [o["choice"] for o in closed["offers"]] == ["dinner"]
    late = call(client, people.sam, "post", f"/signals/{signal['id']}/offers", {"text": "Tea?"})
    assert late.status_code == 409
    assert call(client, people.sam, "get", "/signals").json() == []
    everything = call(client, people.sam, "get", "/signals?include_closed=true").json()
    assert [s["id"] for s in everything] == [signal["id"]]


def test_a_signal_needs_something_to_say(client: Client, people: Personas) -> None:
    response = call(client, people.alex, "post", "/signals", {"circle": people.partners.pk})
    assert response.status_code == 409
    assert "Choose what would help" in response.json()["detail"]
    unknown = call(
        client, people.alex, "post", "/signals", {"circle": people.partners.pk, "helps": ["a-pony"]}
    )
    assert unknown.status_code == 422
    assert not Signal.objects.exists()


def test_an_offer_needs_a_choice_or_words(client: Client, people: Personas, plan: Plan) -> None:
    response = call(client, people.sam, "post", f"/signals/{plan.signal.pk}/offers", {"text": "  "})
    assert response.status_code == 409
    assert Offer.objects.count() == 1
