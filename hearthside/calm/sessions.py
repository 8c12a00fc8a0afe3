"""Starting and finishing a session, shared by the pages and the API.

Who may see what is asked of `hearthside.circles.visibility`: a session is its author's own
(`own_entries`), and a pause can be linked only by someone who may see that pause.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from hearthside.calm import summary, tools
from hearthside.calm.models import CalmSession
from hearthside.circles import visibility
from hearthside.repair.models import Pause


class AlreadyFinished(Exception):
    """The session was finished before; its after-rating stays as it was given."""


def mine(person: Any) -> Any:
    """The person's own sessions, newest first (nobody else's, ever)."""
    return visibility.own_entries(CalmSession.objects.all(), person)


def visible_pause_or_404(person: Any, pk: int) -> Pause:
    """A pause the person may see (their circle's), or 404 like one that doesn't exist."""
    return visibility.get_visible_or_404(Pause.objects.all(), person, pk=pk)


def start(
    person: Any,
    tool: str,
    *,
    pattern: str = "",
    distress_before: int | None = None,
    pause: Pause | None = None,
) -> CalmSession:
    if tool not in tools.TOOLS:
        raise ValueError(f"unknown tool {tool!r}")
    if tool == tools.BREATHE:
        pattern = pattern or tools.DEFAULT_PATTERN
        if pattern not in tools.PATTERNS:
            raise ValueError(f"unknown pattern {pattern!r}")
    else:
        pattern = ""
    return CalmSession.objects.create(
        author=person,
        tool=tool,
        pattern=pattern,
        distress_before=distress_before,
        pause=pause,
    )


def finish(session: CalmSession, distress_after: int | None = None) -> CalmSession:
    """Mark a session finished with its optional after-rating. Finishing twice (a double tap,
    a second tab) changes nothing and says so."""
    with transaction.atomic():
        # Claimed with a conditional update, so two finishes at once can't both win.
        claimed = CalmSession.objects.filter(pk=session.pk, finished_at__isnull=True).update(
            finished_at=timezone.now(), distress_after=distress_after
        )
    session.refresh_from_db()
    if not claimed:
        raise AlreadyFinished
    return session


def pause_for(session: CalmSession, person: Any) -> Pause | None:
    """The pause to lead back to, if the session has one and the person may still see it
    (they may have left that circle since)."""
    if session.pause_id is None:
        return None
    return visibility.visible_entries(Pause.objects.filter(pk=session.pause_id), person).first()


def visible_pause_ids(person: Any, pks: set[int]) -> set[int]:
    """Which of these pauses the person may see, in one query."""
    if not pks:
        return set()
    found = visibility.visible_entries(Pause.objects.filter(pk__in=pks), person)
    return set(found.values_list("pk", flat=True))


def what_helps(person: Any) -> list[summary.ToolSummary]:
    rows = (
        mine(person)
        .filter(distress_before__isnull=False, distress_after__isnull=False)
        .values_list("tool", "distress_before", "distress_after")
    )
    return summary.summarise(rows)
