"""The feelings, needs and body-signal vocabularies, and the check-in scales.

Plain Python literals so that pure-Python code (the language coach, insights)
can read them without Django. Every label a person will read is wrapped in
``N_`` so ``makemessages --keyword=N_`` finds it; translation happens where the
label is shown, not here.

Slugs are stored in entries, so never rename or reuse one: add a new slug and
retire the old one instead.

The feelings list holds feelings only. Words that describe what someone else
did ("abandoned", "ignored", "betrayed", ...) are deliberately absent; the
language coach maps those to the feelings and needs beneath them.
"""

from __future__ import annotations

from typing import TypeAlias


def N_(s: str) -> str:
    """Mark a label for translation without translating it yet."""
    return s


WordData: TypeAlias = tuple[str, str]
# (slug, label, pleasant, description, words)
FamilyData: TypeAlias = tuple[str, str, bool, str, tuple[WordData, ...]]
# (slug, label, needs)
NeedGroupData: TypeAlias = tuple[str, str, tuple[WordData, ...]]
# (slug, label, help)
ChoiceWithHelp: TypeAlias = tuple[str, str, str]


FEELING_FAMILIES: tuple[FamilyData, ...] = (
    # Pleasant families
    (
        "joyful",
        N_("Joyful"),
        True,
        N_("Light and glad inside, as if something is going right."),
        (
            ("happy", N_("happy")),
            ("delighted", N_("delighted")),
            ("cheerful", N_("cheerful")),
            ("amused", N_("amused")),
            ("playful", N_("playful")),
            ("excited", N_("excited")),
            ("elated", N_("elated")),
        ),
    ),
    (
        "peaceful",
        N_("Peaceful"),
        True,
        N_("Settled and unhurried, with nothing pulling at you."),
        (
            ("calm", N_("calm")),
            ("relaxed", N_("relaxed")),
            ("content", N_("content")),
            ("relieved", N_("relieved")),
            ("at-ease", N_("at ease")),
            ("comfortable", N_("comfortable")),
            ("centred", N_("centred")),
        ),
    ),
    (
        "affectionate",
        N_("Affectionate"),
        True,
        N_("Warm toward someone and glad to be near them."),
        (
            ("loving", N_("loving")),
            ("tender", N_("tender")),
            ("warm", N_("warm")),
            ("close", N_("close")),
            ("fond", N_("fond")),
            ("connected", N_("connected")),
        ),
    ),
    (
        "grateful",
        N_("Grateful"),
        True,
        N_("Aware of something good you were given or shown."),
        (
            ("thankful", N_("thankful")),
            ("appreciative", N_("appreciative")),
            ("touched", N_("touched")),
            ("moved", N_("moved")),
            ("humbled", N_("humbled")),
        ),
    ),
    (
        "hopeful",
        N_("Hopeful"),
        True,
        N_("Looking ahead and expecting that things can get better."),
        (
            ("optimistic", N_("optimistic")),
            ("encouraged", N_("encouraged")),
            ("inspired", N_("inspired")),
            ("eager", N_("eager")),
            ("expectant", N_("expectant")),
        ),
    ),
    (
        "engaged",
        N_("Curious and engaged"),
        True,
        N_("Awake to what is in front of you and wanting to know more."),
        (
            ("curious", N_("curious")),
            ("interested", N_("interested")),
            ("absorbed", N_("absorbed")),
            ("fascinated", N_("fascinated")),
            ("alert", N_("alert")),
            ("intrigued", N_("intrigued")),
        ),
    ),
    (
        "confident",
        N_("Confident"),
        True,
        N_("Steady in yourself and trusting that you can handle this."),
        (
            ("proud", N_("proud")),
            ("capable", N_("capable")),
            ("strong", N_("strong")),
            ("secure", N_("secure")),
            ("brave", N_("brave")),
            ("determined", N_("determined")),
        ),
    ),
    # Unpleasant families
    (
        "sad",
        N_("Sad"),
        False,
        N_("Heavy or low, often when something is missing or has been lost."),
        (
            ("down", N_("down")),
            ("disappointed", N_("disappointed")),
            ("discouraged", N_("discouraged")),
            ("gloomy", N_("gloomy")),
            ("heartbroken", N_("heartbroken")),
            ("grieving", N_("grieving")),
            ("wistful", N_("wistful")),
        ),
    ),
    (
        "scared",
        N_("Scared or anxious"),
        False,
        N_("On alert, bracing for something that might go wrong."),
        (
            ("anxious", N_("anxious")),
            ("worried", N_("worried")),
            ("nervous", N_("nervous")),
            ("afraid", N_("afraid")),
            ("uneasy", N_("uneasy")),
            ("panicky", N_("panicky")),
            ("insecure", N_("insecure")),
            ("vulnerable", N_("vulnerable")),
        ),
    ),
    (
        "angry",
        N_("Angry"),
        False,
        N_("Heated and pushing back, often when something feels unfair."),
        (
            ("annoyed", N_("annoyed")),
            ("irritated", N_("irritated")),
            ("frustrated", N_("frustrated")),
            ("impatient", N_("impatient")),
            ("resentful", N_("resentful")),
            ("furious", N_("furious")),
            ("bitter", N_("bitter")),
        ),
    ),
    (
        "hurt",
        N_("Hurt"),
        False,
        N_("A sore place inside, after something landed hard."),
        (
            ("hurt", N_("hurt")),
            ("stung", N_("stung")),
            ("crushed", N_("crushed")),
            ("raw", N_("raw")),
            ("bruised", N_("bruised")),
            ("heartsick", N_("heartsick")),
        ),
    ),
    (
        "tired",
        N_("Tired or depleted"),
        False,
        N_("Running low, with little left to give right now."),
        (
            ("tired", N_("tired")),
            ("exhausted", N_("exhausted")),
            ("drained", N_("drained")),
            ("worn-out", N_("worn out")),
            ("weary", N_("weary")),
            ("burnt-out", N_("burnt out")),
            ("overwhelmed", N_("overwhelmed")),
        ),
    ),
    (
        "ashamed",
        N_("Ashamed or embarrassed"),
        False,
        N_("Wanting to hide, or wishing you had done something differently."),
        (
            ("ashamed", N_("ashamed")),
            ("embarrassed", N_("embarrassed")),
            ("guilty", N_("guilty")),
            ("regretful", N_("regretful")),
            ("self-conscious", N_("self-conscious")),
            ("awkward", N_("awkward")),
            ("sheepish", N_("sheepish")),
        ),
    ),
    (
        "confused",
        N_("Confused"),
        False,
        N_("Unsure which way is up, or pulled in more than one direction."),
        (
            ("confused", N_("confused")),
            ("puzzled", N_("puzzled")),
            ("unsure", N_("unsure")),
            ("torn", N_("torn")),
            ("lost", N_("lost")),
            ("ambivalent", N_("ambivalent")),
        ),
    ),
    (
        "lonely",
        N_("Lonely"),
        False,
        N_("Far from others, and missing the closeness you want."),
        (
            ("lonely", N_("lonely")),
            ("disconnected", N_("disconnected")),
            ("distant", N_("distant")),
            ("homesick", N_("homesick")),
            ("longing", N_("longing")),
            ("empty", N_("empty")),
        ),
    ),
)


