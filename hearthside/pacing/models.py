"""Pacing disclosures: how deep each person is comfortable going without being asked first,
and knocks — "is now a good time?" — holding a share until the listeners are ready.

A knock has the entry shape (`author`, `circle`, `created_at`, `withdrawn_at`), so the privacy
rule in `hearthside.circles.visibility` decides who sees it, as it does for shares: the author,
and the members who were in the circle when the author knocked. What those members see is only
*that* someone knocks (and a hint, if the author chose to give one); the held words are the
author's alone until they go out as an ordinary `Share`.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearthside import vocab
from hearthside.circles.models import Circle
from hearthside.practice.fields import WordsField
from hearthside.practice.models import CheckIn, Share

# Share depths from the least to the most asked of a listener.
DEPTHS: tuple[str, ...] = tuple(slug for slug, _label, _help in vocab.SHARE_DEPTHS)
# With no comfort set, nobody is asked first: the check is something a person opts into.
DEFAULT_COMFORT = "deep"


def depth_rank(depth: str) -> int:
    """light 0, medium 1, deep 2; anything unknown counts as deep, the most careful reading."""
    return DEPTHS.index(depth) if depth in DEPTHS else len(DEPTHS) - 1


def _depth_choices() -> list[tuple[str, str]]:
    return [(slug, _(label)) for slug, label, _help in vocab.SHARE_DEPTHS]  # type: ignore[misc]


class Comfort(models.Model):
    """The deepest a share to `circle` may go before `person` would like to be asked for a good
    moment first. No row means "deep": share whenever you like."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pacing_comforts"
    )
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="pacing_comforts")
    depth = models.CharField(
        _("comfortable depth"), max_length=8, choices=_depth_choices(), default=DEFAULT_COMFORT
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "circle"], name="one_comfort_per_circle")
        ]
        indexes = [models.Index(fields=["circle", "depth"])]

    def __str__(self) -> str:
        return f"comfort {self.person_id} in {self.circle_id}"


class Knock(models.Model):
    """ "Is now a good time?": a share held back until every listener has said when."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for an answer")
        PROPOSED = "proposed", _("Time proposed")
        PUBLISHED = "published", _("Shared")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.WAITING, Status.PROPOSED)

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pacing_knocks"
    )
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="pacing_knocks")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    # What the listeners may know before it goes out: nothing, or a few words the author chose.
    hint = models.CharField(_("a hint of what it's about"), max_length=80, blank=True)

    # The held share, exactly as the share form takes it. The author's alone until published.
    text = models.TextField(_("what you'd like to share"), max_length=10000)
    feelings = WordsField(_("feelings"))
    depth = models.CharField(_("depth"), max_length=8, choices=_depth_choices(), default="deep")
    wants = models.CharField(
        _("what would help"),
        max_length=16,
        choices=[(slug, _(label)) for slug, label, _help in vocab.SHARE_WANTS],  # type: ignore[misc]
        default="just-listen",
    )
    checkin = models.ForeignKey(
        CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="pacing_knocks"
    )

    # The agreed moment: the latest time any listener proposed, once every listener answered.
    goes_out_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The author chose "share it now" rather than waiting for the agreed moment.
    shared_early = models.BooleanField(default=False)
    share = models.OneToOneField(
        Share, on_delete=models.SET_NULL, null=True, blank=True, related_name="pacing_knock"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "goes_out_at"]),
            models.Index(fields=["circle", "-created_at"]),
            models.Index(fields=["author", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"knock {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def went_out_at(self) -> datetime | None:
        """When the share is dated: the agreed moment, even if it was let out a little later."""
        return self.share.created_at if self.share is not None else self.published_at


class Answer(models.Model):
    """A listener's "when": now is good, or a moment that suits them. One per listener; they
    may change it while the knock is open."""

    knock = models.ForeignKey(Knock, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pacing_answers"
    )
    at = models.DateTimeField(_("a good moment"))
    now_is_good = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["updated_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["knock", "author"], name="one_answer_per_listener")
        ]

    def __str__(self) -> str:
        return f"answer {self.pk} to knock {self.knock_id}"
