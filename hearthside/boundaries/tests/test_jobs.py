"""What the worker tells people about boundaries: a review prompt to the author at 09:00 their
time on the review day, and a note to the circle when a boundary is shared or changed — once
each, to the people who may see it, and never with the boundary's words."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from conftest import CURRENT_TIME, Personas
from hearthside.boundaries import actions
from hearthside.boundaries.models import Boundary, BoundaryVersion
from hearthside.boundaries.tests.conftest import READERS, Bounds, change, write
from hearthside.circles.models import Membership
from hearthside.notify.models import Channel, Delivery, Notification
from hearthside.notify.schedule import schedule_due

SECOND = timedelta(seconds=1)


def queued(at: datetime) -> int:
    with time_machine.travel(at, tick=False):
        return schedule_due(at)


def notes(**filters: Any) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(**filters)
        .order_by("recipient__display_name", "key")
        .values_list("recipient__display_name", "subject")
    )


def assert_no_private_words() -> None:
    for n in Notification.objects.all():
        for text in READERS:
            assert text not in n.subject and text not in n.body, n.kind
        assert "I need" not in n.subject + n.body


# --- Notes to the circle ----------------------------------------------------------------------


def test_a_shared_boundary_is_announced_to_the_circle_once(
    people: Personas, bounds: Bounds
) -> None:
    assert queued(CURRENT_TIME + SECOND) == 3
    assert queued(CURRENT_TIME + 2 * SECOND) == 0  # a second round queues nothing again

    assert notes(kind="boundary_shared") == [
        ("Alex", "Sam shared a boundary in Alex & Sam"),
        ("Robin", "Alex shared a boundary in Climbing friends"),
        ("Sam", "Alex shared a boundary in Alex & Sam"),
    ]
    url = Notification.objects.get(recipient=people.sam).url
    assert url == f"/boundaries/{bounds.alex_shared.pk}/"
    assert not Notification.objects.filter(recipient=people.olive).exists()
    assert_no_private_words()


def test_private_boundaries_tell_nobody(people: Personas) -> None:
    write(people.alex, "I need quiet mornings")
    assert queued(CURRENT_TIME + SECOND) == 0


def test_a_change_is_announced_again_and_asks_for_a_new_answer(
    people: Personas, bounds: Bounds
) -> None:
    queued(CURRENT_TIME + SECOND)
    later = CURRENT_TIME + timedelta(days=2)
    with time_machine.travel(later, tick=False):
        change(people.alex, bounds.alex_shared, "I need half an hour", people.partners)

    assert queued(later + SECOND) == 1
    (note,) = Notification.objects.filter(kind="boundary_changed")
    assert (note.recipient, note.subject) == (people.sam, "Alex changed a boundary in Alex & Sam")
    assert "let them know you'll respect it" in note.body
    assert_no_private_words()


def test_a_new_cadence_alone_is_not_news(people: Personas, bounds: Bounds) -> None:
    queued(CURRENT_TIME + SECOND)
    later = CURRENT_TIME + timedelta(days=2)
    words = bounds.alex_shared.current
    assert words is not None
    with time_machine.travel(later, tick=False):
        actions.change_boundary(
            people.alex,
            bounds.alex_shared,
            words=actions.Words.clean(words.need, words.why),
            review_every=12,
            circle=people.partners,
        )
    assert queued(later + SECOND) == 0


def test_sharing_a_private_boundary_later_is_announced_then(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings")
    queued(CURRENT_TIME + SECOND)
    later = CURRENT_TIME + timedelta(days=20)
    with time_machine.travel(later, tick=False):
        change(people.alex, boundary, "I need quiet mornings", people.partners)

    assert queued(later + SECOND) == 1
    assert notes() == [("Sam", "Alex shared a boundary in Alex & Sam")]
    assert Notification.objects.get().due_at == later


def test_people_who_cannot_see_it_hear_nothing(people: Personas) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=CURRENT_TIME
    )
    with time_machine.travel(CURRENT_TIME + SECOND, tick=False):
        write(people.alex, "I need quiet mornings", people.partners)
    with time_machine.travel(CURRENT_TIME + 2 * SECOND, tick=False):
        Membership.objects.create(circle=people.partners, person=people.olive)  # joined after
    assert queued(CURRENT_TIME + 3 * SECOND) == 0


def test_a_boundary_made_private_again_before_the_round_tells_nobody(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", people.partners)
    change(people.alex, boundary, "I need quiet mornings")
    assert queued(CURRENT_TIME + SECOND) == 0


# --- Review prompts ---------------------------------------------------------------------------


def review_day(boundary: Boundary) -> datetime:
    assert boundary.next_review_on is not None
    return datetime.combine(boundary.next_review_on, datetime.min.time(), tzinfo=UTC)


def test_the_review_prompt_arrives_at_nine_on_the_day_in_the_authors_time(
    people: Personas,
) -> None:
    boundary = write(people.alex, "I need quiet mornings", review_every=6)  # 4 September
    day = review_day(boundary)
    # London is on summer time in September: 09:00 there is 08:00 UTC.
    assert queued(day + timedelta(hours=7, minutes=59)) == 0
    assert queued(day + timedelta(hours=8)) == 1
    assert queued(day + timedelta(hours=8, minutes=1)) == 0

    (prompt,) = Notification.objects.all()
    assert (prompt.recipient, prompt.kind) == (people.alex, "boundary_review")
    assert prompt.subject == "A boundary to look at again"
    assert prompt.url == f"/boundaries/{boundary.pk}/review/"
    assert prompt.key == f"boundary:{boundary.pk}:review:2026-09-04"
    assert_no_private_words()


def test_the_prompt_follows_the_author_to_another_time_zone(people: Personas) -> None:
    people.sam.time_zone = "Asia/Tokyo"
    people.sam.save()
    boundary = write(people.sam, "I need Sundays without my phone", review_every=1)
    day = review_day(boundary)  # 4 April; 09:00 in Tokyo is midnight UTC

    assert queued(day - SECOND) == 0
    assert queued(day) == 1


def test_no_prompt_once_kept_early_retired_or_without_reviews(people: Personas) -> None:
    kept = write(people.alex, "Kept early", review_every=1)
    day = review_day(kept)
    retired = write(people.alex, "Retired", review_every=1)
    write(people.alex, "No reviews", review_every=0)
    with time_machine.travel(day - timedelta(days=2), tick=False):
        actions.review_boundary(people.alex, kept, decision="keep")
        actions.retire_boundary(people.alex, retired)

    assert queued(day + timedelta(hours=9)) == 0


def test_a_worker_that_was_down_catches_up_on_the_last_day_only(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", review_every=1)
    day = review_day(boundary)

    assert queued(day + timedelta(days=2)) == 0  # missed: Today still shows it's due
    assert queued(day + timedelta(hours=20)) == 1


def test_prompts_and_notes_reach_email_without_the_words(
    people: Personas, bounds: Bounds, mailbox: Any
) -> None:
    Channel.objects.create(person=people.sam, kind="email")
    with time_machine.travel(CURRENT_TIME + SECOND, tick=False):
        call_command("worker", "--once")

    assert len(mailbox.messages) == 1
    assert mailbox.messages[0]["Subject"] == "Hearthside: Alex shared a boundary in Alex & Sam"
    (body,) = mailbox.bodies()
    assert "Alex wrote down something they need and shared it with Alex & Sam" in body
    for text in READERS:
        assert text not in body


# --- Quiet hours: what has stopped being true stays unsent --------------------------------------
# A prompt or note due in someone's quiet hours waits for the morning; if by then the thing it
# nudges about is done, replaced or gone, the email stays unsent (the inbox keeps the record).

NIGHT = datetime(2026, 3, 4, 23, 0, tzinfo=UTC)  # 23:00 in London: Sam's quiet hours
MORNING = datetime(2026, 3, 5, 7, 1, tzinfo=UTC)


def worker(at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        call_command("worker", "--once")


def quiet_nights(person: Any, until: int = 7) -> None:
    person.quiet_from, person.quiet_until = time(22, 0), time(until, 0)
    person.save()
    Channel.objects.create(person=person, kind="email")


def subjects(mailbox: Any) -> list[tuple[str, str]]:
    return sorted((m["To"], m["Subject"]) for m in mailbox.messages)


@pytest.mark.parametrize("how", ["keep", "change", "retire", "edit"])
def test_a_review_prompt_waiting_out_quiet_hours_stays_quiet_once_looked_at(
    people: Personas, mailbox: Any, how: str
) -> None:
    # Alex sleeps until 10:00, so the 09:00 prompts for two boundaries wait; Alex looks at one
    # of them before then, and only the other one's email goes out.
    quiet_nights(people.alex, until=10)
    looked_at = write(people.alex, "I need quiet mornings", review_every=1)
    other = write(people.alex, "I need a walk after work", review_every=1)
    nine = review_day(looked_at) + timedelta(hours=8)  # 09:00 in London (summer time)
    worker(nine + SECOND)
    held = Delivery.objects.filter(notification__kind="boundary_review", status="pending")
    assert held.count() == 2

    with time_machine.travel(nine + timedelta(minutes=30), tick=False):
        if how == "edit":
            change(people.alex, looked_at, "I need quiet mornings, most days", review_every=1)
        else:
            new = actions.Words.clean("I need quiet mornings, most days")
            actions.review_boundary(
                people.alex, looked_at, decision=how, words=new if how == "change" else None
            )

    worker(nine + timedelta(hours=1, minutes=1))  # 10:01 in London
    sent = Notification.objects.filter(deliveries__status="sent")
    assert [n.key for n in sent] == [actions.review_key(other, review_day(other).date())]
    assert len(mailbox.messages) == 1
    # The inbox keeps both prompts; only the email that would now be wrong stays unsent.
    assert Notification.objects.filter(kind="boundary_review").count() == 2


def shared_in_the_night(people: Personas, need: str = "I need quiet mornings") -> Boundary:
    with time_machine.travel(NIGHT - timedelta(minutes=1), tick=False):
        return write(people.alex, need, people.partners)


@pytest.fixture
def night_notes(people: Personas) -> tuple[Boundary, Boundary]:
    """Two boundaries Alex shares with Alex & Sam (Robin has joined too) late at night; Sam's
    notes wait for the morning, Robin's (no quiet hours) go out at once."""
    with time_machine.travel(NIGHT - timedelta(days=1), tick=False):
        Membership.objects.create(circle=people.partners, person=people.robin)
    quiet_nights(people.sam)
    Channel.objects.create(person=people.robin, kind="email")
    first = shared_in_the_night(people)
    second = shared_in_the_night(people, "I need a heads-up before guests come")
    worker(NIGHT + SECOND)
    sams = Delivery.objects.filter(notification__recipient=people.sam, status="pending")
    assert sams.count() == 2
    return first, second


