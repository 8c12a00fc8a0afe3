"""Who hears about a stretched-thin signal and its offers, and in what words: the others in
the circle hear that someone is stretched thin and what would help — only ever in our own
words, never the signaller's — and the signaller hears who offered, never what."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import time_machine
from django.core.management import call_command
from django.utils import timezone

from conftest import CURRENT_TIME
from hearthside.circles.models import Membership
from hearthside.notify.models import Channel, Notification
from hearthside.notify.schedule import schedule_due
from hearthside.stress import actions, jobs
from hearthside.stress.models import Offer, Signal
from hearthside.stress.tests.conftest import Plan

if TYPE_CHECKING:
    from conftest import Personas

FREE_TEXT = ("ALEX-SIGNAL", "ROBIN-SIGNAL", "SAM-OFFER", "curry", "plates")


def run(minutes_later: int = 1) -> int:
    moment = CURRENT_TIME + timedelta(minutes=minutes_later)
    with time_machine.travel(moment, tick=False):
        return schedule_due(moment)


def inbox(person: Any) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person).order_by("kind", "pk"))


def assert_no_free_text(notification: Notification) -> None:
    for text in FREE_TEXT:
        assert text not in notification.subject + notification.body, text


def test_the_others_hear_someone_is_stretched_thin_and_what_would_help(
    people: Personas, plan: Plan
) -> None:
    Offer.objects.all().delete()
    run()
    (told,) = inbox(people.sam)
    assert told.kind == "stress_signal"
    assert told.subject == "Alex is stretched thin"
    assert "Alex let Alex & Sam know they're stretched thin." in told.body
    assert "What would help: some quiet time or a meal sorted." in told.body
    assert told.url == f"/stress/signals/{plan.signal.pk}/"
    assert_no_free_text(told)


def test_the_signaller_and_other_circles_hear_nothing_of_it(people: Personas, plan: Plan) -> None:
    run()
    assert [n.kind for n in inbox(people.alex)] == ["stress_offer", "stress_signal"]
    assert inbox(people.alex)[1].subject == "Robin is stretched thin"
    assert [n.subject for n in inbox(people.robin)] == []
    assert inbox(people.olive) == []


def test_a_signal_with_only_words_says_only_that_there_is_a_note(people: Personas) -> None:
    Signal.objects.create(author=people.sam, circle=people.partners, text="SAM-WORDS: help")
    run()
    (told,) = inbox(people.alex)
    assert "There's a note for you in the app." in told.body
    assert "SAM-WORDS" not in told.subject + told.body


def test_words_outside_our_list_never_travel() -> None:
    _subject, body = jobs.signal_words("Sam", "Home", ["hug", "my-secret-despair"])
    assert "a hug" in body
    assert "despair" not in body


def test_the_signaller_hears_who_offered_but_not_what(people: Personas, plan: Plan) -> None:
    run()
    offer_note = next(n for n in inbox(people.alex) if n.kind == "stress_offer")
    assert offer_note.subject == "Sam answered your signal"
    assert "I'll take dinner tonight" not in offer_note.body
    assert_no_free_text(offer_note)


def test_whoever_offered_hears_when_it_is_accepted(people: Personas, plan: Plan) -> None:
    run()
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=5), tick=False):
        actions.accept_offer(plan.offer)
    run(minutes_later=6)
    accepted = [n for n in inbox(people.sam) if n.kind == "stress_offer_accepted"]
    assert [n.subject for n in accepted] == ["Alex said yes, with thanks"]
    assert_no_free_text(accepted[0])


def test_each_is_told_once_however_often_the_worker_looks(people: Personas, plan: Plan) -> None:
    first = run()
    assert first == 3  # Sam: Alex's signal; Alex: Robin's signal and Sam's offer
    assert run(minutes_later=2) == 0
    assert run(minutes_later=30) == 0


def test_someone_who_left_before_the_worker_looked_hears_nothing(
    people: Personas, plan: Plan
) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    run()
    assert inbox(people.sam) == []
    # Sam's offer went with Sam: Alex isn't told of it either.
    assert [n.kind for n in inbox(people.alex)] == ["stress_signal"]


def test_a_signal_closed_before_the_worker_looked_goes_untold(people: Personas, plan: Plan) -> None:
    actions.close_signal(plan.signal)
    run()
    assert [n.kind for n in inbox(people.sam)] == []


def test_the_gates_ask_the_privacy_rule(people: Personas, plan: Plan) -> None:
    signal_gate, offer_gate = jobs.GATES[jobs.SIGNAL_GATE], jobs.GATES[jobs.OFFER_GATE]
    pks = [plan.signal.pk, plan.robin_signal.pk]
    assert set(signal_gate(people.sam, pks).values_list("pk", flat=True)) == {plan.signal.pk}
    assert set(signal_gate(people.alex, pks).values_list("pk", flat=True)) == set(pks)
    assert not signal_gate(people.olive, pks).exists()
    assert offer_gate(people.alex, [plan.offer.pk]).exists()
    assert not offer_gate(people.robin, [plan.offer.pk]).exists()


def test_it_arrives_by_email_without_anybodys_words(
    people: Personas, plan: Plan, mailbox: Any
) -> None:
    Channel.objects.create(person=people.sam, kind="email")
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=1), tick=False):
        call_command("worker", "--once")
    (message,) = mailbox.messages
    assert message["To"] == "sam@example.com"
    assert message["Subject"].endswith("Alex is stretched thin")
    (body,) = mailbox.bodies()
    assert "a meal sorted" in body
    for text in FREE_TEXT:
        assert text not in body


def test_a_signal_waiting_out_quiet_hours_stays_quiet_once_it_is_closed(
    people: Personas, mailbox: Any
) -> None:
    # At 23:00 Alex tells Alex & Sam, and Robin tells the climbers (Alex among them), that
    # they're stretched thin; Sam and Alex sleep until 07:00, so both notes wait. Alex's
    # signal is closed in the night: Sam's email about it stays unsent, Robin's still goes.
    night = datetime(2026, 3, 4, 23, 0, tzinfo=UTC)
    for person in (people.alex, people.sam):
        person.quiet_from, person.quiet_until = time(22, 0), time(7, 0)
        person.save()
        Channel.objects.create(person=person, kind="email")
    with time_machine.travel(night, tick=False):
        closed = actions.send_signal(people.alex, people.partners, ["quiet-time"], "")
        actions.send_signal(people.robin, people.friends, ["hug"], "")
        call_command("worker", "--once")
    assert not mailbox.messages
    with time_machine.travel(night + timedelta(minutes=20), tick=False):
        actions.close_signal(closed)

    with time_machine.travel(datetime(2026, 3, 5, 7, 1, tzinfo=UTC), tick=False):
        call_command("worker", "--once")
    assert [(m["To"], m["Subject"]) for m in mailbox.messages] == [
        ("alex@example.com", "Hearthside: Robin is stretched thin")
    ]
    # The inbox keeps what was said; only the email that would now be wrong stays unsent.
    assert [n.subject for n in inbox(people.sam)] == ["Alex is stretched thin"]
