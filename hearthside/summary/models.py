"""Facilitator summary: a circle's request for a summary of one period, and each member's consent.

A request is made for the people who are members of the circle when it is proposed (its
*participants*: one `Consent` row each). Nobody else ever sees it — not someone who joins later
(what was shared before they arrived was never theirs to see), not someone outside the circle.
When every participant has consented, the summary is produced once: its structured data and its
Markdown are stored on the request, so it reads the same tomorrow as today whatever happens to
the entries it was made from.

If a participant leaves the circle (or deletes their account), the request lapses: one still
waiting can no longer be produced, and a produced one is no longer shown — leaving takes a
person's words with them, here as everywhere else. See `hearthside.summary.privacy`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from hearthside.circles.models import Circle


class State(models.TextChoices):
    """Where a request stands; worked out from its dates and its participants, never stored."""

    WAITING = "waiting", "waiting for consent"
    PRODUCED = "produced", "produced"
    CANCELLED = "cancelled", "cancelled"
    LAPSED = "lapsed", "lapsed: the circle changed"


class SummaryRequest(models.Model):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="summary_requests")
    period_start = models.DateField()
    period_end = models.DateField()
    # The proposer's time zone when they proposed: the period's days are counted in it, so
    # everyone consents to the same span of time.
    time_zone = models.CharField(max_length=64)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # How many people were asked to consent. Consent rows go with a deleted account, so this is
    # how a request knows someone has gone.
    participant_count = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    produced_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The produced summary, kept exactly as it was made (`hearthside.summary.snapshot`).
    data = models.JSONField(default=dict, blank=True)
    markdown = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["circle", "-created_at"])]

    def __str__(self) -> str:
        return f"summary request {self.pk}"


class Consent(models.Model):
    """One participant's word on one request. `given_at` is empty until they consent; a
    consent taken back before the summary is made keeps `given_at` and gains `withdrawn_at`
    (consenting again clears it)."""

    request = models.ForeignKey(SummaryRequest, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    given_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "person"], name="one_consent_per_person")
        ]

    def __str__(self) -> str:
        return f"consent {self.pk}"

    @property
    def is_given(self) -> bool:
        return self.given_at is not None and self.withdrawn_at is None
