"""Settings: my name and time zone, and personal API tokens (shown once, stored hashed)."""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any

import pytest

from hearthside.api.models import PersonalToken

URL = "/settings/"
NEW_TOKEN = re.compile(r'id="new-token" type="text" readonly value="(hs_[A-Za-z0-9_-]+)"')


def page(response: Any) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def revoke_url(token: PersonalToken) -> str:
    return f"/settings/tokens/{token.pk}/revoke/"


def make_token(client, name: str = "my scripts") -> str:
    """Press "Make a token" and copy the secret from the page."""
    response = client.post(URL, {"action": "token", "name": name})
    match = NEW_TOKEN.search(response.content.decode())
    assert match, "the new token is shown on the page"
    return match.group(1)


# --- The page ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_refuses_other_methods(people, method):
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_it_sends_anonymous_visitors_to_sign_in(people):
    client = people.client("anonymous")
    for response in (client.get(URL), client.post(URL, {"action": "token"})):
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={URL}"
    assert not PersonalToken.objects.exists()


def test_it_shows_my_name_and_time_zone(people):
    text = page(people.client("alex").get(URL))
    assert 'value="Alex"' in text
    assert '<option value="Europe/London" selected>' in text
    assert "No tokens." in text


# --- Name and time zone ---------------------------------------------------------------------


def test_i_can_change_my_name_and_time_zone(people):
    client = people.client("alex")
    response = client.post(
        URL,
        {"action": "profile", "display_name": "Alexandra", "time_zone": "America/New_York"},
        follow=True,
    )
    text = page(response)
    assert response.redirect_chain == [(URL, 302)]
    assert "Saved." in text
    assert 'value="Alexandra"' in text
    assert '<option value="America/New_York" selected>' in text
    people.alex.refresh_from_db()
    assert people.alex.display_name == "Alexandra"
    assert people.alex.time_zone == "America/New_York"


def test_my_new_name_is_what_my_circle_sees(people):
    people.client("alex").post(
        URL, {"action": "profile", "display_name": "Alexandra", "time_zone": "Europe/London"}
    )
    text = page(people.client("sam").get(f"/circles/{people.partners.pk}/"))
    assert "<li>Alexandra</li>" in text


def test_a_name_is_required(people):
    response = people.client("alex").post(
        URL, {"action": "profile", "display_name": "  ", "time_zone": "Europe/London"}
    )
    assert response.status_code == 200
    assert "This field is required." in page(response)
    people.alex.refresh_from_db()
    assert people.alex.display_name == "Alex"


def test_a_made_up_time_zone_is_refused_and_my_name_kept(people):
    response = people.client("alex").post(
        URL, {"action": "profile", "display_name": "Alexandra", "time_zone": "Mars/Olympus"}
    )
    text = page(response)
    assert "Select a valid choice." in text
    assert 'value="Alexandra"' in text
    people.alex.refresh_from_db()
    assert people.alex.time_zone == "Europe/London"


def test_changing_my_settings_does_not_change_anyone_elses(people):
    people.client("alex").post(
        URL, {"action": "profile", "display_name": "Alexandra", "time_zone": "Asia/Tokyo"}
    )
    people.sam.refresh_from_db()
    assert people.sam.display_name == "Sam"
    assert people.sam.time_zone == "Europe/London"
    assert 'value="Sam"' in page(people.client("sam").get(URL))


# --- The language coach ----------------------------------------------------------------------

PROFILE = {"action": "profile", "display_name": "Alex", "time_zone": "Europe/London"}
COACH_HELP = (
    "Gentle notes under what you type, suggesting softer wording. They never stop you sending."
)


def test_the_coach_is_on_until_i_turn_it_off_and_says_what_it_does(people):
    text = page(people.client("alex").get(URL))
    assert people.alex.coach_enabled
    assert "Gentle wording notes" in text
    assert COACH_HELP in text
    assert "it keeps nothing and sends nothing anywhere else" in text
    box = re.search(r'<input type="checkbox" name="coach_enabled"[^>]*>', text)
    assert box
    assert "checked" in box.group(0)
    assert 'aria-describedby="id_coach_enabled_helptext"' in box.group(0)


