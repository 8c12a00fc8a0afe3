"""`slower_members`: who in a circle would like to be asked before a share this deep."""

from __future__ import annotations

from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.pacing.actions import set_comfort
from hearthside.pacing.checks import slower_members


def test_nobody_is_slower_when_nobody_chose_a_pace(people: Personas) -> None:
    for depth in ("light", "medium", "deep"):
        assert slower_members(people.alex, people.partners, depth) == []


def test_a_light_setting_asks_before_medium_and_deep(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "light")

    assert slower_members(people.alex, people.partners, "light") == []
    assert slower_members(people.alex, people.partners, "medium") == [people.sam]
    assert slower_members(people.alex, people.partners, "deep") == [people.sam]


def test_a_medium_setting_asks_before_deep_only(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "medium")

    assert slower_members(people.alex, people.partners, "medium") == []
    assert slower_members(people.alex, people.partners, "deep") == [people.sam]


def test_deep_means_no_need_to_ask(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "deep")
    assert slower_members(people.alex, people.partners, "deep") == []


def test_my_own_setting_never_stops_me(people: Personas) -> None:
    set_comfort(people.alex, people.partners, "light")
    assert slower_members(people.alex, people.partners, "deep") == []


def test_a_setting_belongs_to_one_circle(people: Personas) -> None:
    set_comfort(people.alex, people.friends, "light")

    assert slower_members(people.sam, people.partners, "deep") == []
    assert slower_members(people.robin, people.friends, "deep") == [people.alex]


def test_someone_who_left_is_not_waited_for(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "light")
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    assert slower_members(people.alex, people.partners, "deep") == []


def test_nobodys_pace_is_told_to_someone_outside_the_circle(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "light")
    assert slower_members(people.olive, people.partners, "deep") == []
    assert slower_members(people.robin, people.partners, "deep") == []


def test_several_slower_members_in_the_order_they_joined(people: Personas) -> None:
    Membership.objects.create(circle=people.partners, person=people.robin)
    set_comfort(people.robin, people.partners, "light")
    set_comfort(people.sam, people.partners, "medium")

    assert slower_members(people.alex, people.partners, "deep") == [people.sam, people.robin]
    assert slower_members(people.alex, people.partners, "medium") == [people.robin]
