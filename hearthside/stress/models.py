"""Weathering stress together: a circle's stress plan and the "I'm stretched thin" signal.

Two kinds of things live here, and `hearthside.circles.visibility` decides who sees each:

- What a person says about themselves — what's heavy for them right now, their decompression
  routine, a stretched-thin signal — is an entry (`practice.models.Entry`): one author, shared
  with one circle, seen by its members under the entry rule (`visible_entries`). Offers made
  in answer to a signal live in the signal's thread (`visible_thread_items`).
- What the circle keeps together — who carries what this week, the outside support to call
  on — belongs to the circle as a whole, like a ritual (`circle_things`): every current
  member sees and may change it.

The author and circle links are declared again on each entry with names of our own, so they
can never clash with another practice's model of the same name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearthside.circles.models import Circle
from hearthside.practice.fields import WordsField
from hearthside.practice.models import Entry
from hearthside.stress import weeks, words

TEXT_MAX = 500
NOTE_MAX = 1000
ROUTINE_MAX = 1000


class HeavyThing(Entry):
    """Something weighing on one member right now. Lighter once `resolved_at` is set; taken
    off the plan by its author with `withdrawn_at` (the entry's withdrawal)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stress_heavy_things"
    )
    # Always a circle: these are said to the people in a plan (null would mean private).
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="stress_heavy_things")
    text = models.CharField(_("what's heavy"), max_length=TEXT_MAX)
    size = models.CharField(
        _("how heavy"), max_length=8, choices=list(words.SIZES), blank=True, default=""
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta(Entry.Meta):
        indexes = [models.Index(fields=["circle", "-created_at"])]

    def __str__(self) -> str:
        return f"heavy thing {self.pk}"

    @property
    def size_label(self) -> str:
        return words.label(words.SIZES, self.size)


class Routine(Entry):
    """How one person comes down after a hard day, said to one circle: one per person per
    circle, rewritten whenever it changes."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stress_routines"
    )
    # Always a circle: these are said to the people in a plan (null would mean private).
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="stress_routines")
    text = models.TextField(_("how I decompress"), max_length=ROUTINE_MAX)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(Entry.Meta):
        constraints = [
            models.UniqueConstraint(fields=["author", "circle"], name="stress_one_routine_each")
        ]

    def __str__(self) -> str:
        return f"routine {self.pk}"


class Task(models.Model):
    """One thing to carry in one ISO week, and who is carrying it (any current member, or
    nobody yet). Belongs to the circle as a whole."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="stress_tasks")
    week = models.DateField(help_text="The Monday of the ISO week.")
    text = models.CharField(_("what needs doing"), max_length=200)
    carrier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Copied forward from last week's list: the row it came from (so copying twice is once).
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["circle", "week"])]

    def __str__(self) -> str:
        return f"task {self.pk}"

    @property
    def week_name(self) -> str:
        return weeks.name(self.week)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class Support(models.Model):
    """Someone outside the circle to call on: who, what kind of help, how to reach them."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="stress_support")
    name = models.CharField(_("who"), max_length=100)
    kind = models.CharField(
        _("what kind of support"), max_length=16, choices=list(words.SUPPORT_KINDS)
    )
    reach = models.CharField(_("how to reach them"), max_length=200, blank=True)
    note = models.TextField(_("a note"), max_length=NOTE_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["circle", "name"])]

    def __str__(self) -> str:
        return f"support {self.pk}"

    @property
    def kind_label(self) -> str:
        return words.label(words.SUPPORT_KINDS, self.kind)


class Signal(Entry):
    """ "I'm stretched thin": sent to one circle with what would help (our words, `helps`) and
    perhaps a few of the author's own. Open until the author closes it."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stress_signals"
    )
    # Always a circle: these are said to the people in a plan (null would mean private).
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="stress_signals")
    helps = WordsField(_("what would help"))
    text = models.TextField(_("anything else"), max_length=NOTE_MAX, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta(Entry.Meta):
        indexes = [models.Index(fields=["circle", "-created_at"])]

    def __str__(self) -> str:
        return f"signal {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.withdrawn_at is None

    @property
    def help_labels(self) -> list[str]:
        return words.help_labels(self.helps)


class Offer(models.Model):
    """An answer to a signal: a quick choice, a few words, or both. The signaller may accept
    it with thanks."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="offers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stress_offers"
    )
    choice = models.CharField(
        _("a quick offer"), max_length=16, choices=list(words.QUICK_OFFERS), blank=True
    )
    text = models.CharField(_("in your own words"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["signal", "created_at"])]

    def __str__(self) -> str:
        return f"offer {self.pk}"

    @property
    def choice_label(self) -> str:
        return words.label(words.QUICK_OFFERS, self.choice)
