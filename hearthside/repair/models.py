"""Repair after a rupture: circle agreements, pauses, ruptures, private reflections, the guided
conversation, the plan, commitments with follow-up, and closure.

Pauses and ruptures are entries shared with their circle, so `hearthside.circles.visibility`
decides who sees them like everything else; the things inside a rupture (reflections, turns,
commitments, closure marks) are thread items of it.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearthside.circles.models import Circle
from hearthside.practice.fields import WordsField
from hearthside.practice.models import Entry
from hearthside.repair import steps

# Physiological flooding takes about twenty minutes to settle; a day is long enough to wait.
DEFAULT_COOL_OFF_MIN = 20
DEFAULT_COOL_OFF_MAX = 24 * 60


class Agreement(models.Model):
    """How a circle has agreed to pause and repair. Plans may update it."""

    class Style(models.TextChoices):
        TOGETHER = steps.TOGETHER, _("Together, at the same time")
        TURNS = steps.TURNS, _("In turns, one after another")

    circle = models.OneToOneField(Circle, on_delete=models.CASCADE, related_name="agreement")
    cool_off_min = models.PositiveIntegerField(
        _("shortest cool-off (minutes)"),
        default=DEFAULT_COOL_OFF_MIN,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    cool_off_max = models.PositiveIntegerField(
        _("longest cool-off (minutes)"),
        default=DEFAULT_COOL_OFF_MAX,
        validators=[MinValueValidator(10), MaxValueValidator(7 * 24 * 60)],
    )
    phrases = models.TextField(
        _("our pause phrases"),
        default="I need a breather. I'm coming back.",
        help_text=_("One per line. Words you've agreed mean “pause, not leave”."),
        max_length=2000,
    )
    style = models.CharField(
        _("how we repair"), max_length=10, choices=Style.choices, default=Style.TOGETHER
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"agreement for circle {self.circle_id}"

    @property
    def phrase_list(self) -> list[str]:
        return [line.strip() for line in self.phrases.splitlines() if line.strip()]

    @classmethod
    def for_circle(cls, circle: Circle) -> Agreement:
        """The circle's agreement, or the defaults (unsaved) if it never changed them: reading
        a page or the home screen must not write. Saving it stores it."""
        return cls.objects.filter(circle=circle).first() or cls(circle=circle)


class Pause(Entry):
    """A time-out called by `author` in `circle`. The cool-off runs from created_at."""

    phrase = models.CharField(max_length=300)
    min_until = models.DateTimeField()
    max_until = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta(Entry.Meta):
        indexes = [models.Index(fields=["circle", "-created_at"])]

    def __str__(self) -> str:
        return f"pause {self.pk}"

    @property
    def minimum_passed(self) -> bool:
        return timezone.now() >= self.min_until

    @property
    def maximum_passed(self) -> bool:
        return timezone.now() >= self.max_until

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class PauseReturn(models.Model):
    """A member saying "I'm ready to come back"."""

    pause = models.ForeignKey(Pause, on_delete=models.CASCADE, related_name="returns")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pause", "author"], name="one_return_per_person")
        ]

    def __str__(self) -> str:
        return f"return {self.pk}"


class Rupture(Entry):
    class Status(models.TextChoices):
        OPEN = "open", _("Repairing")
        CLOSED = "closed", _("Repaired")

    title = models.CharField(_("a short, neutral name for what happened"), max_length=120)
    happened_at = models.DateTimeField(_("when it happened"), default=timezone.now)
    pause = models.ForeignKey(
        Pause, on_delete=models.SET_NULL, null=True, blank=True, related_name="ruptures"
    )
    linked_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recurrences",
        help_text="An earlier rupture this one repeats (a recurring pattern).",
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    # What the plan step agreed, kept on the rupture so the summary reads in one place.
    takeaways = models.TextField(_("what we take from this"), blank=True, max_length=5000)

    class Meta(Entry.Meta):
        indexes = [models.Index(fields=["circle", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"rupture {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def time_to_repair(self) -> timedelta | None:
        return self.closed_at - self.created_at if self.closed_at else None


class Reflection(models.Model):
    """A person's private reflection on a rupture. Each part stays private until its author
    chooses to share that part with the others."""

    rupture = models.ForeignKey(Rupture, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    feelings = WordsField(_("what I felt"))
    reality = models.TextField(_("my reality: what I saw and needed"), blank=True, max_length=5000)
    triggers = models.TextField(_("what this touched from before"), blank=True, max_length=5000)
    my_part = models.TextField(
        _("my part: what set me up, what I regret"), blank=True, max_length=5000
    )
    unmet_needs = WordsField(_("the need that went unmet"))
    unmet_note = models.TextField(_("about that need"), blank=True, max_length=2000)
    shared_parts = WordsField(_("parts I've shared"))
    updated_at = models.DateTimeField(default=timezone.now)

    PARTS = ("feelings", "reality", "triggers", "my_part", "unmet_needs")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rupture", "author"], name="one_reflection_each")
        ]

    def __str__(self) -> str:
        return f"reflection {self.pk}"

    def is_shared(self, part: str) -> bool:
        return part in self.shared_parts


class Turn(models.Model):
    """One person's turn in one step of the repair conversation."""

    rupture = models.ForeignKey(Rupture, on_delete=models.CASCADE, related_name="turns")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=16, choices=[(s, s) for s in steps.STEPS])
    # feelings step: feeling words; other steps: what the person says.
    feelings = WordsField()
    text = models.TextField(blank=True, max_length=5000)
    # realities: the listener's reflection and validation of someone else's reality first.
    reflect = models.TextField(blank=True, max_length=3000)
    validation = models.TextField(blank=True, max_length=3000)
    # responsibility: the apology builder's parts (text holds the composed apology).
    what_i_did = models.TextField(blank=True, max_length=3000)
    impact = models.TextField(blank=True, max_length=3000)
    next_time = models.TextField(blank=True, max_length=3000)
    # acceptance: accepted, or what is still needed.
    accepted = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rupture", "step", "author"], name="one_turn_per_step")
        ]

    def __str__(self) -> str:
        return f"turn {self.pk}"


class Commitment(models.Model):
    rupture = models.ForeignKey(Rupture, on_delete=models.CASCADE, related_name="commitments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("what I commit to"), max_length=500)
    follow_up_on = models.DateField(_("check back on"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["follow_up_on", "id"]
        indexes = [models.Index(fields=["follow_up_on"])]

    def __str__(self) -> str:
        return f"commitment {self.pk}"


class FollowUp(models.Model):
    """A member's answer to "did this happen?" for a commitment."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes, it happened")
        PARTLY = "partly", _("Partly")
        NO = "no", _("Not yet")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="follow_ups")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=8, choices=Answer.choices)
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commitment", "author"], name="one_follow_up_each")
        ]

    def __str__(self) -> str:
        return f"follow-up {self.pk}"


class Closure(models.Model):
    """A member's word on whether trust is re-established."""

    rupture = models.ForeignKey(Rupture, on_delete=models.CASCADE, related_name="closures")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    trust_reestablished = models.BooleanField()
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rupture", "author"], name="one_closure_each")
        ]

    def __str__(self) -> str:
        return f"closure {self.pk}"


class Draft(models.Model):
    """What a person has typed into a repair form but not sent yet, saved as they go so that
    nothing is lost to a closed tab or a dropped connection. Only its author ever reads it."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["author", "key"], name="one_draft_per_key")]

    def __str__(self) -> str:
        return f"draft {self.pk}"
