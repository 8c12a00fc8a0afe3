"""`hearthside worker`: the one long-running process that sends what is due.

Each round: queue whatever has become due (`schedule.schedule_due`), then claim and deliver
batches until nothing is due, then sleep. Several workers can run at once (claims are atomic,
see `hearthside.notify.outbox`). SIGTERM or SIGINT lets the delivery in hand finish, hands the
rest of the batch back, and exits 0. Logs carry counts only: no text, addresses or URLs.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import socket
import threading
import time
from argparse import ArgumentParser
from collections import Counter
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from hearthside.notify import outbox, schedule, transports

logger = logging.getLogger("hearthside.notify.worker")


def worker_id() -> str:
    """Unique among running workers: host, process, and a random part (pids get reused)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def refresh_connections() -> None:
    """Replace broken or too old database connections, as Django does around each request.
    A connection inside a transaction is left alone (only a test calls us inside one)."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()


class Command(BaseCommand):
    help = "Send due notifications (email, Apprise) until stopped."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stopping = False
        self.worker_id = worker_id()

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="One round, then exit.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds to sleep between rounds."
        )
        parser.add_argument("--batch", type=int, default=50, help="Deliveries claimed at once.")

    def handle(self, *args: Any, once: bool, interval: float, batch: int, **options: Any) -> None:
        if interval < 0 or batch < 1:
            raise CommandError("--interval must be 0 or more and --batch at least 1.")
        previous = self._catch_signals()
        logger.info("worker %s started", self.worker_id)
        try:
            while not self.stopping:
                refresh_connections()
                try:
                    self.round(batch)
                except Exception as exc:
                    if once:
                        raise
                    # Keep running through a database restart or a bad row (a broken
                    # connection is replaced next round). The type only: messages can carry
                    # private text.
                    logger.error("worker round failed: %s", type(exc).__name__)
                if once:
                    break
                self.sleep(interval)
        finally:
            transports.close_all()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        logger.info("worker stopped")

    def round(self, batch: int) -> Counter[str]:
        """Queue what became due, then deliver until nothing is due; returns counts.

        A scheduling error is raised only after delivering: what is already queued still
        goes out while the scheduler is broken."""
        counts: Counter[str] = Counter()
        scheduling_error: Exception | None = None
        try:
            # Timed actions first (a held share going out), so what they cause can be told
            # in the same round.
            counts["acted"] = schedule.practice_actions(timezone.now())
            counts["queued"] = schedule.schedule_due(timezone.now())
        except Exception as exc:
            scheduling_error = exc
        try:
            while not self.stopping:
                claimed = outbox.claim(self.worker_id, timezone.now(), batch)
                if not claimed:
                    break
                for index, delivery in enumerate(claimed):
                    if self.stopping:
                        counts["released"] += outbox.release(claimed[index:])
                        break
                    status = outbox.deliver(delivery)
                    counts["retrying" if status == "pending" else status] += 1
        finally:
            transports.close_all()  # Don't hold an SMTP connection open while idle.
            if any(counts.values()):
                logger.info(
                    "queued %d, sent %d, retrying %d, failed %d, released %d",
                    *(counts[k] for k in ("queued", "sent", "retrying", "failed", "released")),
                )
        if scheduling_error is not None:
            raise scheduling_error
        return counts

    def sleep(self, seconds: float) -> None:
        # Short naps, so a stop signal is noticed within a fraction of a second.
        deadline = time.monotonic() + seconds
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.2))

    def _catch_signals(self) -> dict[int, Any]:
        if threading.current_thread() is not threading.main_thread():
            return {}  # Only the main thread may set handlers (e.g. a test runs us in a thread).
        previous: dict[int, Any] = {}
        for signum in (signal.SIGTERM, signal.SIGINT):
            previous[signum] = signal.signal(signum, self._on_signal)
        return previous

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # Only a flag: the delivery in hand finishes, and the loop ends after it.
        self.stopping = True
