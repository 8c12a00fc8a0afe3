"""Who sees a summary request, and whose eyes decide what goes into a summary.

A request is seen by its participants — the people who were members of the circle when it was
proposed — for as long as each of them stays a member (`visibility.active_member` with
`joined_by` the moment it was proposed: someone who left and came back starts fresh, like
everywhere else). Anyone else gets 404, exactly as for a request that does not exist: someone
outside the circle, a member who joined afterwards, a participant who has left.

What goes into a summary is what *every* participant may see under the entry rule
(`hearthside.circles.visibility`): the intersection, asked of that one module per person, never
worked out by hand here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from hearthside.circles import visibility
from hearthside.summary.models import Consent, SummaryRequest

M = TypeVar("M", bound=models.Model)
Rule = Callable[[models.QuerySet[M], Any], models.QuerySet[M]]


def _is_person(person: Any) -> bool:
    return bool(getattr(person, "is_authenticated", False)) and person.pk is not None


def visible_requests(
    queryset: models.QuerySet[SummaryRequest], person: Any
) -> models.QuerySet[SummaryRequest]:
    """The requests `person` takes part in, while they are still in the circle they were in
    when it was proposed."""
    if not _is_person(person):
        return queryset.none()
    return queryset.filter(
        models.Exists(Consent.objects.filter(request=OuterRef("pk"), person=person)),
        visibility.active_member(OuterRef("circle"), person, joined_by=OuterRef("created_at")),
    )


def get_request_or_404(
    queryset: models.QuerySet[SummaryRequest], person: Any, **lookup: object
) -> SummaryRequest:
    try:
        return visible_requests(queryset, person).get(**lookup)
    except SummaryRequest.DoesNotExist as exc:
        raise Http404 from exc


def with_presence(
    queryset: models.QuerySet[SummaryRequest],
) -> models.QuerySet[SummaryRequest]:
    """Annotate `present_count`: how many participants are still in the circle (one query for a
    whole list, instead of one per request)."""
    present = (
        Consent.objects.filter(request=OuterRef("pk"))
        .filter(
            visibility.active_member(
                OuterRef("request__circle"),
                OuterRef("person"),
                joined_by=OuterRef("request__created_at"),
            )
        )
        .order_by()
        .values("request")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(present_count=Coalesce(Subquery(present), 0))


def present_participants(request: SummaryRequest) -> list[Any]:
    """The participants still in the circle, in the order they joined it."""
    asked = set(request.consents.values_list("person_id", flat=True))
    return [
        person
        for person in visibility.members_of(request.circle, joined_by=request.created_at)
        if person.pk in asked
    ]


def seen_by_all(
    queryset: models.QuerySet[M], people: Iterable[Any], rule: Rule[M]
) -> models.QuerySet[M]:
    """The rows of `queryset` that `rule` lets every one of `people` see."""
    people = list(people)
    if not people:
        return queryset.none()
    for person in people:
        queryset = queryset.filter(pk__in=rule(queryset.model._default_manager.all(), person))
    return queryset
