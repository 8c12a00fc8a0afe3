"""`{% summary_home %}`: on the Today page, a summary that waits for my yes."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Exists, OuterRef, Q

from hearthside.summary import actions, privacy
from hearthside.summary.models import Consent, State, SummaryRequest

register = template.Library()

# A handful at most: more than that and it stops being a gentle reminder.
LIMIT = 3


@register.inclusion_tag("summary/_home.html", takes_context=True)
def summary_home(context: template.Context) -> dict[str, Any]:
    me = context["user"]
    not_yet = Consent.objects.filter(request=OuterRef("pk"), person=me).filter(
        Q(given_at__isnull=True) | Q(withdrawn_at__isnull=False)
    )
    waiting = privacy.with_presence(
        privacy.visible_requests(
            SummaryRequest.objects.filter(produced_at__isnull=True, cancelled_at__isnull=True),
            me,
        ).filter(Exists(not_yet))
    ).select_related("circle", "asked_by")[:LIMIT]
    # A request whose circle changed has lapsed: it can no longer be made, so don't ask.
    return {"waiting": [r for r in waiting if actions.state(r) == State.WAITING]}
