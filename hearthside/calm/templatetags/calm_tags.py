"""`{% calm_home %}`: the toolkit's quiet one-tap row on the Today page. No queries: it is the
same three links for everyone signed in, whatever they have or haven't used."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("calm/_home.html", takes_context=True)
def calm_home(context: template.Context) -> dict[str, Any]:
    return {"user": context["user"]}
