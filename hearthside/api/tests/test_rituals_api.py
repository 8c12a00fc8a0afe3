"""Rituals, occurrences, reminders, channels and the inbox through the API: what each route
does for someone allowed to use it. Who may use which is in test_rituals_privacy_api.py."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from hearthside.api.tests.helpers import auth
from hearthside.notify.models import Channel, Notification
from hearthside.rituals.models import Occurrence, ReminderSetting, Ritual

if TYPE_CHECKING:
    from conftest import Personas

API = "/api/v1"
LONDON = ZoneInfo("Europe/London")
NTFY = "ntfy://user:s3cret-pa55word@ntfy.example.org/our-topic"

SUNDAYS = {
    "title": "Sunday reflection",
    "description": "A weekly look back and ahead.",
    "freq": "weekly",
    "interval": 1,
    "weekdays": [6],
    "at": "19:00",
    "time_zone": "Europe/London",
    "starts_on": "2026-03-01",
    "duration": 40,
    "agenda": ["One thing you appreciated", "What could I do to help?"],
}


def _post(client: Client, path: str, body: Any, headers: dict[str, Any]) -> Any:
    return client.post(API + path, json.dumps(body), "application/json", **headers)


def _put(client: Client, path: str, body: Any, headers: dict[str, Any]) -> Any:
    return client.put(API + path, json.dumps(body), "application/json", **headers)


@pytest.fixture
def alex(people: Personas) -> dict[str, Any]:
    return auth(people.alex)


@pytest.fixture
def sunday(people: Personas) -> Ritual:
    return Ritual.objects.create(
        circle=people.partners,
        created_by=people.alex,
        title="Sunday reflection",
        freq="weekly",
        weekdays="6",
        at=time(19, 0),
        time_zone="Europe/London",
        starts_on=date(2026, 3, 1),
        duration=40,
    )


def _when(local: datetime) -> str:
    return local.astimezone(UTC).strftime("%Y%m%dT%H%MZ")


# --- Rituals ------------------------------------------------------------------------------------


def test_i_can_start_a_ritual_in_my_circle(client: Client, people: Personas, alex):
    response = _post(client, "/rituals", {"circle": people.partners.pk, **SUNDAYS}, alex)
    assert response.status_code == 201, response.content
    data = response.json()
    ritual = Ritual.objects.get()
    assert data["id"] == ritual.pk
    assert data["circle_id"] == people.partners.pk
    assert data["created_by"] == {"id": people.alex.pk, "name": "Alex"}
    assert data["weekdays"] == [6]
    assert data["at"] == "19:00:00"
    assert data["rrule"] == "FREQ=WEEKLY;BYDAY=SU"
    assert data["agenda"] == SUNDAYS["agenda"]
    assert ritual.weekdays == "6"
    assert ritual.schedule().rrule_text() == "FREQ=WEEKLY;BYDAY=SU"


def test_a_monthly_ritual_is_on_one_weekday_of_the_month(client: Client, people: Personas, alex):
    body = {**SUNDAYS, "freq": "monthly", "weekdays": [4], "monthly_nth": -1}
    response = _post(client, "/rituals", {"circle": people.partners.pk, **body}, alex)
    assert response.status_code == 201, response.content
    assert response.json()["rrule"] == "FREQ=MONTHLY;BYDAY=-1FR"
    assert response.json()["weekdays"] == [4]
    assert response.json()["monthly_nth"] == -1
    ritual = Ritual.objects.get()
    assert (ritual.monthly_day, ritual.monthly_nth, ritual.weekdays) == (4, -1, "")


@pytest.mark.parametrize(
    "change",
    [
        {"weekdays": []},  # weekly needs a day
        {"freq": "monthly"},  # monthly needs monthly_nth
        {"freq": "monthly", "weekdays": [1, 2], "monthly_nth": 1},
        {"freq": "daily"},  # a daily ritual with weekdays
        {"monthly_nth": 2},  # only for monthly
        {"weekdays": [7]},
        {"time_zone": "Mars/Olympus"},
        {"at": "19:00+01:00"},
        {"until": "2026-02-01"},
        {"interval": 0},
        {"duration": 0},
        {"title": "   "},
        {"agenda": ["x" * 301]},
    ],
)
def test_a_schedule_that_makes_no_sense_is_refused(
    client: Client, people: Personas, alex, change: dict[str, Any]
):
    body = {"circle": people.partners.pk, **SUNDAYS, **change}
    response = _post(client, "/rituals", body, alex)
    assert response.status_code == 422, response.content
    assert not Ritual.objects.exists()


def test_seconds_are_dropped_from_the_time(client: Client, people: Personas, alex):
    body = {"circle": people.partners.pk, **SUNDAYS, "at": "19:00:42"}
    assert _post(client, "/rituals", body, alex).json()["at"] == "19:00:00"


def test_i_cant_start_a_ritual_in_someone_elses_circle(client: Client, people: Personas):
    body = {"circle": people.partners.pk, **SUNDAYS}
    response = _post(client, "/rituals", body, auth(people.robin))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_the_list_has_my_circles_rituals_and_filters_by_circle(
    client: Client, people: Personas, alex, sunday: Ritual
):
    climb = Ritual.objects.create(
        circle=people.friends,
        title="Climbing debrief",
        freq="daily",
        at=time(18, 0),
        time_zone="Europe/London",
        starts_on=date(2026, 3, 1),
    )
    archived = Ritual.objects.create(
        circle=people.partners,
        title="Old habit",
        freq="daily",
        at=time(8, 0),
        time_zone="Europe/London",
        starts_on=date(2026, 1, 1),
        archived_at=datetime(2026, 2, 1, tzinfo=UTC),
    )
    titles = [r["title"] for r in client.get(f"{API}/rituals", **alex).json()]
    assert titles == ["Climbing debrief", "Sunday reflection"]
    only = client.get(f"{API}/rituals?circle={people.partners.pk}", **alex).json()
    assert [r["id"] for r in only] == [sunday.pk]
    robin = client.get(f"{API}/rituals", **auth(people.robin)).json()
    assert [r["id"] for r in robin] == [climb.pk]
    # Archived: off the list, still there to look at.
    assert client.get(f"{API}/rituals/{archived.pk}", **alex).status_code == 200


def test_any_member_can_change_the_ritual(client: Client, people: Personas, sunday: Ritual):
    body = {**SUNDAYS, "title": "Sunday check-in", "weekdays": [5, 6], "at": "18:30"}
    response = _put(client, f"/rituals/{sunday.pk}", body, auth(people.sam))
    assert response.status_code == 200, response.content
    assert response.json()["rrule"] == "FREQ=WEEKLY;BYDAY=SA,SU"
    sunday.refresh_from_db()
    assert (sunday.title, sunday.weekdays, sunday.at) == ("Sunday check-in", "5,6", time(18, 30))
    assert sunday.circle == people.partners
    assert sunday.created_by == people.alex


def test_a_ritual_cant_be_moved_to_another_circle(
    client: Client, people: Personas, alex, sunday: Ritual
):
    body = {**SUNDAYS, "circle": people.friends.pk}
    assert _put(client, f"/rituals/{sunday.pk}", body, alex).status_code == 200
    sunday.refresh_from_db()
    assert sunday.circle == people.partners


# --- Occurrences ----------------------------------------------------------------------------------


def test_occurrences_default_to_the_next_four_weeks(client: Client, alex, sunday: Ritual):
    # Now is Wednesday 4 March 2026.
    data = client.get(f"{API}/rituals/{sunday.pk}/occurrences", **alex).json()
    assert [o["when"] for o in data] == [
        "20260308T1900Z",
        "20260315T1900Z",
        "20260322T1900Z",
        "20260329T1800Z",  # 19:00 in summer time
    ]
    assert {o["status"] for o in data} == {"planned"}
    assert data[0]["ends_at"] == "2026-03-08T19:40:00Z"


def test_occurrences_keep_their_local_time_across_the_clock_change(
    client: Client, alex, sunday: Ritual
):
    url = f"{API}/rituals/{sunday.pk}/occurrences?start=2026-03-20&end=2026-04-10"
    data = client.get(url, **alex).json()
    local = [datetime.fromisoformat(o["starts_at"]).astimezone(LONDON) for o in data]
    assert [(d.day, d.hour, d.minute) for d in local] == [(22, 19, 0), (29, 19, 0), (5, 19, 0)]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("start=2026-03-10&end=2026-03-01", 422),
        ("start=2026-01-01&end=2027-01-02", 422),  # 367 days
        ("start=2026-01-01&end=2027-01-01", 200),  # 366 days
        ("start=not-a-date", 422),
    ],
)
def test_the_window_is_checked(client: Client, alex, sunday: Ritual, query: str, status: int):
    response = client.get(f"{API}/rituals/{sunday.pk}/occurrences?{query}", **alex)
    assert response.status_code == status


def test_i_can_mark_one_done_skip_one_and_move_one(
    client: Client, people: Personas, alex, sunday: Ritual
):
    base = f"/rituals/{sunday.pk}/occurrences"
    done = _post(client, f"{base}/20260308T1900Z/done", {}, alex)
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "done"
    assert done.json()["completed_at"] == "2026-03-04T10:30:00Z"
    skipped = _post(client, f"{base}/20260315T1900Z/skip", {}, auth(people.sam))
    assert skipped.json()["status"] == "skipped"
    moved = _post(client, f"{base}/20260322T1900Z/move", {"to": "2026-03-23T20:00:00+00:00"}, alex)
    assert moved.status_code == 200, moved.content
    assert moved.json()["moved_to"] == "2026-03-23T20:00:00Z"
    assert moved.json()["starts_at"] == "2026-03-23T20:00:00Z"
    rows = {o.scheduled_for.day: (o.status, o.moved_to) for o in Occurrence.objects.all()}
    assert rows == {
        8: ("done", None),
        15: ("skipped", None),
        22: ("moved", datetime(2026, 3, 23, 20, 0, tzinfo=UTC)),
    }
    listed = client.get(f"{API}{base}?start=2026-03-01&end=2026-03-31", **alex).json()
    assert [(o["when"], o["status"]) for o in listed] == [
        ("20260301T1900Z", "planned"),
        ("20260308T1900Z", "done"),
        ("20260315T1900Z", "skipped"),
        ("20260322T1900Z", "moved"),
        ("20260329T1800Z", "planned"),
    ]


def test_an_occurrence_moved_into_the_window_is_listed(client: Client, alex, sunday: Ritual):
    base = f"/rituals/{sunday.pk}/occurrences"
    _post(client, f"{base}/20260322T1900Z/move", {"to": "2026-04-02T18:00:00Z"}, alex)
    listed = client.get(f"{API}{base}?start=2026-04-01&end=2026-04-03", **alex).json()
    assert [(o["when"], o["starts_at"]) for o in listed] == [
        ("20260322T1900Z", "2026-04-02T18:00:00Z")
    ]


def test_skipping_a_moved_occurrence_forgets_the_move(client: Client, alex, sunday: Ritual):
    base = f"/rituals/{sunday.pk}/occurrences/20260322T1900Z"
    _post(client, f"{base}/move", {"to": "2026-03-23T20:00:00Z"}, alex)
    response = _post(client, f"{base}/skip", {}, alex)
    assert response.json()["moved_to"] is None
    assert Occurrence.objects.get().status == "skipped"


@pytest.mark.parametrize(
    "when",
    [
        "20260309T1900Z",  # a Monday
        "20260308T1800Z",  # the right day, the wrong time
        "20260222T1900Z",  # before it starts
        "2026-03-08T19:00Z",
        "20261340T2500Z",
        "now",
    ],
)
def test_a_when_that_is_no_occurrence_is_not_found(client: Client, alex, sunday: Ritual, when: str):
    for action in ("done", "skip"):
        response = _post(client, f"/rituals/{sunday.pk}/occurrences/{when}/{action}", {}, alex)
        assert response.status_code == 404
    assert not Occurrence.objects.exists()


def test_a_move_needs_a_time_with_its_zone(client: Client, alex, sunday: Ritual):
    url = f"/rituals/{sunday.pk}/occurrences/20260308T1900Z/move"
    assert _post(client, url, {"to": "2026-03-09T20:00:00"}, alex).status_code == 422
    assert _post(client, url, {"to": "2028-03-09T20:00:00Z"}, alex).status_code == 422
    assert not Occurrence.objects.exists()


# --- Reminders ------------------------------------------------------------------------------------


def test_reminders_are_each_persons_own(client: Client, people: Personas, alex, sunday: Ritual):
    url = f"/rituals/{sunday.pk}/reminders"
    assert client.get(API + url, **alex).json() == {
        "ritual_id": sunday.pk,
        "lead_minutes": [60],
        "default": True,
    }
    response = _put(client, url, {"lead_minutes": [10, 1440, 10]}, alex)
    assert response.json() == {"ritual_id": sunday.pk, "lead_minutes": [1440, 10], "default": False}
    # Sam still has the default; Alex's choice is Alex's.
    assert client.get(API + url, **auth(people.sam)).json()["lead_minutes"] == [60]
    assert ReminderSetting.objects.get().person == people.alex
    assert _put(client, url, {"lead_minutes": []}, alex).json()["lead_minutes"] == []
    assert ReminderSetting.objects.count() == 1


@pytest.mark.parametrize("minutes", [[-1], [20000], [1, 2, 3, 4, 5, 6]])
def test_reminder_times_are_checked(client: Client, alex, sunday: Ritual, minutes: list[int]):
    response = _put(client, f"/rituals/{sunday.pk}/reminders", {"lead_minutes": minutes}, alex)
    assert response.status_code == 422


# --- Channels -------------------------------------------------------------------------------------


def test_an_apprise_url_is_never_returned_in_full(client: Client, people: Personas, alex):
    response = _post(client, "/channels", {"kind": "apprise", "url": NTFY, "label": "Phone"}, alex)
    assert response.status_code == 201, response.content
    assert Channel.objects.get().url == NTFY
    listed = client.get(f"{API}/channels", **alex)
    for body in (response.content.decode(), listed.content.decode()):
        assert "s3cret" not in body
        assert "our-topic" not in body
    assert listed.json()[0]["url"] == "ntfy://…opic"
    assert listed.json()[0]["label"] == "Phone"


def test_a_url_apprise_cant_send_to_is_refused_without_echoing_it(client: Client, alex):
    bad = "nosuchservice://user:hunter2-secret@example.org"
    response = _post(client, "/channels", {"kind": "apprise", "url": bad}, alex)
    assert response.status_code == 422
    assert "hunter2" not in response.content.decode()
    assert not Channel.objects.exists()


def test_email_uses_my_account_address_once(client: Client, alex):
    assert _post(client, "/channels", {"kind": "email"}, alex).status_code == 201
    assert _post(client, "/channels", {"kind": "email"}, alex).status_code == 409
    refused = _post(client, "/channels", {"kind": "email", "url": "mailto://x@y.z"}, alex)
    assert refused.status_code == 422
    assert Channel.objects.count() == 1


def test_i_can_remove_my_channel_but_not_someone_elses(client: Client, people: Personas, alex):
    created = _post(client, "/channels", {"kind": "apprise", "url": NTFY}, alex).json()
    url = f"{API}/channels/{created['id']}"
    assert client.delete(url, **auth(people.sam)).status_code == 404
    assert client.get(f"{API}/channels", **auth(people.sam)).json() == []
    response = client.delete(url, **alex)
    assert response.status_code == 204
    assert response.content == b""
    assert not Channel.objects.exists()
    assert client.delete(url, **alex).status_code == 404


# --- The inbox ------------------------------------------------------------------------------------


def _notify(person: Any, key: str, due: datetime, subject: str = "Sunday reflection soon") -> Any:
    return Notification.objects.create(
        recipient=person, kind="reminder", key=key, subject=subject, body="In an hour", due_at=due
    )


def test_my_inbox_has_what_is_due_for_me_newest_first(client: Client, people: Personas, alex):
    now = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)
    older = _notify(people.alex, "a", now - timedelta(days=1), "Older")
    newer = _notify(people.alex, "b", now - timedelta(minutes=5), "Newer")
    _notify(people.alex, "c", now + timedelta(hours=1), "Not yet")
    _notify(people.sam, "d", now - timedelta(minutes=1), "Sam's")
    data = client.get(f"{API}/notifications", **alex).json()
    assert [n["id"] for n in data] == [newer.pk, older.pk]
    assert [n["subject"] for n in data] == ["Newer", "Older"]


def test_i_can_mark_mine_read_and_filter_unread(client: Client, people: Personas, alex):
    mine = _notify(people.alex, "a", datetime(2026, 3, 4, 10, 0, tzinfo=UTC))
    sams = _notify(people.sam, "b", datetime(2026, 3, 4, 10, 0, tzinfo=UTC))
    response = _post(client, f"/notifications/{mine.pk}/read", {}, alex)
    assert response.status_code == 200
    assert response.json()["read_at"] == "2026-03-04T10:30:00Z"
    assert client.get(f"{API}/notifications?unread=true", **alex).json() == []
    assert _post(client, f"/notifications/{sams.pk}/read", {}, alex).status_code == 404
    sams.refresh_from_db()
    assert sams.read_at is None
