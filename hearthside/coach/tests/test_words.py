from __future__ import annotations

import subprocess
import sys

from hearthside import vocab
from hearthside.coach import beneath, feeling_labels, is_feeling, need_labels
from hearthside.coach.words import FEELINGS_THAT_BLAME, feeling_label


def test_every_word_that_blames_maps_to_vocabulary_feelings_and_needs() -> None:
    # One source of words: what the coach offers is what a check-in offers.
    for word, under in FEELINGS_THAT_BLAME.items():
        assert under.feelings and under.needs, word
        for slug in under.feelings:
            assert feeling_label(slug), (word, slug)
        for slug in under.needs:
            assert vocab.need(slug), (word, slug)


def test_beneath_gives_readable_labels() -> None:
    under = beneath("Abandoned")
    assert under is not None
    assert under.feelings == ("lonely", "afraid")
    assert under.needs == ("closeness", "reassurance")
    assert beneath("taken  for granted") is not None
    assert beneath("lonely") is None


def test_words_that_blame_are_not_in_the_feelings_list() -> None:
    for word in FEELINGS_THAT_BLAME:
        assert not is_feeling(word), word


def test_feeling_and_need_helpers_read_the_vocabulary() -> None:
    assert is_feeling("worn out") and is_feeling("Lonely") and is_feeling("sad")
    assert "reassurance" in need_labels()
    assert len(feeling_labels()) > 80


def test_the_coach_imports_no_django_and_loads_quickly() -> None:
    code = (
        "import sys, time; t = time.perf_counter();"
        "from hearthside.coach import analyze, valence; analyze('you never listen');"
        "valence('a lovely walk');"
        "print('django' in sys.modules, time.perf_counter() - t)"
    )
    out = subprocess.run(  # noqa: S603 - fixed code, our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "False"
