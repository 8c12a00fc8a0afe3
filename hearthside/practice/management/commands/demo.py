"""`hearthside demo`: fill an empty install with a believable few weeks of two partners and a
friend practising together, so a newcomer (or a reviewer) can click around something that looks
lived in instead of a blank page.

The story: Alex and Sam live together in Bristol. Over about five and a half weeks Alex's team
pushes a release out of the door, Sam's dad has a fall and then a heart procedure, they have a
row about the washing-up and repair it, climb a mountain in the rain and start weighing up a new
job offer. Robin climbs with Alex on Thursdays and has just started a new job.

All text lives in module-level tuples so it can be read (and improved) like prose. Dates are
relative to "now" so the demo always looks recent, and a seeded random generator decides which
ordinary days get a check-in, so every run writes the same story.
"""

from __future__ import annotations

import random
import zoneinfo
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from importlib import import_module
from typing import Any, NamedTuple

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from hearthside import vocab
from hearthside.accounts.models import Person
from hearthside.circles.models import Circle, Membership
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share
from hearthside.rituals import templates as ritual_templates
from hearthside.rituals.models import Occurrence, Ritual
from hearthside.rituals.recurrence import between

# Printed below and meant to be shared, so it must never guard a real account: see the
# production check in `handle`.
DEMO_PASSWORD = "hearthside-demo"  # noqa: S105 - a deliberately public demo password
TIME_ZONE = "Europe/London"
SEED = 7

# The story is written on its own calendar of "story days" before its day 1, which falls on a
# Thursday: school happens on weekdays, climbing on Thursdays and the hike on a Saturday, so the
# whole calendar is moved back by 0-6 days to keep those on the right weekday. The newest few
# entries (RECENT, RECENT_SHARES) are instead dated from today, so there is always something
# from yesterday. Nothing is dated today, so every timestamp is in the past whatever the hour.
STORY_DAY_ONE_WEEKDAY = 3  # Thursday (Monday is 0)
STORY_LENGTH = 38
# On a day without a scripted moment, the chance that someone still checks in. People miss days.
ORDINARY_CHECKIN_CHANCE = 0.75
# Story day of the release; Alex's ordinary working days feel different before and after it.
LAUNCH_DAY = 16
# Story day of Sam's dad's procedure; Sam's ordinary days are heavier before it.
PROCEDURE_DAY = 18


class DemoPerson(NamedTuple):
    key: str
    email: str
    name: str
    joined_days_ago: int


PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("alex", "alex@example.com", "Alex", 48),
    DemoPerson("sam", "sam@example.com", "Sam", 47),
    DemoPerson("robin", "robin@example.com", "Robin", 44),
)


class DemoCircle(NamedTuple):
    key: str
    name: str
    kind: str
    created_by: str
    members: tuple[str, ...]
    created_days_ago: int


CIRCLES: tuple[DemoCircle, ...] = (
    DemoCircle("partners", "Alex & Sam", "partners", "alex", ("alex", "sam"), 47),
    # Sam is deliberately not here: the demo should show that a friends circle is its own space.
    DemoCircle("friends", "Thursday climbers", "friends", "alex", ("alex", "robin"), 44),
)


class Moment(NamedTuple):
    """What one check-in holds. Feelings, body signals and needs are vocabulary slugs."""

    mood: int
    energy: int
    feelings: tuple[str, ...]
    body: tuple[str, ...]
    needs: tuple[str, ...]
    situation: str
    note: str = ""


class Dated(NamedTuple):
    """A scripted check-in on a particular day, at a local clock time ("HH:MM")."""

    who: str
    day: int
    at: str
    moment: Moment


class Heard(NamedTuple):
    """A listening reply from the other person, and what the sharer did with it."""

    after_minutes: int
    reflect: str
    validation: str
    question: str = ""
    # Minutes after the reply that the sharer marked "I felt heard"; None if they didn't.
    felt_heard_after: int | None = None
    thanks: str = ""


class Told(NamedTuple):
    """A share. `from_checkin` links it to the author's scripted check-in that day."""

    circle: str
    who: str
    day: int
    at: str
    text: str
    feelings: tuple[str, ...]
    depth: str
    wants: str
    from_checkin: bool = False
    reply: Heard | None = None
    withdrawn_after_minutes: int | None = None


# Turns (days ago, "HH:MM") into an aware datetime in the demo time zone.
Clock = Callable[[int, str], datetime]

# Share depths and wants, as slugs from vocab.SHARE_DEPTHS and vocab.SHARE_WANTS.
LIGHT, MEDIUM, DEEP = "light", "medium", "deep"
LISTEN, REASSURE, THINK, SPACE = "just-listen", "reassurance", "help-thinking", "space"


# The tables below are hand-laid-out so each entry reads as one small paragraph; the formatter
# would put every number and word list on its own line.
# fmt: off

# --- Scripted check-ins: the days the story turns on ------------------------------------------
# Story days count back from day 1 (a Thursday): day 2 is a Wednesday, day 6 a Saturday, and so
# on. Moment fields in order: mood, energy, feelings, body signals, needs, situation, note.

