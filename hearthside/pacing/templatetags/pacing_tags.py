"""`{% pacing_home %}`: what pacing disclosures puts on the Today page."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("pacing/_home.html", takes_context=True)
def pacing_home(context: template.Context) -> dict[str, Any]:
    return {"user": context["user"]}
