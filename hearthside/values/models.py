"""Intentions, values and goals.

Who sees what (decided in `hearthside.circles.visibility`, never here):
- `Intention` and `RevisitNote` are entries (`practice.models.Entry`): private to their author
  unless shared with one circle, then seen by those who were members when it was written, for
  as long as both stay; withdrawing (or deleting) takes them back.
- `CircleValue`, `ValuesSettings` and `Revisit` belong to a circle as a whole, like rituals:
  every current member sees them (`visibility.circle_things`), including someone who joined
  later — they are what the circle holds now, not something one person confided. The notes
  inside a revisit still follow the entry rule, so a newcomer sees that a revisit happened and
  what changed, but not what was said before they arrived.
- `HonestyMoment` is one person's own mark on a share or check-in: nobody else ever sees it,
  not even the sharer of a share it points at. A badge the circle could see would turn a quiet
  "this is when it clicked for me" into something that feels graded, or owed.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearthside.circles.models import Circle
from hearthside.practice.fields import WordsField
from hearthside.practice.models import CheckIn, Entry, Share
from hearthside.values.words import AREAS, CADENCES, DEFAULT_CADENCE, PROMPTS

TEXT_MAX = 2000
ITEM_MAX = 300
NOTE_MAX = 1000
TAKEAWAY_MAX = 1000
MOMENT_NOTE_MAX = 500


class Intention(Entry):
    """What one person hopes opening up will bring: hopes from our list, and their own words."""

    hopes = WordsField(_("hopes"))
    text = models.TextField(_("in your own words"), blank=True, max_length=TEXT_MAX)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(Entry.Meta):
        indexes = [
            models.Index(fields=["author", "-created_at"]),
            models.Index(fields=["circle", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"intention {self.pk}"


class ValuesSettings(models.Model):
    """How often a circle looks at its values and goals again, and the day it's next due."""

    circle = models.OneToOneField(Circle, on_delete=models.CASCADE, related_name="values_settings")
    every_months = models.PositiveSmallIntegerField(
        _("how often"), choices=CADENCES, default=DEFAULT_CADENCE
    )
    # The day the next revisit is due; rolls forward when one is finished. None: no schedule.
    next_due_on = models.DateField(_("next revisit"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "values settings"
        indexes = [models.Index(fields=["next_due_on"])]

    def __str__(self) -> str:
        return f"values settings of circle {self.circle_id}"


class Revisit(models.Model):
    """A short guided conversation about the circle's values and goals. At most one is open in
    a circle at a time; finishing it rolls the next due day forward."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="values_revisits")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the circle takes away, in a line or two, written by whoever finishes it.
    takeaway = models.TextField(_("what we take from this"), blank=True, max_length=TAKEAWAY_MAX)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["circle"],
                condition=Q(finished_at__isnull=True),
                name="one_open_revisit_per_circle",
            )
        ]
        indexes = [models.Index(fields=["circle", "-started_at"])]

    def __str__(self) -> str:
        return f"revisit {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.finished_at is None


class CircleValue(models.Model):
    """A value or a long-term goal the circle holds. Any member may add, change or retire one.
    Nothing is deleted: retiring keeps it in the history, and changing the words retires the
    old wording and adds the new one pointing back at it."""

    class Kind(models.TextChoices):
        VALUE = "value", _("A value")
        GOAL = "goal", _("A goal")

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="values_items")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.VALUE)
    area = models.CharField(_("area"), max_length=16, choices=AREAS, blank=True)
    text = models.CharField(_("words"), max_length=ITEM_MAX)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    # Changes made while a revisit was open are what that revisit changed.
    added_in = models.ForeignKey(
        Revisit, on_delete=models.SET_NULL, null=True, blank=True, related_name="added"
    )
    retired_in = models.ForeignKey(
        Revisit, on_delete=models.SET_NULL, null=True, blank=True, related_name="retired"
    )

    class Meta:
        ordering = ["kind", "created_at", "id"]
        indexes = [models.Index(fields=["circle", "retired_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="goal") | Q(area=""), name="only_goals_have_an_area"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def is_current(self) -> bool:
        return self.retired_at is None


class RevisitNote(Entry):
    """What one member says at one prompt of a revisit: one note per person per prompt, shared
    with the revisit's circle, or (circle empty) kept just for its author."""

    revisit = models.ForeignKey(Revisit, on_delete=models.CASCADE, related_name="notes")
    prompt = models.PositiveSmallIntegerField(choices=[(i, p.title) for i, p in enumerate(PROMPTS)])
    text = models.TextField(_("your note"), max_length=NOTE_MAX)

    class Meta:
        ordering = ["prompt", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["revisit", "author", "prompt"], name="one_note_per_person_per_prompt"
            )
        ]

    def __str__(self) -> str:
        return f"revisit note {self.pk}"


class HonestyMoment(models.Model):
    """A person's own mark: "this is when being honest led to understanding", on one of their
    shares or check-ins, or on a share someone shared with them. Private to that person."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="honesty_moments"
    )
    share = models.ForeignKey(
        Share, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    checkin = models.ForeignKey(
        CheckIn, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("a few words for yourself"), blank=True, max_length=MOMENT_NOTE_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share__isnull=False, checkin__isnull=True)
                | Q(share__isnull=True, checkin__isnull=False),
                name="honesty_moment_points_at_one_thing",
            ),
            models.UniqueConstraint(
                fields=["person", "share"],
                condition=Q(share__isnull=False),
                name="one_honesty_moment_per_share",
            ),
            models.UniqueConstraint(
                fields=["person", "checkin"],
                condition=Q(checkin__isnull=False),
                name="one_honesty_moment_per_checkin",
            ),
        ]

    def __str__(self) -> str:
        return f"honesty moment {self.pk}"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1
    month is 28 or 29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
