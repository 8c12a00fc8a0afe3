"""Template context: how many notifications are waiting, for the "Inbox" link."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from hearthside.notify.models import Notification


def unread(request: HttpRequest) -> dict[str, int]:
    """`unread_count`: my unread notifications that are due (one COUNT; 0 when signed out)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_count": 0}
    count = Notification.objects.filter(
        recipient=user, read_at__isnull=True, due_at__lte=timezone.now()
    ).count()
    return {"unread_count": count}
