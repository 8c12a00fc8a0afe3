"""Every toolkit page against every persona: a session is strictly its author's own.

Alex uses the toolkit during a pause in Alex & Sam. Sam (the partner in that very pause),
Robin (Alex's friend) and Olive (an outsider) get 404 for Alex's session, exactly as for one
that doesn't exist; a refused request changes nothing; no other page, pause or notification
shows that Alex used a tool, let alone the numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from django.urls import URLPattern
from django.utils import timezone

from conftest import Personas
from hearthside.calm import jobs
from hearthside.calm import urls as calm_urls
from hearthside.calm.models import CalmSession
from hearthside.calm.tests.conftest import text_of
from hearthside.notify import schedule
from hearthside.notify.models import Notification
from hearthside.repair.models import Pause

PEOPLE = ["alex", "sam", "robin", "olive"]
PERSONAS = [*PEOPLE, "anonymous"]
MISSING = 987_654
PARTNERS = {"alex", "sam"}


@dataclass(frozen=True)
class Route:
    name: str  # the URL name it exercises
    method: str
    path: str  # with {session}, {pause}, {missing}
    expect: dict[str, int]  # per signed-in persona; anonymous is always sent to sign in
    data: dict[str, str] | None = None


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PEOPLE, status)


def _only(status: int, who: set[str]) -> dict[str, int]:
    return {p: status if p in who else 404 for p in PEOPLE}


ROUTES = [
    Route("calm", "get", "/calm/", _all(200)),
    Route("calm_breathe", "get", "/calm/breathe/", _all(200)),
    Route("calm_breathe", "get", "/calm/breathe/4-7-8/?pause={pause}", _only(200, PARTNERS)),
    Route("calm_breathe", "get", "/calm/breathe/box/?pause={missing}", _all(404)),
    Route("calm_breathe", "post", "/calm/breathe/resonant/", _all(302), {"distress": "6"}),
    Route("calm_breathe", "post", "/calm/breathe/?pause={pause}", _only(302, PARTNERS), {}),
    Route("calm_ground", "get", "/calm/ground/?pause={pause}", _only(200, PARTNERS)),
    Route("calm_ground", "post", "/calm/ground/?pause={pause}", _only(302, PARTNERS), {}),
    Route("calm_kindness", "get", "/calm/kindness/?pause={pause}", _only(200, PARTNERS)),
    Route("calm_kindness", "post", "/calm/kindness/", _all(302), {"distress": "3"}),
    Route("calm_session", "get", "/calm/sessions/{session}/", _only(200, {"alex"})),
    Route("calm_session", "get", "/calm/sessions/{session}/?step=2", _only(200, {"alex"})),
    Route("calm_session", "get", "/calm/sessions/{missing}/", _all(404)),
    Route(
        "calm_finish",
        "post",
        "/calm/sessions/{session}/finish/",
        _only(302, {"alex"}),
        {"distress": "2"},
    ),
    Route("calm_finish", "post", "/calm/sessions/{missing}/finish/", _all(404), {}),
    Route("calm_forget", "post", "/calm/sessions/{session}/forget/", _only(302, {"alex"}), {}),
    Route("calm_forget", "post", "/calm/sessions/{missing}/forget/", _all(404), {}),
]


def _path(route: Route, session: CalmSession, pause: Pause) -> str:
    return route.path.format(session=session.pk, pause=pause.pk, missing=MISSING)


def _state() -> list[Any]:
    return list(CalmSession.objects.order_by("pk").values())


CASES = [
    pytest.param(persona, route, id=f"{persona}-{route.method}-{route.path}")
    for route in ROUTES
    for persona in PERSONAS
]


@pytest.mark.parametrize(("persona", "route"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows(
    people: Personas, pause: Pause, alex_session: CalmSession, persona: str, route: Route
) -> None:
    client = people.client(persona)
    path = _path(route, alex_session, pause)
    before = _state()

    send = client.get if route.method == "get" else partial(client.post, data=route.data or {})
    response = send(path)

    expected = 302 if persona == "anonymous" else route.expect[persona]
    assert response.status_code == expected, path
    if persona == "anonymous":
        assert response["Location"].startswith("/accounts/login/?next=")
    if expected == 404 or persona == "anonymous":
        assert _state() == before, "a refused request changed something"
    if expected == 404:
        # Indistinguishable from a session or pause that never existed.
        missing = route.path.replace("{session}", "{missing}").replace("{pause}", "{missing}")
        ghost = client.get(missing.format(missing=MISSING)) if route.method == "get" else None
        if ghost is not None:
            assert ghost.status_code == 404
            assert ghost.content == response.content


def test_the_matrix_covers_every_toolkit_page() -> None:
    names = {p.name for p in calm_urls.urlpatterns if isinstance(p, URLPattern)}

    assert {route.name for route in ROUTES} == names


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_guessing_session_ids_finds_nothing_of_anyone_elses(
    people: Personas, alex_session: CalmSession, persona: str
) -> None:
    others = [
        CalmSession.objects.create(author=people.alex, tool="kindness", distress_before=9),
        CalmSession.objects.create(author=people.olive, tool="ground", distress_before=4),
    ]
    me = getattr(people, persona)
    mine = CalmSession.objects.create(author=me, tool="ground")
    allowed = {s.pk for s in CalmSession.objects.filter(author=me)}
    highest = max(s.pk for s in [alex_session, *others, mine])
    client = people.client(persona)

    for guess in [0, *range(1, highest + 3)]:
        response = client.get(f"/calm/sessions/{guess}/")
        assert response.status_code == (200 if guess in allowed else 404), guess


def test_the_partner_in_the_pause_never_learns_i_used_a_tool(
    people: Personas, pause: Pause, alex_session: CalmSession
) -> None:
    alex = people.client("alex")
    alex.post(f"/calm/sessions/{alex_session.pk}/finish/", {"distress": "3"})
    alex.post(f"/calm/kindness/?pause={pause.pk}", {"distress": "8"})

    sam = people.client("sam")
    for path in (
        f"/pauses/{pause.pk}/",
        "/calm/",
        "/calm/breathe/",
        f"/circles/{people.partners.pk}/",
    ):
        page = text_of(sam.get(path))
        assert "/calm/sessions/" not in page, path
        assert "Lately" not in page, path
        assert "Before: " not in page and "before 7" not in page, path
    assert text_of(sam.get("/calm/")).count("Nothing rated yet.") == 3


def test_no_notification_ever_mentions_the_toolkit(
    people: Personas, pause: Pause, alex_session: CalmSession
) -> None:
    queued_before = Notification.objects.count()
    alex = people.client("alex")
    alex.post(f"/calm/ground/?pause={pause.pk}", {"distress": "9"})
    alex.post(f"/calm/sessions/{alex_session.pk}/finish/", {"distress": "2"})

    assert Notification.objects.count() == queued_before
    now = timezone.now() + timedelta(days=2)
    assert jobs.due(now - timedelta(days=3), now) == []
    assert jobs.act(now) == 0
    assert jobs.GATES == {}
    schedule.schedule_due(now)
    for note in Notification.objects.all():
        words = f"{note.subject} {note.body} {note.url}".lower()
        assert "calm" not in words and "breath" not in words.replace("breather", "")


def test_leaving_with_my_account_takes_my_sessions(
    people: Personas, alex_session: CalmSession
) -> None:
    people.alex.delete()

    assert not CalmSession.objects.exists()
