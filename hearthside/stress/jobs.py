"""Weathering stress together: what the worker does on each round (see hearthside.notify.schedule).

`due(since, now)` lists notifications that have become due, each gated by the privacy rule
through `GATES`:

- a signal was sent: each other member who can see it hears "Alex is stretched thin", with what
  would help only in our own words (never the signaller's free text);
- an offer came in: the signaller hears who offered (never what);
- an offer was accepted: whoever offered hears that it was, with thanks.

Keys make each of these once per person, however often the worker looks. `act(now)` has no
timed work to do: signals stay open until their author closes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from hearthside.circles import visibility
from hearthside.circles.models import Membership
from hearthside.notify.schedule import Due
from hearthside.stress import words
from hearthside.stress.actions import signal_key
from hearthside.stress.models import Offer, Signal

SIGNAL_GATE = "stress_signal"
OFFER_GATE = "stress_offer"

# gate kind -> (person, pks) -> the queryset of those things the person may see
GATES: dict[str, Callable[[Any, list[int]], QuerySet[Any]]] = {
    SIGNAL_GATE: lambda person, pks: visibility.visible_entries(
        Signal.objects.filter(pk__in=pks), person
    ),
    OFFER_GATE: lambda person, pks: visibility.visible_thread_items(
        Offer.objects.filter(pk__in=pks), person, "signal"
    ),
}


def due(since: datetime, now: datetime) -> list[Due]:
    return [*_signals_sent(since, now), *_offers_made(since, now), *_offers_accepted(since, now)]


def act(now: datetime) -> int:
    return 0


# --- Signals ----------------------------------------------------------------------------------


def _signals_sent(since: datetime, now: datetime) -> list[Due]:
    signals = list(
        Signal.objects.filter(
            created_at__gt=since,
            created_at__lte=now,
            closed_at__isnull=True,
            withdrawn_at__isnull=True,
        ).select_related("author", "circle")
    )
    if not signals:
        return []
    # One query for everyone's memberships, however many signals went out today.
    by_circle: dict[int, list[Membership]] = defaultdict(list)
    for membership in (
        Membership.objects.active()
        .filter(circle_id__in={s.circle_id for s in signals}, person__is_active=True)
        .select_related("person")
        .order_by("joined_at", "id")
    ):
        by_circle[membership.circle_id].append(membership)
    due: list[Due] = []
    for signal in signals:
        for membership in by_circle[signal.circle_id]:
            person = membership.person
            # Those who were there when it was sent: anyone later can't see it (the gate
            # agrees), and the signaller knows already.
            if person.pk == signal.author_id or membership.joined_at > signal.created_at:
                continue
            due.append(
                Due(
                    recipient=person,
                    kind="stress_signal",
                    key=signal_key(signal, person),
                    due_at=signal.created_at,
                    url=reverse("stress_signal", args=[signal.pk]),
                    words=partial(
                        signal_words, signal.author.name, signal.circle.name, list(signal.helps)
                    ),
                    gate=(SIGNAL_GATE, signal.pk),
                )
            )
    return due


def signal_words(name: str, circle: str, helps: list[str]) -> tuple[str, str]:
    """What the others are told. `helps` are slugs: only the ones from our own list become
    words here, so nothing the signaller typed can travel outside the app."""
    subject = _("%(name)s is stretched thin") % {"name": name}
    labels = words.help_labels(helps)
    if labels:
        wanted = _("What would help: %(helps)s.") % {"helps": get_text_list(labels, _("or"))}
    else:
        wanted = _("There's a note for you in the app.")
    body = " ".join(
        [
            _("%(name)s let %(circle)s know they're stretched thin.")
            % {"name": name, "circle": circle},
            wanted,
            _("You can answer with an offer from your Today page — something small is plenty."),
        ]
    )
    return subject, body


# --- Offers -----------------------------------------------------------------------------------


def _offers_made(since: datetime, now: datetime) -> list[Due]:
    offers = Offer.objects.filter(
        created_at__gt=since, created_at__lte=now, signal__withdrawn_at__isnull=True
    ).select_related("author", "signal__author")
    return [
        Due(
            recipient=offer.signal.author,
            kind="stress_offer",
            key=f"stress:offer:{offer.pk}",
            due_at=offer.created_at,
            url=reverse("stress_signal", args=[offer.signal_id]),
            words=partial(offer_words, offer.author.name),
            gate=(OFFER_GATE, offer.pk),
        )
        for offer in offers
        if offer.author_id != offer.signal.author_id and offer.signal.author.is_active
    ]


def offer_words(name: str) -> tuple[str, str]:
    subject = _("%(name)s answered your signal") % {"name": name}
    body = _(
        "%(name)s has offered you something. Open Hearthside to see it — you can accept it "
        "with a thank-you, or just let it be."
    ) % {"name": name}
    return subject, body


def _offers_accepted(since: datetime, now: datetime) -> list[Due]:
    offers = Offer.objects.filter(
        accepted_at__gt=since, accepted_at__lte=now, signal__withdrawn_at__isnull=True
    ).select_related("author", "signal__author")
    return [
        Due(
            recipient=offer.author,
            kind="stress_offer_accepted",
            key=f"stress:offer:{offer.pk}:accepted",
            due_at=offer.accepted_at,
            url=reverse("stress_signal", args=[offer.signal_id]),
            words=partial(accepted_words, offer.signal.author.name),
            gate=(OFFER_GATE, offer.pk),
        )
        for offer in offers
        if offer.accepted_at is not None and offer.author.is_active
    ]


def accepted_words(name: str) -> tuple[str, str]:
    subject = _("%(name)s said yes, with thanks") % {"name": name}
    body = _("%(name)s accepted what you offered. Thank you for showing up.") % {"name": name}
    return subject, body
