"""The ways a notification leaves the app: email over SMTP, and Apprise URLs (push and chat).

A transport sends one Delivery and reports trouble by raising:
- `TemporaryFailure`: trying again later may work (the mail server is down, the service said
  no for now). The outbox retries with backoff.
- `PermanentFailure`: trying again cannot help (the address was refused, the URL is not one
  Apprise knows). The outbox marks the delivery failed with the reason.

Reasons are short, written by us, and safe to store and show: never an address, a URL (Apprise
URLs hold tokens and passwords) or the message text. Exception texts from libraries are not
passed on for that reason; only their type names are.

Transports are looked up by name (`get("email")`) and built lazily, one set per thread, so a
worker keeps its SMTP connection open across a batch and threads never share one.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import threading
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

if TYPE_CHECKING:
    from django.core.mail.backends.base import BaseEmailBackend

    from hearthside.notify.models import Delivery, Notification

# Apprise logs hosts, payloads (private text) and, at debug level, whole URLs; urllib3 logs
# each request's path at debug level, and Apprise URLs put tokens in paths. Keep both quiet,
# even with LOG_LEVEL=DEBUG, unless LOGGING configures these loggers on purpose.
for _name, _level in (("apprise", logging.CRITICAL), ("urllib3", logging.WARNING)):
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(_level)


class DeliveryFailure(Exception):
    """A delivery did not go out. `reason` is short and holds no secrets or private text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TemporaryFailure(DeliveryFailure):
    """Worth another try later."""


class PermanentFailure(DeliveryFailure):
    """Another try cannot help."""


class Transport:
    """One way out. Subclasses set `name` and implement `send`; `close` frees what `send`
    kept open between deliveries (the worker calls it after each batch)."""

    name: ClassVar[str]

    def send(self, delivery: Delivery) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Nothing kept open by default."""


def link_for(notification: Notification) -> str:
    """The absolute link a message carries: the notification's page in the app, or the inbox."""
    return settings.SITE_URL + (notification.url or reverse("inbox"))


def plain_text(notification: Notification) -> str:
    """The message as plain text with its link, for services that take one block of text."""
    return f"{notification.body}\n\n{link_for(notification)}"


def render_email(notification: Notification) -> EmailMultiAlternatives:
    """Subject, text and HTML from the notify/email templates (user-facing words live there)."""
    context = {
        "notification": notification,
        "person": notification.recipient,
        "link": link_for(notification),
        "settings_link": settings.SITE_URL + reverse("notify_channels"),
    }
    # Headers cannot hold newlines; a template's trailing newline is not part of the subject.
    subject = " ".join(render_to_string("notify/email/subject.txt", context).split())
    text = render_to_string("notify/email/body.txt", context)
    html = render_to_string("notify/email/body.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[notification.recipient.email],
        # RFC 3834: an automatic message, so vacation responders leave it alone.
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


class EmailTransport(Transport):
    """Email to the account address through Django's configured mail backend (SMTP in
    production). The connection stays open across a batch and is reopened if the server
    dropped it while idle."""

    name = "email"

    def __init__(self) -> None:
        self._connection: BaseEmailBackend | None = None

    def send(self, delivery: Delivery) -> None:
        notification = delivery.notification
        if not notification.recipient.email:
            raise PermanentFailure("the account has no email address")
        message = render_email(notification)
        try:
            self._send(message)
        except smtplib.SMTPRecipientsRefused as exc:
            # The dict maps addresses to (code, text): only the codes are safe to keep.
            codes = sorted({code for code, _text in exc.recipients.values()})
            shown = ", ".join(str(code) for code in codes)
            if all(code >= 500 for code in codes):
                raise PermanentFailure(f"the mail server refused the address ({shown})") from None
            raise TemporaryFailure(f"the mail server deferred the address ({shown})") from None
        except smtplib.SMTPDataError as exc:
            self.close()
            if exc.smtp_code >= 500:
                raise PermanentFailure(
                    f"the mail server rejected the message ({exc.smtp_code})"
                ) from None
            raise TemporaryFailure(
                f"the mail server deferred the message ({exc.smtp_code})"
            ) from None
        except smtplib.SMTPResponseException as exc:
            # Sender refused, sign-in refused, …: the server's or our configuration's problem,
            # not this person's, so it is worth retrying once someone fixes it.
            self.close()
            raise TemporaryFailure(f"the mail server answered {exc.smtp_code}") from None
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise TemporaryFailure(
                f"could not reach the mail server ({type(exc).__name__})"
            ) from None

    def _send(self, message: EmailMultiAlternatives) -> None:
        reused = self._connection is not None
        if self._connection is None:
            self._connection = get_connection(fail_silently=False)
            self._connection.open()
        message.connection = self._connection
        try:
            message.send()
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException) as exc:
            closing = isinstance(exc, smtplib.SMTPServerDisconnected) or exc.smtp_code == 421
            if not (reused and closing):
                raise
            # The server timed out a connection we kept open between deliveries (it says 421,
            # or just hangs up): one more try on a fresh connection.
            self.close()
            self._send(message)

    def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            with contextlib.suppress(smtplib.SMTPException, OSError):  # Already gone.
                connection.close()


class AppriseTransport(Transport):
    """One Apprise URL a person added (ntfy, Matrix, Signal, Telegram, Pushover, …)."""

    name = "apprise"

    def send(self, delivery: Delivery) -> None:
        import apprise  # Loads every Apprise plug-in: only when someone actually uses one.

        channel = delivery.channel
        if channel is None or not channel.url:
            raise PermanentFailure("the channel has no Apprise URL")
        # A fresh Apprise object per message: plug-ins throttle per object, and a fresh one
        # sends at once. It keeps nothing on disk (no storage path given).
        notifier = apprise.Apprise()
        if not notifier.add(channel.url):
            raise PermanentFailure("not a valid Apprise URL")
        notification = delivery.notification
        sent = notifier.notify(
            title=notification.subject,
            body=plain_text(notification),
            body_format=apprise.NotifyFormat.TEXT,
        )
        if not sent:
            raise TemporaryFailure("the service did not accept the message")


_TRANSPORTS: dict[str, type[Transport]] = {
    EmailTransport.name: EmailTransport,
    AppriseTransport.name: AppriseTransport,
}
_local = threading.local()


def get(name: str) -> Transport:
    """This thread's transport called `name`, built on first use."""
    built: dict[str, Transport] = _local.__dict__.setdefault("built", {})
    if name not in built:
        try:
            transport_class = _TRANSPORTS[name]
        except KeyError:
            raise PermanentFailure("no such way to send") from None
        built[name] = transport_class()
    return built[name]


def close_all() -> None:
    """Close what this thread's transports keep open (an SMTP connection)."""
    built: dict[str, Transport] = _local.__dict__.get("built", {})
    for transport in built.values():
        transport.close()