def test_a_note_waiting_out_quiet_hours_stays_quiet_once_acknowledged(
    people: Personas, night_notes: tuple[Boundary, Boundary], mailbox: Any
) -> None:
    read, other = night_notes
    with time_machine.travel(NIGHT + timedelta(minutes=20), tick=False):
        actions.acknowledge(people.sam, read)
    mailbox.messages.clear()  # Robin's two, sent at once

    worker(MORNING)
    # Sam's note about the other boundary still goes out; the one Sam has answered doesn't.
    sent = Notification.objects.filter(recipient=people.sam, deliveries__status="sent")
    assert [n.key for n in sent] == [actions.note_key(other, _current(other), people.sam)]
    assert len(mailbox.messages) == 1
    assert Notification.objects.filter(recipient=people.sam, kind="boundary_shared").count() == 2


def test_acknowledging_holds_back_only_ones_own_note(
    people: Personas, night_notes: tuple[Boundary, Boundary], mailbox: Any
) -> None:
    read, _other = night_notes
    people.robin.quiet_from, people.robin.quiet_until = time(22, 0), time(7, 0)
    people.robin.save()
    Notification.objects.filter(recipient=people.robin).delete()
    worker(NIGHT + 2 * SECOND)  # Robin's notes, queued again, now wait for the morning too
    mailbox.messages.clear()
    with time_machine.travel(NIGHT + timedelta(minutes=20), tick=False):
        actions.acknowledge(people.robin, read)

    worker(MORNING)
    assert subjects(mailbox) == [
        ("robin@example.com", "Hearthside: Alex shared a boundary in Alex & Sam"),
        ("sam@example.com", "Hearthside: Alex shared a boundary in Alex & Sam"),
        ("sam@example.com", "Hearthside: Alex shared a boundary in Alex & Sam"),
    ]


