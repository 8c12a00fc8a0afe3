"""Personal access tokens for the JSON API."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_PREFIX = "hs_"  # noqa: S105 (a public marker, not a secret)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenQuerySet(models.QuerySet["PersonalToken"]):
    def authenticate(self, token: str) -> PersonalToken | None:
        """The live token matching `token`, if any. Looked up by a short public prefix, then
        compared in constant time, so timing reveals nothing about stored hashes."""
        if not token.startswith(TOKEN_PREFIX) or len(token) < 20:
            return None
        digest = _digest(token)
        lookup = token[: len(TOKEN_PREFIX) + 8]
        for candidate in self.select_related("person").filter(
            prefix=lookup, revoked_at__isnull=True, person__is_active=True
        ):
            if hmac.compare_digest(candidate.token_hash, digest):
                return candidate
        return None


class PersonalToken(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80, blank=True)
    prefix = models.CharField(max_length=16, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = TokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @classmethod
    def issue(cls, person: object, name: str = "") -> tuple[PersonalToken, str]:
        """Create a token; the secret is returned once and only its hash is stored."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        record = cls.objects.create(
            person=person,
            name=name,
            prefix=token[: len(TOKEN_PREFIX) + 8],
            token_hash=_digest(token),
        )
        return record, token
