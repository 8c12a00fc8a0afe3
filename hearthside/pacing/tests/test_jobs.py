"""The worker's part: held shares go out at the agreed moment (exactly once, however many
workers run), and people hear what they need to — never the held words, never the hint.

CURRENT_TIME is Wednesday 4 March 2026, 10:30 in London; `tick(now)` plays a worker round.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, connections

from conftest import CURRENT_TIME, Personas
from hearthside.accounts.models import Person
from hearthside.circles.actions import create_circle
from hearthside.circles.models import Membership
from hearthside.notify.models import Channel, Notification
from hearthside.notify.schedule import practice_actions, schedule_due
from hearthside.pacing import actions, jobs
from hearthside.pacing.models import Knock
from hearthside.pacing.tests.conftest import HELD, HINT, knock_as
from hearthside.practice.models import Share

HOUR = timedelta(hours=1)


def tick(now: datetime) -> int:
    with time_machine.travel(now, tick=False):
        practice_actions(now)
        return schedule_due(now)


def told(person: Any) -> list[tuple[str, str, str]]:
    return [
        (n.kind, n.subject, n.body)
        for n in Notification.objects.filter(recipient=person).order_by("due_at", "id")
    ]


def assert_nothing_private(*people: Any) -> None:
    for person in people:
        for _kind, subject, body in told(person):
            for secret in (HELD, HINT, "afraid"):
                assert secret not in subject and secret not in body


def test_listeners_hear_that_someone_knocks_and_nobody_else_does(people: Personas) -> None:
    knock_as(people.alex, people.partners, hint=HINT)
    tick(CURRENT_TIME + timedelta(seconds=5))

    assert told(people.sam) == [
        (
            "pacing_knock",
            "Alex would like to share something with you",
            "Is now a good time? You can say now is good, or suggest a moment that suits you "
            "better. Alex's words wait until then.",
        )
    ]
    assert told(people.alex) == told(people.robin) == told(people.olive) == []
    assert Notification.objects.get(recipient=people.sam).url.startswith("/pacing/knocks/")
    assert_nothing_private(people.sam)


def test_running_again_tells_nobody_twice(people: Personas) -> None:
    knock_as(people.alex, people.partners)
    assert tick(CURRENT_TIME + timedelta(seconds=5)) == 1
    assert tick(CURRENT_TIME + timedelta(seconds=10)) == 0


def test_a_knock_withdrawn_before_the_worker_came_is_never_told(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.withdraw(people.alex, knock)
    assert tick(CURRENT_TIME + timedelta(seconds=5)) == 0


def test_the_author_hears_each_answer_in_their_own_time_zone(people: Personas) -> None:
    people.alex.time_zone = "America/New_York"
    people.alex.save()
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=CURRENT_TIME + 8 * HOUR)
    tick(CURRENT_TIME + timedelta(seconds=5))

    assert told(people.alex) == [
        (
            "pacing_answer",
            "Sam suggested Wednesday 4 March at 13:30",
            "Your share goes out once everyone you asked has said when. You can still share it "
            "sooner, or let it go.",
        )
    ]

    # A changed answer is news again.
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=5), tick=False):
        actions.answer(people.sam, knock, at=CURRENT_TIME + 9 * HOUR)
    tick(CURRENT_TIME + timedelta(minutes=6))
    assert [subject for _k, subject, _b in told(people.alex)][-1] == (
        "Sam suggested Wednesday 4 March at 14:30"
    )
    assert_nothing_private(people.alex)


def test_at_the_agreed_moment_it_goes_out_and_both_hear(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=CURRENT_TIME + HOUR)
    tick(CURRENT_TIME + timedelta(seconds=5))
    assert not Share.objects.exists()

    tick(CURRENT_TIME + HOUR + timedelta(seconds=3))

    share = Share.objects.get()
    assert share.created_at == CURRENT_TIME + HOUR
    assert told(people.alex)[-1][:2] == (
        "pacing_published",
        "Your share has gone out to Alex & Sam",
    )
    assert told(people.sam)[-1][:2] == ("pacing_arrived", "Alex's share is here")
    assert Notification.objects.filter(kind="pacing_arrived").get().url == f"/shares/{share.pk}/"
    assert told(people.robin) == told(people.olive) == []
    assert_nothing_private(people.alex, people.sam)


def test_the_author_who_shared_early_is_not_told_what_they_did(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    tick(CURRENT_TIME + timedelta(seconds=5))
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=1), tick=False):
        actions.share_now(people.alex, knock)
    tick(CURRENT_TIME + timedelta(minutes=2))

    assert told(people.alex) == []
    assert [kind for kind, _s, _b in told(people.sam)] == ["pacing_knock", "pacing_arrived"]


def test_a_listener_who_left_hears_nothing_of_it_going_out(people: Personas) -> None:
    Membership.objects.create(circle=people.partners, person=people.robin)
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=CURRENT_TIME + HOUR)
    actions.answer(people.robin, knock, at=CURRENT_TIME + HOUR)
    Membership.objects.filter(circle=people.partners, person=people.robin).update(
        left_at=CURRENT_TIME
    )

    tick(CURRENT_TIME + HOUR + timedelta(seconds=3))

    assert [kind for kind, _s, _b in told(people.robin)] == []
    assert [kind for kind, _s, _b in told(people.sam)][-1] == "pacing_arrived"


def test_the_gates_ask_the_privacy_rule(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    pks = [knock.pk]
    assert list(jobs.GATES["pacing_knock"](people.sam, pks)) == [knock]
    assert list(jobs.GATES["pacing_knock"](people.robin, pks)) == []
    share = actions.share_now(people.alex, knock)
    assert list(jobs.GATES["pacing_knock"](people.sam, pks)) == []  # no longer open
    assert list(jobs.GATES["pacing_share"](people.sam, [share.pk])) == [share]
    assert list(jobs.GATES["pacing_share"](people.olive, [share.pk])) == []


def test_the_worker_process_sends_it_all_by_email_without_the_words(
    people: Personas, mailbox: Any
) -> None:
    for person in (people.alex, people.sam):
        Channel.objects.create(person=person, kind="email")
    knock = knock_as(people.alex, people.partners, hint=HINT)
    with time_machine.travel(CURRENT_TIME + timedelta(seconds=5), tick=False):
        call_command("worker", "--once")
        actions.answer(people.sam, knock, at=CURRENT_TIME + HOUR)
        call_command("worker", "--once")
    with time_machine.travel(CURRENT_TIME + HOUR + timedelta(seconds=5), tick=False):
        call_command("worker", "--once")

    knock.refresh_from_db()
    assert knock.status == Knock.Status.PUBLISHED
    to_sam = [m["Subject"] for m in mailbox.messages if m["To"] == "sam@example.com"]
    to_alex = [m["Subject"] for m in mailbox.messages if m["To"] == "alex@example.com"]
    assert to_sam == [
        "Hearthside: Alex would like to share something with you",
        "Hearthside: Alex's share is here",
    ]
    assert to_alex == [
        "Hearthside: Sam suggested Wednesday 4 March at 11:30",
        "Hearthside: Your share has gone out to Alex & Sam",
    ]
    for body in mailbox.bodies():
        assert HELD not in body and HINT not in body


# --- Quiet hours: what has stopped being true stays unsent --------------------------------------
# A note due in someone's quiet hours waits for the morning; if by then it asks about a knock
# that was answered, went out or was let go, its email stays unsent (the inbox keeps it).

NIGHT = datetime(2026, 3, 4, 23, 0, tzinfo=UTC)  # 23:00 in London
MORNING = datetime(2026, 3, 5, 7, 1, tzinfo=UTC)
EVENING = datetime(2026, 3, 5, 19, 0, tzinfo=UTC)


def worker(at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        call_command("worker", "--once")


def mail_to(mailbox: Any, person: Any) -> list[str]:
    return sorted(m["Subject"] for m in mailbox.messages if m["To"] == person.email)


@pytest.fixture
def night(people: Personas) -> Knock:
    """Robin has joined Alex & Sam; everyone sleeps 22:00 to 07:00 and reads email. At 23:00
    Alex knocks there (Sam and Robin are asked) and in Climbing friends (Robin is asked)."""
    Membership.objects.create(circle=people.partners, person=people.robin, joined_at=NIGHT - HOUR)
    for person in (people.alex, people.sam, people.robin):
        person.quiet_from, person.quiet_until = time(22, 0), time(7, 0)
        person.save()
        Channel.objects.create(person=person, kind="email")
    with time_machine.travel(NIGHT, tick=False):
        knock = knock_as(people.alex, people.partners)
        knock_as(people.alex, people.friends)
    worker(NIGHT + timedelta(seconds=5))
    return knock


def test_a_knock_waiting_out_quiet_hours_stays_quiet_for_whoever_answered_it(
    people: Personas, night: Knock, mailbox: Any
) -> None:
    with time_machine.travel(NIGHT + timedelta(minutes=20), tick=False):
        actions.answer(people.sam, night, at=EVENING)

    worker(MORNING)
    assert mail_to(mailbox, people.sam) == []
    # Robin hasn't answered: both of Robin's knocks still ask.
    assert mail_to(mailbox, people.robin) == [
        "Hearthside: Alex would like to share something with you",
        "Hearthside: Alex would like to share something with you",
    ]
    assert Notification.objects.filter(recipient=people.sam, kind="pacing_knock").exists()


@pytest.mark.parametrize("how", ["withdraw", "share now"])
def test_nothing_waiting_out_quiet_hours_asks_about_a_knock_no_longer_open(
    people: Personas, night: Knock, mailbox: Any, how: str
) -> None:
    with time_machine.travel(NIGHT + timedelta(minutes=10), tick=False):
        actions.answer(people.sam, night, at=EVENING)
    worker(NIGHT + timedelta(minutes=10, seconds=5))  # Alex's note of Sam's answer now waits
    with time_machine.travel(NIGHT + timedelta(minutes=20), tick=False):
        if how == "withdraw":
            actions.withdraw(people.alex, night)
        else:
            actions.share_now(people.alex, night)

    worker(MORNING)
    arrived = ["Hearthside: Alex's share is here"] if how == "share now" else []
    # Nobody is asked for a moment, and Alex isn't told of a suggestion for a share that is
    # gone; the knock in the other circle still asks Robin.
    assert mail_to(mailbox, people.alex) == []
    assert mail_to(mailbox, people.sam) == arrived
    assert mail_to(mailbox, people.robin) == sorted(
        ["Hearthside: Alex would like to share something with you", *arrived]
    )
    assert Notification.objects.filter(kind="pacing_knock").count() == 3
    assert Notification.objects.filter(kind="pacing_answer", recipient=people.alex).exists()


def test_a_note_of_an_answer_since_changed_stays_quiet_and_the_new_one_goes_out(
    people: Personas, night: Knock, mailbox: Any
) -> None:
    with time_machine.travel(NIGHT + timedelta(minutes=10), tick=False):
        actions.answer(people.sam, night, at=EVENING)
        actions.answer(people.robin, night, at=EVENING - HOUR)
    worker(NIGHT + timedelta(minutes=10, seconds=5))
    with time_machine.travel(NIGHT + timedelta(minutes=20), tick=False):
        actions.answer(people.sam, night, at=EVENING + HOUR)
    worker(NIGHT + timedelta(minutes=20, seconds=5))

    worker(MORNING)
    assert mail_to(mailbox, people.alex) == [
        "Hearthside: Robin suggested Thursday 5 March at 18:00",
        "Hearthside: Sam suggested Thursday 5 March at 20:00",
    ]
    assert Notification.objects.filter(kind="pacing_answer").count() == 3


# --- Several workers at once ------------------------------------------------------------------

UseDatabase = Callable[[], None]
WORKERS = 4
KNOCKS = 24


@pytest.fixture
def shared_db(transactional_db: None, tmp_path: Path) -> Iterator[UseDatabase]:
    """A database several threads really share (as in notify's claim tests): PostgreSQL's
    test database, or on SQLite a migrated file database each thread opens on its own."""
    if connection.vendor != "sqlite":
        yield lambda: None
        return
    in_memory = connections["default"]
    file_settings = {**in_memory.settings_dict, "NAME": str(tmp_path / "pacing.sqlite3")}

    def use_file_db() -> None:
        connections["default"] = in_memory.__class__(file_settings, alias="default")

    use_file_db()
    ContentType.objects.clear_cache()
    call_command("migrate", verbosity=0)
    try:
        yield use_file_db
    finally:
        connections["default"].close()
        connections["default"] = in_memory
        ContentType.objects.clear_cache()


def test_workers_at_the_same_time_publish_each_held_share_exactly_once(
    shared_db: UseDatabase,
) -> None:
    alex = Person.objects.create_user("a@example.com", "x", display_name="A")
    sam = Person.objects.create_user("s@example.com", "x", display_name="S")
    circle = create_circle(alex, "Two", "partners")
    Membership.objects.create(circle=circle, person=sam)
    for n in range(KNOCKS):
        knock = actions.knock(
            alex, circle, text=f"held {n}", feelings=[], depth="deep", wants="just-listen"
        )
        actions.answer(sam, knock, at=CURRENT_TIME + HOUR)
    later = CURRENT_TIME + 2 * HOUR

    start = threading.Barrier(WORKERS)
    published: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            shared_db()
            start.wait()
            published.append(jobs.act(later))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sum(published) == KNOCKS
    assert Share.objects.count() == KNOCKS
    assert sorted(Share.objects.values_list("text", flat=True)) == sorted(
        f"held {n}" for n in range(KNOCKS)
    )
    assert set(Knock.objects.values_list("status", flat=True)) == {Knock.Status.PUBLISHED}
