"""`{% values_home %}`: what intentions, values and goals puts on the Today page."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("values/_home.html", takes_context=True)
def values_home(context: template.Context) -> dict[str, Any]:
    return {"user": context["user"]}
