"""Every values page and button, for every persona: exactly the status the privacy rule allows,
refused posts change nothing, and no page carries words its reader may not see.

Intentions and revisit notes follow the entry rule (mine, or shared with a circle I'm in);
values, goals, the cadence and revisits belong to the circle (its current members); honesty
moments are one person's own. Anything unseen is 404, never 403; signed-out visitors are sent
to sign in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from django.urls import reverse

from hearthside.values.models import (
    CircleValue,
    HonestyMoment,
    Intention,
    Revisit,
    RevisitNote,
    ValuesSettings,
)
from hearthside.values.tests.conftest import FRIENDS, PARTNERS, World, leaks

if TYPE_CHECKING:
    from conftest import Personas

PEOPLE = ["alex", "sam", "robin", "olive"]
PERSONAS = [*PEOPLE, "anonymous"]


@dataclass(frozen=True)
class Page:
    method: str
    name: str  # URL name
    arg: str | None  # a World attribute (or "partners"/"friends") whose pk goes in the URL
    expect: dict[str, int]
    data: dict[str, Any] = field(default_factory=dict)
    query: str = ""

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.name}({self.arg or ''}){self.query}"


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def _only(status: int, who: set[str]) -> dict[str, int]:
    return {p: status if p in who else 404 for p in PEOPLE}


NOTE = {"action": "note", "prompt": "1", "text": "A new note", "go": "next"}
ADD = {"action": "add", "kind": "value", "text": "Patience"}

PAGES = [
    # Overview and intentions
    Page("get", "values", None, _all(200)),
    Page("get", "values_intention_new", None, _all(200)),
    Page("get", "values_intention_new", None, _only(200, PARTNERS), query="?circle={partners}"),
    Page("get", "values_intention_new", None, _all(404), query="?circle=x"),
    Page("post", "values_intention_new", None, _all(302), {"hopes": ["trust"]}),
    Page("get", "values_intention_edit", "alex_private", _only(200, {"alex"})),
    Page("get", "values_intention_edit", "alex_partners", _only(200, {"alex"})),
    Page("get", "values_intention_edit", "sam_partners", _only(200, {"sam"})),
    Page("post", "values_intention_edit", "alex_partners", _only(302, {"alex"}), {"text": "x"}),
    Page("post", "values_intention_withdraw", "alex_partners", _only(302, {"alex"})),
    Page("post", "values_intention_withdraw", "sam_partners", _only(302, {"sam"})),
    Page("get", "values_intention_delete", "alex_private", _only(200, {"alex"})),
    Page("post", "values_intention_delete", "alex_friends", _only(302, {"alex"})),
    # A circle's values and goals
    Page("get", "values_circle", "partners", _only(200, PARTNERS)),
    Page("get", "values_circle", "friends", _only(200, FRIENDS)),
    Page("post", "values_circle", "partners", _only(302, PARTNERS), ADD),
    Page("post", "values_circle", "friends", _only(302, FRIENDS), ADD),
    Page(
        "post",
        "values_circle",
        "partners",
        _only(302, PARTNERS),
        {"action": "retire", "item": "{partners_goal}"},
    ),
    # Another circle's value through this circle's page: not found, even for Alex.
    Page(
        "post",
        "values_circle",
        "partners",
        _all(404),
        {"action": "retire", "item": "{friends_value}"},
    ),
    Page("get", "values_cadence", "partners", _only(200, PARTNERS)),
    Page("post", "values_cadence", "partners", _only(302, PARTNERS), {"every_months": "6"}),
    Page("get", "values_item_change", "partners_goal", _only(200, PARTNERS)),
    Page("get", "values_item_change", "friends_value", _only(200, FRIENDS)),
    Page(
        "post",
        "values_item_change",
        "partners_value",
        _only(302, PARTNERS),
        {"text": "Kindness, and then honesty"},
    ),
    # Revisits
    Page("post", "values_revisit_start", "partners", _only(302, PARTNERS)),
    Page("post", "values_revisit_start", "friends", _only(302, FRIENDS)),
    Page("get", "values_revisit", "revisit", _only(200, PARTNERS)),
    Page("get", "values_revisit", "revisit", _only(200, PARTNERS), query="?step=1"),
    Page("get", "values_revisit", "revisit", _only(200, PARTNERS), query="?step=2"),
    Page("get", "values_revisit", "revisit", _only(200, PARTNERS), query="?step=5"),
    Page("post", "values_revisit", "revisit", _only(302, PARTNERS), NOTE),
    Page("post", "values_revisit", "revisit", _only(302, PARTNERS), ADD),
    Page(
        "post",
        "values_revisit",
        "revisit",
        _only(302, PARTNERS),
        {"action": "finish", "every_months": "3"},
    ),
    # Honesty moments
    Page("post", "values_honesty_mark", None, _only(302, PARTNERS), {"share": "{share}"}),
    Page("post", "values_honesty_mark", None, _only(302, {"alex"}), {"checkin": "{checkin}"}),
    Page("get", "values_honesty", "sam_moment", _only(200, {"sam"})),
    Page("post", "values_honesty", "sam_moment", _only(302, {"sam"}), {"note": "mine"}),
    Page("post", "values_honesty_unmark", "sam_moment", _only(302, {"sam"})),
]


def _ids(people: Personas, world: World) -> dict[str, int]:
    ids = {name: getattr(value, "pk", 0) for name, value in vars(world).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk}


def _url(page: Page, ids: dict[str, int]) -> str:
    url = reverse(page.name, args=[ids[page.arg]] if page.arg else [])
    return url + page.query.format(**ids)


def _fill(data: dict[str, Any], ids: dict[str, int]) -> dict[str, Any]:
    return {
        key: str(ids[value[1:-1]]) if isinstance(value, str) and value.startswith("{") else value
        for key, value in data.items()
    }


def _state() -> list[Any]:
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Intention,
            CircleValue,
            Revisit,
            RevisitNote,
            HonestyMoment,
            ValuesSettings,
        )
    ]


CASES = [
    pytest.param(persona, page, id=f"{persona}-{page.label}-{i}")
    for i, page in enumerate(PAGES)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("persona", "page"), CASES)
def test_each_persona_gets_exactly_what_the_rule_allows(
    people: Personas, world: World, persona: str, page: Page
) -> None:
    ids = _ids(people, world)
    url = _url(page, ids)
    before = _state()
    client = people.client(persona)
    data = _fill(page.data, ids)
    response = client.get(url) if page.method == "get" else client.post(url, data)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert _state() == before
        return
    expected = page.expect[persona]
    assert response.status_code == expected, (url, response.content[:300])
    if expected >= 400:
        assert _state() == before, "a refused request changed something"
    assert leaks(persona, response.content.decode()) == []


WRONG_METHODS = [
    ("put", "values", None),
    ("get", "values_intention_withdraw", "alex_partners"),
    ("get", "values_revisit_start", "partners"),
    ("get", "values_honesty_mark", None),
    ("get", "values_honesty_unmark", "sam_moment"),
    ("delete", "values_circle", "partners"),
    ("patch", "values_revisit", "revisit"),
]


@pytest.mark.parametrize(("method", "name", "arg"), WRONG_METHODS)
def test_pages_answer_only_their_methods(
    people: Personas, world: World, method: str, name: str, arg: str | None
) -> None:
    ids = _ids(people, world)
    url = reverse(name, args=[ids[arg]] if arg else [])
    assert getattr(people.client("alex"), method)(url).status_code == 405


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_guessing_ids_finds_nothing_of_the_partners(
    people: Personas, world: World, persona: str
) -> None:
    client = people.client(persona)
    pages = [
        ("values_intention_edit", world.alex_partners.pk),
        ("values_intention_edit", world.sam_partners.pk),
        ("values_circle", people.partners.pk),
        ("values_revisit", world.revisit.pk),
        ("values_item_change", world.partners_goal.pk),
        ("values_honesty", world.sam_moment.pk),
    ]
    for name, pk in pages:
        real = client.get(reverse(name, args=[pk]))
        missing = client.get(reverse(name, args=[999_999]))
        assert real.status_code == missing.status_code == 404, name
        assert real.content == missing.content, f"{name}: a hidden thing looks unlike a missing one"
