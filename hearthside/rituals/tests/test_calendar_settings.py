"""The calendar page: make a private calendar link (shown once, stored only as a hash), make a
new one, or turn it off."""

from __future__ import annotations

import hashlib
import html
import re
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from hearthside.rituals.models import CalendarFeed

if TYPE_CHECKING:
    from conftest import Personas

URL = "/calendar/"
NEW_URL = re.compile(
    r'id="calendar-url" type="text" readonly value="(http://testserver/calendar/feed\.ics\?key=([A-Za-z0-9_-]+))"'
)


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def make_link(client: Client) -> tuple[str, str]:
    """Press the button and copy the link (and its token) from the page."""
    response = client.post(URL, {"action": "create"})
    assert response.status_code == 200
    match = NEW_URL.search(response.content.decode())
    assert match, "the new link is on the page"
    return match.group(1), match.group(2)


# --- The page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods(people: Personas, method: str):
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_it_sends_anonymous_visitors_to_sign_in(people: Personas):
    client = people.client("anonymous")
    for response in (client.get(URL), client.post(URL, {"action": "create"})):
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={URL}"
    assert not CalendarFeed.objects.exists()


def test_it_says_when_i_have_no_link_yet(people: Personas):
    text = page(people.client("alex").get(URL))
    assert "You don't have a calendar link yet." in text
    assert "Make my calendar link" in text
    assert "Turn off my calendar link" not in text


def test_it_explains_how_to_add_the_link_to_common_calendar_apps(people: Personas):
    text = page(people.client("alex").get(URL))
    for app in ("Google Calendar", "Apple Calendar", "Outlook", "Thunderbird"):
        assert app in text
    assert "Never your notes, shares or reflections" in text


def test_it_is_not_kept_in_shared_caches(people: Personas):
    assert people.client("alex").get(URL)["Cache-Control"] == "no-store"


# --- Making a link -------------------------------------------------------------------------------


def test_making_a_link_shows_it_once(people: Personas):
    client = people.client("alex")
    url, token = make_link(client)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    # Coming back later: there is a link, but it can't be shown again.
    later = page(client.get(URL))
    assert token not in later
    assert "You have a calendar link" in later
    assert "Make a new link" in later


def test_it_offers_to_open_the_link_in_a_calendar_app(people: Personas):
    response = people.client("alex").post(URL, {"action": "create"})
    _url, token = NEW_URL.search(response.content.decode()).groups()  # type: ignore[union-attr]
    assert f'href="webcal://testserver/calendar/feed.ics?key={token}"' in response.content.decode()


def test_only_a_hash_of_the_link_is_stored(people: Personas):
    _url, token = make_link(people.client("alex"))
    feed = CalendarFeed.objects.get(person=people.alex)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in CalendarFeed.objects.values().get().values()]
    assert not any(token in value for value in stored)


def test_a_new_link_turns_off_the_old_one(people: Personas):
    client = people.client("alex")
    old, _token = make_link(client)
    new, _token = make_link(client)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(person=people.alex, revoked_at__isnull=True).count() == 1


def test_the_link_belongs_to_whoever_made_it(people: Personas):
    make_link(people.client("robin"))
    assert CalendarFeed.objects.get(revoked_at__isnull=True).person == people.robin


# --- Turning it off ------------------------------------------------------------------------------


def test_turning_it_off_stops_the_link_at_once(people: Personas):
    client = people.client("alex")
    url, _token = make_link(client)
    response = client.post(URL, {"action": "revoke"}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    text = page(response)
    assert "Your calendar link no longer works." in text
    assert "You don't have a calendar link yet." in text
    assert client.get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_after_turning_it_off_i_can_make_a_new_one(people: Personas):
    client = people.client("alex")
    old, _token = make_link(client)
    client.post(URL, {"action": "revoke"})
    new, _token = make_link(client)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_turning_mine_off_leaves_other_peoples_links_alone(people: Personas):
    alex_url, _token = make_link(people.client("alex"))
    sam_url, _token = make_link(people.client("sam"))
    people.client("sam").post(URL, {"action": "revoke"})
    assert Client().get(alex_url).status_code == 200
    assert Client().get(sam_url).status_code == 404


def test_an_unknown_action_changes_nothing(people: Personas):
    client = people.client("alex")
    url, _token = make_link(client)
    response = client.post(URL, {"action": "delete-everything"})
    assert response.status_code == 302
    assert response["Location"] == URL
    assert client.get(url).status_code == 200
