"""Small text helpers for the coach: where clauses and sentences begin and end, and light
rewriting of a person's own words into a suggestion."""

from __future__ import annotations

import re

# The curly apostrophe (U+2019) is what phones type; accept it wherever a straight one fits,
# and also its absence ("dont", "youre"), which is how people text.
A = "['\u2019]?"

_SENTENCE_END = re.compile(r"[.!?\n]+")
# A clause ends at sentence punctuation, a semicolon or dash, or a turn like ", but".
_CLAUSE_END = re.compile(
    r"[.!?;:\n]|\s[-\u2013\u2014]+\s|\u2014|,?\s+but\b|,\s*(?:and|so)\b"
    r"|\s+and\s+(?=(?:i|i['\u2019]m|im|it|now|then|that|this)\b)"
)
_CLAUSE_START = re.compile(r"[.!?;:\n,]|\s[-\u2013\u2014]+\s|\u2014|\bbut\b")


def clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


# How far back to look for the start of a clause or sentence. Bounded so that a long letter
# costs the same per finding as a short message (no scanning from the top each time).
_LOOK_BACK = 400


def clause_start(text: str, pos: int) -> int:
    start = max(0, pos - _LOOK_BACK)
    for m in _CLAUSE_START.finditer(text, start, pos):
        start = m.end()
    while start < pos and text[start].isspace():
        start += 1
    return start


def sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.end() if m else len(text)


def sentence_start(text: str, pos: int) -> int:
    start = max(0, pos - _LOOK_BACK)
    for m in _SENTENCE_END.finditer(text, start, pos):
        start = m.end()
    while start < pos and text[start].isspace():
        start += 1
    return start


def tidy(words: str) -> str:
    """A person's words ready to be placed inside a suggestion: trimmed, without trailing
    punctuation or a leading "and"."""
    words = words.strip().rstrip(".!?,;:\u2026 ").strip()
    return re.sub(r"^(?:and|so|then)\s+", "", words, flags=re.IGNORECASE)


def join_labels(labels: tuple[str, ...] | list[str]) -> str:
    """'lonely', 'lonely and afraid', 'lonely, afraid and hurt'."""
    labels = list(labels)
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def keep_case(original: str, replacement: str) -> str:
    """Start the replacement with a capital when the words it replaces did."""
    if original[:1].isupper():
        return capitalise(replacement)
    return replacement
