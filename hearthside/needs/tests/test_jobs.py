"""The worker's part: one gentle reminder when a request waits two days unanswered (never a
second), a note to the asker for each answer, both without the request's words, both only
for someone who may still see the request.

CURRENT_TIME is Wednesday 4 March 2026, 10:30 UTC; `run(now)` plays the worker's tick.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import time_machine
from django.core.management import call_command
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.circles.actions import leave_circle
from hearthside.needs import actions
from hearthside.needs.models import Request
from hearthside.needs.tests.conftest import READERS, Asks
from hearthside.notify.models import Channel, Delivery, Notification
from hearthside.notify.schedule import schedule_due

HOUR = timedelta(hours=1)
# The fixture's requests were made an hour before CURRENT_TIME.
ASKED = CURRENT_TIME - HOUR


def run(now: datetime) -> int:
    with time_machine.travel(now, tick=False):
        return schedule_due(now)


def reminders() -> list[Notification]:
    return list(Notification.objects.filter(kind="need_reminder").order_by("due_at", "id"))


def test_no_reminder_before_two_days(people: Personas, asks: Asks) -> None:
    run(ASKED + timedelta(days=2) - timedelta(minutes=1))
    assert reminders() == []


def test_one_gentle_reminder_after_two_days_to_the_person_asked(
    people: Personas, asks: Asks
) -> None:
    run(ASKED + timedelta(days=2) + timedelta(seconds=5))
    found = {(n.recipient.name, n.url) for n in reminders()}
    # Sam's own request to Alex was answered; Alex's two are still waiting.
    assert found == {
        ("Sam", reverse("need", args=[asks.alex_to_sam.pk])),
        ("Robin", reverse("need", args=[asks.alex_to_robin.pk])),
    }
    sam = next(n for n in reminders() if n.recipient == people.sam)
    assert sam.subject == "Alex asked you for something in Alex & Sam"
    assert "This is the only reminder you'll get." in sam.body
    assert sam.due_at == ASKED + timedelta(days=2)


def test_never_a_second_reminder(people: Personas, asks: Asks) -> None:
    for hours in (48, 49, 60, 72, 96, 200):
        run(ASKED + timedelta(hours=hours, seconds=1))
    assert len([n for n in reminders() if n.recipient == people.sam]) == 1


def test_a_worker_that_was_down_catches_up_a_day_and_no_further(
    people: Personas, asks: Asks
) -> None:
    run(ASKED + timedelta(days=2, hours=23))
    assert len(reminders()) == 2
    Notification.objects.all().delete()
    run(ASKED + timedelta(days=3, hours=1))
    assert reminders() == []


def test_no_reminder_once_answered_or_withdrawn(people: Personas, asks: Asks) -> None:
    actions.answer(people.sam, asks.alex_to_sam, response="talk")
    actions.withdraw(people.alex, asks.alex_to_robin)
    run(ASKED + timedelta(days=2, seconds=1))
    assert reminders() == []


def test_no_reminder_for_someone_no_longer_in_the_circle(people: Personas, asks: Asks) -> None:
    leave_circle(people.sam, people.partners)
    run(ASKED + timedelta(days=2, seconds=1))
    assert {n.recipient.name for n in reminders()} == {"Robin"}


def test_the_asker_hears_when_they_are_answered(people: Personas, asks: Asks) -> None:
    with time_machine.travel(CURRENT_TIME, tick=False):
        actions.answer(people.sam, asks.alex_to_sam, response="yes", note="PRIVATE ANSWER NOTE")
    run(CURRENT_TIME + timedelta(seconds=2))
    (note,) = Notification.objects.filter(kind="need_answer", recipient=people.alex)
    assert note.subject == "Sam answered what you asked"
    assert "Sam answered what you asked for in Alex & Sam." in note.body
    assert note.url == reverse("need", args=[asks.alex_to_sam.pk])
    assert "PRIVATE ANSWER NOTE" not in note.subject + note.body
    # A later answer is a new note; the same answer is never told twice.
    run(CURRENT_TIME + timedelta(minutes=5))
    with time_machine.travel(CURRENT_TIME + HOUR, tick=False):
        actions.answer(
            people.sam,
            asks.alex_to_sam,
            response="not-now",
            proposed_for=CURRENT_TIME + timedelta(days=2),
        )
    run(CURRENT_TIME + HOUR + timedelta(seconds=1))
    assert Notification.objects.filter(kind="need_answer", recipient=people.alex).count() == 2


def test_no_answer_note_once_the_one_who_answered_left(people: Personas, asks: Asks) -> None:
    actions.answer(people.sam, asks.alex_to_sam, response="yes")
    leave_circle(people.sam, people.partners)  # the answer went with Sam: the thread rule
    run(CURRENT_TIME + timedelta(seconds=2))
    assert not Notification.objects.filter(kind="need_answer", recipient=people.alex).exists()


def test_nothing_private_in_any_notification(people: Personas, asks: Asks) -> None:
    actions.answer(people.sam, asks.alex_to_sam, response="talk", note="a private note")
    for hours in (0, 49, 73):
        run(CURRENT_TIME + timedelta(hours=hours, seconds=1))
    assert Notification.objects.exists()
    for n in Notification.objects.all():
        words = n.subject + n.body
        for text in [*READERS, "a private note", "reassurance", "practical help"]:
            assert text not in words


def test_quiet_hours_hold_the_reminder_until_morning(
    people: Personas, asks: Asks, mailbox: Any
) -> None:
    # Asked at 23:00, so the reminder falls due at 23:00 two days later: Sam's quiet hours.
    Request.objects.filter(pk=asks.alex_to_sam.pk).update(
        created_at=datetime(2026, 3, 4, 23, 0, tzinfo=CURRENT_TIME.tzinfo)
    )
    people.sam.quiet_from, people.sam.quiet_until = time(22, 0), time(7, 0)
    people.sam.save()
    Channel.objects.create(person=people.sam, kind="email")
    due = datetime(2026, 3, 6, 23, 0, tzinfo=CURRENT_TIME.tzinfo)
    with time_machine.travel(due + timedelta(seconds=5), tick=False):
        call_command("worker", "--once")
    (delivery,) = Delivery.objects.filter(
        notification__kind="need_reminder", notification__recipient=people.sam
    )
    assert delivery.status == "pending"
    assert delivery.next_attempt_at == datetime(2026, 3, 7, 7, 0, tzinfo=CURRENT_TIME.tzinfo)
    assert mailbox.messages == []
    with time_machine.travel(datetime(2026, 3, 7, 7, 1, tzinfo=CURRENT_TIME.tzinfo), tick=False):
        call_command("worker", "--once")
    assert len(mailbox.messages) == 1
    (body,) = mailbox.bodies()
    assert "Alex asked you for something in Alex & Sam" in body
    for text in READERS:
        assert text not in body


def test_a_reminder_waiting_out_quiet_hours_stays_quiet_once_answered_or_withdrawn(
    people: Personas, asks: Asks, mailbox: Any
) -> None:
    # Both of Alex's requests fall due at 23:00, in Sam's quiet hours; one is then answered in
    # the night and the other withdrawn, so by morning neither reminder is true any more.
    late = datetime(2026, 3, 4, 23, 0, tzinfo=CURRENT_TIME.tzinfo)
    Request.objects.filter(author=people.alex, recipient=people.sam).update(created_at=late)
    people.sam.quiet_from, people.sam.quiet_until = time(22, 0), time(7, 0)
    people.sam.save()
    Channel.objects.create(person=people.sam, kind="email")
    due = datetime(2026, 3, 6, 23, 0, tzinfo=CURRENT_TIME.tzinfo)
    with time_machine.travel(due + timedelta(seconds=5), tick=False):
        call_command("worker", "--once")
    waiting = Request.objects.filter(author=people.alex, recipient=people.sam).order_by("pk")
    held = Delivery.objects.filter(notification__kind="need_reminder", status="pending")
    assert held.count() == len(waiting)
    answered, *others = list(waiting)
    actions.answer(people.sam, answered, response="yes")
    for ask in others:
        actions.withdraw(people.alex, ask)

    with time_machine.travel(datetime(2026, 3, 7, 7, 1, tzinfo=CURRENT_TIME.tzinfo), tick=False):
        call_command("worker", "--once")
    assert not [b for b in mailbox.bodies() if "asked you for something" in b]
    # The inbox keeps what was said; only the email that would now be wrong stays unsent.
    assert reminders()
