"""The coach's detectors, one per kind of slip.

Each detector reads the whole text and yields findings with the character span of the words it
is about, a message (how the words may land with the other person) and a suggestion built from
the person's own words where it can be. Detectors are regular expressions with small guards for
the common near-misses ("you always make me laugh", "I feel like a walk", "don't blame
yourself"); the labelled evaluation set in ``tests/data`` keeps them honest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from hearthside.coach import text as t
from hearthside.coach.text import A
from hearthside.coach.valence import valence, word_valence
from hearthside.coach.words import FEELINGS_THAT_BLAME, PLEASANT_FEELINGS, beneath


@dataclass(frozen=True)
class Finding:
    """One thing the coach noticed.

    `start`/`end` point at the words it is about; `rewrite_start`/`rewrite_end` at the stretch
    of text `suggestion` can stand in for (usually the clause around them), so "use this" can
    replace exactly that and keep everything else the person typed.
    """

    kind: str
    start: int
    end: int
    message: str
    suggestion: str
    rewrite_start: int
    rewrite_end: int


Detector = Callable[[str], Iterator[Finding]]


class _Match:
    """A match found in the lowercased text, reporting the person's own words.

    Matching lowercased text with case-sensitive patterns is about twice as fast as
    IGNORECASE on long texts (the coach runs on every pause in typing)."""

    __slots__ = ("_m", "_text")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self._m = m
        self._text = text

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)

    def group(self, group: int | str = 0) -> str:
        start, end = self._m.span(group)
        return "" if start < 0 else self._text[start:end]

    @property
    def lastgroup(self) -> str | None:
        return self._m.lastgroup


_CASE_SENSITIVE: dict[re.Pattern[str], re.Pattern[str]] = {}


@lru_cache(maxsize=8)
def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):
        # A few characters lowercase to two ("İ"); keep those as they are so offsets hold.
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _find(pattern: re.Pattern[str], text: str) -> Iterator[_Match]:
    fast = _CASE_SENSITIVE.get(pattern)
    if fast is None:
        fast = _CASE_SENSITIVE[pattern] = re.compile(
            pattern.pattern, pattern.flags & ~re.IGNORECASE
        )
    for m in fast.finditer(_lower(text)):
        yield _Match(m, text)


# Words that soften or strengthen without changing the meaning; skipped between key words.
_ADV = (
    r"(?:(?:so|really|very|just|completely|totally|utterly|quite|pretty|a\s+bit|a\s+little|"
    r"kind\s+of|kinda|sort\s+of|super|incredibly|deeply|increasingly|more\s+and\s+more|"
    r"more|a\s+lot|honestly|sometimes|often|always|still|even|genuinely|truly|"
    r"rather|somewhat|extremely|seriously|massively|sooo+|soo)\s+)*"
)
_YOU = r"\b(?:you|u)"
_YOURE = rf"\b(?:you{A}re|youre|you\s+are|u\s+r|ur|you\s+were)"

# Openers that acknowledge the other person's feelings; advice after one of these is an
# offer, not fixing.
_ACK = re.compile(
    rf"\b(?:(?:that|this|it)\s+(?:sounds|must|seems)|sounds\s+(?:like|so|really|awful|hard|rough|"
    rf"exhausting|painful|lonely|scary|frustrating|tough)|i\s+(?:can\s+)?(?:hear|see|get|understand|"
    rf"imagine|tell|feel)\s+(?:you|why|that|how|it|what)|weighing\s+on\s+you|i\s+hear\s+you|makes?\s+(?:total\s+|complete\s+)?sense|"
    rf"no\s+wonder|of\s+course\s+you|must\s+(?:be|have\s+been|feel)|i{A}m\s+(?:so\s+|really\s+)?sorry\s+"
    rf"(?:you|that|this|to\s+hear|it)|(?:that|this){A}?s?\s+(?:is\s+)?(?:so\s+|really\s+|such\s+)?(?:hard|"
    rf"tough|a\s+lot|awful|rough|painful|unfair|frustrating|exhausting|heartbreaking|horrible|"
    rf"terrible|scary|lonely|infuriating|rubbish|crap|shit)|what\s+a\s+(?:hard|rough|long|tough|"
    rf"awful|horrible)|(?:you\s+(?:felt|feel|were\s+feeling|{A}re\s+feeling)|you{A}re\s+feeling)\s+"
    rf"\w+|it\s+sounds|your\s+feelings|(?:that|it)\s+(?:really\s+)?hurt|i{A}m\s+here|"
    rf"(?:thank\s+you|thanks)\s+for\s+(?:telling|sharing|trusting)|ugh|oh\s+(?:no|love|honey|sweetheart)|"
    rf"i{A}d\s+(?:be|feel)\s+\w+\s+too|anyone\s+would|you{A}re\s+allowed|of\s+course)",
    re.IGNORECASE,
)


def _positive(fragment: str) -> bool:
    return valence(fragment) >= 0.3


# --- blame ---------------------------------------------------------------------------------------

_BLAME_MSG_ALWAYS = (
    "“Always” and “never” sum a person up, so they tend to argue with the word instead of "
    "hearing what hurt."
)
_BLAME_MSG = (
    "This points at them, so it may land as an accusation and they may defend rather than listen."
)
_TEMPLATE = "I feel … when …, because I need …. Would you be willing to …?"

# "you always leave…", "you never listen", "you're always late", "why do you always…"
_ALWAYS_NEVER = re.compile(
    rf"(?:{_YOU}|{_YOURE})\s+(?:literally\s+|just\s+|basically\s+)?(always|never|constantly|"
    rf"forever|keep|kept|can{A}t\s+ever|never\s+ever|don{A}t\s+ever|won{A}t\s+ever)\b",
    re.IGNORECASE,
)
# "never" followed by a negative word is praise: "you never let me down", "never complain".
_NEVER_PRAISE = re.compile(
    r"^\s*(?:once\s+)?(?:let\s+me\s+down|complain|judge|give\s+up|fail|stop\s+(?:surprising|"
    r"making|trying|caring|amazing|showing)|forget|miss|make\s+me\s+feel\s+(?:small|stupid|bad)|"
    r"hesitate|waver|disappoint|quit|hold\s+(?:it|that)\s+against)",
    re.IGNORECASE,
)
# "always" followed by care: "you always know what to say", "always have my back".
_ALWAYS_PRAISE = re.compile(
    r"^\s*(?:know\s+(?:what|how|just|exactly)|have\s+my\s+back|find\s+(?:a\s+way|the\s+time|time)|"
    r"make\s+(?:me\s+)?(?:laugh|smile|time|it\s+work|things\s+better|the\s+best)|remember|show\s+up|"
    r"look\s+out|manage|cheer|help(?:s)?\s+me|listen|notice|bring|surprise|save|take\s+such|"
    r"check\s+(?:in|on)|put\s+(?:us|me|the\s+kids)\s+first|been\s+there|there\s+for|"
    r"come\s+through|get\s+me|understand|support|encourage|bounce\s+back|pull\s+through|"
    r"figure\s+(?:it|things)\s+out|land\s+on\s+your\s+feet|get\s+there|work\s+it\s+out|"
    r"find\s+your\s+way|rise|sort\s+it|give\s+(?:the\s+best|great)|"
    r"keep\s+(?:me|us)\s+(?:going|grounded|sane|laughing)|so\s+(?:kind|patient|thoughtful|"
    r"generous|good|calm)|(?:been\s+)?(?:so\s+)?(?:kind|patient|thoughtful|generous|good|calm|"
    r"wonderful|amazing|lovely|great))",
    re.IGNORECASE,
)
_KEEP_PRAISE = re.compile(
    r"^\s*(?:surprising|making\s+me\s+(?:laugh|smile)|showing\s+up|getting\s+better|"
    r"(?:me|us)\s+(?:going|grounded|sane|laughing)|amazing|trying|growing|helping|"
    r"impressing|inspiring|checking\s+in)",
    re.IGNORECASE,
)

_MAKE_ME = re.compile(
    rf"(?:{_YOU}\s+(?:always\s+|just\s+|really\s+|literally\s+)?(?:make|made|are\s+making|{A}re\s+"
    rf"making|re\s+making|keep\s+making|makes)|\bstop\s+making)\s+me\s+(?:feel\s+(?:like\s+(?:an?\s+|the\s+)?)?|so\s+|"
    rf"really\s+|want\s+to\s+|look\s+(?:like\s+(?:an?\s+)?)?|sound\s+(?:like\s+(?:an?\s+)?)?|"
    rf"seem\s+)*([a-z]+(?:[-\s]out)?)",
    re.IGNORECASE,
)
# "You make me cry / shout / doubt myself": actions, not feelings, so the suggestion leaves the
# feeling word for the person to find.
_ACTIONS = {
    "cry",
    "shout",
    "scream",
    "yell",
    "wonder",
    "question",
    "doubt",
    "hate",
    "regret",
    "worry",
    "snap",
    "lose",
    "want",
    "look",
    "sound",
    "seem",
    "panic",
    "feel",
}
_MAKE_ME_FINE = {
    "laugh",
    "smile",
    "happy",
    "proud",
    "feel",
    "want",
    "better",
    "safe",
    "loved",
    "seen",
    "heard",
    "special",
    "whole",
    "brave",
    "stronger",
    "calm",
    "glad",
    "grin",
    "giggle",
    "melt",
    "believe",
    "think",
    "dinner",
    "breakfast",
    "lunch",
    "tea",
    "coffee",
    "a",
    "the",
    "so",
}

_FAULT = re.compile(
    rf"\b(?:(?:it|this|that|everything|all\s+this|all\s+of\s+this){A}?s?\s+(?:is\s+|was\s+)?"
    rf"(?:all\s+|totally\s+|entirely\s+|completely\s+)?(?:your|ur)\s+(?:own\s+)?fault|(?:all\s+)?"
    rf"(?:your|ur)\s+(?:own\s+)?fault)\b",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(
    rf"(?:not|n{A}t|never|wasnt|isnt|no\s+one{A}?s|nobody{A}?s)\s+"
    rf"(?:\w+\s+){{0,2}}$",
    re.IGNORECASE,
)

# Each group starts at a word boundary; checking it once up front, before trying every group,
# keeps a long text cheap (most positions are inside words).
_OTHER_BLAME = re.compile(
    rf"\b(?:(?P<because>\b(?:because\s+of\s+you|thanks\s+to\s+you|it{A}s\s+because\s+you)\b)|"
    rf"(?P<should>{_YOU}\s+(?:really\s+)?(?:should\s+(?:have|of)|should{A}ve|shoulda|(?:could\s+(?:have|"
    rf"of)|could{A}ve)(?=\s+(?:at\s+least\s+)?(?:told|called|texted|asked|warned|said|mentioned|helped|let\s+me|"
    rf"checked|waited|rung|phoned|thought|cleaned|done\s+something)))\s+(?P<should_what>[^.!?;\n]*))|"
    rf"(?P<stop>{_YOU}\s+(?:really\s+)?(?:need|have|got|gotta|must)\s+(?:to\s+)?(?:stop|quit)\s+"
    rf"(?P<stop_what>[^.!?;\n]*))|"
    rf"(?P<reason>{_YOURE}\s+(?:literally\s+)?(?:the\s+(?:reason|problem|one\s+who|cause)|"
    rf"the\s+only\s+one\s+who))\b|"
    rf"(?P<ruined>{_YOU}\s+(?:totally\s+|completely\s+|just\s+|have\s+|{A}ve\s+|always\s+)?"
    rf"(?:ruined|ruin|wrecked|wreck|spoiled|spoilt|destroyed|screwed\s+up|messed\s+up|blew|"
    rf"broke)\s+(?P<ruined_what>[^.!?;\n]*))|"
    rf"(?P<care>{_YOU}\s+(?:obviously\s+|clearly\s+|just\s+)?(?:don{A}t|do\s+not|didn{A}t|"
    rf"did\s+not|couldn{A}t|could\s+not|wouldn{A}t)\s+(?:even\s+|ever\s+)?(?:care|bother|"
    rf"give\s+a|notice|think\s+(?:about|of)\s+(?:me|us|anyone)|listen|ask|try|help|lift\s+a\s+finger|"
    rf"pull\s+your\s+weight|respect))\b|"
    rf"(?P<even>{_YOU}\s+(?:didn{A}t|couldn{A}t|wouldn{A}t|won{A}t|can{A}t|don{A}t)\s+even)\b|"
    rf"(?P<how>\bhow\s+(?:could|can|dare)\s+you)\b|"
    rf"(?P<only>{_YOU}\s+only\s+(?:ever\s+)?(?:think|care)\s+about\s+(?:yourself|you))\b|"
    rf"(?P<selfish>{_YOU}\s+(?:made|make)\s+(?:this|it|everything)\s+about\s+(?:you|yourself))\b|"
    rf"(?P<your_problem>\b(?:your|ur)\s+(?:problem|issue)\s+is)\b|"
    rf"(?P<for_once>\bif\s+you\s+(?:\w+\s+){{1,6}}for\s+once|\b(?:just\s+)?for\s+once\s+in\s+your\s+life|"
    rf"\bjust\s+for\s+once)\b|"
    rf"(?P<every_time>\bevery\s+(?:single\s+)?time\b(?=[^.!?\n]*\b(?:you|u)\b))|"
    rf"(?P<always_me>\bwhy\s+(?:is\s+it|am\s+i)\s+always\s+(?:me|the\s+one)|\bit{A}?s\s+always\s+me\s+who|"
    rf"\bwhy\s+do\s+i\s+always\s+have\s+to)\b)",
    re.IGNORECASE,
)


# Faces that carry anger or disdain, which the lexicon reads as neutral or even glad.
_HEAVY_EMOJI = re.compile("[\U0001f624\U0001f620\U0001f621\U0001f92c\U0001f644\U0001f612]")
# "I feel like you don't care": the thought-as-feeling note already speaks to this clause.
_IN_THOUGHT = re.compile(
    rf"\bi\s+{_ADV}(?:feel|felt)\s+(?:like|that|as\s+if|as\s+though)\b[^.!?;]*$", re.IGNORECASE
)


def _blame(text: str) -> Iterator[Finding]:
    for m in _find(_ALWAYS_NEVER, text):
        word = m.group(1).lower()
        end = t.clause_end(text, m.end())
        rest = text[m.end() : end]
        clause = text[m.start() : end]
        if word.startswith("always") and re.fullmatch(
            r"\s*(?:do|did|are|were|have|will|can|manage|does)\s*", rest, re.I
        ):
            continue  # "you'll get through it, you always do"
        if word.startswith("never") and _NEVER_PRAISE.match(rest):
            continue
        if word.startswith("always") and _ALWAYS_PRAISE.match(rest):
            continue
        if word in ("keep", "kept") and (_KEEP_PRAISE.match(rest) or not rest.strip()):
            continue
        if word in ("keep", "kept") and not re.match(r"\s*\w+ing\b", rest):
            continue
        if _positive(clause):
            continue
        start = t.clause_start(text, m.start())
        what = re.sub(r"\s+(?:any\s?more|again|ever|at\s+all)$", "", t.tidy(rest), flags=re.I)
        if word.startswith(("always", "constantly", "forever", "keep", "kept")):
            suggestion = (
                f"When you {what}, I feel … because I need …. Would you be willing to …?"
                if what
                else _TEMPLATE
            )
        else:
            suggestion = (
                f"I'd really love it if you {what} more often — it matters to me because I need "
                "…. Would you be willing to …?"
                if what and not word.startswith(("can", "don", "won"))
                else _TEMPLATE
            )
        yield Finding("blame", m.start(), m.end(), _BLAME_MSG_ALWAYS, suggestion, start, end)

    for m in _find(_MAKE_ME, text):
        felt = m.group(1).lower()
        end = t.clause_end(text, m.end())
        if felt in _MAKE_ME_FINE or felt in PLEASANT_FEELINGS or word_valence(felt) > 0:
            continue
        if felt in ("do", "go", "say", "wait", "pay", "leave", "come", "drive"):
            continue  # "You made me do it" is a defence, and the defensiveness note says so.
        if _positive(text[m.start(1) : end]):
            continue
        feeling = t.tidy(text[m.start(1) : end])
        if felt in _ACTIONS:
            feeling = "…"  # "you make me cry": the feeling underneath is theirs to name.
        when = (
            "" if re.search(r"\b(?:when|whenever|every\s+time|if)\b", feeling, re.I) else " when …"
        )
        yield Finding(
            "blame",
            m.start(),
            m.end(),
            "“You make me feel” hands them the feeling, and they may push it back; "
            "your feeling is yours to name.",
            f"I feel {feeling}{when}, because I need …. Would you be willing to …?",
            t.clause_start(text, m.start()),
            end,
        )

    for m in _find(_FAULT, text):
        if _NOT_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or re.search(
            rf"\b(?:not|n{A}t)\s+(?:all\s+)?(?:your|ur)\s+fault", m.group(0), re.IGNORECASE
        ):
            continue
        yield Finding(
            "blame",
            m.start(),
            m.end(),
            "Fault is something to argue about; they may fight the verdict instead of hearing "
            "that you're hurting.",
            "I'm hurting about what happened, and I'd like us to look at it together.",
            t.clause_start(text, m.start()),
            t.clause_end(text, m.end()),
        )

    for m in _find(_OTHER_BLAME, text):
        end = t.clause_end(text, m.end())
        clause = text[m.start() : end]
        kind = m.lastgroup or ""
        if kind == "because":
            rest = text[m.end() : t.sentence_end(text, m.end())]
            if m.group(0).lower().startswith("thanks"):
                if not (valence(rest) < -0.05 or _HEAVY_EMOJI.search(rest)):
                    continue  # "Thanks to you we made the train" is thanks.
            elif _positive(text[t.clause_start(text, m.start()) : end]):
                continue
        if kind == "should":
            what = t.tidy(m.group("should_what"))
            if re.match(r"(?:seen|heard|tasted|felt\s+the|been\s+there\s+to\s+see)\b", what, re.I):
                continue  # "You should have seen the sunset!"
            if _positive(clause):
                continue
            suggestion = (
                f"I wish you had {what}. When it didn't happen I felt … because I needed …."
                if what
                else _TEMPLATE
            )
        elif kind == "stop":
            what = t.tidy(m.group("stop_what").split(",")[0])
            suggestion = (
                f"When you {_ing_to_verb(what)}, I feel … because I need …. Would you be willing "
                "to …?"
                if what
                else _TEMPLATE
            )
        elif kind == "ruined":
            what = t.tidy(
                re.split(r"\s+(?:with|by|when|because|and|for)\b|,", m.group("ruined_what"))[0]
            )
            if _positive(clause) or re.match(r"(?:my\s+heart|the\s+record|a\s+sweat)", what, re.I):
                continue
            suggestion = (
                f"I was really looking forward to {what}, and I feel … that it went the way it did."
                if what and not what.lower().startswith(("it", "everything", "that", "this"))
                else "I was really looking forward to it, and I feel … that it went the way it did."
            )
        elif kind == "every_time":
            if _positive(text[m.start() : t.sentence_end(text, m.end())]):
                continue
            suggestion = _TEMPLATE
        elif kind == "for_once" and _positive(text[m.start() : t.sentence_end(text, m.end())]):
            continue
        elif kind == "reason":
            if _positive(clause):
                continue
            suggestion = _TEMPLATE
        elif (
            kind in ("care", "even", "only", "selfish")
            and _IN_THOUGHT.search(text[t.sentence_start(text, m.start()) : m.start()])
            and "even" not in m.group(0).lower()
        ):
            continue
        elif kind in ("care", "even", "only", "selfish"):
            suggestion = (
                "I'm scared I don't matter to you right now, and I need reassurance. "
                "Could we talk about it?"
            )
        elif kind == "how":
            if re.match(
                r"\s*(?:know|tell\s*\?|tell\s+(?:that|so|it\s+was)|do\s+(?:it|that)\s+so\s+well|"
                r"remember)",
                text[m.end() :],
                re.I,
            ):
                continue
            suggestion = "I'm really hurt, and I need to understand what happened for you."
        else:
            suggestion = _TEMPLATE
        yield Finding(
            "blame",
            m.start(),
            m.start() + len(m.group(0).split("\n")[0][:60].rstrip()),
            _BLAME_MSG,
            suggestion,
            t.clause_start(text, m.start()),
            end,
        )


def _ing_to_verb(words: str) -> str:
    # "stop leaving your shoes" -> "leave your shoes"; good enough for a suggestion.
    first, _, rest = words.partition(" ")
    if first.lower().endswith("ing") and len(first) > 5:
        stem = first[:-3]
        if stem.endswith(("v", "k", "c", "s", "z", "g")) and not stem.endswith(("ck", "ss", "ng")):
            stem += "e"
        elif len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            stem = stem[:-1]
        return f"{stem} {rest}".strip()
    return words


# --- feelings that blame -------------------------------------------------------------------------

_BLAME_WORDS = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(FEELINGS_THAT_BLAME, key=len, reverse=True)
)
_FEEL_BLAMING = re.compile(
    rf"\b(?P<verb>feel|feels|felt|feeling|been\s+feeling|am\s+feeling|i{A}m|im|i\s+am|get|"
    rf"got|getting|left\s+feeling|leaves\s+me\s+feeling)\s+{_ADV}(?P<word>{_BLAME_WORDS})\b",
    re.IGNORECASE,
)


def _feeling_that_blames(text: str) -> Iterator[Finding]:
    for m in _find(_FEEL_BLAMING, text):
        verb = m.group("verb").lower()
        before = text[t.clause_start(text, m.start()) : m.start()].lower()
        # Someone else's feeling ("she feels left out") or a plain fact ("I got used to it").
        if re.search(r"\b(?:he|she|they|we|it|you|u|mum|mom|dad)\s+(?:\w+\s+)?$", before) and not (
            re.search(r"\b(?:make|made|making|makes|leave|left)\s+me\s*$", before)
        ):
            continue
        if verb in ("get", "got", "getting", "i'm", "im", "i am") or verb.startswith("i"):
            # "I'm used to it", "I got let down by the train": only clear feeling statements.
            after = text[m.end() : m.end() + 12].lower()
            if m.group("word").lower() in ("used",) or re.match(r"\s+(?:to|by|from)\b", after):
                continue
            if verb in ("get", "got", "getting") and not re.search(
                r"\b(?:i|i{A}m|im|i\s+(?:always|keep|sometimes|just))\s*$".replace("{A}", A), before
            ):
                continue  # "The bid got rejected" is news, not a feeling.
        word = " ".join(m.group("word").lower().split())
        under = beneath(word)
        if under is None:  # pragma: no cover - the pattern is built from the same table
            continue
        feelings = t.join_labels(under.feelings)
        needs = t.join_labels(under.needs)
        verb_text = m.group("verb")
        replacement = f"{verb_text} {feelings}"
        yield Finding(
            "feeling_that_blames",
            m.start("word"),
            m.end("word"),
            f"“{m.group('word')}” describes what you think they did, so it can sound like an "
            f"accusation; underneath there's often feeling {feelings}, and a need for {needs}.",
            t.keep_case(verb_text, replacement),
            m.start("verb"),
            m.end("word"),
        )


# --- thoughts dressed as feelings ----------------------------------------------------------------

_FEEL_LIKE = re.compile(
    rf"\bi\s+{_ADV}(?:feel|felt|am\s+feeling|{A}m\s+feeling|keep\s+feeling|have\s+felt|"
    rf"{A}ve\s+(?:always\s+)?felt|ve\s+felt|{A}ve\s+been\s+feeling)\s+{_ADV}"
    rf"(?P<link>like|that|as\s+if|as\s+though|you(?:{A}re|{A}ve|{A}d|{A}ll)?|u|nobody|no\s+one|everyone|everybody|"
    rf"i{A}m\s+(?:the|a|an|not|always|never|just|only)|we{A}re\s+(?:not|never|just))\b",
    re.IGNORECASE,
)
# What follows "I feel like" when it's a wish, not a thought: "I feel like a walk / going out".
_WISH = re.compile(
    r"\s*(?:(?:a|an|some)\s+(?:walk|nap|drink|coffee|tea|break|snack|bath|holiday|change|chat|"
    r"hug|movie|film|swim|run|night\s+in|night\s+out|takeaway|pizza|curry|treat|glass|beer|cuppa|"
    r"day\s+off|lie[\s-]in|cuddle|dance|game|bike\s+ride|picnic|quiet\s+night|early\s+night|"
    r"long\s+weekend|trip|bit\s+of)|\w+ing\b|pizza|sushi|dancing|ice\s+cream|chocolate|"
    r"crying|it\b(?!\s+(?:is|was|{A}s))|doing|going|staying|celebrating|$)",
    re.IGNORECASE,
)
_WARM = re.compile(
    r"\b(?:closer|stronger|better|team|understood|understand|heard|seen|safe|lucky|home|grown|"
    r"growing|grew|right\s+(?:thing|person|place|call)|proud|love|loved|special|got\s+this|"
    r"made\s+it|can\s+do\s+(?:this|it|anything)|belong|luckiest|on\s+the\s+same\s+page|"
    r"turned\s+a\s+corner|getting\s+somewhere|finally|grateful|thankful|blessed|glad|back\s+on\s+track)\b",
    re.IGNORECASE,
)
_COOL = re.compile(
    r"\b(?:not|n't|never|always|nobody|no\s+one|don't|doesn't|didn't|won't|can't|only\s+one|alone|"
    r"dont|doesnt|didnt|wont|cant|isnt|wasnt|aren't|arent|count\s+for\s+nothing|"
    r"burden|failure|invisible|stranger|roommate|afterthought|maid|servant|nothing|the\s+one\s+who|"
    r"ha(?:ve|s)\s+to|more\s+(?:about|than)|than\s+(?:me|us|about)|instead\s+of|stopped|hid(?:e|ing)|"
    r"hiding|lying|lied|behind\s+my|wrong|fault|too\s+much|last|least|rather|"
    r"anywhere\s+(?:but|than|else))\b",
    re.IGNORECASE,
)


def _thought_as_feeling(text: str) -> Iterator[Finding]:
    for m in _find(_FEEL_LIKE, text):
        link = m.group("link").lower()
        end = t.clause_end(text, m.end())
        rest = text[m.end() : end]
        if link == "like" and _WISH.match(rest):
            continue
        if link in ("you", "u") and not re.match(r"\s+\w+", rest):
            continue  # "I feel you." — slang for "I understand".
        if link in ("you", "u") and re.match(
            r"\s+(?:on\s+(?:that|this)|there|so\s+much|completely|100|bro|babe)", rest, re.I
        ):
            continue
        joined = " ".join(link.split())
        thought = text[
            m.end("link")
            if joined in ("like", "that", "as if", "as though")
            else m.start("link") : end
        ]
        if (_WARM.search(thought) or _positive(thought)) and not _COOL.search(thought):
            continue
        story = t.tidy(thought)
        yield Finding(
            "thought_as_feeling",
            m.start(),
            m.end("link"),
            "“I feel like…” shares a thought about them, which they can argue with; a feeling "
            "word tells them what's happening in you.",
            f"The story I'm telling myself is that {story}, and I feel …"
            if story
            else "I feel … (hurt, lonely, worried?) because I need ….",
            m.start(),
            end,
        )


# --- apology pitfalls ----------------------------------------------------------------------------

_SORRY_IF = re.compile(rf"\b(?:i{A}m\s+|im\s+|i\s+am\s+|so\s+|really\s+)*sorry\s+if\b", re.I)
_SORRY_BUT = re.compile(
    rf"\b(?:i{A}m\s+|im\s+|i\s+am\s+|so\s+|really\s+)*sorry\b(?P<what>[^.!?\n]{{0,80}}?)"
    rf"[,.\u2026]?\s*\b(?:but|although|though|except|however)\b",
    re.IGNORECASE,
)
_SORRY_YOU = re.compile(
    rf"\b(?:i{A}m\s+|im\s+|i\s+am\s+|so\s+|really\s+)*sorry\s+(?:that\s+)?(?:you|u)(?:\s+"
    rf"(?:feel|felt|are|were|took|take|got|get|saw|see|re|think|thought|heard|found|"
    rf"interpreted|read)|{A}re|{A}ve\s+been)\b(?P<what>[^.!?\n]*)",
    re.IGNORECASE,
)
_JUSTIFYING = re.compile(
    rf"\b(?:(?:it{A}?s|its|it\s+is|it\s+was|it\s+wasn{A}t|that\s+wasn{A}t)\s+not\s+my\s+fault|"
    rf"(?:it|that)\s+(?:wasn{A}t|isn{A}t)\s+my\s+fault|i\s+only\s+\w+|i\s+just\s+(?:felt|did|said|wanted\s+to\s+(?:help|make|get|be|have)|meant|was|"
    rf"thought|tried|needed|forgot|didn{A}t|had)|because\s+i\s+(?:had|thought|felt|didn{A}t|"
    rf"couldn{A}t|needed|wanted|assumed)|you\s+know\s+(?:how|what)\s+(?:work|it|things|life|my\s+"
    rf"\w+|mornings|traffic|mum|mom)\s+(?:is|are|gets|get|can\s+be|was|has\s+been)|"
    rf"i\s+was\s+(?:only|just|really|so|super)?\s*(?:tired|trying|joking|kidding|stressed|exhausted|"
    rf"busy|hungry|overwhelmed|distracted|drunk|upset|under\s+a\s+lot)|"
    rf"i\s+didn{A}t\s+mean\s+(?:to|it|anything)|i\s+had\s+no\s+(?:choice|option)|"
    rf"it\s+was\s+(?:only|just)\s+a\s+joke|it\s+was\s+(?:only|just)\b|in\s+my\s+defen[cs]e|"
    rf"to\s+be\s+fair|you\s+know\s+how\s+i\s+(?:get|am)|i\s+couldn{A}t\s+help\s+it|"
    rf"it{A}s\s+not\s+like\s+i|the\s+only\s+reason|because\s+i\s+was|that{A}s\s+(?:just\s+)?how\s+i|"
    rf"i\s+(?:had|have)\s+(?:a\s+(?:long|rough|bad|hard)\s+(?:day|week)|so\s+much\s+on)|"
    rf"i\s+was\s+having\s+a\s+(?:bad|rough|hard|long)|work\s+was\s+(?:crazy|insane|mad)|"
    rf"my\s+intention\s+was|i\s+never\s+meant)",
    re.IGNORECASE,
)


def _apology_pitfall(text: str, *, justifying: bool) -> Iterator[Finding]:
    for m in _find(_SORRY_IF, text):
        end = t.clause_end(text, m.end())
        what = t.tidy(text[m.end() : end])
        if re.match(
            r"(?:it|that|this|what\s+i\s+said)\s+(?:came|come|comes|sounded)\s+(?:out|across)",
            what,
            re.I,
        ):
            suggestion = "I'm sorry for how that came out."
        elif re.match(
            rf"(?:this|it|that)\s+(?:is|was|sounds|seems|{A}s)|i{A}m\s+(?:being|going)", what, re.I
        ):
            # "Sorry if this is a rant" apologises for speaking at all; thanks fits better.
            suggestion = "Thank you for hearing me out."
        elif m2 := re.match(r"(?:i|what\s+i\s+(?:said|did))\s+(.+)", what, re.I):
            suggestion = f"I'm sorry I {m2.group(1)}."
        else:
            suggestion = "I'm sorry I …."
        yield Finding(
            "apology_pitfall",
            m.start(),
            m.end(),
            "“Sorry if…” can sound as if you're not sure anything happened.",
            suggestion,
            t.clause_start(text, m.start()),
            end,
        )
    for m in _find(_SORRY_BUT, text):
        apology = t.tidy(text[m.start() : m.end("what")])
        if re.fullmatch(
            r"(?:i{A}m\s+|im\s+|i\s+am\s+)?(?:so\s+|really\s+)*sorry".replace("{A}", A),
            apology,
            re.I,
        ):
            apology = "I'm sorry I …"
        yield Finding(
            "apology_pitfall",
            m.start(),
            m.end(),
            "A “but” after sorry tends to cancel the apology in the other person's ears.",
            t.capitalise(apology) + ".",
            m.start(),
            t.sentence_end(text, m.end()),
        )
    for m in _find(_SORRY_YOU, text):
        if re.match(
            r"\s+(?:going\s+through|dealing\s+with|had\s+to|have\s+to|lost)",
            text[m.end() - len(m.group("what")) - 4 :],
            re.I,
        ):
            continue
        verb_end = m.end() - len(m.group("what"))
        if re.search(
            r"(?:had\s+to|have\s+to|going\s+through|lost)$", text[m.start() : verb_end + 12], re.I
        ):
            continue
        end = t.clause_end(text, m.end())
        yield Finding(
            "apology_pitfall",
            m.start(),
            verb_end,
            "“Sorry you feel…” puts the problem in their feelings rather than in what happened.",
            "I'm sorry I … — I can see it left you feeling ….",
            t.clause_start(text, m.start()),
            end,
        )
    if justifying:
        for m in _find(_JUSTIFYING, text):
            yield Finding(
                "apology_pitfall",
                m.start(),
                m.end(),
                "Explaining why in the same breath can sound like a defence, even when it's true.",
                "I can see how it affected you, and that matters more than my reasons.",
                t.clause_start(text, m.start()),
                t.clause_end(text, m.end()),
            )


# --- contempt ------------------------------------------------------------------------------------

_INSULTS = (
    r"idiot|idiotic|moron|moronic|pathetic|useless|lazy|selfish|stupid|dumb|child|childish|baby|"
    r"joke|loser|clown|jerk|fool|hopeless|ridiculous|crazy|psycho|nuts|insane|hysterical|"
    r"drama\s+queen|princess|brat|spoiled|spoilt|immature|incompetent|clueless|worthless|"
    r"disgusting|a\s+mess|unbelievable|embarrassing|a\s+nightmare|impossible|a\s+child|"
    r"a\s+baby|piece\s+of\s+work|narcissist|control\s+freak|nag|slob|pig|coward|liar|"
    r"lunatic|delusional|dense|thick|airhead|genius|inconsiderate|rude|thoughtless|heartless|"
    r"cruel|irresponsible|unreliable|ungrateful|spineless|needy|clingy|paranoid|petty|arrogant|"
    r"obsessed|entitled|a\s+doormat|a\s+slob|a\s+disgrace|a\s+disappointment|a\s+waste\s+of\s+space"
)
_NAME_CALLING = re.compile(
    rf"(?:{_YOURE}\s+(?:being\s+)?(?:such\s+an?\s+|so\s+|an?\s+|a\s+total\s+|a\s+complete\s+|"
    rf"an\s+absolute\s+|a\s+real\s+|really\s+|just\s+an?\s+|totally\s+|completely\s+|acting\s+like\s+"
    rf"an?\s+|actually\s+|literally\s+|the\s+most\s+|honestly\s+|seriously\s+|unbelievably\s+)*|"
    rf"\byou\s+(?:absolute\s+|total\s+|complete\s+|stupid\s+|lazy\s+)?|\bwhat\s+an?\s+(?:absolute\s+|"
    rf"total\s+)?|\b(?:is|was|are|were|being)\s+(?:such\s+an?|so|an?\s+(?:total|complete|absolute))\s+|"
    rf"\b(?:honestly|absolutely|utterly|totally|just|frankly)\s+(?=(?:pathetic|ridiculous|childish|"
    rf"useless|embarrassing|disgusting)\b)|\bhow\s+|\bstop\s+(?:being|acting\s+like)\s+(?:so\s+|such\s+an?\s+|an?\s+)?)"
    rf"(?P<insult>{_INSULTS})\b",
    re.IGNORECASE,
)
_MOCKERY = re.compile(
    rf"\b(?:grow\s+up|get\s+over\s+yourself|man\s+up|cry\s+me\s+a\s+river|boo[\s-]?hoo|"
    rf"oh\s+poor\s+(?:you|baby|thing|little)|poor\s+baby|big\s+(?:fat\s+)?deal|"
    rf"wow,?\s+(?:shocker|what\s+a\s+(?:shock|surprise)|amazing|impressive|great\s+job)|"
    rf"yeah,?\s+right|ya\s+right|sure\s+you\s+(?:did|were|are|will|do|didn{A}t)|"
    rf"oh\s+(?:great|wonderful|perfect|brilliant|fantastic|joy),?\s+(?:another|now|here|just|so|"
    rf"again|more)|(?P<thanks>thanks\s+a\s+(?:lot|bunch|million))|nice\s+(?:going|one|job),?\s+"
    rf"(?:genius|einstein|sherlock)|way\s+to\s+go,?\s+(?:genius|einstein)|real\s+mature|"
    rf"(?:how|very|so)\s+mature|must\s+be\s+nice|of\s+course\s+you\s+(?:did|forgot|would|didn{A}t|"
    rf"were|are|can{A}t)|what\s+a\s+(?:surprise|shock)|big\s+surprise|congrat(?:ulation)?s,?\s+"
    rf"(?:you|on\s+(?:ruining|being|forgetting|another))|here\s+we\s+go\s+again|"
    rf"whatever\s*(?:[.!]+|$)|do\s+you\s+want\s+a\s+(?:medal|cookie|gold\s+star|trophy)|"
    rf"(?:slow\s+)?clap|\*\s*(?:rolls?\s+(?:my\s+)?eyes|eye\s*roll|sigh)\s*\*|"
    rf"\beye\s*roll|\brolls?\s+(?:my\s+)?eyes|give\s+me\s+a\s+break|spare\s+me|"
    rf"get\s+a\s+grip|are\s+you\s+(?:serious|kidding\s+me|for\s+real)|"
    rf"get\s+a\s+life|ok(?:ay)?\s+boomer|"
    rf"oh\s+please|as\s+if\s+you|like\s+you\s+(?:ever|even|would)|"
    rf"listen\s+to\s+yourself|can\s+you\s+hear\s+yourself|so\s+typical|typical\s+you|"
    rf"classic\s+you|bless\s+your\s+heart|(?:real|really|very|so|how)\s+classy)",
    re.IGNORECASE,
)
_EYE_ROLL = re.compile("[\U0001f644\U0001f612\U0001f971]|(?<!\\w)/s\\b")
_AFFECTIONATE = re.compile(
    "(?:[\u2764\U0001f495\U0001f496\U0001f497\U0001f618\U0001f970\U0001f60d\U0001f60a\U0001f601"
    "\U0001f602\U0001f923\U0001f61c\U0001f61d\U0001f609\U0001f917]|\\bxx+\\b|\\blove\\s+you\\b|<3)",
    re.IGNORECASE,
)


def _contempt(text: str) -> Iterator[Finding]:
    message = (
        "Name-calling and mockery tell them they're looked down on, and that's very hard to "
        "hear past — even when you're rightly upset."
    )
    suggestion = "I'm really frustrated right now. What I need is …."
    for m in _find(_NAME_CALLING, text):
        insult = m.group("insult").lower()
        sentence = text[t.sentence_start(text, m.start()) : t.sentence_end(text, m.end())]
        before = text[t.clause_start(text, m.start()) : m.start()].lower()
        if _AFFECTIONATE.search(sentence):
            continue  # "you goof ❤️" — teasing with love is theirs to enjoy.
        if re.search(r"\b(?:i|i'm|i\u2019m|im|i\s+was|i\s+am|i\s+feel|myself|we)\b[^,]*$", before):
            continue
        if insult in ("impossible", "unbelievable", "genius", "crazy", "nuts", "insane") and not (
            m.group(0).lower().startswith(("you", "u ", "ur", "what", "stop"))
        ):
            continue
        if insult in ("genius",) and not re.search(
            r"nice|great|well done|good job|thanks", sentence, re.I
        ):
            continue
        if m.group(0).lower().startswith("how") and insult not in (
            "pathetic",
            "childish",
            "immature",
            "ridiculous",
            "stupid",
            "selfish",
            "embarrassing",
            "typical",
            "lazy",
            "disgusting",
        ):
            continue
        if insult in ("crazy", "insane", "nuts") and re.search(
            r"\b(?:about|for)\s+(?:you|me|each)|crazy\s+(?:good|busy|fast)", sentence, re.I
        ):
            continue
        yield Finding(
            "contempt",
            m.start(),
            m.end(),
            message,
            suggestion,
            t.clause_start(text, m.start()),
            t.clause_end(text, m.end()),
        )
    for m in _find(_MOCKERY, text):
        found = m.group(0).lower()
        if (
            found.startswith("whatever")
            and m.start() > 0
            and text[t.sentence_start(text, m.start()) : m.start()].strip()
        ):
            continue  # "do whatever." in a sentence is fine; "Whatever." alone is a door shut.
        if m.group("thanks"):
            rest = text[m.end() : t.sentence_end(text, m.end())]
            if not (valence(rest) < -0.05 or _HEAVY_EMOJI.search(rest) or not rest.strip(" .!")):
                continue  # "Thanks a lot for the lift!" is just thanks.
        if found.startswith(("yeah", "ya")) and re.match(
            r"\s+(?:after|before|now|away|there|here|back|then|when|behind|on|at|outside)\b",
            text[m.end() :],
            re.I,
        ):
            continue  # "Yeah, right after dinner" isn't sarcasm.
        if found.startswith("as if") and re.search(
            r"\b(?:feel|feels|felt|feeling|look|looks|looked|seem|seems|act|acts|acted|sound|sounds)\s+$",
            text[max(0, m.start() - 20) : m.start()],
            re.I,
        ):
            continue
        if "clap" in found and not re.search(r"slow\s+clap|\U0001f44f", text, re.I):
            continue
        if found.startswith(
            ("are you serious", "are you kidding", "are you for real")
        ) and _positive(text[m.start() : t.sentence_end(text, m.end()) + 40]):
            continue
        yield Finding(
            "contempt",
            m.start(),
            m.end(),
            message,
            "I'm feeling … about this, and I'd like to say it straight: ….",
            t.clause_start(text, m.start()),
            t.clause_end(text, m.end()),
        )
    for m in _find(_EYE_ROLL, text):
        yield Finding(
            "contempt",
            m.start(),
            m.end(),
            "An eye-roll says “you're not worth taking seriously”, even as a joke.",
            "",
            m.start(),
            m.end(),
        )


# --- defensiveness -------------------------------------------------------------------------------

_DEFENSIVE = re.compile(
    rf"\b(?:(?P<whatabout>what\s+about\s+(?:when\s+you|the\s+time\s+you|that\s+time\s+you|all\s+the\s+"
    rf"times?\s+you|when\s+u|you\b(?!\s*\?)|your\b|last\s+(?:week|time|month)))|"
    rf"(?P<nottrue>\b(?:that{A}?s|that\s+is|thats|it{A}?s|its|this\s+is)\s+(?:just\s+|simply\s+|so\s+|"
    rf"completely\s+|totally\s+)?(?:not\s+true|untrue|not\s+what\s+happened|not\s+fair|a\s+lie|"
    rf"ridiculous|rubbish|nonsense|not\s+how\s+it\s+went)|not\s+true)|"
    rf"(?P<blameme>\b(?:don{A}t\s+blame\s+(?:me|this\s+on\s+me|it\s+on\s+me)|stop\s+blaming\s+me|"
    rf"why\s+(?:is|are)\s+(?:it|you)\s+(?:always\s+)?(?:blaming\s+me|my\s+fault)|"
    rf"(?:so\s+)?now\s+it{A}?s\s+my\s+fault|how\s+is\s+(?:this|that|it)\s+(?:on\s+me|my\s+fault)|"
    rf"(?:(?:it|that|this){A}?s\s+not|its\s+not|(?:it|that|this)\s+(?:is|was)\s+not|"
    rf"(?:it|that|this)\s+(?:wasn{A}t|isn{A}t|wasnt|isnt)|wasn{A}t|isn{A}t)\s+(?:really\s+|even\s+)?"
    rf"my\s+fault|not\s+my\s+fault|"
    rf"i\s+(?:didn{A}t|did\s+not)\s+do\s+anything(?:\s+wrong)?|i\s+did\s+nothing\s+wrong|"
    rf"i\s+never\s+said\s+that|i\s+never\s+did\s+that|you{A}re\s+twisting|"
    rf"(?:you{A}re|youre|you\s+are|ur)\s+(?:just\s+|totally\s+|way\s+|being\s+)?(?:over\s*reacting|"
    rf"overreacting|over[-\s]?sensitive|too\s+sensitive|exaggerating|being\s+dramatic|so\s+dramatic|"
    rf"imagining\s+(?:things|it)|making\s+(?:a\s+big\s+deal|this\s+up|it\s+up|things\s+up)|"
    rf"blowing\s+(?:this|it|things)\s+(?:out\s+of|up))|"
    rf"(?:well,?\s+)?you\s+do\s+(?:it|that|the\s+same)\s+(?:too|all\s+the\s+time)|you\s+do\s+it\s+too|"
    rf"you{A}re\s+one\s+to\s+talk|look\s+who{A}s\s+talking|i{A}m\s+not\s+the\s+one\s+who|"
    rf"you\s+started\s+it|you\s+(?:were|are)\s+the\s+one\s+who|i\s+was\s+only\s+(?:trying|"
    rf"joking|kidding)|it\s+was\s+(?:just|only)\s+a\s+joke|can{A}t\s+take\s+a\s+joke|"
    rf"calm\s+down|i\s+don{A}t\s+see\s+(?:what|why)\s+the\s+(?:big\s+)?(?:deal|problem)|"
    rf"what{A}s\s+the\s+big\s+deal|it{A}?s\s+not\s+(?:that|a)\s+big\s+(?:of\s+a\s+)?deal|"
    rf"i\s+had\s+(?:every|a\s+good)\s+reason|if\s+you\s+hadn{A}t|you\s+made\s+me\s+do|"
    rf"you\s+(?:can{A}t|cannot)\s+(?:blame|expect)\s+me|i{A}m\s+not\s+(?:a\s+)?mind\s+reader|"
    rf"what\s+was\s+i\s+supposed\s+to\s+do)))",
    re.IGNORECASE,
)


def _defensiveness(text: str) -> Iterator[Finding]:
    for m in _find(_DEFENSIVE, text):
        end = t.clause_end(text, m.end())
        after = text[m.end() : end + 80]
        group = m.lastgroup
        if group == "whatabout":
            if _positive(text[m.start() : t.sentence_end(text, m.end()) + 60]):
                continue
            if re.match(r"\s*(?:you|your\s+\w+)\s*[?]", text[m.end() - 4 :][:20]):
                continue
            if re.match(r"\s*(?:you|your\s+\w+)?\s*\?", text[m.end() :]) and not re.search(
                r"when|time", m.group(0), re.I
            ):
                continue
        if group == "nottrue":
            # "That's not true — you're not a burden" reassures rather than defends.
            reassurance = text[m.end() : t.sentence_end(text, m.end())]
            if re.match(
                rf"[\s,.!\u2014\u2013-]*(?:you{A}re|youre|you\s+are|you\s+(?:could|"
                rf"never|have|matter|do|did)|you\s+(?:were|was))",
                after,
                re.I,
            ) and (
                _positive(reassurance)
                or re.search(r"\b(?:not|never)\b|n['\u2019]t\b", reassurance, re.I)
            ):
                continue
            if re.search(
                r"\b(?:not\s+true\s+(?:love|friend)|isn['\u2019]t\s+true)", m.group(0), re.I
            ):
                continue
            before = text[t.sentence_start(text, m.start()) : m.start()].lower()
            if re.search(
                r"\b(?:if|when|whether|what\s+if|feels?|felt|thought|realised|realized)\b", before
            ):
                continue
        if m.group(0).lower().startswith("calm down") and re.match(
            r"\s+(?:together|a\s+bit\s+before)", after, re.I
        ):
            continue
        yield Finding(
            "defensiveness",
            m.start(),
            m.end(),
            "Defending or turning it back on them can feel like a door closing; they may "
            "stop trying to be understood.",
            "I remember it differently, and I still want to hear how it was for you. "
            "Can you tell me more?",
            t.clause_start(text, m.start()),
            end,
        )


# --- fixing and comparing (listening replies) ----------------------------------------------------

_ADVICE = re.compile(
    rf"\b(?:you\s+(?:should|shoud|shld)\b(?!\s+(?:have|of)\b|{A}ve)|"
    rf"you\s+(?:just\s+|really\s+|definitely\s+)?(?:(?:need|have|got|ought)\s+to|gotta|must)\s+"
    rf"(?!be\s+(?:so\s+)?(?:exhausted|tired|worn|feeling))\w+|"
    rf"why\s+(?:don{A}t|dont|not|wouldn{A}t)\s+you|why\s+not\s+(?:just\s+)?\w+|"
    rf"(?:have|did)\s+(?:you|u)\s+(?:ever\s+)?(?:tried|try|thought\s+(?:about|of)|considered)|"
    rf"(?:^|[.!?]\s*|,\s*|\band\s+|\bso\s+)just\s+(?!(?:want|wanted|wanna|need|needed|feel|felt|"
    rf"wish|hope|know|knew|thought|think|remember|said|say|saying|like|love|sounds|seems|is|was|"
    rf"got|had|so|really|a|an|the|to|that|how|because|listen|listening|sit|here|being|be|wondering|"
    rf"checking|me|us|you|your|my|one|now|then|in|like|wow|ugh|awful|horrible|brutal|rubbish|"
    rf"too|keep|glad|sorry|imagine|hearing|reading|heard)\b)[a-z]+|"
    rf"what\s+you\s+(?:need|should|have|ought|want)\s+to\s+do|what\s+you\s+need\s+is|"
    rf"that{A}s\s+what\s+i{A}?d\s+do|if\s+i\s+were\s+you|"
    rf"if\s+i\s+was\s+you|(?:maybe|perhaps)\s+(?:you\s+(?:could|should|can)\s+)?(?:just\s+)?try|"
    rf"you\s+(?:could|can)\s+(?:just|always|try|simply)|the\s+(?:trick|solution|answer|key|"
    rf"best\s+(?:thing|way|bet)|fix|easiest\s+thing)\s+(?:is|would\s+be|here)|my\s+advice|"
    rf"(?:i{A}?d|i\s+would)\s+(?:just\s+|definitely\s+|honestly\s+)?(?:tell|talk\s+to|ask|say|quit|"
    rf"leave|go|block|call|text|email|report|ignore|stop|book|get|start|try)|"
    rf"you\s+(?:could|might)\s+(?:want\s+to|consider|think\s+about)|"
    rf"(?:^|[.!?]\s*)(?:try|go|tell|talk\s+to|ask|call|text|book|make|get|stop|ignore|take|"
    rf"write|put|don{A}t\s+let|quit|leave|sleep\s+on|block|send|buy|move\s+on|download|"
    rf"find|set\s+up|join|drop|bring|sign\s+up|delete|unfollow|mute|cut|see\s+a|speak\s+to|"
    rf"email|report|say\s+no|just\s+say)\b(?!\s+(?:me|care)\b)(?!\s+your\s+time)|"
    rf"next\s+time,?\s+(?:just|you\s+should|try)|all\s+you\s+(?:need|have)\s+to\s+do|"
    rf"it{A}?s\s+(?:easy|simple)[,:]|easy\s+fix|here{A}?s\s+what\s+(?:you|i{A}?d))",
    re.IGNORECASE | re.MULTILINE,
)
_COMPARING = re.compile(
    rf"\b(?:at\s+least|it\s+could\s+(?:always\s+)?(?:be|have\s+been)\s+(?:a\s+lot\s+|much\s+|way\s+)?"
    rf"worse|could\s+(?:be|have\s+been)\s+(?:a\s+lot\s+|much\s+|way\s+)?worse|"
    rf"(?:others|other\s+people|some\s+people|lots\s+of\s+people|many\s+people|people|plenty\s+of\s+"
    rf"people|everyone)\s+(?:have|has|had)\s+(?:it\s+)?(?:much\s+|way\s+|far\s+|a\s+lot\s+)?(?:worse|"
    rf"harder|it\s+worse|bigger\s+problems)|worse\s+things\s+happen|"
    rf"(?:look\s+on\s+the\s+)?bright\s+side|silver\s+lining|"
    rf"(?:(?:(?:it|that|this){A}?s|its|thats|(?:it|that|this)\s+(?:is|was))\s+(?:really\s+|honestly\s+)?"
    rf"not|(?:it|that|this)\s+(?:wasn{A}t|isn{A}t|wasnt|isnt))\s+(?:really\s+)?(?:that|such\s+a|a|so)\s+"
    rf"(?:big|bad|huge|terrible|serious)(?:\s+(?:of\s+a\s+)?deal)?|not\s+(?:such\s+)?a\s+big\s+deal|no\s+big\s+deal|"
    rf"(?:don{A}t|dont|do\s+not)\s+(?:you\s+)?worry\s+(?:about\s+it|so\s+much|too\s+much)|"
    rf"(?:don{A}t|dont)\s+(?:be\s+(?:so\s+)?(?:sad|upset|silly)|let\s+it\s+get\s+to\s+you|"
    rf"take\s+it\s+(?:so\s+)?personally|stress|dwell)|"
    rf"everything\s+happens\s+for\s+a\s+reason|(?:you{A}?ll|you\s+will)\s+(?:get\s+over\s+it|"
    rf"be\s+(?:fine|ok|okay)|forget\s+about\s+it|laugh\s+about)|get\s+over\s+it|"
    rf"(?:that|the\s+same(?:\s+thing)?|this|it|something\s+(?:similar|like\s+that))\s+"
    rf"(?:happened|happens)\s+to\s+me|same\s+(?:thing\s+)?(?:happened|with\s+me|here)|"
    rf"happened\s+to\s+me\s+(?:too|as\s+well|once|last)|me\s+too\b|"
    rf"i\s+know\s+exactly\s+how\s+you\s+feel|i\s+(?:had|went\s+through|have)\s+(?:the\s+same|"
    rf"something\s+similar|that\s+too|it\s+too)|when\s+i\s+was\s+(?:your\s+age|in\s+your)|"
    rf"reminds\s+me\s+of\s+(?:when|the\s+time|my)|i{A}ve\s+been\s+there|that{A}s\s+nothing|"
    rf"cheer\s+up|it\s+is\s+what\s+it\s+is|try\s+not\s+to\s+think\s+about|"
    rf"(?:you{A}re|youre|you\s+are)\s+(?:overthinking|lucky|so\s+lucky)|"
    rf"(?:my|our)\s+(?:boss|mum|mom|dad|sister|brother|friend|ex|job|kids?)\s+(?:does|did|used\s+to|"
    rf"is|was)\s+(?:the\s+(?:exact\s+|very\s+)?same|exactly\s+(?:the\s+same|that)|that|way\s+worse|"
    rf"worse)|"
    rf"it{A}s\s+(?:fine|ok|okay)(?:,|\s+though|\s+really)|"
    rf"could\s+be\s+worse|think\s+(?:positive|of\s+the\s+good)|"
    rf"(?:now\s+)?you\s+know\s+how\s+i\s+felt|welcome\s+to\s+my\s+(?:life|world)|"
    rf"try\s+being\s+me|imagine\s+how\s+i)",
    re.IGNORECASE,
)


def _first_ack(text: str) -> int:
    m = next(_find(_ACK, text), None)
    return m.start() if m else len(text) + 1


def _fixing(text: str) -> Iterator[Finding]:
    ack = _first_ack(text)
    for m in _find(_ADVICE, text):
        if m.start() > ack:
            break
        start = m.start()
        while start < m.end() and not text[start].isalpha():
            start += 1
        clause = text[start : t.clause_end(text, m.end())]
        if "?" in text[m.end() : t.sentence_end(text, m.end())] and re.match(
            r"(?:would|do|shall|should)\s+(?:it|you)\s+(?:help|like|want)", clause, re.I
        ):
            continue  # "Would it help to…?" asks before offering.
        if re.match(
            r"(?:you\s+(?:need|have|got)\s+to\s+(?:know|hear|be\s+(?:so\s+)?(?:proud|"
            r"exhausted|tired|feeling)))",
            clause,
            re.I,
        ):
            continue
        if re.match(r"(?:go|get|take|make)\b", clause, re.I) and not re.match(
            r"(?:go|get|take|make)\s+(?:to|some|a|an|out|for|away|it|back|the|him|her|them|"
            r"yourself|your)\b",
            clause,
            re.I,
        ):
            continue
        yield Finding(
            "fixing",
            start,
            m.end(),
            "Advice before they feel heard can sound like “stop feeling that”; most people "
            "want to be understood first.",
            "That sounds really hard. Do you want ideas, or mostly someone to listen?",
            t.clause_start(text, start),
            t.clause_end(text, m.end()),
        )
        return  # One note is enough: the point is the order, not each piece of advice.


def _comparing(text: str) -> Iterator[Finding]:
    for m in _find(_COMPARING, text):
        found = m.group(0).lower()
        sentence_start = t.sentence_start(text, m.start())
        if found.startswith("me too") and not (
            m.start() == sentence_start or re.match(r"\s*[,.!—-]", text[m.end() : m.end() + 2])
        ):
            continue
        if re.match(r"same\s+here|me\s+too|same\s+with\s+me", found) and not (
            valence(text) < -0.05
            or re.search(
                r"\b(?:my|happened|when\s+i|i\s+had|i\s+was|mine)\b",
                text[m.end() : t.sentence_end(text, t.sentence_end(text, m.end()))],
                re.I,
            )
        ):
            continue  # Glad together: "Same here, I loved it."
        if found.startswith("at least") and re.match(
            r"\s+(?:once|one|a\s+few|an?\s+hour|twice)\b", text[m.end() :], re.I
        ):
            continue
        if (
            found.startswith(("you're lucky", "you are lucky", "youre lucky")) is False
            and "lucky" in found
            and re.search(r"\bi{A}?m\s+(?:so\s+)?lucky", text, re.I)
        ):
            continue
        yield Finding(
            "comparing",
            m.start(),
            m.end(),
            "Turning to your own story or to the bright side can make their feeling sound "
            "smaller than it is to them.",
            "That sounds really hard. Tell me more about how it was for you?",
            t.clause_start(text, m.start()),
            t.clause_end(text, m.end()),
        )


# --- which detectors run where -------------------------------------------------------------------

CONTEXTS = ("share", "reply", "apology", "request")


def detectors(context: str) -> tuple[Detector, ...]:
    common: tuple[Detector, ...] = (
        _blame,
        _feeling_that_blames,
        _thought_as_feeling,
        _contempt,
        _defensiveness,
    )
    if context == "reply":
        return (
            *common,
            lambda s: _apology_pitfall(s, justifying=False),
            _fixing,
            _comparing,
        )
    if context == "apology":
        return (*common, lambda s: _apology_pitfall(s, justifying=True))
    return (*common, lambda s: _apology_pitfall(s, justifying=False))
