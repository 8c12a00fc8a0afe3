"""Words the coach listens for, tied to the one vocabulary in :mod:`hearthside.vocab`.

"Feelings that blame" are words that sound like feelings but describe what someone else did
("abandoned" says *you left me*). Each maps to feeling and need slugs from the vocabulary, so a
suggestion offers exactly the words people also pick in a check-in; a test checks that every
slug here exists there.
"""

from __future__ import annotations

from dataclasses import dataclass

from hearthside import vocab


@dataclass(frozen=True)
class Beneath:
    """What usually lies under a word that blames: feelings and needs (vocabulary slugs)."""

    feelings: tuple[str, ...]
    needs: tuple[str, ...]


# Forms people type (British and American spellings, phrases) -> what lies beneath.
_B = Beneath
FEELINGS_THAT_BLAME: dict[str, Beneath] = {
    "abandoned": _B(("lonely", "afraid"), ("closeness", "reassurance")),
    "ignored": _B(("lonely", "hurt"), ("to-be-seen", "to-be-heard")),
    "manipulated": _B(("uneasy", "angry"), ("honesty", "trust")),
    "betrayed": _B(("hurt", "heartbroken"), ("trust", "honesty")),
    "unheard": _B(("lonely", "frustrated"), ("to-be-heard", "to-be-understood")),
    "unseen": _B(("lonely", "hurt"), ("to-be-seen", "to-matter")),
    "invisible": _B(("lonely", "hurt"), ("to-be-seen", "to-matter")),
    "rejected": _B(("hurt", "lonely"), ("acceptance", "closeness")),
    "unappreciated": _B(("disappointed", "drained"), ("to-matter", "consideration")),
    "underappreciated": _B(("disappointed", "drained"), ("to-matter", "consideration")),
    "unvalued": _B(("disappointed", "hurt"), ("to-matter", "respect")),
    "undervalued": _B(("disappointed", "hurt"), ("to-matter", "respect")),
    "taken for granted": _B(("disappointed", "drained"), ("to-matter", "consideration")),
    "neglected": _B(("lonely", "sad"), ("closeness", "time-together")),
    "attacked": _B(("afraid", "hurt"), ("reassurance", "respect")),
    "criticised": _B(("hurt", "discouraged"), ("acceptance", "respect")),
    "criticized": _B(("hurt", "discouraged"), ("acceptance", "respect")),
    "judged": _B(("self-conscious", "hurt"), ("acceptance", "to-be-understood")),
    "used": _B(("hurt", "resentful"), ("fairness", "to-matter")),
    "dismissed": _B(("hurt", "frustrated"), ("to-be-heard", "respect")),
    "invalidated": _B(("hurt", "frustrated"), ("to-be-understood", "acceptance")),
    "misunderstood": _B(("frustrated", "lonely"), ("to-be-understood", "clarity")),
    "let down": _B(("disappointed", "sad"), ("reliability", "trust")),
    "left out": _B(("lonely", "hurt"), ("belonging", "consideration")),
    "shut out": _B(("lonely", "hurt"), ("closeness", "openness")),
    "controlled": _B(("frustrated", "uneasy"), ("independence", "choice")),
    "pressured": _B(("anxious", "overwhelmed"), ("choice", "my-own-pace")),
    "pressured into": _B(("anxious", "overwhelmed"), ("choice", "my-own-pace")),
    "cornered": _B(("anxious", "overwhelmed"), ("choice", "space")),
    "trapped": _B(("anxious", "overwhelmed"), ("choice", "independence")),
    "smothered": _B(("overwhelmed", "irritated"), ("space", "time-alone")),
    "disrespected": _B(("hurt", "angry"), ("respect", "consideration")),
    "unloved": _B(("sad", "lonely"), ("affection", "closeness")),
    "unwanted": _B(("sad", "lonely"), ("belonging", "acceptance")),
    "unsupported": _B(("lonely", "overwhelmed"), ("support", "sharing-the-load")),
    "belittled": _B(("hurt", "embarrassed"), ("respect", "acceptance")),
    "patronised": _B(("irritated", "hurt"), ("respect", "to-be-seen")),
    "patronized": _B(("irritated", "hurt"), ("respect", "to-be-seen")),
    "blamed": _B(("hurt", "anxious"), ("fairness", "to-be-understood")),
    "cheated": _B(("hurt", "angry"), ("fairness", "trust")),
    "lied to": _B(("hurt", "uneasy"), ("honesty", "trust")),
    "put down": _B(("hurt", "embarrassed"), ("respect", "acceptance")),
    "brushed off": _B(("hurt", "disappointed"), ("to-be-heard", "to-matter")),
    "pushed away": _B(("lonely", "hurt"), ("closeness", "reassurance")),
    "forgotten": _B(("sad", "lonely"), ("to-matter", "consideration")),
    "excluded": _B(("lonely", "hurt"), ("belonging", "consideration")),
    "interrupted": _B(("frustrated", "impatient"), ("to-be-heard", "respect")),
    "provoked": _B(("angry", "irritated"), ("respect", "quiet")),
    "bullied": _B(("afraid", "hurt"), ("reassurance", "respect")),
    "humiliated": _B(("embarrassed", "hurt"), ("respect", "acceptance")),
    "unimportant": _B(("sad", "hurt"), ("to-matter", "consideration")),
}


@dataclass(frozen=True)
class Underneath:
    """Labels (untranslated) for the feelings and needs beneath a word that blames."""

    feelings: tuple[str, ...]
    needs: tuple[str, ...]


def beneath(word: str) -> Underneath | None:
    """The feelings and needs that usually lie under a feeling that blames, as labels."""
    found = FEELINGS_THAT_BLAME.get(" ".join(word.lower().split()))
    if found is None:
        return None
    feelings = tuple(label for s in found.feelings if (label := feeling_label(s)))
    needs = tuple(w.label for s in found.needs if (w := vocab.need(s)))
    return Underneath(feelings, needs)


def feeling_label(slug: str) -> str | None:
    """A feeling's label by slug; a family's own name ("sad", "angry") counts as a feeling too."""
    word = vocab.feeling(slug)
    if word is not None:
        return word.label
    family = _FAMILIES.get(slug)
    return family.label.lower() if family else None


_FAMILIES = {f.slug: f for f in vocab.feeling_families()}


def is_feeling(word: str) -> bool:
    """Whether `word` is one of the vocabulary's feelings (by label, e.g. "worn out")."""
    return " ".join(word.lower().replace("-", " ").split()) in _FEELING_LABELS


def feeling_labels() -> frozenset[str]:
    return _FEELING_LABELS


def need_labels() -> frozenset[str]:
    return _NEED_LABELS


_FEELING_LABELS = frozenset(
    " ".join(w.label.lower().replace("-", " ").split())
    for family in vocab.feeling_families()
    for w in family.words
) | frozenset(f.label.lower() for f in vocab.feeling_families())
_NEED_LABELS = frozenset(w.label.lower() for g in vocab.need_groups() for w in g.words)
# Pleasant feelings, for telling "you make me happy" from "you make me furious".
PLEASANT_FEELINGS = frozenset(
    " ".join(w.label.lower().replace("-", " ").split())
    for family in vocab.feeling_families()
    if family.pleasant
    for w in family.words
) | frozenset(f.label.lower() for f in vocab.feeling_families() if f.pleasant)
