"""The demo couple can make a meaningful summary of their last six weeks from `hearthside demo`,
and it holds none of their private check-ins nor anything from Alex's climbing circle."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle
from hearthside.practice.models import CheckIn, Share
from hearthside.rituals.occurrences import day_bounds
from hearthside.summary import actions
from hearthside.summary.models import SummaryRequest
from hearthside.summary.snapshot import Snapshot


@pytest.fixture
def made(db: None) -> SummaryRequest:
    call_command("demo", stdout=StringIO())
    alex = Person.objects.get(email="alex@example.com")
    sam = Person.objects.get(email="sam@example.com")
    partners = Circle.objects.get(name="Alex & Sam")
    today = actions.local_today(alex)
    summary = actions.propose(alex, partners, today - timedelta(days=41), today)
    actions.consent(sam, summary)
    return SummaryRequest.objects.get(pk=summary.pk)


def test_the_demo_couple_gets_a_summary_worth_taking_along(made: SummaryRequest) -> None:
    snapshot = Snapshot.model_validate(made.data)
    assert snapshot.members == ["Alex", "Sam"]
    assert len(snapshot.shares) >= 8
    assert {s.author for s in snapshot.shares} == {"Alex", "Sam"}
    assert sum(len(s.replies) for s in snapshot.shares) >= 6
    assert len(snapshot.moments) >= 3
    assert snapshot.appreciations
    [ritual] = snapshot.rituals
    assert ritual.of >= 4 and 0 < ritual.kept <= ritual.of
    # Every share of theirs from the period is there, and it reads as a document.
    start, _end = day_bounds(made.period_start, made.period_end, made.time_zone)
    shared = Share.objects.filter(
        circle__name="Alex & Sam", withdrawn_at__isnull=True, created_at__gte=start
    )
    assert {s.text for s in snapshot.shares} == {s.text for s in shared}
    assert "## Understanding moments" in made.markdown


def test_nothing_private_or_from_another_circle_is_in_it(made: SummaryRequest) -> None:
    stored = made.markdown + str(made.data)
    # A check-in someone chose to share is shared; the rest stay theirs alone.
    shared = " ".join(Share.objects.values_list("text", flat=True))
    private = [
        text
        for checkin in CheckIn.objects.all()
        for text in (checkin.note, checkin.situation)
        if len(text) > 12 and text not in shared
    ]
    assert len(private) > 20
    for text in private:
        assert text not in stored
    for share in Share.objects.filter(circle__name="Thursday climbers"):
        assert share.text not in stored


def test_both_partners_can_read_print_and_download_it_and_robin_cannot(
    made: SummaryRequest,
) -> None:
    from django.test import Client

    for email, status in (
        ("alex@example.com", 200),
        ("sam@example.com", 200),
        ("robin@example.com", 404),
    ):
        client = Client()
        client.force_login(Person.objects.get(email=email))
        for view in ("summary", "summary_print", "summary_markdown"):
            assert client.get(reverse(view, args=[made.pk])).status_code == status, (email, view)


def _when(days_ago: int, at: str) -> datetime:
    return timezone.now() - timedelta(days=days_ago)


def test_the_demo_seed_leaves_one_waiting_for_alex(db: None) -> None:
    from hearthside.summary import demo
    from hearthside.summary.models import State

    call_command("demo", stdout=StringIO())  # `hearthside demo` calls demo.seed itself
    people = {p.display_name.lower(): p for p in Person.objects.all()}
    summary = SummaryRequest.objects.get(circle__name="Alex & Sam", asked_by=people["sam"])
    assert demo.WEEKS == 4
    assert actions.state(summary) == State.WAITING
    preview = actions.preview(summary)
    assert preview is not None and preview.counts()["shares"] >= 6
    alex = people["alex"]
    assert alex.notifications.filter(kind="summary_proposed").count() == 1
    actions.consent(alex, summary)
    assert actions.state(SummaryRequest.objects.get(pk=summary.pk)) == State.PRODUCED
