"""The coach against its labelled sets: the bar a change to the rules must keep clearing.

evaluation.jsonl is what the rules were tuned on; holdout.jsonl and fresh.jsonl were written
apart from the rules (fresh.jsonl after them, by someone who never read them), so their figures
are the honest ones. The README reports all three.
"""

from __future__ import annotations

import pytest

from hearthside.coach import KINDS
from hearthside.coach.evaluate import DATA, load, report, score

SETS = sorted(DATA.glob("*.jsonl"))


def test_the_sets_are_big_and_varied_enough() -> None:
    examples = [e for path in SETS for e in load(path)]
    assert len(examples) >= 150
    for kind in KINDS:
        assert sum(kind in e.kinds for e in examples) >= 20, kind
    assert sum(not e.kinds for e in examples) >= 100
    assert {e.context for e in examples} == {"share", "reply", "apology", "request"}
    # Fixing and comparing are listening slips; elsewhere the same words are fine.
    assert all(e.context == "reply" for e in examples if e.kinds & {"fixing", "comparing"})


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_precision_recall_and_clean_texts_left_alone(path) -> None:
    result = score(load(path))
    summary = report(path.name, result)
    assert result.precision() >= 0.85, summary
    assert result.recall() >= 0.85, summary
    assert result.clean_rate() >= 0.90, summary


def test_every_kind_is_caught_across_all_sets() -> None:
    result = score([e for path in SETS for e in load(path)])
    summary = report("all sets", result)
    for kind in KINDS:
        # Per kind the bar is lower than overall: one phrasing missed in a small kind matters
        # less than the coach going quiet on a whole kind.
        assert result.recall(kind) >= 0.7, summary
        assert result.precision(kind) >= 0.7, summary
