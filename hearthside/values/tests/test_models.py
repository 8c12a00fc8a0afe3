"""The pure parts: counting months forward, and the rules the database itself keeps."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from django.db import IntegrityError, transaction

from hearthside.values.models import CircleValue, HonestyMoment, Revisit, add_months
from hearthside.values.tests.conftest import World

if TYPE_CHECKING:
    from conftest import Personas


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 4), 3, date(2026, 6, 4)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 12, date(2027, 12, 15)),
    ],
)
def test_months_later_is_the_same_day_or_the_months_last(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_one_open_revisit_per_circle(people: Personas, world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Revisit.objects.create(circle=people.partners)


def test_only_goals_have_an_area(people: Personas) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        CircleValue.objects.create(circle=people.partners, kind="value", area="fun", text="x")


def test_an_honesty_moment_points_at_exactly_one_thing(people: Personas, world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        HonestyMoment.objects.create(person=people.alex)
    with pytest.raises(IntegrityError), transaction.atomic():
        HonestyMoment.objects.create(person=people.alex, share=world.share, checkin=world.checkin)
    with pytest.raises(IntegrityError), transaction.atomic():
        HonestyMoment.objects.create(person=people.sam, share=world.share)