STORY: tuple[Dated, ...] = (
    Dated("alex", 38, "19:30", Moment(
        3, 4, ("determined", "nervous"), ("butterflies",), ("clarity", "support"),
        "Release date for the booking app is fixed: three weeks tomorrow.",
        "Big but doable if nothing strange turns up. Warned Sam I might be scarce.",
    )),
    Dated("sam", 37, "13:05", Moment(
        2, 3, ("worried", "afraid", "uneasy"), ("knot-in-stomach", "tight-chest"),
        ("reassurance", "closeness"),
        "Mum rang at lunch. Dad had a fall in the garden. He's fine, but they want heart tests.",
    )),
    Dated("alex", 37, "21:45", Moment(
        3, 3, ("worried", "tender"), ("tight-chest",), ("contribution", "closeness"),
        "Sam's dad had a fall. Came home early and we talked it over with a pot of tea.",
        "Sam's mum sounds shaken. Glad I shut the laptop for once.",
    )),
    Dated("alex", 35, "22:40", Moment(
        2, 1, ("exhausted", "guilty", "frustrated"), ("tense-shoulders", "headache"),
        ("rest", "time-together"),
        "Third night in a row at the laptop until gone ten. Sam ate on their own again.",
    )),
    Dated("sam", 34, "21:10", Moment(
        3, 2, ("worried", "tired"), ("tense-shoulders",), ("predictability", "rest"),
        "Still no date for Dad's tests. Mum rings every evening and we go round in circles.",
        "Trying very hard not to google things.",
    )),
    Dated("alex", 32, "22:30", Moment(
        5, 4, ("happy", "playful", "close"), ("relaxed-shoulders", "warm-and-open"),
        ("fun", "closeness"),
        "Laptop shut at six. We cooked a green curry and ended up dancing round the kitchen.",
        "Needed that more than I knew.",
    )),
    Dated("sam", 32, "22:35", Moment(
        5, 4, ("delighted", "playful", "loving"), ("warm-and-open", "light"), ("fun", "affection"),
        "Alex closed the laptop at six. Curry, my terrible playlist, dancing, early night.",
        "I'd missed this version of us.",
    )),
    Dated("alex", 29, "21:55", Moment(
        1, 1, ("resentful", "annoyed", "exhausted"), ("clenched-jaw", "tense-shoulders"),
        ("sharing-the-load", "rest", "fairness"),
        "Got in at half nine to a sink full of pans and the bins still inside. Snapped at Sam.",
        "Wrote something in here and took it back. Not how I want to say it.",
    )),
    Dated("sam", 29, "22:30", Moment(
        1, 2, ("hurt", "stung", "frustrated"), ("warm-face", "lump-in-throat"),
        ("respect", "to-be-heard", "fairness"),
        "Alex walked in and went straight for the pans. I'd just spent an hour on the phone "
        "to Mum.",
        "I know the kitchen was a state. It still stung.",
    )),
    Dated("sam", 28, "20:25", Moment(
        2, 2, ("hurt", "unsure", "down"), ("knot-in-stomach",), ("to-be-understood", "teamwork"),
        "Still sore about last night. Wrote to Alex instead of stewing on it.",
    )),
    Dated("alex", 28, "22:20", Moment(
        2, 2, ("regretful", "sheepish", "tired"), ("heavy-limbs",),
        ("to-know-we-are-okay", "to-be-understood"),
        "Read Sam's message about last night. I did go in hard.",
        "We're talking properly tomorrow. Relieved there's a plan.",
    )),
    Dated("alex", 27, "21:20", Moment(
        4, 3, ("relieved", "tender", "optimistic"), ("easy-breathing",), ("teamwork", "fairness"),
        "Made a chores rota together. Sam has bins and laundry; I have the kitchen and shopping.",
        "Said sorry properly. It went better than I'd feared.",
    )),
    Dated("sam", 27, "21:45", Moment(
        4, 3, ("relieved", "connected", "encouraged"), ("relaxed-shoulders",),
        ("fairness", "teamwork"),
        "We did the rota. Alex apologised without a single 'but'.",
        "I said sorry for going cold on it, too.",
    )),
    Dated("sam", 25, "19:00", Moment(
        1, 2, ("afraid", "vulnerable", "worried"), ("tearful", "tight-chest"),
        ("reassurance", "comfort", "closeness"),
        "Dad's results are back. He needs a stent, booked for next week.",
        "Cried in the car outside school, then went back in and marked books.",
    )),
    Dated("alex", 22, "23:05", Moment(
        2, 1, ("overwhelmed", "drained", "anxious"), ("racing-heart", "shallow-breathing"),
        ("space", "rest", "quiet"),
        "Two blocking bugs turned up at four o'clock. Release is in six days.",
        "Told Sam I'm running on empty so it doesn't land as distance.",
    )),
    Dated("sam", 21, "20:20", Moment(
        3, 2, ("nervous", "determined"), ("tense-shoulders",), ("support", "stability"),
        "Packed for a few days at Mum and Dad's. Cover sorted at school.",
    )),
    Dated("sam", 20, "22:50", Moment(
        2, 1, ("anxious", "homesick", "tired"), ("restless", "shallow-breathing"),
        ("sleep", "comfort"),
        "First night in my old bedroom. Dad's being brave for Mum and Mum's being brave for him.",
        "Somebody in this house needs to admit they're scared. Maybe me.",
    )),
    Dated("alex", 20, "20:40", Moment(
        3, 2, ("lonely", "longing", "weary"), ("heavy-limbs",), ("closeness", "rest"),
        "Sam's up at the parents' for the procedure. First evening on my own in months.",
    )),
    Dated("sam", 19, "17:15", Moment(
        3, 2, ("tender", "worried"), ("lump-in-throat",), ("closeness", "hope"),
        "Walked Dad's usual loop with Mum while he napped. We talked more than we have in years.",
    )),
    Dated("alex", 19, "20:30", Moment(
        3, 3, ("lonely", "fond"), ("restless",), ("closeness",),
        "Cleaned the whole flat to keep busy. Rang Sam twice.",
    )),
    Dated("sam", 18, "16:30", Moment(
        4, 2, ("relieved", "thankful", "drained"), ("tearful", "easy-breathing"),
        ("rest", "quiet"),
        "Procedure done. Dad's sitting up and complaining about the hospital tea.",
        "The consultant said 'textbook'. Best word I've heard all month.",
    )),
    Dated("alex", 18, "12:40", Moment(
        4, 3, ("relieved", "thankful"), ("easy-breathing",), ("hope",),
        "Sam texted from the ward: all went well, Dad's already asking for biscuits.",
    )),
    Dated("sam", 17, "21:30", Moment(
        4, 2, ("relieved", "tender", "tired"), ("heavy-limbs",), ("rest",),
        "Dad's home. Settled him in his chair with the remote and the cat on his knee.",
    )),
    Dated("alex", 17, "21:50", Moment(
        3, 4, ("nervous", "impatient"), ("restless", "butterflies"), ("predictability", "ease"),
        "Code freeze. Nothing left to do but wait for the morning and fret.",
    )),
    Dated("alex", 16, "18:30", Moment(
        5, 5, ("elated", "proud", "relieved"), ("light", "warm-and-open"), ("rest", "fun"),
        "We launched. Nothing caught fire. Team pizza at five.",
    )),
    Dated("sam", 16, "21:10", Moment(
        4, 2, ("content", "tired", "proud"), ("heavy-limbs",), ("rest",),
        "Home again. Alex launched on the same day, so we ate leftover pizza on the sofa.",
    )),
    Dated("alex", 15, "22:05", Moment(
        4, 4, ("cheerful", "connected"), ("light",), ("movement", "belonging"),
        "Back at the wall for the first time in a month. Robin cheered when I walked in.",
        "Fell off nearly everything. Didn't care.",
    )),
    Dated("alex", 13, "21:30", Moment(
        5, 3, ("happy", "connected", "content"), ("heavy-limbs", "relaxed-shoulders"),
        ("movement", "time-together"),
        "Pen y Fan with Sam. Rain at the bottom, clear at the top, chips in Brecon after.",
        "Legs are done for. Heart is full.",
    )),
    Dated("sam", 13, "20:20", Moment(
        5, 3, ("happy", "connected", "relaxed"), ("heavy-limbs", "relaxed-shoulders"),
        ("movement", "time-together"),
        "Pen y Fan. Soaked socks, an enormous view, Alex singing most of the way down.",
    )),
    Dated("alex", 10, "20:15", Moment(
        2, 2, ("empty", "down", "unsure"), ("heavy-limbs", "numb"), ("purpose", "rest"),
        "Odd flat feeling now the launch is over. Spent the afternoon sorting small bugs.",
        "Probably just the comedown. Keeping an eye on it.",
    )),
    Dated("sam", 9, "21:50", Moment(
        2, 1, ("exhausted", "worn-out"), ("headache",), ("rest", "quiet"),
        "Parents' evening: fourteen families back to back. One dad was lovely. One was not.",
        "Bath, bed, no more talking today.",
    )),
    Dated("alex", 8, "22:00", Moment(
        4, 4, ("proud", "delighted"), ("light", "shaky"), ("movement", "growth"),
        "Finally got up the green overhang at the wall. Forearms are jelly.",
    )),
    Dated("sam", 7, "19:40", Moment(
        4, 3, ("optimistic", "touched"), ("light",), ("hope",),
        "Video call with Dad, who walked to the end of the road and back without stopping.",
        "He made Mum film the whole thing.",
    )),
    Dated("alex", 4, "21:30", Moment(
        3, 4, ("torn", "excited", "uneasy"), ("butterflies", "restless"),
        ("partnership-in-a-decision", "clarity"),
        "Dana asked if I'd think about the team lead role.",
    )),
    Dated("sam", 3, "22:05", Moment(
        2, 2, ("guilty", "torn", "tired"), ("lump-in-throat",), ("reassurance", "support"),
        "Mum asked again when I'm coming up. No free weekend until half-term.",
    )),
    # Robin keeps a few check-ins to themself; nobody else ever sees these.
    Dated("robin", 33, "21:40", Moment(
        3, 4, ("nervous", "excited"), ("butterflies",), ("belonging", "predictability"),
        "New job starts tomorrow. Ironed a shirt for the first time in about a year.",
    )),
    Dated("robin", 28, "21:00", Moment(
        3, 2, ("tired", "self-conscious"), ("tense-shoulders",), ("belonging", "acceptance"),
        "End of week one: a lot of names, a lot of acronyms, lunch alone at my desk.",
    )),
    Dated("robin", 22, "21:45", Moment(
        4, 4, ("strong", "cheerful"), ("light",), ("movement", "belonging"),
        "Good session at the wall. Missed Alex on the rope next to me.",
    )),
    Dated("robin", 10, "18:50", Moment(
        5, 4, ("proud", "excited", "nervous"), ("racing-heart",), ("to-matter",),
        "Presented my first real piece of work to the team. It went well!",
    )),
    Dated("robin", 4, "22:00", Moment(
        3, 2, ("wistful", "calm"), ("heavy-limbs",), ("time-alone", "quiet"),
        "Quiet night in. Rang my sister, watched something silly.",
        "Needed an evening with nobody to impress.",
    )),
)

