"""The outbox: queueing once per key, quiet hours, claiming, backoff, failures, dead workers."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import pytest
import time_machine

from conftest import CURRENT_TIME
from hearthside.notify import outbox, transports
from hearthside.notify.models import Channel, Delivery, Notification
from hearthside.notify.outbox import after_quiet_hours, claim, deliver, enqueue, retry_delay

if TYPE_CHECKING:
    from conftest import Personas

Status = Delivery.Status


def queue(person: Any, key: str = "ritual:1:2026-03-04", **extra: Any) -> Notification | None:
    fields: dict[str, Any] = {
        "kind": "ritual_reminder",
        "subject": "Sunday reflection in an hour",
        "body": "Your weekly reflection with Sam starts at 19:00.",
        "url": "/rituals/1/",
        "due_at": CURRENT_TIME,
    }
    fields.update(extra)
    return enqueue(person, key=key, **fields)


@pytest.fixture(autouse=True)
def _fresh_transports() -> Iterator[None]:
    # Outside the worker nothing closes a transport's kept-open SMTP connection: close it, so
    # no test talks to the previous test's mail server.
    yield
    transports.close_all()


@pytest.fixture
def unreachable_smtp(settings: Any) -> None:
    """Mail goes over SMTP to a local port where nothing listens: a real temporary failure."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2


# --- Queueing -------------------------------------------------------------------------------


def test_it_queues_an_inbox_entry_and_one_delivery_per_enabled_channel(people: Personas) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    apprise = Channel.objects.create(person=people.alex, kind="apprise", url="json://127.0.0.1/x")
    Channel.objects.create(person=people.alex, kind="apprise", url="ntfy://off", enabled=False)
    notification = queue(people.alex)
    assert notification is not None
    assert notification.recipient == people.alex
    assert notification.due_at == CURRENT_TIME
    deliveries = {d.transport: d for d in notification.deliveries.all()}
    assert set(deliveries) == {"email", "apprise"}
    assert deliveries["apprise"].channel == apprise
    for delivery in deliveries.values():
        assert delivery.status == Status.PENDING
        assert delivery.attempts == 0
        assert delivery.next_attempt_at == CURRENT_TIME


def test_a_person_without_channels_gets_only_the_inbox_entry(people: Personas) -> None:
    notification = queue(people.sam)
    assert notification is not None
    assert Notification.objects.filter(recipient=people.sam).count() == 1
    assert not Delivery.objects.exists()


def test_the_same_key_is_queued_only_once(people: Personas) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    assert queue(people.alex) is not None
    assert queue(people.alex, subject="A second try at the same reminder") is None
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 1


def test_two_email_channels_still_send_one_email(people: Personas) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    Channel.objects.create(person=people.alex, kind="email", label="again")
    notification = queue(people.alex)
    assert notification is not None
    assert notification.deliveries.count() == 1


# --- Quiet hours ----------------------------------------------------------------------------


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


LONDON = "Europe/London"
NIGHT = (time(22, 0), time(7, 0))


def test_outside_quiet_hours_nothing_waits() -> None:
    assert after_quiet_hours(utc(2026, 3, 4, 12), LONDON, *NIGHT) == utc(2026, 3, 4, 12)
    assert after_quiet_hours(utc(2026, 3, 4, 7), LONDON, *NIGHT) == utc(2026, 3, 4, 7)


def test_without_quiet_hours_nothing_waits() -> None:
    moment = utc(2026, 3, 4, 23)
    assert after_quiet_hours(moment, LONDON, None, None) == moment
    assert after_quiet_hours(moment, LONDON, time(22), None) == moment
    assert after_quiet_hours(moment, LONDON, time(22), time(22)) == moment


def test_quiet_hours_within_one_day_end_that_day() -> None:
    nap = (time(13, 0), time(15, 30))
    assert after_quiet_hours(utc(2026, 3, 4, 14), LONDON, *nap) == utc(2026, 3, 4, 15, 30)
    assert after_quiet_hours(utc(2026, 3, 4, 13), LONDON, *nap) == utc(2026, 3, 4, 15, 30)
    assert after_quiet_hours(utc(2026, 3, 4, 15, 30), LONDON, *nap) == utc(2026, 3, 4, 15, 30)


def test_quiet_hours_across_midnight_end_the_next_morning() -> None:
    assert after_quiet_hours(utc(2026, 3, 4, 22), LONDON, *NIGHT) == utc(2026, 3, 5, 7)
    assert after_quiet_hours(utc(2026, 3, 4, 23, 45), LONDON, *NIGHT) == utc(2026, 3, 5, 7)


def test_quiet_hours_after_midnight_end_the_same_morning() -> None:
    assert after_quiet_hours(utc(2026, 3, 5, 0, 10), LONDON, *NIGHT) == utc(2026, 3, 5, 7)
    assert after_quiet_hours(utc(2026, 3, 5, 6, 59), LONDON, *NIGHT) == utc(2026, 3, 5, 7)


