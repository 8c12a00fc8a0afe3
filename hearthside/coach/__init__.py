"""The language coach: notices common slips as people type and offers a gentler way to say the
same thing. It suggests; it never blocks, scolds or sends anything anywhere.

Pure Python, no Django, works offline::

    from hearthside.coach import analyze
    for f in analyze(text, context="reply"):
        f.kind, f.start, f.end, f.message, f.suggestion

Contexts: "share", "reply" (a listening reply: fixing and comparing are noticed only here),
"apology" (justifying in the same breath counts only here) and "request".
"""

from __future__ import annotations

import re
from dataclasses import replace

from hearthside.coach.rules import CONTEXTS, Finding, detectors
from hearthside.coach.text import sentence_start
from hearthside.coach.valence import valence
from hearthside.coach.words import beneath, feeling_labels, is_feeling, need_labels

__all__ = [
    "CONTEXTS",
    "KINDS",
    "Finding",
    "analyze",
    "beneath",
    "feeling_labels",
    "is_feeling",
    "need_labels",
    "valence",
]

KINDS = (
    "blame",
    "feeling_that_blames",
    "thought_as_feeling",
    "apology_pitfall",
    "contempt",
    "defensiveness",
    "fixing",
    "comparing",
)

# Live feedback runs on every pause in typing; past this the text is a letter, not a message,
# and the tail is left unread rather than slowing the page.
MAX_CHARS = 20_000


def analyze(text: str, context: str = "share") -> list[Finding]:
    """What the coach notices in `text`, in reading order. An empty list means nothing to
    suggest, not that the words are perfect."""
    if context not in CONTEXTS:
        raise ValueError(f"unknown context {context!r}; expected one of {', '.join(CONTEXTS)}")
    text = text[:MAX_CHARS]
    found: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    for detect in detectors(context):
        for finding in detect(text):
            # One note per kind per sentence: the same slip caught by two patterns, or said
            # twice in one breath, is one thing to think about, not two.
            sentence = sentence_start(text, finding.start)
            if (finding.kind, sentence) in seen:
                continue
            seen.add((finding.kind, sentence))
            found.append(finding)
    # Words inside quotation marks are someone's words being reported ("What I heard was 'you
    # never do anything'"), which is often exactly the honest thing to say.
    quoted = _quoted(text)
    found = [f for f in found if not any(a <= f.start and f.end <= b for a, b in quoted)]
    if context == "reply":
        # In a reply, "it's not a big deal" minimises their feeling (comparing) rather than
        # defending oneself; one note says it.
        found = [
            f
            for f in found
            if not (
                f.kind == "defensiveness"
                and any(
                    c.kind == "comparing" and c.start < f.end and f.start < c.end for c in found
                )
            )
        ]
    return sorted((_fit(text, f) for f in found), key=lambda f: (f.start, KINDS.index(f.kind)))


def _fit(text: str, finding: Finding) -> Finding:
    """Start a suggestion in lower case when it replaces words mid-sentence ("Honestly, when
    you…"), keeping "I" and "I'm" as they are."""
    before = text[: finding.rewrite_start].rstrip()
    suggestion = finding.suggestion
    if (
        before
        and before[-1] not in ".!?\n"
        and suggestion[:1].isupper()
        and not re.match(r"I\b", suggestion)
    ):
        return replace(finding, suggestion=suggestion[:1].lower() + suggestion[1:])
    return finding


_QUOTED = re.compile(
    "(?:^|(?<=[\\s(:,]))(?:'[^'\\n]{3,}?'|\"[^\"\\n]{3,}?\"|\u201c[^\u201d\\n]{3,}?\u201d|"
    "\u2018[^\u2019\\n]{3,}?\u2019)(?=[\\s.,!?;:)]|$)"
)


def _quoted(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
