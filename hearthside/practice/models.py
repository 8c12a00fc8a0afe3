"""The first practice loop: check-in → share → listening reply → "I felt heard" → thank-you.

Every entry has one author and a visibility: private (no circle) or shared with exactly one
circle. Who may see what is decided in `hearthside.circles.visibility`, never here or in views.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearthside import vocab
from hearthside.circles.models import Circle
from hearthside.practice.fields import WordsField


class Entry(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="%(class)s_entries"
    )
    circle = models.ForeignKey(
        Circle,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)s_entries",
        help_text="Empty means private to the author.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def is_private(self) -> bool:
        return self.circle_id is None


class CheckIn(Entry):
    """One point on a person's emotional weather map. Always private to its author; sharing a
    check-in creates a Share that points back to it."""

    mood = models.PositiveSmallIntegerField(
        _("mood"), null=True, blank=True, choices=[(v, label) for v, label in vocab.MOOD_SCALE]
    )
    energy = models.PositiveSmallIntegerField(
        _("energy"), null=True, blank=True, choices=[(v, label) for v, label in vocab.ENERGY_SCALE]
    )
    feelings = WordsField(_("feelings"))
    body_signals = WordsField(_("body signals"))
    needs = WordsField(_("needs"))
    situation = models.TextField(_("what's happening"), blank=True, max_length=2000)
    note = models.TextField(_("note"), blank=True, max_length=10000)

    class Meta(Entry.Meta):
        indexes = [models.Index(fields=["author", "-created_at"])]

    def __str__(self) -> str:
        return f"check-in {self.pk}"


def _choices(options: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str]]:
    # One source of words: the vocabulary package; labels are translated when shown.
    return [(slug, _(label)) for slug, label, _help in options]  # type: ignore[misc]


class Share(Entry):
    text = models.TextField(_("what you'd like to share"), max_length=10000)
    feelings = WordsField(_("feelings"))
    depth = models.CharField(
        _("depth"), max_length=8, choices=_choices(vocab.SHARE_DEPTHS), default="light"
    )
    wants = models.CharField(
        _("what would help"),
        max_length=16,
        choices=_choices(vocab.SHARE_WANTS),
        default="just-listen",
    )
    checkin = models.ForeignKey(
        CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="shares"
    )

    class Meta(Entry.Meta):
        indexes = [
            models.Index(fields=["circle", "-created_at"]),
            models.Index(fields=["author", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"share {self.pk}"


class Reply(models.Model):
    """A listening reply: reflect back, validate, ask — all optional, at least one given."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="replies"
    )
    reflect = models.TextField(_("what I hear"), blank=True, max_length=5000)
    validation = models.TextField(_("it makes sense that"), blank=True, max_length=5000)
    question = models.TextField(_("a question, to understand better"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    # An understanding moment: the sharer said this reply made them feel heard.
    felt_heard_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["share", "created_at"])]

    def __str__(self) -> str:
        return f"reply {self.pk}"

    @property
    def parts(self) -> list[tuple[str, str]]:
        return [
            (str(label), value)
            for label, value in (
                (_("What I hear"), self.reflect),
                (_("It makes sense that"), self.validation),
                (_("I wonder"), self.question),
            )
            if value
        ]


class Appreciation(Entry):
    """A short note of thanks to one member, shared with the circle they are both in.

    Who sees it is the entry rule (`visibility.visible_entries`): its author, and the members
    of its circle — the recipient among them — for as long as the author stays. That is how
    the thank-you after "I felt heard" has always worked, and the Today page, the circle page
    and /thanks/ all ask the same rule. `acts` are the small acts of support noticed (slugs
    from `hearthside.practice.acts`); a thank-you holds at least those or a few words."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appreciations_received"
    )
    text = models.TextField(_("your thank-you"), blank=True, max_length=2000)
    acts = WordsField(_("what they did"))
    reply = models.ForeignKey(
        Reply, on_delete=models.SET_NULL, null=True, blank=True, related_name="appreciations"
    )
    # Offered once a repair closes; the rupture is always in the same circle. A string
    # reference, because repair's models build on this module.
    rupture = models.ForeignKey(
        "repair.Rupture",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appreciations",
    )

    class Meta(Entry.Meta):
        indexes = [
            models.Index(fields=["circle", "-created_at"]),
            models.Index(fields=["recipient", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"appreciation {self.pk}"

    @property
    def act_labels(self) -> list[str]:
        # Imported here: the acts module reads these models.
        from hearthside.practice.acts import act_label

        return [act_label(slug) for slug in self.acts]


class Favourite(models.Model):
    """A thank-you its recipient keeps to re-read on a hard day.

    Known only to that person: no page, API route, count or notification ever tells the author
    (no read receipts). Nothing reads favourites except through `person`, and there is
    deliberately no reverse accessor on Appreciation, so author-facing code can't reach them by
    accident. If the thank-you stops being visible (its author left the circle), the
    favourite stays but shows nothing, like the thank-you itself."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    appreciation = models.ForeignKey(Appreciation, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "appreciation"], name="one_favourite_each")
        ]

    def __str__(self) -> str:
        return f"favourite {self.pk}"
