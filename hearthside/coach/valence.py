"""How warm or heavy a piece of text reads, from the VADER lexicon (MIT licence, shipped inside
the vaderSentiment package, so nothing is fetched at runtime).

The coach uses valence in two small ways: to leave positive sentences alone ("you always make
me laugh") and to report a text's overall tone to the API. The analyser is loaded on first use,
once per process (about 20 ms), so importing the coach stays cheap.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol


class _Analyser(Protocol):
    lexicon: dict[str, float]

    def polarity_scores(self, text: str) -> dict[str, float]: ...


@cache
def _analyser() -> _Analyser:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser: _Analyser = SentimentIntensityAnalyzer()
    return analyser


# VADER slows down more than linearly on long input; past this, score paragraph-sized pieces.
_PIECE = 600


def valence(text: str) -> float:
    """The compound score: -1 (very heavy) to +1 (very warm); 0 for neutral or empty text.

    A long text is scored piece by piece (split at sentence ends) and the pieces averaged by
    their length, which keeps a letter-length text fast and reads about the same."""
    if not text.strip():
        return 0.0
    if len(text) <= _PIECE:
        return float(_analyser().polarity_scores(text)["compound"])
    total = weight = 0.0
    for piece in _pieces(text):
        words = len(piece.split())
        if words:
            total += words * _analyser().polarity_scores(piece)["compound"]
            weight += words
    return round(total / weight, 4) if weight else 0.0


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    current = ""
    for sentence in re.split(r"(?<=[.!?\n])\s+", text):
        if current and len(current) + len(sentence) > _PIECE:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces


def word_valence(word: str) -> float:
    """The lexicon's rating of a single word (-4 to +4), 0 when the word isn't rated."""
    return float(_analyser().lexicon.get(word.lower(), 0.0))
