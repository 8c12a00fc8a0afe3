"""`{% boundaries_home %}`: what boundaries puts on the Today page — my own boundaries that are
due a look, and shared ones (new or changed) waiting for my answer. Two queries; nothing at all
when there is nothing to say."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from hearthside.boundaries import queries

register = template.Library()

# Today is a glance, not a list: the Boundaries page holds the rest.
HOME_LIMIT = 5


@register.inclusion_tag("boundaries/_home.html", takes_context=True)
def boundaries_home(context: template.Context) -> dict[str, Any]:
    user = context["user"]
    if not user.is_authenticated:
        return {"show": False}
    due = list(
        queries.reviews_due(user, timezone.localdate()).order_by("next_review_on", "id")[
            :HOME_LIMIT
        ]
    )
    waiting = list(queries.waiting_for(user).order_by("-created_at", "-id")[:HOME_LIMIT])
    return {"show": bool(due or waiting), "user": user, "due": due, "waiting": waiting}