def test_quiet_hours_are_the_persons_local_time() -> None:
    # 03:30 UTC is 22:30 the evening before in New York (UTC-5 in early March).
    waits_until = after_quiet_hours(utc(2026, 3, 5, 3, 30), "America/New_York", *NIGHT)
    assert waits_until == utc(2026, 3, 5, 12)  # 07:00 in New York
    # 21:30 UTC is 06:30 the next morning in Tokyo (UTC+9): inside its night.
    assert after_quiet_hours(utc(2026, 3, 4, 21, 30), "Asia/Tokyo", *NIGHT) == utc(2026, 3, 4, 22)
    # 12:00 UTC is 23:00 in Sydney (UTC+11 in March): quiet until 07:00 there = 20:00 UTC.
    assert after_quiet_hours(utc(2026, 3, 4, 12), "Australia/Sydney", *NIGHT) == utc(2026, 3, 4, 20)


def test_quiet_hours_keep_to_the_wall_clock_across_a_clock_change() -> None:
    # London springs forward on 29 March 2026: 07:00 that morning is already summer time.
    assert after_quiet_hours(utc(2026, 3, 28, 23), LONDON, *NIGHT) == utc(2026, 3, 29, 6)
    # An end time that does not exist that night (01:30) moves on by the hour skipped.
    short_night = (time(0, 30), time(1, 30))
    assert after_quiet_hours(utc(2026, 3, 29, 0, 45), LONDON, *short_night) == utc(
        2026, 3, 29, 1, 30
    )
    # And back on 25 October: 07:00 is winter time again.
    assert after_quiet_hours(utc(2026, 10, 24, 22), LONDON, *NIGHT) == utc(2026, 10, 25, 7)


def test_an_unknown_time_zone_is_read_as_utc() -> None:
    assert after_quiet_hours(utc(2026, 3, 4, 23), "Nowhere/Atlantis", *NIGHT) == utc(2026, 3, 5, 7)


def test_deliveries_wait_for_quiet_hours_but_the_inbox_entry_does_not(people: Personas) -> None:
    people.alex.quiet_from, people.alex.quiet_until = NIGHT
    people.alex.time_zone = "America/New_York"
    people.alex.save()
    Channel.objects.create(person=people.alex, kind="email")
    late = utc(2026, 3, 5, 3, 30)  # 22:30 in New York
    notification = queue(people.alex, due_at=late)
    assert notification is not None
    assert notification.due_at == late
    assert notification.deliveries.get().next_attempt_at == utc(2026, 3, 5, 12)
    assert claim("w1", late, 10) == []


# --- Claiming -------------------------------------------------------------------------------


def test_claim_takes_only_what_is_due(people: Personas) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex, key="now")
    queue(people.alex, key="later", due_at=CURRENT_TIME + timedelta(minutes=1))
    (delivery,) = claim("w1", CURRENT_TIME, 10)
    assert delivery.notification.key == "now"
    assert delivery.status == Status.SENDING
    assert delivery.claimed_by == "w1"
    assert delivery.claimed_at == CURRENT_TIME
    assert delivery.attempts == 1


def test_claim_respects_its_limit_oldest_first(people: Personas) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    for minutes in (3, 1, 2):
        queue(people.alex, key=f"k{minutes}", due_at=CURRENT_TIME - timedelta(minutes=minutes))
    claimed = claim("w1", CURRENT_TIME, 2)
    assert [d.notification.key for d in claimed] == ["k3", "k2"]


def test_what_one_worker_claimed_another_cannot(people: Personas) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    assert len(claim("w1", CURRENT_TIME, 10)) == 1
    assert claim("w2", CURRENT_TIME, 10) == []


def test_a_released_claim_is_due_again_without_using_up_a_try(people: Personas) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    claimed = claim("w1", CURRENT_TIME, 10)
    assert outbox.release(claimed) == 1
    (again,) = claim("w2", CURRENT_TIME, 10)
    assert again.attempts == 1


def test_a_dead_workers_claim_is_picked_up_after_ten_minutes(
    people: Personas, mailbox: Any
) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    # Worker 1 claims, then is killed (SIGKILL, power cut) before sending or recording.
    (abandoned,) = claim("dead-worker", CURRENT_TIME, 10)
    assert claim("w2", CURRENT_TIME + timedelta(minutes=9), 10) == []
    later = CURRENT_TIME + timedelta(minutes=10, seconds=1)
    with time_machine.travel(later, tick=False):
        (recovered,) = claim("w2", later, 10)
        assert recovered.pk == abandoned.pk
        assert recovered.attempts == 2
        assert deliver(recovered) == Status.SENT
    assert len(mailbox.messages) == 1
    recovered.refresh_from_db()
    assert recovered.sent_at == later


def test_a_presumed_dead_worker_cannot_overwrite_the_new_claims_outcome(
    people: Personas, unreachable_smtp: None
) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    (slow,) = claim("slow-worker", CURRENT_TIME, 10)
    later = CURRENT_TIME + timedelta(minutes=11)
    assert len(claim("w2", later, 10)) == 1
    with time_machine.travel(later, tick=False):
        deliver(slow)  # Fails (no server), but the row is no longer its claim.
    row = Delivery.objects.get()
    assert row.status == Status.SENDING
    assert row.claimed_by == "w2"
    assert row.last_error == ""