# The newest check-ins, dated in days before today rather than on the story's calendar.
RECENT: tuple[Dated, ...] = (
    Dated("alex", 2, "22:15", Moment(
        4, 3, ("amused", "warm"), ("warm-and-open",), ("fun", "belonging"),
        "Pub quiz with Sam and the neighbours. Came third, undone by a round about otters.",
        "Laughed more tonight than in the whole of last month.",
    )),
    Dated("sam", 2, "22:10", Moment(
        4, 3, ("amused", "content", "connected"), ("warm-and-open",), ("fun", "belonging"),
        "Quiz night. Third place. Who knew otters hold hands when they sleep? Not us.",
    )),
    Dated("alex", 1, "07:40", Moment(
        3, 3, ("nervous", "determined"), ("butterflies",), ("clarity",),
        "Talking to Dana about the role in the next few days.",
    )),
    Dated("sam", 1, "21:25", Moment(
        3, 3, ("eager", "unsure"), ("steady",), ("partnership-in-a-decision",),
        "Mum wants us both up for lunch soon.",
    )),
)


# --- Ordinary days: dealt out at random on days the story doesn't script ----------------------

ALEX_BEFORE_LAUNCH: tuple[Moment, ...] = (
    Moment(3, 3, ("absorbed", "tired"), ("tense-shoulders",), ("quiet",),
           "Deep in the payment flow all day. Headphones on; didn't speak to anyone until four.",
           "Strangely satisfying."),
    Moment(2, 2, ("frustrated", "impatient"), ("clenched-jaw",), ("clarity", "support"),
           "Requirements changed again at stand-up. Two days of work in the bin."),
    Moment(3, 2, ("tired", "content"), ("heavy-limbs",), ("rest",),
           "Made it to dinner for once. Fell asleep on the sofa at nine.",
           "Woke up under a blanket I didn't put there."),
    Moment(2, 2, ("anxious", "overwhelmed"), ("tight-chest", "shallow-breathing"),
           ("predictability", "rest"),
           "Lay awake last night running through the bug list. Dragged myself through today.",
           "Did the slow breathing around 3am. It took the edge off."),
    Moment(4, 3, ("capable", "encouraged"), ("steady",), ("growth", "to-be-seen"),
           "Fixed the bug that's haunted us for a week. Dana thanked me in front of everyone."),
    Moment(3, 3, ("calm", "wistful"), ("easy-breathing",), ("movement", "quiet"),
           "Walked the long way home along the harbour with my phone in my pocket."),
    Moment(3, 2, ("drained", "thankful"), ("tense-shoulders",), ("sharing-the-load",),
           "Working from home. Sam left a sandwich by my laptop on the way out."),
)

