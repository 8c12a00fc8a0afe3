"""Owning your data: what an import remembers.

- `ImportedItem` maps an item of an imported file (by its fingerprint, see
  `hearthside.data.fingerprint`) to the row it became, so importing the same file twice adds
  nothing the second time, even if the first copy was edited in between.
- `PendingImport` holds an uploaded file between its preview and the person's "Bring it in":
  browsers cannot keep a chosen file across two pages. It is the person's own words, so it lives
  at most an hour (`PENDING_LIFETIME`), goes the moment it is used or cancelled, and goes with
  the account.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

PENDING_LIFETIME = timedelta(hours=1)


class ImportedItem(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imported_items"
    )
    kind = models.CharField(max_length=32)
    fingerprint = models.CharField(max_length=64)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "fingerprint"], name="data_import_once"
            )
        ]

    def __str__(self) -> str:
        return f"imported {self.kind} {self.object_id}"


class PendingImport(models.Model):
    class Source(models.TextChoices):
        HEARTHSIDE = "hearthside", "Hearthside"
        JRNL = "jrnl", "jrnl"
        DAYLIO = "daylio", "Daylio"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    filename = models.CharField(max_length=200, blank=True)
    content = models.BinaryField()
    apply_settings = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"pending import {self.pk}"

    @property
    def expired(self) -> bool:
        return timezone.now() - self.created_at > PENDING_LIFETIME

    @classmethod
    def forget_stale(cls) -> int:
        """Drop uploads nobody confirmed within the hour (called whenever someone imports, so
        no worker is needed for it)."""
        deleted, _by_model = cls.objects.filter(
            created_at__lt=timezone.now() - PENDING_LIFETIME
        ).delete()
        return deleted
