"""Reading the files people bring: jrnl and Daylio journals become private check-ins in the
person's own time zone; files that can't be read say why, kindly, and lose nothing."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest

from hearthside.data import export, importer, sources
from hearthside.data.sources import ImportProblem
from hearthside.data.tests.conftest import FIXTURES
from hearthside.practice.models import CheckIn

LONDON = "Europe/London"


def _read(source: str, raw: bytes, zone: str = LONDON) -> sources.Document:
    return sources.read(source, raw, time_zone=zone)


def _problem(source: str, raw: bytes) -> str:
    with pytest.raises(ImportProblem) as caught:
        _read(source, raw)
    return str(caught.value)


# --- jrnl -------------------------------------------------------------------------------------


def test_a_jrnl_export_becomes_check_ins_with_its_words_tags_and_stars() -> None:
    doc = _read("jrnl", (FIXTURES / "jrnl.json").read_bytes())

    items = doc.entries["checkins"]
    assert len(items) == 4
    first, walk, night, spring = items
    assert first["note"] == (
        "Long day at @work.\nThe release slipped again. I kept it to myself and went quiet at "
        "dinner."
    )
    assert first["situation"] == "Tags: @work"
    assert walk["note"] == "Walked by the river with @sam."
    assert walk["situation"] == "Tags: @sam · Starred in jrnl"
    assert night["note"].endswith("Wrote it down and felt lighter.")
    assert spring["circle"] is None
    assert doc.problems == ["entry 4 has no date"]


def test_jrnl_times_are_read_in_the_persons_own_time_zone() -> None:
    items = _read("jrnl", (FIXTURES / "jrnl.json").read_bytes(), "America/New_York")
    first = datetime.fromisoformat(items.entries["checkins"][0]["created_at"])
    # 09:15 in New York in January is 14:15 UTC.
    assert first.astimezone(UTC) == datetime(2024, 1, 2, 14, 15, tzinfo=UTC)
    spring = datetime.fromisoformat(items.entries["checkins"][3]["created_at"])
    # By 30 March New York keeps summer time: 14:00 there is 18:00 UTC.
    assert spring.astimezone(UTC) == datetime(2024, 3, 30, 18, 0, tzinfo=UTC)


def test_a_single_jrnl_entry_file_is_read_too() -> None:
    one = {"title": "Just one.", "body": "", "date": "2024-05-01", "time": "08:00", "tags": []}
    doc = _read("jrnl", json.dumps(one).encode())
    assert [i["note"] for i in doc.entries["checkins"]] == ["Just one."]


def test_jrnl_entries_with_bad_dates_or_no_words_are_named_and_left_out() -> None:
    entries = [
        {"title": "Fine.", "body": "", "date": "2024-01-01", "time": "10:00"},
        {"title": "Bad day.", "body": "", "date": "2024-13-40", "time": "10:00"},
        {"title": "Bad time.", "body": "", "date": "2024-01-03", "time": "25:99"},
        {"title": "", "body": "", "date": "2024-01-04", "time": "10:00"},
        "not an entry",
    ]
    doc = _read("jrnl", json.dumps({"tags": {}, "entries": entries}).encode())

    assert len(doc.entries["checkins"]) == 1
    assert doc.problems == [
        "entry 2 has a date we can't read (“2024-13-40”; we expect 2024-01-31)",
        "entry 3 has a time we can't read (“25:99”)",
        "entry 4 has no words in it",
        "entry 5 can't be read",
    ]


# --- Daylio -----------------------------------------------------------------------------------


def test_a_daylio_export_becomes_check_ins_with_moods_activities_and_notes() -> None:
    doc = _read("daylio", (FIXTURES / "daylio.csv").read_bytes())

    items = doc.entries["checkins"]
    assert [i["mood"] for i in items] == [5, 3, 1, None, 4]
    best = items[0]
    assert (
        best["note"] == "Best day in ages\nWe all went to the coast.\nFish and chips on the wall."
    )
    assert best["situation"] == "Activities: family, walk, sunshine"
    assert datetime.fromisoformat(best["created_at"]) == datetime(
        2024, 3, 30, 21, 10, tzinfo=UTC
    )  # London is still on GMT until the 31st
    assert items[2]["note"] == "Rough\nWoke at 4 & never got back to sleep."
    assert items[3]["situation"] == "Mood in Daylio: cheerful · Activities: friends, climbing"
    assert doc.problems == [
        "line 6 has a date we can't read (“2024-02-30”; we expect 2024-01-31)",
        "line 7 has no time",
    ]
    assert doc.notes == [
        "“cheerful” isn't one of Daylio's usual moods, so 1 check-in keeps it as words "
        "instead of a place on the mood scale."
    ]


@pytest.mark.django_db
def test_the_preview_tells_how_many_check_ins_from_when_to_when_and_what_could_not_be_read(
    people: object,
) -> None:
    from hearthside.data.views import headline

    alex = people.alex  # type: ignore[attr-defined]
    doc = _read("daylio", (FIXTURES / "daylio.csv").read_bytes())

    report = importer.run(alex, doc, commit=False)

    assert headline(report) == "5 check-ins from 2 January 2024 to 30 March 2024"
    assert len(report.problems) == 2
    assert CheckIn.objects.filter(author=alex).count() == 0


@pytest.mark.django_db
def test_jrnl_and_daylio_check_ins_are_private_to_their_author(people: object) -> None:
    from hearthside.circles import visibility

    alex = people.alex  # type: ignore[attr-defined]
    for source, name in (("jrnl", "jrnl.json"), ("daylio", "daylio.csv")):
        importer.run(alex, _read(source, (FIXTURES / name).read_bytes()), commit=True)

    mine = CheckIn.objects.filter(author=alex)
    assert mine.count() == 9
    assert not mine.exclude(circle=None).exists()
    for other in ("sam", "robin", "olive"):
        assert not visibility.visible_entries(mine, getattr(people, other)).exists()


# --- Files that can't be read -----------------------------------------------------------------


def test_an_empty_file_says_so() -> None:
    assert _problem("hearthside", b"") == "That file is empty. Choose the file your export made."


def test_a_file_over_20_mb_is_refused_with_its_size() -> None:
    message = _problem("jrnl", b" " * (sources.MAX_UPLOAD + 1))
    assert message.startswith("That file is 20.0\xa0MB; the most we take at once is 20.0\xa0MB.")


def test_a_file_that_isnt_utf_8_is_refused_kindly() -> None:
    message = _problem("daylio", "full_date,time,mood\n2024-01-01,10:00,bön\n".encode("utf-16"))
    assert "isn't saved as UTF-8 text" in message


def test_a_daylio_csv_chosen_as_hearthside_points_to_daylio() -> None:
    message = _problem("hearthside", (FIXTURES / "daylio.csv").read_bytes())
    assert "isn't JSON" in message
    assert "choose Daylio above" in message


def test_a_jrnl_file_chosen_as_hearthside_points_to_jrnl() -> None:
    message = _problem("hearthside", (FIXTURES / "jrnl.json").read_bytes())
    assert "isn't a Hearthside export" in message
    assert "choose jrnl above" in message


def test_a_hearthside_export_chosen_as_jrnl_points_to_hearthside() -> None:
    raw = json.dumps({"format": "hearthside-export", "version": 1, "entries": {}}).encode()
    assert "choose Hearthside above" in _problem("jrnl", raw)


def test_a_json_file_chosen_as_daylio_is_refused() -> None:
    assert "not Daylio's CSV" in _problem("daylio", (FIXTURES / "jrnl.json").read_bytes())


def test_a_csv_without_daylios_columns_names_the_columns_it_needs() -> None:
    message = _problem("daylio", b"when,how\n2024-01-01,fine\n")
    assert "full_date,date,weekday,time,mood,activities,note_title,note" in message


def test_an_export_from_a_newer_hearthside_asks_to_update_first() -> None:
    raw = json.dumps({"format": "hearthside-export", "version": 2, "entries": {}}).encode()
    assert "newer Hearthside (format version 2)" in _problem("hearthside", raw)


def test_broken_json_says_where_the_trouble_starts() -> None:
    message = _problem("hearthside", b'{\n"format": "hearthside-export",\n"version": 1,,\n}')
    assert "the trouble starts on line 3" in message


def test_a_zip_without_the_export_inside_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("notes.md", "# hello")
    assert "has no hearthside-export.json inside" in _problem("hearthside", buffer.getvalue())


def test_a_damaged_zip_is_refused() -> None:
    assert "damaged" in _problem("hearthside", b"PK\x03\x04 not really a zip")


def test_unknown_source_is_refused() -> None:
    assert _problem("evernote", b"x") == "Choose what kind of file this is."


@pytest.mark.django_db
def test_the_markdown_zip_can_be_brought_back_in_as_it_is(people: object) -> None:
    from hearthside.data import markdown

    alex = people.alex  # type: ignore[attr-defined]
    CheckIn.objects.create(author=alex, mood=3, note="Kept in the zip")
    archive = markdown.archive(export.build(alex))
    CheckIn.objects.all().delete()

    importer.run(alex, _read("hearthside", archive), commit=True)

    assert list(CheckIn.objects.values_list("note", flat=True)) == ["Kept in the zip"]
