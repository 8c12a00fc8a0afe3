"""The toolkit's part of `hearthside demo`: a few weeks of private, rated sessions."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from conftest import Personas
from hearthside.calm import demo, sessions
from hearthside.calm.models import CalmSession

LONDON = ZoneInfo("Europe/London")


def seed(people: Personas) -> None:
    now = timezone.now()

    def when(days_ago: int, at: str) -> datetime:
        day = now.astimezone(LONDON).date() - timedelta(days=days_ago)
        return datetime.combine(day, time.fromisoformat(at), tzinfo=LONDON)

    demo.seed(
        people={"alex": people.alex, "sam": people.sam, "robin": people.robin},
        circles={"partners": people.partners, "friends": people.friends},
        now=now,
        when=when,
    )


def test_alex_and_sam_have_a_few_weeks_of_rated_sessions(people: Personas) -> None:
    seed(people)

    for person in (people.alex, people.sam):
        mine = CalmSession.objects.filter(author=person)
        assert mine.count() >= 5
        assert mine.filter(distress_before__isnull=False, distress_after__isnull=False).count() >= 5
        days = {s.started_at.date() for s in mine}
        assert len(days) >= 5
        assert max(days) - min(days) >= timedelta(days=14)
    assert not CalmSession.objects.filter(author=people.robin).exists()


def test_every_session_is_in_the_past_and_finishes_after_it_starts(people: Personas) -> None:
    seed(people)

    for session in CalmSession.objects.all():
        assert session.started_at < timezone.now()
        if session.finished_at:
            assert session.started_at < session.finished_at < timezone.now()
        else:
            assert session.distress_after is None


def test_what_helps_has_something_true_to_say_for_each_partner(people: Personas) -> None:
    seed(people)

    alex = {s.tool: s for s in sessions.what_helps(people.alex)}
    sam = {s.tool: s for s in sessions.what_helps(people.sam)}

    assert alex["breathe"].trend == "eases"
    assert not alex["ground"].enough
    assert sam["kindness"].trend == "eases"
    assert sam["breathe"].rated == 2
