"""Pacing's part of `hearthside demo`: Alex goes gently with the climbers, and one knock from
a few days ago went out at the evening time Sam proposed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.pacing.models import Answer, Comfort, Knock


@pytest.fixture
def demo(db: None) -> None:
    call_command("demo", stdout=StringIO())


def person(name: str) -> Person:
    return Person.objects.get(display_name=name)


def test_alex_goes_gently_in_the_friends_circle(demo: None) -> None:
    comfort = Comfort.objects.get(person=person("Alex"))
    assert (comfort.circle.kind, comfort.depth) == ("friends", "light")


def test_sam_would_be_asked_before_anything_deeper_than_light(demo: None) -> None:
    comfort = Comfort.objects.get(person=person("Sam"))
    assert (comfort.circle.kind, comfort.depth) == ("partners", "light")


def test_a_past_knock_went_out_at_the_evening_time_sam_proposed(demo: None) -> None:
    knock = Knock.objects.select_related("share").get()
    answer = Answer.objects.get()

    assert knock.author == person("Alex") and knock.circle.kind == "partners"
    assert knock.status == Knock.Status.PUBLISHED and not knock.shared_early
    assert answer.author == person("Sam") and not answer.now_is_good
    assert knock.created_at < answer.updated_at < answer.at == knock.goes_out_at
    assert timezone.localtime(answer.at).hour >= 18, "an evening time"
    assert knock.share is not None
    assert knock.share.created_at == knock.goes_out_at <= timezone.now()
    assert (knock.share.text, knock.share.depth) == (knock.text, knock.depth)
    assert knock.depth in ("medium", "deep")
    assert knock.share.replies.filter(author=person("Sam")).exists()
    if knock.share.checkin is not None:
        assert knock.share.checkin.created_at < knock.created_at


def test_the_knock_and_its_share_follow_the_privacy_rule(demo: None) -> None:
    knock = Knock.objects.get()
    robin = person("Robin")
    assert not visibility.visible_entries(Knock.objects.all(), robin).exists()
    assert knock.share is not None
    assert visibility.visible_entries(
        type(knock.share).objects.filter(pk=knock.share.pk), person("Sam")
    ).exists()
