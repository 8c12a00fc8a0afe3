"""Pacing disclosures: what the worker does on each round (see hearthside.notify.schedule).

`act(now)` lets out every held share whose agreed moment has come (a conditional UPDATE per
knock, so two workers never publish one twice). `due(since, now)` tells people what happened:

- each listener, when someone knocks: "Alex would like to share something with you";
- the author, when a listener answers: "Sam suggested today at 20:00";
- when a held share goes out at the agreed moment: the author, and each listener.

Words that leave the app carry names, the circle's name and times — never the held words and
never the hint (the hint is for the app's own pages). Every notification is gated through
`GATES`, i.e. the privacy rule, just before it is queued.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from hearthside.circles import visibility
from hearthside.notify.schedule import Due
from hearthside.pacing import actions
from hearthside.pacing.models import Answer, Knock
from hearthside.practice.models import Share
from hearthside.zones import zone_named


def _open_knocks(person: Any, pks: list[int]) -> QuerySet[Any]:
    return visibility.visible_entries(
        Knock.objects.filter(pk__in=pks, status__in=Knock.OPEN), person
    )


def _shares(person: Any, pks: list[int]) -> QuerySet[Any]:
    return visibility.visible_entries(Share.objects.filter(pk__in=pks), person)


# gate kind -> (person, pks) -> the queryset of those things the person may see
GATES: dict[str, Callable[[Any, list[int]], QuerySet[Any]]] = {
    "pacing_knock": _open_knocks,
    "pacing_share": _shares,
}


def due(since: datetime, now: datetime) -> list[Due]:
    return [*_knocked(since, now), *_answered(since, now), *_went_out(since, now)]


def act(now: datetime) -> int:
    return actions.publish_due(Knock.objects.all(), now)


def _knocked(since: datetime, now: datetime) -> list[Due]:
    knocks = Knock.objects.filter(
        created_at__gt=since, created_at__lte=now, status__in=Knock.OPEN
    ).select_related("author", "circle")
    items = []
    for knock in knocks:
        for person in actions.listeners(knock):
            items.append(
                Due(
                    recipient=person,
                    kind="pacing_knock",
                    key=actions.knock_key(knock, person),
                    due_at=knock.created_at,
                    url=reverse("pacing_knock", args=[knock.pk]),
                    words=partial(_knock_words, knock.author.name),
                    gate=("pacing_knock", knock.pk),
                )
            )
    return items


def _knock_words(author: str) -> tuple[str, str]:
    subject = _("%(name)s would like to share something with you") % {"name": author}
    body = _(
        "Is now a good time? You can say now is good, or suggest a moment that suits you "
        "better. %(name)s's words wait until then."
    ) % {"name": author}
    return subject, body


def _answered(since: datetime, now: datetime) -> list[Due]:
    answers = Answer.objects.filter(
        updated_at__gt=since, updated_at__lte=now, knock__status__in=Knock.OPEN
    ).select_related("author", "knock__author")
    items = []
    for answer in answers:
        knock = answer.knock
        items.append(
            Due(
                recipient=knock.author,
                kind="pacing_answer",
                key=actions.answer_key(answer),
                due_at=answer.updated_at,
                url=reverse("pacing_knock", args=[knock.pk]),
                words=partial(
                    _answer_words,
                    answer.author.name,
                    None if answer.now_is_good else answer.at,
                    knock.author.time_zone,
                ),
                gate=("pacing_knock", knock.pk),
            )
        )
    return items


def _answer_words(name: str, at: datetime | None, tz: str) -> tuple[str, str]:
    if at is None:
        subject = _("%(name)s says now is a good time") % {"name": name}
    else:
        local = at.astimezone(zone_named(tz))
        subject = _("%(name)s suggested %(day)s at %(time)s") % {
            "name": name,
            "day": date_format(local, "l j F"),
            "time": time_format(local, "H:i"),
        }
    body = _(
        "Your share goes out once everyone you asked has said when. You can still share it "
        "sooner, or let it go."
    )
    return subject, body


def _went_out(since: datetime, now: datetime) -> list[Due]:
    knocks = Knock.objects.filter(
        published_at__gt=since,
        published_at__lte=now,
        status=Knock.Status.PUBLISHED,
        share__isnull=False,
    ).select_related("author", "circle")
    items = []
    for knock in knocks:
        assert knock.share_id is not None
        url = reverse("share", args=[knock.share_id])
        gate = ("pacing_share", knock.share_id)
        published_at = knock.published_at or now
        if not knock.shared_early:
            # The author chose "share it now" themselves: nothing to tell them.
            items.append(
                Due(
                    recipient=knock.author,
                    kind="pacing_published",
                    key=f"pacing:published:{knock.pk}:{knock.author_id}",
                    due_at=published_at,
                    url=url,
                    words=partial(_published_words, knock.circle.name),
                    gate=gate,
                )
            )
        for person in actions.listeners(knock):
            items.append(
                Due(
                    recipient=person,
                    kind="pacing_arrived",
                    key=f"pacing:published:{knock.pk}:{person.pk}",
                    due_at=published_at,
                    url=url,
                    words=partial(_arrived_words, knock.author.name),
                    gate=gate,
                )
            )
    return items


def _published_words(circle: str) -> tuple[str, str]:
    subject = _("Your share has gone out to %(circle)s") % {"circle": circle}
    body = _("The moment you agreed on has come. You'll see their replies when they write.")
    return subject, body


def _arrived_words(name: str) -> tuple[str, str]:
    subject = _("%(name)s's share is here") % {"name": name}
    body = _("The moment you chose has come. Read it when you're ready to listen.")
    return subject, body