ALEX_AFTER_LAUNCH: tuple[Moment, ...] = (
    Moment(3, 3, ("content", "calm"), ("relaxed-shoulders",), ("rest",),
           "Ordinary working day. Left at half five like a normal person.",
           "Forgot how long an evening is."),
    Moment(4, 3, ("curious", "interested"), ("steady",), ("learning", "creativity"),
           "Spent the afternoon sketching ideas for the next version with the designers."),
    Moment(4, 3, ("amused", "fond"), ("warm-and-open",), ("closeness",),
           "Sam read me the worst bits of a terrible novel in bed. We couldn't stop laughing."),
    Moment(4, 3, ("encouraged", "interested"), ("steady",), ("contribution",),
           "First proper one-to-one with the new junior on the team. Good questions."),
    Moment(3, 3, ("calm", "content"), ("soft-belly",), ("rest", "creativity"),
           "Cooked properly for the first time in weeks. Risotto, slightly crunchy.",
           "Sam was kind about it."),
)

ALEX_WEEKENDS: tuple[Moment, ...] = (
    Moment(4, 3, ("relaxed", "content"), ("relaxed-shoulders",), ("rest", "ease"),
           "Slow morning: pancakes, the crossword, nowhere to be."),
    Moment(4, 4, ("cheerful", "strong"), ("light",), ("movement",),
           "Ran along the river to the suspension bridge and back."),
    Moment(3, 2, ("tired", "irritated"), ("headache",), ("quiet", "sleep"),
           "The neighbours' party went on until one. Short on sleep and patience."),
    Moment(3, 3, ("content", "thankful"), ("grounded",), ("ease",),
           "Long call with my brother. He's finally settled in Leeds."),
    Moment(3, 3, ("uneasy", "determined"), ("tense-shoulders",), ("rest", "choice"),
           "Worked through the morning, then made myself shut the laptop.",
           "It sat there looking at me all afternoon, though."),
)

SAM_BEFORE_PROCEDURE: tuple[Moment, ...] = (
    Moment(3, 2, ("tired", "content"), ("heavy-limbs",), ("rest",),
           "Marked thirty spelling tests. Someone spelled 'because' four different ways.",
           "Made me smile, at least."),
    Moment(3, 3, ("amused", "worried"), ("knot-in-stomach",), ("reassurance",),
           "Rang Mum on the walk home. Dad's doing the crossword and refusing to talk hospitals.",
           "Very him."),
    Moment(3, 3, ("cheerful", "tired"), ("restless",), ("play",),
           "Wet play all day. Year 3 built a cardboard castle, then staged a cardboard rebellion."),
    Moment(3, 2, ("lonely", "wistful"), ("heavy-limbs",), ("time-together",),
           "Alex working late again. Ate in front of the telly.",
           "I know it's for a few weeks. I still missed the company."),
    Moment(4, 3, ("calm", "content"), ("easy-breathing", "soft-belly"), ("quiet",),
           "Yoga after school, first time in weeks."),
    Moment(3, 3, ("proud", "touched"), ("warm-and-open",), ("contribution",),
           "The shyest girl in my class read her story aloud to everyone.",
           "Ten seconds of reading. Enormous for her."),
)

SAM_AFTER_PROCEDURE: tuple[Moment, ...] = (
    Moment(4, 3, ("relaxed", "content"), ("relaxed-shoulders",), ("rest",),
           "Quiet evening. Soup, a book, early night."),
    Moment(3, 2, ("tired", "annoyed"), ("tense-shoulders",), ("consideration",),
           "Staff meeting ran an hour over. Again."),
    Moment(4, 4, ("playful", "happy"), ("light",), ("fun", "play"),
           "Five-a-side with the school staff team. We lost, obviously.",
           "Scored one, though."),
    Moment(3, 3, ("optimistic", "thankful"), ("steady",), ("hope",),
           "Dad rang me himself for once. Sounded like his old self."),
    Moment(4, 3, ("fond", "close"), ("warm-and-open",), ("affection",),
           "Alex met me at the school gate with a coffee. Small thing, big difference."),
    Moment(2, 2, ("down", "weary"), ("heavy-limbs",), ("rest", "comfort"),
           "Grey and drizzly, and every child in class had a cold. So did I by home time."),
)

SAM_WEEKENDS: tuple[Moment, ...] = (
    Moment(4, 3, ("cheerful", "content"), ("light",), ("fun", "time-together"),
           "Market with Alex. Came home with far too many tomatoes."),
    Moment(3, 3, ("calm", "absorbed"), ("steady",), ("purpose",),
           "Lie-in, then planning next week's lessons at the kitchen table."),
    Moment(4, 4, ("delighted", "relaxed"), ("light", "easy-breathing"), ("movement", "fun"),
           "Swim at the lido with Priya. Freezing and glorious."),
    Moment(3, 2, ("wistful", "tired"), ("heavy-limbs",), ("rest", "comfort"),
           "Rainy day on the sofa. Didn't get dressed until two.",
           "Allowed."),
)


