"""Every stress page and action, for every persona: exactly what the privacy rule allows.

Alex and Sam share a plan; Alex and Robin share another; Olive shares nothing with anyone;
anonymous visitors are sent to sign in. Anything a person may not see is 404 — the same as
something that doesn't exist, never 403 — a refused action changes nothing, and no page carries
words its reader may not see.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearthside.circles.models import Membership
from hearthside.stress import urls
from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task
from hearthside.stress.tests.conftest import Plan

if TYPE_CHECKING:
    from conftest import Personas

PEOPLE = ["alex", "sam", "robin", "olive"]
PARTNERS = {"alex", "sam"}
FRIENDS = {"alex", "robin"}
MISSING = 999_999

# Who may read each piece of text; nobody else may receive it from any page.
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
}


@dataclass(frozen=True)
class Page:
    """One request, with `{name}` placeholders, and the status each signed-in persona gets
    (anonymous visitors are always sent to sign in)."""

    name: str
    method: str
    arg: str | None
    expect: dict[str, int]
    data: dict[str, Any] = field(default_factory=dict)
    query: str = ""
    # Statuses that must leave everything as it was (besides every 4xx).
    refused: frozenset[int] = frozenset()

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.name}({self.arg or ''}){self.query}"


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def _only(status: int, who: set[str], others: int = 404, **special: int) -> dict[str, int]:
    return {p: special.get(p, status if p in who else others) for p in PEOPLE}


HEAVY = {"heavy-text": "new heavy thing", "heavy-size": "light"}
TASK = {"week": "2026-W10", "task-text": "new task", "task-carrier": ""}
SUPPORT = {"support-name": "Gran", "support-kind": "family"}
EDIT_SUPPORT = {"name": "Gran", "kind": "family"}

PAGES = [
    Page("stress", "get", None, _only(200, set(), others=200, sam=302, robin=302)),
    Page("stress_plan", "get", "partners", _only(200, PARTNERS)),
    Page("stress_plan", "get", "friends", _only(200, FRIENDS)),
    Page("stress_plan", "get", "partners", _only(200, PARTNERS), query="?week=2026-W09"),
    Page("stress_plan", "get", "missing", _all(404)),
    Page("stress_heavy_new", "post", "partners", _only(302, PARTNERS), HEAVY),
    Page("stress_heavy_new", "post", "friends", _only(302, FRIENDS), HEAVY),
    Page("stress_heavy_act", "post", "alex_heavy", _only(302, {"alex"}), {"action": "lighter"}),
    Page("stress_heavy_act", "post", "robin_heavy", _only(302, {"robin"}), {"action": "remove"}),
    Page("stress_heavy_edit", "get", "alex_heavy", _only(200, {"alex"})),
    Page("stress_heavy_edit", "post", "sam_heavy", _only(302, {"sam"}), {"text": "changed"}),
    Page("stress_routine", "post", "partners", _only(302, PARTNERS), {"routine-text": "Tea."}),
    Page("stress_routine", "post", "friends", _only(302, FRIENDS), {"routine-text": "Tea."}),
    Page("stress_task_new", "post", "partners", _only(302, PARTNERS), TASK),
    Page("stress_task_new", "post", "friends", _only(302, FRIENDS), TASK),
    Page("stress_task_copy", "post", "partners", _only(302, PARTNERS), {"week": "2026-W10"}),
    Page("stress_task_act", "post", "task", _only(302, PARTNERS), {"action": "done"}),
    Page("stress_task_act", "post", "friends_task", _only(302, FRIENDS), {"action": "take"}),
    Page("stress_task_edit", "get", "task", _only(200, PARTNERS)),
    Page("stress_task_edit", "post", "task", _only(302, PARTNERS), {"text": "changed"}),
    Page("stress_support_new", "post", "partners", _only(302, PARTNERS), SUPPORT),
    Page("stress_support_edit", "get", "support", _only(200, PARTNERS)),
    Page("stress_support_edit", "post", "friends_support", _only(302, FRIENDS), EDIT_SUPPORT),
    Page("stress_support_remove", "post", "support", _only(302, PARTNERS)),
    Page("stress_signal_new", "get", None, _all(200)),
    Page("stress_signal_new", "get", None, _only(200, PARTNERS), query="?circle={partners}"),
    # Alex already has an open signal there: led to it. Robin and Olive can't pick that circle.
    Page(
        "stress_signal_new",
        "post",
        None,
        _only(302, PARTNERS, others=200),
        {"circle": "{partners}", "helps": ["hug"]},
        refused=frozenset({200}),
    ),
    Page("stress_signal", "get", "signal", _only(200, PARTNERS)),
    Page("stress_signal", "get", "robin_signal", _only(200, FRIENDS)),
    Page("stress_signal", "get", "missing", _all(404)),
    Page(
        "stress_offer_new",
        "post",
        "signal",
        _only(302, PARTNERS, alex=200),
        {"offer-choice": "hug"},
        refused=frozenset({200}),
    ),
    Page(
        "stress_offer_new",
        "post",
        "robin_signal",
        _only(302, FRIENDS, robin=302),
        {"from": "today", "choice": "talk"},
    ),
    Page("stress_signal_close", "post", "signal", _only(302, {"alex"})),
    Page("stress_signal_close", "post", "robin_signal", _only(302, {"robin"})),
    Page("stress_offer_accept", "post", "offer", _only(302, {"alex"})),
]


def _ids(people: Personas, plan: Plan) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(plan).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


def _state() -> dict[str, Any]:
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (HeavyThing, Routine, Task, Support, Signal, Offer)
    }


def _call(client: Client, people: Personas, plan: Plan, page: Page) -> Any:
    ids = _ids(people, plan)
    url = reverse(page.name, args=[ids[page.arg]] if page.arg else [])
    url += page.query.format(**ids)
    data = {
        k: ids[v[1:-1]] if isinstance(v, str) and re.fullmatch(r"\{\w+\}", v) else v
        for k, v in page.data.items()
    }
    return getattr(client, page.method)(url, data) if page.method == "post" else client.get(url)


CASES = [
    pytest.param(persona, page, id=f"{persona}-{page.label}-{i}")
    for i, page in enumerate(PAGES)
    for persona in [*PEOPLE, "anonymous"]
]


@pytest.mark.parametrize(("persona", "page"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows(
    people: Personas, plan: Plan, persona: str, page: Page
) -> None:
    before = _state()
    response = _call(people.client(persona), people, plan, page)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert _state() == before
        return
    expected = page.expect[persona]
    assert response.status_code == expected, (persona, page.label, response.status_code)
    if expected >= 400 or expected in page.refused:
        assert _state() == before, "a refused request changed something"
    body = html.unescape(response.content.decode())
    leaked = [text for text, readers in READERS.items() if persona not in readers and text in body]
    assert leaked == []


def test_the_matrix_covers_every_stress_page() -> None:
    names = {pattern.name for pattern in urls.urlpatterns}
    assert {page.name for page in PAGES} == names


def test_no_stress_page_answers_403() -> None:
    assert all(403 not in page.expect.values() for page in PAGES)


def test_a_404_looks_the_same_as_something_that_never_existed(people: Personas, plan: Plan) -> None:
    client = people.client("robin")
    hidden = client.get(reverse("stress_signal", args=[plan.signal.pk]))
    missing = client.get(reverse("stress_signal", args=[MISSING]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_someone_who_joins_later_sees_the_circles_split_but_not_what_was_said_before(
    people: Personas, plan: Plan
) -> None:
    Membership.objects.create(
        circle=people.partners, person=people.olive, joined_at=timezone.now() + timedelta(hours=1)
    )
    body = html.unescape(
        people.client("olive")
        .get(reverse("stress_plan", args=[people.partners.pk]))
        .content.decode()
    )
    # The weekly split and support belong to the circle as a whole...
    assert "PARTNERS-TASK" in body and "PARTNERS-SUPPORT" in body
    # ...but what each person said about themselves was said before Olive arrived.
    for text in ("ALEX-HEAVY", "SAM-ROUTINE", "ALEX-SIGNAL"):
        assert text not in body
    assert (
        people.client("olive").get(reverse("stress_signal", args=[plan.signal.pk])).status_code
        == 404
    )


def test_someone_who_left_takes_their_words_with_them(people: Personas, plan: Plan) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=plan.signal.created_at
    )
    body = html.unescape(
        people.client("alex")
        .get(reverse("stress_plan", args=[people.partners.pk]))
        .content.decode()
    )
    assert "SAM-HEAVY" not in body and "SAM-ROUTINE" not in body
    signal = html.unescape(
        people.client("alex").get(reverse("stress_signal", args=[plan.signal.pk])).content.decode()
    )
    assert "SAM-OFFER" not in signal
    assert (
        people.client("sam").get(reverse("stress_plan", args=[people.partners.pk])).status_code
        == 404
    )


def test_a_routine_rewritten_after_someone_joined_is_theirs_to_read(
    people: Personas, plan: Plan
) -> None:
    joined = timezone.now() + timedelta(hours=1)
    Membership.objects.create(circle=people.partners, person=people.olive, joined_at=joined)
    url = reverse("stress_plan", args=[people.partners.pk])
    assert "SAM-ROUTINE" not in people.client("olive").get(url).content.decode()
    with time_machine.travel(joined + timedelta(minutes=5), tick=False):
        people.client("sam").post(
            reverse("stress_routine", args=[people.partners.pk]),
            {"routine-text": "SAM-ROUTINE-NEW: a run"},
        )
        body = people.client("olive").get(url).content.decode()
    assert "SAM-ROUTINE-NEW: a run" in body
