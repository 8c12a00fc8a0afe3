"""Every persona against every ritual and notification route: exactly the status the privacy
rule allows, refused calls change nothing, and nobody receives words that are not theirs.

Rituals belong to a circle as a whole: its current members see and change them, and anyone
else gets 404, the same as for a ritual that does not exist, never 403. Reminder settings,
channels and the inbox are one person's own. Apprise URLs hold secrets and never come back in
full, not even to their owner; notes written at an occurrence come back from no route here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.utils import timezone

from hearthside.api.tests.helpers import (
    API,
    MISSING,
    Route,
    assert_cell,
    auth,
    cases,
    everyone,
    leaks,
    only,
    rows,
    schema_operations,
    send,
)
from hearthside.circles.models import Membership
from hearthside.notify.models import Channel, Notification
from hearthside.rituals.models import Occurrence, OccurrenceNote, ReminderSetting, Ritual

if TYPE_CHECKING:
    from conftest import Personas

PARTNERS = {"alex", "sam"}
FRIENDS = {"alex", "robin"}

SUNDAY = "20260308T1900Z"  # an instance of the partners ritual (19:00 London, in winter)
MONDAY = "20260309T1900Z"  # not one
THURSDAY = "20260305T1830Z"  # an instance of the friends ritual

ALEX_NOTE = "ALEX-PRIVATE-NOTE: I dreaded this one"
SAM_NOTE = "SAM-SHARED-NOTE: we laughed a lot"
APPRISE_SECRET = "ALEXSECRETTOKEN"

# Who may read each piece of text. Anyone else must never receive it, from any route.
READERS: dict[str, set[str]] = {
    "PARTNERS-RITUAL: Sunday reflection": PARTNERS,
    "PARTNERS-AGENDA: one thing you appreciated": PARTNERS,
    "FRIENDS-RITUAL: Climbing debrief": FRIENDS,
    # Nothing written at an occurrence comes back from these routes, to anyone.
    ALEX_NOTE: set(),
    SAM_NOTE: set(),
    # Channel URLs are masked even for their owner.
    APPRISE_SECRET: set(),
    "ALEX-NOTIFICATION: reflection in an hour": {"alex"},
    "SAM-NOTIFICATION: reflection in an hour": {"sam"},
    "alex@example.com": {"alex"},
    "sam@example.com": {"sam"},
    "robin@example.com": {"robin"},
    "olive@example.com": {"olive"},
}


@dataclass
class World:
    partners_ritual: Ritual
    friends_ritual: Ritual
    alex_channel: Channel
    alex_notification: Notification
    sam_notification: Notification


def _ritual(circle: Any, title: str, **fields: Any) -> Ritual:
    return Ritual.objects.create(
        circle=circle,
        title=title,
        freq="weekly",
        time_zone="Europe/London",
        starts_on=date(2026, 3, 1),
        **fields,
    )


def _notification(person: Any, subject: str) -> Notification:
    return Notification.objects.create(
        recipient=person,
        kind="reminder",
        key=f"reminder:{person.pk}",
        subject=subject,
        body=subject,
        due_at=timezone.now() - timedelta(minutes=5),
    )


@pytest.fixture
def world(people: Personas) -> World:
    partners_ritual = _ritual(
        people.partners,
        "PARTNERS-RITUAL: Sunday reflection",
        weekdays="6",
        at=time(19, 0),
        agenda=["PARTNERS-AGENDA: one thing you appreciated"],
    )
    friends_ritual = _ritual(
        people.friends,
        "FRIENDS-RITUAL: Climbing debrief",
        weekdays="3",
        at=time(18, 30),
    )
    done = Occurrence.objects.create(
        ritual=partners_ritual,
        scheduled_for=datetime(2026, 3, 1, 19, 0, tzinfo=UTC),
        status="done",
    )
    OccurrenceNote.objects.create(occurrence=done, author=people.alex, prompt=0, text=ALEX_NOTE)
    OccurrenceNote.objects.create(
        occurrence=done, author=people.sam, prompt=0, text=SAM_NOTE, shared=True
    )
    ReminderSetting.objects.create(person=people.alex, ritual=partners_ritual, lead_minutes=[15])
    channel = Channel.objects.create(
        person=people.alex,
        kind="apprise",
        label="Phone",
        url=f"ntfys://{APPRISE_SECRET}@ntfy.example.org/hearth",
    )
    return World(
        partners_ritual,
        friends_ritual,
        channel,
        _notification(people.alex, "ALEX-NOTIFICATION: reflection in an hour"),
        _notification(people.sam, "SAM-NOTIFICATION: reflection in an hour"),
    )


def _template(route: Route) -> str:
    """The path as the OpenAPI document writes it, with any `{…}` (and `when`) as `{}`."""
    return re.sub(r"/occurrences/\w+/", "/occurrences/{}/", route.template)


SCHEDULE = {
    "title": "New ritual",
    "freq": "weekly",
    "weekdays": [2],
    "at": "20:00",
    "time_zone": "Europe/London",
    "starts_on": "2026-03-04",
}
MOVE = {"to": "2026-03-09T20:00:00Z"}
NTFY = {"kind": "apprise", "url": "ntfy://ntfy.example.org/new-topic"}
OCC = "/rituals/{partners_ritual}/occurrences"

ROUTES = [
    # Rituals
    Route("get", "/rituals", everyone(200)),
    Route("get", "/rituals?circle={partners}", everyone(200)),
    Route("get", "/rituals?circle={friends}", everyone(200)),
    Route("post", "/rituals", only(PARTNERS, 201), {"circle": "{partners}", **SCHEDULE}),
    Route("post", "/rituals", only(FRIENDS, 201), {"circle": "{friends}", **SCHEDULE}),
    Route("post", "/rituals", everyone(404), {"circle": "{missing}", **SCHEDULE}),
    Route("get", "/rituals/{partners_ritual}", only(PARTNERS)),
    Route("get", "/rituals/{friends_ritual}", only(FRIENDS)),
    Route("get", "/rituals/{missing}", everyone(404)),
    Route("put", "/rituals/{partners_ritual}", only(PARTNERS), SCHEDULE),
    Route("put", "/rituals/{friends_ritual}", only(FRIENDS), SCHEDULE),
    Route("put", "/rituals/{missing}", everyone(404), SCHEDULE),
    # Occurrences
    Route("get", OCC, only(PARTNERS)),
    Route("get", OCC + "?start=2026-02-01&end=2026-03-31", only(PARTNERS)),
    Route("get", "/rituals/{friends_ritual}/occurrences", only(FRIENDS)),
    Route("get", "/rituals/{missing}/occurrences", everyone(404)),
    Route("post", f"{OCC}/{SUNDAY}/done", only(PARTNERS)),
    Route("post", f"{OCC}/{SUNDAY}/skip", only(PARTNERS)),
    Route("post", f"{OCC}/{SUNDAY}/move", only(PARTNERS), MOVE),
    Route("post", f"/rituals/{{friends_ritual}}/occurrences/{THURSDAY}/done", only(FRIENDS)),
    Route("post", f"/rituals/{{friends_ritual}}/occurrences/{THURSDAY}/skip", only(FRIENDS)),
    Route(
        "post",
        f"/rituals/{{friends_ritual}}/occurrences/{THURSDAY}/move",
        only(FRIENDS),
        {"to": "2026-03-06T18:30:00Z"},
    ),
    # Not an instance: not found, for members too.
    Route("post", f"{OCC}/{MONDAY}/done", everyone(404)),
    Route("post", f"{OCC}/{MONDAY}/skip", everyone(404)),
    Route("post", f"{OCC}/{MONDAY}/move", everyone(404), MOVE),
    Route("post", f"/rituals/{{missing}}/occurrences/{SUNDAY}/done", everyone(404)),
    # Reminders: anyone in the circle has their own.
    Route("get", "/rituals/{partners_ritual}/reminders", only(PARTNERS)),
    Route("get", "/rituals/{friends_ritual}/reminders", only(FRIENDS)),
    Route("get", "/rituals/{missing}/reminders", everyone(404)),
    Route("put", "/rituals/{partners_ritual}/reminders", only(PARTNERS), {"lead_minutes": []}),
    Route("put", "/rituals/{missing}/reminders", everyone(404), {"lead_minutes": [30]}),
    # Channels
    Route("get", "/channels", everyone(200)),
    Route("post", "/channels", everyone(201), NTFY),
    Route("delete", "/channels/{alex_channel}", only({"alex"}, 204)),
    Route("delete", "/channels/{missing}", everyone(404)),
    # The inbox
    Route("get", "/notifications", everyone(200)),
    Route("get", "/notifications?unread=true", everyone(200)),
    Route("post", "/notifications/{alex_notification}/read", only({"alex"})),
    Route("post", "/notifications/{sam_notification}/read", only({"sam"})),
    Route("post", "/notifications/{missing}/read", everyone(404)),
]


def _ids(people: Personas, world: World) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(world).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


# Everything a refused call must leave exactly as it was.
STATE = rows(Ritual, Occurrence, OccurrenceNote, ReminderSetting, Channel, Notification)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, world: World, persona: str, route: Route
) -> None:
    ids = _ids(people, world)
    assert_cell(client, people, persona, route, ids, state=STATE, readers=READERS)


def test_the_matrix_covers_every_ritual_and_notification_route(client: Client, db: None) -> None:
    ours = re.compile(r"/(rituals|channels|notifications)\b")
    assert schema_operations(client, ours) == {(route.method, _template(route)) for route in ROUTES}


def test_no_ritual_route_answers_403() -> None:
    assert all(403 not in route.expect.values() for route in ROUTES)


@pytest.mark.parametrize(("persona", "visible"), [("robin", {"friends_ritual"}), ("olive", set())])
def test_guessing_ritual_ids_finds_only_rituals_of_my_circles(
    client: Client, people: Personas, world: World, persona: str, visible: set[str]
) -> None:
    headers = auth(getattr(people, persona))
    allowed = {getattr(world, name).pk for name in visible}
    highest = Ritual.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for guess in [0, *range(1, highest + 3), 2**63]:
        for suffix in ("", "/occurrences", "/reminders"):
            response = client.get(f"{API}/rituals/{guess}{suffix}", **headers)
            assert response.status_code == (200 if guess in allowed else 404), (guess, suffix)
            assert leaks(READERS, persona, response.content.decode()) == []


def test_a_member_who_left_sees_the_circles_rituals_no_more(
    client: Client, people: Personas, world: World
) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    headers = auth(people.sam)
    ritual = world.partners_ritual.pk
    assert client.get(f"{API}/rituals", **headers).json() == []
    for path in (f"/rituals/{ritual}", f"/rituals/{ritual}/occurrences"):
        assert client.get(API + path, **headers).status_code == 404
    done = client.post(f"{API}/rituals/{ritual}/occurrences/{SUNDAY}/done", **headers)
    assert done.status_code == 404
    assert not Occurrence.objects.filter(status="done", scheduled_for__day=8).exists()


def test_someone_who_joins_sees_the_circles_rituals_but_no_ones_settings(
    client: Client, people: Personas, world: World
) -> None:
    Membership.objects.create(circle=people.partners, person=people.olive)
    headers = auth(people.olive)
    titles = [r["title"] for r in client.get(f"{API}/rituals", **headers).json()]
    assert titles == ["PARTNERS-RITUAL: Sunday reflection"]
    # Alex chose 15 minutes; Olive starts from the default, her own.
    reminders = client.get(f"{API}/rituals/{world.partners_ritual.pk}/reminders", **headers)
    assert reminders.json()["lead_minutes"] == [60]
    assert reminders.json()["default"] is True


def test_no_ritual_route_returns_what_was_written_at_an_occurrence(
    client: Client, people: Personas, world: World
) -> None:
    # Notes are private to their author unless shared, and shared ones belong on the ritual's
    # page in the app; none of these routes carries them, to anyone, author included.
    ids = _ids(people, world)
    for persona in ("alex", "sam"):
        for route in ROUTES:
            body = send(client, people, persona, route, ids).content.decode()
            assert ALEX_NOTE not in body, (persona, route.name)
            assert SAM_NOTE not in body, (persona, route.name)


def test_my_channel_url_is_masked_even_for_me(
    client: Client, people: Personas, world: World
) -> None:
    response = client.get(f"{API}/channels", **auth(people.alex))
    (channel,) = response.json()
    assert channel["url"] == "ntfys://…arth"
    assert APPRISE_SECRET not in response.content.decode()