NEED_GROUPS: tuple[NeedGroupData, ...] = (
    (
        "connection",
        N_("Connection"),
        (
            ("closeness", N_("closeness")),
            ("affection", N_("affection")),
            ("to-be-understood", N_("to be understood")),
            ("to-be-seen", N_("to be seen")),
            ("belonging", N_("belonging")),
            ("acceptance", N_("acceptance")),
            ("time-together", N_("time together")),
        ),
    ),
    (
        "safety",
        N_("Safety and reassurance"),
        (
            ("reassurance", N_("reassurance")),
            ("trust", N_("trust")),
            ("stability", N_("stability")),
            ("predictability", N_("knowing what to expect")),
            ("comfort", N_("comfort")),
            ("to-know-we-are-okay", N_("to know we're okay")),
        ),
    ),
    (
        "autonomy",
        N_("Space and choice"),
        (
            ("space", N_("space")),
            ("time-alone", N_("time alone")),
            ("choice", N_("choice")),
            ("independence", N_("independence")),
            ("privacy", N_("privacy")),
            ("my-own-pace", N_("to go at my own pace")),
        ),
    ),
    (
        "rest",
        N_("Rest and ease"),
        (
            ("rest", N_("rest")),
            ("sleep", N_("sleep")),
            ("quiet", N_("quiet")),
            ("ease", N_("ease")),
            ("play", N_("play")),
            ("fun", N_("fun")),
            ("movement", N_("movement")),
        ),
    ),
    (
        "meaning",
        N_("Meaning and growth"),
        (
            ("purpose", N_("purpose")),
            ("growth", N_("growth")),
            ("learning", N_("learning")),
            ("contribution", N_("to contribute")),
            ("creativity", N_("creativity")),
            ("hope", N_("hope")),
            ("to-matter", N_("to matter")),
        ),
    ),
    (
        "honesty",
        N_("Honesty and respect"),
        (
            ("honesty", N_("honesty")),
            ("openness", N_("openness")),
            ("clarity", N_("clarity")),
            ("fairness", N_("fairness")),
            ("respect", N_("respect")),
            ("consideration", N_("consideration")),
            ("to-be-heard", N_("to be heard")),
        ),
    ),
    (
        "partnership",
        N_("Partnership and practical support"),
        (
            ("practical-help", N_("practical help")),
            ("partnership-in-a-decision", N_("partnership in a decision")),
            ("sharing-the-load", N_("sharing the load")),
            ("support", N_("support")),
            ("teamwork", N_("teamwork")),
            ("reliability", N_("reliability")),
            ("follow-through", N_("follow-through")),
        ),
    ),
)


