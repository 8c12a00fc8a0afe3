"""Circles: the relationship spaces people share entries with."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INVITE_LIFETIME = timedelta(days=7)


class Circle(models.Model):
    class Kind(models.TextChoices):
        PARTNERS = "partners", _("Partners")
        FRIENDS = "friends", _("Friends")
        FAMILY = "family", _("Family")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PARTNERS)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(left_at__isnull=True)


class Membership(models.Model):
    """A person's place in a circle. Leaving keeps the row (with `left_at`) so that re-joining
    later is a fresh start: only entries shared while both people are members are visible."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["circle", "person"], name="one_membership_per_person")
        ]
        indexes = [models.Index(fields=["person", "left_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.circle_id}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class InviteQuerySet(models.QuerySet["Invite"]):
    def matching(self, token: str) -> InviteQuerySet:
        # Look up by hash: the database never holds a usable link.
        return self.select_related("circle", "created_by").filter(token_hash=_hash_token(token))


class Invite(models.Model):
    """A single-use link that lets one person join a circle within seven days."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="invites")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InviteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invite {self.pk} to circle {self.circle_id}"

    @classmethod
    def issue(cls, circle: Circle, created_by: Any) -> tuple[Invite, str]:
        """Create an invite and return it with its secret token (shown once, stored hashed)."""
        token = secrets.token_urlsafe(24)
        now = timezone.now()
        invite = cls.objects.create(
            circle=circle,
            created_by=created_by,
            token_hash=_hash_token(token),
            created_at=now,
            expires_at=now + INVITE_LIFETIME,
        )
        return invite, token

    @property
    def state(self) -> str:
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if timezone.now() >= self.expires_at:
            return "expired"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.state == "open"
