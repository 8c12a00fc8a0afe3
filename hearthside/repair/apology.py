"""The apology pitfall check: a small pure function (no Django), so the language coach can
later grow it into its general analyser.

An apology lands when it is specific, owns the impact and says what will change. These are the
common ways it goes wrong; each finding points at the words and offers a warmer way to say it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Marks messages for translation (extracted with `makemessages --keyword=N_`); they are
# translated where shown, since this module imports no Django.
from hearthside.vocab.words import N_

# The curly apostrophe (U+2019) is what phones type; accept it wherever a straight one fits.
_A = "['\u2019]"


@dataclass(frozen=True)
class Pitfall:
    kind: str
    start: int
    end: int
    message: str
    suggestion: str


_RULES: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    (
        "sorry-if",
        re.compile(rf"\b(i{_A}?m\s+)?sorry\s+if\b", re.IGNORECASE),
        N_("“Sorry if…” can sound like you're not sure anything happened."),
        N_("Name what you did: “I'm sorry I …”."),
    ),
    (
        "sorry-but",
        re.compile(rf"\b(i{_A}?m\s+)?sorry\b[^.!?\n]{{0,40}}?,?\s*\bbut\b", re.IGNORECASE),
        N_("A “but” after sorry tends to cancel the apology in the other person's ears."),
        N_("Stop at the apology. Your side can come later, once they feel heard."),
    ),
    (
        "sorry-you-feel",
        re.compile(
            rf"\b(i{_A}?m\s+)?sorry\s+(that\s+)?you\s+(feel|felt|are|were|took|take|got)\b",
            re.IGNORECASE,
        ),
        N_("“Sorry you feel…” puts the problem in their feelings rather than in what happened."),
        N_("Own your part: “I'm sorry I … — I can see it left you feeling …”."),
    ),
    (
        "justifying",
        re.compile(
            rf"\b(i only|i just|i was (only|just)|i didn{_A}?t mean|i had no choice|"
            rf"it was(n{_A}?t)? (only|just)|you know how i|in my defen[cs]e|to be fair)\b",
            re.IGNORECASE,
        ),
        N_("Explaining why in the same breath can sound like a defence."),
        N_("Keep the why for later; for now say what happened and how it affected them."),
    ),
    (
        "blaming-back",
        re.compile(rf"\b(you made me|if you hadn{_A}?t|you started|you always|you never)\b", re.I),
        N_("This turns the apology back toward them."),
        N_("Keep this one about your part; their part can have its own turn."),
    ),
)


def pitfalls(text: str) -> list[Pitfall]:
    """The pitfalls in `text`, in the order they appear. An empty list means none were found
    (not that the apology is perfect)."""
    found = [
        Pitfall(kind, m.start(), m.end(), message, suggestion)
        for kind, pattern, message, suggestion in _RULES
        for m in pattern.finditer(text)
    ]
    return sorted(found, key=lambda p: (p.start, p.kind))


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
