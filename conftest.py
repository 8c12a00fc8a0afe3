"""Shared test fixtures: the personas every view is tested with, fixed time, and a real local
SMTP server.

Personas (as in DESIGN): Alex and Sam are partners; Robin is Alex's friend in a separate circle;
Olive is an outsider with no circle in common with anyone; anonymous is not signed in.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
import time_machine
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client

CURRENT_TIME = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)
PASSWORD = "a-long-kind-password-42"  # noqa: S105 (test accounts only)


@pytest.fixture(autouse=True)
def _fixed_time(request: pytest.FixtureRequest) -> Iterator[None]:
    """Time stands still in unit tests; browser tests run in real time (Chromium's own clock)."""
    if request.node.get_closest_marker("browser"):
        yield
        return
    with time_machine.travel(CURRENT_TIME, tick=False):
        yield


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 still (so hashes look like production's), at a cost that suits a test suite:
    production's 100 MiB per hash made every persona fixture take seconds."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["conftest.FastArgon2PasswordHasher"]


@dataclass
class Personas:
    alex: Any
    sam: Any
    robin: Any
    olive: Any
    partners: Any  # circle: Alex & Sam
    friends: Any  # circle: Alex & Robin
    clients: dict[str, Client] = field(default_factory=dict)

    def client(self, name: str) -> Client:
        """A signed-in client for a persona ("anonymous" for nobody). CSRF is not enforced here;
        tests about CSRF build their own `Client(enforce_csrf_checks=True)`."""
        if name not in self.clients:
            client = Client(enforce_csrf_checks=False)
            if name != "anonymous":
                client.force_login(getattr(self, name))
            self.clients[name] = client
        return self.clients[name]


@pytest.fixture
def people(db: None) -> Personas:
    from hearthside.accounts.models import Person
    from hearthside.circles.actions import create_circle
    from hearthside.circles.models import Membership

    def person(name: str) -> Person:
        return Person.objects.create_user(
            f"{name.lower()}@example.com", PASSWORD, display_name=name, time_zone="Europe/London"
        )

    alex, sam, robin, olive = person("Alex"), person("Sam"), person("Robin"), person("Olive")
    partners = create_circle(alex, "Alex & Sam", "partners")
    Membership.objects.create(circle=partners, person=sam)
    friends = create_circle(alex, "Climbing friends", "friends")
    Membership.objects.create(circle=friends, person=robin)
    return Personas(alex, sam, robin, olive, partners, friends)


@dataclass
class Entries:
    """One of each kind of entry, so privacy tests can ask every persona about every one."""

    alex_private_checkin: Any
    alex_share_partners: Any  # shared with Alex & Sam
    alex_share_friends: Any  # shared with Alex & Robin
    sam_reply: Any  # Sam's listening reply to alex_share_partners
    robin_reply: Any  # Robin's reply to alex_share_friends
    sam_private_checkin: Any
    sam_share_partners: Any


@pytest.fixture
def entries(people: Personas) -> Entries:
    from hearthside.practice.models import CheckIn, Reply, Share

    alex_checkin = CheckIn.objects.create(
        author=people.alex, mood=2, feelings=["anxious", "tired"], note="Alex's private note"
    )
    alex_partners = Share.objects.create(
        author=people.alex,
        circle=people.partners,
        text="Alex to partners: work is heavy this week",
        feelings=["anxious"],
        checkin=alex_checkin,
    )
    alex_friends = Share.objects.create(
        author=people.alex, circle=people.friends, text="Alex to friends: nervous about the climb"
    )
    sam_reply = Reply.objects.create(
        share=alex_partners, author=people.sam, reflect="Sam hears: it's heavy"
    )
    robin_reply = Reply.objects.create(
        share=alex_friends, author=people.robin, validation="Robin: makes sense to be nervous"
    )
    sam_checkin = CheckIn.objects.create(author=people.sam, mood=4, note="Sam's private note")
    sam_share = Share.objects.create(
        author=people.sam, circle=people.partners, text="Sam to partners: I loved Sunday"
    )
    return Entries(
        alex_checkin, alex_partners, alex_friends, sam_reply, robin_reply, sam_checkin, sam_share
    )


@dataclass
class Mailbox:
    """Messages a real local SMTP server received during the test."""

    messages: list[Message] = field(default_factory=list)

    def bodies(self) -> list[str]:
        out = []
        for msg in self.messages:
            parts = msg.walk() if msg.is_multipart() else [msg]
            for part in parts:
                if part.get_content_type() == "text/plain":
                    payload = part.get_payload(decode=True)
                    out.append(payload.decode() if isinstance(payload, bytes) else str(payload))
        return out


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    """Start an aiosmtpd server on a free local port and send Django's mail to it over SMTP."""
    from aiosmtpd.controller import Controller

    box = Mailbox()

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            box.messages.append(message_from_bytes(envelope.original_content or envelope.content))
            return "250 OK"

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield box
    finally:
        controller.stop()
