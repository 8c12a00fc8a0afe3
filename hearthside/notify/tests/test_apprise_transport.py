"""Apprise channels, end to end through the worker: a local HTTP server stands in for the
push or chat service (Apprise's `json://` posts the message to it). Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.core.management import call_command

from conftest import CURRENT_TIME
from hearthside.notify.models import Channel, Delivery
from hearthside.notify.outbox import enqueue

if TYPE_CHECKING:
    from conftest import Personas

Status = Delivery.Status


@dataclass
class Endpoint:
    """What the local service received, and the status it answers with."""

    port: int
    status: int = 200
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def url(self, path: str = "/hooks/s3cret-token") -> str:
        return f"json://127.0.0.1:{self.port}{path}"


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[Endpoint]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # A proxy in the environment must not apply.

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            received.requests.append((self.path, json.loads(self.rfile.read(length))))
            self.send_response(received.status)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # Keep the test output quiet.

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    received = Endpoint(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield received
    finally:
        server.shutdown()
        server.server_close()


def queue(person: Any, key: str = "ritual:1") -> None:
    enqueue(
        person,
        kind="ritual_reminder",
        key=key,
        subject="Sunday reflection in an hour",
        body="Your weekly reflection with Sam starts at 19:00.",
        url="/rituals/1/",
        due_at=CURRENT_TIME,
    )


def test_the_worker_posts_the_notification_to_the_service(
    people: Personas, endpoint: Endpoint, settings: Any
) -> None:
    settings.SITE_URL = "https://hearth.example"
    Channel.objects.create(person=people.alex, kind="apprise", url=endpoint.url())
    queue(people.alex)
    call_command("worker", "--once")
    ((path, payload),) = endpoint.requests
    assert path == "/hooks/s3cret-token"
    assert payload["title"] == "Sunday reflection in an hour"
    assert payload["message"] == (
        "Your weekly reflection with Sam starts at 19:00.\n\nhttps://hearth.example/rituals/1/"
    )
    delivery = Delivery.objects.get()
    assert delivery.status == Status.SENT
    assert delivery.sent_at == CURRENT_TIME


def test_a_server_error_is_retried_later(people: Personas, endpoint: Endpoint) -> None:
    endpoint.status = 500
    Channel.objects.create(person=people.alex, kind="apprise", url=endpoint.url())
    queue(people.alex)
    call_command("worker", "--once")
    delivery = Delivery.objects.get()
    assert delivery.status == Status.PENDING
    assert delivery.attempts == 1
    assert delivery.last_error == "the service did not accept the message"
    assert delivery.next_attempt_at == CURRENT_TIME + timedelta(minutes=1)

    call_command("worker", "--once")  # Not yet: the retry waits a minute.
    assert len(endpoint.requests) == 1

    endpoint.status = 200
    with time_machine.travel(CURRENT_TIME + timedelta(minutes=1), tick=False):
        call_command("worker", "--once")
    assert len(endpoint.requests) == 2
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT
    assert delivery.attempts == 2
    assert delivery.last_error == ""


def test_an_unreachable_service_is_retried(
    people: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with socket.socket() as sock:  # A port where nothing listens once this closes.
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    Channel.objects.create(person=people.alex, kind="apprise", url=f"json://127.0.0.1:{port}/x")
    queue(people.alex)
    call_command("worker", "--once")
    delivery = Delivery.objects.get()
    assert delivery.status == Status.PENDING
    assert delivery.last_error == "the service did not accept the message"


def test_a_url_apprise_does_not_know_fails_for_good(people: Personas, endpoint: Endpoint) -> None:
    Channel.objects.create(person=people.alex, kind="apprise", url="https://example.net/hook")
    queue(people.alex)
    call_command("worker", "--once")
    delivery = Delivery.objects.get()
    assert delivery.status == Status.FAILED
    assert delivery.last_error == "not a valid Apprise URL"
    assert endpoint.requests == []


def test_nothing_secret_or_private_reaches_the_logs(
    people: Personas, endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    Channel.objects.create(person=people.alex, kind="apprise", url=endpoint.url())
    queue(people.alex)
    endpoint.status = 500
    call_command("worker", "--once")
    assert "s3cret-token" not in caplog.text
    assert "127.0.0.1" not in caplog.text
    assert "Sunday reflection" not in caplog.text
    assert "alex@example.com" not in caplog.text
    assert "retrying 1" in caplog.text
