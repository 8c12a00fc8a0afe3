"""The calendar feed: a secret URL a calendar app subscribes to, listing the rituals of the
circles its owner is in right now.

The URL's token is the only key, so it is treated like a password: it is shown once, only its
SHA-256 is stored, and it is compared in constant time. The feed carries what every member of
a circle already sees on the ritual's page (its name, what it's for, its agenda, when it
happens) and nothing anyone wrote at an occurrence: no notes, shares or reflections.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from icalendar import Calendar, Event, vDuration, vRecur

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.http import AuthedRequest
from hearthside.rituals.models import CalendarFeed, Occurrence, Ritual
from hearthside.rituals.occurrences import first_instance, format_when, local_instance

PRODID = "-//Hearthside//Rituals//EN"
REFRESH = timedelta(hours=1)
# secrets.token_urlsafe(32) is 43 characters; anything far from that is not a token of ours.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")


# --- Tokens ---------------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_feed(person: Person) -> str:
    """Make a new feed for `person` and return its token (the only time it exists in full).
    One link at a time: any earlier one stops working, since it can't be shown again anyway."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        revoke_feeds(person)
        CalendarFeed.objects.create(person=person, token_hash=_digest(token))
    return token


def revoke_feeds(person: Person) -> int:
    return CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def live_feed(token: str) -> CalendarFeed | None:
    """The working feed `token` opens, if any."""
    if not _TOKEN.fullmatch(token):
        return None
    digest = _digest(token)
    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(token_hash=digest, revoked_at__isnull=True, person__is_active=True)
        .first()
    )
    if feed is None or not hmac.compare_digest(feed.token_hash, digest):
        return None
    return feed


# --- The settings page ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: AuthedRequest) -> HttpResponse:
    action = request.POST.get("action")
    new_url = None
    if action == "create":
        token = issue_feed(request.user)
        new_url = request.build_absolute_uri(f"{reverse('calendar_feed')}?key={token}")
    elif action == "revoke":
        if revoke_feeds(request.user):
            messages.success(request, _("Your calendar link no longer works."))
        return redirect("calendar")
    elif request.method == "POST":
        return redirect("calendar")
    current = (
        CalendarFeed.objects.filter(person=request.user, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    context = {
        "feed": current,
        "new_url": new_url,
        # webcal:// opens the subscribe dialog of Apple Calendar and Outlook directly.
        "webcal_url": re.sub(r"^https?://", "webcal://", new_url) if new_url else None,
    }
    return render(request, "rituals/calendar.html", context)


# --- The feed -------------------------------------------------------------------------------


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    # The key travels in the query string, not the path: access logs (gunicorn's %(U)s) and
    # Django's "Not Found" warnings record paths only, so the secret never lands in a log.
    subscription = live_feed(request.GET.get("key", ""))
    if subscription is None:
        raise Http404
    rows = Occurrence.objects.filter(
        Q(status=Occurrence.Status.SKIPPED) | Q(moved_to__isnull=False)
    ).order_by("scheduled_for")
    rituals = visibility.circle_things(
        Ritual.objects.filter(archived_at__isnull=True), subscription.person
    ).prefetch_related(Prefetch("occurrences", queryset=rows, to_attr="changed"))

    def link(ritual: Ritual) -> str:
        return request.build_absolute_uri(reverse("ritual", args=[ritual.pk]))

    calendar = build_calendar(list(rituals), now=timezone.now(), link=link)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hearthside.ics"'
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, no_store=True)
    return response


def build_calendar(
    rituals: list[Ritual], *, now: datetime, link: Callable[[Ritual], str] | None = None
) -> Calendar:
    """A VCALENDAR with one recurring VEVENT per ritual, its changed occurrences, and the
    VTIMEZONEs they use. `ritual.changed` holds its skipped and moved occurrences."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Hearthside"))
    # How often apps should look for changes (RFC 7986, and the older name some apps read).
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    earliest = now.date()
    for ritual in rituals:
        url = link(ritual) if link is not None else None
        for event in _events(ritual, now.astimezone(UTC), url):
            calendar.add_component(event)
            earliest = min(earliest, event.DTSTART.date())
    # Calendar apps need each zone spelled out; from the first event to well past today.
    last = max(date(2038, 1, 1), date(now.year + 15, 1, 1))
    calendar.add_missing_timezones(first_date=earliest - timedelta(days=1), last_date=last)
    return calendar


def _events(ritual: Ritual, now: datetime, url: str | None) -> list[Event]:
    schedule = ritual.schedule()
    first = first_instance(schedule)
    if first is None:  # ends before it starts: nothing to put in a calendar
        return []
    zone = ZoneInfo(ritual.time_zone)
    uid = f"ritual-{ritual.pk}@hearthside"
    series = _event(ritual, uid, first.replace(tzinfo=zone), now, url)
    series.add("rrule", vRecur.from_ical(schedule.rrule_text()))
    events = [series]
    skipped = []
    for row in getattr(ritual, "changed", []):
        instance = local_instance(schedule, row.scheduled_for)
        if row.status == Occurrence.Status.SKIPPED:
            if instance is not None:
                skipped.append(instance.replace(tzinfo=zone))
            continue
        if row.moved_to is None:
            continue
        moved_to = row.moved_to.astimezone(zone)
        if instance is None:
            # The schedule changed after this one was moved: it is no instance of the rule any
            # more, but still a time the circle agreed on, so it stands on its own.
            alone = f"ritual-{ritual.pk}-{format_when(row.scheduled_for)}@hearthside"
            events.append(_event(ritual, alone, moved_to, now, url))
            continue
        # Same UID and RECURRENCE-ID: this replaces that instance of the series. It is not also
        # in EXDATE, which would tell strict clients the instance (and so the move) is gone.
        moved = _event(ritual, uid, moved_to, now, url)
        moved.add("recurrence-id", instance.replace(tzinfo=zone))
        events.append(moved)
    if skipped:
        series.add("exdate", skipped)
    return events


def _event(ritual: Ritual, uid: str, start: datetime, now: datetime, url: str | None) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=ritual.duration))
    event.add("summary", ritual.title)
    description = _description(ritual)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def _description(ritual: Ritual) -> str:
    """What it's for and the agenda's prompts: words the circle wrote for the ritual itself."""
    parts = [ritual.description.strip()] if ritual.description.strip() else []
    prompts = [p.strip() for p in ritual.agenda if isinstance(p, str) and p.strip()]
    if prompts:
        lines = [f"{n}. {prompt}" for n, prompt in enumerate(prompts, start=1)]
        parts.append("\n".join([_("Agenda"), *lines]))
    return "\n\n".join(parts)