# --- Shares and listening replies ------------------------------------------------------------

SHARES: tuple[Told, ...] = (
    Told(
        "partners", "sam", 37, "13:20",
        "Mum rang. Dad had a fall in the garden this morning. He's home and says he's fine, but "
        "he went dizzy before he fell, so they want to check his heart. I'm at school and I "
        "can't stop thinking about it.",
        ("worried", "afraid", "uneasy"), MEDIUM, REASSURE, from_checkin=True,
        reply=Heard(
            40,
            "Your dad is okay for now, but the dizziness has you frightened about what it might "
            "mean, and you're stuck at work with it going round and round.",
            "Of course you're scared. It's your dad, and waiting for tests is its own kind of "
            "hard. I'm with you in this, whatever they find.",
            "What would help most tonight: quiet company, or talking it all through?",
            felt_heard_after=15,
            thanks="Thank you. I read that in the staff room and my shoulders came down an inch. "
            "Talking it through tonight, please.",
        ),
    ),
    Told(
        "partners", "alex", 35, "22:50",
        "Third late night in a row. I hate that you ate on your own again. The launch is "
        "swallowing me and I'm not much fun at the moment.",
        ("tired", "guilty", "frustrated"), LIGHT, LISTEN, from_checkin=True,
        reply=Heard(
            510,
            "You're wrung out from the late nights, and on top of that you're carrying guilt "
            "about me eating alone.",
            "It makes sense you feel pulled in two. You care about the work and about us, and "
            "right now there isn't enough of you for both.",
            "Is there one evening next week we could protect, even for an hour?",
        ),
    ),
    # Written in the heat of the moment and taken back twenty minutes later: what withdrawal
    # is for. Sam never sees it; Alex said it better the next day.
    Told(
        "partners", "alex", 29, "22:05",
        "Came home to the sink full again. I'm working until ten every night and I still seem to "
        "be the only one who notices the bins. I'm tired of it.",
        ("resentful", "annoyed", "exhausted"), MEDIUM, LISTEN,
        withdrawn_after_minutes=20,
    ),
    Told(
        "partners", "sam", 28, "20:40",
        "About last night. What I heard was 'you never do anything', even if that's not what you "
        "said, and I went cold and defensive. I do want to sort the chores out properly. I just "
        "need it to be a conversation, not a telling-off. Can we think it through together?",
        ("hurt", "unsure", "down"), MEDIUM, THINK, from_checkin=True,
        reply=Heard(
            50,
            "Last night landed as a telling-off, so you shut down to protect yourself. You want "
            "to fix the chores with me, not be judged over them.",
            "It makes sense you went defensive. I came in tired and sharp, and it's hard to hear "
            "anything useful through that.",
            "Could we each write down the jobs we actually mind doing, and swap a few?",
            felt_heard_after=30,
            thanks="Thank you for hearing the hurt part and not only the bins part. List-making "
            "over coffee tomorrow?",
        ),
    ),
    Told(
        "partners", "alex", 27, "21:30",
        "We made the rota, and I want to say sorry properly, not in passing. I was sharp about "
        "the washing-up because I was frazzled from work, and you took the brunt of it. Next "
        "time I'll tell you I'm running on empty before I start on the kitchen.",
        ("regretful", "relieved", "tender"), MEDIUM, LISTEN,
        reply=Heard(
            35,
            "You're owning that the work stress came out at me through the washing-up, and you "
            "have a plan for next time.",
            "It means a lot that you came back to it yourself. I know that's not easy when "
            "you're this tired.",
        ),
    ),
    Told(
        "partners", "sam", 25, "19:10",
        "Dad's results came back. He needs a stent. They keep saying it's routine, and it's "
        "booked for next week. I keep being calm on the phone to Mum and then crying in the car. "
        "I'm scared, and I'm scared of being scared in front of them.",
        ("afraid", "vulnerable", "worried"), DEEP, REASSURE, from_checkin=True,
        reply=Heard(
            25,
            "The stent is routine on paper, but it's your dad's heart. You're holding it "
            "together for your mum and only letting it out when you're alone.",
            "Of course you're scared. Being the steady one for everybody is exhausting, and you "
            "don't have to be steady with me.",
            "Shall we sit down tonight and work out getting you up there, and what you'd like "
            "from me while you're away?",
            felt_heard_after=20,
            thanks="Yes, tonight. And thank you for 'you don't have to be steady with me'. I "
            "needed that sentence today.",
        ),
    ),
    # Asking for space is a complete message: no reply expected, and none given.
    Told(
        "partners", "alex", 22, "23:15",
        "I'm stretched very thin this week. Nothing is wrong between us; I just have nothing "
        "left in the evenings. If I go quiet, it's the launch, not you.",
        ("overwhelmed", "drained"), LIGHT, SPACE, from_checkin=True,
    ),
    Told(
        "partners", "alex", 19, "21:00",
        "The flat is far too quiet without you. I made your lentil thing and it was not as "
        "good. Hope your dad's comfortable tonight. Sending love up the M5.",
        ("lonely", "loving", "longing"), LIGHT, LISTEN,
        reply=Heard(
            70,
            "You're rattling around the flat missing me, and still thinking about Dad.",
            "It makes sense it feels strange. We've hardly been apart all year.",
            "What did you put in the lentils? I need to know exactly how it went wrong.",
            felt_heard_after=10,
        ),
    ),
    Told(
        "partners", "alex", 16, "18:45",
        "We shipped! It's live, nothing's on fire, and Dana bought the whole team pizza. Thank "
        "you for putting up with three weeks of me being half here.",
        ("elated", "relieved", "proud", "thankful"), LIGHT, LISTEN,
        reply=Heard(
            20,
            "It's out in the world, it works, and you can finally breathe out.",
            "You earned every slice of that pizza. I watched you carry this for weeks and I'm "
            "really proud of you.",
            "Shall we find somewhere with hills this weekend to celebrate?",
        ),
    ),
    Told(
        "partners", "sam", 13, "20:30",
        "Today was the best day we've had in ages. Wet socks, that view at the top, you singing "
        "badly all the way down. I forgot to worry about anything for about six hours.",
        ("happy", "connected", "relaxed", "thankful"), LIGHT, LISTEN, from_checkin=True,
        reply=Heard(
            30,
            "The walk gave you a whole day off from worrying, and you felt close to me up there.",
            "Same here. I'd forgotten what it's like to just be with you, without a laptop in "
            "the corner of my eye.",
            "Same again next month?",
            felt_heard_after=12,
        ),
    ),
    Told(
        "partners", "alex", 4, "21:40",
        "Dana asked if I'd think about the team lead role. Part of me is flattered, and part of "
        "me remembers what the launch weeks were like for us. I'd love to think it through with "
        "you before I answer.",
        ("torn", "excited", "uneasy"), MEDIUM, THINK, from_checkin=True,
        reply=Heard(
            45,
            "You're pleased to be asked, and wary it could bring back the long evenings we've "
            "only just got out of.",
            "It's wise to weigh it up rather than say yes on the spot. Both halves of you have "
            "a point.",
            "What would need to be true about the role for it to feel like a yes for both of us?",
            felt_heard_after=20,
        ),
    ),
    Told(
        "partners", "sam", 3, "22:15",
        "I haven't been up to see Dad since he got home, and I feel guilty every time Mum "
        "mentions it. Between school and marking there just isn't a free weekend. I know it's "
        "not all on me, but it feels as if it is.",
        ("guilty", "torn", "tired"), DEEP, REASSURE, from_checkin=True,
        reply=Heard(
            20,
            "You're pulled between wanting to be there for your dad and having no time at all, "
            "and the guilt lands on you every time your mum brings it up.",
            "It makes sense you feel it, because you love them. You're doing a lot, and nobody "
            "could call this not caring.",
            "Would it help to sit down with the calendar together and find a weekend we can "
            "both go?",
            felt_heard_after=25,
            thanks="Thank you. Calendar after tea tomorrow. I love that you said 'we'.",
        ),
    ),
    # Thursday climbers: Alex and Robin.
    Told(
        "friends", "robin", 28, "18:15",
        "First week at the new job done. Everyone's kind, and I still spend half the day not "
        "knowing where anything is, including the kettle. Not after advice, just saying it out "
        "loud.",
        ("nervous", "self-conscious", "tired"), LIGHT, LISTEN,
        reply=Heard(
            55,
            "It sounds like a week of being the new person: everyone friendly, and you still "
            "slightly lost all day.",
            "Of course that's tiring. Being new takes far more energy than it looks from outside.",
            "Is there anyone there you already feel easy around?",
            felt_heard_after=40,
        ),
    ),
    Told(
        "friends", "alex", 24, "12:30",
        "I've bailed on climbing three weeks running and I hate it. The launch is eating every "
        "evening. I miss you lot, and I'm a little worried you'll stop counting me in.",
        ("guilty", "wistful", "insecure"), LIGHT, REASSURE,
        reply=Heard(
            90,
            "You're missing the wall and us, and you're worried that being away for a while "
            "means losing your place.",
            "That makes sense: when work swallows everything, the things that keep you sane go "
            "first. You're not going anywhere. Your chalk bag is still in my car.",
            "Shall I keep texting on climbing days, no pressure to answer?",
            felt_heard_after=30,
            thanks="Thank you. The chalk bag line made me laugh out loud in a meeting.",
        ),
    ),
    Told(
        "friends", "robin", 10, "19:05",
        "Presented my first proper piece of work at the new place today and it went well. My "
        "manager wants me to take it to the wider team. Chuffed and slightly terrified.",
        ("proud", "nervous", "excited"), LIGHT, LISTEN, from_checkin=True,
        reply=Heard(
            35,
            "You did the thing you were dreading, it landed, and now there's a bigger stage "
            "waiting.",
            "Proud and terrified sounds exactly right. They asked because it was good.",
            "Which part of it are you most pleased with?",
        ),
    ),
    Told(
        "friends", "alex", 8, "22:10",
        "Finally got up the green overhang tonight after about a month of falling off it. Thank "
        "you for the beta, and for never getting bored of spotting me.",
        ("proud", "delighted", "thankful"), LIGHT, LISTEN, from_checkin=True,
        reply=Heard(
            60,
            "A month of falling off and tonight you stuck it, and you noticed the people around "
            "you while you did.",
            "That's a proper win. Of course you're buzzing; you worked for that one.",
        ),
    ),
)

