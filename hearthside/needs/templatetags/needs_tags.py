"""`{% needs_home %}`: what needs and requests puts on the Today page."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("needs/_home.html", takes_context=True)
def needs_home(context: template.Context) -> dict[str, Any]:
    return {"user": context["user"]}
