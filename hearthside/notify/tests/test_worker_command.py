"""`hearthside worker`: delivers what is due, leaves the rest, logs counts only, and stops
cleanly on SIGTERM (a real worker process against a file database and a real SMTP server)."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from conftest import CURRENT_TIME
from hearthside.notify.management.commands.worker import Command
from hearthside.notify.models import Channel, Delivery
from hearthside.notify.outbox import enqueue

if TYPE_CHECKING:
    from conftest import Personas

Status = Delivery.Status
PROJECT_DIR = Path(__file__).resolve().parents[3]


def queue(person: Any, key: str, due_at: datetime = CURRENT_TIME) -> None:
    enqueue(
        person,
        kind="ritual_reminder",
        key=key,
        subject="Sunday reflection in an hour",
        body="Your weekly reflection with Sam starts at 19:00.",
        due_at=due_at,
    )


def test_once_delivers_what_is_due_and_leaves_the_rest(people: Personas, mailbox: Any) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex, "now")
    queue(people.alex, "tomorrow", due_at=CURRENT_TIME + timedelta(days=1))
    call_command("worker", "--once")
    assert len(mailbox.messages) == 1
    statuses = dict(Delivery.objects.values_list("notification__key", "status"))
    assert statuses == {"now": Status.SENT, "tomorrow": Status.PENDING}
    assert Delivery.objects.get(notification__key="tomorrow").attempts == 0


def test_once_drains_more_than_one_batch(people: Personas, mailbox: Any) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    for n in range(5):
        queue(people.alex, f"k{n}")
    call_command("worker", "--once", "--batch", "2")
    assert len(mailbox.messages) == 5


def test_each_round_first_asks_the_schedule_what_became_due(db: None) -> None:
    with mock.patch(
        "hearthside.notify.schedule.schedule_due", autospec=True, return_value=0
    ) as schedule_due:
        call_command("worker", "--once")
    schedule_due.assert_called_once_with(CURRENT_TIME)


def test_it_logs_counts_and_nothing_private(
    people: Personas, mailbox: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex, "now")
    call_command("worker", "--once")
    # Everything logged in this process except by the test's own SMTP server ("mail.log").
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name != "mail.log")
    assert "queued 0, sent 1, retrying 0, failed 0, released 0" in logged
    assert "alex@example.com" not in logged
    assert "Sunday reflection" not in logged
    assert "19:00" not in logged


def test_a_failing_round_is_logged_by_type_and_the_loop_goes_on(
    db: None, caplog: pytest.LogCaptureFixture
) -> None:
    command = Command()
    rounds: list[datetime] = []

    def schedule_due(now: datetime) -> int:
        rounds.append(now)
        if len(rounds) == 1:
            raise RuntimeError("Alex wrote: something private")
        command.stopping = True
        return 0

    with mock.patch(
        "hearthside.notify.schedule.schedule_due", autospec=True, side_effect=schedule_due
    ):
        call_command(command, "--interval", "0")
    assert len(rounds) == 2
    assert "worker round failed: RuntimeError" in caplog.text
    assert "private" not in caplog.text


def test_a_broken_scheduler_does_not_hold_back_what_is_queued(
    people: Personas, mailbox: Any
) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex, "now")
    with (
        mock.patch(
            "hearthside.notify.schedule.schedule_due", autospec=True, side_effect=RuntimeError
        ),
        pytest.raises(RuntimeError),
    ):
        call_command("worker", "--once")
    assert len(mailbox.messages) == 1


def test_it_refuses_an_empty_batch(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("worker", "--once", "--batch", "0")


# --- A real worker process ------------------------------------------------------------------


class SlowSmtpServer:
    """A local SMTP server that takes a second to accept each message, so a test can stop a
    worker in the middle of a delivery."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.receiving = threading.Event()
        self.messages: list[bytes] = []
        server = self

        class Handler:
            async def handle_DATA(self, srv: Any, session: Any, envelope: Any) -> str:
                server.receiving.set()
                await asyncio.sleep(1)
                server.messages.append(envelope.content)
                return "250 OK"

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)


@pytest.fixture
def slow_smtp() -> Iterator[SlowSmtpServer]:
    server = SlowSmtpServer()
    server.controller.start()
    try:
        yield server
    finally:
        server.controller.stop()


SEED = """
import django
django.setup()
from django.core.management import call_command
from django.utils import timezone
from hearthside.accounts.models import Person
from hearthside.notify.models import Channel
from hearthside.notify.outbox import enqueue

call_command("migrate", verbosity=0)
alex = Person.objects.create(email="alex@example.com", display_name="Alex")
Channel.objects.create(person=alex, kind="email")
for n in range(2):
    enqueue(alex, kind="test", key=f"k{n}", subject=f"Note {n}", body="Hi", due_at=timezone.now())
"""


def test_sigterm_finishes_the_delivery_in_hand_and_exits_cleanly(
    tmp_path: Path, slow_smtp: SlowSmtpServer
) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hearthside.settings",
        "HEARTHSIDE_DATA_DIR": str(tmp_path),  # A file SQLite database of its own.
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(slow_smtp.port),
        "EMAIL_USE_TLS": "false",
        "LOG_LEVEL": "INFO",
    }
    env.pop("DATABASE_URL", None)
    seed = subprocess.run(  # noqa: S603 (our interpreter, our code, no shell)
        [sys.executable, "-c", textwrap.dedent(SEED)],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert seed.returncode == 0, seed.stderr

    worker = subprocess.Popen(
        [sys.executable, "-m", "hearthside.cli", "worker", "--interval", "0.2"],
        env=env,
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The first of the two claimed deliveries is in the middle of its SMTP DATA now.
        assert slow_smtp.receiving.wait(timeout=60), "the worker started sending"
        worker.send_signal(signal.SIGTERM)
        _out, err = worker.communicate(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()

    assert worker.returncode == 0, err
    assert len(slow_smtp.messages) == 1  # The delivery in hand was finished...
    with closing(sqlite3.connect(tmp_path / "hearthside.sqlite3")) as db:
        rows = db.execute("SELECT status, attempts FROM notify_delivery ORDER BY id").fetchall()
    # ...and the rest of the batch handed back, untried, for the next worker.
    assert rows == [("sent", 1), ("pending", 0)]
    assert "sent 1, retrying 0, failed 0, released 1" in err
    assert "worker stopped" in err
    assert "alex@example.com" not in err
