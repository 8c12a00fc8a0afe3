"""`hearthside export EMAIL` and `hearthside import FILE`: the same files as the settings page,
written whole or not at all, and a terminal log that never shows anyone's words."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle
from hearthside.data import export
from hearthside.data.compare import comparable
from hearthside.data.tests.conftest import FIXTURES, SAM_WORDS, World
from hearthside.practice.models import CheckIn

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_writes_the_json_to_the_terminal(world: World) -> None:
    out, _err = _run("export", "ALEX@example.com")

    document = json.loads(out)
    assert document["format"] == "hearthside-export"
    assert document["person"]["email"] == "alex@example.com"
    assert not any(text in out for text in SAM_WORDS)


def test_export_writes_a_markdown_zip_readable_only_by_its_owner(
    world: World, tmp_path: Path
) -> None:
    target = tmp_path / "alex.zip"

    _out, err = _run("export", "alex@example.com", "--format", "markdown", "--output", str(target))

    archive = zipfile.ZipFile(target)
    assert "index.md" in archive.namelist()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Wrote" in err
    assert "alex@example.com" not in err
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_a_zip_cant_go_to_the_terminal(world: World) -> None:
    with pytest.raises(CommandError, match="give --output"):
        _run("export", "alex@example.com", "--format", "markdown")


def test_export_of_an_unknown_address_says_so(db: None) -> None:
    with pytest.raises(CommandError, match="No account has that email address"):
        _run("export", "nobody@example.com")


def test_an_account_moves_to_an_empty_server_with_import(world: World, tmp_path: Path) -> None:
    target = tmp_path / "alex.json"
    _run("export", "alex@example.com", "--output", str(target))
    before = json.loads(target.read_text())
    Person.objects.all().delete()
    Circle.objects.all().delete()

    out, _err = _run("import", str(target))

    alex = Person.objects.get(email="alex@example.com")
    assert not alex.has_usable_password()
    after = export.build(alex)
    assert after["person"] == before["person"]
    assert comparable(after)["circles"] == comparable(before)["circles"]
    assert comparable(after)["entries"]["checkins"] == comparable(before)["entries"]["checkins"]
    assert out.startswith("Made a new account")
    assert "Alex" not in out.replace("alex", "")  # counts and reasons, not words


def test_import_dry_run_changes_nothing(world: World, tmp_path: Path) -> None:
    target = tmp_path / "alex.json"
    target.write_bytes(export.to_json(export.build(world.people.alex)))
    Person.objects.all().delete()

    out, _err = _run("import", str(target), "--dry-run")

    assert out.startswith("Made a new account")
    assert "Would bring in" in out
    assert not Person.objects.exists()


def test_import_a_jrnl_journal_into_an_account(people: Any) -> None:
    out, _err = _run(
        "import", str(FIXTURES / "jrnl.json"), "--source", "jrnl", "--email", "alex@example.com"
    )

    assert CheckIn.objects.filter(author=people.alex).count() == 4
    assert "Brought in 4 items" in out
    assert "could not read: entry 4 has no date" in out
    assert "River" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "jrnl"], "--email"),
        (["--source", "jrnl", "--email", "nobody@example.com"], "No account has that email"),
        (["--source", "daylio", "--email", "alex@example.com"], "not Daylio's CSV"),
    ],
)
def test_import_refuses_kindly(people: Any, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _run("import", str(FIXTURES / "jrnl.json"), *args)
    assert not CheckIn.objects.exists()


def test_import_of_a_missing_file_says_so(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Can't read"):
        _run("import", str(tmp_path / "nope.json"))
