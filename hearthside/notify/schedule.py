"""Placeholder: finds what is due and queues it (see the worker)."""

from __future__ import annotations

from datetime import datetime


def schedule_due(now: datetime) -> int:
    return 0
