#!/usr/bin/env python
"""`make bench-coach` (and part of `make bench`): how fast the language coach reads, with budgets.

The coach runs on every pause in typing, so it must answer well inside a keystroke. Not a unit
test: pure Python, no Django, no database.

1. Pins this process (and the subprocesses it starts) to one core where the OS allows, so the
   numbers are one core's worth of work and not helped or hurt by the scheduler.
2. Sentences: the texts of `hearthside/coach/tests/data/evaluation.jsonl` (labelled, realistic
   messages), or a built-in list when that file is missing. 300-word texts: at least 200 of
   them, each made by joining shuffled sentences (with a paragraph break now and then) and
   cutting at exactly 300 words.
3. Warm-up: every sentence in every context once (compiles the patterns, loads the valence
   lexicon). Then `analyze` is timed call by call: each sentence in each of the four contexts,
   several rounds; each 300-word text in each context. Garbage collection stays on, as in the
   server.
4. Load: `import hearthside.coach` plus a first `analyze` call in a fresh interpreter, 5 times;
   the median counts against the budget (the slowest is shown too).
5. Prints a table and exits 1 naming every broken budget. Two rows have no budget and are there
   to watch: `valence` on 300 words and the API's whole job (`analyze` + `valence`) on the
   longest text it accepts.

Usage: `make bench-coach` (or `.venv/bin/python scripts/coach_bench.py`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# --- Budgets ----------------------------------------------------------------------------------
# Live feedback runs on every pause in typing; a few milliseconds is invisible next to the
# debounce and the network, and a home server (a small NAS or a Raspberry Pi) is several times
# slower than a laptop, so the budgets leave that room.
BUDGETS: dict[str, float] = {
    "sentence_p99_ms": 1.0,  # `analyze` on one sentence, any context, p99
    "words300_p99_ms": 5.0,  # `analyze` on a 300-word text, any context, p99
    "load_s": 1.0,  # import + first call in a fresh interpreter, median of 5
}

CONTEXTS = ("share", "reply", "apology", "request")
EVALUATION = ROOT / "hearthside" / "coach" / "tests" / "data" / "evaluation.jsonl"
SENTENCE_ROUNDS = 5
TEXT_WORDS = 300
TEXTS = 200
LOAD_RUNS = 5
LOAD_SNIPPET = (
    "import time; t=time.perf_counter(); from hearthside.coach import analyze; analyze('x'); "
    "print(time.perf_counter()-t)"
)

# Used only when the evaluation set is not there: everyday messages, kind and not.
FALLBACK_SENTENCES = [
    "You never listen to me when I talk about work.",
    "You always leave the dishes for me to do.",
    "I felt lonely when you stayed late at the office again.",
    "Thank you for picking up the kids today, it really helped.",
    "It's your fault we missed the train.",
    "I feel like you don't care about what I want.",
    "I'm sorry I snapped at you, but you were being so annoying.",
    "Have you tried just going to bed earlier?",
    "At least you still have a job.",
    "Would you be willing to call me when you're running late?",
    "I need some quiet time after work before we talk about plans.",
    "You make me feel stupid whenever I bring up money.",
    "I loved our walk on Sunday, can we do it again?",
    "Whatever, do what you want.",
    "I'm not the one who forgot the anniversary.",
    "That sounds really hard, I'm here if you want to talk.",
    "You should just tell your boss how you feel.",
    "I feel abandoned when plans change at the last minute.",
    "Could we sit down this weekend and look at the budget together?",
    "I was just tired after the night shift, that's all.",
    "I'm sorry I was late. I'll set an alarm next time.",
    "You're so selfish sometimes.",
    "I appreciate how patient you were with my mum.",
    "When the laundry piles up I feel overwhelmed and I need help.",
    "Honestly, you're being ridiculous about this.",
]


def pin_to_one_core() -> str:
    """Pin this process to the first core it may run on; say what happened."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
    except OSError as exc:
        return f"not pinned ({exc})"
    return f"pinned to cpu {cpu}"


def load_sentences() -> tuple[list[str], str]:
    if EVALUATION.exists():
        with EVALUATION.open(encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line in lines if line.strip()]
        unique = list(dict.fromkeys(t for t in texts if t.strip()))
        return unique, EVALUATION.relative_to(ROOT).as_posix()
    return list(FALLBACK_SENTENCES), "the built-in list"


