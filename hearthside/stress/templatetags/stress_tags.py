"""`{% stress_home %}`: what weathering stress together puts on the Today page."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("stress/_home.html", takes_context=True)
def stress_home(context: template.Context) -> dict[str, Any]:
    return {"user": context["user"]}
