"""Every persona against every API route: what they may see, what they may do, and that private
words never leak into anyone else's response.

Things a person may not see answer 404 with the same body as things that do not exist, never
403: a 403 would confirm that somebody's private entry is there. 403 is only for things the
person can already see but may not do (saying "I felt heard" about a reply to someone else's
share).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from hearthside.api.tests.helpers import (
    API,
    MISSING,
    Route,
    assert_cell,
    auth,
    by,
    cases,
    everyone,
    leaks,
    only,
    rows,
    schema_operations,
)
from hearthside.circles.models import Circle
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share

if TYPE_CHECKING:
    from conftest import Entries, Personas

# Who may read each piece of text in the `entries` fixture. Anyone else must never receive it,
# in any response, from any route.
READERS = {
    "Alex's private note": {"alex"},
    "Sam's private note": {"sam"},
    "Alex to partners: work is heavy this week": {"alex", "sam"},
    "Sam hears: it's heavy": {"alex", "sam"},
    "Sam to partners: I loved Sunday": {"alex", "sam"},
    "Alex to friends: nervous about the climb": {"alex", "robin"},
    "Robin: makes sense to be nervous": {"alex", "robin"},
    # Email addresses are for their owner only (members see names).
    "alex@example.com": {"alex"},
    "sam@example.com": {"sam"},
    "robin@example.com": {"robin"},
    "olive@example.com": {"olive"},
}


REPLY = {"reflect": "I hear how much this matters"}
THANKS = {"text": "Thank you for hearing me"}

ROUTES = [
    # Me and my circles
    Route("get", "/me", everyone(200)),
    Route("get", "/circles", everyone(200)),
    Route("post", "/circles", everyone(201), {"name": "A new circle"}),
    Route("get", "/circles/{partners}", only({"alex", "sam"})),
    Route("get", "/circles/{friends}", only({"alex", "robin"})),
    Route("get", "/circles/{missing}", everyone(404)),
    # Check-ins: private to their author, always.
    Route("get", "/checkins", everyone(200)),
    Route("post", "/checkins", everyone(201), {"note": "A new private note"}),
    Route("get", "/checkins/{alex_private_checkin}", only({"alex"})),
    Route("get", "/checkins/{sam_private_checkin}", only({"sam"})),
    Route("get", "/checkins/{missing}", everyone(404)),
    # Shares
    Route("get", "/shares", everyone(200)),
    Route("get", "/shares?circle={partners}", everyone(200)),
    Route("get", "/shares?circle={friends}", everyone(200)),
    Route("post", "/shares", only({"alex", "sam"}, 201), {"circle": "{partners}", "text": "New"}),
    Route("post", "/shares", only({"alex", "robin"}, 201), {"circle": "{friends}", "text": "New"}),
    Route("post", "/shares", everyone(404), {"circle": "{missing}", "text": "New"}),
    Route(
        "post",
        "/shares",
        only({"alex"}, 201),
        {"circle": "{partners}", "text": "New", "checkin": "{alex_private_checkin}"},
    ),
    Route(
        "post",
        "/shares",
        only({"sam"}, 201),
        {"circle": "{partners}", "text": "New", "checkin": "{sam_private_checkin}"},
    ),
    Route("get", "/shares/{alex_share_partners}", only({"alex", "sam"})),
    Route("get", "/shares/{alex_share_friends}", only({"alex", "robin"})),
    Route("get", "/shares/{sam_share_partners}", only({"alex", "sam"})),
    Route("get", "/shares/{missing}", everyone(404)),
    Route("post", "/shares/{alex_share_partners}/withdraw", only({"alex"})),
    Route("post", "/shares/{alex_share_friends}/withdraw", only({"alex"})),
    Route("post", "/shares/{sam_share_partners}/withdraw", only({"sam"})),
    Route("post", "/shares/{missing}/withdraw", everyone(404)),
    # Replies
    Route("get", "/shares/{alex_share_partners}/replies", only({"alex", "sam"})),
    Route("get", "/shares/{alex_share_friends}/replies", only({"alex", "robin"})),
    Route("get", "/shares/{missing}/replies", everyone(404)),
    Route("post", "/shares/{alex_share_partners}/replies", by(alex=409, sam=201), REPLY),
    Route("post", "/shares/{alex_share_friends}/replies", by(alex=409, robin=201), REPLY),
    Route("post", "/shares/{sam_share_partners}/replies", by(alex=201, sam=409), REPLY),
    Route("post", "/shares/{missing}/replies", everyone(404), REPLY),
    Route("post", "/replies/{sam_reply}/felt-heard", by(alex=200, sam=403)),
    Route("delete", "/replies/{sam_reply}/felt-heard", by(alex=200, sam=403)),
    Route("post", "/replies/{robin_reply}/felt-heard", by(alex=200, robin=403)),
    Route("delete", "/replies/{robin_reply}/felt-heard", by(alex=200, robin=403)),
    Route("post", "/replies/{missing}/felt-heard", everyone(404)),
    Route("post", "/replies/{sam_reply}/thanks", by(alex=201, sam=403), THANKS),
    Route("post", "/replies/{robin_reply}/thanks", by(alex=201, robin=403), THANKS),
    Route("post", "/replies/{missing}/thanks", everyone(404), THANKS),
    # The coach reads only the text in the request and stores nothing, so every signed-in
    # person gets an answer (and anonymous callers 401, like everywhere).
    Route("post", "/coach/analyze", everyone(200), {"text": "You never listen to me."}),
]


def _ids(people: Personas, entries: Entries) -> dict[str, int]:
    ids = {name: obj.pk for name, obj in vars(entries).items()}
    return {**ids, "partners": people.partners.pk, "friends": people.friends.pk, "missing": MISSING}


# Everything a refused call must leave exactly as it was.
STATE = rows(Circle, CheckIn, Share, Reply, Appreciation)


@pytest.mark.parametrize(("persona", "route"), cases(ROUTES))
def test_each_persona_gets_exactly_what_the_privacy_rule_allows_and_nothing_private(
    client: Client, people: Personas, entries: Entries, persona: str, route: Route
) -> None:
    ids = _ids(people, entries)
    assert_cell(client, people, persona, route, ids, state=STATE, readers=READERS)


def test_the_matrix_covers_every_route_the_api_has(client: Client, db: None) -> None:
    # Repair and ritual routes have their own matrices (test_repair_privacy_api.py,
    # test_rituals_privacy_api.py), and so does each practice under /api/v1/<practice>/ (in
    # hearthside/<practice>/tests/); each checks that it covers every one of its routes, so
    # together the files leave no route unchecked.
    theirs = re.compile(
        r"/(agreement|pauses|ruptures|apology|commitments|rituals|channels|notifications)\b"
        r"|^/api/v1/(needs|boundaries|values|stress|calm|pacing|appreciations|insights|summaries|data)/"
    )
    assert schema_operations(client, theirs, matching=False) == {
        (route.method, route.template) for route in ROUTES
    }


def test_no_route_answers_403_to_someone_who_cannot_see_the_thing() -> None:
    # 403 is only allowed where the persona can read the share the reply belongs to.
    can_read_thread = {"sam_reply": {"alex", "sam"}, "robin_reply": {"alex", "robin"}}
    for route in ROUTES:
        for persona, status in route.expect.items():
            if status == 403:
                reply = re.search(r"\{(\w+_reply)\}", route.path)
                assert reply is not None, route.name
                assert persona in can_read_thread[reply.group(1)], (persona, route.name)


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_guessing_check_in_ids_finds_nothing_but_my_own(
    client: Client, people: Personas, entries: Entries, persona: str
) -> None:
    me = getattr(people, persona)
    headers = auth(getattr(people, persona))
    highest = CheckIn.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    mine = set(CheckIn.objects.filter(author=me).values_list("pk", flat=True))
    for guess in [0, -1, *range(1, highest + 5), 2**63]:
        response = client.get(f"{API}/checkins/{guess}", **headers)
        assert response.status_code == (200 if guess in mine else 404), guess
        if guess not in mine:
            assert leaks(READERS, persona, response.content.decode()) == []


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("sam", {"alex_share_partners", "sam_share_partners"}),
        ("robin", {"alex_share_friends"}),
        ("olive", set()),
    ],
)
def test_guessing_share_ids_finds_only_shares_in_my_circles(
    client: Client, people: Personas, entries: Entries, persona: str, visible: set[str]
) -> None:
    headers = auth(getattr(people, persona))
    allowed = {getattr(entries, name).pk for name in visible}
    highest = Share.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for guess in range(1, highest + 5):
        for suffix in ("", "/replies"):
            response = client.get(f"{API}/shares/{guess}{suffix}", **headers)
            assert response.status_code == (200 if guess in allowed else 404), (guess, suffix)
            assert leaks(READERS, persona, response.content.decode()) == []


@pytest.mark.parametrize(
    ("persona", "replies"),
    [("robin", ["sam_reply"]), ("sam", ["robin_reply"]), ("olive", ["sam_reply", "robin_reply"])],
)
def test_guessing_reply_ids_in_other_circles_is_always_not_found(
    client: Client, people: Personas, entries: Entries, persona: str, replies: list[str]
) -> None:
    headers = auth(getattr(people, persona))
    for reply in replies:
        pk = getattr(entries, reply).pk
        for method in ("post", "delete"):
            response = getattr(client, method)(f"{API}/replies/{pk}/felt-heard", **headers)
            assert response.status_code == 404, (reply, method)
        response = client.post(f"{API}/replies/{pk}/thanks", THANKS, "application/json", **headers)
        assert response.status_code == 404, reply
        assert leaks(READERS, persona, response.content.decode()) == []
    assert not Appreciation.objects.exists()


def test_a_withdrawn_share_vanishes_from_every_route_for_everyone_but_its_author(
    client: Client, people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    withdraw = f"{API}/shares/{share.pk}/withdraw"
    assert client.post(withdraw, **auth(people.alex)).status_code == 200
    for persona in ["sam", "robin", "olive"]:
        headers = auth(getattr(people, persona))
        for path in ("/shares", f"/shares/{share.pk}", f"/shares/{share.pk}/replies"):
            response = client.get(API + path, **headers)
            assert response.status_code == (200 if path == "/shares" else 404), (persona, path)
            body = response.content.decode()
            assert "work is heavy" not in body, (persona, path)
            assert "Sam hears" not in body, (persona, path)
        reply = f"{API}/replies/{entries.sam_reply.pk}/felt-heard"
        assert client.post(reply, **headers).status_code == 404
    # The author keeps their own words.
    response = client.get(f"{API}/shares/{share.pk}", **auth(people.alex))
    assert response.status_code == 200
    assert "work is heavy" in response.content.decode()
