"""Template tags of the values practice.

- `{% values_home %}`: on the Today page, a revisit that is due or under way in one of my
  circles (two queries; nothing at all when there's nothing to say).
- `{% honesty_moment_button share %}` (or a check-in): the "Mark as an honesty moment"
  button, for pages this practice doesn't own (a share's page, a check-in's page). It shows
  the person's own mark only; nobody else ever learns a mark exists.
- `hope_label`: a hope's words from its slug.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from hearthside.circles import visibility
from hearthside.practice.models import CheckIn, Share
from hearthside.values import queries
from hearthside.values.models import HonestyMoment, ValuesSettings
from hearthside.values.words import hope_label as _hope_label

register = template.Library()


@register.inclusion_tag("values/_home.html", takes_context=True)
def values_home(context: template.Context) -> dict[str, Any]:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    under_way = list(
        queries.revisits(user).filter(finished_at__isnull=True).select_related("circle")
    )
    busy = {r.circle_id for r in under_way}
    due = [
        s
        for s in visibility.circle_things(
            ValuesSettings.objects.filter(
                every_months__gt=0, next_due_on__lte=timezone.localdate()
            ).select_related("circle"),
            user,
        )
        if s.circle_id not in busy
    ]
    return {"under_way": under_way, "due": due}


def button_context(thing: Share | CheckIn, moment: HonestyMoment | None) -> dict[str, Any]:
    kind = "share" if isinstance(thing, Share) else "checkin"
    return {
        "show": True,
        "kind": kind,
        "target_id": thing.pk,
        "moment": moment,
        "dom_id": f"honesty-{kind}-{thing.pk}",
    }


@register.inclusion_tag("values/_honesty_button.html", takes_context=True)
def honesty_moment_button(context: template.Context, thing: Any) -> dict[str, Any]:
    """`{% honesty_moment_button share %}` under a share (its sharer, or someone it was shared
    with) or `{% honesty_moment_button checkin %}` under one's own check-in."""
    user = context.get("user")
    if user is None or not user.is_authenticated or thing is None:
        return {"show": False}
    if isinstance(thing, Share):
        moment = HonestyMoment.objects.filter(person=user, share=thing).first()
    elif isinstance(thing, CheckIn):
        if thing.author_id != user.pk:
            return {"show": False}
        moment = HonestyMoment.objects.filter(person=user, checkin=thing).first()
    else:
        raise template.TemplateSyntaxError("honesty_moment_button takes a share or a check-in")
    return {**button_context(thing, moment), "csrf_token": context.get("csrf_token")}


@register.filter
def hope_label(slug: str) -> str:
    return _hope_label(slug)
