"""`{% stress_home %}`: what weathering stress together puts on the Today page.

Open signals from the others in my circles (answerable right there), my own open signals with
the offers that came in, and the "I'm stretched thin" button. Three queries at most, and
nothing at all for someone with no circle.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template

from hearthside.circles import visibility
from hearthside.stress import actions, words
from hearthside.stress.models import Signal

register = template.Library()

SHOWN = 5


@register.inclusion_tag("stress/_home.html", takes_context=True)
def stress_home(context: template.Context) -> dict[str, Any]:
    user = context["user"]
    if not visibility.circles_of(user).exists():
        return {"show": False}
    since = actions.now() - timedelta(days=actions.TODAY_DAYS)
    signals = list(
        visibility.visible_entries(
            Signal.objects.filter(
                closed_at__isnull=True, withdrawn_at__isnull=True, created_at__gte=since
            ),
            user,
        )
        .select_related("author", "circle")
        .order_by("-created_at")[: SHOWN * 2]
    )
    offers = actions.offers(user, signals)
    others, mine = [], []
    for signal in signals:
        on_it = [o for o in offers if o.signal_id == signal.pk]
        if signal.author_id == user.pk:
            mine.append({"signal": signal, "offers": on_it})
        else:
            others.append(
                {"signal": signal, "my_offers": [o for o in on_it if o.author_id == user.pk]}
            )
    return {
        "show": True,
        "user": user,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "others": others[:SHOWN],
        "mine": mine[:SHOWN],
        "quick_offers": words.QUICK_OFFERS,
    }