def build_texts(sentences: Sequence[str], count: int, words: int, seed: int = 7) -> list[str]:
    """`count` texts of exactly `words` words, each a shuffled run of the sentences."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not security)
    texts = []
    for _ in range(count):
        parts: list[str] = []
        total = 0
        while total < words:
            sentence = rng.choice(sentences)
            parts.append(sentence + ("\n\n" if rng.random() < 0.15 else " "))
            total += len(sentence.split())
        text = "".join(parts)
        # Cut after the `words`-th word, keeping the whitespace (paragraph breaks) as typed.
        kept = text.split()[:words]
        end = 0
        for word in kept:
            end = text.index(word, end) + len(word)
        texts.append(text[:end])
    return texts


def time_calls(fn: Callable[[str, str], object], cases: Sequence[tuple[str, str]]) -> list[float]:
    """Seconds per call, one sample per case."""
    clock = time.perf_counter
    samples = []
    for text, context in cases:
        started = clock()
        fn(text, context)
        samples.append(clock() - started)
    return samples


def p99(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, -(-len(ordered) * 99 // 100) - 1)]  # nearest rank


def load_times() -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = []
    for _ in range(LOAD_RUNS):
        out = subprocess.run(  # noqa: S603 (our own interpreter, a fixed snippet)
            [sys.executable, "-c", LOAD_SNIPPET],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(float(out.stdout.strip().splitlines()[-1]))
    return runs


@dataclass
class Row:
    what: str
    n: int
    median: float  # seconds
    p99: float  # seconds
    unit: str  # "us", "ms" or "s"
    budget_key: str | None = None

    def value(self) -> float:
        return self.median if self.budget_key == "load_s" else self.p99


SCALE = {"us": 1e6, "ms": 1e3, "s": 1.0}


def report(rows: list[Row]) -> list[str]:
    """Print the table; return the broken budgets, each naming itself."""
    header = f"{'what':<44} {'n':>6} {'median':>11} {'p99 / max':>11} {'budget':>12}  ok"
    print()
    print(header)
    print("-" * len(header))
    broken = []
    for row in rows:
        scale = SCALE[row.unit]
        budget, ok = "", ""
        if row.budget_key is not None:
            limit = BUDGETS[row.budget_key]
            limit_s = limit / 1e3 if row.budget_key.endswith("_ms") else limit
            budget = f"< {limit_s * scale:g} {row.unit}"
            if row.value() < limit_s:
                ok = "yes"
            else:
                ok = "NO"
                broken.append(f"{row.what}: {row.value() * scale:.2f} {row.unit} (budget {budget})")
        print(
            f"{row.what:<44} {row.n:>6} {row.median * scale:>8.2f} {row.unit:<2} "
            f"{row.p99 * scale:>8.2f} {row.unit:<2} {budget:>12}  {ok}"
        )
    return broken


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument(
        "--rounds",
        type=int,
        default=SENTENCE_ROUNDS,
        help=f"times each sentence is timed in each context (default {SENTENCE_ROUNDS})",
    )
    args = parser.parse_args(argv)
    overall = time.perf_counter()
    print(f"coach bench: {pin_to_one_core()}; python {sys.version.split()[0]}")

    # Load first, in fresh interpreters, before this process has imported anything heavy.
    loads = load_times()

    from hearthside.coach import MAX_CHARS, analyze, valence

    sentences, source = load_sentences()
    texts = build_texts(sentences, TEXTS, TEXT_WORDS)
    words = [len(s.split()) for s in sentences]
    print(
        f"  {len(sentences)} sentences from {source} ({statistics.median(words):.0f} words median, "
        f"{max(words)} max); {len(texts)} texts of {TEXT_WORDS} words"
    )

    # Warm up: patterns compiled, valence lexicon loaded, every code path touched once.
    for context in CONTEXTS:
        for sentence in sentences:
            analyze(sentence, context)
    for text in texts[:10]:
        analyze(text, "reply")
        valence(text)

    sentence_cases = [(s, c) for _ in range(args.rounds) for c in CONTEXTS for s in sentences]
    random.Random(11).shuffle(sentence_cases)  # noqa: S311 (a call order, not a secret)
    per_sentence = time_calls(analyze, sentence_cases)

    text_cases = [(t, c) for c in CONTEXTS for t in texts]
    random.Random(13).shuffle(text_cases)  # noqa: S311 (a call order, not a secret)
    per_text = time_calls(analyze, text_cases)

    per_text_valence = time_calls(lambda text, _context: valence(text), text_cases[: len(texts)])

    sentence_stream = " ".join(sentences)
    longest = (sentence_stream * (MAX_CHARS // len(sentence_stream) + 1))[:MAX_CHARS]

    def api_job(text: str, context: str) -> None:
        analyze(text, context)
        valence(text)

    longest_cases = [(longest, c) for c in CONTEXTS]
    per_longest = time_calls(api_job, longest_cases)

    def row(what: str, samples: list[float], unit: str, key: str | None = None) -> Row:
        return Row(what, len(samples), statistics.median(samples), p99(samples), unit, key)

    rows = [
        row("analyze, one sentence (4 contexts)", per_sentence, "us", "sentence_p99_ms"),
        row(f"analyze, {TEXT_WORDS} words (4 contexts)", per_text, "ms", "words300_p99_ms"),
        Row(
            "import + first analyze (fresh process)",
            len(loads),
            statistics.median(loads),
            max(loads),
            "s",
            "load_s",
        ),
        row(f"valence, {TEXT_WORDS} words (not budgeted)", per_text_valence, "ms"),
        Row(
            f"API job on {MAX_CHARS:,} chars (not budgeted)",
            len(per_longest),
            statistics.median(per_longest),
            max(per_longest),
            "ms",
        ),
    ]
    broken = report(rows)
    print("(p99 / max: p99 for timed calls, the slowest run for load and the 20,000-char text)")
    print(f"\ncoach bench finished in {time.perf_counter() - overall:.1f} s; {load_note()}")
    if broken:
        print("\nover budget:")
        for line in broken:
            print(f"  {line}")
        return 1
    return 0


def load_note() -> str:
    try:
        one_minute = os.getloadavg()[0]
    except OSError:
        return ""
    cores = os.cpu_count() or 1
    busy = " — the machine is busy, so these numbers are pessimistic" if one_minute > cores else ""
    return f"load average {one_minute:.1f} on {cores} cores{busy}"


if __name__ == "__main__":
    sys.exit(main())
