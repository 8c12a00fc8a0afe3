"""Every persona against every repair route, on a pause and a rupture in Alex and Sam's circle:
exactly the status the privacy rule allows, refused calls change nothing, and nobody receives
words that are not theirs to read — above all the parts of Alex's reflection Alex kept private.

As everywhere in the API, what a person may not see answers 404 with the same body as what
does not exist, never 403. 409 is only for things the person can see but may not do now.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from conftest import CURRENT_TIME
from hearthside.api.models import PersonalToken
from hearthside.api.tests.helpers import assert_privacy_case, schema_operations
from hearthside.circles.models import Membership
from hearthside.repair import actions
from hearthside.repair.models import (
    Agreement,
    Closure,
    Commitment,
    FollowUp,
    Pause,
    PauseReturn,
    Reflection,
    Rupture,
    Turn,
)

if TYPE_CHECKING:
    from conftest import Personas

API = "/api/v1"
PEOPLE = ["alex", "sam", "robin", "olive"]
PERSONAS = [*PEOPLE, "anonymous"]
MISSING = 999_999

ALEX_SHARED = "ALEX-SHARED: I felt alone with the dishes"
ALEX_PRIVATE = [
    "ALEX-PRIVATE-TRIGGER: my father's silences",
    "ALEX-PRIVATE-PART: I kept score",
    "ALEX-PRIVATE-NOTE: I want to be asked",
]
SAM_PRIVATE = "SAM-PRIVATE: I was scared of the shouting"
# The vocabulary words only Alex's private parts use (so they must not reach Sam either).
ALEX_PRIVATE_WORDS = ["lonely", "fairness"]

# Who may read each piece of text. Anyone else must never receive it, from any route.
READERS: dict[str, set[str]] = {
    ALEX_SHARED: {"alex", "sam"},
    **{text: {"alex"} for text in ALEX_PRIVATE},
    SAM_PRIVATE: {"sam"},
    "Partners rupture: the dishes": {"alex", "sam"},
    "Alex and Sam: we pause in the hallway": {"alex", "sam"},
    "ALEX-COMMITMENT: dishes before bed": {"alex", "sam"},
    "ALEX-TURN: the kitchen felt like a courtroom": {"alex", "sam"},
    "Friends rupture: the belay": {"alex", "robin"},
    "alex@example.com": {"alex"},
    "sam@example.com": {"sam"},
    "robin@example.com": {"robin"},
    "olive@example.com": {"olive"},
}


@dataclass
class World:
    pause: Pause
    rupture: Rupture
    friends_rupture: Rupture
    commitment: Commitment


@pytest.fixture
def world(people: Personas) -> World:
    Agreement.objects.create(
        circle=people.partners, phrases="Alex and Sam: we pause in the hallway"
    )
    Agreement.for_circle(people.friends)
    pause = actions.start_pause(people.alex, people.partners)
    rupture = actions.open_rupture(
        people.alex, people.partners, "Partners rupture: the dishes", pause=pause
    )
    actions.save_reflection(
        people.alex,
        rupture,
        reality=ALEX_SHARED,
        triggers=ALEX_PRIVATE[0],
        my_part=ALEX_PRIVATE[1],
        unmet_note=ALEX_PRIVATE[2],
        feelings=["lonely"],
        unmet_needs=["fairness"],
        shared_parts=["reality"],
    )
    actions.save_reflection(people.sam, rupture, reality=SAM_PRIVATE, shared_parts=[])
    actions.take_turn(people.alex, rupture, "feelings", feelings=["hurt"])
    Turn.objects.filter(author=people.alex).update(
        text="ALEX-TURN: the kitchen felt like a courtroom"
    )
    # Due today, so following it up is allowed to anyone who can see it.
    commitment = Commitment.objects.create(
        rupture=rupture,
        author=people.alex,
        text="ALEX-COMMITMENT: dishes before bed",
        follow_up_on=timezone.localdate(),
    )
    friends_rupture = actions.open_rupture(
        people.alex, people.friends, "Friends rupture: the belay"
    )
    return World(pause, rupture, friends_rupture, commitment)


@dataclass(frozen=True)
class Route:
    """One call with `{name}` placeholders, and the status each signed-in persona gets
    (anonymous callers always get 401)."""

    method: str
    path: str
    expect: dict[str, int]
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def template(self) -> str:
        """The path as the OpenAPI document writes it, with any `{…}` (and the step) as `{}`."""
        path = re.sub(r"/steps/\w+", "/steps/{}", API + self.path.split("?")[0])
        return re.sub(r"\{[^}]+\}", "{}", path)


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def _only(status: int, who: set[str], others: int = 404) -> dict[str, int]:
    return {p: status if p in who else others for p in PEOPLE}


def _expect(alex: int, sam: int, robin: int, olive: int) -> dict[str, int]:
    return {"alex": alex, "sam": sam, "robin": robin, "olive": olive}


PARTNERS = {"alex", "sam"}
AGREEMENT = {"cool_off_min": 30, "cool_off_max": 90, "phrases": ["Time out"], "style": "turns"}
TRUST = {"trust_reestablished": True, "note": "Better"}

ROUTES = [
    # Agreements
    Route("get", "/circles/{partners}/agreement", _only(200, PARTNERS)),
    Route("get", "/circles/{friends}/agreement", _only(200, {"alex", "robin"})),
    Route("get", "/circles/{missing}/agreement", _all(404)),
    Route("put", "/circles/{partners}/agreement", _only(200, PARTNERS), AGREEMENT),
    Route("put", "/circles/{missing}/agreement", _all(404), AGREEMENT),
    # Pauses
    Route("post", "/circles/{partners}/pauses", _only(200, PARTNERS)),
    Route("post", "/circles/{friends}/pauses", _only(201, {"alex", "robin"})),
    Route("post", "/circles/{missing}/pauses", _all(404)),
    Route("get", "/pauses", _all(200)),
    Route("get", "/pauses?circle={partners}", _all(200)),
    Route("get", "/pauses/{pause}", _only(200, PARTNERS)),
    Route("get", "/pauses/{missing}", _all(404)),
    Route("post", "/pauses/{pause}/return", _only(409, PARTNERS)),
    Route("post", "/pauses/{missing}/return", _all(404)),
    # Ruptures
    Route("get", "/ruptures", _all(200)),
    Route("get", "/ruptures?circle={partners}&status=open", _all(200)),
    Route("post", "/ruptures", _only(201, PARTNERS), {"circle": "{partners}", "title": "New"}),
    Route(
        "post",
        "/ruptures",
        _only(201, PARTNERS),
        {"circle": "{partners}", "title": "New", "pause": "{pause}", "linked_to": "{rupture}"},
    ),
    # A pause from another circle is not there to follow, for anyone.
    Route(
        "post", "/ruptures", _all(404), {"circle": "{friends}", "title": "N", "pause": "{pause}"}
    ),
    # Only Alex sees both circles, so only Alex learns the link is the problem.
    Route(
        "post",
        "/ruptures",
        _expect(409, 404, 404, 404),
        {"circle": "{friends}", "title": "New", "linked_to": "{rupture}"},
    ),
    Route("post", "/ruptures", _all(404), {"circle": "{missing}", "title": "New"}),
    Route("get", "/ruptures/{rupture}", _only(200, PARTNERS)),
    Route("get", "/ruptures/{friends_rupture}", _only(200, {"alex", "robin"})),
    Route("get", "/ruptures/{missing}", _all(404)),
    # Reflections
    Route("get", "/ruptures/{rupture}/reflection", _only(200, PARTNERS)),
    Route("get", "/ruptures/{missing}/reflection", _all(404)),
    Route("put", "/ruptures/{rupture}/reflection", _only(200, PARTNERS), {"reality": "Now"}),
    Route("put", "/ruptures/{missing}/reflection", _all(404), {"reality": "Now"}),
    Route("get", "/ruptures/{rupture}/reflections", _only(200, PARTNERS)),
    Route("get", "/ruptures/{friends_rupture}/reflections", _only(200, {"alex", "robin"})),
    Route("get", "/ruptures/{missing}/reflections", _all(404)),
    # The conversation: Alex has already spoken in the feelings step.
    Route(
        "post",
        "/ruptures/{rupture}/steps/feelings",
        _expect(409, 201, 404, 404),
        {"feelings": ["hurt"]},
    ),
    Route("post", "/ruptures/{rupture}/steps/realities", _only(409, PARTNERS), {"text": "Mine"}),
    Route("post", "/ruptures/{missing}/steps/feelings", _all(404), {"feelings": ["hurt"]}),
    # Apologies: about words, not about anyone's entries.
    Route("post", "/apology/check", _all(200), {"text": "I'm sorry if you were upset"}),
    Route("post", "/apology/compose", _all(200), {"what_i_did": "Snapped"}),
    # Plan, commitments, closure
    Route("put", "/ruptures/{rupture}/plan", _only(200, PARTNERS), {"takeaways": "Pause early"}),
    Route("put", "/ruptures/{missing}/plan", _all(404), {"takeaways": "Pause early"}),
    Route("get", "/ruptures/{rupture}/commitments", _only(200, PARTNERS)),
    Route("get", "/ruptures/{missing}/commitments", _all(404)),
    Route(
        "post",
        "/ruptures/{rupture}/commitments",
        _only(201, PARTNERS),
        {"text": "Ask first", "follow_up_on": "2026-03-11"},
    ),
    Route(
        "post",
        "/ruptures/{missing}/commitments",
        _all(404),
        {"text": "Ask first", "follow_up_on": "2026-03-11"},
    ),
    Route("post", "/commitments/{commitment}/follow-ups", _only(201, PARTNERS), {"answer": "yes"}),
    Route("post", "/commitments/{missing}/follow-ups", _all(404), {"answer": "yes"}),
    Route("post", "/ruptures/{rupture}/closure", _only(409, PARTNERS), TRUST),
    Route("post", "/ruptures/{missing}/closure", _all(404), TRUST),
]


def _ids(people: Personas, world: World) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(world).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\{\w+\}", value):
        return ids[value[1:-1]]
    return value


def _headers(people: Personas, persona: str) -> dict[str, Any]:
    if persona == "anonymous":
        return {}
    _record, token = PersonalToken.issue(getattr(people, persona))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _call(client: Client, people: Personas, world: World, persona: str, route: Route) -> Any:
    ids = _ids(people, world)
    path = API + route.path.format(**ids)
    headers = _headers(people, persona)
    if route.method == "get":
        return client.get(path, **headers)
    body = json.dumps({key: _fill(value, ids) for key, value in route.body.items()})
    return getattr(client, route.method)(path, body, "application/json", **headers)


def _state() -> dict[str, Any]:
    """Everything a refused call must leave exactly as it was."""
    return {
        "agreements": list(Agreement.objects.order_by("pk").values()),
        "pauses": list(Pause.objects.order_by("pk").values()),
        "returns": list(PauseReturn.objects.order_by("pk").values()),
        "ruptures": list(Rupture.objects.order_by("pk").values()),
        "reflections": list(Reflection.objects.order_by("pk").values()),
        "turns": list(Turn.objects.order_by("pk").values()),
        "commitments": list(Commitment.objects.order_by("pk").values()),
        "follow_ups": list(FollowUp.objects.order_by("pk").values()),
        "closures": list(Closure.objects.order_by("pk").values()),
    }


CASES = [
    pytest.param(persona, route, id=f"{persona}-{route.name}-{i}")
    for i, route in enumerate(ROUTES)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("persona", "route"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, world: World, persona: str, route: Route
) -> None:
    before = _state()
    response = _call(client, people, world, persona, route)
    assert_privacy_case(
        response,
        persona=persona,
        expected=401 if persona == "anonymous" else route.expect[persona],
        unchanged=lambda: _state() == before,
        readers=READERS,
    )


def test_the_matrix_covers_every_repair_route(client: Client, db: None) -> None:
    repair = re.compile(r"/(agreement|pauses|ruptures|apology|commitments)\b")
    assert schema_operations(client, repair) == {(route.method, route.template) for route in ROUTES}


def test_no_repair_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


def test_sam_never_receives_the_parts_alex_kept_private(
    client: Client, people: Personas, world: World
) -> None:
    headers = _headers(people, "sam")
    reflections = client.get(f"{API}/ruptures/{world.rupture.pk}/reflections", **headers)
    by_author = {r["author"]["name"]: r for r in reflections.json()}
    alex = by_author["Alex"]
    assert alex["reality"] == ALEX_SHARED
    assert [alex[p] for p in ("feelings", "triggers", "my_part", "unmet_needs", "unmet_note")] == [
        None
    ] * 5
    # Every route Sam can call, read or write, in one sweep.
    for route in ROUTES:
        if route.expect["sam"] < 400 or route.method == "get":
            body = _call(client, people, world, "sam", route).content.decode()
            for private in ALEX_PRIVATE:
                assert private not in body, route.name
    # Not even the vocabulary words Alex picked in the unshared parts.
    body = reflections.content.decode()
    for word in ALEX_PRIVATE_WORDS:
        assert word not in body


def test_sam_sees_more_only_when_alex_shares_more(
    client: Client, people: Personas, world: World
) -> None:
    url = f"{API}/ruptures/{world.rupture.pk}/reflections"
    reflection = Reflection.objects.get(author=people.alex)
    actions.save_reflection(people.alex, world.rupture, shared_parts=["reality", "triggers"])
    body = client.get(url, **_headers(people, "sam")).content.decode()
    assert ALEX_PRIVATE[0] in body
    assert ALEX_PRIVATE[1] not in body
    # Taking it back hides it again; sharing nothing hides the whole reflection.
    actions.save_reflection(people.alex, world.rupture, shared_parts=[])
    response = client.get(url, **_headers(people, "sam"))
    assert [r["author"]["name"] for r in response.json()] == ["Sam"]
    assert ALEX_PRIVATE[0] not in response.content.decode()
    assert reflection.pk == Reflection.objects.get(author=people.alex).pk


def test_someone_who_joins_later_finds_nothing_from_before(
    client: Client, people: Personas, world: World
) -> None:
    with time_machine.travel(CURRENT_TIME + timedelta(hours=1), tick=False):
        Membership.objects.create(circle=people.partners, person=people.olive)
        headers = _headers(people, "olive")
        before = _state()
        for path in (
            f"/pauses/{world.pause.pk}",
            f"/ruptures/{world.rupture.pk}",
            f"/ruptures/{world.rupture.pk}/reflections",
            f"/ruptures/{world.rupture.pk}/commitments",
        ):
            assert client.get(API + path, **headers).status_code == 404, path
        follow_up = f"{API}/commitments/{world.commitment.pk}/follow-ups"
        response = client.post(follow_up, {"answer": "yes"}, "application/json", **headers)
        assert response.status_code == 404
        for path in ("/pauses", "/ruptures"):
            assert client.get(API + path, **headers).json() == []
        # The circle is hers now, and so are its agreements.
        agreement = client.get(f"{API}/circles/{people.partners.pk}/agreement", **headers)
        assert agreement.status_code == 200
        assert _state() == before


def test_a_member_who_left_takes_their_words_with_them(
    client: Client, people: Personas, world: World
) -> None:
    actions.take_turn(people.sam, world.rupture, "feelings", feelings=["anxious"])
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    headers = _headers(people, "alex")
    detail = client.get(f"{API}/ruptures/{world.rupture.pk}", **headers).json()
    assert [t["author"]["name"] for t in detail["turns"]] == ["Alex"]
    reflections = client.get(f"{API}/ruptures/{world.rupture.pk}/reflections", **headers).json()
    assert [r["author"]["name"] for r in reflections] == ["Alex"]
    # And Sam, gone, sees none of it.
    sam = _headers(people, "sam")
    assert client.get(f"{API}/ruptures/{world.rupture.pk}", **sam).status_code == 404
