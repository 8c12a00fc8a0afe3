"""Feelings, needs and body-signal vocabularies, and the check-in scales.

Pure Python: this package must never import Django, because the language coach
reuses it outside the web app. Labels are returned untranslated (marked with
``N_`` in :mod:`hearthside.vocab.words`); callers translate them for display.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hearthside.vocab.words import (
    BODY_SIGNALS,
    ENERGY_SCALE,
    FEELING_FAMILIES,
    MOOD_SCALE,
    NEED_GROUPS,
    SHARE_DEPTHS,
    SHARE_WANTS,
    WordData,
)

__all__ = [
    "ENERGY_SCALE",
    "MOOD_SCALE",
    "SHARE_DEPTHS",
    "SHARE_WANTS",
    "Family",
    "NeedGroup",
    "Word",
    "body_signal",
    "body_signal_choices",
    "body_signal_slugs",
    "body_signals",
    "family_of",
    "feeling",
    "feeling_choices",
    "feeling_families",
    "feeling_slugs",
    "need",
    "need_choices",
    "need_groups",
    "need_slugs",
]


@dataclass(frozen=True)
class Word:
    slug: str
    label: str


@dataclass(frozen=True)
class Family:
    slug: str
    label: str
    pleasant: bool
    description: str
    words: tuple[Word, ...]


@dataclass(frozen=True)
class NeedGroup:
    slug: str
    label: str
    words: tuple[Word, ...]


def _words(data: Iterable[WordData]) -> tuple[Word, ...]:
    return tuple(Word(slug, label) for slug, label in data)


def _index(words: Iterable[Word], vocabulary: str) -> dict[str, Word]:
    # Slugs are stored in entries, so a duplicate would silently merge two
    # meanings; fail at import instead.
    index: dict[str, Word] = {}
    for word in words:
        if word.slug in index:
            raise ValueError(f"duplicate {vocabulary} slug: {word.slug!r}")
        index[word.slug] = word
    return index


_FAMILIES: tuple[Family, ...] = tuple(
    Family(slug, label, pleasant, description, _words(words))
    for slug, label, pleasant, description, words in FEELING_FAMILIES
)
_NEED_GROUPS: tuple[NeedGroup, ...] = tuple(
    NeedGroup(slug, label, _words(words)) for slug, label, words in NEED_GROUPS
)
_BODY_SIGNALS: tuple[Word, ...] = _words(BODY_SIGNALS)

_FEELINGS = _index((w for f in _FAMILIES for w in f.words), "feeling")
_NEEDS = _index((w for g in _NEED_GROUPS for w in g.words), "need")
_BODY = _index(_BODY_SIGNALS, "body signal")
_FAMILY_BY_FEELING: dict[str, Family] = {w.slug: f for f in _FAMILIES for w in f.words}

_FEELING_SLUGS = frozenset(_FEELINGS)
_NEED_SLUGS = frozenset(_NEEDS)
_BODY_SLUGS = frozenset(_BODY)


def feeling_families() -> tuple[Family, ...]:
    """All feeling families, pleasant ones first, in display order."""
    return _FAMILIES


def need_groups() -> tuple[NeedGroup, ...]:
    return _NEED_GROUPS


def body_signals() -> tuple[Word, ...]:
    """Body signals, tense ones first, then settled ones."""
    return _BODY_SIGNALS


def feeling(slug: str) -> Word | None:
    return _FEELINGS.get(slug)


def need(slug: str) -> Word | None:
    return _NEEDS.get(slug)


def body_signal(slug: str) -> Word | None:
    return _BODY.get(slug)


def family_of(feeling_slug: str) -> Family | None:
    return _FAMILY_BY_FEELING.get(feeling_slug)


def feeling_slugs() -> frozenset[str]:
    return _FEELING_SLUGS


def need_slugs() -> frozenset[str]:
    return _NEED_SLUGS


def body_signal_slugs() -> frozenset[str]:
    return _BODY_SLUGS


def feeling_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form field: ``[(family label, [(slug, label), ...]), ...]``.

    A fresh list on every call, so a caller may change it freely. Labels are
    untranslated; wrap them with gettext at display time.
    """
    return [(f.label, [(w.slug, w.label) for w in f.words]) for f in _FAMILIES]


def need_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form field, one group per need group."""
    return [(g.label, [(w.slug, w.label) for w in g.words]) for g in _NEED_GROUPS]


def body_signal_choices() -> list[tuple[str, str]]:
    return [(w.slug, w.label) for w in _BODY_SIGNALS]