def test_i_can_turn_the_coach_off_and_on_again(people):
    client = people.client("alex")

    response = client.post(URL, PROFILE, follow=True)  # an unticked box is not sent
    people.alex.refresh_from_db()
    assert not people.alex.coach_enabled
    assert "Saved." in page(response)
    box = re.search(r'<input type="checkbox" name="coach_enabled"[^>]*>', page(response))
    assert box
    assert "checked" not in box.group(0)
    assert 'class="coach-notes"' not in page(client.get("/share/"))

    client.post(URL, PROFILE | {"coach_enabled": "on"})
    people.alex.refresh_from_db()
    assert people.alex.coach_enabled
    assert 'class="coach-notes"' in page(client.get("/share/"))


def test_turning_my_coach_off_leaves_my_partners_on(people):
    people.client("alex").post(URL, PROFILE)
    people.sam.refresh_from_db()
    assert people.sam.coach_enabled


# --- Personal API tokens ----------------------------------------------------------------------


def test_a_new_token_is_shown_once(people):
    client = people.client("alex")
    response = client.post(URL, {"action": "token", "name": "my scripts"})
    text = page(response)
    assert "Your new token — copy it now, it won't be shown again" in text
    token = NEW_TOKEN.search(text).group(1)  # type: ignore[union-attr]
    assert "my scripts" in text

    again = page(client.get(URL))
    assert token not in again
    assert not NEW_TOKEN.search(again)
    assert "my scripts" in again
    assert token[:11] in again  # the public prefix, so I can tell tokens apart


def test_only_a_hash_of_the_token_is_stored(people):
    token = make_token(people.client("alex"))
    record = PersonalToken.objects.get()
    assert record.person == people.alex
    assert record.name == "my scripts"
    assert record.token_hash != token
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(PersonalToken.objects.values()))


def test_the_token_authenticates_me(people):
    token = make_token(people.client("alex"))
    found = PersonalToken.objects.authenticate(token)
    assert found is not None
    assert found.person == people.alex


def test_a_slightly_wrong_token_does_not_authenticate(people):
    token = make_token(people.client("alex"))
    last = "A" if token[-1] != "A" else "B"
    assert PersonalToken.objects.authenticate(token[:-1] + last) is None
    assert PersonalToken.objects.authenticate(token[:11]) is None


def test_revoking_a_token_stops_it_working(people):
    client = people.client("alex")
    token = make_token(client)
    record = PersonalToken.objects.get()
    response = client.post(revoke_url(record), follow=True)
    text = page(response)
    assert response.redirect_chain == [(URL, 302)]
    assert "That token no longer works." in text
    assert "my scripts" not in text
    assert PersonalToken.objects.authenticate(token) is None


def test_revoking_one_token_leaves_my_others_working(people):
    client = people.client("alex")
    first = make_token(client, "phone")
    second = make_token(client, "laptop")
    client.post(revoke_url(PersonalToken.objects.get(name="phone")))
    assert PersonalToken.objects.authenticate(first) is None
    assert PersonalToken.objects.authenticate(second) is not None


def test_revoking_needs_a_post(people):
    client = people.client("alex")
    token = make_token(client)
    assert client.get(revoke_url(PersonalToken.objects.get())).status_code == 405
    assert PersonalToken.objects.authenticate(token) is not None


def test_revoking_sends_anonymous_visitors_to_sign_in(people):
    token = make_token(people.client("alex"))
    response = people.client("anonymous").post(revoke_url(PersonalToken.objects.get()))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert PersonalToken.objects.authenticate(token) is not None


@pytest.mark.parametrize("name", ["sam", "olive"])
def test_nobody_can_revoke_another_persons_token(people, name):
    token = make_token(people.client("alex"))
    response = people.client(name).post(revoke_url(PersonalToken.objects.get()))
    assert response.status_code == 404
    assert PersonalToken.objects.authenticate(token) is not None


def test_revoking_twice_is_not_found(people):
    client = people.client("alex")
    make_token(client)
    record = PersonalToken.objects.get()
    client.post(revoke_url(record))
    assert client.post(revoke_url(record)).status_code == 404


def test_my_partner_does_not_see_my_tokens(people):
    token = make_token(people.client("alex"), "alex's diary sync")
    text = page(people.client("sam").get(URL))
    assert "alex's diary sync" not in text
    assert token[:11] not in text
    assert "No tokens." in text
