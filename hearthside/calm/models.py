"""Self-regulation toolkit: the one thing it keeps.

A `CalmSession` is one go at a tool, with how strong things felt before and after (0-10), both
optional. It is strictly the author's own: no circle, never shared, never in a notification.
The field is called `author` (the person who used the tool) so that the privacy rule's
`own_entries` / `get_own_or_404` apply to it unchanged.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearthside.calm import tools
from hearthside.repair.models import Pause

_DISTRESS = [MinValueValidator(tools.DISTRESS_MIN), MaxValueValidator(tools.DISTRESS_MAX)]


def _on_scale(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": tools.DISTRESS_MIN, f"{field}__lte": tools.DISTRESS_MAX}
    )


class CalmSession(models.Model):
    class Tool(models.TextChoices):
        BREATHE = tools.BREATHE, _("Breathe")
        GROUND = tools.GROUND, _("Ground yourself")
        KINDNESS = tools.KINDNESS, _("Be kind to yourself")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calm_sessions",
        verbose_name=_("person"),
    )
    tool = models.CharField(_("tool"), max_length=16, choices=Tool.choices)
    # Breathing only: which rhythm (a key of tools.PATTERNS).
    pattern = models.CharField(
        _("pattern"),
        max_length=16,
        blank=True,
        choices=[(p.key, p.name) for p in tools.PATTERNS.values()],
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    distress_before = models.PositiveSmallIntegerField(
        _("how strong before"), null=True, blank=True, validators=_DISTRESS
    )
    distress_after = models.PositiveSmallIntegerField(
        _("how strong after"), null=True, blank=True, validators=_DISTRESS
    )
    # The pause in a repair this was used during, to lead back to it. "+": a pause never lists
    # the sessions, so nobody in the circle can ever reach them through it.
    pause = models.ForeignKey(
        Pause, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["author", "-started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=_on_scale("distress_before"),
                name="calm_distress_before_0_to_10",
            ),
            models.CheckConstraint(
                condition=_on_scale("distress_after"),
                name="calm_distress_after_0_to_10",
            ),
            models.CheckConstraint(
                condition=Q(tool=tools.BREATHE, pattern__in=list(tools.PATTERNS))
                | (~Q(tool=tools.BREATHE) & Q(pattern="")),
                name="calm_pattern_only_for_breathing",
            ),
        ]

    def __str__(self) -> str:
        return f"calm session {self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def pattern_info(self) -> tools.Pattern | None:
        return tools.PATTERNS.get(self.pattern)

    @property
    def drop(self) -> int | None:
        """How much lighter it felt afterwards (negative: heavier), when both were rated."""
        if self.distress_before is None or self.distress_after is None:
            return None
        return self.distress_before - self.distress_after