# Tense signals first, then settled ones, so a picker reads from "braced" to "at rest".
BODY_SIGNALS: tuple[WordData, ...] = (
    ("tight-chest", N_("tight chest")),
    ("knot-in-stomach", N_("knot in my stomach")),
    ("racing-heart", N_("racing heart")),
    ("warm-face", N_("warm face")),
    ("clenched-jaw", N_("clenched jaw")),
    ("tense-shoulders", N_("tense shoulders")),
    ("shallow-breathing", N_("shallow breathing")),
    ("lump-in-throat", N_("lump in my throat")),
    ("headache", N_("headache")),
    ("butterflies", N_("butterflies")),
    ("shaky", N_("shaky")),
    ("restless", N_("restless")),
    ("tearful", N_("tearful")),
    ("heavy-limbs", N_("heavy limbs")),
    ("numb", N_("numb")),
    ("relaxed-shoulders", N_("relaxed shoulders")),
    ("easy-breathing", N_("easy breathing")),
    ("soft-belly", N_("soft belly")),
    ("warm-and-open", N_("warm and open")),
    ("steady", N_("steady")),
    ("grounded", N_("feet on the ground")),
    ("light", N_("light")),
    ("sleepy", N_("sleepy")),
)


# Check-in scales: (value, short label), lowest first.
MOOD_SCALE: tuple[tuple[int, str], ...] = (
    (1, N_("Very low")),
    (2, N_("Low")),
    (3, N_("Okay")),
    (4, N_("Good")),
    (5, N_("Very good")),
)

ENERGY_SCALE: tuple[tuple[int, str], ...] = (
    (1, N_("Drained")),
    (2, N_("Low")),
    (3, N_("Steady")),
    (4, N_("Lively")),
    (5, N_("Buzzing")),
)


# How much a share asks of the people hearing it.
SHARE_DEPTHS: tuple[ChoiceWithHelp, ...] = (
    (
        "light",
        N_("Light"),
        N_("Something small from my day. Easy to say, easy to hear."),
    ),
    (
        "medium",
        N_("Medium"),
        N_("Something that matters to me. It may take a few minutes of your attention."),
    ),
    (
        "deep",
        N_("Deep"),
        N_("Something tender. Please read it when you can give it your full care."),
    ),
)

# What the sharer would like back from the people listening.
SHARE_WANTS: tuple[ChoiceWithHelp, ...] = (
    (
        "just-listen",
        N_("Just listen"),
        N_("No fixing needed. I'd love to know you heard me."),
    ),
    (
        "reassurance",
        N_("Reassurance"),
        N_("Remind me that we're okay and that you're on my side."),
    ),
    (
        "help-thinking",
        N_("Help me think"),
        N_("Once you've heard me out, your questions and ideas are welcome."),
    ),
    (
        "space",
        N_("Some space"),
        N_("I wanted you to know. No reply needed for now, and that's all right."),
    ),
)
