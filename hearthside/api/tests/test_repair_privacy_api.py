"""Every persona against every repair route, on a pause and a rupture in Alex and Sam's circle:
exactly the status the privacy rule allows, refused calls change nothing, and nobody receives
words that are not theirs to read — above all the parts of Alex's reflection Alex kept private.

As everywhere in the API, what a person may not see answers 404 with the same body as what
does not exist, never 403. 409 is only for things the person can see but may not do now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from conftest import CURRENT_TIME
from hearthside.api.tests.helpers import (
    API,
    MISSING,
    Route,
    assert_cell,
    auth,
    by,
    cases,
    everyone,
    only,
    rows,
    schema_operations,
    send,
)
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


def _template(route: Route) -> str:
    """The path as the OpenAPI document writes it, with any `{…}` (and the step) as `{}`."""
    return re.sub(r"/steps/\w+", "/steps/{}", route.template)


PARTNERS = {"alex", "sam"}
AGREEMENT = {"cool_off_min": 30, "cool_off_max": 90, "phrases": ["Time out"], "style": "turns"}
TRUST = {"trust_reestablished": True, "note": "Better"}

ROUTES = [
    # Agreements
    Route("get", "/circles/{partners}/agreement", only(PARTNERS)),
    Route("get", "/circles/{friends}/agreement", only({"alex", "robin"})),
    Route("get", "/circles/{missing}/agreement", everyone(404)),
    Route("put", "/circles/{partners}/agreement", only(PARTNERS), AGREEMENT),
    Route("put", "/circles/{missing}/agreement", everyone(404), AGREEMENT),
    # Pauses
    Route("post", "/circles/{partners}/pauses", only(PARTNERS)),
    Route("post", "/circles/{friends}/pauses", only({"alex", "robin"}, 201)),
    Route("post", "/circles/{missing}/pauses", everyone(404)),
    Route("get", "/pauses", everyone(200)),
    Route("get", "/pauses?circle={partners}", everyone(200)),
    Route("get", "/pauses/{pause}", only(PARTNERS)),
    Route("get", "/pauses/{missing}", everyone(404)),
    Route("post", "/pauses/{pause}/return", only(PARTNERS, 409)),
    Route("post", "/pauses/{missing}/return", everyone(404)),
    # Ruptures
    Route("get", "/ruptures", everyone(200)),
    Route("get", "/ruptures?circle={partners}&status=open", everyone(200)),
    Route("post", "/ruptures", only(PARTNERS, 201), {"circle": "{partners}", "title": "New"}),
    Route(
        "post",
        "/ruptures",
        only(PARTNERS, 201),
        {"circle": "{partners}", "title": "New", "pause": "{pause}", "linked_to": "{rupture}"},
    ),
    # A pause from another circle is not there to follow, for anyone.
    Route(
        "post",
        "/ruptures",
        everyone(404),
        {"circle": "{friends}", "title": "N", "pause": "{pause}"},
    ),
    # Only Alex sees both circles, so only Alex learns the link is the problem.
    Route(
        "post",
        "/ruptures",
        by(alex=409),
        {"circle": "{friends}", "title": "New", "linked_to": "{rupture}"},
    ),
    Route("post", "/ruptures", everyone(404), {"circle": "{missing}", "title": "New"}),
    Route("get", "/ruptures/{rupture}", only(PARTNERS)),
    Route("get", "/ruptures/{friends_rupture}", only({"alex", "robin"})),
    Route("get", "/ruptures/{missing}", everyone(404)),
    # Reflections
    Route("get", "/ruptures/{rupture}/reflection", only(PARTNERS)),
    Route("get", "/ruptures/{missing}/reflection", everyone(404)),
    Route("put", "/ruptures/{rupture}/reflection", only(PARTNERS), {"reality": "Now"}),
    Route("put", "/ruptures/{missing}/reflection", everyone(404), {"reality": "Now"}),
    Route("get", "/ruptures/{rupture}/reflections", only(PARTNERS)),
    Route("get", "/ruptures/{friends_rupture}/reflections", only({"alex", "robin"})),
    Route("get", "/ruptures/{missing}/reflections", everyone(404)),
    # The conversation: Alex has already spoken in the feelings step.
    Route(
        "post",
        "/ruptures/{rupture}/steps/feelings",
        by(alex=409, sam=201),
        {"feelings": ["hurt"]},
    ),
    Route("post", "/ruptures/{rupture}/steps/realities", only(PARTNERS, 409), {"text": "Mine"}),
    Route("post", "/ruptures/{missing}/steps/feelings", everyone(404), {"feelings": ["hurt"]}),
    # Apologies: about words, not about anyone's entries.
    Route("post", "/apology/check", everyone(200), {"text": "I'm sorry if you were upset"}),
    Route("post", "/apology/compose", everyone(200), {"what_i_did": "Snapped"}),
    # Plan, commitments, closure
    Route("put", "/ruptures/{rupture}/plan", only(PARTNERS), {"takeaways": "Pause early"}),
    Route("put", "/ruptures/{missing}/plan", everyone(404), {"takeaways": "Pause early"}),
    Route("get", "/ruptures/{rupture}/commitments", only(PARTNERS)),
    Route("get", "/ruptures/{missing}/commitments", everyone(404)),
    Route(
        "post",
        "/ruptures/{rupture}/commitments",
        only(PARTNERS, 201),
        {"text": "Ask first", "follow_up_on": "2026-03-11"},
    ),
    Route(
        "post",
        "/ruptures/{missing}/commitments",
        everyone(404),
        {"text": "Ask first", "follow_up_on": "2026-03-11"},
    ),
    Route("post", "/commitments/{commitment}/follow-ups", only(PARTNERS, 201), {"answer": "yes"}),
    Route("post", "/commitments/{missing}/follow-ups", everyone(404), {"answer": "yes"}),
    Route("post", "/ruptures/{rupture}/closure", only(PARTNERS, 409), TRUST),
    Route("post", "/ruptures/{missing}/closure", everyone(404), TRUST),
]


def _ids(people: Personas, world: World) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(world).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


# Everything a refused call must leave exactly as it was.
STATE = rows(
    Agreement, Pause, PauseReturn, Rupture, Reflection, Turn, Commitment, FollowUp, Closure
)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, world: World, persona: str, route: Route
) -> None:
    ids = _ids(people, world)
    assert_cell(client, people, persona, route, ids, state=STATE, readers=READERS)


def test_the_matrix_covers_every_repair_route(client: Client, db: None) -> None:
    repair = re.compile(r"/(agreement|pauses|ruptures|apology|commitments)\b")
    assert schema_operations(client, repair) == {
        (route.method, _template(route)) for route in ROUTES
    }


def test_no_repair_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


def test_sam_never_receives_the_parts_alex_kept_private(
    client: Client, people: Personas, world: World
) -> None:
    headers = auth(people.sam)
    reflections = client.get(f"{API}/ruptures/{world.rupture.pk}/reflections", **headers)
    by_author = {r["author"]["name"]: r for r in reflections.json()}
    alex = by_author["Alex"]
    assert alex["reality"] == ALEX_SHARED
    assert [alex[p] for p in ("feelings", "triggers", "my_part", "unmet_needs", "unmet_note")] == [
        None
    ] * 5
    # Every route Sam can call, read or write, in one sweep.
    ids = _ids(people, world)
    for route in ROUTES:
        if route.expect["sam"] < 400 or route.method == "get":
            body = send(client, people, "sam", route, ids).content.decode()
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
    body = client.get(url, **auth(people.sam)).content.decode()
    assert ALEX_PRIVATE[0] in body
    assert ALEX_PRIVATE[1] not in body
    # Taking it back hides it again; sharing nothing hides the whole reflection.
    actions.save_reflection(people.alex, world.rupture, shared_parts=[])
    response = client.get(url, **auth(people.sam))
    assert [r["author"]["name"] for r in response.json()] == ["Sam"]
    assert ALEX_PRIVATE[0] not in response.content.decode()
    assert reflection.pk == Reflection.objects.get(author=people.alex).pk


def test_someone_who_joins_later_finds_nothing_from_before(
    client: Client, people: Personas, world: World
) -> None:
    with time_machine.travel(CURRENT_TIME + timedelta(hours=1), tick=False):
        Membership.objects.create(circle=people.partners, person=people.olive)
        headers = auth(people.olive)
        before = STATE()
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
        assert STATE() == before


def test_a_member_who_left_takes_their_words_with_them(
    client: Client, people: Personas, world: World
) -> None:
    actions.take_turn(people.sam, world.rupture, "feelings", feelings=["anxious"])
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    headers = auth(people.alex)
    detail = client.get(f"{API}/ruptures/{world.rupture.pk}", **headers).json()
    assert [t["author"]["name"] for t in detail["turns"]] == ["Alex"]
    reflections = client.get(f"{API}/ruptures/{world.rupture.pk}/reflections", **headers).json()
    assert [r["author"]["name"] for r in reflections] == ["Alex"]
    # And Sam, gone, sees none of it.
    sam = auth(people.sam)
    assert client.get(f"{API}/ruptures/{world.rupture.pk}", **sam).status_code == 404
