"""The apology builder's pure parts: composing the three parts into one apology, and pointing
out what may stop it landing. No Django.

An apology lands when it is specific, owns the impact and says what will change. The check
asks the language coach (`hearthside.coach`), so the builder, the API and the live notes under
each field all say the same thing about the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hearthside.coach import analyze

# The curly apostrophe (U+2019) is what phones type; accept it wherever a straight one fits.
_A = "['\u2019]"

# What gets in the way of an apology: its own pitfalls ("sorry if", "sorry, but", justifying),
# and turning it back on them, by blaming ("you made me") or defending ("if you hadn't").
KINDS = ("apology_pitfall", "blame", "defensiveness")


@dataclass(frozen=True)
class Pitfall:
    kind: str  # a coach kind: "apology_pitfall", "blame" or "defensiveness"
    start: int
    end: int
    message: str
    suggestion: str  # a gentler way to say it, with "…" where the person's own words go


def pitfalls(text: str) -> list[Pitfall]:
    """The pitfalls in `text`, in the order they appear, each pointing at its words once. An
    empty list means none were found (not that the apology is perfect)."""
    found: list[Pitfall] = []
    for f in analyze(text, context="apology"):
        if f.kind not in KINDS:
            continue
        # "You made me do it" is both blame and defence; one note about the same words is enough.
        if any(p.start < f.end and f.start < p.end for p in found):
            continue
        found.append(Pitfall(f.kind, f.start, f.end, f.message, f.suggestion))
    return found


def compose(what_i_did: str, impact: str, next_time: str) -> str:
    """Put the builder's three parts together as one apology, in plain words."""
    parts = []
    did = what_i_did.strip()
    if re.match(rf"^((i{_A}?m|i am)\s+)?(so\s+|really\s+)?sorry\b", did, re.IGNORECASE):
        # They wrote their own apology; keep their words rather than wrap them in ours.
        parts.append(did[:1].upper() + did[1:])
    elif did:
        # People often start with "I …" themselves; don't make it "I'm sorry that I I …".
        did = re.sub(r"^i\s+", "", did, flags=re.IGNORECASE)
        parts.append(f"I'm sorry that I {_lower_first(did)}")
    if impact.strip():
        parts.append(f"I can see it {_lower_first(impact.strip())}")
    if next_time.strip():
        parts.append(f"Next time I will {_lower_first(next_time.strip())}")
    return " ".join(p.rstrip(".") + "." for p in parts)


def _lower_first(text: str) -> str:
    # Keep "I" and names as they are; only soften an ordinary capitalised first word.
    first = text.split(" ", 1)[0]
    if first.replace("\u2019", "'") in {"I", "I'm", "I've", "I'd", "I'll"} or (
        len(first) > 1 and first[1:].lower() != first[1:]
    ):
        return text
    return text[:1].lower() + text[1:]
