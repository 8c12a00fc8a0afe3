"""Needs and requests: one person asks one other member of a circle for something they need;
the other answers; the asker later says whether the need was met.

A request is an Entry (author, circle, created_at, withdrawn_at) with a recipient. It is
addressed to one person, so only those two ever see it — not the rest of the circle. That rule
lives in `hearthside.needs.privacy`, on top of `hearthside.circles.visibility`.

Answers are kept as a history (someone may say "not now" first and "yes" later); the newest
one is copied onto the request (`response`, `proposed_for`, `answered_at`) so the Today page
and the worker can find what waits on whom without a query per request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearthside import vocab
from hearthside.circles.models import Circle
from hearthside.practice.models import Entry

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Kind(models.TextChoices):
    # Values are need slugs from the vocabulary where one exists, so insights can read a
    # request as the need beneath it; "other" has none.
    SPACE = "space", _("Space")
    REASSURANCE = "reassurance", _("Reassurance")
    DECISION = "partnership-in-a-decision", _("A decision made together")
    HELP = "practical-help", _("Practical help")
    AFFECTION = "affection", _("Affection")
    OTHER = "other", _("Something else")


# One line under each kind in the form, so nobody has to guess what fits.
KIND_HINTS: dict[str, StrOrPromise] = {
    Kind.SPACE: _("time or room to yourself"),
    Kind.REASSURANCE: _("to hear that you're okay together"),
    Kind.DECISION: _("to weigh something up side by side"),
    Kind.HELP: _("a hand with something that needs doing"),
    Kind.AFFECTION: _("closeness, warmth, a hug"),
    Kind.OTHER: _("whatever doesn't fit the others"),
}


class Response(models.TextChoices):
    YES = "yes", _("Yes")
    NOT_NOW = "not-now", _("Not now — another time")
    TALK = "talk", _("Let's talk about it")


class Met(models.TextChoices):
    MET = "met", _("Yes, it was met")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not-yet", _("Not yet")


class Request(Entry):
    """What one person asked another for. Always in a circle, never private."""

    # Entry allows no circle (private); a request always has one.
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="request_entries")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="requests_received",
        verbose_name=_("asked of"),
    )
    kind = models.CharField(_("what you need"), max_length=32, choices=Kind.choices)
    text = models.TextField(_("in your own words"), max_length=2000)
    by_when = models.DateField(_("by when"), null=True, blank=True)

    # The newest answer (its history is in Answer).
    response = models.CharField(max_length=8, choices=Response.choices, blank=True)
    proposed_for = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    # The asker's word on follow-through; they can change it.
    met = models.CharField(max_length=8, choices=Met.choices, blank=True)
    met_note = models.TextField(max_length=1000, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)

    class Meta(Entry.Meta):
        indexes = [
            models.Index(fields=["author", "-created_at"]),
            models.Index(fields=["recipient", "-created_at"]),
            # The worker's "unanswered for two days" look-up.
            models.Index(fields=["response", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(author=models.F("recipient")),
                name="needs_request_not_to_oneself",
            )
        ]

    def __str__(self) -> str:
        return f"request {self.pk}"

    @property
    def need(self) -> str | None:
        """The vocabulary need this kind stands for, or None for "something else"."""
        return self.kind if vocab.need(self.kind) else None

    @property
    def kind_hint(self) -> str:
        return str(KIND_HINTS.get(self.kind, ""))

    @property
    def is_open(self) -> bool:
        """Still in play: not withdrawn and not marked met."""
        return self.withdrawn_at is None and self.met != Met.MET

    @property
    def proposed_time_ahead(self) -> bool:
        return (
            self.response == Response.NOT_NOW
            and self.proposed_for is not None
            and self.proposed_for > timezone.now()
        )


class Answer(models.Model):
    """One answer from the person asked. A later answer replaces the earlier one as the
    request's current state; all are kept, so the thread reads as it happened."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="need_answers"
    )
    response = models.CharField(_("your answer"), max_length=8, choices=Response.choices)
    proposed_for = models.DateTimeField(_("a time that would work"), null=True, blank=True)
    note = models.TextField(_("a few words (optional)"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["request", "created_at"])]

    def __str__(self) -> str:
        return f"answer {self.pk}"
