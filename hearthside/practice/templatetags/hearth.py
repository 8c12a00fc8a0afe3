"""Template helpers for showing vocabulary words and choosing them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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


# After a rupture these are where people usually start looking.
HARD_OPEN = frozenset({"hurt", "angry", "scared", "sad"})


@dataclass
class PickerGroup:
    label: str
    hint: str
    tone: str
    words: list[tuple[str, str]]
    open: bool = False
    slug: str = ""


def _words(words: Iterable[vocab.Word]) -> list[tuple[str, str]]:
    return [(w.slug, gettext(w.label)) for w in words]


@register.inclusion_tag("practice/_word_picker.html")
def word_picker(field: Any, kind: str) -> dict[str, Any]:
    """Grouped checkboxes (feelings by family, needs by group) that keep what was ticked when
    the form comes back with an error. Kind "hard-feelings" is the feelings list with the
    painful families first and open, for moments after a rupture."""
    hard = kind == "hard-feelings"
    if hard or kind == "feelings":
        groups = [
            PickerGroup(
                gettext(f.label),
                gettext(f.description),
                "pleasant" if f.pleasant else "unpleasant",
                _words(f.words),
                slug=f.slug,
            )
            for f in sorted(vocab.feeling_families(), key=lambda f: f.pleasant and hard)
        ]
    elif kind == "needs":
        groups = [
            PickerGroup(gettext(g.label), "", "need", _words(g.words)) for g in vocab.need_groups()
        ]
    else:
        groups = [PickerGroup("", "", "body", _words(vocab.body_signals()))]
    selected = _selected(field)
    for group in groups:
        # Families holding a ticked word start open, so nothing chosen is ever out of sight.
        group.open = any(slug in selected for slug, _label in group.words) or (
            hard and not selected and group.slug in HARD_OPEN
        )
    return {"field": field, "groups": groups, "selected": selected, "hard": hard}
