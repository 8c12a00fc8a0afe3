"""The outbox: queue a notification, claim due deliveries, send them, record the outcome.

The life of a Delivery row:

    pending --claim--> sending --deliver--> sent
       ^                  |  \\-----------> failed (permanent failure, or out of tries)
       |                  |
       +--- retry later --+   (temporary failure: backoff; quiet hours still respected)

- `enqueue` writes the inbox entry and its deliveries in one transaction, once per `key`.
- `claim` takes due rows with one conditional UPDATE per row (`… WHERE status = 'pending'`)
  and keeps only the rows whose update count was 1, so two workers never take the same row, on
  SQLite and PostgreSQL alike. `attempts` is counted at claim time, so a delivery that kills
  its worker every time still runs out of tries.
- A worker killed mid-send leaves its rows in `sending`; after CLAIM_TIMEOUT they count as due
  again. Delivery is therefore at least once: a message sent just before the kill, but not yet
  recorded, is sent again. Nothing is lost.
- Outcomes are written only while the row is still this worker's claim, so a worker that was
  (wrongly) presumed dead cannot overwrite the newer claim's result.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from hearthside.notify import transports
from hearthside.notify.models import Channel, Delivery, Notification
from hearthside.notify.transports import PermanentFailure, TemporaryFailure
from hearthside.zones import zone_named

if TYPE_CHECKING:
    from hearthside.accounts.models import Person

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Wait after the 1st, 2nd, … failed try; the 6th failure is final.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=8),
)
# Longer than any one send can take (SMTP and HTTP time out well before), so a live worker's
# claim is never taken from it.
CLAIM_TIMEOUT = timedelta(minutes=10)

Status = Delivery.Status


# --- Quiet hours (pure) ---------------------------------------------------------------------


def after_quiet_hours(
    moment: datetime, tz: str, quiet_from: time | None, quiet_until: time | None
) -> datetime:
    """`moment`, or the end of the person's quiet hours if it falls inside them.

    Quiet hours are local wall-clock times in `tz`; a window with `quiet_from` later than
    `quiet_until` (22:00 to 07:00) crosses midnight. An end time that does not exist on a
    spring-forward day moves forward by the gap; one that happens twice means the first.
    """
    if quiet_from is None or quiet_until is None or quiet_from == quiet_until:
        return moment
    zone = zone_named(tz)
    local = moment.astimezone(zone)
    now = local.time().replace(tzinfo=None)
    if quiet_from < quiet_until:
        if not quiet_from <= now < quiet_until:
            return moment
        end_day = local.date()
    elif now >= quiet_from:
        end_day = local.date() + timedelta(days=1)
    elif now < quiet_until:
        end_day = local.date()
    else:
        return moment
    end = datetime.combine(end_day, quiet_until).replace(tzinfo=zone, fold=0)
    if end <= moment:  # `moment` is in the repeated hour and the window ends in its 2nd pass
        end = end.replace(fold=1)
    return end.astimezone(UTC)


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait after the `attempts`-th failed try, or None when none are left."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


def _not_quiet(person: Person, moment: datetime) -> datetime:
    return after_quiet_hours(moment, person.time_zone, person.quiet_from, person.quiet_until)


# --- Queueing -------------------------------------------------------------------------------


def enqueue(
    recipient: Person,
    *,
    kind: str,
    key: str,
    subject: str,
    body: str,
    url: str = "",
    due_at: datetime,
    only_channel: Channel | None = None,
) -> Notification | None:
    """Queue one notification: its inbox entry, and one delivery per enabled channel.

    Idempotent on `key`: returns None when a notification with that key exists (also when
    another process queues it at the same moment). The inbox entry is due at `due_at`; the
    deliveries wait for the end of the recipient's quiet hours. `only_channel` is for a test
    the person asked for: that channel alone, now, whatever the hour or its on/off switch.
    """
    if Notification.objects.filter(key=key).exists():
        return None
    send_at = due_at if only_channel else _not_quiet(recipient, due_at)
    channels = (
        [only_channel] if only_channel else Channel.objects.filter(person=recipient, enabled=True)
    )
    deliveries: list[Delivery] = []
    for channel in channels:
        transport = "email" if channel.kind == Channel.Kind.EMAIL else "apprise"
        if transport == "email" and any(d.transport == "email" for d in deliveries):
            continue  # Every email channel is the same account address: one email is enough.
        deliveries.append(Delivery(channel=channel, transport=transport, next_attempt_at=send_at))
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                key=key,
                subject=subject[:200],
                body=body,
                url=url,
                due_at=due_at,
            )
            for delivery in deliveries:
                delivery.notification = notification
            Delivery.objects.bulk_create(deliveries)
    except IntegrityError:
        if Notification.objects.filter(key=key).exists():
            return None  # Someone else queued it between our check and our insert.
        raise
    return notification


# --- Claiming -------------------------------------------------------------------------------


def claim(worker_id: str, now: datetime, limit: int) -> list[Delivery]:
    """Take up to `limit` due deliveries for `worker_id`; no other worker gets them.

    Due: pending with `next_attempt_at <= now`, or sending with a claim older than
    CLAIM_TIMEOUT (its worker died). Each candidate is taken by a conditional UPDATE that
    repeats the condition it was selected by; a count of 0 means another worker won it.
    """
    stale_before = now - CLAIM_TIMEOUT
    abandoned = list(
        Delivery.objects.filter(status=Status.SENDING, claimed_at__lt=stale_before)
        .order_by("claimed_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    due = list(
        Delivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[: limit - len(abandoned)]
    )
    taken: list[int] = []
    for ids, still_claimable in (
        (abandoned, {"status": Status.SENDING, "claimed_at__lt": stale_before}),
        (due, {"status": Status.PENDING, "next_attempt_at__lte": now}),
    ):
        for pk in ids:
            won = Delivery.objects.filter(pk=pk, **still_claimable).update(
                status=Status.SENDING,
                claimed_by=worker_id,
                claimed_at=now,
                attempts=F("attempts") + 1,
            )
            if won == 1:
                taken.append(pk)
    if not taken:
        return []
    return list(
        Delivery.objects.filter(pk__in=taken, status=Status.SENDING, claimed_by=worker_id)
        .select_related("notification__recipient", "channel")
        .order_by("next_attempt_at", "id")
    )


def release(deliveries: list[Delivery]) -> int:
    """Hand claimed but unsent deliveries back (a worker stopping early), uncounted."""
    released = 0
    for delivery in deliveries:
        released += _claimed(delivery).update(
            status=Status.PENDING, claimed_by="", claimed_at=None, attempts=F("attempts") - 1
        )
    return released


# --- Delivering -----------------------------------------------------------------------------


def deliver(delivery: Delivery) -> str:
    """Send one claimed delivery and record the outcome; returns the new status.

    Sent → "sent". A temporary failure → "pending" again after the backoff (and after the
    recipient's quiet hours), or "failed" when out of tries. A permanent failure → "failed"
    with its reason. An unexpected error counts as temporary: it may be passing, and if not,
    the tries run out.
    """
    try:
        _check_still_wanted(delivery)
        transports.get(delivery.transport).send(delivery)
    except PermanentFailure as exc:
        return _fail(delivery, exc.reason)
    except TemporaryFailure as exc:
        return _retry(delivery, exc.reason)
    except Exception as exc:  # One delivery's bug must not stop the worker.
        # The type only: library messages can carry addresses, URLs or text.
        logger.warning("delivery %s: unexpected %s", delivery.pk, type(exc).__name__)
        return _retry(delivery, f"unexpected error ({type(exc).__name__})")
    return _record(delivery, status=Status.SENT, sent_at=timezone.now(), last_error="")


def hold_back(key: str, *, prefix: bool = False) -> int:
    """What a notification says is no longer true (the request it nudges about was answered):
    drop its email and push deliveries that haven't gone out yet, e.g. ones waiting for the end
    of quiet hours. The inbox entry stays, as a record of what was said. Returns how many were
    dropped; a delivery being sent right now is left to finish.

    With `prefix`, `key` is the start shared by several keys (everyone's note about one
    thing, "pacing:knock:12:"), and every notification whose key starts with it is held back.
    A prefix must end with ":", so that "knock:1:" can never reach "knock:12:"."""
    if prefix and not key.endswith(":"):
        raise ValueError(f"a key prefix must end with ':' ({key!r})")
    by_key = {"notification__key__startswith": key} if prefix else {"notification__key": key}
    dropped, _ = Delivery.objects.filter(
        **by_key, status=Status.PENDING, claimed_at__isnull=True
    ).delete()
    return dropped


def _check_still_wanted(delivery: Delivery) -> None:
    # The person may have turned the channel off or left since this was queued.
    if delivery.channel is not None and not delivery.channel.enabled:
        raise PermanentFailure("the channel was turned off")
    if not delivery.notification.recipient.is_active:
        raise PermanentFailure("the account is no longer active")


def _retry(delivery: Delivery, reason: str) -> str:
    delay = retry_delay(delivery.attempts)
    if delay is None:
        return _fail(delivery, f"gave up after {delivery.attempts} tries: {reason}")
    later = _not_quiet(delivery.notification.recipient, timezone.now() + delay)
    return _record(
        delivery,
        status=Status.PENDING,
        next_attempt_at=later,
        claimed_by="",
        claimed_at=None,
        last_error=reason[:300],
    )


def _fail(delivery: Delivery, reason: str) -> str:
    return _record(delivery, status=Status.FAILED, last_error=reason[:300])


def _claimed(delivery: Delivery) -> QuerySet[Delivery]:
    return Delivery.objects.filter(
        pk=delivery.pk, status=Status.SENDING, claimed_by=delivery.claimed_by
    )


def _record(delivery: Delivery, **fields: object) -> str:
    """Write the outcome if the claim is still ours (else a newer claim owns the row)."""
    if _claimed(delivery).update(**fields) == 1:
        for name, value in fields.items():
            setattr(delivery, name, value)
    else:
        logger.warning("delivery %s: claim lost before the outcome was recorded", delivery.pk)
    return delivery.status
