"""Measure the coach against a labelled set: precision and recall per kind and overall, and how
many clean texts it leaves alone.

    python -m hearthside.coach.evaluate [FILE.jsonl ...]

Each line of a set is ``{"text": ..., "context": ..., "kinds": [...]}``; ``kinds`` lists every
kind present anywhere in the text (empty for a clean text). A finding counts as right when its
kind is among the text's kinds; several findings of one kind in one text count once.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hearthside.coach import KINDS, analyze

DATA = Path(__file__).parent / "tests" / "data"
SETS = tuple(sorted(DATA.glob("*.jsonl")))


@dataclass(frozen=True)
class Example:
    text: str
    context: str
    kinds: frozenset[str]


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    clean: int = 0
    clean_left_alone: int = 0
    misses: list[tuple[Example, frozenset[str]]] = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fp = self.fp[kind] if kind else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fn = self.fn[kind] if kind else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 1.0

    def clean_rate(self) -> float:
        return self.clean_left_alone / self.clean if self.clean else 1.0


def load(path: Path) -> list[Example]:
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        unknown = set(row["kinds"]) - set(KINDS)
        if unknown:
            raise ValueError(f"{path.name}:{number}: unknown kinds {sorted(unknown)}")
        examples.append(Example(row["text"], row["context"], frozenset(row["kinds"])))
    return examples


def score(examples: list[Example]) -> Score:
    result = Score()
    for example in examples:
        found = frozenset(f.kind for f in analyze(example.text, example.context))
        for kind in found & example.kinds:
            result.tp[kind] += 1
        for kind in found - example.kinds:
            result.fp[kind] += 1
        for kind in example.kinds - found:
            result.fn[kind] += 1
        if not example.kinds:
            result.clean += 1
            result.clean_left_alone += not found
        if found != example.kinds:
            result.misses.append((example, found))
    return result


def report(name: str, result: Score) -> str:
    lines = [f"{name}", f"{'kind':22} {'precision':>9} {'recall':>7} {'found':>6} {'labelled':>8}"]
    for kind in KINDS:
        labelled = result.tp[kind] + result.fn[kind]
        found = result.tp[kind] + result.fp[kind]
        lines.append(
            f"{kind:22} {result.precision(kind):9.2f} {result.recall(kind):7.2f} "
            f"{found:6} {labelled:8}"
        )
    lines.append(f"{'overall':22} {result.precision():9.2f} {result.recall():7.2f}")
    lines.append(
        f"clean texts left alone: {result.clean_left_alone}/{result.clean} "
        f"({result.clean_rate():.0%})"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or list(SETS)
    for path in paths:
        result = score(load(path))
        print(report(path.name, result))
        if "-v" in sys.argv or "--misses" in sys.argv:
            for example, found in result.misses:
                print(
                    f"  [{example.context}] want {sorted(example.kinds)} got {sorted(found)}: "
                    f"{example.text}"
                )
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main([a for a in sys.argv[1:] if not a.startswith("-")]))
