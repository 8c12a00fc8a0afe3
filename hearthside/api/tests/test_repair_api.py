"""The repair routes: agreements, pauses, ruptures, reflections, the conversation, the apology
check, the plan, commitments and closure. Who may see what is in test_repair_privacy_api.py;
here each route does its job, refuses what the actions refuse (409 with their words) and
refuses malformed input (422)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, get_args

import pytest
import time_machine
from django.test import Client

from conftest import CURRENT_TIME
from hearthside.api.repair_schemas import Part, Step
from hearthside.api.tests.helpers import auth
from hearthside.circles.models import Membership
from hearthside.repair import actions, steps
from hearthside.repair.models import (
    Agreement,
    Closure,
    Commitment,
    FollowUp,
    Pause,
    Reflection,
    Rupture,
    Turn,
)

if TYPE_CHECKING:
    from conftest import Personas

API = "/api/v1"
TODAY = CURRENT_TIME.date()


def call(client: Client, method: str, person: Any, path: str, payload: Any = None) -> Any:
    headers = auth(person)
    if method == "get":
        return client.get(API + path, **headers)
    send = getattr(client, method)
    return send(API + path, json.dumps(payload or {}), "application/json", **headers)


def get(client: Client, person: Any, path: str) -> Any:
    return call(client, "get", person, path)


def post(client: Client, person: Any, path: str, payload: Any = None) -> Any:
    return call(client, "post", person, path, payload)


def put(client: Client, person: Any, path: str, payload: Any = None) -> Any:
    return call(client, "put", person, path, payload)


def messages(response: Any) -> str:
    """Every error message in a 422 body, as one string to search."""
    return json.dumps(response.json()["detail"])


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The dishes, again")


# What each step needs from each person, so tests can walk a whole conversation.
TURNS: dict[str, dict[str, Any]] = {
    steps.FEELINGS: {"feelings": ["hurt"]},
    steps.REALITIES: {"text": "I saw it this way", "reflect": "You", "validation": "Makes sense"},
    steps.TRIGGERS: {"text": "It touched an old worry"},
    steps.RESPONSIBILITY: {"what_i_did": "Snapped", "impact": "Hurt you", "next_time": "Pause"},
    steps.ACCEPTANCE: {"accepted": True},
    steps.PLAN: {"text": "Pause sooner"},
}


def converse(client: Client, people: Personas, rupture: Rupture, until: str | None = None) -> None:
    """Both partners take every turn, up to (not including) `until`."""
    for step in steps.STEPS:
        if step == until:
            return
        for person in (people.alex, people.sam):
            response = post(client, person, f"/ruptures/{rupture.pk}/steps/{step}", TURNS[step])
            assert response.status_code == 201, response.content


def test_the_api_names_the_same_steps_and_parts_as_the_repair_models() -> None:
    assert get_args(Step) == steps.STEPS
    assert get_args(Part) == Reflection.PARTS


# Agreements


def test_a_member_reads_the_circle_agreement(client: Client, people: Personas) -> None:
    response = get(client, people.sam, f"/circles/{people.partners.pk}/agreement")
    assert response.status_code == 200
    assert response.json() == {
        "circle_id": people.partners.pk,
        "cool_off_min": 20,
        "cool_off_max": 24 * 60,
        "phrases": ["I need a breather. I'm coming back."],
        "style": "together",
        "updated_at": "2026-03-04T10:30:00Z",
    }


def test_a_member_changes_the_agreement(client: Client, people: Personas) -> None:
    payload = {
        "cool_off_min": 30,
        "cool_off_max": 120,
        "phrases": ["  Time out, love  ", "Back soon", "Back soon"],
        "style": "turns",
    }
    response = put(client, people.sam, f"/circles/{people.partners.pk}/agreement", payload)
    assert response.status_code == 200
    assert response.json()["phrases"] == ["Time out, love", "Back soon"]
    agreement = Agreement.objects.get(circle=people.partners)
    assert (agreement.cool_off_min, agreement.cool_off_max, agreement.style) == (30, 120, "turns")
    assert agreement.phrases == "Time out, love\nBack soon"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cool_off_min": 4}, "greater than or equal to 5"),
        ({"cool_off_max": 7 * 24 * 60 + 1}, "less than or equal to 10080"),
        ({"cool_off_min": 60, "cool_off_max": 60}, "cool_off_min needs to be shorter"),
        ({"phrases": []}, "at least 1 item"),
        ({"phrases": ["   "]}, "at least 1 character"),
        ({"phrases": ["Two\nlines"]}, "match pattern"),
        ({"phrases": [c * 300 for c in "abcdefg"]}, "at most 2000 characters"),
        ({"style": "whenever"}, "together"),
    ],
)
def test_an_impossible_agreement_is_refused_and_nothing_changes(
    client: Client, people: Personas, change: dict[str, Any], message: str
) -> None:
    payload = {"cool_off_min": 20, "cool_off_max": 60, "phrases": ["Pause"], "style": "together"}
    response = put(
        client, people.alex, f"/circles/{people.partners.pk}/agreement", {**payload, **change}
    )
    assert response.status_code == 422
    assert message in messages(response)
    assert not Agreement.objects.exists()


# Pauses


def test_calling_a_pause_starts_one_with_the_chosen_phrase(
    client: Client, people: Personas
) -> None:
    Agreement.objects.create(circle=people.partners, phrases="Breather\nTime out")
    response = post(
        client, people.sam, f"/circles/{people.partners.pk}/pauses", {"phrase": "Time out"}
    )
    assert response.status_code == 201
    body = response.json()
    pause = Pause.objects.get()
    assert body == {
        "id": pause.pk,
        "circle_id": people.partners.pk,
        "author": {"id": people.sam.pk, "name": "Sam"},
        "phrase": "Time out",
        "created_at": "2026-03-04T10:30:00Z",
        "min_until": "2026-03-04T10:50:00Z",
        "max_until": "2026-03-05T10:30:00Z",
        "ended_at": None,
        "active": True,
        "ready": [],
        "waiting": [people.alex.pk, people.sam.pk],
        "can_return": False,
        "overdue": False,
    }


def test_a_phrase_we_have_not_agreed_falls_back_to_our_first(
    client: Client, people: Personas
) -> None:
    url = f"/circles/{people.partners.pk}/pauses"
    response = post(client, people.alex, url, {"phrase": "Whatever"})
    assert response.json()["phrase"] == "I need a breather. I'm coming back."


def test_calling_a_pause_while_one_runs_answers_with_the_running_one(
    client: Client, people: Personas
) -> None:
    url = f"/circles/{people.partners.pk}/pauses"
    first = post(client, people.alex, url)
    second = post(client, people.sam, url)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["author"]["name"] == "Alex"
    assert Pause.objects.count() == 1


def test_someone_who_joined_during_a_pause_is_not_shown_it(
    client: Client, people: Personas
) -> None:
    Agreement.objects.create(circle=people.partners, phrases="Alex's own words for a pause")
    alex_pause = actions.start_pause(people.alex, people.partners)
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=5), tick=False):
        Membership.objects.create(circle=people.partners, person=people.olive)
        response = post(client, people.olive, f"/circles/{people.partners.pk}/pauses")
    # Olive's tap calls her own pause; Alex's, from before she joined, stays out of sight.
    assert response.status_code == 201
    assert response.json()["id"] != alex_pause.pk
    assert Pause.objects.count() == 2


def test_coming_back_before_the_cool_off_is_a_conflict_with_the_reason(
    client: Client, people: Personas
) -> None:
    pause = actions.start_pause(people.alex, people.partners)
    response = post(client, people.alex, f"/pauses/{pause.pk}/return")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("It's a little early.")
    assert not pause.returns.exists()


def test_the_pause_ends_when_everyone_is_back(client: Client, people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)
    url = f"/pauses/{pause.pk}/return"
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=21), tick=False):
        first = post(client, people.sam, url).json()
        assert (first["ready"], first["waiting"]) == ([people.sam.pk], [people.alex.pk])
        assert (first["active"], first["can_return"]) == (True, True)
        last = post(client, people.alex, url).json()
    assert (last["ready"], last["waiting"]) == ([people.alex.pk, people.sam.pk], [])
    assert last["active"] is False
    assert last["ended_at"] == "2026-03-04T10:51:00Z"
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=30), tick=False):
        again = post(client, people.sam, url)
    assert again.status_code == 409
    assert again.json() == {"detail": "This pause has already ended."}


def test_a_pause_is_overdue_once_the_longest_cool_off_has_passed(
    client: Client, people: Personas
) -> None:
    pause = actions.start_pause(people.alex, people.partners)
    with time_machine.travel(CURRENT_TIME + timedelta(days=1, minutes=1), tick=False):
        body = get(client, people.sam, f"/pauses/{pause.pk}").json()
    assert (body["overdue"], body["can_return"], body["active"]) == (True, True, True)


def test_pauses_are_listed_newest_first_and_by_circle(client: Client, people: Personas) -> None:
    older = actions.start_pause(people.alex, people.friends)
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=1), tick=False):
        newer = actions.start_pause(people.alex, people.partners)
    everything = get(client, people.alex, "/pauses").json()
    assert [p["id"] for p in everything] == [newer.pk, older.pk]
    assert "ready" not in everything[0]
    partners = get(client, people.alex, f"/pauses?circle={people.partners.pk}").json()
    assert [p["id"] for p in partners] == [newer.pk]
    paged = get(client, people.alex, "/pauses?limit=1&offset=1").json()
    assert [p["id"] for p in paged] == [older.pk]


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "circle=0", "circle=x"])
def test_impossible_list_parameters_are_refused(
    client: Client, people: Personas, query: str
) -> None:
    for path in ("/pauses", "/ruptures"):
        assert get(client, people.alex, f"{path}?{query}").status_code == 422


# Ruptures


def test_opening_a_rupture_starts_the_conversation_at_feelings(
    client: Client, people: Personas
) -> None:
    payload = {"circle": people.partners.pk, "title": "  The dishes, again  "}
    response = post(client, people.sam, "/ruptures", payload)
    assert response.status_code == 201
    body = response.json()
    rupture = Rupture.objects.get()
    assert (rupture.author, rupture.circle, rupture.title) == (
        people.sam,
        people.partners,
        "The dishes, again",
    )
    assert body["id"] == rupture.pk
    assert body["status"] == "open"
    assert body["happened_at"] == body["created_at"] == "2026-03-04T10:30:00Z"
    assert (body["time_to_repair"], body["closed_at"], body["pause_id"]) == (None, None, None)
    assert body["conversation"] == {
        "style": "together",
        "members": [{"id": people.alex.pk, "name": "Alex"}, {"id": people.sam.pk, "name": "Sam"}],
        "step": "feelings",
        "done_steps": [],
        "waiting_for": [people.alex.pk, people.sam.pk],
        "may_act": [people.alex.pk, people.sam.pk],
        "finished": False,
    }
    assert (body["turns"], body["closures"]) == ([], [])


def test_a_rupture_can_follow_a_pause_and_repeat_an_earlier_one(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    pause = actions.start_pause(people.alex, people.partners)
    payload = {
        "circle": people.partners.pk,
        "title": "The dishes, a third time",
        "happened_at": "2026-03-03T21:15:00+01:00",
        "pause": pause.pk,
        "linked_to": rupture.pk,
    }
    body = post(client, people.sam, "/ruptures", payload).json()
    assert (body["pause_id"], body["linked_to_id"]) == (pause.pk, rupture.pk)
    assert body["happened_at"] == "2026-03-03T20:15:00Z"


def test_a_pause_from_another_circle_is_not_found(client: Client, people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.friends)
    payload = {"circle": people.partners.pk, "title": "Mixed up", "pause": pause.pk}
    response = post(client, people.alex, "/ruptures", payload)
    assert response.status_code == 404
    assert not Rupture.objects.exists()


def test_linking_a_rupture_from_another_circle_is_a_conflict(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    payload = {"circle": people.friends.pk, "title": "Climbing", "linked_to": rupture.pk}
    response = post(client, people.alex, "/ruptures", payload)
    assert response.status_code == 409
    assert response.json() == {
        "detail": "A rupture can only be linked to an earlier one in the same circle."
    }
    assert Rupture.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "   "}, "at least 1 character"),
        ({"title": "x" * 121}, "at most 120 characters"),
        ({"happened_at": "2026-03-04T12:00:00Z"}, "can't be in the future"),
        ({"happened_at": "2026-03-04T09:00:00"}, "timezone"),
        ({"circle": 0}, "greater than or equal to 1"),
        ({"pause": 2**60}, "less than or equal to"),
    ],
)
def test_a_rupture_needs_a_title_and_a_moment_in_the_past(
    client: Client, people: Personas, change: dict[str, Any], message: str
) -> None:
    payload = {"circle": people.partners.pk, "title": "The dishes", **change}
    response = post(client, people.alex, "/ruptures", payload)
    assert response.status_code == 422
    assert message in messages(response)
    assert not Rupture.objects.exists()


def test_ruptures_are_listed_by_circle_and_status(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    climbing = actions.open_rupture(people.alex, people.friends, "The belay")
    Rupture.objects.filter(pk=climbing.pk).update(status="closed", closed_at=CURRENT_TIME)
    ids = [r["id"] for r in get(client, people.alex, "/ruptures").json()]
    assert sorted(ids) == sorted([rupture.pk, climbing.pk])
    for query, expected in [
        (f"circle={people.partners.pk}", [rupture.pk]),
        ("status=open", [rupture.pk]),
        ("status=closed", [climbing.pk]),
        (f"circle={people.partners.pk}&status=closed", []),
    ]:
        assert [r["id"] for r in get(client, people.alex, f"/ruptures?{query}").json()] == expected
    assert get(client, people.alex, "/ruptures?status=mended").status_code == 422


def test_in_turns_only_the_next_person_may_speak(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    Agreement.objects.create(circle=people.partners, style="turns")
    conversation = get(client, people.sam, f"/ruptures/{rupture.pk}").json()["conversation"]
    assert conversation["style"] == "turns"
    assert conversation["waiting_for"] == [people.alex.pk, people.sam.pk]
    assert conversation["may_act"] == [people.alex.pk]


# Reflections


REFLECTION = {
    "feelings": ["hurt", "lonely"],
    "reality": "  I saw a pile of dishes and felt alone with it  ",
    "triggers": "It reminded me of home",
    "my_part": "I was sharp",
    "unmet_needs": ["fairness"],
    "unmet_note": "Sharing the load",
    "shared_parts": ["reality", "feelings", "reality"],
}


def test_my_reflection_is_empty_until_i_write_it(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    response = get(client, people.alex, f"/ruptures/{rupture.pk}/reflection")
    assert response.status_code == 200
    assert response.json() == {
        "id": None,
        "rupture_id": rupture.pk,
        "feelings": [],
        "reality": "",
        "triggers": "",
        "my_part": "",
        "unmet_needs": [],
        "unmet_note": "",
        "shared_parts": [],
        "updated_at": None,
    }
    assert not Reflection.objects.exists()


def test_i_write_my_reflection_and_read_all_of_it_back(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    url = f"/ruptures/{rupture.pk}/reflection"
    response = put(client, people.alex, url, REFLECTION)
    assert response.status_code == 200
    reflection = Reflection.objects.get()
    expected = {
        **REFLECTION,
        "id": reflection.pk,
        "rupture_id": rupture.pk,
        "reality": "I saw a pile of dishes and felt alone with it",
        "shared_parts": ["reality", "feelings"],
        "updated_at": "2026-03-04T10:30:00Z",
    }
    assert response.json() == expected
    assert get(client, people.alex, url).json() == expected
    assert reflection.author == people.alex
    assert reflection.shared_parts == ["reality", "feelings"]


def test_writing_my_reflection_again_replaces_it(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    url = f"/ruptures/{rupture.pk}/reflection"
    put(client, people.alex, url, REFLECTION)
    body = put(client, people.alex, url, {"reality": "Shorter now"}).json()
    assert (body["reality"], body["triggers"], body["shared_parts"]) == ("Shorter now", "", [])
    assert Reflection.objects.count() == 1


def test_my_partner_sees_only_the_parts_i_shared(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    put(client, people.alex, f"/ruptures/{rupture.pk}/reflection", REFLECTION)
    put(client, people.sam, f"/ruptures/{rupture.pk}/reflection", {"reality": "Sam's own"})
    response = get(client, people.sam, f"/ruptures/{rupture.pk}/reflections")
    assert response.status_code == 200
    alex, sam = response.json()
    assert alex == {
        "id": alex["id"],
        "rupture_id": rupture.pk,
        "author": {"id": people.alex.pk, "name": "Alex"},
        "mine": False,
        "shared_parts": ["reality", "feelings"],
        "feelings": ["hurt", "lonely"],
        "reality": "I saw a pile of dishes and felt alone with it",
        "triggers": None,
        "my_part": None,
        "unmet_needs": None,
        "unmet_note": None,
        "updated_at": "2026-03-04T10:30:00Z",
    }
    # My own reflection comes back whole, shared or not.
    assert (sam["mine"], sam["reality"], sam["shared_parts"]) == (True, "Sam's own", [])
    body = response.content.decode()
    for private in ("home", "I was sharp", "fairness", "Sharing the load"):
        assert private not in body


def test_the_note_about_an_unmet_need_is_shared_with_the_need(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    shared = {**REFLECTION, "shared_parts": ["unmet_needs"]}
    put(client, people.alex, f"/ruptures/{rupture.pk}/reflection", shared)
    [alex] = get(client, people.sam, f"/ruptures/{rupture.pk}/reflections").json()
    assert (alex["unmet_needs"], alex["unmet_note"]) == (["fairness"], "Sharing the load")
    assert (alex["reality"], alex["feelings"]) == (None, None)


def test_a_reflection_with_nothing_shared_is_not_listed_for_others(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    put(
        client,
        people.alex,
        f"/ruptures/{rupture.pk}/reflection",
        {**REFLECTION, "shared_parts": []},
    )
    response = get(client, people.sam, f"/ruptures/{rupture.pk}/reflections")
    assert response.json() == []
    assert [
        r["mine"] for r in get(client, people.alex, f"/ruptures/{rupture.pk}/reflections").json()
    ] == [True]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"shared_parts": ["unmet_note"]}, "shared_parts"),
        ({"shared_parts": ["everything"]}, "shared_parts"),
        ({"feelings": ["grumpy-ish"]}, "unknown feelings: grumpy-ish"),
        ({"unmet_needs": ["hurt"]}, "unknown needs: hurt"),
        ({"reality": "x" * 5001}, "at most 5000 characters"),
    ],
)
def test_an_impossible_reflection_is_refused(
    client: Client, people: Personas, rupture: Rupture, change: dict[str, Any], message: str
) -> None:
    response = put(client, people.alex, f"/ruptures/{rupture.pk}/reflection", change)
    assert response.status_code == 422
    assert message in messages(response)
    assert not Reflection.objects.exists()


# The conversation


def test_taking_my_turn_moves_the_conversation_on(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    response = post(
        client, people.sam, f"/ruptures/{rupture.pk}/steps/feelings", {"feelings": ["hurt"]}
    )
    assert response.status_code == 201
    turn = Turn.objects.get()
    assert response.json() == {
        "id": turn.pk,
        "rupture_id": rupture.pk,
        "author": {"id": people.sam.pk, "name": "Sam"},
        "step": "feelings",
        "feelings": ["hurt"],
        "text": "",
        "reflect": "",
        "validation": "",
        "what_i_did": "",
        "impact": "",
        "next_time": "",
        "accepted": None,
        "created_at": "2026-03-04T10:30:00Z",
    }
    detail = get(client, people.alex, f"/ruptures/{rupture.pk}").json()
    assert detail["conversation"]["waiting_for"] == [people.alex.pk]
    assert [t["id"] for t in detail["turns"]] == [turn.pk]


@pytest.mark.parametrize(
    ("step", "payload", "message"),
    [
        ("realities", {"text": "Too soon"}, "That step isn't open right now."),
        ("feelings", {"text": "A story"}, "Pick at least one feeling"),
    ],
)
def test_a_turn_the_actions_refuse_is_a_conflict_with_their_words(
    client: Client,
    people: Personas,
    rupture: Rupture,
    step: str,
    payload: dict[str, Any],
    message: str,
) -> None:
    response = post(client, people.alex, f"/ruptures/{rupture.pk}/steps/{step}", payload)
    assert response.status_code == 409
    assert response.json()["detail"].startswith(message)
    assert not Turn.objects.exists()


def test_a_second_turn_in_the_same_step_is_a_conflict(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    url = f"/ruptures/{rupture.pk}/steps/feelings"
    assert post(client, people.alex, url, {"feelings": ["hurt"]}).status_code == 201
    response = post(client, people.alex, url, {"feelings": ["anxious"]})
    assert response.status_code == 409
    assert response.json() == {"detail": "You've already taken your turn in this step."}
    assert Turn.objects.get().feelings == ["hurt"]


def test_in_turns_speaking_out_of_order_is_a_conflict(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    Agreement.objects.create(circle=people.partners, style="turns")
    url = f"/ruptures/{rupture.pk}/steps/feelings"
    response = post(client, people.sam, url, {"feelings": ["hurt"]})
    assert response.status_code == 409
    assert response.json()["detail"].startswith("It's someone else's turn first.")


def test_answering_a_reality_means_reflecting_it_back_first(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    converse(client, people, rupture, until=steps.REALITIES)
    url = f"/ruptures/{rupture.pk}/steps/realities"
    assert post(client, people.alex, url, {"text": "My side"}).status_code == 201
    response = post(client, people.sam, url, {"text": "My side too"})
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Before you answer, say back what you heard")
    answer = {"text": "Mine", "reflect": "You felt alone", "validation": "That makes sense"}
    assert post(client, people.sam, url, answer).status_code == 201


def test_a_responsibility_turn_composes_the_apology(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    converse(client, people, rupture, until=steps.RESPONSIBILITY)
    body = post(
        client, people.alex, f"/ruptures/{rupture.pk}/steps/responsibility", TURNS["responsibility"]
    ).json()
    assert (
        body["text"] == "I'm sorry that I snapped. I can see it hurt you. Next time I will pause."
    )


@pytest.mark.parametrize(
    ("step", "payload", "message"),
    [
        ("mending", {"text": "Hi"}, "feelings"),
        ("feelings", {"feelings": ["hangry"]}, "unknown feelings: hangry"),
        ("feelings", {"text": "x" * 5001}, "at most 5000 characters"),
        ("acceptance", {"accepted": "maybe"}, "accepted"),
    ],
)
def test_a_malformed_turn_is_refused(
    client: Client,
    people: Personas,
    rupture: Rupture,
    step: str,
    payload: dict[str, Any],
    message: str,
) -> None:
    response = post(client, people.alex, f"/ruptures/{rupture.pk}/steps/{step}", payload)
    assert response.status_code == 422
    assert message in messages(response)
    assert not Turn.objects.exists()


# Apologies


def test_the_pitfall_check_points_into_the_text_as_sent(client: Client, people: Personas) -> None:
    text = "  I'm sorry if you were upset, but you always do this."
    response = post(client, people.olive, "/apology/check", {"text": text})
    assert response.status_code == 200
    pitfalls = response.json()["pitfalls"]
    assert [(p["kind"], text[p["start"] : p["end"]]) for p in pitfalls] == [
        ("apology_pitfall", "I'm sorry if"),
        ("blame", "you always"),
    ]
    assert all(p["message"] and p["suggestion"] for p in pitfalls)


def test_a_clean_apology_has_no_pitfalls(client: Client, people: Personas) -> None:
    response = post(client, people.alex, "/apology/check", {"text": "I'm sorry I snapped."})
    assert response.json() == {"pitfalls": []}


@pytest.mark.parametrize("payload", [{}, {"text": ""}, {"text": "   "}, {"text": "x" * 5001}])
def test_checking_nothing_is_refused(
    client: Client, people: Personas, payload: dict[str, Any]
) -> None:
    assert post(client, people.alex, "/apology/check", payload).status_code == 422


def test_composing_an_apology_checks_it_too(client: Client, people: Personas) -> None:
    payload = {"what_i_did": "Only meant to help", "impact": "", "next_time": "Ask first"}
    response = post(client, people.alex, "/apology/compose", payload)
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == "I'm sorry that I only meant to help. Next time I will ask first."
    assert [(p["kind"], body["text"][p["start"] : p["end"]]) for p in body["pitfalls"]] == [
        ("apology_pitfall", "I only meant")
    ]


def test_composing_nothing_is_refused(client: Client, people: Personas) -> None:
    response = post(client, people.alex, "/apology/compose", {"what_i_did": "  "})
    assert response.status_code == 422
    assert "write at least one part" in messages(response)


# The plan


def test_the_plan_keeps_takeaways_and_updates_our_agreement(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    payload = {
        "takeaways": "  We pause before the kitchen gets loud  ",
        "phrases": ["Kitchen break", "Back in ten"],
        "cool_off_min": 10,
        "cool_off_max": 90,
    }
    response = put(client, people.sam, f"/ruptures/{rupture.pk}/plan", payload)
    assert response.status_code == 200
    body = response.json()
    assert body["takeaways"] == "We pause before the kitchen gets loud"
    assert body["agreement"]["phrases"] == ["Kitchen break", "Back in ten"]
    assert (body["agreement"]["cool_off_min"], body["agreement"]["cool_off_max"]) == (10, 90)
    rupture.refresh_from_db()
    assert rupture.takeaways == "We pause before the kitchen gets loud"
    # The next pause uses the new words and times.
    pause = actions.start_pause(people.alex, people.partners)
    assert (pause.phrase, pause.min_until) == (
        "Kitchen break",
        CURRENT_TIME + timedelta(minutes=10),
    )


def test_a_plan_changes_only_what_it_names(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    put(client, people.sam, f"/ruptures/{rupture.pk}/plan", {"takeaways": "First"})
    body = put(client, people.sam, f"/ruptures/{rupture.pk}/plan", {"cool_off_max": 600}).json()
    assert body["takeaways"] == "First"
    assert (body["agreement"]["cool_off_min"], body["agreement"]["cool_off_max"]) == (20, 600)


def test_a_cool_off_that_crosses_our_agreement_is_a_conflict_and_changes_nothing(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    payload = {"takeaways": "Not kept", "cool_off_min": 24 * 60}
    response = put(client, people.alex, f"/ruptures/{rupture.pk}/plan", payload)
    assert response.status_code == 409
    assert response.json() == {
        "detail": "The shortest cool-off needs to be shorter than the longest."
    }
    rupture.refresh_from_db()
    assert rupture.takeaways == ""
    assert Agreement.for_circle(people.partners).cool_off_min == 20


@pytest.mark.parametrize(
    "payload",
    [
        {"cool_off_min": 60, "cool_off_max": 30},
        {"cool_off_min": 1},
        {"phrases": []},
        {"takeaways": "x" * 5001},
    ],
)
def test_an_impossible_plan_is_refused(
    client: Client, people: Personas, rupture: Rupture, payload: dict[str, Any]
) -> None:
    response = put(client, people.alex, f"/ruptures/{rupture.pk}/plan", payload)
    assert response.status_code == 422


# Commitments and follow-ups


def test_i_commit_to_something_and_we_both_see_it(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    payload = {"text": "  Do the dishes before bed  ", "follow_up_on": "2026-03-11"}
    response = post(client, people.alex, f"/ruptures/{rupture.pk}/commitments", payload)
    assert response.status_code == 201
    commitment = Commitment.objects.get()
    expected = {
        "id": commitment.pk,
        "rupture_id": rupture.pk,
        "author": {"id": people.alex.pk, "name": "Alex"},
        "text": "Do the dishes before bed",
        "follow_up_on": "2026-03-11",
        "created_at": "2026-03-04T10:30:00Z",
        "follow_ups": [],
    }
    assert response.json() == expected
    assert get(client, people.sam, f"/ruptures/{rupture.pk}/commitments").json() == [expected]


def test_a_commitment_needs_a_day_after_today(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    payload = {"text": "Soon", "follow_up_on": TODAY.isoformat()}
    response = post(client, people.alex, f"/ruptures/{rupture.pk}/commitments", payload)
    assert response.status_code == 409
    assert response.json() == {"detail": "Pick a day after today to check back on it."}
    assert not Commitment.objects.exists()


def test_after_today_means_after_my_today(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    # At 10:30 UTC it is already half past midnight tomorrow on Kiritimati (UTC+14).
    people.alex.time_zone = "Pacific/Kiritimati"
    people.alex.save()
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    payload = {"text": "Soon", "follow_up_on": tomorrow}
    response = post(client, people.alex, f"/ruptures/{rupture.pk}/commitments", payload)
    assert response.status_code == 409
    assert (
        post(client, people.sam, f"/ruptures/{rupture.pk}/commitments", payload).status_code == 201
    )


@pytest.mark.parametrize(
    "payload",
    [
        {"text": "   ", "follow_up_on": "2026-03-11"},
        {"text": "x" * 501, "follow_up_on": "2026-03-11"},
        {"text": "Soon"},
        {"text": "Soon", "follow_up_on": "next week"},
    ],
)
def test_an_impossible_commitment_is_refused(
    client: Client, people: Personas, rupture: Rupture, payload: dict[str, Any]
) -> None:
    response = post(client, people.alex, f"/ruptures/{rupture.pk}/commitments", payload)
    assert response.status_code == 422
    assert not Commitment.objects.exists()


@pytest.fixture
def commitment(people: Personas, rupture: Rupture) -> Commitment:
    return actions.add_commitment(people.alex, rupture, "Dishes before bed", date(2026, 3, 11))


def test_following_up_before_the_day_is_a_conflict(
    client: Client, people: Personas, commitment: Commitment
) -> None:
    response = post(
        client, people.sam, f"/commitments/{commitment.pk}/follow-ups", {"answer": "no"}
    )
    assert response.status_code == 409
    assert response.json() == {"detail": "It's not time to check on this yet."}
    assert not FollowUp.objects.exists()


def test_on_the_day_each_of_us_says_whether_it_happened(
    client: Client, people: Personas, rupture: Rupture, commitment: Commitment
) -> None:
    url = f"/commitments/{commitment.pk}/follow-ups"
    with time_machine.travel(CURRENT_TIME + timedelta(days=7), tick=False):
        first = post(client, people.sam, url, {"answer": "partly", "note": "  Most nights  "})
        changed = post(client, people.sam, url, {"answer": "yes"})
        alex = post(client, people.alex, url, {"answer": "yes", "note": "Proud of this"})
    assert (first.status_code, changed.status_code, alex.status_code) == (201, 200, 201)
    assert first.json()["note"] == "Most nights"
    assert changed.json()["id"] == first.json()["id"]
    assert (changed.json()["answer"], changed.json()["note"]) == ("yes", "")
    [listed] = get(client, people.alex, f"/ruptures/{rupture.pk}/commitments").json()
    assert [(f["author"]["name"], f["answer"]) for f in listed["follow_ups"]] == [
        ("Sam", "yes"),
        ("Alex", "yes"),
    ]


@pytest.mark.parametrize(
    "payload", [{}, {"answer": "sort of"}, {"answer": "yes", "note": "x" * 2001}]
)
def test_an_impossible_follow_up_is_refused(
    client: Client, people: Personas, commitment: Commitment, payload: dict[str, Any]
) -> None:
    with time_machine.travel(CURRENT_TIME + timedelta(days=7), tick=False):
        response = post(client, people.sam, f"/commitments/{commitment.pk}/follow-ups", payload)
    assert response.status_code == 422
    assert not FollowUp.objects.exists()


# Closure


def test_closing_before_the_conversation_is_done_is_a_conflict(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    payload = {"trust_reestablished": True}
    response = post(client, people.alex, f"/ruptures/{rupture.pk}/closure", payload)
    assert response.status_code == 409
    assert response.json() == {"detail": "Closing comes after the conversation and the plan."}
    assert not Closure.objects.exists()


def test_the_rupture_closes_when_everyone_says_trust_is_back(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    converse(client, people, rupture)
    url = f"/ruptures/{rupture.pk}/closure"
    with time_machine.travel(CURRENT_TIME + timedelta(hours=2), tick=False):
        not_yet = post(client, people.sam, url, {"trust_reestablished": False, "note": "Soon"})
        assert not_yet.status_code == 200
        assert not_yet.json()["status"] == "open"
        assert post(client, people.alex, url, {"trust_reestablished": True}).status_code == 200
        done = post(client, people.sam, url, {"trust_reestablished": True}).json()
    assert (done["status"], done["closed_at"]) == ("closed", "2026-03-04T12:30:00Z")
    assert done["time_to_repair"] == 2 * 60 * 60
    assert done["conversation"]["finished"] is True
    assert done["conversation"]["done_steps"] == list(steps.STEPS)
    assert sorted((c["author"]["name"], c["trust_reestablished"]) for c in done["closures"]) == [
        ("Alex", True),
        ("Sam", True),
    ]
    assert len(done["turns"]) == 2 * len(steps.STEPS)


def test_a_closed_rupture_is_kept_as_it_was(
    client: Client, people: Personas, rupture: Rupture
) -> None:
    converse(client, people, rupture)
    for person in (people.alex, people.sam):
        post(client, person, f"/ruptures/{rupture.pk}/closure", {"trust_reestablished": True})
    closed = "This repair is closed; its summary is kept as it was."
    for method, path, payload in [
        ("put", "reflection", {"reality": "Later thoughts"}),
        ("put", "plan", {"takeaways": "Later"}),
        ("post", "commitments", {"text": "Later", "follow_up_on": "2026-03-11"}),
        ("post", "closure", {"trust_reestablished": False}),
        ("post", "steps/plan", {"text": "Again"}),
    ]:
        response = call(client, method, people.alex, f"/ruptures/{rupture.pk}/{path}", payload)
        assert response.status_code == 409, path
        assert response.json() == {"detail": closed}, path
    assert not Reflection.objects.exists()
    assert not Commitment.objects.exists()
    assert Rupture.objects.get().is_closed


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", "/ruptures/{}"),
        ("post", "/ruptures/{}/reflections"),
        ("delete", "/ruptures/{}/reflection"),
        ("get", "/ruptures/{}/steps/feelings"),
        ("get", "/ruptures/{}/closure"),
        ("delete", "/pauses/{}"),
    ],
)
def test_the_wrong_method_is_not_allowed(
    client: Client, people: Personas, rupture: Rupture, method: str, path: str
) -> None:
    response = call(client, method, people.alex, path.format(rupture.pk))
    assert response.status_code == 405
