"""The fixed words of weathering stress together, in one place: what would help when someone is
stretched thin, the quick offers the others can answer with, how heavy a thing feels, and the
kinds of outside support. Slugs are stored; labels are translated when shown.

Only these words (and people's names) ever travel in a notification: they are ours, not
anybody's private text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What would help, chosen by the person who is stretched thin (any number of them).
HELPS: tuple[tuple[str, StrOrPromise], ...] = (
    ("hug", _("a hug")),
    ("quiet-time", _("some quiet time")),
    ("off-my-plate", _("taking something off my plate")),
    ("talk-it-through", _("talking it through")),
    ("meal-sorted", _("a meal sorted")),
    ("just-know", _("just knowing I'm stretched")),
)
HELP_SLUGS = frozenset(slug for slug, _label in HELPS)

# One-tap answers; an offer can also be (or add) a few words of one's own.
QUICK_OFFERS: tuple[tuple[str, StrOrPromise], ...] = (
    ("dinner", _("I'll take dinner tonight")),
    ("hug", _("Come here — hug incoming")),
    ("quiet", _("I'll keep things quiet for you")),
    ("task", _("Give me one thing off your list")),
    ("talk", _("Want to talk it through later?")),
    ("here", _("I'm here. No need to answer")),
)
QUICK_OFFER_SLUGS = frozenset(slug for slug, _label in QUICK_OFFERS)

SIZES: tuple[tuple[str, StrOrPromise], ...] = (
    ("light", _("Light")),
    ("medium", _("Medium")),
    ("heavy", _("Heavy")),
)

SUPPORT_KINDS: tuple[tuple[str, StrOrPromise], ...] = (
    ("family", _("Family")),
    ("friend", _("Friend")),
    ("neighbour", _("Neighbour")),
    ("childcare", _("Childcare")),
    ("professional", _("Counsellor or therapist")),
    ("health", _("Doctor or health service")),
    ("helpline", _("Helpline")),
    ("other", _("Someone else")),
)


def label(choices: tuple[tuple[str, StrOrPromise], ...], slug: str) -> str:
    """The translated label of `slug` in `choices`, or "" for a slug we don't know."""
    return str(dict(choices).get(slug, ""))


def help_labels(slugs: list[str]) -> list[str]:
    """Labels of the known helps among `slugs`, in our list's order. Anything else is dropped,
    so free text can never pass for one of our words."""
    chosen = set(slugs)
    return [str(text) for slug, text in HELPS if slug in chosen]
