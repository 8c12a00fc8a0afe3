"""The demo household's requests: a few weeks of asking between Alex and Sam, with every kind
of answer, one need met, one time still ahead and one ask still waiting."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from hearthside import vocab
from hearthside.accounts.models import Person
from hearthside.needs.models import Answer, Request
from hearthside.notify.models import Notification
from hearthside.notify.schedule import schedule_due


@pytest.fixture
def demo(db: None) -> None:
    call_command("demo", stdout=StringIO())


def test_a_handful_of_requests_between_the_partners(demo: None) -> None:
    alex, sam = Person.objects.get(display_name="Alex"), Person.objects.get(display_name="Sam")
    asks = list(Request.objects.order_by("created_at"))
    assert 4 <= len(asks) <= 8
    assert {(a.author, a.recipient) for a in asks} == {(alex, sam), (sam, alex)}
    assert {a.circle.kind for a in asks} == {"partners"}
    assert all(a.created_at < timezone.now() for a in asks)
    assert all(a.need is None or vocab.need(a.need) for a in asks)
    # Every answer came after its request, by the one asked.
    for answer in Answer.objects.select_related("request"):
        assert answer.created_at > answer.request.created_at
        assert answer.author == answer.request.recipient


def test_it_shows_every_part_of_the_loop(demo: None) -> None:
    asks = list(Request.objects.order_by("created_at"))
    assert any(a.response == "yes" for a in asks)
    assert any(a.met == "met" for a in asks)
    not_now = [a for a in asks if a.response == "not-now"]
    assert not_now and all(a.proposed_time_ahead for a in not_now)
    assert asks[-1].response == "" and asks[-1].withdrawn_at is None


def test_the_worker_does_not_flood_anyone_after_the_demo(demo: None) -> None:
    schedule_due(timezone.now())
    assert not Notification.objects.filter(kind__startswith="need_").exists()