# The newest shares, dated from today like RECENT, are still waiting for a reply: this is what
# an open thread looks like.
RECENT_SHARES: tuple[Told, ...] = (
    Told(
        "partners", "alex", 1, "07:50",
        "Woke up already rehearsing what I'll say to Dana. No advice needed; I just wanted it "
        "to live somewhere other than my head for a bit.",
        ("nervous", "determined"), LIGHT, LISTEN, from_checkin=True,
    ),
    Told(
        "partners", "sam", 1, "21:35",
        "Mum asked if we could both come up for lunch soon. Dad wants to show off his walking. "
        "I'd really like to go, and I know you've got a lot on. Can we find a day?",
        ("eager", "unsure", "warm"), LIGHT, THINK, from_checkin=True,
    ),
)

# fmt: on

ORDINARY_POOLS: dict[str, tuple[tuple[Moment, ...], ...]] = {
    # (before the turning point, after it, weekends)
    "alex": (ALEX_BEFORE_LAUNCH, ALEX_AFTER_LAUNCH, ALEX_WEEKENDS),
    "sam": (SAM_BEFORE_PROCEDURE, SAM_AFTER_PROCEDURE, SAM_WEEKENDS),
}
TURNING_POINT: dict[str, int] = {"alex": LAUNCH_DAY, "sam": PROCEDURE_DAY}


