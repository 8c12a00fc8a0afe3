"""Invite links: made by a member, shown once, stored hashed, used once, good for 7 days."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from conftest import CURRENT_TIME, PASSWORD
from hearthside.accounts.models import Person
from hearthside.circles.actions import leave_circle
from hearthside.circles.models import Circle, Invite, Membership
from hearthside.practice.models import Share

LINK = re.compile(r'value="http://testserver/invite/([A-Za-z0-9_-]+)/"')
WELCOME_TO_FRIENDS = "Welcome to Climbing friends."
ALREADY_USED = "This invite has already been used. Each link lets one person in."
EXPIRED = "This invite has expired (links last 7 days). Ask for a new one."
TAKEN_BACK = "This invite was taken back. Ask for a new one if you'd like to join."
DOES_NOT_WORK = "This invite link doesn't work. Ask for a fresh one."


def page(response: Any) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def make_invite(client: Client, circle: Circle) -> str:
    """Press "Make an invite link" on the circle page and copy the link's token."""
    response = client.post(f"/circles/{circle.pk}/invite/", follow=True)
    match = LINK.search(response.content.decode())
    assert match, "the new invite link is shown on the circle page"
    return match.group(1)


def is_member(person: Person, circle: Circle) -> bool:
    return Membership.objects.active().filter(person=person, circle=circle).exists()


# --- Making a link -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_making_a_link_refuses_other_methods(people, method):
    response = getattr(people.client("alex"), method)(f"/circles/{people.friends.pk}/invite/")
    assert response.status_code == 405
    assert not Invite.objects.exists()


def test_making_a_link_sends_anonymous_visitors_to_sign_in(people):
    response = people.client("anonymous").post(f"/circles/{people.friends.pk}/invite/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Invite.objects.exists()


@pytest.mark.parametrize("name", ["olive", "robin"])
def test_only_members_can_make_a_link(people, name):
    response = people.client(name).post(f"/circles/{people.partners.pk}/invite/")
    assert response.status_code == 404
    assert not Invite.objects.exists()


def test_a_new_link_is_shown_once_on_the_circle_page(people):
    client = people.client("alex")
    response = client.post(f"/circles/{people.friends.pk}/invite/", follow=True)
    text = page(response)
    assert response.redirect_chain == [(f"/circles/{people.friends.pk}/", 302)]
    assert "Send this link to one person. It works once and for 7 days." in text
    assert LINK.search(text)

    again = page(client.get(f"/circles/{people.friends.pk}/"))
    assert not LINK.search(again)
    assert "Make an invite link" in again
    assert "waiting" in again


def test_only_a_hash_of_the_link_is_stored(people):
    client = people.client("alex")
    token = make_invite(client, people.friends)
    invite = Invite.objects.get()
    assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(Invite.objects.values()))
    # Once shown, the link is not kept in the session either.
    assert not any(token in str(value) for value in client.session.values())


def test_a_link_lasts_seven_days(people):
    make_invite(people.client("alex"), people.friends)
    invite = Invite.objects.get()
    assert invite.created_by == people.alex
    assert invite.circle == people.friends
    assert invite.expires_at == CURRENT_TIME + timedelta(days=7)


def test_making_too_many_links_in_an_hour_is_gently_refused(people):
    client = people.client("alex")
    for _ in range(10):
        make_invite(client, people.friends)
    response = client.post(f"/circles/{people.friends.pk}/invite/", follow=True)
    text = page(response)
    assert "You've made a lot of invite links in the last hour." in text
    assert not LINK.search(text)
    assert Invite.objects.count() == 10


def test_links_can_be_made_again_an_hour_later(people):
    client = people.client("alex")
    for _ in range(10):
        make_invite(client, people.friends)
    with time_machine.travel(CURRENT_TIME + timedelta(hours=1, seconds=1), tick=False):
        make_invite(client, people.friends)
    assert Invite.objects.count() == 11


def test_other_members_do_not_see_my_link_or_its_state(people):
    make_invite(people.client("alex"), people.friends)
    text = page(people.client("robin").get(f"/circles/{people.friends.pk}/"))
    assert not LINK.search(text)
    assert "Link made" not in text


# --- Opening a link ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_invite_page_refuses_other_methods(people, method):
    token = make_invite(people.client("alex"), people.friends)
    response = getattr(people.client("olive"), method)(f"/invite/{token}/")
    assert response.status_code == 405
    assert not is_member(people.olive, people.friends)


def test_anonymous_visitors_see_who_invited_them_and_a_way_to_sign_up(people):
    token = make_invite(people.client("alex"), people.friends)
    response = people.client("anonymous").get(f"/invite/{token}/")
    text = page(response)
    assert response.status_code == 200
    assert "Alex invited you to “Climbing friends”" in text
    assert f'href="/accounts/signup/?next=/invite/{token}/"' in text
    assert f'href="/accounts/login/?next=/invite/{token}/"' in text
    assert "You'll see what people share from the moment you join." in text
    assert "Join the circle" not in text


