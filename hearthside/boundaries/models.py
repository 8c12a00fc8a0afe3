"""Boundaries: a person's limits, written down, private or shared with one circle, looked at
again on a cadence.

A `Boundary` is an entry (author, circle null = private, created_at, withdrawn_at), so who may
see it is decided by `hearthside.circles.visibility` like everything else. Its words live in
`BoundaryVersion` rows: every change is a new version and old ones are kept, so the history can
be shown and acknowledgements can belong to the exact words a member read. `Review` records
each look back (keep, change, retire) with an optional note only the author ever sees.

Sharing later: the privacy rule lets a member see an entry when they joined its circle by the
entry's `created_at` (`visibility.shared_q`). A boundary written privately and shared later is
news to the circle *at the moment it is shared*, so sharing moves `created_at` to that moment
(and records it as `shared_at`): everyone who was in the circle then sees it, and people who
join afterwards start fresh, as with any entry. The day it was first written stays on its first
version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearthside.practice.models import Entry


class Cadence(models.IntegerChoices):
    """How often the author wants to look at a boundary again, in months (0: never asked)."""

    MONTHLY = 1, _("Every month")
    QUARTERLY = 3, _("Every 3 months")
    TWICE_A_YEAR = 6, _("Every 6 months")
    YEARLY = 12, _("Once a year")
    NEVER = 0, _("No reviews")


class Boundary(Entry):
    review_every = models.PositiveSmallIntegerField(
        _("look at it again"), choices=Cadence.choices, default=Cadence.QUARTERLY
    )
    # A day in the author's own time zone; empty when retired or when they asked for no reviews.
    next_review_on = models.DateField(null=True, blank=True, db_index=True)
    # When it was shared with `circle` (empty while private); see the module docstring.
    shared_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    # The words in force: the newest version, kept here so lists need no subquery.
    current = models.ForeignKey(
        "BoundaryVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(Entry.Meta):
        verbose_name_plural = "boundaries"
        indexes = [
            models.Index(fields=["author", "-created_at"]),
            models.Index(fields=["circle", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"boundary {self.pk}"

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def is_shared(self) -> bool:
        return self.circle_id is not None


class BoundaryVersion(models.Model):
    """The words of a boundary at one time. Never edited: a change is a new version."""

    boundary = models.ForeignKey(Boundary, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    need = models.TextField(_("what I need"), max_length=1000)
    why = models.TextField(_("why it matters to me"), blank=True, max_length=2000)
    helps = models.TextField(
        _("what helps when it's close to being crossed"), blank=True, max_length=2000
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["boundary", "number"], name="one_number_per_version")
        ]

    def __str__(self) -> str:
        return f"boundary {self.boundary_id} version {self.number}"

    def same_words(self, need: str, why: str, helps: str) -> bool:
        return (self.need, self.why, self.helps) == (need, why, helps)


class Review(models.Model):
    """One look back at a boundary and what the author decided. The note is theirs alone."""

    class Decision(models.TextChoices):
        KEEP = "keep", _("Kept it")
        CHANGE = "change", _("Changed it")
        RETIRE = "retire", _("Retired it")

    boundary = models.ForeignKey(Boundary, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(max_length=8, choices=Decision.choices)
    note = models.TextField(_("a note for yourself"), blank=True, max_length=2000)
    # The words in force after this review (the new ones, for a change).
    version = models.ForeignKey(
        BoundaryVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The review day this answered, if one was due; empty for a look taken early.
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"review {self.pk} of boundary {self.boundary_id}"


class Acknowledgement(models.Model):
    """A member's "I've read this and I'll respect it", for one version. A changed boundary is
    new words, so it asks again. Named `author` because the member is the author of this act
    (the privacy rule's thread-item check reads that field)."""

    version = models.ForeignKey(
        BoundaryVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="boundary_acknowledgements"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "author"], name="acknowledge_once")
        ]

    def __str__(self) -> str:
        return f"acknowledgement {self.pk}"
