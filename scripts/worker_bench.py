#!/usr/bin/env python
"""`make bench-worker`: how many due reminders ONE worker delivers per second.

Not a unit test, and no budget yet: a number to watch as the worker changes.

1. The database in DATABASE_URL when the caller set one (e.g.
   `scripts/with-postgres .venv/bin/python scripts/worker_bench.py`; it must hold no people),
   else a SQLite file in a temporary data dir with the production settings (WAL, busy timeout,
   IMMEDIATE transactions). `migrate` runs first.
2. A local SMTP server (aiosmtpd) in a separate process, so its work is not counted as the
   worker's; it accepts and counts messages, and keeps nothing.
3. N reminders due now (default 2,000) through `outbox.enqueue`, as the scheduler queues them:
   each is an in-app inbox entry plus one email delivery, to people with an email channel.
4. Timed: one `hearthside worker --once` in this process: a scheduling pass, then claiming in
   batches and delivering over SMTP (one connection per batch) and recording each outcome.
5. Checks that every delivery was recorded sent and the server received exactly N messages,
   then prints "worker throughput: N deliveries/s". The temporary directory and the SMTP
   server are always removed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

SMTP_SERVER = """
import signal, sys
from aiosmtpd.controller import Controller

received = 0

class Counter:
    async def handle_DATA(self, server, session, envelope):
        global received
        received += 1
        return "250 OK"

# Blocked before any thread starts, so SIGTERM waits for sigwait() instead of killing us.
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
controller = Controller(Counter(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
signal.sigwait({signal.SIGTERM})
controller.stop()
print(received, flush=True)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_smtp_server(port: int) -> subprocess.Popen[str]:
    server = subprocess.Popen(  # noqa: S603 (our interpreter, our code, no shell)
        [sys.executable, "-c", textwrap.dedent(SMTP_SERVER), str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    if server.stdout.readline().strip() != "ready":
        server.kill()
        raise SystemExit("worker bench: the SMTP server did not start")
    return server


def stop_smtp_server(server: subprocess.Popen[str]) -> int:
    """Stop the server; returns how many messages it received."""
    server.send_signal(signal.SIGTERM)
    out, _err = server.communicate(timeout=30)
    return int(out.strip() or -1)


def prepare_environment(data_dir: Path, smtp_port: int) -> str:
    """Point Django at the throwaway install and the local SMTP server; returns a label for
    the database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "hearthside.settings"
    os.environ["HEARTHSIDE_DATA_DIR"] = str(data_dir)
    os.environ["HEARTHSIDE_ENV"] = "development"
    os.environ.pop("HEARTHSIDE_DEBUG", None)
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(64)
    os.environ["EMAIL_HOST"] = "127.0.0.1"
    os.environ["EMAIL_PORT"] = str(smtp_port)
    os.environ["EMAIL_USE_TLS"] = "false"
    os.environ["EMAIL_USE_SSL"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"  # The worker's per-round counts are not the result.
    return "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite (temporary file)"


def queue_reminders(count: int) -> float:
    """Queue `count` reminders due now, across count/10 people; returns the seconds it took."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from hearthside.accounts.models import Person
    from hearthside.notify.models import Channel
    from hearthside.notify.outbox import enqueue

    people = Person.objects.bulk_create(
        # No password (an unusable one costs no hashing): nobody signs in to a bench.
        Person(
            email=f"bench{n}@example.com", display_name=f"Person {n}", password=make_password(None)
        )
        for n in range(max(1, count // 10))
    )
    Channel.objects.bulk_create(Channel(person=person, kind="email") for person in people)
    now = timezone.now()
    started = time.perf_counter()
    for n in range(count):
        enqueue(
            people[n % len(people)],
            kind="ritual_reminder",
            key=f"bench:{n}",
            subject="Sunday reflection in an hour",
            body="Your weekly reflection starts at 19:00. Bring one appreciation.",
            url="/rituals/1/",
            due_at=now,
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notifications", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=50, help="the worker's --batch")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="hearthside-worker-bench-"))
    smtp_port = free_port()
    server = start_smtp_server(smtp_port)
    try:
        database = prepare_environment(data_dir, smtp_port)
        import django

        django.setup()
        from django.core.management import call_command

        from hearthside.accounts.models import Person
        from hearthside.notify.models import Delivery

        call_command("migrate", verbosity=0)
        if Person.objects.exists():
            raise SystemExit("worker bench: the database in DATABASE_URL must hold no people")
        print(f"worker bench: {database}, {args.notifications} reminders, batch {args.batch}")

        queued_in = queue_reminders(args.notifications)
        deliveries = Delivery.objects.count()
        print(f"  queued {args.notifications} in {queued_in:.1f} s ({deliveries} deliveries)")

        started = time.perf_counter()
        call_command("worker", "--once", "--batch", str(args.batch))
        elapsed = time.perf_counter() - started

        sent = Delivery.objects.filter(status=Delivery.Status.SENT).count()
        received = stop_smtp_server(server)
        print(f"  delivered {sent} of {deliveries} in {elapsed:.1f} s; the server got {received}")
        if sent != deliveries or received != deliveries:
            raise SystemExit("worker bench: not every delivery arrived exactly once")
        print(f"worker throughput: {sent / elapsed:.0f} deliveries/s")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
