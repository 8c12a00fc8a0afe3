"""Scheduling: what becomes due, for whom, and when — across daylight-saving changes.

CURRENT_TIME is Wednesday 4 March 2026; `run(now)` plays the worker's tick at `now`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import CURRENT_TIME, Personas
from hearthside.circles.actions import leave_circle
from hearthside.circles.models import Circle, Membership
from hearthside.notify.models import Channel, Delivery, Notification
from hearthside.notify.schedule import schedule_due
from hearthside.repair import actions
from hearthside.repair.models import Commitment, FollowUp, Pause
from hearthside.rituals import occurrences
from hearthside.rituals.models import Occurrence, ReminderSetting, Ritual

MINUTE = timedelta(minutes=1)
LONDON = "Europe/London"
NEW_YORK = "America/New_York"
PRIVATE = "the thing we never say out loud"


def run(now: datetime) -> int:
    with time_machine.travel(now, tick=False):
        return schedule_due(now)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def sunday_ritual(circle: Circle, tz: str = LONDON, **extra: object) -> Ritual:
    fields: dict[str, object] = {
        "circle": circle,
        "title": "Sunday reflection",
        "description": PRIVATE,
        "freq": "weekly",
        "weekdays": "6",
        "at": time(19, 0),
        "time_zone": tz,
        "starts_on": date(2026, 2, 1),
        "duration": 40,
    }
    return Ritual.objects.create(**(fields | extra))


def reminded(ritual: Ritual) -> dict[str, datetime]:
    """Who was reminded of `ritual`, and for when."""
    return {
        n.recipient.name: n.due_at
        for n in Notification.objects.filter(key__startswith=f"ritual:{ritual.pk}:")
    }


def names(kind: str) -> set[str]:
    return {n.recipient.name for n in Notification.objects.filter(kind=kind)}


# --- Rituals across daylight-saving changes ------------------------------------------------

# (ritual's zone, a Sunday, when 18:00 local that Sunday is in UTC)
DST_SUNDAYS = [
    (LONDON, date(2026, 3, 22), utc(2026, 3, 22, 18)),  # GMT
    (LONDON, date(2026, 3, 29), utc(2026, 3, 29, 17)),  # BST from 01:00 UTC that morning
    (LONDON, date(2026, 10, 18), utc(2026, 10, 18, 17)),  # BST
    (LONDON, date(2026, 10, 25), utc(2026, 10, 25, 18)),  # GMT again from 01:00 UTC
    (NEW_YORK, date(2026, 3, 1), utc(2026, 3, 1, 23)),  # EST
    (NEW_YORK, date(2026, 3, 8), utc(2026, 3, 8, 22)),  # EDT from 02:00 local
    (NEW_YORK, date(2026, 10, 25), utc(2026, 10, 25, 22)),  # EDT
    (NEW_YORK, date(2026, 11, 1), utc(2026, 11, 1, 23)),  # EST again from 02:00 local
]


@pytest.mark.parametrize(("tz", "sunday", "six_pm"), DST_SUNDAYS)
def test_a_sunday_ritual_reminds_each_member_at_six_local_either_side_of_dst(
    people: Personas, tz: str, sunday: date, six_pm: datetime
) -> None:
    ritual = sunday_ritual(people.partners, tz)

    assert run(six_pm - MINUTE) == 0
    assert reminded(ritual) == {}

    assert run(six_pm) == 2
    assert reminded(ritual) == {"Alex": six_pm, "Sam": six_pm}
    local = six_pm.astimezone(ZoneInfo(tz))
    assert (local.date(), local.time()) == (sunday, time(18, 0))


def test_the_reminder_names_the_ritual_and_links_to_it(people: Personas) -> None:
    ritual = sunday_ritual(people.partners)

    run(utc(2026, 3, 22, 18))

    notification = Notification.objects.get(recipient=people.sam)
    assert notification.kind == "ritual"
    assert notification.key == f"ritual:{ritual.pk}:20260322T1900Z:60:{people.sam.pk}"
    assert notification.url == f"/rituals/{ritual.pk}/at/20260322T1900Z/"
    assert "Sunday reflection" in notification.subject
    assert "Sunday 22 March" in notification.body
    assert PRIVATE not in notification.subject + notification.body


def test_running_twice_queues_nothing_new(people: Personas) -> None:
    ritual = sunday_ritual(people.partners)
    six_pm = utc(2026, 3, 22, 18)

    assert run(six_pm) == 2
    assert run(six_pm) == 0
    assert run(six_pm + 5 * MINUTE) == 0
    assert Notification.objects.count() == 2
    assert set(reminded(ritual)) == {"Alex", "Sam"}


def test_a_worker_that_was_down_catches_up_while_it_is_still_useful(people: Personas) -> None:
    ritual = sunday_ritual(people.partners)

    assert run(utc(2026, 3, 22, 18, 45)) == 2  # down for 45 minutes: still before 19:00

    assert reminded(ritual) == {"Alex": utc(2026, 3, 22, 18), "Sam": utc(2026, 3, 22, 18)}


def test_no_reminder_once_the_ritual_is_over(people: Personas) -> None:
    ritual = sunday_ritual(people.partners)

    assert run(utc(2026, 3, 22, 19, 41)) == 0

    assert reminded(ritual) == {}


def test_a_skipped_occurrence_gets_no_reminder(people: Personas) -> None:
    ritual = sunday_ritual(people.partners)
    Occurrence.objects.create(
        ritual=ritual, scheduled_for=utc(2026, 3, 22, 19), status=Occurrence.Status.SKIPPED
    )

    assert run(utc(2026, 3, 22, 18)) == 0
    assert run(utc(2026, 3, 29, 17)) == 2  # the next Sunday is reminded as usual


def test_a_moved_occurrence_is_reminded_before_its_new_time(people: Personas) -> None:
    ritual = sunday_ritual(people.partners)
    Occurrence.objects.create(
        ritual=ritual,
        scheduled_for=utc(2026, 3, 22, 19),
        status=Occurrence.Status.MOVED,
        moved_to=utc(2026, 3, 24, 20, 30),  # Tuesday evening instead
    )

    assert run(utc(2026, 3, 22, 18)) == 0
    assert run(utc(2026, 3, 24, 19, 30)) == 2

    assert reminded(ritual) == {"Alex": utc(2026, 3, 24, 19, 30), "Sam": utc(2026, 3, 24, 19, 30)}
    assert Notification.objects.filter(key__contains=":20260324T2030Z:").count() == 2
    assert {n.url for n in Notification.objects.all()} == {
        f"/rituals/{ritual.pk}/at/20260322T1900Z/"
    }


def test_an_archived_ritual_reminds_nobody(people: Personas) -> None:
    sunday_ritual(people.partners, archived_at=CURRENT_TIME)

    assert run(utc(2026, 3, 22, 18)) == 0


def test_each_person_is_reminded_as_far_ahead_as_they_chose(people: Personas) -> None:
    ritual = sunday_ritual(people.partners)
    ReminderSetting.objects.create(person=people.sam, ritual=ritual, lead_minutes=[10, 1440])
    ReminderSetting.objects.create(person=people.alex, ritual=ritual, lead_minutes=[])

    for minute in range(0, 24 * 60 + 1, 5):
        run(utc(2026, 3, 21, 19) + minute * MINUTE)

    due = sorted(n.due_at for n in Notification.objects.all())
    assert due == [utc(2026, 3, 21, 19), utc(2026, 3, 22, 18, 50)]
    assert {n.recipient for n in Notification.objects.all()} == {people.sam}


# --- Who hears about a ritual ---------------------------------------------------------------


def test_robin_never_hears_about_the_partners_ritual(people: Personas) -> None:
    sunday_ritual(people.partners)
    friends = sunday_ritual(people.friends, title="Climb debrief")

    run(utc(2026, 3, 22, 18))

    assert reminded(friends) == {"Alex": utc(2026, 3, 22, 18), "Robin": utc(2026, 3, 22, 18)}
    assert not Notification.objects.filter(recipient=people.robin, subject__contains="Sunday")
    assert not Notification.objects.filter(recipient=people.sam, subject__contains="Climb")
    assert not Notification.objects.filter(recipient=people.olive)


def test_someone_who_left_the_circle_gets_no_reminders(people: Personas) -> None:
    ritual = sunday_ritual(people.partners)
    leave_circle(people.sam, people.partners)

    run(utc(2026, 3, 22, 18))

    assert set(reminded(ritual)) == {"Alex"}


def test_someone_who_joined_later_is_reminded_too(people: Personas) -> None:
    ritual = sunday_ritual(people.partners)
    Membership.objects.create(circle=people.partners, person=people.olive)

    run(utc(2026, 3, 22, 18))

    assert set(reminded(ritual)) == {"Alex", "Sam", "Olive"}


def test_a_quiet_tick_costs_the_same_however_many_rituals_there_are(people: Personas) -> None:
    sunday_ritual(people.partners)
    quiet_moment = utc(2026, 3, 18, 12)  # a Wednesday: nothing due

    with CaptureQueriesContext(connection) as one:
        assert run(quiet_moment) == 0
    for n in range(30):
        sunday_ritual(people.partners if n % 2 else people.friends, title=f"Ritual {n}")
    with CaptureQueriesContext(connection) as many:
        assert run(quiet_moment) == 0

    assert len(many.captured_queries) == len(one.captured_queries)


def test_a_busy_tick_queries_once_per_person_not_per_ritual(people: Personas) -> None:
    for n in range(10):
        sunday_ritual(people.partners, title=f"Ritual {n}")
    six_pm = utc(2026, 3, 22, 18)
    run(six_pm)
    Notification.objects.all().delete()

    with CaptureQueriesContext(connection) as tick:
        assert run(six_pm) == 20
    checks = [q for q in tick.captured_queries if "rituals_ritual" in q["sql"]]
    assert len(checks) <= 1 + 2  # the rituals, then one visibility check per person


# --- Pauses ---------------------------------------------------------------------------------


@pytest.fixture
def pause(people: Personas) -> Pause:
    return actions.start_pause(people.alex, people.partners)  # 20 minutes to a day


def test_nobody_is_asked_before_the_shortest_cool_off(people: Personas, pause: Pause) -> None:
    assert run(pause.min_until - MINUTE) == 0


def test_when_the_cool_off_passes_everyone_in_the_pause_is_asked_if_ready(
    people: Personas, pause: Pause
) -> None:
    assert run(pause.min_until) == 2

    asked = Notification.objects.filter(kind="pause_ready")
    assert {n.recipient.name for n in asked} == {"Alex", "Sam"}
    assert {n.due_at for n in asked} == {pause.min_until}
    notification = asked.get(recipient=people.sam)
    assert notification.subject == "Ready to come back?"
    assert "I need a breather. I'm coming back." in notification.body
    assert notification.url == f"/pauses/{pause.pk}/"
    assert run(pause.min_until + MINUTE) == 0


def test_someone_already_back_is_not_asked_again(people: Personas, pause: Pause) -> None:
    with time_machine.travel(pause.min_until, tick=False):
        actions.come_back(people.sam, pause)

    run(pause.min_until + MINUTE)

    assert names("pause_ready") == {"Alex"}


def test_a_pause_that_ended_asks_nobody(people: Personas, pause: Pause) -> None:
    Pause.objects.filter(pk=pause.pk).update(ended_at=CURRENT_TIME + 5 * MINUTE)

    assert run(pause.min_until) == 0
    assert run(pause.max_until) == 0


def test_people_outside_the_pause_never_hear_of_it(people: Personas, pause: Pause) -> None:
    # Olive joins after the pause was called: it is not hers to see (the privacy rule).
    with time_machine.travel(CURRENT_TIME + MINUTE, tick=False):
        Membership.objects.create(circle=people.partners, person=people.olive)

    run(pause.min_until)
    run(pause.max_until)

    everyone = {n.recipient.name for n in Notification.objects.all()}
    assert everyone == {"Alex", "Sam"}


def test_at_the_longest_cool_off_those_not_back_get_one_gentle_nudge(
    people: Personas, pause: Pause
) -> None:
    run(pause.min_until)
    with time_machine.travel(pause.min_until + MINUTE, tick=False):
        actions.come_back(people.sam, pause)

    assert run(pause.max_until - MINUTE) == 0
    assert run(pause.max_until) == 1
    assert run(pause.max_until + 10 * MINUTE) == 0

    nudge = Notification.objects.get(kind="pause_overdue")
    assert nudge.recipient == people.alex
    assert nudge.due_at == pause.max_until
    assert "I need a breather. I'm coming back." in nudge.body


def test_after_a_long_outage_only_the_nudge_that_still_matters_is_sent(
    people: Personas, pause: Pause
) -> None:
    run(pause.max_until + timedelta(hours=1))

    assert names("pause_ready") == set()
    assert names("pause_overdue") == {"Alex", "Sam"}


def test_nothing_older_than_a_day_is_caught_up(people: Personas, pause: Pause) -> None:
    assert run(pause.max_until + timedelta(days=1, minutes=1)) == 0


# --- Commitment follow-ups ------------------------------------------------------------------


@pytest.fixture
def commitment(people: Personas) -> Commitment:
    rupture = actions.open_rupture(people.alex, people.partners, "The dishes, again")
    return actions.add_commitment(people.sam, rupture, PRIVATE, date(2026, 3, 11))


def test_follow_ups_arrive_at_nine_in_each_persons_own_time_zone(
    people: Personas, commitment: Commitment
) -> None:
    people.sam.time_zone = NEW_YORK  # on daylight time since 8 March: 09:00 is 13:00 UTC
    people.sam.save()

    assert run(utc(2026, 3, 11, 8, 59)) == 0
    assert run(utc(2026, 3, 11, 9)) == 1
    assert names("follow_up") == {"Alex"}
    assert run(utc(2026, 3, 11, 12, 59)) == 0
    assert run(utc(2026, 3, 11, 13)) == 1

    due = {n.recipient.name: n.due_at for n in Notification.objects.filter(kind="follow_up")}
    assert due == {"Alex": utc(2026, 3, 11, 9), "Sam": utc(2026, 3, 11, 13)}


def test_a_follow_up_asks_did_this_happen_without_repeating_the_commitment(
    people: Personas, commitment: Commitment
) -> None:
    run(utc(2026, 3, 11, 9))

    for notification in Notification.objects.filter(kind="follow_up"):
        assert notification.subject == "Did this happen?"
        assert notification.url == f"/commitments/{commitment.pk}/follow-up/"
        assert PRIVATE not in notification.body
        assert "The dishes" not in notification.subject + notification.body
    alex = Notification.objects.get(recipient=people.alex)
    assert "Sam" in alex.body


def test_someone_who_already_answered_is_not_asked(
    people: Personas, commitment: Commitment
) -> None:
    FollowUp.objects.create(commitment=commitment, author=people.sam, answer="yes")

    run(utc(2026, 3, 11, 9))

    assert names("follow_up") == {"Alex"}


def test_follow_ups_stay_inside_the_rupture(people: Personas, commitment: Commitment) -> None:
    with time_machine.travel(CURRENT_TIME + MINUTE, tick=False):  # joined afterwards
        Membership.objects.create(circle=people.partners, person=people.olive)

    run(utc(2026, 3, 11, 9))
    run(utc(2026, 3, 11, 9) + MINUTE)

    assert names("follow_up") == {"Alex", "Sam"}
    assert Notification.objects.count() == 2


# --- Quiet hours: what has stopped being true stays unsent ----------------------------------
# A nudge due in someone's quiet hours waits for the morning; if by then that person has come
# back, or answered, its email stays unsent (the inbox keeps it).


def worker(at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        call_command("worker", "--once")


def sleeps_until(person: Any, hour: int) -> None:
    person.quiet_from, person.quiet_until = time(22, 0), time(hour, 0)
    person.save()
    Channel.objects.create(person=person, kind="email")


def mail(mailbox: Any) -> list[tuple[str, str]]:
    return sorted((m["To"], m["Subject"]) for m in mailbox.messages)


@pytest.fixture
def night_pause(people: Personas) -> Pause:
    """Called at 22:30 in Alex & Sam; the cool-off passes at 22:50, while both sleep."""
    for person in (people.alex, people.sam):
        sleeps_until(person, 7)
    with time_machine.travel(utc(2026, 3, 4, 22, 30), tick=False):
        pause = actions.start_pause(people.alex, people.partners)
    worker(pause.min_until + MINUTE)
    assert Delivery.objects.filter(notification__kind="pause_ready", status="pending").count() == 2
    return pause


def test_ready_to_come_back_waiting_out_quiet_hours_stays_quiet_once_back(
    people: Personas, night_pause: Pause, mailbox: Any
) -> None:
    with time_machine.travel(night_pause.min_until + 10 * MINUTE, tick=False):
        actions.come_back(people.sam, night_pause)

    worker(utc(2026, 3, 5, 7, 1))
    # Sam is back already; Alex isn't, and is still asked.
    assert mail(mailbox) == [("alex@example.com", "Hearthside: Ready to come back?")]
    assert names("pause_ready") == {"Alex", "Sam"}


def test_once_the_pause_is_over_nobody_is_asked_not_even_someone_who_left(
    people: Personas, mailbox: Any
) -> None:
    Membership.objects.create(circle=people.partners, person=people.robin)
    for person in (people.alex, people.sam, people.robin):
        sleeps_until(person, 7)
    with time_machine.travel(utc(2026, 3, 4, 22, 30), tick=False):
        pause = actions.start_pause(people.alex, people.partners)
    worker(pause.min_until + MINUTE)
    with time_machine.travel(pause.min_until + 10 * MINUTE, tick=False):
        leave_circle(people.robin, people.partners)
        actions.come_back(people.sam, pause)
        actions.come_back(people.alex, pause)  # the last one still here: the pause ends
    pause.refresh_from_db()
    assert pause.ended_at is not None

    worker(utc(2026, 3, 5, 7, 1))
    assert mail(mailbox) == []
    assert names("pause_ready") == {"Alex", "Sam", "Robin"}


def test_did_this_happen_waiting_out_quiet_hours_stays_quiet_once_answered(
    people: Personas, commitment: Commitment, mailbox: Any
) -> None:
    # 09:00 falls in both their quiet hours (until 10:00); Sam answers before then.
    for person in (people.alex, people.sam):
        sleeps_until(person, 10)
    worker(utc(2026, 3, 11, 9) + timedelta(seconds=30))
    assert Delivery.objects.filter(notification__kind="follow_up", status="pending").count() == 2
    with time_machine.travel(utc(2026, 3, 11, 9, 30), tick=False):
        actions.follow_up(people.sam, commitment, "yes")

    worker(utc(2026, 3, 11, 10, 1))
    assert mail(mailbox) == [("alex@example.com", "Hearthside: Did this happen?")]
    assert names("follow_up") == {"Alex", "Sam"}


def _skip(ritual: Ritual, moment: datetime) -> None:
    occurrences.skip(ritual, moment)


def _done(ritual: Ritual, moment: datetime) -> None:
    occurrences.mark_done(ritual, moment)


def _later(ritual: Ritual, moment: datetime) -> None:
    occurrences.move(ritual, moment, moment + timedelta(hours=11))


def _rest(ritual: Ritual, moment: datetime) -> None:
    occurrences.rest(ritual)


@pytest.mark.parametrize("change", [_skip, _done, _later, _rest])
def test_coming_up_waiting_out_quiet_hours_stays_quiet_once_skipped_moved_done_or_rested(
    people: Personas, mailbox: Any, change: Any
) -> None:
    # Morning coffee at 07:30 with the usual hour's notice: the reminder falls due at 06:30,
    # inside both partners' quiet hours, and waits for 07:00.
    for person in (people.alex, people.sam):
        sleeps_until(person, 7)
    coffee = sunday_ritual(
        people.partners, title="Morning coffee", freq="daily", weekdays="", at=time(7, 30)
    )
    sunday_ritual(people.partners, title="Morning walk", freq="daily", weekdays="", at=time(7, 45))
    worker(utc(2026, 3, 5, 6, 46))
    assert Delivery.objects.filter(status="pending").count() == 4  # two rituals, two people
    with time_machine.travel(utc(2026, 3, 5, 6, 50), tick=False):
        change(coffee, utc(2026, 3, 5, 7, 30))

    worker(utc(2026, 3, 5, 7, 1))
    # The walk is still on, so its reminders go out; the coffee's would now be wrong.
    assert mail(mailbox) == [
        ("alex@example.com", "Hearthside: Coming up: Morning walk at 07:45"),
        ("sam@example.com", "Hearthside: Coming up: Morning walk at 07:45"),
    ]
    # The inbox keeps what was said.
    assert Notification.objects.filter(key__startswith=f"ritual:{coffee.pk}:").count() == 2


def test_moving_to_the_time_it_already_has_keeps_its_reminders(
    people: Personas, mailbox: Any
) -> None:
    for person in (people.alex, people.sam):
        sleeps_until(person, 7)
    coffee = sunday_ritual(
        people.partners, title="Morning coffee", freq="daily", weekdays="", at=time(7, 30)
    )
    worker(utc(2026, 3, 5, 6, 31))
    with time_machine.travel(utc(2026, 3, 5, 6, 50), tick=False):
        occurrences.move(coffee, utc(2026, 3, 5, 7, 30), utc(2026, 3, 5, 7, 30))

    worker(utc(2026, 3, 5, 7, 1))
    assert len(mailbox.messages) == 2