def _all_moments() -> list[Moment]:
    pools = [m for trio in ORDINARY_POOLS.values() for pool in trio for m in pool]
    return [d.moment for d in (*STORY, *RECENT)] + pools


def _unknown_words() -> list[str]:
    """Slugs in the script that the vocabulary doesn't know. Slugs can be retired, so check
    before writing anything rather than leaving entries that show a blank where a word was."""
    feelings, needs, body = vocab.feeling_slugs(), vocab.need_slugs(), vocab.body_signal_slugs()
    depths = {slug for slug, _label, _help in vocab.SHARE_DEPTHS}
    wants = {slug for slug, _label, _help in vocab.SHARE_WANTS}
    moments = _all_moments()
    shares = (*SHARES, *RECENT_SHARES)
    bad = [w for m in moments for w in m.feelings if w not in feelings]
    bad += [w for m in moments for w in m.needs if w not in needs]
    bad += [w for m in moments for w in m.body if w not in body]
    bad += [w for s in shares for w in s.feelings if w not in feelings]
    bad += [s.depth for s in shares if s.depth not in depths]
    bad += [s.wants for s in shares if s.wants not in wants]
    return bad


def story_shift(today: date) -> int:
    """How many days to move the story calendar back so its day 1 falls on a Thursday that is
    at least one day before `today` (0 when yesterday was a Thursday, up to 6)."""
    yesterday = today - timedelta(days=1)
    return (yesterday.weekday() - STORY_DAY_ONE_WEEKDAY) % 7


def _dealer(rng: random.Random, pool: Sequence[Moment]) -> Iterator[Moment]:
    """Deal the pool like a shuffled deck, reshuffling when it runs out, so an ordinary moment
    doesn't come round again until all the others have had a turn."""
    last: Moment | None = None
    while True:
        cards = list(pool)
        rng.shuffle(cards)
        if len(cards) > 1 and cards[0] == last:
            # Don't let a reshuffle deal the same day twice in a row.
            cards.append(cards.pop(0))
        yield from cards
        last = cards[-1]


