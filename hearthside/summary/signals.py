"""Deleting an account takes the person's words with them, from stored summaries too.

Consent rows go with a deleted account (CASCADE), which already makes every request they took
part in lapse (`actions.state`), so it is no longer shown. This erases the stored summary as
well, so nothing they wrote is kept at rest. (Leaving a circle keeps entries in the database
and hides them, and a lapsed summary is hidden the same way.)
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from hearthside.summary.models import Consent, SummaryRequest


@receiver(post_delete, sender=Consent, dispatch_uid="summary_erase_when_a_participant_goes")
def erase_when_a_participant_goes(sender: type[Consent], instance: Consent, **kwargs: Any) -> None:
    SummaryRequest.objects.filter(pk=instance.request_id).update(data={}, markdown="")
