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

from hearthside.coach.rules import CONTEXTS, Finding, detectors
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
    for detect in detectors(context):
        for finding in detect(text):
            # The same words caught twice by one kind (two overlapping patterns) say it once.
            if any(
                f.kind == finding.kind and f.start < finding.end and finding.start < f.end
                for f in found
            ):
                continue
            found.append(finding)
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
    return sorted(found, key=lambda f: (f.start, KINDS.index(f.kind)))
