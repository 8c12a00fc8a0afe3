"""Template helpers for showing vocabulary words and choosing them, and for the language
coach's live notes under a text field."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext

from hearthside import vocab
from hearthside.coach import CONTEXTS, KINDS
from hearthside.practice.coach_views import ELEMENT_ID, FIELD_NAME, notes_html
from hearthside.practice.nudges import coach_quiet

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


@register.filter
def reply_quiet(wants: str) -> str:
    """What the coach leaves out on a reply to a share that asked for `wants`."""
    return coach_quiet(wants)


@register.inclusion_tag("coach/_container.html", takes_context=True)
def coach(context: template.Context, field: Any, kind: str, quiet: str = "") -> dict[str, Any]:
    """`{% coach form.text "share" %}`: the place under a field where the language coach's
    notes appear as the person types (only for people who keep the coach on). `kind` is the
    coach's context: "share", "reply", "apology" or "request"; `quiet` is a comma list of
    coach kinds to leave out, e.g. quiet="fixing" when advice was asked for."""
    if kind not in CONTEXTS:
        raise template.TemplateSyntaxError(f"coach: unknown context {kind!r}")
    left_out = [k.strip() for k in quiet.split(",") if k.strip()]
    if any(k not in KINDS for k in left_out):
        raise template.TemplateSyntaxError(f"coach: unknown kind in quiet={quiet!r}")
    request = context.get("request")
    user = getattr(request, "user", None)
    target = field.auto_id
    if not (user is not None and user.is_authenticated and user.coach_enabled and target):
        return {"show": False}
    name = field.html_name
    if not (FIELD_NAME.fullmatch(name) and ELEMENT_ID.fullmatch(target)):
        # The notes view would refuse it; say so here rather than fail quietly in the browser.
        raise template.TemplateSyntaxError(f"coach: can't read a field named {name!r}")
    vals = {"context": kind, "field": name, "target": target}
    if left_out:
        vals["quiet"] = ",".join(left_out)
    value = field.value()
    return {
        "show": True,
        # Words already in the field (a kept draft, a form sent back) get their notes now;
        # the coach is asked again only as the person types.
        "initial": notes_html(value, kind, target, left_out) if isinstance(value, str) else "",
        "target": target,
        "url": reverse("coach_notes"),
        # Only these go to the coach, never the rest of the form it sits in.
        "params": ",".join(["context", "field", "target", "quiet", name]),
        "vals": json.dumps(vals),
    }
