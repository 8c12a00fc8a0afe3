"""`{% needs_home %}`: what needs and requests puts on the Today page.

Four quiet lists from one query: requests waiting for my answer; my own requests still waiting
for theirs (until answered, as the issue asks, but without any push); times someone proposed
that are still ahead; and my requests that were answered and wait for my "was it met?". An
answered request stops asking after a fortnight, so nothing hangs over the page for good.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.db.models import Q
from django.utils import timezone

from hearthside.needs import privacy
from hearthside.needs.models import Met, Request, Response

register = template.Library()

# How long an answered request keeps asking "was it met?" on the Today page.
ASK_MET_FOR = timedelta(days=14)
PER_LIST = 5
# The one query's cap: enough for every list to be full.
ROWS = 4 * PER_LIST * 2


def home_lists(person: Any) -> dict[str, list[Request]]:
    now = timezone.now()
    recent = now - ASK_MET_FOR
    unanswered = Q(response="")
    proposed = Q(response=Response.NOT_NOW, proposed_for__gt=now) & ~Q(met=Met.MET)
    to_mark = Q(author=person, met="") & (
        Q(response__in=[Response.YES, Response.TALK], answered_at__gte=recent)
        | Q(response=Response.NOT_NOW, proposed_for__lte=now, proposed_for__gte=recent)
    )
    rows = (
        privacy.visible_requests(
            Request.objects.select_related("author", "recipient", "circle"), person
        )
        .filter(withdrawn_at__isnull=True)
        .filter(unanswered | proposed | to_mark)
        .order_by("created_at", "id")[:ROWS]
    )
    lists: dict[str, list[Request]] = {"waiting": [], "asked": [], "proposed": [], "to_mark": []}
    for ask in rows:
        if not ask.response:
            key = "waiting" if ask.recipient_id == person.pk else "asked"
        elif ask.proposed_time_ahead:
            key = "proposed"
        else:
            key = "to_mark"
        lists[key].append(ask)
    lists["proposed"].sort(key=lambda a: a.proposed_for or now)
    return {key: items[:PER_LIST] for key, items in lists.items()}


@register.inclusion_tag("needs/_home.html", takes_context=True)
def needs_home(context: template.Context) -> dict[str, Any]:
    user = context["user"]
    if not user.is_authenticated:
        return {"user": user}
    return {"user": user, **home_lists(user)}