class Command(BaseCommand):
    help = (
        "Fill an empty Hearthside with a few weeks of demo check-ins, shares and replies for "
        "three people. Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with HEARTHSIDE_ENV=production (the demo password is public).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only add the demo when nobody has an account yet (what `make run` uses).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The password is printed and meant to be shared, so on a real server these accounts
        # would be open doors. Make that a deliberate choice.
        if getattr(settings, "PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "This is a production install, and the demo accounts have a public password. "
                "Add --allow-production if you really want them here."
            )
        unknown = _unknown_words()
        if unknown:
            raise CommandError(f"The demo uses words the vocabulary doesn't have: {unknown}")

        if options["if_empty"] and Person.objects.exists():
            # A real household already lives here; the demo would only get in its way.
            self.stdout.write("People already use this Hearthside, so no demo data was added.")
            return

        with transaction.atomic():
            emails = [p.email for p in PEOPLE]
            existing = set(Person.objects.filter(email__in=emails).values_list("email", flat=True))
            if PEOPLE[0].email in existing:
                self.stdout.write("Demo data is already here.")
                return
            if existing:
                # Someone registered one of these addresses for real; don't build a story
                # around their account.
                raise CommandError(
                    "Some demo addresses are already taken by other accounts, so the demo "
                    "can't be set up here."
                )
            self._create(timezone.now())

        self._summary()

    # --- building ---------------------------------------------------------------------------

    def _create(self, now: datetime) -> None:
        zone = zoneinfo.ZoneInfo(TIME_ZONE)
        today = now.astimezone(zone).date()
        shift = story_shift(today)

        def when(days_ago: int, at: str) -> datetime:
            # Local wall-clock times, so the story reads right in the people's own time zone.
            hour, minute = (int(part) for part in at.split(":"))
            return datetime.combine(today - timedelta(days=days_ago), time(hour, minute), zone)

        # Everything below works in real days before today.
        checkins = [(d, d.day + shift) for d in STORY] + [(d, d.day) for d in RECENT]
        shares = [(s, s.day + shift) for s in SHARES] + [(s, s.day) for s in RECENT_SHARES]
        first_day = STORY_LENGTH + shift

        people = {
            p.key: Person.objects.create_user(
                p.email,
                DEMO_PASSWORD,
                display_name=p.name,
                time_zone=TIME_ZONE,
                date_joined=now - timedelta(days=p.joined_days_ago + shift),
            )
            for p in PEOPLE
        }

        # Built directly rather than through create_circle/accept_invite so the circles and
        # memberships can be dated before the first shared entry, as they would be in real use.
        circles: dict[str, Circle] = {}
        for c in CIRCLES:
            created = now - timedelta(days=c.created_days_ago + shift)
            circle = Circle.objects.create(
                name=c.name, kind=c.kind, created_by=people[c.created_by], created_at=created
            )
            for offset, key in enumerate(c.members):
                Membership.objects.create(
                    circle=circle, person=people[key], joined_at=created + timedelta(hours=offset)
                )
            circles[c.key] = circle

        rows = self._create_checkins(people, checkins, first_day, shift, today, when)
        self._create_shares(people, circles, rows, shares, when)
        self._create_ritual(people, circles["partners"], now, first_day)
        # Each practice adds its part of the story (hearthside/<practice>/demo.py).
        for module in (
            *(f"hearthside.{p}.demo" for p in ("needs", "boundaries", "values", "stress")),
            *(f"hearthside.{p}.demo" for p in ("calm", "pacing")),
            "hearthside.practice.demo_thanks",
            "hearthside.repair.demo",
            "hearthside.summary.demo",
        ):
            import_module(module).seed(people=people, circles=circles, now=now, when=when)

    def _create_ritual(
        self, people: dict[str, Person], circle: Circle, now: datetime, first_day: int
    ) -> None:
        """The partners keep a Sunday reflection, made from the template, kept most weeks —
        so the rituals page has a real consistency line to show."""
        template = ritual_templates.BY_SLUG["weekly-reflection"]
        started = (now - timedelta(days=first_day)).astimezone(zoneinfo.ZoneInfo(TIME_ZONE))
        ritual = Ritual.objects.create(
            circle=circle,
            created_by=people["alex"],
            template=template.slug,
            title=template.title,
            description=template.description,
            freq=template.freq,
            weekdays=",".join(str(d) for d in template.weekdays),
            at=template.at,
            time_zone=TIME_ZONE,
            starts_on=started.date(),
            duration=template.duration,
            agenda=list(template.agenda),
            created_at=started,
        )
        past = between(ritual.schedule(), started, now)
        for index, moment in enumerate(past):
            # One Sunday in five slips by; life happens, and the page says so kindly.
            status = Occurrence.Status.SKIPPED if index % 5 == 3 else Occurrence.Status.DONE
            occurrence = Occurrence.objects.create(
                ritual=ritual,
                scheduled_for=moment,
                status=status,
                completed_at=moment + timedelta(minutes=40) if status == "done" else None,
            )
            if status == Occurrence.Status.DONE:
                occurrence.attendees.set([people["alex"], people["sam"]])

    def _create_checkins(
        self,
        people: dict[str, Person],
        scripted: list[tuple[Dated, int]],
        first_day: int,
        shift: int,
        today: date,
        when: Clock,
    ) -> dict[tuple[str, int], CheckIn]:
        rng = random.Random(SEED)  # noqa: S311 - variety for demo text, not security
        decks = {who: [_dealer(rng, pool) for pool in trio] for who, trio in ORDINARY_POOLS.items()}
        plan: dict[tuple[str, int], tuple[str, Moment]] = {
            (d.who, days_ago): (d.at, d.moment) for d, days_ago in scripted
        }
        # Fill the days the script leaves open for the partners. Robin only checks in now and
        # then, which the script already covers.
        for days_ago in range(first_day, 0, -1):
            weekend = (today - timedelta(days=days_ago)).weekday() >= 5
            for who in ORDINARY_POOLS:
                if (who, days_ago) in plan or rng.random() > ORDINARY_CHECKIN_CHANCE:
                    continue
                before, after, weekends = decks[who]
                if weekend:
                    deck = weekends
                else:
                    deck = before if days_ago - shift > TURNING_POINT[who] else after
                m = next(deck)
                # Not every check-in gets a note; most people add one only now and then.
                if m.note and rng.random() < 0.4:
                    m = m._replace(note="")
                # Ordinary moments describe the day, so they're written in the evening.
                hour = rng.choice(("19", "20", "21", "21", "22", "22", "23"))
                at = f"{hour}:{rng.randrange(60):02d}"
                plan[(who, days_ago)] = (at, m)

        rows = {
            (who, days_ago): CheckIn(
                author=people[who],
                created_at=when(days_ago, at),
                mood=m.mood,
                energy=m.energy,
                feelings=list(m.feelings),
                body_signals=list(m.body),
                needs=list(m.needs),
                situation=m.situation,
                note=m.note,
            )
            for (who, days_ago), (at, m) in plan.items()
        }
        # Oldest first, so ids grow with time the way they would in real use.
        CheckIn.objects.bulk_create(sorted(rows.values(), key=lambda c: c.created_at))
        return rows

    def _create_shares(
        self,
        people: dict[str, Person],
        circles: dict[str, Circle],
        checkins: dict[tuple[str, int], CheckIn],
        shares: list[tuple[Told, int]],
        when: Clock,
    ) -> None:
        members = {c.key: c.members for c in CIRCLES}
        for told, days_ago in sorted(shares, key=lambda pair: when(pair[1], pair[0].at)):
            created = when(days_ago, told.at)
            share = Share.objects.create(
                author=people[told.who],
                circle=circles[told.circle],
                created_at=created,
                text=told.text,
                feelings=list(told.feelings),
                depth=told.depth,
                wants=told.wants,
                checkin=checkins[(told.who, days_ago)] if told.from_checkin else None,
                withdrawn_at=(
                    created + timedelta(minutes=told.withdrawn_after_minutes)
                    if told.withdrawn_after_minutes is not None
                    else None
                ),
            )
            heard = told.reply
            if heard is None:
                continue
            # Every demo circle has two members, so the listener is simply the other one.
            (listener,) = (k for k in members[told.circle] if k != told.who)
            replied = created + timedelta(minutes=heard.after_minutes)
            felt_heard = (
                replied + timedelta(minutes=heard.felt_heard_after)
                if heard.felt_heard_after is not None
                else None
            )
            reply = Reply.objects.create(
                share=share,
                author=people[listener],
                reflect=heard.reflect,
                validation=heard.validation,
                question=heard.question,
                created_at=replied,
                felt_heard_at=felt_heard,
            )
            if heard.thanks and felt_heard is not None:
                # The thank-you offered right after "I felt heard": from sharer to listener.
                Appreciation.objects.create(
                    author=people[told.who],
                    circle=share.circle,
                    recipient=people[listener],
                    reply=reply,
                    text=heard.thanks,
                    created_at=felt_heard + timedelta(minutes=2),
                )

    # --- reporting --------------------------------------------------------------------------

    def _summary(self) -> None:
        # Counts only: the summary may end up in logs, and entry text is private even when
        # it's made up.
        authors = Person.objects.filter(email__in=[p.email for p in PEOPLE])
        replies = Reply.objects.filter(share__author__in=authors)
        circles = Circle.objects.filter(memberships__person__in=authors).distinct()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data created: {authors.count()} people, {circles.count()} circles, "
                f"{CheckIn.objects.filter(author__in=authors).count()} check-ins, "
                f"{Share.objects.filter(author__in=authors).count()} shares, "
                f"{replies.count()} listening replies "
                f"({replies.filter(felt_heard_at__isnull=False).count()} felt heard), "
                f"{Appreciation.objects.filter(author__in=authors).count()} thank-yous."
            )
        )
        self.stdout.write(
            "Sign in as alex@example.com / sam@example.com / robin@example.com "
            f"with password {DEMO_PASSWORD}"
        )
