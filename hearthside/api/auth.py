from __future__ import annotations

import zoneinfo
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from hearthside.api.models import PersonalToken


class PersonalTokenAuth(HttpBearer):
    """`Authorization: Bearer hs_…` — a personal access token made with
    `hearthside token create EMAIL` or on the settings page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        record = PersonalToken.objects.authenticate(token)
        if record is None:
            return None
        now = timezone.now()
        # Write at most once a minute: a busy script should not turn every read into a write.
        if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
            PersonalToken.objects.filter(pk=record.pk).update(last_used_at=now)
        request.user = record.person
        # The time-zone middleware ran before we knew who this is: "today" for commitments and
        # follow-ups must be the person's own day, as in the browser.
        try:
            timezone.activate(zoneinfo.ZoneInfo(record.person.time_zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return record.person


def caller(request: HttpRequest) -> Any:
    """The person a token request is from (set by PersonalTokenAuth)."""
    return request.auth  # type: ignore[attr-defined]
