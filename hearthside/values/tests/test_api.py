"""The values API does what the pages do: intentions, a circle's values and goals, revisits and
their notes, honesty moments — with clear refusals for what can't be done."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from django.test import Client
from django.utils import timezone

from hearthside.api.tests.helpers import auth
from hearthside.values.models import CircleValue, Intention, Revisit
from hearthside.values.tests.conftest import (
    ALEX_PARTNERS_HOPE,
    ALEX_PRIVATE_NOTE,
    ALEX_SHARE,
    SAM_NOTE,
    World,
)

if TYPE_CHECKING:
    from conftest import Personas

API = "/api/v1/values"


class Api:
    def __init__(self, client: Client, person: Any) -> None:
        self.client, self.headers = client, auth(person)

    def get(self, path: str) -> Any:
        return self.client.get(API + path, **self.headers)

    def send(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        call = getattr(self.client, method)
        return call(API + path, json.dumps(body or {}), "application/json", **self.headers)


def test_the_hopes_are_listed_with_their_words(client: Client, people: Personas) -> None:
    hopes = Api(client, people.alex).get("/hopes").json()
    assert hopes[0] == {
        "slug": "closeness",
        "label": "Closeness",
        "hint": "Feeling nearer to each other",
    }
    assert len(hopes) == 12


def test_a_private_intention_stays_mine(client: Client, people: Personas) -> None:
    alex = Api(client, people.alex)
    created = alex.send("post", "/intentions", {"hopes": ["trust", "courage"], "text": " Mine "})
    assert created.status_code == 201
    body = created.json()
    assert (body["circle_id"], body["hopes"], body["text"]) == (None, ["trust", "courage"], "Mine")

    assert Api(client, people.sam).get("/intentions").json() == []
    assert [i["text"] for i in alex.get("/intentions?mine=true").json()] == ["Mine"]


def test_intentions_need_a_hope_or_words_and_only_known_hopes(
    client: Client, people: Personas
) -> None:
    alex = Api(client, people.alex)
    assert alex.send("post", "/intentions", {"text": "   "}).status_code == 422
    unknown = alex.send("post", "/intentions", {"hopes": ["fame"]})
    assert unknown.status_code == 422
    assert "unknown hopes: fame" in unknown.content.decode()
    assert not Intention.objects.exists()


def test_withdrawing_hides_it_from_the_circle(
    client: Client, people: Personas, world: World
) -> None:
    sam = Api(client, people.sam)
    assert ALEX_PARTNERS_HOPE in sam.get("/intentions").content.decode()

    withdrawn = Api(client, people.alex).send(
        "post", f"/intentions/{world.alex_partners.pk}/withdraw"
    )
    assert withdrawn.json()["withdrawn_at"] is not None
    assert ALEX_PARTNERS_HOPE not in sam.get("/intentions").content.decode()
    assert sam.get(f"/intentions/{world.alex_partners.pk}").status_code == 404


def test_goals_need_an_area_and_values_have_none(client: Client, people: Personas) -> None:
    alex = Api(client, people.alex)
    path = f"/circles/{people.partners.pk}/items"
    assert alex.send("post", path, {"kind": "goal", "text": "Van"}).status_code == 422
    assert alex.send("post", path, {"kind": "value", "area": "fun", "text": "x"}).status_code == 422
    goal = alex.send("post", path, {"kind": "goal", "area": "fun", "text": "Van"})
    assert goal.status_code == 201
    assert goal.json()["added_by"] == {"id": people.alex.pk, "name": "Alex"}


def test_new_words_keep_the_old_ones_as_history(
    client: Client, people: Personas, world: World
) -> None:
    sam = Api(client, people.sam)
    changed = sam.send("put", f"/items/{world.partners_goal.pk}", {"text": "A studio"}).json()
    assert changed["replaces_id"] == world.partners_goal.pk
    assert changed["area"] == "home"
    assert changed["added_in_id"] == world.revisit.pk

    current = sam.get(f"/circles/{people.partners.pk}/items").json()
    assert "A studio" in [i["text"] for i in current]
    everything = sam.get(f"/circles/{people.partners.pk}/items?include_retired=true").json()
    assert len(everything) == len(current) + 1

    again = sam.send("put", f"/items/{world.partners_goal.pk}", {"text": "Once more"})
    assert again.status_code == 409
    restored = sam.send("post", f"/items/{world.partners_goal.pk}/restore")
    assert restored.status_code == 409
    area = sam.send("put", f"/items/{world.partners_value.pk}", {"text": "x", "area": "fun"})
    assert area.status_code == 409


def test_letting_go_and_bringing_back(client: Client, people: Personas, world: World) -> None:
    sam = Api(client, people.sam)
    retired = sam.send("post", f"/items/{world.partners_value.pk}/retire").json()
    assert retired["retired_by"]["name"] == "Sam"
    back = sam.send("post", f"/items/{world.partners_value.pk}/restore").json()
    assert back["retired_at"] is None


def test_the_cadence(client: Client, people: Personas) -> None:
    sam = Api(client, people.sam)
    path = f"/circles/{people.partners.pk}/cadence"
    assert sam.send("put", path, {"every_months": 6}).json()["next_due_on"] == "2026-09-04"
    assert sam.send("put", path, {"every_months": 0}).json()["next_due_on"] is None
    assert sam.send("put", path, {"every_months": 2}).status_code == 422

    sam.send("put", path, {"every_months": 1, "next_due_on": "2026-03-04"})
    circles = {c["circle_id"]: c for c in sam.get("/circles").json()}
    assert circles[people.partners.pk]["due"] is True
    assert circles[people.partners.pk]["every_months"] == 1


def test_a_revisit_from_start_to_finish(client: Client, people: Personas) -> None:
    alex, sam = Api(client, people.alex), Api(client, people.sam)
    started = sam.send("post", f"/circles/{people.partners.pk}/revisits")
    assert started.status_code == 201
    revisit = started.json()["id"]
    assert sam.send("post", f"/circles/{people.partners.pk}/revisits").status_code == 409

    alex.send("put", f"/revisits/{revisit}/notes/2", {"text": "More walks"})
    alex.send("put", f"/revisits/{revisit}/notes/3", {"text": "Mine", "just_for_me": True})
    alex.send("post", f"/circles/{people.partners.pk}/items", {"kind": "value", "text": "Play"})

    seen = sam.get(f"/revisits/{revisit}").json()
    assert seen["prompts"][0] == "What still fits?"
    assert [(n["prompt"], n["text"]) for n in seen["notes"]] == [(2, "More walks")]
    assert [i["text"] for i in seen["changes"]["added"]] == ["Play"]

    finished = sam.send("post", f"/revisits/{revisit}/finish", {"takeaway": " Walks. "})
    assert finished.json()["takeaway"] == "Walks."
    assert finished.json()["finished_by"]["name"] == "Sam"
    assert sam.send("post", f"/revisits/{revisit}/finish").status_code == 409
    late = alex.send("put", f"/revisits/{revisit}/notes/0", {"text": "Late"})
    assert late.status_code == 409
    assert alex.send("delete", f"/revisits/{revisit}/notes/2").status_code == 409


def test_revisit_notes_follow_the_entry_rule(
    client: Client, people: Personas, world: World
) -> None:
    body = Api(client, people.sam).get(f"/revisits/{world.revisit.pk}").content.decode()
    assert SAM_NOTE in body
    assert ALEX_PRIVATE_NOTE not in body
    mine = Api(client, people.alex).get(f"/revisits/{world.revisit.pk}").json()
    private = [n for n in mine["notes"] if n["text"] == ALEX_PRIVATE_NOTE]
    assert private and private[0]["just_for_me"] is True


def test_honesty_moments_never_carry_the_shares_words(
    client: Client, people: Personas, world: World
) -> None:
    sam = Api(client, people.sam)
    (moment,) = sam.get("/honesty-moments").json()
    assert moment["share_id"] == world.share.pk
    assert moment["still_visible"] is True
    assert ALEX_SHARE not in sam.get("/honesty-moments").content.decode()

    world.share.withdrawn_at = timezone.now()
    world.share.save()
    (moment,) = sam.get("/honesty-moments").json()
    assert moment["still_visible"] is False


def test_marking_needs_exactly_one_thing(client: Client, people: Personas, world: World) -> None:
    alex = Api(client, people.alex)
    assert alex.send("post", "/honesty-moments", {}).status_code == 422
    both = {"share": world.share.pk, "checkin": world.checkin.pk}
    assert alex.send("post", "/honesty-moments", both).status_code == 422
    created = alex.send("post", "/honesty-moments", {"checkin": world.checkin.pk, "note": "Oh"})
    assert created.status_code == 201
    assert created.json()["note"] == "Oh"


def test_revisits_list_newest_first(client: Client, people: Personas, world: World) -> None:
    Revisit.objects.filter(pk=world.revisit.pk).update(finished_at=timezone.now())
    Api(client, people.sam).send("post", f"/circles/{people.partners.pk}/revisits")
    listed = Api(client, people.alex).get(f"/circles/{people.partners.pk}/revisits").json()
    assert len(listed) == 2
    assert listed[0]["finished_at"] is None


def test_due_and_next_day_come_from_the_cadence(
    client: Client, people: Personas, world: World
) -> None:
    world.settings.next_due_on = date(2026, 5, 1)
    world.settings.save()
    partners = next(
        c
        for c in Api(client, people.alex).get("/circles").json()
        if c["circle_id"] == people.partners.pk
    )
    assert partners["next_due_on"] == "2026-05-01"
    assert partners["due"] is False
    assert partners["open_revisit_id"] == world.revisit.pk
    assert CircleValue.objects.filter(circle=people.partners).count() == len(
        partners["values"] + partners["goals"]
    )
