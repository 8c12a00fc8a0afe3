"""The words this practice uses, in one place: the hopes a person can pick for an intention, the
areas a goal can belong to, and the prompts of a revisit. Written for Hearthside; labels are
marked for translation and translated when shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Hope(NamedTuple):
    slug: str
    label: StrOrPromise
    hint: StrOrPromise


# What someone might hope opening up brings. Slugs are stored; never rename one.
HOPES: tuple[Hope, ...] = (
    Hope("closeness", _("Closeness"), _("Feeling nearer to each other")),
    Hope("relief", _("Relief"), _("Not carrying things on my own")),
    Hope("clearer-boundaries", _("Clearer boundaries"), _("Knowing, and saying, what's okay")),
    Hope("being-known", _("Being known"), _("Being seen as I really am")),
    Hope("less-hiding", _("Less hiding"), _("Not having to keep up a front")),
    Hope("trust", _("Trust"), _("Trusting each other with a little more")),
    Hope("courage", _("Courage"), _("Getting braver about saying hard things")),
    Hope("calmer-conflict", _("Calmer conflict"), _("Disagreeing without it becoming a fight")),
    Hope("quicker-repair", _("Quicker repair"), _("Finding our way back sooner")),
    Hope("understanding", _("Understanding"), _("Getting where the other is coming from")),
    Hope("lightness", _("Lightness"), _("More room to laugh, less walking on eggshells")),
    Hope("self-kindness", _("Kindness to myself"), _("Being gentler with my own feelings")),
)
HOPE_SLUGS = frozenset(h.slug for h in HOPES)
HOPE_LABELS = {h.slug: h.label for h in HOPES}


def hope_label(slug: str) -> str:
    return str(HOPE_LABELS.get(slug, slug))


# Where a long-term goal lives. Values have no area.
AREAS: tuple[tuple[str, StrOrPromise], ...] = (
    ("family", _("Family")),
    ("work", pgettext_lazy("area of life", "Work")),
    ("growth", _("Growth")),
    ("home", _("Home")),
    ("health", _("Health")),
    ("money", _("Money")),
    ("fun", _("Fun")),
    ("other", _("Other")),
)
AREA_SLUGS = frozenset(slug for slug, _label in AREAS)


class Prompt(NamedTuple):
    title: StrOrPromise
    guidance: StrOrPromise


# The revisit, one prompt at a time. Notes are stored by position: only ever add at the end.
PROMPTS: tuple[Prompt, ...] = (
    Prompt(
        _("What still fits?"),
        _(
            "Read your values and goals slowly, out loud if you like. Which still feel true? "
            "Which read like they were written by people you used to be?"
        ),
    ),
    Prompt(
        _("What's changed?"),
        _(
            "Since you last looked — in your lives, in each of you, between you. Big things "
            "and small ones both count."
        ),
    ),
    Prompt(
        _("One thing we want more of"),
        _("Just one. Something you'd be glad to find more of by the next time you look."),
    ),
    Prompt(
        _("One goal to keep, change or let go"),
        _(
            "Choose one goal together. Keep it as it is, say it differently, or let it go with "
            "thanks. Letting go is a fine outcome: it stays in your history."
        ),
    ),
)

# How often a circle looks at its values again, in months (0: only when someone starts one).
CADENCES: tuple[tuple[int, StrOrPromise], ...] = (
    (1, _("Every month")),
    (3, _("Every three months")),
    (6, _("Every six months")),
    (12, _("Once a year")),
    (0, _("No schedule — we'll start one when it feels right")),
)
DEFAULT_CADENCE = 3
