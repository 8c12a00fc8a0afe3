"""Bringing a file in: all of it or nothing, never twice, checked like the app checks what
people type, and honest in its preview about circles and the people in them."""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

import pytest

from hearthside.data import export, importer, sources
from hearthside.data.models import ImportedItem
from hearthside.data.tests.conftest import FIXTURES, World
from hearthside.practice.models import CheckIn, Share

pytestmark = pytest.mark.django_db


def _daylio(rows: int) -> bytes:
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    lines += [
        f"2024-01-{1 + n % 28:02d},x,x,{n % 24:02d}:{n % 60:02d},good,,,Row {n}"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def _doc(source: str, raw: bytes) -> sources.Document:
    return sources.read(source, raw, time_zone="Europe/London")


def test_an_error_on_row_50_leaves_zero_rows(people: Any) -> None:
    raw = _daylio(60)
    real_save = CheckIn.save
    calls = {"n": 0}

    def save(self: CheckIn, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 50:
            raise RuntimeError("the disk is full")
        real_save(self, *args, **kwargs)

    with mock.patch.object(CheckIn, "save", save), pytest.raises(importer.ImportFailed) as caught:
        importer.run(people.alex, _doc("daylio", raw), commit=True)

    assert calls["n"] == 50
    assert CheckIn.objects.count() == 0
    assert ImportedItem.objects.count() == 0
    assert "nothing was brought in" in str(caught.value)
    assert "the disk is full" not in str(caught.value)


def test_the_same_rows_go_in_whole_when_nothing_fails(people: Any) -> None:
    report = importer.run(people.alex, _doc("daylio", _daylio(60)), commit=True)
    assert report.new == 60
    assert CheckIn.objects.filter(author=people.alex).count() == 60


def test_a_preview_changes_nothing(world: World) -> None:
    raw = export.to_json(export.build(world.people.alex))
    before = CheckIn.objects.count(), Share.objects.count(), ImportedItem.objects.count()

    report = importer.run(world.people.olive, _doc("hearthside", raw), commit=False)

    assert report.new > 30
    assert not report.committed
    assert (CheckIn.objects.count(), Share.objects.count(), ImportedItem.objects.count()) == before


@pytest.mark.parametrize(
    ("source", "name", "count"), [("jrnl", "jrnl.json", 4), ("daylio", "daylio.csv", 5)]
)
def test_importing_the_same_journal_twice_adds_nothing_the_second_time(
    people: Any, source: str, name: str, count: int
) -> None:
    raw = (FIXTURES / name).read_bytes()
    first = importer.run(people.alex, _doc(source, raw), commit=True)
    second = importer.run(people.alex, _doc(source, raw), commit=True)

    assert (first.new, second.new, second.already) == (count, 0, count)
    assert CheckIn.objects.filter(author=people.alex).count() == count


def test_two_jrnl_entries_at_the_same_minute_both_come_in(people: Any) -> None:
    entries = [
        {"title": "Morning one.", "body": "", "date": "2024-01-01", "time": "09:00"},
        {"title": "Morning two.", "body": "", "date": "2024-01-01", "time": "09:00"},
    ]
    raw = json.dumps({"tags": {}, "entries": entries}).encode()
    assert importer.run(people.alex, _doc("jrnl", raw), commit=True).new == 2


def test_items_that_dont_fit_are_named_and_left_out_and_the_rest_come_in(people: Any) -> None:
    base = {"circle": None, "withdrawn_at": None, "created_at": "2026-01-01T10:00:00+00:00"}
    checkins = [
        {"id": 1, **base, "mood": 3, "note": "fine"},
        {"id": 2, **base, "mood": 9, "note": "mood off the scale"},
        {"id": 3, **base, "note": "x" * 10001},
        {"id": 4, **base, "created_at": "yesterday", "note": "when?"},
        {"id": 5, **base, "feelings": ["two words"], "note": "bad words"},
    ]
    shares = [{"id": 1, **base, "circle": 99, "text": "to a circle that isn't in the file"}]
    raw = json.dumps(
        {
            "format": "hearthside-export",
            "version": 1,
            "entries": {"checkins": checkins, "shares": shares, "future_things": []},
        }
    ).encode()

    report = importer.run(people.alex, _doc("hearthside", raw), commit=True)

    assert list(CheckIn.objects.values_list("note", flat=True)) == ["fine"]
    assert report.problems == [
        "check-in 2: mood: Value 9 is not a valid choice.",
        "check-in 3: note: it's 10001 characters long; the most is 10000",
    ]
    assert report.kind("checkins").left_out == {
        "its created at can't be read (not a date and time with its time zone)": 1,
        "its feelings can't be read (not a list of single words)": 1,
    }
    assert report.kind("shares").left_out == {"its circle isn't in the file": 1}
    assert report.unknown_kinds == ["future_things"]


def test_settings_from_the_file_are_used_only_when_asked(people: Any) -> None:
    person = {
        "display_name": "Alexandra",
        "time_zone": "Europe/Paris",
        "quiet_from": "22:00:00",
        "quiet_until": "07:00:00",
        "coach_enabled": False,
    }
    raw = json.dumps(
        {"format": "hearthside-export", "version": 1, "person": person, "entries": {}}
    ).encode()
    alex = people.alex

    importer.run(alex, _doc("hearthside", raw), apply_settings=False, commit=True)
    alex.refresh_from_db()
    assert (alex.display_name, alex.time_zone) == ("Alex", "Europe/London")

    report = importer.run(alex, _doc("hearthside", raw), apply_settings=True, commit=True)
    alex.refresh_from_db()
    assert (alex.display_name, alex.time_zone, alex.coach_enabled) == (
        "Alexandra",
        "Europe/Paris",
        False,
    )
    assert str(alex.quiet_from) == "22:00:00"
    assert report.settings == [
        "your name",
        "your time zone",
        "your quiet hours",
        "gentle wording notes",
    ]


def test_a_circle_the_person_is_in_is_used_and_the_preview_says_who_will_see(world: World) -> None:
    """Alex deleted a share by mistake and brings back yesterday's export: the share goes back
    to Alex & Sam, and the preview says Sam will see it again."""
    from hearthside.circles import visibility

    alex, sam = world.people.alex, world.people.sam
    raw = export.to_json(export.build(alex))
    world.alex["share"].delete()

    report = importer.run(alex, _doc("hearthside", raw), commit=True)

    assert {c.name: (c.new, c.others) for c in report.circles} == {
        "Alex & Sam": (False, ["Sam"]),
        "Climbing friends": (False, ["Robin"]),
    }
    back = Share.objects.get(author=alex, text="Alex shares: work is heavy")
    assert back.circle == world.people.partners
    assert visibility.visible_entries(Share.objects.filter(pk=back.pk), sam).exists()


def test_a_thank_you_comes_back_to_the_person_of_that_name_in_the_circle(world: World) -> None:
    from hearthside.practice.models import Appreciation

    alex = world.people.alex
    raw = export.to_json(export.build(alex))
    Appreciation.objects.filter(author=alex).delete()

    report = importer.run(alex, _doc("hearthside", raw), commit=True)

    assert report.kind("appreciations").new == 1
    assert Appreciation.objects.get(author=alex).recipient == world.people.sam


def test_a_pending_upload_older_than_an_hour_is_forgotten(people: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from hearthside.data.models import PendingImport

    old = PendingImport.objects.create(person=people.alex, source="jrnl", content=b"{}")
    PendingImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=2))
    fresh = PendingImport.objects.create(person=people.sam, source="jrnl", content=b"{}")

    assert PendingImport.forget_stale() == 1
    assert list(PendingImport.objects.all()) == [fresh]
