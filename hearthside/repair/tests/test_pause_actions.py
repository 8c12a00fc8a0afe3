"""Pauses in the repair actions: the agreed bounds, one pause at a time, who is waited for."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from conftest import CURRENT_TIME, Personas
from hearthside.circles.actions import leave_circle
from hearthside.circles.models import Membership
from hearthside.repair import actions
from hearthside.repair.models import Agreement, Pause, PauseReturn

MINUTE = timedelta(minutes=1)


def test_a_pause_uses_twenty_minutes_to_a_day_when_nothing_was_agreed(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)

    assert (pause.author, pause.circle) == (people.alex, people.partners)
    assert pause.created_at == CURRENT_TIME
    assert pause.min_until == CURRENT_TIME + timedelta(minutes=20)
    assert pause.max_until == CURRENT_TIME + timedelta(hours=24)
    assert pause.phrase == "I need a breather. I'm coming back."
    assert pause.ended_at is None
    assert Agreement.objects.get(circle=people.partners).cool_off_min == 20


def test_a_pause_follows_the_circles_own_agreement(people: Personas) -> None:
    Agreement.objects.create(
        circle=people.partners, cool_off_min=30, cool_off_max=180, phrases="Time out\nBack soon"
    )

    pause = actions.start_pause(people.sam, people.partners, phrase="Back soon")

    assert pause.phrase == "Back soon"
    assert pause.min_until == CURRENT_TIME + timedelta(minutes=30)
    assert pause.max_until == CURRENT_TIME + timedelta(hours=3)


def test_a_phrase_that_was_not_agreed_becomes_the_first_agreed_one(people: Personas) -> None:
    Agreement.objects.create(circle=people.partners, phrases="Time out\nBack soon")

    pause = actions.start_pause(people.sam, people.partners, phrase="You never listen")

    assert pause.phrase == "Time out"


def test_a_second_start_returns_the_pause_already_running(people: Personas) -> None:
    first = actions.start_pause(people.alex, people.partners)

    with time_machine.travel(CURRENT_TIME + 2 * MINUTE, tick=False):
        second = actions.start_pause(people.sam, people.partners)

    assert second.pk == first.pk
    assert second.author == people.alex
    assert Pause.objects.count() == 1


def test_a_pause_in_another_circle_is_a_separate_pause(people: Personas) -> None:
    partners = actions.start_pause(people.alex, people.partners)
    friends = actions.start_pause(people.alex, people.friends)

    assert partners.pk != friends.pk


def test_before_the_minimum_nobody_can_come_back_yet(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)

    state = actions.pause_state(pause)
    with pytest.raises(actions.NotAllowed, match="a little early"):
        actions.come_back(people.sam, pause)

    assert state.can_return is False
    assert state.overdue is False
    assert state.ready == []
    assert state.waiting == [people.alex, people.sam]
    assert not PauseReturn.objects.exists()


def test_one_minute_short_of_the_minimum_is_still_too_early(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)

    with (
        time_machine.travel(CURRENT_TIME + 19 * MINUTE, tick=False),
        pytest.raises(actions.NotAllowed),
    ):
        actions.come_back(people.alex, pause)


def test_once_the_minimum_passed_each_person_says_they_are_back(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)

    with time_machine.travel(CURRENT_TIME + 20 * MINUTE, tick=False):
        state = actions.come_back(people.sam, pause)

    assert state.can_return is True
    assert state.ready == [people.sam]
    assert state.waiting == [people.alex]
    assert Pause.objects.get(pk=pause.pk).ended_at is None


def test_coming_back_twice_counts_once(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)

    with time_machine.travel(CURRENT_TIME + 25 * MINUTE, tick=False):
        actions.come_back(people.sam, pause)
        actions.come_back(people.sam, pause)

    assert PauseReturn.objects.filter(pause=pause).count() == 1


def test_the_pause_ends_when_everyone_is_back(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)
    back_at = CURRENT_TIME + 45 * MINUTE

    with time_machine.travel(CURRENT_TIME + 21 * MINUTE, tick=False):
        actions.come_back(people.alex, pause)
    with time_machine.travel(back_at, tick=False):
        state = actions.come_back(people.sam, pause)

    assert state.waiting == []
    assert Pause.objects.get(pk=pause.pk).ended_at == back_at
    assert actions.active_pause(people.partners) is None


def test_an_ended_pause_cannot_be_come_back_to_again(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)
    with time_machine.travel(CURRENT_TIME + 21 * MINUTE, tick=False):
        actions.come_back(people.alex, pause)
        actions.come_back(people.sam, pause)

        with pytest.raises(actions.NotAllowed, match="already ended"):
            actions.come_back(people.sam, pause)


def test_after_a_pause_ends_the_next_tap_starts_a_new_one(people: Personas) -> None:
    first = actions.start_pause(people.alex, people.partners)
    with time_machine.travel(CURRENT_TIME + 21 * MINUTE, tick=False):
        actions.come_back(people.alex, first)
        actions.come_back(people.sam, first)
        second = actions.start_pause(people.sam, people.partners)

    assert second.pk != first.pk
    assert second.author == people.sam
    assert second.min_until == CURRENT_TIME + 41 * MINUTE


def test_it_is_overdue_after_the_maximum_while_someone_is_missing(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)

    with time_machine.travel(CURRENT_TIME + timedelta(hours=23, minutes=59), tick=False):
        actions.come_back(people.alex, pause)
        before = actions.pause_state(pause)
    with time_machine.travel(CURRENT_TIME + timedelta(hours=24), tick=False):
        after = actions.pause_state(pause)

    assert before.overdue is False
    assert after.overdue is True
    assert after.waiting == [people.sam]


def test_an_ended_pause_is_never_overdue(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)
    with time_machine.travel(CURRENT_TIME + 30 * MINUTE, tick=False):
        actions.come_back(people.alex, pause)
        actions.come_back(people.sam, pause)

    with time_machine.travel(CURRENT_TIME + timedelta(days=2), tick=False):
        assert actions.pause_state(Pause.objects.get(pk=pause.pk)).overdue is False


def test_someone_who_joined_after_the_pause_is_not_waited_for(people: Personas) -> None:
    pause = actions.start_pause(people.alex, people.partners)
    with time_machine.travel(CURRENT_TIME + 5 * MINUTE, tick=False):
        Membership.objects.create(circle=people.partners, person=people.olive)

    with time_machine.travel(CURRENT_TIME + 22 * MINUTE, tick=False):
        assert actions.pause_state(pause).waiting == [people.alex, people.sam]
        actions.come_back(people.alex, pause)
        state = actions.come_back(people.sam, pause)

    assert state.waiting == []
    assert Pause.objects.get(pk=pause.pk).ended_at is not None


def test_someone_who_left_the_circle_is_not_waited_for(people: Personas) -> None:
    Membership.objects.create(circle=people.partners, person=people.robin)
    pause = actions.start_pause(people.alex, people.partners)
    leave_circle(people.robin, people.partners)

    with time_machine.travel(CURRENT_TIME + 20 * MINUTE, tick=False):
        actions.come_back(people.alex, pause)
        state = actions.come_back(people.sam, pause)

    assert people.robin not in state.waiting
    assert Pause.objects.get(pk=pause.pk).ended_at is not None
