"""A world with one of every kind of thing Alex can write, and some of Sam's and Robin's words
around it, each with a recognisable text so tests can tell whose words reach which file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from conftest import Personas

FIXTURES = Path(__file__).parent / "fixtures"

# Words only their writer may ever get back in an export.
SAM_WORDS = (
    "Sam private check-in: tired of the commute",
    "Sam shares: the new job is scary",
    "Sam replies: I hear how heavy the week was",
    "Sam thanks Alex: for the tea",
    "Sam asks Alex: a quiet evening please",
    "Sam's boundary: no phones at dinner",
    "Sam's stretched: too much at once",
    "Sam's rupture title: the missed train",
    "Sam's support reach: 0117 496 0000",
)
ROBIN_WORDS = ("Robin shares: new job nerves",)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    # allauth keeps "reauthenticate" counts in the cache, keyed by person id; ids repeat
    # between tests, so each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    people: Personas
    alex: dict[str, Any]
    sam: dict[str, Any]


@pytest.fixture
def world(people: Personas) -> World:
    from hearthside.api.models import PersonalToken
    from hearthside.boundaries.models import Acknowledgement, Boundary, BoundaryVersion, Review
    from hearthside.calm.models import CalmSession
    from hearthside.needs.models import Answer as RequestAnswer
    from hearthside.needs.models import Request
    from hearthside.notify.models import Channel, Notification
    from hearthside.pacing.models import Answer as KnockAnswer
    from hearthside.pacing.models import Comfort, Knock
    from hearthside.practice.models import Appreciation, CheckIn, Favourite, Reply, Share
    from hearthside.repair.models import (
        Agreement,
        Closure,
        Commitment,
        Draft,
        FollowUp,
        Pause,
        PauseReturn,
        Reflection,
        Rupture,
        Turn,
    )
    from hearthside.rituals.models import (
        CalendarFeed,
        Occurrence,
        OccurrenceNote,
        ReminderSetting,
        Ritual,
    )
    from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task
    from hearthside.values.models import (
        CircleValue,
        HonestyMoment,
        Intention,
        Revisit,
        RevisitNote,
        ValuesSettings,
    )

    alex, sam, robin = people.alex, people.sam, people.robin
    partners, friends = people.partners, people.friends
    now = timezone.now()
    ago = lambda **kw: now - timedelta(**kw)  # noqa: E731

    a: dict[str, Any] = {}
    s: dict[str, Any] = {}
    # Everyone has been in their circles for a while, so what's backdated below was seen.
    from hearthside.circles.models import Circle, Membership

    Membership.objects.update(joined_at=ago(days=60))
    Circle.objects.update(created_at=ago(days=60))
    Agreement.objects.create(circle=partners, cool_off_min=30, phrases="Time out, love.")
    ValuesSettings.objects.create(circle=partners, every_months=3, next_due_on=date(2026, 6, 1))

    a["checkin"] = CheckIn.objects.create(
        author=alex,
        created_at=ago(days=9),
        mood=2,
        energy=3,
        feelings=["anxious", "tired"],
        body_signals=["tight-chest"],
        needs=["rest"],
        situation="Alex situation: deadline",
        note="Alex private note: I can't sleep",
    )
    a["share"] = Share.objects.create(
        author=alex,
        circle=partners,
        created_at=ago(days=8),
        text="Alex shares: work is heavy",
        feelings=["anxious"],
        depth="medium",
        wants="reassurance",
        checkin=a["checkin"],
    )
    a["withdrawn"] = Share.objects.create(
        author=alex,
        circle=friends,
        created_at=ago(days=8, hours=2),
        withdrawn_at=ago(days=7),
        text="Alex shares then withdraws: climbing fear",
    )
    s["checkin"] = CheckIn.objects.create(author=sam, mood=4, note=SAM_WORDS[0])
    s["share"] = Share.objects.create(
        author=sam, circle=partners, created_at=ago(days=7), text=SAM_WORDS[1]
    )
    robin_share = Share.objects.create(
        author=robin, circle=friends, created_at=ago(days=7), text=ROBIN_WORDS[0]
    )
    s["reply"] = Reply.objects.create(
        share=a["share"], author=sam, reflect=SAM_WORDS[2], felt_heard_at=ago(days=7)
    )
    a["reply"] = Reply.objects.create(
        share=s["share"], author=alex, created_at=ago(days=6), reflect="Alex replies to Sam"
    )
    Reply.objects.create(share=robin_share, author=alex, validation="Alex replies to Robin")
    a["thanks"] = Appreciation.objects.create(
        author=alex,
        circle=partners,
        recipient=sam,
        created_at=ago(days=6),
        text="Alex thanks Sam: you listened",
        acts=["listened"],
        reply=s["reply"],
    )
    s["thanks"] = Appreciation.objects.create(
        author=sam, circle=partners, recipient=alex, created_at=ago(days=5), text=SAM_WORDS[3]
    )
    Favourite.objects.create(person=alex, appreciation=s["thanks"])

    # Repair: Alex's pause and rupture, and Alex's part in Sam's rupture.
    a["pause"] = Pause.objects.create(
        author=alex,
        circle=partners,
        created_at=ago(days=5),
        phrase="Time out, love.",
        min_until=ago(days=5) + timedelta(minutes=30),
        max_until=ago(days=4),
        ended_at=ago(days=5) + timedelta(hours=1),
    )
    PauseReturn.objects.create(pause=a["pause"], author=alex, created_at=ago(days=5))
    PauseReturn.objects.create(pause=a["pause"], author=sam, created_at=ago(days=5))
    a["rupture"] = Rupture.objects.create(
        author=alex,
        circle=partners,
        created_at=ago(days=5),
        title="Alex names it: the dishes",
        pause=a["pause"],
        takeaways="Alex takeaway: say it early",
    )
    s["rupture"] = Rupture.objects.create(
        author=sam, circle=partners, created_at=ago(days=3), title=SAM_WORDS[7]
    )
    a["later_rupture"] = Rupture.objects.create(
        author=alex,
        circle=partners,
        created_at=ago(days=2),
        title="Alex again: the dishes, round two",
        linked_to=a["rupture"],
    )
    Reflection.objects.create(
        rupture=a["rupture"],
        author=alex,
        feelings=["hurt"],
        reality="Alex reality: I was tired",
        my_part="Alex part: I snapped",
        unmet_needs=["rest"],
        shared_parts=["feelings"],
        updated_at=ago(days=5),
    )
    Reflection.objects.create(rupture=s["rupture"], author=alex, reality="Alex on Sam's one")
    Reflection.objects.create(rupture=a["rupture"], author=sam, reality="Sam reflects privately")
    Turn.objects.create(
        rupture=a["rupture"], author=alex, step="feelings", feelings=["sad"], created_at=ago(days=5)
    )
    Turn.objects.create(
        rupture=a["rupture"],
        author=alex,
        step="responsibility",
        text="Alex apologises: I'm sorry I snapped",
        what_i_did="snapped",
        impact="you felt small",
        next_time="say I'm tired",
        created_at=ago(days=5),
    )
    a["commitment"] = Commitment.objects.create(
        rupture=a["rupture"],
        author=alex,
        text="Alex commits: say when tired",
        follow_up_on=date(2026, 3, 10),
    )
    FollowUp.objects.create(
        commitment=a["commitment"], author=alex, answer="yes", note="Alex: did it"
    )
    s["commitment"] = Commitment.objects.create(
        rupture=a["rupture"],
        author=sam,
        text="Sam commits: ask first",
        follow_up_on=date(2026, 3, 9),
    )
    FollowUp.objects.create(commitment=s["commitment"], author=alex, answer="partly")
    Closure.objects.create(rupture=a["rupture"], author=alex, trust_reestablished=True, note="ok")
    Draft.objects.create(
        author=alex, key=f"rupture:{a['later_rupture'].pk}:plan", data={"takeaways": "Alex draft"}
    )
    Draft.objects.create(author=alex, key=f"rupture:{s['rupture'].pk}:reflection", data={"x": "y"})

    # Rituals.
    a["ritual"] = Ritual.objects.create(
        circle=partners,
        created_by=alex,
        title="Alex's Sunday walk",
        at=time(10, 0),
        time_zone="Europe/London",
        starts_on=date(2026, 1, 4),
        weekdays="6",
        agenda=["What went well?", "What's next?"],
    )
    occurrence = Occurrence.objects.create(
        ritual=a["ritual"], scheduled_for=ago(days=3), status="done", completed_at=ago(days=3)
    )
    occurrence.attendees.add(alex, sam)
    OccurrenceNote.objects.create(
        occurrence=occurrence, author=alex, prompt=0, text="Alex note: lovely"
    )
    OccurrenceNote.objects.create(
        occurrence=occurrence, author=sam, prompt=0, text="Sam note at walk"
    )
    ReminderSetting.objects.create(person=alex, ritual=a["ritual"], lead_minutes=[60, 10])
    CalendarFeed.objects.create(person=alex, token_hash="f" * 64)

    # Notifications.
    Channel.objects.create(person=alex, kind="apprise", label="phone", url="ntfys://alex-topic")
    Notification.objects.create(
        recipient=alex,
        kind="reminder",
        key="alex-reminder-1",
        subject="A ritual soon",
        body="Your walk is in an hour.",
        due_at=ago(days=3),
    )

    # Needs.
    a["request"] = Request.objects.create(
        author=alex,
        circle=partners,
        recipient=sam,
        kind="space",
        text="Alex asks: an hour alone",
        created_at=ago(days=4),
    )
    s["request"] = Request.objects.create(
        author=sam, circle=partners, recipient=alex, kind="reassurance", text=SAM_WORDS[4]
    )
    RequestAnswer.objects.create(
        request=s["request"], author=alex, response="yes", note="Alex: yes"
    )

    # Boundaries.
    a["boundary"] = Boundary.objects.create(author=alex, circle=partners, created_at=ago(days=6))
    v1 = BoundaryVersion.objects.create(
        boundary=a["boundary"], number=1, need="Alex needs: quiet mornings"
    )
    v2 = BoundaryVersion.objects.create(
        boundary=a["boundary"], number=2, need="Alex needs: quiet till 9"
    )
    a["boundary"].current = v2
    a["boundary"].save()
    Review.objects.create(
        boundary=a["boundary"], decision="change", note="Alex review note", version=v2
    )
    Acknowledgement.objects.create(version=v2, author=sam)
    s["boundary"] = Boundary.objects.create(author=sam, circle=partners)
    sv = BoundaryVersion.objects.create(boundary=s["boundary"], number=1, need=SAM_WORDS[5])
    Acknowledgement.objects.create(version=sv, author=alex)
    del v1

    # Values.
    Intention.objects.create(author=alex, hopes=["closeness"], text="Alex hopes: less hiding")
    revisit = Revisit.objects.create(
        circle=partners,
        started_by=sam,
        finished_by=alex,
        finished_at=ago(days=1),
        takeaway="Alex sums up",
    )
    RevisitNote.objects.create(
        author=alex, circle=partners, revisit=revisit, prompt=0, text="Alex at revisit"
    )
    RevisitNote.objects.create(
        author=sam, circle=partners, revisit=revisit, prompt=0, text="Sam at revisit"
    )
    old_value = CircleValue.objects.create(
        circle=partners, text="Alex's value: kindness", added_by=alex
    )
    CircleValue.objects.create(
        circle=partners,
        text="Alex's value: kindness, always",
        added_by=alex,
        replaces=old_value,
        added_in=revisit,
    )
    CircleValue.objects.create(circle=partners, text="Sam's value: honesty", added_by=sam)
    HonestyMoment.objects.create(person=alex, checkin=a["checkin"], note="Alex: it clicked")
    HonestyMoment.objects.create(person=alex, share=s["share"], note="Alex on Sam's share")

    # Stress.
    HeavyThing.objects.create(
        author=alex, circle=partners, text="Alex heavy: the move", size="heavy"
    )
    Routine.objects.create(author=alex, circle=partners, text="Alex unwinds: a long bath")
    first_task = Task.objects.create(
        circle=partners,
        week=date(2026, 2, 23),
        text="Alex task: bins",
        created_by=alex,
        carrier=sam,
    )
    Task.objects.create(
        circle=partners,
        week=date(2026, 3, 2),
        text="Alex task: bins",
        created_by=alex,
        carrier=alex,
        copied_from=first_task,
    )
    Support.objects.create(
        circle=partners, name="Alex's therapist", kind="professional", created_by=alex
    )
    Support.objects.create(
        circle=partners, name="Sam's sister", kind="family", reach=SAM_WORDS[8], created_by=sam
    )
    a["signal"] = Signal.objects.create(
        author=alex, circle=partners, helps=["quiet"], text="Alex stretched"
    )
    Offer.objects.create(signal=a["signal"], author=sam, text="Sam offers: I'll cook")
    s["signal"] = Signal.objects.create(author=sam, circle=partners, text=SAM_WORDS[6])
    Offer.objects.create(
        signal=s["signal"], author=alex, choice="dinner", text="Alex offers dinner"
    )

    # Calm, pacing, tokens.
    CalmSession.objects.create(
        author=alex,
        tool="breathe",
        pattern="box",
        distress_before=8,
        distress_after=4,
        pause=a["pause"],
    )
    Comfort.objects.create(person=alex, circle=partners, depth="medium")
    Knock.objects.create(
        author=alex,
        circle=partners,
        hint="about work",
        text="Alex held words: the promotion",
        depth="deep",
        checkin=a["checkin"],
    )
    s["knock"] = Knock.objects.create(author=sam, circle=partners, text="Sam held words, secret")
    KnockAnswer.objects.create(knock=s["knock"], author=alex, at=ago(hours=1), now_is_good=True)
    PersonalToken.issue(alex, "my script")

    _summary(people, alex, sam)
    return World(people, a, s)


def _summary(people: Personas, alex: Any, sam: Any) -> None:
    try:
        from hearthside.summary.models import Consent, SummaryRequest
    except ImportError:  # pragma: no cover
        return
    request = SummaryRequest.objects.create(
        circle=people.partners,
        period_start=date(2026, 2, 1),
        period_end=date(2026, 2, 28),
        time_zone="Europe/London",
        asked_by=alex,
        participant_count=2,
        markdown="Sam said something in the summary",
    )
    Consent.objects.create(request=request, person=alex, given_at=timezone.now())
    Consent.objects.create(request=request, person=sam)
