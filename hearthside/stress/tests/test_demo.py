"""The demo household's stress plan: a busy week for Alex and Sam, with one past signal that
Alex answered and Sam accepted — all of it in the past, and none of it where it shouldn't be."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.stress import actions, weeks, words
from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task


@pytest.fixture
def demo(db: None) -> dict[str, Person]:
    call_command("demo", stdout=StringIO())
    return {p.display_name.lower(): p for p in Person.objects.all()}


def test_the_partners_have_a_plan_for_a_busy_week(demo: dict[str, Person]) -> None:
    alex, sam = demo["alex"], demo["sam"]
    partners = Signal.objects.get().circle
    assert HeavyThing.objects.filter(circle=partners, resolved_at__isnull=True).count() >= 3
    assert HeavyThing.objects.filter(circle=partners, resolved_at__isnull=False).exists()
    assert set(Routine.objects.filter(circle=partners).values_list("author", flat=True)) == {
        alex.pk,
        sam.pk,
    }
    this_week = weeks.monday_of(timezone.localdate())
    tasks = Task.objects.filter(circle=partners, week=this_week)
    assert tasks.count() >= 5
    assert {t.carrier_id for t in tasks} == {alex.pk, sam.pk, None}
    assert tasks.filter(copied_from__isnull=False).exists()
    assert Task.objects.filter(circle=partners, week=weeks.previous(this_week)).exists()
    assert Support.objects.filter(circle=partners).count() >= 3


def test_one_past_signal_with_an_accepted_offer(demo: dict[str, Person]) -> None:
    signal = Signal.objects.get()
    assert signal.author == demo["sam"] and signal.closed_at is not None
    assert set(signal.helps) <= words.HELP_SLUGS and signal.helps
    offer = Offer.objects.get()
    assert offer.author == demo["alex"] and offer.accepted_at is not None
    assert offer.choice in words.QUICK_OFFER_SLUGS
    assert signal.created_at < offer.created_at < offer.accepted_at < signal.closed_at


def test_everything_has_already_happened(demo: dict[str, Person]) -> None:
    now = timezone.now()
    for model, fields in (
        (HeavyThing, ("created_at", "resolved_at")),
        (Routine, ("created_at", "updated_at")),
        (Task, ("created_at", "done_at")),
        (Support, ("created_at", "updated_at")),
        (Signal, ("created_at", "closed_at")),
        (Offer, ("created_at", "accepted_at")),
    ):
        for name in fields:
            assert not model.objects.filter(**{f"{name}__gt": now}).exists(), (model, name)
    for task in Task.objects.exclude(done_at=None):
        assert task.done_at is not None and task.done_at >= task.created_at


def test_each_person_sees_only_their_own_circles_plan(demo: dict[str, Person]) -> None:
    partners = Signal.objects.get().circle
    friends = HeavyThing.objects.get(author=demo["robin"]).circle
    assert [h.author for h in actions.heavy_things(demo["alex"], friends)] == [demo["robin"]]
    assert list(actions.heavy_things(demo["sam"], friends)) == []
    sam = Client()
    sam.force_login(demo["sam"])
    assert sam.get(f"/stress/{friends.pk}/").status_code == 404
    page = sam.get(f"/stress/{partners.pk}/").content.decode()
    assert "faking it" not in page  # Robin's words, on the climbers' plan only
