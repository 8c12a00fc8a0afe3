"""The demo's thank-yous for small acts (`practice.demo_thanks.seed`): believable, in the past,
between people who share the circle, with known acts, and one kept for hard days."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from conftest import Personas
from hearthside.circles import visibility
from hearthside.circles.models import Membership
from hearthside.practice import acts, demo_thanks
from hearthside.practice.models import Appreciation, Favourite

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def seeded(people: Personas) -> Personas:
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=45))
    today = timezone.now().astimezone(LONDON).date()

    def when(days_ago: int, at: str) -> datetime:
        hour, minute = (int(part) for part in at.split(":"))
        return datetime.combine(today - timedelta(days=days_ago), time(hour, minute), LONDON)

    demo_thanks.seed(
        people={"alex": people.alex, "sam": people.sam, "robin": people.robin},
        circles={"partners": people.partners, "friends": people.friends},
        now=timezone.now(),
        when=when,
    )
    return people


def test_it_adds_thank_yous_for_small_acts(seeded: Personas) -> None:
    notes = Appreciation.objects.all()
    assert notes.count() == len(demo_thanks.NOTICED) >= 5
    for note in notes:
        assert note.acts and set(note.acts) <= acts.act_slugs()
        assert note.author_id != note.recipient_id
        assert note.circle is not None
        assert visibility.is_member(note.author, note.circle)
        assert visibility.is_member(note.recipient, note.circle)
        assert note.created_at < timezone.now()
        assert note.reply is None and note.rupture is None
    assert notes.filter(text="").exists(), "one thank-you is just the chips"


def test_each_one_reaches_its_recipient(seeded: Personas) -> None:
    for note in Appreciation.objects.select_related("recipient"):
        assert note in acts.received(note.recipient)


def test_alex_keeps_one_for_hard_days(seeded: Personas) -> None:
    (kept,) = Favourite.objects.select_related("appreciation")
    assert kept.person == seeded.alex
    assert kept.appreciation.recipient == seeded.alex
    assert kept.appreciation.created_at < kept.created_at <= timezone.now()
    assert list(acts.favourites(seeded.alex)) == [kept.appreciation]
