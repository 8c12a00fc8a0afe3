"""The demo household's intentions, values and goals: a story that holds together and obeys
the privacy rule like everything else."""

from __future__ import annotations

import html
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.values import queries
from hearthside.values.models import (
    CircleValue,
    HonestyMoment,
    Intention,
    Revisit,
    RevisitNote,
    ValuesSettings,
)


@pytest.fixture
def demo(db: None) -> dict[str, Person]:
    call_command("demo", stdout=StringIO())
    return {p.display_name.lower(): p for p in Person.objects.all()}


def test_each_partner_wrote_an_intention_and_shared_one(demo: dict[str, Person]) -> None:
    for name in ("alex", "sam"):
        mine = Intention.objects.filter(author=demo[name])
        assert mine.filter(circle__isnull=False).exists()
    assert Intention.objects.filter(author=demo["alex"], circle__isnull=True).exists()
    # Sam sees Alex's shared one and not Alex's private one.
    seen = list(queries.intentions_shared_with_me(demo["sam"]))
    assert [i.author for i in seen] == [demo["alex"]]
    assert not queries.intentions(demo["robin"]).exclude(author=demo["robin"]).exists()


def test_the_partners_hold_values_and_goals_with_a_history(demo: dict[str, Person]) -> None:
    current = CircleValue.objects.filter(retired_at__isnull=True)
    assert current.filter(kind="value").count() >= 3
    assert set(current.filter(kind="goal").values_list("area", flat=True)) >= {"family", "work"}
    assert CircleValue.objects.filter(replaces__isnull=False).count() == 1


def test_their_first_revisit_is_finished_and_every_note_can_be_read(
    demo: dict[str, Person],
) -> None:
    revisit = Revisit.objects.get()
    assert revisit.finished_at is not None and revisit.takeaway
    notes = RevisitNote.objects.filter(revisit=revisit)
    assert notes.count() >= 6
    for name in ("alex", "sam"):
        assert len(queries.notes(revisit, demo[name])) == notes.count()
    assert not visibility.circle_things(Revisit.objects.all(), demo["robin"]).exists()


def test_a_revisit_is_due_now_and_shows_on_the_today_page(demo: dict[str, Person]) -> None:
    assert ValuesSettings.objects.get().every_months == 1
    client = Client()
    client.force_login(demo["sam"])
    page = html.unescape(client.get("/").content.decode())
    assert "It's time for Alex & Sam to look at its values and goals again." in page


def test_sam_kept_an_honesty_moment_that_only_sam_sees(demo: dict[str, Person]) -> None:
    moment = HonestyMoment.objects.get()
    assert moment.person == demo["sam"]
    assert moment.share is not None and moment.share.author == demo["alex"]
    assert [m.moment for m in queries.my_moments(demo["alex"])] == []
