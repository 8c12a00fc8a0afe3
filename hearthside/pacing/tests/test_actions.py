"""Knocking, answering and letting a held share go out: the pace of the slower person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.pacing import actions
from hearthside.pacing.models import Knock
from hearthside.pacing.tests.conftest import HELD, knock_as
from hearthside.practice.models import CheckIn, Share

NOW = timezone.now


def test_knocking_holds_the_share_without_sharing_anything(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners, hint="  about   work ")

    assert knock.status == Knock.Status.WAITING
    assert knock.hint == "about work"
    assert knock.text == HELD
    assert not Share.objects.exists()
    assert actions.listeners(knock) == [people.sam]


def test_there_is_no_one_to_ask_in_a_circle_of_one(people: Personas) -> None:
    from hearthside.circles.actions import create_circle

    alone = create_circle(people.olive, "Just me", "other")
    with pytest.raises(actions.NoOneToAsk):
        knock_as(people.olive, alone)


def test_a_check_in_can_only_be_my_own(people: Personas) -> None:
    theirs = CheckIn.objects.create(author=people.sam, note="Sam's")
    with pytest.raises(actions.NotAllowed):
        knock_as(people.alex, people.partners, checkin=theirs)


def test_a_proposed_time_is_agreed_when_the_only_listener_answers(
    people: Personas, knock: Knock
) -> None:
    evening = NOW() + timedelta(hours=8)
    actions.answer(people.sam, knock, at=evening)

    knock.refresh_from_db()
    assert knock.status == Knock.Status.PROPOSED
    assert knock.goes_out_at == evening
    assert not Share.objects.exists()


def test_now_is_good_sends_it_straight_away(people: Personas, knock: Knock) -> None:
    actions.answer(people.sam, knock, at=None)

    knock.refresh_from_db()
    share = Share.objects.get()
    assert knock.status == Knock.Status.PUBLISHED
    assert knock.share == share
    assert (share.author, share.circle, share.text) == (people.alex, people.partners, HELD)
    assert (share.depth, share.wants, share.feelings) == ("deep", "just-listen", ["afraid"])
    assert share.created_at == NOW()
    assert not knock.shared_early


def test_the_share_waits_for_every_listener_and_then_the_latest_time(
    people: Personas,
) -> None:
    Membership.objects.create(circle=people.partners, person=people.robin, joined_at=NOW())
    knock = knock_as(people.alex, people.partners)
    soon, later = NOW() + timedelta(hours=1), NOW() + timedelta(hours=5)

    actions.answer(people.robin, knock, at=later)
    knock.refresh_from_db()
    assert (knock.status, knock.goes_out_at) == (Knock.Status.WAITING, None)

    actions.answer(people.sam, knock, at=soon)
    knock.refresh_from_db()
    assert (knock.status, knock.goes_out_at) == (Knock.Status.PROPOSED, later)

    # At the earlier time nothing goes out; at the later one it does.
    assert actions.publish_due(Knock.objects.all(), soon) == 0
    assert actions.publish_due(Knock.objects.all(), later) == 1
    assert Share.objects.get().created_at == later


def test_now_is_good_from_one_still_waits_for_the_other(people: Personas) -> None:
    Membership.objects.create(circle=people.partners, person=people.robin, joined_at=NOW())
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=None)

    knock.refresh_from_db()
    assert knock.status == Knock.Status.WAITING
    assert not Share.objects.exists()


def test_a_listener_can_change_their_answer(people: Personas, knock: Knock) -> None:
    actions.answer(people.sam, knock, at=NOW() + timedelta(hours=2))
    actions.answer(people.sam, knock, at=NOW() + timedelta(hours=3))

    knock.refresh_from_db()
    assert knock.answers.count() == 1
    assert knock.goes_out_at == NOW() + timedelta(hours=3)


@pytest.mark.parametrize(
    ("offset", "problem"),
    [(timedelta(hours=-1), "past"), (timedelta(days=15), "far")],
)
def test_a_time_in_the_past_or_weeks_away_is_refused(
    people: Personas, knock: Knock, offset: timedelta, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        actions.answer(people.sam, knock, at=NOW() + offset)
    assert not knock.answers.exists()


def test_a_minute_ago_still_means_now(people: Personas, knock: Knock) -> None:
    actions.answer(people.sam, knock, at=NOW() - timedelta(minutes=1))
    knock.refresh_from_db()
    assert knock.status == Knock.Status.PUBLISHED


def test_only_listeners_answer(people: Personas, knock: Knock) -> None:
    for person in (people.alex, people.robin, people.olive):
        with pytest.raises(actions.NotAllowed):
            actions.answer(person, knock, at=None)
    assert not knock.answers.exists()


def test_someone_who_joined_after_the_knock_is_not_waited_for(
    people: Personas, knock: Knock
) -> None:
    Membership.objects.create(
        circle=people.partners, person=people.robin, joined_at=NOW() + timedelta(seconds=1)
    )
    assert actions.listeners(knock) == [people.sam]
    with pytest.raises(actions.NotAllowed):
        actions.answer(people.robin, knock, at=None)


def test_a_listener_who_leaves_is_no_longer_waited_for(people: Personas) -> None:
    Membership.objects.create(circle=people.partners, person=people.robin, joined_at=NOW())
    knock = knock_as(people.alex, people.partners)
    later = NOW() + timedelta(hours=2)
    actions.answer(people.sam, knock, at=later)
    Membership.objects.filter(circle=people.partners, person=people.robin).update(left_at=NOW())

    actions.settle(knock)
    assert (knock.status, knock.goes_out_at) == (Knock.Status.PROPOSED, later)


def test_the_author_can_share_now_anyway(people: Personas, knock: Knock) -> None:
    share = actions.share_now(people.alex, knock)

    knock.refresh_from_db()
    assert knock.status == Knock.Status.PUBLISHED and knock.shared_early
    assert share.text == HELD and share.created_at == NOW()
    with pytest.raises(actions.NoLongerOpen):
        actions.share_now(people.alex, knock)
    assert Share.objects.count() == 1


def test_only_the_author_shares_now_or_withdraws(people: Personas, knock: Knock) -> None:
    with pytest.raises(actions.NotAllowed):
        actions.share_now(people.sam, knock)
    with pytest.raises(actions.NotAllowed):
        actions.withdraw(people.sam, knock)
    knock.refresh_from_db()
    assert knock.status == Knock.Status.WAITING


def test_withdrawing_lets_it_go_and_nothing_is_shared_later(people: Personas, knock: Knock) -> None:
    actions.answer(people.sam, knock, at=NOW() + timedelta(hours=1))
    actions.withdraw(people.alex, knock)

    knock.refresh_from_db()
    assert knock.status == Knock.Status.WITHDRAWN and knock.withdrawn_at == NOW()
    assert actions.publish_due(Knock.objects.all(), NOW() + timedelta(hours=2)) == 0
    assert not Share.objects.exists()
    with pytest.raises(actions.NoLongerOpen):
        actions.answer(people.sam, knock, at=None)


def test_a_held_share_is_published_once_however_often_it_is_asked(
    people: Personas, knock: Knock
) -> None:
    actions.answer(people.sam, knock, at=NOW() + timedelta(hours=1))
    stale = Knock.objects.get(pk=knock.pk)  # loaded while still open, as a second worker would
    later = NOW() + timedelta(hours=2)

    assert actions.publish(knock, later) is not None
    assert actions.publish(stale, later) is None
    assert actions.publish_due(Knock.objects.all(), later) == 0
    assert Share.objects.count() == 1


def test_nothing_goes_out_for_an_author_who_left_the_circle(people: Personas, knock: Knock) -> None:
    actions.answer(people.sam, knock, at=NOW() + timedelta(hours=1))
    Membership.objects.filter(circle=people.partners, person=people.alex).update(left_at=NOW())

    assert actions.publish_due(Knock.objects.all(), NOW() + timedelta(hours=2)) == 0
    assert not Share.objects.exists()


def test_the_lazy_path_publishes_only_what_the_person_can_see(
    people: Personas, knock: Knock
) -> None:
    actions.answer(people.sam, knock, at=NOW() + timedelta(hours=1))
    later = NOW() + timedelta(hours=2)

    assert actions.publish_due_for(people.robin, later) == 0
    assert actions.publish_due_for(people.olive, later) == 0
    assert not Share.objects.exists()
    assert actions.publish_due_for(people.sam, later) == 1
    assert Share.objects.count() == 1


def test_comfort_is_one_setting_per_circle(people: Personas) -> None:
    actions.set_comfort(people.sam, people.partners, "light")
    actions.set_comfort(people.sam, people.partners, "medium")

    assert actions.comforts_of(people.sam, [people.partners]) == {people.partners.pk: "medium"}
    assert actions.comforts_of(people.alex, [people.partners, people.friends]) == {
        people.partners.pk: "deep",
        people.friends.pk: "deep",
    }
    with pytest.raises(ValueError):
        actions.set_comfort(people.sam, people.partners, "bottomless")
