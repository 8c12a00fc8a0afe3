"""/api/v1/shares: sharing with one circle, reading what was shared with me, withdrawing."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from conftest import CURRENT_TIME
from hearthside.api.tests.helpers import auth
from hearthside.circles.models import Membership
from hearthside.practice.models import Share

if TYPE_CHECKING:
    from conftest import Entries, Personas

URL = "/api/v1/shares"


def post(client: Client, person: Any, path: str, payload: Any = None) -> Any:
    return client.post(path, payload or {}, "application/json", **auth(person))


def _ids(response: Any) -> list[int]:
    return [s["id"] for s in response.json()]


# Creating


def test_i_can_share_with_a_circle_i_am_in(client: Client, people: Personas) -> None:
    response = post(
        client,
        people.alex,
        URL,
        {
            "circle": people.partners.pk,
            "text": "  Long day, glad to be home  ",
            "feelings": ["tired"],
            "depth": "medium",
            "wants": "reassurance",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["circle_id"] == people.partners.pk
    assert body["author"] == {"id": people.alex.pk, "name": "Alex"}
    assert body["text"] == "Long day, glad to be home"
    assert body["feelings"] == ["tired"]
    assert (body["depth"], body["wants"]) == ("medium", "reassurance")
    assert body["withdrawn_at"] is None
    share = Share.objects.get(pk=body["id"])
    assert share.author == people.alex
    assert share.circle == people.partners
    assert share.created_at == CURRENT_TIME
    # My partner can read it now.
    assert client.get(f"{URL}/{share.pk}", **auth(people.sam)).status_code == 200


def test_a_share_is_light_and_just_listen_unless_told_otherwise(
    client: Client, people: Personas
) -> None:
    body = post(client, people.sam, URL, {"circle": people.partners.pk, "text": "Hi"}).json()
    assert (body["depth"], body["wants"]) == ("light", "just-listen")


@pytest.mark.parametrize(("persona", "circle"), [("sam", "friends"), ("robin", "partners")])
def test_sharing_with_a_circle_i_am_not_in_is_not_found(
    client: Client, people: Personas, persona: str, circle: str
) -> None:
    response = post(
        client, getattr(people, persona), URL, {"circle": getattr(people, circle).pk, "text": "Hi"}
    )
    assert response.status_code == 404
    assert not Share.objects.exists()


def test_sharing_with_a_circle_i_have_left_is_not_found(client: Client, people: Personas) -> None:
    Membership.objects.filter(person=people.sam).update(left_at=timezone.now())
    response = post(client, people.sam, URL, {"circle": people.partners.pk, "text": "Hi"})
    assert response.status_code == 404


def test_sharing_with_a_circle_that_does_not_exist_is_not_found(
    client: Client, people: Personas
) -> None:
    assert post(client, people.alex, URL, {"circle": 999999, "text": "Hi"}).status_code == 404


def test_i_can_share_from_my_own_check_in_without_revealing_its_note(
    client: Client, people: Personas, entries: Entries
) -> None:
    checkin = entries.alex_private_checkin
    response = post(
        client,
        people.alex,
        URL,
        {"circle": people.partners.pk, "text": "Rough week", "checkin": checkin.pk},
    )
    assert response.status_code == 201
    share = Share.objects.get(pk=response.json()["id"])
    assert share.checkin == checkin
    for persona in (people.alex, people.sam):
        body = client.get(f"{URL}/{share.pk}", **auth(persona)).content.decode()
        assert "Alex's private note" not in body
    # The check-in itself stays private.
    assert client.get(f"/api/v1/checkins/{checkin.pk}", **auth(people.sam)).status_code == 404


def test_sharing_someone_elses_check_in_is_not_found(
    client: Client, people: Personas, entries: Entries
) -> None:
    response = post(
        client,
        people.sam,
        URL,
        {"circle": people.partners.pk, "text": "Look", "checkin": entries.alex_private_checkin.pk},
    )
    assert response.status_code == 404
    assert "Alex's private note" not in response.content.decode()
    assert not Share.objects.filter(author=people.sam, text="Look").exists()


def test_sharing_a_check_in_that_does_not_exist_is_not_found(
    client: Client, people: Personas
) -> None:
    response = post(
        client, people.alex, URL, {"circle": people.partners.pk, "text": "Hi", "checkin": 999999}
    )
    assert response.status_code == 404
    assert not Share.objects.exists()


# Stands for the partners circle's id, which only exists once the personas do.
PARTNERS = "<partners>"


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"text": "Hi"},
        {"circle": "partners", "text": "Hi"},
        {"circle": PARTNERS},
        {"circle": PARTNERS, "text": ""},
        {"circle": PARTNERS, "text": "x" * 10001},
        {"circle": PARTNERS, "text": "Hi", "feelings": ["hangry-ish"]},
        {"circle": PARTNERS, "text": "Hi", "depth": "bottomless"},
        {"circle": PARTNERS, "text": "Hi", "wants": "advice"},
    ],
    ids=[
        "empty",
        "no-circle",
        "circle-not-an-id",
        "no-text",
        "blank-text",
        "long-text",
        "unknown-feeling",
        "unknown-depth",
        "unknown-wants",
    ],
)
def test_it_refuses_an_incomplete_or_unknown_share(
    client: Client, people: Personas, payload: dict[str, Any]
) -> None:
    payload = {k: people.partners.pk if v == PARTNERS else v for k, v in payload.items()}
    response = post(client, people.alex, URL, payload)
    assert response.status_code == 422
    assert not Share.objects.exists()


def test_an_unknown_feeling_is_named_in_the_error(client: Client, people: Personas) -> None:
    response = post(
        client,
        people.alex,
        URL,
        {"circle": people.partners.pk, "text": "Hi", "feelings": ["hangry-ish"]},
    )
    assert response.status_code == 422
    assert "unknown feelings: hangry-ish" in response.content.decode()


def test_a_share_of_only_spaces_is_refused(client: Client, people: Personas) -> None:
    response = post(client, people.alex, URL, {"circle": people.partners.pk, "text": "   "})
    assert response.status_code == 422
    assert not Share.objects.exists()


# Reading


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alex", ["sam_share_partners", "alex_share_friends", "alex_share_partners"]),
        ("sam", ["sam_share_partners", "alex_share_partners"]),
        ("robin", ["alex_share_friends"]),
        ("olive", []),
    ],
)
def test_the_list_shows_exactly_what_each_person_may_see(
    client: Client, people: Personas, entries: Entries, persona: str, expected: list[str]
) -> None:
    response = client.get(URL, **auth(getattr(people, persona)))
    assert response.status_code == 200
    assert _ids(response) == [getattr(entries, name).pk for name in expected]


@pytest.mark.parametrize(
    ("persona", "circle", "expected"),
    [
        ("alex", "partners", ["sam_share_partners", "alex_share_partners"]),
        ("alex", "friends", ["alex_share_friends"]),
        ("sam", "friends", []),
        ("robin", "partners", []),
        ("olive", "partners", []),
    ],
)
def test_the_list_can_be_narrowed_to_one_circle_but_never_widened(
    client: Client,
    people: Personas,
    entries: Entries,
    persona: str,
    circle: str,
    expected: list[str],
) -> None:
    response = client.get(
        URL, {"circle": getattr(people, circle).pk}, **auth(getattr(people, persona))
    )
    assert response.status_code == 200
    assert _ids(response) == [getattr(entries, name).pk for name in expected]


def test_the_list_pages_with_limit_and_offset(
    client: Client, people: Personas, entries: Entries
) -> None:
    headers = auth(people.alex)
    everything = _ids(client.get(URL, **headers))
    assert _ids(client.get(URL, {"limit": 1, "offset": 1}, **headers)) == everything[1:2]
    refused = client.get(URL, {"limit": 0}, **headers)
    assert refused.status_code == 422
    assert "limit" in str(refused.json()["detail"])


@pytest.mark.parametrize(
    "query",
    [{"offset": "-1"}, {"offset": str(10**20)}, {"circle": str(10**20)}],
    ids=["negative-offset", "huge-offset", "huge-circle"],
)
def test_impossible_list_parameters_are_refused_not_a_server_error(
    client: Client, people: Personas, entries: Entries, query: dict[str, str]
) -> None:
    client.raise_request_exception = False
    response = client.get(URL, query, **auth(people.olive))
    # Clamping or an empty list (200) and refusing (422) are all fine; crashing is not.
    assert response.status_code in {200, 422}


def test_a_share_shows_its_replies(client: Client, people: Personas, entries: Entries) -> None:
    response = client.get(f"{URL}/{entries.alex_share_partners.pk}", **auth(people.sam))
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == "Alex to partners: work is heavy this week"
    assert [r["id"] for r in body["replies"]] == [entries.sam_reply.pk]
    assert body["replies"][0]["reflect"] == "Sam hears: it's heavy"
    # The feelings of the check-in behind it stay private ("tired" was only in the check-in).
    assert body["feelings"] == ["anxious"]
    assert "tired" not in response.content.decode()
    assert "Alex's private note" not in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "share", "status"),
    [
        ("sam", "alex_share_friends", 404),
        ("robin", "alex_share_partners", 404),
        ("robin", "sam_share_partners", 404),
        ("olive", "alex_share_partners", 404),
        ("alex", "sam_share_partners", 200),
    ],
)
def test_a_share_in_a_circle_i_am_not_in_is_not_found(
    client: Client, people: Personas, entries: Entries, persona: str, share: str, status: int
) -> None:
    response = client.get(f"{URL}/{getattr(entries, share).pk}", **auth(getattr(people, persona)))
    assert response.status_code == status


def test_when_the_author_leaves_the_circle_their_shares_disappear(
    client: Client, people: Personas, entries: Entries
) -> None:
    Membership.objects.filter(person=people.alex, circle=people.partners).update(
        left_at=timezone.now()
    )
    headers = auth(people.sam)
    assert client.get(f"{URL}/{entries.alex_share_partners.pk}", **headers).status_code == 404
    assert _ids(client.get(URL, **headers)) == [entries.sam_share_partners.pk]


# Withdrawing


def test_the_author_can_withdraw_a_share(
    client: Client, people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    response = post(client, people.alex, f"{URL}/{share.pk}/withdraw")
    assert response.status_code == 200
    assert response.json()["withdrawn_at"].startswith("2026-03-04T10:30:00")
    share.refresh_from_db()
    assert share.withdrawn_at == CURRENT_TIME


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_only_the_author_can_withdraw_a_share(
    client: Client, people: Personas, entries: Entries, persona: str
) -> None:
    share = entries.alex_share_partners
    response = post(client, getattr(people, persona), f"{URL}/{share.pk}/withdraw")
    assert response.status_code == 404
    share.refresh_from_db()
    assert share.withdrawn_at is None


def test_withdrawing_twice_keeps_the_first_moment(
    client: Client, people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    post(client, people.alex, f"{URL}/{share.pk}/withdraw")
    with time_machine.travel(CURRENT_TIME + timedelta(hours=1), tick=False):
        assert post(client, people.alex, f"{URL}/{share.pk}/withdraw").status_code == 200
    share.refresh_from_db()
    assert share.withdrawn_at == CURRENT_TIME


def test_after_withdrawing_the_share_and_its_replies_are_gone_for_everyone_else(
    client: Client, people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    post(client, people.alex, f"{URL}/{share.pk}/withdraw")
    sam = auth(people.sam)
    for path in (f"{URL}/{share.pk}", f"{URL}/{share.pk}/replies"):
        response = client.get(path, **sam)
        assert response.status_code == 404
    listing = client.get(URL, **sam)
    assert _ids(listing) == [entries.sam_share_partners.pk]
    assert "work is heavy" not in listing.content.decode()
    # Even Sam's own reply in that thread is out of reach.
    reply = entries.sam_reply.pk
    assert post(client, people.sam, f"/api/v1/replies/{reply}/felt-heard").status_code == 404
    assert (
        post(client, people.sam, f"{URL}/{share.pk}/replies", {"reflect": "Still here"}).status_code
        == 404
    )


def test_after_withdrawing_the_author_still_sees_it_marked_withdrawn(
    client: Client, people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    post(client, people.alex, f"{URL}/{share.pk}/withdraw")
    response = client.get(f"{URL}/{share.pk}", **auth(people.alex))
    assert response.status_code == 200
    assert response.json()["withdrawn_at"] is not None


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_shares_cannot_be_edited_or_deleted_through_the_api(
    client: Client, people: Personas, entries: Entries, method: str
) -> None:
    share = entries.alex_share_partners
    response = getattr(client, method)(f"{URL}/{share.pk}", **auth(people.alex))
    assert response.status_code == 405
    share.refresh_from_db()
    assert share.withdrawn_at is None


def test_withdraw_only_answers_post(client: Client, people: Personas, entries: Entries) -> None:
    share = entries.alex_share_partners
    response = client.get(f"{URL}/{share.pk}/withdraw", **auth(people.alex))
    assert response.status_code == 405
    share.refresh_from_db()
    assert share.withdrawn_at is None
