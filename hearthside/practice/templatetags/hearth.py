"""Template helpers for showing vocabulary words and choosing them."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from hearthside import vocab

register = template.Library()


@register.filter
def feeling_label(slug: str) -> str:
    word = vocab.feeling(slug)
    return gettext(word.label) if word else slug


@register.filter
def need_label(slug: str) -> str:
    word = vocab.need(slug)
    return gettext(word.label) if word else slug


@register.filter
def body_label(slug: str) -> str:
    word = vocab.body_signal(slug)
    return gettext(word.label) if word else slug


@register.filter
def pleasant(slug: str) -> bool:
    family = vocab.family_of(slug)
    return bool(family and family.pleasant)


def _selected(field: Any) -> set[str]:
    value = field.value() or []
    return {str(v) for v in (value if isinstance(value, list | tuple) else [value])}


@register.inclusion_tag("practice/_word_picker.html")
def word_picker(field: Any, kind: str) -> dict[str, Any]:
    """Grouped checkboxes (feelings by family, needs by group) that keep what was ticked when
    the form comes back with an error."""
    if kind == "feelings":
        groups = [
            {
                "label": gettext(f.label),
                "hint": gettext(f.description),
                "tone": "pleasant" if f.pleasant else "unpleasant",
                "words": [(w.slug, gettext(w.label)) for w in f.words],
            }
            for f in vocab.feeling_families()
        ]
    elif kind == "needs":
        groups = [
            {
                "label": gettext(g.label),
                "hint": "",
                "tone": "need",
                "words": [(w.slug, gettext(w.label)) for w in g.words],
            }
            for g in vocab.need_groups()
        ]
    else:
        groups = [
            {
                "label": "",
                "hint": "",
                "tone": "body",
                "words": [(w.slug, gettext(w.label)) for w in vocab.body_signals()],
            }
        ]
    selected = _selected(field)
    for group in groups:
        # Families holding a ticked word start open, so nothing chosen is ever out of sight.
        group["open"] = any(slug in selected for slug, _label in group["words"])
    return {"field": field, "groups": groups, "selected": selected}
