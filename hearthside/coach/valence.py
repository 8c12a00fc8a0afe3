"""How warm or heavy a piece of text reads, from the VADER lexicon (MIT licence, shipped inside
the vaderSentiment package, so nothing is fetched at runtime).

The coach uses valence in two small ways: to leave positive sentences alone ("you always make
me laugh") and to report a text's overall tone to the API. The analyser is loaded on first use,
once per process (about 20 ms), so importing the coach stays cheap.
"""

from __future__ import annotations

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


def valence(text: str) -> float:
    """The compound score: -1 (very heavy) to +1 (very warm); 0 for neutral or empty text."""
    if not text.strip():
        return 0.0
    return float(_analyser().polarity_scores(text)["compound"])


def word_valence(word: str) -> float:
    """The lexicon's rating of a single word (-4 to +4), 0 when the word isn't rated."""
    return float(_analyser().lexicon.get(word.lower(), 0.0))
