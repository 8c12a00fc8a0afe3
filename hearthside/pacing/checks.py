"""The one question the share form asks pacing: is this deeper than someone would like
without being asked first?"""

from __future__ import annotations

from typing import Any

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.pacing.models import DEPTHS, Comfort, depth_rank


def slower_members(person: Any, circle: Circle, depth: str) -> list[Person]:
    """The other current members of `circle` whose comfortable depth is below `depth`, in the
    order they joined. Empty when `person` is not a member: nobody's setting is told to
    someone outside the circle."""
    if not visibility.is_member(person, circle):
        return []
    gentler = DEPTHS[: depth_rank(depth)]
    if not gentler:
        return []
    slower = set(
        Comfort.objects.filter(circle=circle, depth__in=gentler)
        .exclude(person=person)
        .values_list("person_id", flat=True)
    )
    if not slower:
        return []
    return [m for m in visibility.members_of(circle) if m.pk in slower]
