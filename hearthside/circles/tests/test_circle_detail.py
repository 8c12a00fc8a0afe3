"""A circle's page: who is in it and what was shared there, as the privacy rule allows."""

from __future__ import annotations

import html
from typing import Any

import pytest

from hearthside.circles.actions import leave_circle
from hearthside.practice.actions import withdraw_share
from hearthside.practice.models import Appreciation


def url(circle) -> str:
    return f"/circles/{circle.pk}/"


def page(response: Any) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_other_methods(people, method):
    response = getattr(people.client("alex"), method)(url(people.partners))
    assert response.status_code == 405


def test_it_sends_anonymous_visitors_to_sign_in(people):
    response = people.client("anonymous").get(url(people.partners))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url(people.partners)}"


@pytest.mark.parametrize("name", ["olive", "robin"])
def test_it_is_not_found_for_people_outside_the_circle(people, entries, name):
    response = people.client(name).get(url(people.partners))
    assert response.status_code == 404
    assert "Alex to partners" not in page(response)


def test_it_is_not_found_for_a_circle_that_does_not_exist(people):
    response = people.client("alex").get("/circles/99999/")
    assert response.status_code == 404


def test_it_is_not_found_after_i_leave(people, entries):
    leave_circle(people.sam, people.partners)
    assert people.client("sam").get(url(people.partners)).status_code == 404


def test_it_lists_the_members_and_marks_me(people):
    text = page(people.client("sam").get(url(people.partners)))
    assert "<h1>Alex & Sam</h1>" in text
    assert "<li>Alex</li>" in text
    assert "<li>Sam (you)</li>" in text
    assert "Robin" not in text
    assert "Olive" not in text


def test_it_no_longer_lists_someone_who_left(people):
    leave_circle(people.robin, people.friends)
    text = page(people.client("alex").get(url(people.friends)))
    assert "<li>Alex (you)</li>" in text
    assert "Robin" not in text


def test_it_shows_what_both_partners_shared_here(people, entries):
    text = page(people.client("sam").get(url(people.partners)))
    assert "Alex to partners: work is heavy this week" in text
    assert "Sam to partners: I loved Sunday" in text


def test_it_hides_what_was_shared_with_another_circle(people, entries):
    partners = page(people.client("alex").get(url(people.partners)))
    friends = page(people.client("robin").get(url(people.friends)))
    assert "Alex to friends" not in partners
    assert "Alex to partners" not in friends
    assert "Sam to partners" not in friends


def test_it_never_shows_private_check_ins(people, entries):
    for name in ("alex", "sam"):
        text = page(people.client(name).get(url(people.partners)))
        assert "Alex's private note" not in text
        assert "Sam's private note" not in text


def test_it_hides_a_withdrawn_share_from_the_others(people, entries):
    withdraw_share(people.alex, entries.alex_share_partners)
    text = page(people.client("sam").get(url(people.partners)))
    assert "Alex to partners" not in text
    assert "Sam to partners: I loved Sunday" in text


def test_it_hides_shares_of_someone_who_left(people, entries):
    leave_circle(people.sam, people.partners)
    text = page(people.client("alex").get(url(people.partners)))
    assert "Sam to partners" not in text
    assert "Alex to partners: work is heavy this week" in text


def test_it_says_so_when_nothing_is_shared_yet(people):
    text = page(people.client("robin").get(url(people.friends)))
    assert "Nothing shared here yet." in text


def test_it_shows_thank_yous_to_members_only(people, entries):
    Appreciation.objects.create(
        author=people.alex, circle=people.partners, recipient=people.sam, text="Thank you, Sam"
    )
    assert "Thank you, Sam" in page(people.client("sam").get(url(people.partners)))
    assert "Thank you, Sam" not in page(people.client("robin").get(url(people.friends)))
