"""Notifications: an in-app inbox and a durable outbox of deliveries.

Everything due to reach a person is a Notification row (its inbox entry) with one Delivery row
per channel. The worker (`hearthside worker`) claims deliveries atomically — a conditional
UPDATE that only one worker can win — sends them, retries temporary failures with backoff and
marks permanent ones failed with a reason. A claim left by a killed worker expires and the
delivery is picked up again, so nothing is lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.Model):
    """A place a person wants notifications sent besides the app: email (their account
    address) or an Apprise URL (ntfy, Matrix, Signal, Telegram, Pushover, …)."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email")
        APPRISE = "apprise", _("Push or chat (Apprise URL)")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channels"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    label = models.CharField(_("name"), max_length=60, blank=True)
    # Apprise URLs carry secrets (tokens, passwords): shown back only partly, never logged.
    url = models.CharField(_("Apprise URL"), max_length=1000, blank=True)
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} channel {self.pk}"

    @property
    def masked_url(self) -> str:
        scheme, _sep, rest = self.url.partition("://")
        return f"{scheme}://…{rest[-4:]}" if rest else self.url


class Notification(models.Model):
    """One thing to tell one person; its inbox entry. `key` makes scheduling idempotent: the
    same reminder for the same occurrence is never queued twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32)
    key = models.CharField(max_length=200, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=5000)
    url = models.CharField(max_length=300, blank=True)  # a path in the app
    due_at = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Read or not is the recipient's own business: no one else ever sees it.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-due_at", "-id"]
        indexes = [models.Index(fields=["recipient", "-due_at"])]

    def __str__(self) -> str:
        return f"notification {self.pk}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    # Null: in-app only has no delivery; email without a Channel row uses the account address.
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, null=True, blank=True)
    transport = models.CharField(max_length=8)  # "email" | "apprise"
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"delivery {self.pk}"
