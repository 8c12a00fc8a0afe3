"""Leaving a circle: asked once, then done, and what was shared there stops flowing both ways."""

from __future__ import annotations

import html
from typing import Any

import pytest

from hearthside.circles.models import Membership


def url(circle) -> str:
    return f"/circles/{circle.pk}/leave/"


def page(response: Any) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def is_member(person, circle) -> bool:
    return Membership.objects.active().filter(person=person, circle=circle).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_refuses_other_methods(people, method):
    response = getattr(people.client("sam"), method)(url(people.partners))
    assert response.status_code == 405
    assert is_member(people.sam, people.partners)


def test_it_sends_anonymous_visitors_to_sign_in(people):
    for method in ("get", "post"):
        response = getattr(people.client("anonymous"), method)(url(people.partners))
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url(people.partners)}"


@pytest.mark.parametrize("name", ["olive", "robin"])
def test_it_is_not_found_for_people_outside_the_circle(people, name):
    client = people.client(name)
    assert client.get(url(people.partners)).status_code == 404
    assert client.post(url(people.partners)).status_code == 404
    assert Membership.objects.active().filter(circle=people.partners).count() == 2


def test_it_asks_before_leaving(people):
    response = people.client("sam").get(url(people.partners))
    text = page(response)
    assert response.status_code == 200
    assert "Leave Alex & Sam?" in text
    assert "you don't owe anyone an explanation" in text
    assert "Your private check-ins stay with you." in text
    assert f'href="/circles/{people.partners.pk}/"' in text  # "Stay"
    assert is_member(people.sam, people.partners)


def test_leaving_takes_me_to_my_circles_with_a_kind_word(people):
    response = people.client("sam").post(url(people.partners), follow=True)
    text = page(response)
    assert response.redirect_chain == [("/circles/", 302)]
    assert "You've left Alex & Sam." in text
    assert "You're not in any circle yet." in text
    assert not is_member(people.sam, people.partners)


def test_leaving_keeps_the_record_of_having_been_there(people):
    people.client("sam").post(url(people.partners))
    membership = Membership.objects.get(person=people.sam, circle=people.partners)
    assert membership.left_at is not None


def test_after_leaving_the_circle_itself_is_not_found(people):
    client = people.client("sam")
    client.post(url(people.partners))
    assert client.get(f"/circles/{people.partners.pk}/").status_code == 404
    assert client.get(url(people.partners)).status_code == 404
    assert client.post(url(people.partners)).status_code == 404


def test_after_leaving_i_no_longer_see_what_my_partner_shared(people, entries):
    client = people.client("sam")
    client.post(url(people.partners))
    assert client.get(f"/shares/{entries.alex_share_partners.pk}/").status_code == 404
    assert "Alex to partners" not in page(client.get("/"))


def test_after_leaving_my_partner_no_longer_sees_what_i_shared(people, entries):
    people.client("sam").post(url(people.partners))
    alex = people.client("alex")
    assert alex.get(f"/shares/{entries.sam_share_partners.pk}/").status_code == 404
    assert "Sam to partners" not in page(alex.get(f"/circles/{people.partners.pk}/"))
    assert "Sam to partners" not in page(alex.get("/"))


def test_after_leaving_my_replies_are_gone_from_the_thread(people, entries):
    people.client("sam").post(url(people.partners))
    text = page(people.client("alex").get(f"/shares/{entries.alex_share_partners.pk}/"))
    assert "Alex to partners: work is heavy this week" in text
    assert "Sam hears" not in text


def test_after_leaving_my_partner_no_longer_lists_me(people):
    people.client("sam").post(url(people.partners))
    text = page(people.client("alex").get(f"/circles/{people.partners.pk}/"))
    assert "<li>Alex (you)</li>" in text
    assert "<li>Sam</li>" not in text


def test_leaving_keeps_everyone_s_private_check_ins_as_they_were(people, entries):
    people.client("sam").post(url(people.partners))
    sam, alex = people.client("sam"), people.client("alex")
    assert "Sam's private note" in page(sam.get(f"/checkins/{entries.sam_private_checkin.pk}/"))
    assert "Alex's private note" in page(alex.get(f"/checkins/{entries.alex_private_checkin.pk}/"))
    assert sam.get(f"/checkins/{entries.alex_private_checkin.pk}/").status_code == 404
    assert alex.get(f"/checkins/{entries.sam_private_checkin.pk}/").status_code == 404


def test_i_still_see_what_i_shared_there_myself(people, entries):
    sam = people.client("sam")
    sam.post(url(people.partners))
    assert "Sam to partners: I loved Sunday" in page(
        sam.get(f"/shares/{entries.sam_share_partners.pk}/")
    )


def test_leaving_one_circle_leaves_my_other_circles_alone(people, entries):
    people.client("alex").post(url(people.partners))
    robin = people.client("robin")
    assert "Alex to friends" in page(robin.get(f"/circles/{people.friends.pk}/"))
    assert is_member(people.alex, people.friends)
    assert "Climbing friends" in page(people.client("alex").get("/circles/"))
