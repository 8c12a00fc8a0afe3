"""/api/v1/circles: the circles I am in, and making a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.utils import timezone

from hearthside.api.tests.helpers import auth
from hearthside.circles.models import Circle, Membership

if TYPE_CHECKING:
    from conftest import Personas

URL = "/api/v1/circles"


def _names(response: Any) -> list[str]:
    return [c["name"] for c in response.json()]


def test_it_lists_the_circles_i_am_in_with_their_members(client: Client, people: Personas) -> None:
    response = client.get(URL, **auth(people.alex))
    assert response.status_code == 200
    by_name = {c["name"]: c for c in response.json()}
    assert set(by_name) == {"Alex & Sam", "Climbing friends"}
    partners = by_name["Alex & Sam"]
    assert partners["id"] == people.partners.pk
    assert partners["kind"] == "partners"
    assert sorted(m["name"] for m in partners["members"]) == ["Alex", "Sam"]
    assert sorted(m["name"] for m in by_name["Climbing friends"]["members"]) == ["Alex", "Robin"]


@pytest.mark.parametrize(
    ("persona", "circles"),
    [
        ("alex", ["Alex & Sam", "Climbing friends"]),
        ("sam", ["Alex & Sam"]),
        ("robin", ["Climbing friends"]),
        ("olive", []),
    ],
)
def test_each_person_sees_only_their_own_circles(
    client: Client, people: Personas, persona: str, circles: list[str]
) -> None:
    response = client.get(URL, **auth(getattr(people, persona)))
    assert response.status_code == 200
    assert sorted(_names(response)) == circles


def test_member_lists_show_names_but_never_email_addresses(
    client: Client, people: Personas
) -> None:
    body = client.get(URL, **auth(people.sam)).content.decode()
    assert "@example.com" not in body
    member = client.get(URL, **auth(people.sam)).json()[0]["members"][0]
    assert set(member) == {"id", "name"}


def test_it_shows_one_of_my_circles(client: Client, people: Personas) -> None:
    response = client.get(f"{URL}/{people.friends.pk}", **auth(people.robin))
    assert response.status_code == 200
    assert response.json()["name"] == "Climbing friends"


@pytest.mark.parametrize(("persona", "circle"), [("sam", "friends"), ("robin", "partners")])
def test_a_circle_i_am_not_in_is_not_found(
    client: Client, people: Personas, persona: str, circle: str
) -> None:
    circle_id = getattr(people, circle).pk
    response = client.get(f"{URL}/{circle_id}", **auth(getattr(people, persona)))
    assert response.status_code == 404


def test_an_outsider_cannot_tell_a_real_circle_from_a_missing_one(
    client: Client, people: Personas
) -> None:
    real = client.get(f"{URL}/{people.partners.pk}", **auth(people.olive))
    missing = client.get(f"{URL}/999999", **auth(people.olive))
    assert real.status_code == missing.status_code == 404
    assert real.content == missing.content


def test_after_leaving_a_circle_it_is_gone_from_my_list(client: Client, people: Personas) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    headers = auth(people.sam)
    assert _names(client.get(URL, **headers)) == []
    assert client.get(f"{URL}/{people.partners.pk}", **headers).status_code == 404
    # ...and the ones who stayed no longer see them listed as a member.
    members = client.get(f"{URL}/{people.partners.pk}", **auth(people.alex)).json()["members"]
    assert [m["name"] for m in members] == ["Alex"]


def test_it_creates_a_circle_with_me_as_its_only_member(client: Client, people: Personas) -> None:
    response = client.post(
        URL, {"name": "Family", "kind": "family"}, "application/json", **auth(people.olive)
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Family"
    assert body["kind"] == "family"
    assert body["members"] == [{"id": people.olive.pk, "name": "Olive"}]
    circle = Circle.objects.get(pk=body["id"])
    assert circle.memberships.get().person == people.olive
    assert sorted(_names(client.get(URL, **auth(people.olive)))) == ["Family"]
    # Nobody else sees it.
    assert client.get(f"{URL}/{circle.pk}", **auth(people.alex)).status_code == 404


def test_a_new_circle_is_for_partners_unless_told_otherwise(
    client: Client, people: Personas
) -> None:
    response = client.post(URL, {"name": "Us"}, "application/json", **auth(people.olive))
    assert response.status_code == 201
    assert response.json()["kind"] == "partners"


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"name": ""},
        {"name": "x" * 81},
        {"name": "Us", "kind": "enemies"},
        {"name": None},
    ],
    ids=["empty", "blank-name", "long-name", "unknown-kind", "null-name"],
)
def test_it_refuses_a_circle_without_a_proper_name_or_kind(
    client: Client, people: Personas, payload: dict[str, Any]
) -> None:
    response = client.post(URL, payload, "application/json", **auth(people.olive))
    assert response.status_code == 422
    assert not Circle.objects.filter(created_by=people.olive).exists()


def test_it_refuses_a_body_that_is_not_json(client: Client, people: Personas) -> None:
    response = client.post(URL, "name=Us", "application/json", **auth(people.olive))
    assert response.status_code == 400
    assert not Circle.objects.filter(created_by=people.olive).exists()


def test_it_refuses_a_circle_name_of_only_spaces(client: Client, people: Personas) -> None:
    response = client.post(URL, {"name": "   "}, "application/json", **auth(people.olive))
    assert response.status_code == 422
    assert not Circle.objects.filter(created_by=people.olive).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_circles_cannot_be_replaced_or_deleted_through_the_api(
    client: Client, people: Personas, method: str
) -> None:
    response = getattr(client, method)(f"{URL}/{people.partners.pk}", **auth(people.alex))
    assert response.status_code == 405
    assert Circle.objects.filter(pk=people.partners.pk).exists()