# --- Outcomes -------------------------------------------------------------------------------


def test_the_backoff_schedule() -> None:
    minutes = [retry_delay(n) for n in range(1, 7)]
    assert minutes == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=8),
        None,
    ]


def test_a_temporary_failure_is_retried_with_backoff_then_given_up(
    people: Personas, unreachable_smtp: None
) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    now = CURRENT_TIME
    waits = []
    for attempt in range(1, 7):
        with time_machine.travel(now, tick=False):
            (delivery,) = claim("w1", now, 10)
            assert delivery.attempts == attempt
            status = deliver(delivery)
        delivery.refresh_from_db()
        if attempt < 6:
            assert status == Status.PENDING
            assert delivery.claimed_by == ""
            assert delivery.last_error == "could not reach the mail server (ConnectionRefusedError)"
            assert claim("w1", delivery.next_attempt_at - timedelta(seconds=1), 10) == []
            waits.append(delivery.next_attempt_at - now)
            now = delivery.next_attempt_at
    assert waits == [retry_delay(n) for n in range(1, 6)]
    assert status == Status.FAILED
    assert delivery.last_error == (
        "gave up after 6 tries: could not reach the mail server (ConnectionRefusedError)"
    )


def test_a_retry_waits_for_quiet_hours_too(people: Personas, unreachable_smtp: None) -> None:
    people.alex.quiet_from, people.alex.quiet_until = time(10, 31), time(12, 0)
    people.alex.save()
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)  # Due 10:30 London time, a minute before quiet hours.
    (delivery,) = claim("w1", CURRENT_TIME, 10)
    assert deliver(delivery) == Status.PENDING
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == utc(2026, 3, 4, 12)


def test_a_permanent_failure_is_failed_at_once_with_a_safe_reason(
    people: Personas, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret_url = "nonsense://s3cret-token@example.net/room"
    Channel.objects.create(person=people.alex, kind="apprise", url=secret_url)
    queue(people.alex)
    (delivery,) = claim("w1", CURRENT_TIME, 10)
    assert deliver(delivery) == Status.FAILED
    delivery.refresh_from_db()
    assert delivery.last_error == "not a valid Apprise URL"
    assert delivery.attempts == 1
    assert claim("w1", CURRENT_TIME + timedelta(days=1), 10) == []
    assert "s3cret" not in caplog.text


def test_a_channel_turned_off_after_queueing_sends_nothing(people: Personas, mailbox: Any) -> None:
    channel = Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    channel.enabled = False
    channel.save()
    (delivery,) = claim("w1", CURRENT_TIME, 10)
    assert deliver(delivery) == Status.FAILED
    assert delivery.last_error == "the channel was turned off"
    assert mailbox.messages == []


# --- Holding back ---------------------------------------------------------------------------


def pending_keys() -> set[str]:
    return set(
        Delivery.objects.filter(status=Status.PENDING).values_list("notification__key", flat=True)
    )


def test_hold_back_drops_one_notifications_unsent_deliveries_and_keeps_its_inbox_entry(
    people: Personas,
) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex, key="pacing:knock:1:7")
    queue(people.alex, key="pacing:knock:1:70")
    assert outbox.hold_back("pacing:knock:1:7") == 1
    assert pending_keys() == {"pacing:knock:1:70"}
    assert Notification.objects.count() == 2


def test_a_prefix_holds_back_everyones_note_about_that_thing_and_no_other(
    people: Personas,
) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    Channel.objects.create(person=people.sam, kind="email")
    for person, key in [
        (people.alex, "pacing:knock:1:7"),
        (people.sam, "pacing:knock:1:8"),
        (people.alex, "pacing:knock:12:7"),  # knock 12 is not knock 1
        (people.sam, "pacing:knock:100:8"),
        (people.alex, "pacing:answer:1:20260304T103000Z"),
    ]:
        queue(person, key=key)
    assert outbox.hold_back("pacing:knock:1:", prefix=True) == 2
    assert pending_keys() == {
        "pacing:knock:12:7",
        "pacing:knock:100:8",
        "pacing:answer:1:20260304T103000Z",
    }
    assert Notification.objects.count() == 5


def test_a_prefix_must_end_at_a_separator() -> None:
    with pytest.raises(ValueError, match="must end with ':'"):
        outbox.hold_back("pacing:knock:1", prefix=True)


def test_held_back_leaves_what_is_being_sent_or_already_sent(people: Personas) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex, key="stress:signal:1:7")
    queue(people.alex, key="stress:signal:1:8")
    (sending,) = claim("w1", CURRENT_TIME, 1)
    assert outbox.hold_back("stress:signal:1:", prefix=True) == 1
    assert Delivery.objects.get().pk == sending.pk
