"""The three tools and what each one says, in one place: the breathing patterns and their
timings, the grounding senses and the kindness steps.

Plain data (only lazily translated words), so pages, the API, the demo and tests share it and
no view has to know a timing or a sentence. The timings are also written as keyframes in
calm.css for people without JavaScript; `test_tools.py` keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

BREATHE, GROUND, KINDNESS = "breathe", "ground", "kindness"
TOOLS: tuple[str, ...] = (BREATHE, GROUND, KINDNESS)
TOOL_NAMES: dict[str, StrOrPromise] = {
    BREATHE: _("Breathe"),
    GROUND: _("Ground yourself"),
    KINDNESS: _("Be kind to yourself"),
}

# How strong a feeling is, before and after: 0 settled, 10 the most there is.
DISTRESS_MIN, DISTRESS_MAX = 0, 10


# --- Breathing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phase:
    cue: StrOrPromise
    seconds: float
    # "in", "full" (holding after breathing in), "out", "empty" (holding after breathing out):
    # where the circle goes, and which soft tone or buzz marks the change.
    kind: str


@dataclass(frozen=True)
class Pattern:
    key: str  # in the URL: /calm/breathe/<key>/
    css: str  # in class names, which can't start with a digit
    name: StrOrPromise
    about: StrOrPromise
    phases: tuple[Phase, ...]

    @property
    def cycle_seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)

    @property
    def breaths_per_minute(self) -> float:
        return 60 / self.cycle_seconds


IN, HOLD, OUT = _("Breathe in"), _("Hold"), _("Breathe out")

# Resonant breathing: about 5.5 breaths a minute is 60 / 5.5 = 10.9 s a breath, half in, half
# out, with no holding.
RESONANT_HALF = 5.45

PATTERNS: dict[str, Pattern] = {
    pattern.key: pattern
    for pattern in (
        Pattern(
            "box",
            "box",
            _("Box breathing"),
            _("Four even sides: in, hold, out, hold. Steady and easy to follow."),
            (
                Phase(IN, 4, "in"),
                Phase(HOLD, 4, "full"),
                Phase(OUT, 4, "out"),
                Phase(HOLD, 4, "empty"),
            ),
        ),
        Pattern(
            "4-7-8",
            "478",
            _("4-7-8 breathing"),
            _("A long, slow breath out tells your body it can stand down."),
            (Phase(IN, 4, "in"), Phase(HOLD, 7, "full"), Phase(OUT, 8, "out")),
        ),
        Pattern(
            "resonant",
            "resonant",
            _("Slow, even breathing"),
            _("About five and a half breaths a minute, no holding. Gentle and rocking."),
            (Phase(IN, RESONANT_HALF, "in"), Phase(OUT, RESONANT_HALF, "out")),
        ),
    )
}
DEFAULT_PATTERN = "box"


# --- Grounding and kindness: one step at a time ---------------------------------------------


@dataclass(frozen=True)
class Step:
    title: StrOrPromise
    hint: StrOrPromise
    # Grounding counts things noticed (5, 4, 3, 2, 1); kindness has nothing to count.
    count: int = 0
    # A few ways of putting it, offered as examples: the person finds their own words.
    examples: tuple[StrOrPromise, ...] = ()


GROUND_STEPS: tuple[Step, ...] = (
    Step(
        _("Five things you can see"),
        _(
            "Let your eyes wander slowly. Name each one quietly to yourself: "
            "a colour, a shape, a patch of light."
        ),
        count=5,
    ),
    Step(
        _("Four things you can touch"),
        _(
            "Notice how each one feels: your sleeve, the seat under you, "
            "the floor under your feet, something cool or soft."
        ),
        count=4,
    ),
    Step(
        _("Three things you can hear"),
        _("Near or far: a hum in the room, a sound outside, your own breathing."),
        count=3,
    ),
    Step(
        _("Two things you can smell"),
        _(
            "Anything at all — soap on your hands, the air by a window. "
            "If nothing comes, remember a smell you like."
        ),
        count=2,
    ),
    Step(
        _("One thing you can taste"),
        _("Maybe the last thing you drank, or just your own mouth. A sip of water counts."),
        count=1,
    ),
)

KINDNESS_STEPS: tuple[Step, ...] = (
    Step(
        _("Say that it's hard"),
        _(
            "If it helps, rest a hand somewhere steadying: your chest, your arm, your cheek. "
            "Then tell yourself, plainly and quietly, what's true right now. No need to explain "
            "it, defend it or fix it yet. It only has to be named."
        ),
        examples=(
            _("This really hurts."),
            _("I'm worn thin."),
            _("That went badly, and it stings."),
        ),
    ),
    Step(
        _("Remember you're not the only one"),
        _(
            "Right now, lots of people are feeling just this — after a row with someone they "
            "love, after a day that went wrong. Struggling doesn't mean you're failing. It means "
            "you care, the way people do."
        ),
        examples=(
            _("Other people feel this too."),
            _("I'm not on my own with this."),
            _("Anyone who cared this much would feel it."),
        ),
    ),
    Step(
        _("Offer yourself some kindness"),
        _(
            "Think of what you'd say to a good friend who felt like this, and say it to "
            "yourself in the same voice. Then ask what you need right now — rest, a glass of "
            "water, a walk, a little time — and give yourself what you can."
        ),
        examples=(
            _("You're doing your best, and that's enough for now."),
            _("It's alright to rest."),
            _("I'm here, and I'm staying."),
        ),
    ),
)

STEPS: dict[str, tuple[Step, ...]] = {GROUND: GROUND_STEPS, KINDNESS: KINDNESS_STEPS}
