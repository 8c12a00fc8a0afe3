"""Email notifications over real SMTP: subject, text and HTML parts, the link, and what the
mail server's answers mean (refused for good, deferred, unreachable, idle connection dropped).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import TYPE_CHECKING, Any

import pytest

from conftest import CURRENT_TIME
from hearthside.notify import transports
from hearthside.notify.models import Channel, Delivery
from hearthside.notify.outbox import claim, deliver, enqueue

if TYPE_CHECKING:
    from conftest import Personas

Status = Delivery.Status


@pytest.fixture(autouse=True)
def _fresh_transports() -> Iterator[None]:
    yield
    transports.close_all()


def queue(person: Any, key: str = "ritual:1", **extra: Any) -> None:
    fields: dict[str, Any] = {
        "kind": "ritual_reminder",
        "subject": "Sunday reflection in an hour",
        "body": "Your weekly reflection with Sam starts at 19:00.\nBring one appreciation.",
        "url": "/rituals/1/",
        "due_at": CURRENT_TIME,
    }
    fields.update(extra)
    enqueue(person, key=key, **fields)


def send_due() -> list[str]:
    return [deliver(d) for d in claim("w1", CURRENT_TIME, 50)]


def part(message: Message, content_type: str) -> str:
    for piece in message.walk():
        if piece.get_content_type() == content_type:
            payload = piece.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode().replace("\r\n", "\n")  # Lines end in CRLF on the wire.
    raise AssertionError(f"no {content_type} part")


def test_it_sends_subject_text_and_html_with_a_link(
    people: Personas, mailbox: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://hearth.example"
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    assert send_due() == [Status.SENT]
    (message,) = mailbox.messages
    assert message["Subject"] == "Hearthside: Sunday reflection in an hour"
    assert message["To"] == "alex@example.com"
    assert message["Auto-Submitted"] == "auto-generated"
    text = part(message, "text/plain")
    assert text.startswith("Hi Alex,")
    assert "Your weekly reflection with Sam starts at 19:00.\nBring one appreciation." in text
    assert "https://hearth.example/rituals/1/" in text
    assert "https://hearth.example/settings/notifications/" in text
    html = part(message, "text/html")
    assert '<a href="https://hearth.example/rituals/1/"' in html
    assert "starts at 19:00.<br>Bring one appreciation." in html


def test_without_a_page_the_link_is_the_inbox(people: Personas, mailbox: Any) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex, url="")
    send_due()
    assert "http://127.0.0.1:8000/inbox/" in part(mailbox.messages[0], "text/plain")


def test_the_html_part_escapes_what_people_wrote(people: Personas, mailbox: Any) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex, subject="Sam & you <3", body="<script>alert(1)</script>")
    send_due()
    (message,) = mailbox.messages
    assert message["Subject"] == "Hearthside: Sam & you <3"
    html = part(message, "text/html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" in part(message, "text/plain")


def test_a_batch_shares_one_connection(people: Personas, smtp_server: SmtpServer) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    for n in range(3):
        queue(people.alex, key=f"k{n}")
    assert send_due() == [Status.SENT] * 3
    assert len(smtp_server.messages) == 3
    assert smtp_server.connections == 1


# --- What the server's answers mean ---------------------------------------------------------


@dataclass
class SmtpServer:
    """A local SMTP server whose answer to RCPT TO the test chooses."""

    rcpt_reply: str = "250 OK"
    messages: list[bytes] = field(default_factory=list)
    connections: int = 0


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    from aiosmtpd.controller import Controller

    server = SmtpServer()

    class Handler:
        async def handle_EHLO(
            self, srv: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
        ) -> list[str]:
            server.connections += 1
            session.host_name = hostname
            return responses

        async def handle_RCPT(
            self, srv: Any, session: Any, envelope: Any, address: str, options: list[str]
        ) -> str:
            if server.rcpt_reply.startswith("250"):
                envelope.rcpt_tos.append(address)
            return server.rcpt_reply

        async def handle_DATA(self, srv: Any, session: Any, envelope: Any) -> str:
            server.messages.append(envelope.content)
            return "250 OK"

    port = free_port()
    # A short idle timeout, so a test can watch the server drop a kept-open connection.
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, timeout=0.3)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield server
    finally:
        controller.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_refused_address_fails_for_good_with_the_code(
    people: Personas, smtp_server: SmtpServer
) -> None:
    smtp_server.rcpt_reply = "550 5.1.1 No such mailbox"
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    assert send_due() == [Status.FAILED]
    delivery = Delivery.objects.get()
    assert delivery.last_error == "the mail server refused the address (550)"
    assert smtp_server.messages == []


def test_a_deferred_address_is_retried(people: Personas, smtp_server: SmtpServer) -> None:
    smtp_server.rcpt_reply = "450 4.2.1 Mailbox busy, try later"
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    assert send_due() == [Status.PENDING]
    assert Delivery.objects.get().last_error == "the mail server deferred the address (450)"


def test_an_unreachable_server_is_retried(people: Personas, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex)
    assert send_due() == [Status.PENDING]
    delivery = Delivery.objects.get()
    assert delivery.last_error == "could not reach the mail server (ConnectionRefusedError)"
    assert delivery.attempts == 1


def test_a_connection_the_server_dropped_while_idle_is_reopened(
    people: Personas, smtp_server: SmtpServer
) -> None:
    Channel.objects.create(person=people.alex, kind="email")
    queue(people.alex, key="first")
    assert send_due() == [Status.SENT]
    time.sleep(0.6)  # Real time: the server's idle timeout (0.3 s) closes the connection.
    queue(people.alex, key="second")
    assert send_due() == [Status.SENT]
    assert len(smtp_server.messages) == 2
    assert smtp_server.connections == 2
