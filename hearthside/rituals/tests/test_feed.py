"""The calendar feed: a standard VCALENDAR that calendar apps read back exactly, with the rituals
of the circles the feed's owner is in now, and nothing anyone wrote at an occurrence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.rrule import rrulestr
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from conftest import CURRENT_TIME
from hearthside.circles.models import Membership
from hearthside.rituals.feed import issue_feed, revoke_feeds
from hearthside.rituals.models import CalendarFeed, Occurrence, OccurrenceNote, Ritual
from hearthside.rituals.recurrence import between

if TYPE_CHECKING:
    from conftest import Entries, Personas

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
ALEX_PRIVATE_NOTE = "ALEX-PRIVATE-NOTE: I dreaded this one"
SAM_SHARED_NOTE = "SAM-SHARED-NOTE: we laughed a lot"


@dataclass
class World:
    sunday: Ritual  # Alex & Sam: Sundays 19:00 London
    climb: Ritual  # Alex & Robin: Thursdays 18:30 New York
    skipped: datetime  # Sunday 8 March, skipped
    moved: datetime  # Sunday 15 March, moved to Monday 16 March 20:00
    moved_to: datetime


def _ritual(circle: Any, by: Any, **fields: Any) -> Ritual:
    defaults: dict[str, Any] = {
        "freq": "weekly",
        "interval": 1,
        "duration": 40,
        "starts_on": date(2026, 3, 1),
        "agenda": [],
    }
    return Ritual.objects.create(circle=circle, created_by=by, **{**defaults, **fields})


@pytest.fixture
def world(people: Personas, entries: Entries) -> World:
    sunday = _ritual(
        people.partners,
        people.alex,
        title="Sunday reflection",
        description="A weekly look back and ahead, kind and short.",
        weekdays="6",
        at=time(19, 0),
        time_zone="Europe/London",
        agenda=["One thing you appreciated this week", "What could I do to help?"],
    )
    climb = _ritual(
        people.friends,
        people.alex,
        title="Climbing debrief",
        weekdays="3",
        at=time(18, 30),
        time_zone="America/New_York",
        duration=30,
    )
    skipped = datetime(2026, 3, 8, 19, 0, tzinfo=LONDON).astimezone(UTC)
    moved = datetime(2026, 3, 15, 19, 0, tzinfo=LONDON).astimezone(UTC)
    moved_to = datetime(2026, 3, 16, 20, 0, tzinfo=LONDON).astimezone(UTC)
    Occurrence.objects.create(ritual=sunday, scheduled_for=skipped, status="skipped")
    Occurrence.objects.create(ritual=sunday, scheduled_for=moved, status="moved", moved_to=moved_to)
    done = Occurrence.objects.create(
        ritual=sunday,
        scheduled_for=datetime(2026, 3, 1, 19, 0, tzinfo=UTC),
        status="done",
        completed_at=datetime(2026, 3, 1, 20, 0, tzinfo=UTC),
    )
    OccurrenceNote.objects.create(
        occurrence=done, author=people.alex, prompt=0, text=ALEX_PRIVATE_NOTE
    )
    OccurrenceNote.objects.create(
        occurrence=done, author=people.sam, prompt=1, text=SAM_SHARED_NOTE, shared=True
    )
    return World(sunday, climb, skipped, moved, moved_to)


def _url(token: str) -> str:
    return f"/calendar/feed.ics?key={token}"


def _fetch(client: Client, token: str) -> Any:
    response = client.get(_url(token))
    assert response.status_code == 200, response.status_code
    return response


def _calendar(client: Client, token: str) -> Calendar:
    return Calendar.from_ical(_fetch(client, token).content)


def _series(calendar: Calendar, ritual: Ritual) -> Any:
    (event,) = [
        e
        for e in calendar.walk("VEVENT")
        if str(e["UID"]) == f"ritual-{ritual.pk}@hearthside" and "RECURRENCE-ID" not in e
    ]
    return event


def _prop(component: Any, name: str) -> Any:
    return component[name]


def _overrides(calendar: Calendar) -> list[Any]:
    return [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" in e]


def _exdates(event: Any) -> list[datetime]:
    value = event.get("EXDATE")
    if value is None:
        return []
    lists = value if isinstance(value, list) else [value]
    return [d.dt for item in lists for d in item.dts]


# --- The calendar as a calendar app reads it --------------------------------------------------


def test_it_is_a_vcalendar_named_hearthside(client: Client, people: Personas, world: World):
    response = _fetch(client, issue_feed(people.alex))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert "Hearthside" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Hearthside"
    refresh: Any = calendar["REFRESH-INTERVAL"]
    assert refresh.dt == timedelta(hours=1)


def test_it_is_never_cached_anywhere_but_privately(client: Client, people: Personas, world: World):
    cache = _fetch(client, issue_feed(people.alex))["Cache-Control"]
    assert {part.strip() for part in cache.split(",")} == {"private", "no-store"}


def test_each_zone_in_use_has_one_vtimezone(client: Client, people: Personas, world: World):
    calendar = _calendar(client, issue_feed(people.alex))
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert sorted(zones) == ["America/New_York", "Europe/London"]
    assert calendar.get_missing_tzids() == set()


def test_each_ritual_recurs_from_its_local_time_in_its_own_zone(
    client: Client, people: Personas, world: World
):
    calendar = _calendar(client, issue_feed(people.alex))
    sunday = _series(calendar, world.sunday)
    assert sunday["DTSTART"].params["TZID"] == "Europe/London"
    assert sunday["DTSTART"].dt == datetime(2026, 3, 1, 19, 0, tzinfo=LONDON)
    assert sunday["DURATION"].dt == timedelta(minutes=40)
    assert sunday["RRULE"].to_ical().decode() == world.sunday.schedule().rrule_text()
    assert sunday["RRULE"].to_ical().decode() == "FREQ=WEEKLY;BYDAY=SU"
    assert str(sunday["SUMMARY"]) == "Sunday reflection"
    climb = _series(calendar, world.climb)
    assert climb["DTSTART"].params["TZID"] == "America/New_York"
    # 1 March is a Sunday: the first Thursday is the 5th, and DTSTART must be an instance.
    assert climb["DTSTART"].dt == datetime(2026, 3, 5, 18, 30, tzinfo=NEW_YORK)
    assert "DTSTAMP" in sunday
    assert "DTSTAMP" in climb


def test_the_description_is_what_it_is_for_and_its_agenda(
    client: Client, people: Personas, world: World
):
    description = str(
        _series(_calendar(client, issue_feed(people.alex)), world.sunday)["DESCRIPTION"]
    )
    assert description.startswith("A weekly look back and ahead, kind and short.")
    assert "1. One thing you appreciated this week" in description
    assert "2. What could I do to help?" in description


def test_the_uid_is_stable_across_fetches(client: Client, people: Personas, world: World):
    token = issue_feed(people.alex)
    first = _calendar(client, token)
    with time_machine.travel(CURRENT_TIME + timedelta(hours=5), tick=False):
        second = _calendar(client, token)
    assert str(_series(first, world.sunday)["UID"]) == f"ritual-{world.sunday.pk}@hearthside"
    uids = [sorted(str(e["UID"]) for e in c.walk("VEVENT")) for c in (first, second)]
    assert uids[0] == uids[1]


def test_a_skipped_occurrence_is_an_exdate(client: Client, people: Personas, world: World):
    sunday = _series(_calendar(client, issue_feed(people.alex)), world.sunday)
    assert _exdates(sunday) == [datetime(2026, 3, 8, 19, 0, tzinfo=LONDON)]
    assert sunday["EXDATE"].params["TZID"] == "Europe/London"


def test_a_moved_occurrence_replaces_its_instance(client: Client, people: Personas, world: World):
    calendar = _calendar(client, issue_feed(people.alex))
    (moved,) = _overrides(calendar)
    assert str(moved["UID"]) == f"ritual-{world.sunday.pk}@hearthside"
    assert moved["RECURRENCE-ID"].dt == datetime(2026, 3, 15, 19, 0, tzinfo=LONDON)
    assert moved["RECURRENCE-ID"].params["TZID"] == "Europe/London"
    assert moved["DTSTART"].dt == datetime(2026, 3, 16, 20, 0, tzinfo=LONDON)
    assert moved["DTSTART"].params["TZID"] == "Europe/London"
    assert moved["DURATION"].dt == timedelta(minutes=40)
    assert str(moved["SUMMARY"]) == "Sunday reflection"
    assert "RRULE" not in moved
    # Only the skip is excluded: an EXDATE on the moved instance would hide the move too.
    assert datetime(2026, 3, 15, 19, 0, tzinfo=LONDON) not in _exdates(
        _series(calendar, world.sunday)
    )


def test_the_rule_gives_the_same_times_as_the_app(client: Client, people: Personas, world: World):
    # Read back as a calendar app would: expand DTSTART + RRULE in the event's zone.
    for ritual in (world.sunday, world.climb):
        event = _series(_calendar(client, issue_feed(people.alex)), ritual)
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event["DTSTART"].dt)
        start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
        from_feed = [m.astimezone(UTC) for m in rule.between(start, end, inc=True)]
        assert from_feed == between(ritual.schedule(), start, end)


def test_it_holds_no_notes_shares_or_reflections(
    client: Client, people: Personas, entries: Entries, world: World
):
    for person in (people.alex, people.sam, people.robin):
        body = _fetch(client, issue_feed(person)).content.decode()
        for private in (
            ALEX_PRIVATE_NOTE,
            SAM_SHARED_NOTE,
            entries.alex_private_checkin.note,
            entries.alex_share_partners.text,
            entries.alex_share_friends.text,
            entries.sam_reply.reflect,
            entries.sam_share_partners.text,
        ):
            assert private not in body
        assert "@example.com" not in body


# --- Whose rituals ----------------------------------------------------------------------------


def test_robins_feed_has_only_robins_circles(client: Client, people: Personas, world: World):
    body = _fetch(client, issue_feed(people.robin)).content.decode()
    calendar = Calendar.from_ical(body)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Climbing debrief"]
    assert "Sunday reflection" not in body
    assert "kind and short" not in body
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]


def test_sams_feed_has_only_the_partners_ritual(client: Client, people: Personas, world: World):
    calendar = _calendar(client, issue_feed(people.sam))
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries == {"Sunday reflection"}


def test_an_outsiders_feed_is_an_empty_calendar(client: Client, people: Personas, world: World):
    calendar = _calendar(client, issue_feed(people.olive))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "Hearthside"


def test_leaving_a_circle_takes_its_rituals_out_of_my_feed(
    client: Client, people: Personas, world: World
):
    token = issue_feed(people.sam)
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    assert "Sunday reflection" not in _fetch(client, token).content.decode()


def test_an_archived_ritual_leaves_the_feed(client: Client, people: Personas, world: World):
    Ritual.objects.filter(pk=world.sunday.pk).update(archived_at=timezone.now())
    body = _fetch(client, issue_feed(people.alex)).content.decode()
    assert "Sunday reflection" not in body
    assert "Climbing debrief" in body


# --- Tokens -----------------------------------------------------------------------------------


def test_a_revoked_token_finds_nothing(client: Client, people: Personas, world: World):
    token = issue_feed(people.alex)
    revoke_feeds(people.alex)
    response = client.get(_url(token))
    assert response.status_code == 404
    assert b"Sunday" not in response.content


def test_a_new_link_turns_off_the_old_one(client: Client, people: Personas, world: World):
    old = issue_feed(people.alex)
    new = issue_feed(people.alex)
    assert client.get(_url(old)).status_code == 404
    assert client.get(_url(new)).status_code == 200


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 300, "..%2F..%2Fetc"])
def test_an_unknown_token_finds_nothing(client: Client, people: Personas, world: World, token):
    issue_feed(people.alex)
    assert client.get(_url(token)).status_code == 404


def test_the_stored_hash_is_not_a_token(client: Client, people: Personas, world: World):
    issue_feed(people.alex)
    stored = CalendarFeed.objects.get(person=people.alex).token_hash
    assert client.get(_url(stored)).status_code == 404


def test_a_deactivated_account_has_no_feed(client: Client, people: Personas, world: World):
    token = issue_feed(people.alex)
    people.alex.is_active = False
    people.alex.save(update_fields=["is_active"])
    assert client.get(_url(token)).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_reads(client: Client, people: Personas, world: World, method: str):
    token = issue_feed(people.alex)
    assert getattr(client, method)(_url(token)).status_code == 405


def test_it_needs_no_sign_in_and_ignores_who_is_signed_in(people: Personas, world: World):
    # A calendar app has no session; and a signed-in browser sees the token's owner's feed.
    token = issue_feed(people.robin)
    body = people.client("alex").get(_url(token)).content.decode()
    assert "Climbing debrief" in body
    assert "Sunday reflection" not in body


# --- Daylight saving ----------------------------------------------------------------------------


def test_it_still_parses_and_keeps_local_times_after_the_clocks_change(
    client: Client, people: Personas, world: World
):
    token = issue_feed(people.alex)
    # Spring forward: the UK on 29 March 2026, the US on 8 March. Move the first Sunday after
    # the change across it, and read the feed in summer time.
    Occurrence.objects.create(
        ritual=world.sunday,
        scheduled_for=datetime(2026, 3, 29, 18, 0, tzinfo=UTC),  # 19:00 BST
        status="moved",
        moved_to=datetime(2026, 3, 28, 19, 0, tzinfo=UTC),  # 19:00 GMT, the day before
    )
    with time_machine.travel(datetime(2026, 4, 6, 9, 0, tzinfo=UTC), tick=False):
        calendar = _calendar(client, token)
    london = next(tz for tz in calendar.walk("VTIMEZONE") if str(tz["TZID"]) == "Europe/London")
    offsets = {_prop(sub, "TZOFFSETTO").td for sub in london.subcomponents}
    assert {timedelta(0), timedelta(hours=1)} <= offsets
    sunday = _series(calendar, world.sunday)
    rule = rrulestr(sunday["RRULE"].to_ical().decode(), dtstart=sunday["DTSTART"].dt)
    after = rule.after(datetime(2026, 4, 1, tzinfo=UTC))
    assert after == datetime(2026, 4, 5, 19, 0, tzinfo=LONDON)
    assert after.utcoffset() == timedelta(hours=1)
    moved = {e["RECURRENCE-ID"].dt: e["DTSTART"].dt for e in _overrides(calendar)}
    # Named by its local time in summer (19:00 BST), which is the instance the app stored.
    instance = datetime(2026, 3, 29, 19, 0, tzinfo=LONDON)
    assert instance.astimezone(UTC) == datetime(2026, 3, 29, 18, 0, tzinfo=UTC)
    assert moved[instance] == datetime(2026, 3, 28, 19, 0, tzinfo=LONDON)
    assert moved[instance].utcoffset() == timedelta(0)


def test_the_secret_key_never_reaches_the_logs(
    client: Any, people: Any, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "x" * 43
    with caplog.at_level("DEBUG"):
        response = client.get(f"/calendar/feed.ics?key={secret}")
    assert response.status_code == 404
    assert "/calendar/feed.ics" in caplog.text
    assert secret not in caplog.text
