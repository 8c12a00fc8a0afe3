"""Who sees a request: the person who asked and the person asked. Nobody else.

A request is addressed to one person, even though it lives in a circle: a family of five
should not all read that one of them asked another for reassurance. So on top of the entry
rule in `hearthside.circles.visibility` (the author always; a circle member only while both are
members, only if it was made after they joined, and not once withdrawn) comes one more filter:
the viewer is the asker or the one asked. A third member of the same circle gets 404, exactly
as for a request that does not exist.

Answers follow their request, and an answer's author must still be in the circle (the thread
rule in `visibility.visible_thread_items`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hearthside.circles import visibility
from hearthside.needs.models import Answer, Request


def _is_person(person: Any) -> bool:
    return bool(getattr(person, "is_authenticated", False)) and person.pk is not None


def between(person: Any, prefix: str = "") -> Q:
    """Q for requests (at `prefix`) that `person` asked or was asked."""
    return Q(**{f"{prefix}author": person}) | Q(**{f"{prefix}recipient": person})


def visible_requests(queryset: QuerySet[Request], person: Any) -> QuerySet[Request]:
    if not _is_person(person):
        return queryset.none()
    return visibility.visible_entries(queryset, person).filter(between(person))


def visible_answers(queryset: QuerySet[Answer], person: Any) -> QuerySet[Answer]:
    if not _is_person(person):
        return queryset.none()
    return visibility.visible_thread_items(queryset, person, "request").filter(
        between(person, "request__")
    )


def get_request_or_404(queryset: QuerySet[Request], person: Any, **lookup: object) -> Request:
    found = visible_requests(queryset, person).filter(**lookup).first()
    if found is None:
        raise Http404
    return found
