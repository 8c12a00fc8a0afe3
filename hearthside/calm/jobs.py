"""Self-regulation toolkit: what the worker does on each round (see hearthside.notify.schedule).

`due(since, now)` lists notifications that have become due (each gated by the privacy rule
through `GATES`); `act(now)` does timed work that is not a notification. Both must be
idempotent: the worker runs them every few seconds, and two workers may run at once.

The toolkit sends nothing, on purpose: a session is strictly private, and even a reminder to
breathe would tell whoever sees a lock screen that someone was struggling. So there are no
gates, nothing falls due, and there is no timed work.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from hearthside.notify.schedule import Due

# gate kind -> (person, pks) -> the queryset of those things the person may see
GATES: dict[str, Callable[[Any, list[int]], QuerySet[Any]]] = {}


def due(since: datetime, now: datetime) -> list[Due]:
    return []


def act(now: datetime) -> int:
    return 0
