"""Several workers on one outbox: every delivery is sent exactly once.

Real threads, each with its own database connection, claim and deliver from the same table
at the same time, sending real email to a local SMTP server; the server's mailbox is the proof.

How the claim holds on each database (the same code, `outbox.claim`):
- SQLite (the default here): the test database is in memory, and threads cannot share one
  with real locking (they would get "table is locked" at once instead of waiting), so these
  tests use a temporary *file* database with the production settings: WAL, a busy timeout,
  IMMEDIATE transactions. SQLite runs one write at a time, so each conditional UPDATE sees the
  last committed state: whoever comes second finds the row no longer pending and updates 0.
- PostgreSQL (CI runs this file under `scripts/with-postgres`): the test database itself, one
  connection per thread. A second UPDATE of a row that the first one changed waits for that
  row's lock, then re-checks its WHERE against the committed row (READ COMMITTED), finds it no
  longer pending and updates 0. Rows are locked one by one and never held across a send.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from conftest import CURRENT_TIME
from hearthside.accounts.models import Person
from hearthside.notify import outbox, transports
from hearthside.notify.models import Channel, Delivery

WORKERS = 4
NOTIFICATIONS = 120

UseDatabase = Callable[[], None]


@pytest.fixture
def shared_db(transactional_db: None, tmp_path: Path) -> Iterator[UseDatabase]:
    """A database several threads really share; call the result in each new thread first.

    PostgreSQL: the test database (data is committed, so every connection sees it). SQLite: a
    migrated file database that this thread, and each thread that asks, opens on its own.
    """
    if connection.vendor != "sqlite":
        yield lambda: None
        return
    in_memory = connections["default"]
    file_settings = {**in_memory.settings_dict, "NAME": str(tmp_path / "outbox.sqlite3")}

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


def run_workers(use_db: UseDatabase, work: Callable[[str], Any]) -> dict[str, Any]:
    """Run `work(worker_id)` in WORKERS threads that start together; re-raise any error."""
    start = threading.Barrier(WORKERS)
    results: dict[str, Any] = {}
    errors: list[BaseException] = []

    def thread_main(worker_id: str) -> None:
        try:
            use_db()
            start.wait()
            results[worker_id] = work(worker_id)
        except BaseException as exc:
            errors.append(exc)
        finally:
            transports.close_all()
            connections.close_all()

    threads = [threading.Thread(target=thread_main, args=(f"w{n}",)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return results


def queue_reminders(count: int) -> None:
    people = Person.objects.bulk_create(
        Person(email=f"person{n}@example.com", password="!") for n in range(count // 3 + 1)
    )
    for person in people:
        Channel.objects.create(person=person, kind="email")
    for n in range(count):
        outbox.enqueue(
            people[n % len(people)],
            kind="ritual_reminder",
            key=f"reminder:{n}",
            subject=f"Reminder {n}",
            body="Your weekly walk starts in an hour.",
            due_at=CURRENT_TIME,
        )


def test_workers_at_the_same_time_send_each_delivery_exactly_once(
    shared_db: UseDatabase, mailbox: Any
) -> None:
    queue_reminders(NOTIFICATIONS)

    def drain(worker_id: str) -> list[int]:
        delivered = []
        # Small batches, so the workers keep running into each other.
        while batch := outbox.claim(worker_id, timezone.now(), 5):
            for delivery in batch:
                assert outbox.deliver(delivery) == Delivery.Status.SENT
                delivered.append(delivery.pk)
        return delivered

    delivered = run_workers(shared_db, drain)

    subjects = Counter(message["Subject"] for message in mailbox.messages)
    assert subjects == Counter(f"Hearthside: Reminder {n}" for n in range(NOTIFICATIONS))
    all_ids = [pk for ids in delivered.values() for pk in ids]
    assert len(all_ids) == len(set(all_ids)) == NOTIFICATIONS
    assert sum(1 for ids in delivered.values() if ids) >= 2, "the workers really overlapped"
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}


def test_workers_racing_for_the_same_rows_each_win_different_ones(
    shared_db: UseDatabase,
) -> None:
    queue_reminders(40)
    # Every worker selects the same 40 candidates at once: only the conditional UPDATE decides.
    claims = run_workers(shared_db, lambda worker_id: outbox.claim(worker_id, CURRENT_TIME, 40))

    won = {worker_id: {d.pk for d in claimed} for worker_id, claimed in claims.items()}
    all_ids = [pk for ids in won.values() for pk in ids]
    assert len(all_ids) == len(set(all_ids)) == 40
    owners = dict(Delivery.objects.values_list("pk", "claimed_by"))
    for worker_id, ids in won.items():
        assert all(owners[pk] == worker_id for pk in ids)
