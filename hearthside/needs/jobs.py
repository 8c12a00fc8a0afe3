"""Needs and requests: what the worker does on each round (see hearthside.notify.schedule).

Two kinds of notification, each found with one bounded query and queued under a key that can
only ever be used once:

- **One gentle reminder** to the person asked, when a request has waited two days without an
  answer (`needs:request:<pk>:reminder`). Once, never again, whatever happens after.
- **A note to the asker** for each answer (`needs:answer:<pk>`).

The words say who and where — "Alex asked you for something in Alex & Sam" — never what was
asked, answered or noted: a lock screen or a shared inbox may be read by someone else. Quiet
hours are the outbox's business. Every recipient is checked against the privacy rule through
`GATES` before anything is queued (someone who left the circle hears nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from hearthside.needs import privacy
from hearthside.needs.actions import reminder_key
from hearthside.needs.models import Answer, Request
from hearthside.notify.schedule import Due

REMIND_AFTER = timedelta(days=2)

# gate kind -> (person, pks) -> the queryset of those things the person may see
GATES: dict[str, Callable[[Any, list[int]], QuerySet[Any]]] = {
    "need_request": lambda person, pks: privacy.visible_requests(
        Request.objects.filter(pk__in=pks), person
    ),
    "need_answer": lambda person, pks: privacy.visible_answers(
        Answer.objects.filter(pk__in=pks), person
    ),
}


def due(since: datetime, now: datetime) -> list[Due]:
    return [*reminders(since, now), *answer_notes(since, now)]


def act(now: datetime) -> int:
    return 0


def reminders(since: datetime, now: datetime) -> list[Due]:
    """Requests that turned two days old without an answer in (since, now]."""
    waiting = Request.objects.filter(
        response="",
        withdrawn_at__isnull=True,
        created_at__gt=since - REMIND_AFTER,
        created_at__lte=now - REMIND_AFTER,
    ).select_related("author", "recipient", "circle")
    return [
        Due(
            recipient=ask.recipient,
            kind="need_reminder",
            key=reminder_key(ask),
            due_at=ask.created_at + REMIND_AFTER,
            url=reverse("need", args=[ask.pk]),
            words=partial(_reminder_words, ask.author.name, ask.circle.name),
            gate=("need_request", ask.pk),
        )
        for ask in waiting
    ]


def answer_notes(since: datetime, now: datetime) -> list[Due]:
    """Answers given in (since, now], each told to the person who asked."""
    answers = Answer.objects.filter(
        created_at__gt=since, created_at__lte=now, request__withdrawn_at__isnull=True
    ).select_related("author", "request__author", "request__circle")
    return [
        Due(
            recipient=answer.request.author,
            kind="need_answer",
            key=f"needs:answer:{answer.pk}",
            due_at=answer.created_at,
            url=reverse("need", args=[answer.request_id]),
            words=partial(_answer_words, answer.author.name, answer.request.circle.name),
            gate=("need_answer", answer.pk),
        )
        for answer in answers
    ]


def _reminder_words(asker: str, circle: str) -> tuple[str, str]:
    names = {"name": asker, "circle": circle}
    subject = _("%(name)s asked you for something in %(circle)s") % names
    body = (
        _(
            "%(name)s asked you for something in %(circle)s a couple of days ago. Whenever "
            "you're ready: yes, another time, or “let's talk” are all kind answers. This is the "
            "only reminder you'll get."
        )
        % names
    )
    return subject, body


def _answer_words(answerer: str, circle: str) -> tuple[str, str]:
    names = {"name": answerer, "circle": circle}
    subject = _("%(name)s answered what you asked") % names
    body = (
        _(
            "%(name)s answered what you asked for in %(circle)s. Their answer is waiting for "
            "you in Hearthside."
        )
        % names
    )
    return subject, body
