"""`{% boundaries_home %}`: what boundaries puts on the Today page."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("boundaries/_home.html", takes_context=True)
def boundaries_home(context: template.Context) -> dict[str, Any]:
    return {"user": context["user"]}
