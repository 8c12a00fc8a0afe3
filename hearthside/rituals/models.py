"""Rituals: small recurring practices a circle keeps, and what happened at each occurrence.

A ritual belongs to a circle; every current member sees it (`visibility.circle_things`).
Occurrences are stored only once something happens to them (done, skipped, moved, a note,
or a reminder scheduled) — the schedule itself is the source of future dates.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearthside.circles.models import Circle
from hearthside.rituals.recurrence import Schedule


class Ritual(models.Model):
    class Freq(models.TextChoices):
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Every week, on chosen days")
        MONTHLY = "monthly", _("Every month, on a weekday")

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="rituals")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    template = models.CharField(max_length=32, default="custom")
    title = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("what it's for"), blank=True, max_length=2000)
    # The schedule, as people think of it; `schedule()` turns it into an RFC 5545 rule.
    freq = models.CharField(_("how often"), max_length=8, choices=Freq.choices, default="weekly")
    interval = models.PositiveSmallIntegerField(_("every"), default=1)
    weekdays = models.CharField(max_length=20, blank=True, help_text="0=Monday … 6=Sunday")
    monthly_day = models.PositiveSmallIntegerField(null=True, blank=True)  # 0=Monday … 6=Sunday
    monthly_nth = models.SmallIntegerField(null=True, blank=True)  # 1..4, or -1 for last
    at = models.TimeField(_("at"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    starts_on = models.DateField(_("starting"))
    until = models.DateField(_("until"), null=True, blank=True)
    duration = models.PositiveSmallIntegerField(_("minutes"), default=20)
    agenda = models.JSONField(_("agenda"), default=list, blank=True)  # list of prompt strings
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["circle", "archived_at"])]

    def __str__(self) -> str:
        return self.title

    def weekday_list(self) -> tuple[int, ...]:
        return tuple(int(d) for d in self.weekdays.split(",") if d.strip().isdigit())

    def schedule(self) -> Schedule:
        nth = (
            (self.monthly_day, self.monthly_nth)
            if self.monthly_day is not None and self.monthly_nth is not None
            else None
        )
        return Schedule(
            freq=self.freq,
            at=self.at,
            tz=self.time_zone,
            starts_on=self.starts_on,
            interval=self.interval,
            weekdays=self.weekday_list(),
            monthly_nth=nth,
            until=self.until,
        )


class Occurrence(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Coming up")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")
        MOVED = "moved", _("Moved")

    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="occurrences")
    # The instance of the rule this row is about (aware, UTC): its identity in calendars too.
    scheduled_for = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PLANNED)
    moved_to = models.DateTimeField(null=True, blank=True)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scheduled_for"]
        constraints = [
            models.UniqueConstraint(fields=["ritual", "scheduled_for"], name="one_row_per_instance")
        ]

    def __str__(self) -> str:
        return f"occurrence {self.pk}"

    @property
    def starts_at(self) -> datetime:
        return self.moved_to or self.scheduled_for


class OccurrenceNote(models.Model):
    """A note on one agenda prompt of an occurrence: private to its author unless shared."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    prompt = models.PositiveSmallIntegerField()
    text = models.TextField(max_length=5000)
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["prompt", "created_at"]

    def __str__(self) -> str:
        return f"note {self.pk}"


class ReminderSetting(models.Model):
    """How far ahead a person wants to be reminded of one ritual (their own business)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="reminder_settings")
    lead_minutes = models.JSONField(default=list)  # e.g. [60, 10]; empty = no reminders
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "ritual"], name="one_setting_per_ritual")
        ]

    def __str__(self) -> str:
        return f"reminder setting {self.pk}"


DEFAULT_LEAD_MINUTES = [60]


def local_date(moment: datetime, tz: str) -> date:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(tz)).date()


def local_time(moment: datetime, tz: str) -> time:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(tz)).time()


class CalendarFeed(models.Model):
    """A person's secret calendar URL. Only a hash of the token is stored; revoking makes a
    new one and the old URL stops working at once."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar feed {self.pk}"
