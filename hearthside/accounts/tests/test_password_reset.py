"""Forgotten password: a reset link arrives by email (over real SMTP), and it works once."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.core.cache import cache

from conftest import PASSWORD

URL = "/accounts/password/reset/"
DONE = "/accounts/password/reset/done/"
NEW_PASSWORD = "a-fresh-start-for-spring-7"
RESET_LINK = re.compile(r"http://testserver(/accounts/password/reset/key/[^\s]+/)")


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    # allauth limits reset requests per address in the cache; the clock is frozen in tests.
    cache.clear()


def page(response: Any) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def without_csrf(text: str) -> str:
    """The page minus its CSRF token, which is masked differently on every response."""
    return re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", text)


def reset_link(mailbox) -> str:
    (body,) = mailbox.bodies()
    match = RESET_LINK.search(body)
    assert match, "the email carries a reset link"
    return match.group(1)


def can_sign_in(client, email: str, password: str) -> bool:
    client.logout()
    response = client.post("/accounts/login/", {"login": email, "password": password})
    return response.status_code == 302


def set_new_password(client, link: str, password: str = NEW_PASSWORD) -> Any:
    """Open the emailed link and choose a new password, as a person would."""
    form_page = client.get(link, follow=True)
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    return client.post(form_url, {"password1": password, "password2": password}, follow=True)


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_it_refuses_other_methods(client, db, method):
    assert getattr(client, method)(URL).status_code == 405


def test_it_asks_for_an_email_address(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="email"' in page(response)


def test_asking_sends_one_email_with_a_reset_link(client, people, mailbox):
    response = client.post(URL, {"email": "alex@example.com"})
    assert response.status_code == 302
    assert response["Location"] == DONE
    (message,) = mailbox.messages
    assert message["To"] == "alex@example.com"
    assert message["Subject"].startswith("Hearthside: ")
    assert "Hearthside" in message["From"]
    assert reset_link(mailbox)


def test_the_email_says_nothing_private(client, people, entries, mailbox):
    client.post(URL, {"email": "alex@example.com"})
    (body,) = mailbox.bodies()
    assert "Alex's private note" not in body
    assert "Alex & Sam" not in body
    assert PASSWORD not in body


def test_following_the_link_lets_me_choose_a_new_password_and_sign_in(client, people, mailbox):
    client.post(URL, {"email": "alex@example.com"})
    response = set_new_password(client, reset_link(mailbox))
    assert response.redirect_chain[-1][0] == "/accounts/password/reset/key/done/"
    assert "Your password is now changed." in page(response)

    assert can_sign_in(client, "alex@example.com", NEW_PASSWORD)
    assert not can_sign_in(client, "alex@example.com", PASSWORD)
    people.alex.refresh_from_db()
    assert people.alex.password.startswith("argon2")


def test_the_link_hides_its_secret_from_the_address_bar(client, people, mailbox):
    client.post(URL, {"email": "alex@example.com"})
    link = reset_link(mailbox)
    response = client.get(link)
    # allauth moves the key into the session so it does not leak through the Referer header.
    secret = link.rstrip("/").rsplit("/", 1)[1].split("-", 1)[1]
    assert response.status_code == 302
    assert re.fullmatch(
        r"/accounts/password/reset/key/[0-9a-z]+-set-password/", response["Location"]
    )
    assert secret not in response["Location"]


def test_the_link_works_only_once(client, people, mailbox):
    client.post(URL, {"email": "alex@example.com"})
    link = reset_link(mailbox)
    set_new_password(client, link)

    response = set_new_password(client, link, password="yet-another-long-password-9")
    assert "Bad Token" in page(response)
    assert can_sign_in(client, "alex@example.com", NEW_PASSWORD)


def test_a_made_up_link_does_not_reset_anything(client, people):
    response = set_new_password(client, "/accounts/password/reset/key/1-made-up-key/")
    assert "Bad Token" in page(response)
    assert can_sign_in(client, "alex@example.com", PASSWORD)


def test_a_weak_new_password_is_refused(client, people, mailbox):
    client.post(URL, {"email": "alex@example.com"})
    response = set_new_password(client, reset_link(mailbox), password="password")
    assert "This password is too common." in page(response)
    assert can_sign_in(client, "alex@example.com", PASSWORD)


def test_one_persons_link_does_not_reset_anothers_password(client, people, mailbox):
    client.post(URL, {"email": "sam@example.com"})
    link = reset_link(mailbox)
    set_new_password(client, link)
    assert can_sign_in(client, "alex@example.com", PASSWORD)
    assert can_sign_in(client, "sam@example.com", NEW_PASSWORD)


def test_an_unknown_email_gets_the_same_page_as_a_known_one(client, people, mailbox):
    known = client.post(URL, {"email": "alex@example.com"}, follow=True)
    unknown = client.post(URL, {"email": "nobody@example.com"}, follow=True)
    assert unknown.redirect_chain == known.redirect_chain == [(DONE, 302)]
    assert without_csrf(page(unknown)) == without_csrf(page(known))


def test_an_unknown_email_is_told_there_is_no_account_and_gets_no_link(client, people, mailbox):
    """With ACCOUNT_PREVENT_ENUMERATION allauth still mails the address typed, saying there is
    no account there: the page reveals nothing, and only the address's owner learns the rest."""
    client.post(URL, {"email": "nobody@example.com"})
    (message,) = mailbox.messages
    (body,) = mailbox.bodies()
    assert message["To"] == "nobody@example.com"
    assert message["Subject"] == "Hearthside: Unknown Account"
    assert "we do not have any record of such an account" in body
    assert "http://testserver/accounts/signup/" in body
    assert not RESET_LINK.search(body)


def test_a_signed_in_person_can_also_ask_for_a_reset(people, mailbox):
    response = people.client("sam").post(URL, {"email": "sam@example.com"})
    assert response.status_code == 302
    (message,) = mailbox.messages
    assert message["To"] == "sam@example.com"