def test_the_invite_page_shows_nothing_from_inside_the_circle(people, entries):
    token = make_invite(people.client("alex"), people.friends)
    for name in ("anonymous", "olive"):
        text = page(people.client(name).get(f"/invite/{token}/"))
        assert "Alex to friends" not in text
        assert "Robin" not in text


def test_anonymous_visitors_cannot_join_by_posting(people):
    token = make_invite(people.client("alex"), people.friends)
    people.client("anonymous").post(f"/invite/{token}/")
    assert Invite.objects.get().used_at is None
    assert Membership.objects.filter(circle=people.friends).count() == 2


def test_a_signed_in_person_can_join_with_a_link(people):
    token = make_invite(people.client("alex"), people.friends)
    client = people.client("olive")
    assert "Join the circle" in page(client.get(f"/invite/{token}/"))

    response = client.post(f"/invite/{token}/", follow=True)
    text = page(response)
    assert response.redirect_chain == [(f"/circles/{people.friends.pk}/", 302)]
    assert WELCOME_TO_FRIENDS in text
    assert "<li>Olive (you)</li>" in text
    assert is_member(people.olive, people.friends)
    invite = Invite.objects.get()
    assert invite.used_by == people.olive
    assert invite.used_at == CURRENT_TIME


def test_the_inviter_sees_the_link_was_used(people):
    token = make_invite(people.client("alex"), people.friends)
    people.client("olive").post(f"/invite/{token}/")
    text = page(people.client("alex").get(f"/circles/{people.friends.pk}/"))
    assert "Link made 4 Mar: used" in text
    assert "Olive" in text


