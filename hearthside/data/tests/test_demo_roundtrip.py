"""The round trip on the demo: `hearthside demo`, export each person, empty the instance, bring
each file back with `hearthside import`, export again — the same data, for all three."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle
from hearthside.data import export, importer, sources
from hearthside.data.compare import comparable, restricted

pytestmark = pytest.mark.django_db

EMAILS = ("alex@example.com", "sam@example.com", "robin@example.com")


def test_every_demo_person_round_trips_through_an_empty_instance(tmp_path: Path) -> None:
    call_command("demo", stdout=io.StringIO())
    before = {email: export.build(Person.objects.get(email=email)) for email in EMAILS}
    files = {}
    for email, exported in before.items():
        files[email] = tmp_path / f"{email}.json"
        files[email].write_bytes(export.to_json(exported))
    Person.objects.all().delete()
    Circle.objects.all().delete()

    for email in EMAILS:
        raw = files[email].read_bytes()
        incoming = sources.read("hearthside", raw, time_zone="UTC")
        person = importer.make_person(email, incoming)
        report = importer.run(person, incoming, commit=True)
        after = export.build(person)

        assert report.problems == []
        assert after["person"] == before[email]["person"]
        assert comparable(after) == comparable(restricted(before[email], report.brought))
        assert report.new > 5, email
        # And once more: nothing new.
        assert (
            importer.run(person, sources.read("hearthside", raw, time_zone="UTC"), commit=True).new
            == 0
        )