def test_a_note_about_words_since_replaced_stays_quiet_and_the_new_one_goes_out(
    people: Personas, night_notes: tuple[Boundary, Boundary], mailbox: Any
) -> None:
    changed, _other = night_notes
    with time_machine.travel(NIGHT + timedelta(minutes=20), tick=False):
        change(people.alex, changed, "I need quiet mornings, most days", people.partners)
    mailbox.messages.clear()

    worker(MORNING)
    # One note about the boundary as it now reads, and the untouched one: not the old words.
    assert [s for s in subjects(mailbox) if s[0] == "sam@example.com"] == [
        ("sam@example.com", "Hearthside: Alex changed a boundary in Alex & Sam"),
        ("sam@example.com", "Hearthside: Alex shared a boundary in Alex & Sam"),
    ]
    first_words = changed.versions.order_by("number").first()
    assert first_words is not None
    held = Notification.objects.get(key=actions.note_key(changed, first_words, people.sam))
    assert not held.deliveries.exists()  # the inbox keeps it; its email was never sent


@pytest.mark.parametrize("how", ["retire", "make private", "move"])
def test_a_note_waiting_out_quiet_hours_stays_quiet_once_it_is_no_longer_there_to_read(
    people: Personas, night_notes: tuple[Boundary, Boundary], mailbox: Any, how: str
) -> None:
    gone, other = night_notes
    with time_machine.travel(NIGHT + timedelta(minutes=20), tick=False):
        if how == "retire":
            actions.retire_boundary(people.alex, gone)
        else:
            change(
                people.alex,
                gone,
                "I need quiet mornings",
                None if how == "make private" else people.friends,
            )
    mailbox.messages.clear()

    worker(MORNING)
    sent = Notification.objects.filter(recipient=people.sam, deliveries__status="sent")
    assert [n.key for n in sent] == [actions.note_key(other, _current(other), people.sam)]
    assert Notification.objects.filter(recipient=people.sam, kind="boundary_shared").count() == 2


def _current(boundary: Boundary) -> BoundaryVersion:
    boundary.refresh_from_db()
    assert boundary.current is not None
    return boundary.current
