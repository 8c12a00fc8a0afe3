"""Repair in the demo household (called by `hearthside demo`).

Three difficult evenings for Alex and Sam, on the demo's story calendar:

- The washing-up night (story day 29): Alex, home late and sharp, calls a pause. Both come
  back within the cool-off and talk it through the next day by message, so no rupture is
  opened — a pause that did its job.
- Packing night (story day 21): the evening before Sam goes up for their dad's procedure, in
  the middle of Alex's release crunch. Sam asks Alex to come up for the day; Alex answers over
  their shoulder; Sam says something sharp and then calls a pause with the couple's own
  phrase. The rupture is opened from that pause, each of them reflects privately (sharing
  some parts), and once Sam is home they take every step of the conversation, agree a plan,
  commit to one thing each, close with trust back after their hill walk, and both say a week
  later that the commitments were kept.
- Parents' evening night (story day 9): a smaller bump, talked through as far as the plan,
  which is still waiting — so the Today page has a repair to continue.

Everything goes through the repair app's own actions, so it obeys the same rules as real use;
the actions stamp "now", so each record is then moved back to its moment in the story.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from django.db import models
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle
from hearthside.practice.management.commands.demo import TIME_ZONE, story_shift
from hearthside.repair import actions, steps
from hearthside.repair.models import (
    Agreement,
    Closure,
    FollowUp,
    Pause,
    PauseReturn,
    Rupture,
)

Clock = Callable[[int, str], datetime]

# What the couple agreed when they set up their circle: their own phrase first, the app's
# default kept as a second; back the same evening, after at least twenty minutes.
PHRASES = ("I love you and I need twenty minutes.", "I need a breather. I'm coming back.")
COOL_OFF_MIN = 20
COOL_OFF_MAX = 120
AGREED = (44, "20:30")  # story day and local time the agreement was set up
# Added by the packing-night plan, so the next pause has words for the moment itself.
PLAN_PHRASE = "Not like this. Let's pause and come back to it."


class Back(NamedTuple):
    who: str
    after_minutes: int  # after the pause was called


class Paused(NamedTuple):
    who: str
    day: int  # a story day (moved by the demo's shift)
    at: str
    phrase: str
    back: tuple[Back, ...]


class Reflected(NamedTuple):
    who: str
    day: int
    at: str
    feelings: tuple[str, ...]
    reality: str
    triggers: str
    my_part: str
    unmet_needs: tuple[str, ...]
    unmet_note: str
    shared: tuple[str, ...]  # the parts its author chose to share


class Said(NamedTuple):
    """One turn in the conversation; `fields` are passed to `actions.take_turn`."""

    who: str
    day: int
    at: str
    step: str
    fields: dict[str, Any]


class Promised(NamedTuple):
    who: str
    day: int
    at: str
    text: str
    check_day: int  # the story day to check back on it
    # Each member's answer on the day: (who, "HH:MM", answer, note).
    answers: tuple[tuple[str, str, str, str], ...]


class Closed(NamedTuple):
    who: str
    day: int
    at: str
    note: str


class Repair(NamedTuple):
    title: str
    who: str
    day: int
    at: str
    happened: tuple[int, str]
    pause: int | None  # index into PAUSES of the pause it grew from
    reflections: tuple[Reflected, ...]
    turns: tuple[Said, ...]
    # (who, day, at, takeaways): the plan as saved, with the new pause phrase.
    plan: tuple[str, int, str, str] | None = None
    commitments: tuple[Promised, ...] = ()
    closures: tuple[Closed, ...] = ()
    # Index into RUPTURES of an earlier one this repeats: the pattern the repair page names.
    linked: int | None = None


# fmt: off
PAUSES: tuple[Paused, ...] = (
    # Washing-up night: Alex catches themself snapping and steps out. The heated share they
    # wrote during the cool-off and took back is in the demo command's SHARES.
    Paused("alex", 29, "21:42", PHRASES[1], (Back("alex", 45), Back("sam", 54))),
    # Packing night, the evening before Sam drives up for their dad's procedure.
    Paused("sam", 21, "22:14", PHRASES[0], (Back("alex", 27), Back("sam", 38))),
)

RUPTURES: tuple[Repair, ...] = (
    Repair(
        "Packing night, before Dad's procedure", "sam", 21, "23:05", (21, "22:05"), pause=1,
        reflections=(
            Reflected(
                "alex", 20, "21:20", ("guilty", "torn", "ashamed"),
                "I'd said I'd be out of the spare room by Friday evening, and at ten I was still "
                "stuck on the second bug. When Sam asked if I could drive up on Monday for the "
                "procedure, I heard it as one more thing I was failing at, and I answered "
                "without turning round.",
                "Dad used to say 'not now' from behind his newspaper. I swore I'd never be that "
                "person, and on Friday I heard myself being exactly that.",
                "I said 'I can't, it's launch week, you know that' in a flat voice and went back "
                "to the screen. Then I listed everything I'd done round the flat, as if we were "
                "keeping score.",
                ("to-be-understood", "rest"),
                "I wanted Sam to know I'd have given anything to be in two places at once.",
                ("feelings", "reality", "my_part", "unmet_needs"),
            ),
            Reflected(
                "sam", 20, "23:10", ("afraid", "lonely", "hurt"),
                "I was packing to go up for Dad's procedure and all I wanted was for Alex to say "
                "they'd come for the day itself. I asked through a half-open door, in the middle "
                "of the bugs, which was the worst possible moment.",
                "When Grandma was ill, Mum did every hospital trip on her own while Dad worked. "
                "I think part of me was checking whether that was about to be my story too.",
                "I said 'so an app matters more than my dad'. I knew it would hurt. I was "
                "frightened and I reached for the sharpest thing I had.",
                ("support", "closeness"),
                "I needed to hear I wouldn't be doing this on my own, even if Alex couldn't be "
                "there in person.",
                ("feelings", "reality", "unmet_needs"),
            ),
        ),
        turns=(
            Said("alex", 19, "21:05", steps.FEELINGS,
                 {"feelings": ["guilty", "torn", "ashamed", "lonely"]}),
            Said("sam", 19, "21:25", steps.FEELINGS, {"feelings": ["afraid", "lonely", "hurt"]}),
            Said("sam", 14, "19:40", steps.REALITIES, {
                "text": "From my side: I was about to go and sit with Dad before his heart "
                "procedure, and I asked if you could come up for the day. What I got was the "
                "back of your head and 'it's launch week'. I felt I'd be facing the scariest "
                "part on my own. What I needed was to hear you were with me, even from Bristol.",
            }),
            Said("alex", 14, "20:05", steps.REALITIES, {
                "reflect": "You were about to leave for your dad's procedure, you asked me to be "
                "there, and all you got was the back of my head. You went up feeling you'd face "
                "the hardest day alone.",
                "validation": "That makes complete sense. It was your dad's heart, and I answered "
                "like it was a meeting that needed moving.",
                "text": "From where I sat: I'd promised to be out of the spare room by Friday "
                "evening and I was still stuck on the second bug. When you asked, I heard "
                "'you're letting everyone down' — my own voice, not yours — and I went flat and "
                "defensive. I did want to come. I couldn't see how, and I didn't say that part.",
            }),
            Said("alex", 14, "20:20", steps.TRIGGERS, {
                "text": "It touched something old. My dad used to say 'not now' from behind his "
                "paper, and I promised myself I'd never do that to someone I love. Hearing "
                "myself do it made me defend instead of listen.",
            }),
            Said("sam", 14, "20:35", steps.TRIGGERS, {
                "text": "For me it was Grandma's illness, years ago. Mum did all the hospital "
                "trips alone while Dad kept working. Part of me was testing whether that was "
                "about to happen to me. That wasn't fair on you, and it's still true.",
            }),
            Said("alex", 14, "20:50", steps.RESPONSIBILITY, {
                "what_i_did": "answered you over my shoulder and turned back to the screen when "
                "you asked me to come for your dad's procedure",
                "impact": "left you packing for the hardest week of the year feeling you came "
                "second to a release",
                "next_time": "shut the laptop and turn round before I answer anything about your "
                "family, and tell you what I can do instead of only what I can't",
            }),
            Said("sam", 14, "21:05", steps.RESPONSIBILITY, {
                "what_i_did": "said an app mattered more to you than my dad",
                "impact": "hurt you where you were already sore, and made it harder for you to "
                "hear how scared I was",
                "next_time": "tell you plainly that I'm frightened and what I need, before I "
                "reach for the sharpest thing I can find",
            }),
            Said("sam", 14, "21:12", steps.ACCEPTANCE, {
                "accepted": True,
                "text": "I accept it. Hearing that you wanted to come and couldn't see how "
                "changes how that night looks to me.",
            }),
            Said("alex", 14, "21:15", steps.ACCEPTANCE, {
                "accepted": True,
                "text": "Accepted, with thanks. I know that line came from fear, not from what "
                "you think of me.",
            }),
            Said("alex", 14, "21:30", steps.PLAN, {
                "text": "In a busy stretch I'll tell you early in the week what work might take, "
                "so a big question never has to come through a doorway.",
            }),
            Said("sam", 14, "21:34", steps.PLAN, {
                "text": "When I'm scared about Dad I'll ask for what I need at a calm moment, and "
                "use our pause phrase before I say something I can't take back.",
            }),
        ),
        plan=(
            "sam", 14, "21:40",
            "Big asks deserve a proper moment, not a half-open door. In busy weeks we say early "
            "what we can give. When one of us is frightened, we name the fear first. And the one "
            "at home rings whoever is away, every evening, so nobody carries a hospital week "
            "alone.",
        ),
        commitments=(
            Promised(
                "alex", 14, "21:45",
                "Laptop shut by seven on weeknights, and on Sundays I'll say which evenings work "
                "might need.",
                7,
                (
                    ("sam", "20:10", FollowUp.Answer.YES,
                     "Shut by seven every night I was looking. The Sunday heads-up helped too."),
                    ("alex", "21:30", FollowUp.Answer.YES,
                     "Kept it. The evenings feel like ours again."),
                ),
            ),
            Promised(
                "sam", 14, "21:48",
                "When I need something big from you, ask at a calm moment and say the worry out "
                "loud first.",
                7,
                (
                    ("sam", "20:12", FollowUp.Answer.YES,
                     "Told you Mum was struggling before I asked about half-term. It came out "
                     "calmer."),
                    ("alex", "21:32", FollowUp.Answer.YES,
                     "You did, and it made saying yes easy."),
                ),
            ),
        ),
        closures=(
            Closed("sam", 13, "21:40",
                   "Somewhere on the way down the hill I noticed I wasn't holding my breath "
                   "around you any more."),
            Closed("alex", 13, "21:55",
                   "Trust is back for me. Thank you for telling me what that night touched "
                   "for you."),
        ),
    ),
    Repair(
        # The same shape as packing night: one of us reaching out when the other had nothing
        # left. Alex links it, so the pattern is named rather than the old row reopened.
        "Parents' evening night", "alex", 8, "18:10", (9, "21:20"), pause=None, linked=0,
        reflections=(
            Reflected(
                "alex", 8, "18:20", ("lonely", "disappointed", "regretful"),
                "I'd made dinner and saved up the flat, odd feeling I've had since the launch to "
                "talk about. Sam came in at quarter past nine after fourteen families and said "
                "'not tonight'. I said 'you never have anything left for me lately', and Sam "
                "went upstairs without a word.",
                "",
                "I knew it was parents' evening. I picked the hardest night of Sam's term and "
                "then made it about me.",
                ("closeness", "to-be-heard"), "",
                ("feelings", "reality", "my_part"),
            ),
            Reflected(
                "sam", 7, "21:00", ("exhausted", "stung", "guilty"),
                "I'd been talking for four hours straight and had nothing left. 'Never' landed "
                "hard, after everything with Dad and the launch.",
                "",
                "I went upstairs without saying I'd listen tomorrow. The silence probably felt "
                "like a door shutting.",
                ("rest", "consideration"), "",
                ("feelings", "my_part"),
            ),
        ),
        turns=(
            Said("alex", 8, "18:30", steps.FEELINGS,
                 {"feelings": ["lonely", "disappointed", "regretful"]}),
            Said("sam", 7, "21:10", steps.FEELINGS, {"feelings": ["exhausted", "stung", "guilty"]}),
            Said("alex", 6, "19:30", steps.REALITIES, {
                "text": "I'd had a low couple of days since the launch and was looking forward "
                "to telling you about it. When you said 'not tonight' it felt like a door I'd "
                "only just opened got shut again, after weeks of me being the one who was never "
                "around.",
            }),
            Said("sam", 6, "19:50", steps.REALITIES, {
                "reflect": "You'd been carrying the post-launch low on your own and saved it up "
                "for me, and 'not tonight' felt like being turned away just as you'd got back.",
                "validation": "That makes sense. You'd worked hard to be around again, and that "
                "night I wasn't.",
                "text": "My side: fourteen conversations with parents, one of them really "
                "unpleasant, and no words left at all. I needed a bath and quiet, and I didn't "
                "have it in me to explain that kindly.",
            }),
            Said("alex", 6, "20:05", steps.TRIGGERS, {
                "text": "'Not tonight' is what I said to you for three weeks. Hearing it back, I "
                "think I panicked that we were swapping places.",
            }),
            Said("sam", 6, "20:15", steps.TRIGGERS, {
                "text": "'Never' sends me straight into defending myself. It felt like all the "
                "good weeks had been wiped out in one sentence.",
            }),
            Said("alex", 6, "20:30", steps.RESPONSIBILITY, {
                "what_i_did": "told you you'd had nothing left for me for weeks, on the one night "
                "I knew you'd be running on empty",
                "impact": "turned a tired evening into you defending yourself, and brushed past "
                "the good weeks we've just had",
                "next_time": "ask whether it's a good night before I bring something heavy, and "
                "keep 'never' out of it",
            }),
            Said("sam", 6, "20:40", steps.RESPONSIBILITY, {
                "what_i_did": "went upstairs without a word instead of saying I'd listen tomorrow",
                "impact": "left you alone with the low feeling all evening",
                "next_time": "say 'not tonight, tomorrow at breakfast' so you know it's a when, "
                "not a no",
            }),
            Said("alex", 6, "20:50", steps.ACCEPTANCE, {
                "accepted": True, "text": "Accepted. 'A when, not a no' is exactly it.",
            }),
            Said("sam", 6, "20:52", steps.ACCEPTANCE, {
                "accepted": True,
                "text": "Accepted, and thank you for bringing it back rather than letting it sit.",
            }),
            # The plan step is open: neither has written theirs yet.
        ),
    ),
)
# fmt: on


def _backdate(obj: models.Model, **fields: Any) -> None:
    """Move a record the actions stamped "now" back to its moment in the story, on the row
    and on the instance (the next action reads the instance)."""
    type(obj)._default_manager.filter(pk=obj.pk).update(**fields)
    for name, value in fields.items():
        setattr(obj, name, value)


def seed(
    *,
    people: dict[str, Any],
    circles: dict[str, Any],
    now: datetime,
    when: Clock,
) -> None:
    """Add this practice's part of the demo story. `people` and `circles` are keyed as in the
    demo command; `when(days_ago, "HH:MM")` gives a local time on a past day."""
    shift = story_shift(now.astimezone(zoneinfo.ZoneInfo(TIME_ZONE)).date())

    def at(day: int, clock: str) -> datetime:
        return when(day + shift, clock)

    circle: Circle = circles["partners"]
    agreement = actions.update_agreement(
        circle,
        phrases="\n".join(PHRASES),
        cool_off_min=COOL_OFF_MIN,
        cool_off_max=COOL_OFF_MAX,
    )
    _backdate(agreement, updated_at=at(*AGREED))
    pauses = [_pause(people, circle, paused, at) for paused in PAUSES]
    ruptures: list[Rupture] = []
    for repair in RUPTURES:
        ruptures.append(_rupture(people, circle, repair, pauses, ruptures, at))


def _pause(
    people: dict[str, Person], circle: Circle, paused: Paused, at: Callable[[int, str], datetime]
) -> Pause:
    pause = actions.start_pause(people[paused.who], circle, paused.phrase)
    called = at(paused.day, paused.at)
    _backdate(
        pause,
        created_at=called,
        min_until=called + timedelta(minutes=COOL_OFF_MIN),
        max_until=called + timedelta(minutes=COOL_OFF_MAX),
    )
    for back in paused.back:
        # Everyone comes back within the agreed cool-off: after the shortest, before the longest.
        assert COOL_OFF_MIN <= back.after_minutes < COOL_OFF_MAX
        returned = called + timedelta(minutes=back.after_minutes)
        actions.come_back(people[back.who], pause)
        PauseReturn.objects.filter(pause=pause, author=people[back.who]).update(created_at=returned)
        if pause.ended_at is not None:
            _backdate(pause, ended_at=returned)
    pause.refresh_from_db()
    assert pause.ended_at is not None, "every demo pause ends with everyone back"
    return pause


def _rupture(
    people: dict[str, Person],
    circle: Circle,
    repair: Repair,
    pauses: list[Pause],
    earlier: list[Rupture],
    at: Callable[[int, str], datetime],
) -> Rupture:
    rupture = actions.open_rupture(
        people[repair.who],
        circle,
        repair.title,
        happened_at=at(*repair.happened),
        pause=pauses[repair.pause] if repair.pause is not None else None,
        linked_to=earlier[repair.linked] if repair.linked is not None else None,
    )
    _backdate(rupture, created_at=at(repair.day, repair.at))

    for r in repair.reflections:
        reflection = actions.save_reflection(
            people[r.who],
            rupture,
            feelings=list(r.feelings),
            reality=r.reality,
            triggers=r.triggers,
            my_part=r.my_part,
            unmet_needs=list(r.unmet_needs),
            unmet_note=r.unmet_note,
            shared_parts=list(r.shared),
        )
        _backdate(reflection, updated_at=at(r.day, r.at))

    for said in repair.turns:
        turn = actions.take_turn(people[said.who], rupture, said.step, **said.fields)
        _backdate(turn, created_at=at(said.day, said.at))

    if repair.plan is not None:
        who, day, clock, takeaways = repair.plan
        agreement = Agreement.for_circle(circle)
        actions.update_plan(
            people[who],
            rupture,
            takeaways=takeaways,
            phrases="\n".join((*agreement.phrase_list, PLAN_PHRASE)),
        )
        Agreement.objects.filter(circle=circle).update(updated_at=at(day, clock))

    commitments = []
    for promised in repair.commitments:
        # The action only takes a day still to come; the story's day is set just after.
        commitment = actions.add_commitment(
            people[promised.who], rupture, promised.text, timezone.localdate() + timedelta(days=1)
        )
        _backdate(
            commitment,
            created_at=at(promised.day, promised.at),
            follow_up_on=_day(at(promised.check_day, "09:00")),
        )
        commitments.append((commitment, promised))

    for closed in repair.closures:
        actions.mark_closure(people[closed.who], rupture, trust=True, note=closed.note)
        Closure.objects.filter(rupture=rupture, author=people[closed.who]).update(
            created_at=at(closed.day, closed.at)
        )
    if repair.closures:
        rupture.refresh_from_db()
        assert rupture.is_closed, "a demo rupture with closures is one both called repaired"
        last = repair.closures[-1]
        _backdate(rupture, closed_at=at(last.day, last.at))

    for commitment, promised in commitments:
        for who, clock, answer, note in promised.answers:
            record = actions.follow_up(people[who], commitment, answer, note)
            _backdate(record, created_at=at(promised.check_day, clock))
    return rupture


def _day(moment: datetime) -> date:
    return moment.astimezone(zoneinfo.ZoneInfo(TIME_ZONE)).date()