def test_a_member_opening_the_link_goes_to_the_circle(people):
    token = make_invite(people.client("alex"), people.friends)
    response = people.client("robin").get(f"/invite/{token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/circles/{people.friends.pk}/"


def test_a_member_pressing_join_does_not_use_up_the_link(people):
    token = make_invite(people.client("alex"), people.friends)
    response = people.client("robin").post(f"/invite/{token}/", follow=True)
    assert "You're already part of this circle." in page(response)
    assert Invite.objects.get().used_at is None

    people.client("olive").post(f"/invite/{token}/")
    assert is_member(people.olive, people.friends)


def test_a_link_lets_only_one_person_in(people):
    token = make_invite(people.client("alex"), people.friends)
    people.client("olive").post(f"/invite/{token}/")

    response = people.client("sam").post(f"/invite/{token}/")
    assert response.status_code == 410
    assert ALREADY_USED in page(response)
    assert not is_member(people.sam, people.friends)
    assert Invite.objects.get().used_by == people.olive


def test_a_used_link_explains_itself_to_the_next_person(people):
    token = make_invite(people.client("alex"), people.friends)
    people.client("olive").post(f"/invite/{token}/")

    response = people.client("sam").get(f"/invite/{token}/")
    assert response.status_code == 410
    assert "This invite link can't be used" in page(response)
    assert "Join the circle" not in page(response)
    assert people.client("anonymous").get(f"/invite/{token}/").status_code == 404


def test_a_link_still_works_just_before_seven_days(people):
    token = make_invite(people.client("alex"), people.friends)
    with time_machine.travel(CURRENT_TIME + timedelta(days=7, minutes=-1), tick=False):
        people.client("olive").post(f"/invite/{token}/")
    assert is_member(people.olive, people.friends)


def test_a_link_expires_after_seven_days(people):
    token = make_invite(people.client("alex"), people.friends)
    with time_machine.travel(CURRENT_TIME + timedelta(days=7), tick=False):
        response = people.client("olive").post(f"/invite/{token}/")
        assert response.status_code == 410
        assert EXPIRED in page(response)
        assert people.client("olive").get(f"/invite/{token}/").status_code == 410
        assert people.client("anonymous").get(f"/invite/{token}/").status_code == 404
        assert "Link made 4 Mar: expired" in page(
            people.client("alex").get(f"/circles/{people.friends.pk}/")
        )
    assert not is_member(people.olive, people.friends)


@pytest.mark.parametrize("name", ["anonymous", "olive", "alex"])
def test_a_made_up_link_is_not_found(people, name):
    make_invite(people.client("alex"), people.friends)
    response = people.client(name).get("/invite/not-a-real-token/")
    assert response.status_code == 404
    assert "This invite link can't be used" in page(response)


def test_joining_with_a_made_up_link_explains_and_changes_nothing(people):
    make_invite(people.client("alex"), people.friends)
    response = people.client("olive").post("/invite/not-a-real-token/")
    assert DOES_NOT_WORK in page(response)
    assert not Membership.objects.filter(person=people.olive).exists()
    assert Invite.objects.get().used_at is None


def test_leaving_takes_back_my_open_links(people):
    token = make_invite(people.client("alex"), people.friends)
    leave_circle(people.alex, people.friends)

    response = people.client("olive").post(f"/invite/{token}/")
    assert response.status_code == 410
    assert TAKEN_BACK in page(response)
    assert not is_member(people.olive, people.friends)
    assert people.client("anonymous").get(f"/invite/{token}/").status_code == 404


def test_leaving_does_not_take_back_links_other_members_made(people):
    robins = make_invite(people.client("robin"), people.friends)
    make_invite(people.client("alex"), people.friends)
    leave_circle(people.alex, people.friends)

    people.client("olive").post(f"/invite/{robins}/")
    assert is_member(people.olive, people.friends)


# --- Coming back -------------------------------------------------------------------------------


def _sam_leaves_and_comes_back(people) -> None:
    """Sam leaves the partners circle on day 1; Alex shares on day 2 while Sam is away; Sam
    re-joins with a new link on day 3."""
    with time_machine.travel(CURRENT_TIME + timedelta(days=1), tick=False):
        people.client("sam").post(f"/circles/{people.partners.pk}/leave/")
    with time_machine.travel(CURRENT_TIME + timedelta(days=2), tick=False):
        Share.objects.create(
            author=people.alex, circle=people.partners, text="Alex while Sam was away"
        )
    with time_machine.travel(CURRENT_TIME + timedelta(days=3), tick=False):
        token = make_invite(people.client("alex"), people.partners)
        people.client("sam").post(f"/invite/{token}/")


def test_someone_who_left_can_come_back_with_a_new_link(people, entries):
    _sam_leaves_and_comes_back(people)
    assert is_member(people.sam, people.partners)
    membership = Membership.objects.get(person=people.sam, circle=people.partners)
    assert membership.joined_at == CURRENT_TIME + timedelta(days=3)
    text = page(people.client("sam").get(f"/circles/{people.partners.pk}/"))
    assert "<li>Sam (you)</li>" in text


def test_after_coming_back_new_shares_are_visible_again(people, entries):
    _sam_leaves_and_comes_back(people)
    with time_machine.travel(CURRENT_TIME + timedelta(days=4), tick=False):
        share = Share.objects.create(
            author=people.alex, circle=people.partners, text="Alex after Sam came back"
        )
        client = people.client("sam")
        assert "Alex after Sam came back" in page(client.get(f"/circles/{people.partners.pk}/"))
        assert client.get(f"/shares/{share.pk}/").status_code == 200


def test_after_coming_back_shares_from_before_stay_hidden(people, entries):
    _sam_leaves_and_comes_back(people)
    with time_machine.travel(CURRENT_TIME + timedelta(days=3), tick=False):
        client = people.client("sam")
        text = page(client.get(f"/circles/{people.partners.pk}/"))
        assert "Alex to partners" not in text
        assert client.get(f"/shares/{entries.alex_share_partners.pk}/").status_code == 404


def test_after_coming_back_shares_made_while_i_was_away_stay_hidden(people, entries):
    _sam_leaves_and_comes_back(people)
    with time_machine.travel(CURRENT_TIME + timedelta(days=3), tick=False):
        text = page(people.client("sam").get(f"/circles/{people.partners.pk}/"))
        assert "Alex while Sam was away" not in text


# --- The whole way in --------------------------------------------------------------------------


def _csrf(text: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    assert match, "the form carries a CSRF token"
    return match.group(1)


def test_a_new_person_signs_up_from_the_link_and_joins(people, entries):
    """Anonymous → "Create an account to join" → sign-up form → back on the invite → Join."""
    cache.clear()  # allauth's sign-up rate limit lives in the cache, and the clock is frozen
    # An hour after Alex's share to the friends circle: Jo should start fresh, without it.
    with time_machine.travel(CURRENT_TIME + timedelta(hours=1), tick=False):
        token = make_invite(people.client("alex"), people.friends)
        browser = Client(enforce_csrf_checks=True)

        invite_page = page(browser.get(f"/invite/{token}/"))
        signup_href = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', invite_page)
        assert signup_href
        signup_form = page(browser.get(signup_href.group(1)))
        assert f'name="next" value="/invite/{token}/"' in signup_form

        response = browser.post(
            signup_href.group(1),
            {
                "csrfmiddlewaretoken": _csrf(signup_form),
                "email": "jo@example.com",
                "display_name": "Jo",
                "time_zone": "Europe/Berlin",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": f"/invite/{token}/",
            },
            follow=True,
        )
        text = page(response)
        assert response.redirect_chain[-1] == (f"/invite/{token}/", 302)
        assert "Alex invited you to “Climbing friends”" in text
        assert "Join the circle" in text

        response = browser.post(
            f"/invite/{token}/", {"csrfmiddlewaretoken": _csrf(text)}, follow=True
        )
        text = page(response)
        jo = Person.objects.get(email="jo@example.com")
        assert WELCOME_TO_FRIENDS in text
        assert "<li>Jo (you)</li>" in text
        assert is_member(jo, people.friends)
        # A fresh member sees what is shared from now on: nothing from before, nor other circles.
        assert "Alex to friends" not in text
        assert "Alex to partners" not in text
