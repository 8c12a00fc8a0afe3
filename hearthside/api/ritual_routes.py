"""The JSON API for rituals, their occurrences and reminders, and for notifications: the
channels they go out on and the in-app inbox.

A ritual belongs to its circle as a whole: every current member sees it and may change it
(`visibility.circle_things`); anyone else gets 404, exactly like a ritual that does not exist.
Reminder settings, channels and the inbox are each person's own business: someone else's are
404 too. Occurrences are named by `when`, the scheduled instance in UTC as `%Y%m%dT%H%MZ`
(see `hearthside.rituals.occurrences`); a `when` that is not an instance is 404.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Router, Status
from ninja.errors import HttpError

from hearthside.api.auth import caller
from hearthside.api.ritual_schemas import (
    ChannelIn,
    ChannelOut,
    MoveIn,
    NotificationOut,
    OccurrenceOut,
    ReminderIn,
    ReminderOut,
    RitualIn,
    RitualOut,
    RitualUpdateIn,
)
from hearthside.api.schemas import Id, Limit, Message, Offset
from hearthside.circles import visibility
from hearthside.notify.models import Channel, Notification
from hearthside.rituals import occurrences
from hearthside.rituals.models import DEFAULT_LEAD_MINUTES, Occurrence, ReminderSetting, Ritual

rituals_router = Router(tags=["rituals"])
notify_router = Router(tags=["notifications"])

# The longest stretch of occurrences one request expands.
MAX_WINDOW_DAYS = 366
DEFAULT_WINDOW_DAYS = 28


def register(api: NinjaAPI) -> None:
    for router in (rituals_router, notify_router):
        api.add_router("", router)


# --- Rituals --------------------------------------------------------------------------------


def _ritual_out(ritual: Ritual) -> dict[str, Any]:
    monthly = ritual.freq == Ritual.Freq.MONTHLY and ritual.monthly_day is not None
    return {
        "id": ritual.pk,
        "circle_id": ritual.circle_id,
        "created_by": ritual.created_by,
        "title": ritual.title,
        "description": ritual.description,
        "freq": ritual.freq,
        "interval": ritual.interval,
        "weekdays": [ritual.monthly_day] if monthly else list(ritual.weekday_list()),
        "monthly_nth": ritual.monthly_nth if monthly else None,
        "at": ritual.at,
        "time_zone": ritual.time_zone,
        "starts_on": ritual.starts_on,
        "until": ritual.until,
        "duration": ritual.duration,
        "agenda": ritual.agenda,
        "rrule": ritual.schedule().rrule_text(),
        "created_at": ritual.created_at,
        "archived_at": ritual.archived_at,
    }


def _apply(ritual: Ritual, payload: RitualUpdateIn) -> None:
    monthly = payload.freq == "monthly"
    ritual.title = payload.title
    ritual.description = payload.description
    ritual.freq = payload.freq
    ritual.interval = payload.interval
    # Stored as the model keeps them: weekly days in `weekdays`, the monthly day on its own.
    ritual.weekdays = "" if monthly else ",".join(str(d) for d in payload.weekdays)
    ritual.monthly_day = payload.weekdays[0] if monthly else None
    ritual.monthly_nth = payload.monthly_nth if monthly else None
    ritual.at = payload.at
    ritual.time_zone = payload.time_zone
    ritual.starts_on = payload.starts_on
    ritual.until = payload.until
    ritual.duration = payload.duration
    ritual.agenda = list(payload.agenda)


def _visible_ritual(person: Any, ritual_id: int) -> Ritual:
    ritual = (
        visibility.circle_things(Ritual.objects.select_related("created_by"), person)
        .filter(pk=ritual_id)
        .first()
    )
    if ritual is None:
        raise Http404
    return ritual


@rituals_router.get("/rituals", response=list[RitualOut], summary="Rituals of my circles")
def list_rituals(
    request: HttpRequest, circle: Id | None = None, limit: Limit = 50, offset: Offset = 0
) -> Any:
    rituals = visibility.circle_things(
        Ritual.objects.filter(archived_at__isnull=True).select_related("created_by"),
        caller(request),
    )
    if circle is not None:
        rituals = rituals.filter(circle_id=circle)
    return [_ritual_out(r) for r in rituals[offset : offset + limit]]


@rituals_router.post(
    "/rituals", response={201: RitualOut}, summary="Start a ritual in one of my circles"
)
def create_ritual(request: HttpRequest, payload: RitualIn) -> Any:
    person = caller(request)
    circle = visibility.get_circle_or_404(person, payload.circle)
    ritual = Ritual(circle=circle, created_by=person)
    _apply(ritual, payload)
    ritual.save()
    return Status(201, _ritual_out(ritual))


@rituals_router.get("/rituals/{ritual_id}", response=RitualOut, summary="One ritual")
def get_ritual(request: HttpRequest, ritual_id: int) -> Any:
    return _ritual_out(_visible_ritual(caller(request), ritual_id))


@rituals_router.put(
    "/rituals/{ritual_id}", response=RitualOut, summary="Change a ritual (for the whole circle)"
)
def put_ritual(request: HttpRequest, ritual_id: int, payload: RitualUpdateIn) -> Any:
    ritual = _visible_ritual(caller(request), ritual_id)
    _apply(ritual, payload)
    ritual.save()
    return _ritual_out(ritual)


# --- Occurrences ----------------------------------------------------------------------------


def _slot_out(slot: occurrences.Slot) -> dict[str, Any]:
    return {
        "ritual_id": slot.ritual_id,
        "when": slot.when,
        "scheduled_for": slot.scheduled_for,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "status": slot.status,
        "moved_to": slot.moved_to,
        "completed_at": slot.completed_at,
    }


@rituals_router.get(
    "/rituals/{ritual_id}/occurrences",
    response={200: list[OccurrenceOut], 422: Message},
    summary="Occurrences between two days (in the ritual's time zone, both included)",
)
def list_occurrences(
    request: HttpRequest, ritual_id: int, start: date | None = None, end: date | None = None
) -> Any:
    ritual = _visible_ritual(caller(request), ritual_id)
    first = start or timezone.now().astimezone(ZoneInfo(ritual.time_zone)).date()
    last = end or first + timedelta(days=DEFAULT_WINDOW_DAYS - 1)
    if last < first:
        return Status(422, {"detail": "end can't be before start."})
    if (last - first).days >= MAX_WINDOW_DAYS:
        return Status(422, {"detail": f"Ask for at most {MAX_WINDOW_DAYS} days at a time."})
    lo, hi = occurrences.day_bounds(first, last, ritual.time_zone)
    return [_slot_out(s) for s in occurrences.slots_between(ritual, lo, hi)]


def _instance(request: HttpRequest, ritual_id: int, when: str) -> tuple[Ritual, Any]:
    ritual = _visible_ritual(caller(request), ritual_id)
    moment = occurrences.find_instance(ritual, when)
    if moment is None:
        raise Http404
    return ritual, moment


def _occurrence_out(ritual: Ritual, row: Occurrence) -> dict[str, Any]:
    return _slot_out(occurrences.slot_of(ritual, row))


@rituals_router.post(
    "/rituals/{ritual_id}/occurrences/{when}/done",
    response=OccurrenceOut,
    summary="Say this occurrence happened",
)
def occurrence_done(request: HttpRequest, ritual_id: int, when: str) -> Any:
    ritual, moment = _instance(request, ritual_id, when)
    return _occurrence_out(ritual, occurrences.mark_done(ritual, moment))


@rituals_router.post(
    "/rituals/{ritual_id}/occurrences/{when}/skip",
    response=OccurrenceOut,
    summary="Skip this occurrence",
)
def occurrence_skip(request: HttpRequest, ritual_id: int, when: str) -> Any:
    ritual, moment = _instance(request, ritual_id, when)
    return _occurrence_out(ritual, occurrences.skip(ritual, moment))


@rituals_router.post(
    "/rituals/{ritual_id}/occurrences/{when}/move",
    response=OccurrenceOut,
    summary="Move this occurrence to another time (the others stay put)",
)
def occurrence_move(request: HttpRequest, ritual_id: int, when: str, payload: MoveIn) -> Any:
    ritual, moment = _instance(request, ritual_id, when)
    if abs(payload.to - moment) > timedelta(days=MAX_WINDOW_DAYS):
        raise HttpError(422, "Move it within a year of when it was planned.")
    return _occurrence_out(ritual, occurrences.move(ritual, moment, payload.to))


# --- Reminders ------------------------------------------------------------------------------


def _reminder_out(ritual: Ritual, setting: ReminderSetting | None) -> dict[str, Any]:
    if setting is None:
        return {"ritual_id": ritual.pk, "lead_minutes": DEFAULT_LEAD_MINUTES, "default": True}
    return {"ritual_id": ritual.pk, "lead_minutes": setting.lead_minutes, "default": False}


@rituals_router.get(
    "/rituals/{ritual_id}/reminders",
    response=ReminderOut,
    summary="How long before each occurrence I'm reminded (mine only)",
)
def get_reminders(request: HttpRequest, ritual_id: int) -> Any:
    person = caller(request)
    ritual = _visible_ritual(person, ritual_id)
    return _reminder_out(
        ritual, ReminderSetting.objects.filter(person=person, ritual=ritual).first()
    )


@rituals_router.put(
    "/rituals/{ritual_id}/reminders",
    response=ReminderOut,
    summary="Choose when I'm reminded (empty: no reminders)",
)
def put_reminders(request: HttpRequest, ritual_id: int, payload: ReminderIn) -> Any:
    person = caller(request)
    ritual = _visible_ritual(person, ritual_id)
    with transaction.atomic():
        setting, _created = ReminderSetting.objects.update_or_create(
            person=person,
            ritual=ritual,
            defaults={"lead_minutes": payload.lead_minutes, "updated_at": timezone.now()},
        )
    return _reminder_out(ritual, setting)


# --- Channels -------------------------------------------------------------------------------


def _channel_out(channel: Channel) -> dict[str, Any]:
    return {
        "id": channel.pk,
        "kind": channel.kind,
        "label": channel.label,
        "url": channel.masked_url,
        "enabled": channel.enabled,
        "created_at": channel.created_at,
    }


@notify_router.get(
    "/channels", response=list[ChannelOut], summary="Where my notifications go besides the app"
)
def list_channels(request: HttpRequest) -> Any:
    return [_channel_out(c) for c in Channel.objects.filter(person=caller(request))]


@notify_router.post(
    "/channels",
    response={201: ChannelOut, 409: Message},
    summary="Add email or an Apprise URL (ntfy, Matrix, Signal, Telegram, …)",
)
def create_channel(request: HttpRequest, payload: ChannelIn) -> Any:
    person = caller(request)
    if payload.kind == "email" and Channel.objects.filter(person=person, kind="email").exists():
        return Status(409, {"detail": "Email is already one of your channels."})
    channel = Channel.objects.create(
        person=person, kind=payload.kind, label=payload.label, url=payload.url
    )
    return Status(201, _channel_out(channel))


@notify_router.delete(
    "/channels/{channel_id}", response={204: None}, summary="Stop sending to a channel"
)
def delete_channel(request: HttpRequest, channel_id: int) -> Any:
    deleted, _by_model = Channel.objects.filter(person=caller(request), pk=channel_id).delete()
    if not deleted:
        raise Http404
    return Status(204, None)


# --- The inbox ------------------------------------------------------------------------------


def _inbox(person: Any) -> Any:
    # Only what is due: a reminder queued for next week is not news yet.
    return Notification.objects.filter(recipient=person, due_at__lte=timezone.now())


@notify_router.get(
    "/notifications", response=list[NotificationOut], summary="My inbox, newest first"
)
def list_notifications(
    request: HttpRequest, unread: bool = False, limit: Limit = 50, offset: Offset = 0
) -> Any:
    inbox = _inbox(caller(request))
    if unread:
        inbox = inbox.filter(read_at__isnull=True)
    return inbox[offset : offset + limit]


@notify_router.post(
    "/notifications/{notification_id}/read",
    response=NotificationOut,
    summary="Mark one of my notifications read",
)
def read_notification(request: HttpRequest, notification_id: int) -> Any:
    notification = _inbox(caller(request)).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
