"""The round trip: export Alex, bring the file into an empty instance, export again — the same
data, item for item (database ids, `exported_at`, informational context and other members'
names aside). What can't come back without the other people is exactly what the preview said,
and bringing the same file in again adds nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle
from hearthside.data import export, importer, sources
from hearthside.data.compare import comparable, restricted
from hearthside.data.tests.conftest import World

pytestmark = pytest.mark.django_db

# What can't come back on a server where Sam and Robin don't exist, and why.
NEEDS_OTHERS = "it answers something someone else wrote, which isn't in your file"
FOR_SOMEONE = "it was for someone who isn't in that circle here"
BELONGS = "it belongs to something someone else wrote, which isn't in your file"
KEPT = "kept in the file for your records; not brought back"
LEFT_OUT_IN_AN_EMPTY_INSTANCE = {
    "replies": {NEEDS_OTHERS: 2},
    "reflections": {NEEDS_OTHERS: 1},
    "follow_ups": {NEEDS_OTHERS: 1},
    "repair_drafts": {BELONGS: 1},
    "appreciations": {FOR_SOMEONE: 1},
    "favourites": {BELONGS: 1},
    "calendar_feeds": {"its secret address can't be carried over; make a new one in Settings": 1},
    "notifications": {KEPT: 1},
    "requests": {FOR_SOMEONE: 1},
    "request_answers": {NEEDS_OTHERS: 1},
    "acknowledgements": {NEEDS_OTHERS: 1},
    "honesty_moments": {BELONGS: 1},
    "offers": {NEEDS_OTHERS: 1},
    "knock_answers": {NEEDS_OTHERS: 1},
    "api_tokens": {"tokens are secrets; make new ones in Settings": 1},
    "summary_requests": {KEPT: 1},
    "summary_consents": {KEPT: 1},
}


def _empty_the_instance() -> None:
    """Everyone and every circle goes, and with them every row of every Hearthside table."""
    Person.objects.all().delete()
    Circle.objects.all().delete()
    left = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"contenttypes", "auth", "sessions", "admin"}
    }
    assert {label: n for label, n in left.items() if n} == {}


def _bring_in(raw: bytes) -> tuple[Any, importer.Report]:
    document = sources.read("hearthside", raw, time_zone="UTC")
    email = document.person["email"]  # type: ignore[index]
    person = Person.objects.filter(email=email).first() or importer.make_person(email, document)
    return person, importer.run(person, document, commit=True)


def test_export_import_into_an_empty_instance_and_export_again_gives_the_same_data(
    world: World,
) -> None:
    before = export.build(world.people.alex)
    raw = export.to_json(before)
    _empty_the_instance()

    alex, report = _bring_in(raw)
    after = export.build(alex)

    assert comparable(after) == comparable(restricted(before, report.brought))
    # Not a vacuous comparison: nearly everything came back, with the same person and circles.
    assert after["person"] == before["person"]
    assert comparable(after)["circles"] == comparable(before)["circles"]
    assert sum(len(items) for items in after["entries"].values()) == report.new
    assert report.new >= 35


def test_what_cannot_come_back_without_the_others_is_exactly_what_the_preview_says(
    world: World,
) -> None:
    raw = export.to_json(export.build(world.people.alex))
    _empty_the_instance()

    _alex, report = _bring_in(raw)

    left_out = {k.kind.key: k.left_out for k in report.kinds if k.left_out}
    assert left_out == LEFT_OUT_IN_AN_EMPTY_INSTANCE
    assert report.problems == []


def test_bringing_the_same_file_in_twice_adds_nothing_the_second_time(world: World) -> None:
    raw = export.to_json(export.build(world.people.alex))
    _empty_the_instance()
    _alex, first = _bring_in(raw)
    rows_after_first = _row_counts()

    _alex, second = _bring_in(raw)

    assert second.new == 0
    assert second.already == first.new
    assert _row_counts() == rows_after_first


def test_bringing_in_an_export_of_the_new_account_itself_adds_nothing(world: World) -> None:
    raw = export.to_json(export.build(world.people.alex))
    _empty_the_instance()
    alex, _first = _bring_in(raw)
    rows = _row_counts()

    report = importer.run(
        alex,
        sources.read("hearthside", export.to_json(export.build(alex)), time_zone="UTC"),
        commit=True,
    )

    assert report.new == 0
    assert _row_counts() == rows


def test_an_item_edited_after_it_was_brought_in_is_not_brought_in_again(world: World) -> None:
    from hearthside.practice.models import CheckIn

    raw = export.to_json(export.build(world.people.alex))
    _empty_the_instance()
    alex, _first = _bring_in(raw)
    CheckIn.objects.filter(author=alex).update(note="Rewritten since")

    _alex, again = _bring_in(raw)

    assert again.new == 0
    assert CheckIn.objects.filter(author=alex).count() == 1


def test_on_the_same_server_an_old_export_brings_back_only_what_was_deleted(
    world: World,
) -> None:
    from hearthside.practice.models import CheckIn, Reply

    alex = world.people.alex
    raw = export.to_json(export.build(alex))
    world.alex["checkin"].delete()  # takes Alex's honesty moment on it too
    rows = _row_counts()

    report = importer.run(alex, sources.read("hearthside", raw, time_zone="UTC"), commit=True)

    assert {k.kind.key: k.new for k in report.kinds if k.new} == {
        "checkins": 1,
        "honesty_moments": 1,
    }
    restored = CheckIn.objects.get(author=alex)
    assert restored.note == "Alex private note: I can't sleep"
    # The share that pointed at it can't be re-linked: it stays as it is (already here).
    assert report.kind("shares").already == 2
    # Replies to Sam's and Robin's shares are recognised as already here, not left out.
    assert report.kind("replies").already == 2
    assert Reply.objects.filter(author=alex).count() == 2
    assert sum(rows.values()) + 2 == sum(_row_counts().values())


def test_the_round_trip_keeps_links_between_items(world: World) -> None:
    from hearthside.boundaries.models import Boundary
    from hearthside.repair.models import Draft, Rupture
    from hearthside.stress.models import Task

    raw = export.to_json(export.build(world.people.alex))
    _empty_the_instance()
    alex, _report = _bring_in(raw)

    boundary = Boundary.objects.get(author=alex)
    assert boundary.current is not None
    assert boundary.current.need == "Alex needs: quiet till 9"
    later = Rupture.objects.get(author=alex, title="Alex again: the dishes, round two")
    assert later.linked_to is not None
    assert later.linked_to.title == "Alex names it: the dishes"
    assert Draft.objects.get(author=alex).key == f"rupture:{later.pk}:plan"
    copied = Task.objects.get(week="2026-03-02")
    assert copied.copied_from is not None
    assert copied.carrier == alex


def test_a_new_account_bringing_in_someone_elses_file_shares_nothing_with_anyone(
    world: World,
) -> None:
    """Olive brings in Alex's export: Alex's circle comes back as Olive's own, with only Olive
    in it, so Sam sees none of it."""
    from hearthside.circles import visibility
    from hearthside.practice.models import Share

    people = world.people
    raw = export.to_json(export.build(people.alex))
    report = importer.run(
        people.olive, sources.read("hearthside", raw, time_zone="UTC"), commit=True
    )

    assert {c.name: (c.new, c.others) for c in report.circles} == {
        "Alex & Sam": (True, []),
        "Climbing friends": (True, []),
    }
    olives = Share.objects.filter(author=people.olive)
    assert olives.count() == 2
    assert not visibility.visible_entries(olives, people.sam).exists()
    assert not visibility.visible_entries(olives, people.alex).exists()


def test_the_export_is_valid_json_that_reads_back_as_it_was_written(world: World) -> None:
    document = export.build(world.people.alex)
    assert json.loads(export.to_json(document)) == document


def _row_counts() -> dict[str, int]:
    """Rows of every Hearthside table but the import's own bookkeeping."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("hearthside.") and model._meta.app_label != "data"
    }
