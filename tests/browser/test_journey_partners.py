"""Two partners go round the first practice loop in two real browsers, and an outsider sees none
of it.

Alex signs up, makes a circle and an invite link; Sam opens the link signed out, signs up through
it and joins. Alex checks in and shares a small truth from the check-in, asking to be listened
to; Sam listens (reflect + validate); Alex feels heard and thanks Sam; Sam sees the thank-you.
Olive, who shares no circle with them, gets "not found" for every address they used. Finally
Alex withdraws the share and it disappears for Sam too.

Each person has their own browser context (own cookies). The app's real CSP stays on here, and
any script error or CSP refusal in any of the browsers fails the journey.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = pytest.mark.browser

PASSWORD = "a-long-kind-password-42"
CIRCLE = "Lantern Street"
NOTE = "Work felt heavy today and I kept bracing for the next thing to go wrong."
REFLECT = "I hear that today was heavy and you were braced for more."
VALIDATE = "you'd feel worn out after a week like this."
THANKS = "Thank you for sitting with that, it really helped."
PRIVATE_TEXTS = (NOTE, REFLECT, VALIDATE, THANKS, CIRCLE)


def sign_up(page: Page, *, email: str, name: str) -> None:
    """Fill allauth's sign-up form on the current page and submit it."""
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("sign up", re.I))
    page.get_by_label(re.compile(r"^Email")).fill(email)
    page.get_by_label(re.compile(r"^Your name")).fill(name)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()


def assert_not_found(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 404, f"{path} answered {response.status}, expected 404"
    body = page.locator("body").inner_text()
    for text in PRIVATE_TEXTS:
        assert text not in body, f"{path} shows {text!r}"


def test_two_partners_share_listen_feel_heard_and_an_outsider_sees_nothing(
    new_context: ContextFactory,
) -> None:
    base = new_context.base_url
    alex = new_context("alex", bypass_csp=False).new_page()
    sam = new_context("sam", bypass_csp=False).new_page()

    # --- Alex signs up and makes a circle with an invite link -------------------------------
    alex.goto("/accounts/signup/")
    sign_up(alex, email="alex@example.com", name="Alex")
    expect(alex.get_by_role("heading", level=1)).to_have_text("Hello, Alex")

    alex.get_by_role("navigation", name="Main").get_by_role("link", name="Circles").click()
    alex.get_by_label("Name your circle").fill(CIRCLE)
    alex.get_by_role("radio", name="Partners").check()
    alex.get_by_role("button", name="Create circle").click()
    expect(alex.get_by_role("heading", level=1)).to_have_text(CIRCLE)
    circle_path = alex.url.removeprefix(base)
    assert re.fullmatch(r"/circles/\d+/", circle_path), circle_path

    alex.get_by_role("button", name="Make an invite link").click()
    invite_box = alex.get_by_label("Invite link")
    expect(invite_box).to_have_value(re.compile(r"^http://.+/invite/[^/]+/$"))
    invite_url = invite_box.input_value()

    # --- Sam opens the link signed out, signs up through it and joins ------------------------
    sam.goto(invite_url)
    expect(sam.get_by_role("heading", level=1)).to_have_text(f"Alex invited you to “{CIRCLE}”")
    sam.get_by_role("link", name="Create an account to join").click()
    sign_up(sam, email="sam@example.com", name="Sam")
    # Back on the invite, now signed in: one deliberate click to join.
    sam.get_by_role("button", name="Join the circle").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text(CIRCLE)
    expect(sam.get_by_text(f"Welcome to {CIRCLE}.")).to_be_visible()
    members = sam.get_by_role("region", name="Members").get_by_role("listitem")
    expect(members).to_have_text(["Alex", "Sam (you)"])

    # --- Alex checks in, then shares a small truth from the check-in ------------------------
    alex.get_by_role("navigation", name="Main").get_by_role("link", name="Check in").click()
    alex.get_by_role("group", name="Mood").get_by_role("radio", name="Low", exact=True).check()
    alex.get_by_role("group", name="Energy").get_by_role("radio", name="Drained").check()
    feelings = alex.get_by_role("group", name="Feelings")
    # The first family is open; the others open on demand.
    feelings.get_by_text("Scared or anxious").click()
    feelings.get_by_role("checkbox", name="anxious", exact=True).check()
    feelings.get_by_text("Tired or depleted").click()
    feelings.get_by_role("checkbox", name="worn out", exact=True).check()
    alex.get_by_label("Note").fill(NOTE)
    alex.get_by_role("button", name="Save check-in").click()
    expect(alex.get_by_text("Checked in. Thank you for noticing how you are.")).to_be_visible()
    expect(alex.get_by_role("heading", level=1)).to_have_text("Your check-in")
    checkin_path = alex.url.removeprefix(base)
    assert re.fullmatch(r"/checkins/\d+/", checkin_path), checkin_path
    expect(alex.get_by_text(NOTE)).to_be_visible()

    alex.get_by_role("link", name="Share a small truth from this").click()
    # The share starts from the check-in: its note and feelings are already there.
    expect(alex.get_by_label("What you'd like to share")).to_have_value(NOTE)
    # (Their families start folded, so look the boxes up by value rather than by what shows.)
    expect(alex.locator("input[name=feelings][value=anxious]")).to_be_checked()
    expect(alex.locator("input[name=feelings][value=worn-out]")).to_be_checked()
    expect(alex.get_by_label("Share with")).to_have_text(re.compile(CIRCLE))
    alex.get_by_role("radio", name="Medium").check()
    alex.get_by_role("radio", name="Just listen").check()
    alex.get_by_role("button", name="Share", exact=True).click()
    expect(alex.get_by_text(f"Shared with {CIRCLE}.")).to_be_visible()
    share_path = alex.url.removeprefix(base)
    assert re.fullmatch(r"/shares/\d+/", share_path), share_path
    expect(alex.locator(".wants")).to_contain_text("Just listen")
    expect(alex.locator(".wants")).to_contain_text("Medium")
    expect(alex.get_by_text("No replies yet. Listening can take a little while.")).to_be_visible()

    # --- Sam sees it on the home page and listens --------------------------------------------
    sam.goto("/")
    waiting = sam.get_by_role("region", name="Waiting for your listening")
    expect(waiting).to_contain_text("Alex")
    expect(waiting).to_contain_text("Just listen")
    waiting.get_by_role("link", name=re.compile("^Work felt heavy today")).click()
    expect(sam).to_have_url(re.compile(re.escape(share_path) + "$"))
    expect(sam.get_by_text(NOTE)).to_be_visible()
    expect(sam.get_by_role("button", name="Withdraw this share")).to_have_count(0)
    sam.get_by_label("What I hear").fill(REFLECT)
    sam.get_by_label("It makes sense that…").fill(VALIDATE)
    sam.get_by_role("button", name="Send reply").click()
    expect(sam.get_by_text("Your reply is on its way.")).to_be_visible()
    replies = sam.get_by_role("region", name="Replies")
    expect(replies).to_contain_text(REFLECT)
    expect(replies).to_contain_text(VALIDATE)

    # --- Alex sees the reply, feels heard, and says thank you --------------------------------
    alex.goto("/")
    replies_to_me = alex.get_by_role("region", name="Replies to you")
    expect(replies_to_me).to_contain_text("Sam listened to")
    replies_to_me.get_by_role("link", name=re.compile("^Work felt heavy today")).click()
    reply = alex.get_by_role("article").filter(has_text=REFLECT)
    expect(reply).to_contain_text(VALIDATE)
    reply.get_by_role("button", name="I felt heard").click()
    # Feeling heard offers a thank-you, with a suggestion Alex can make their own.
    expect(alex.get_by_role("heading", level=1)).to_have_text("You felt heard")
    thank_box = alex.get_by_label("Your thank-you")
    expect(thank_box).not_to_be_empty()
    thank_box.fill(THANKS)
    alex.get_by_role("button", name="Send thank-you").click()
    expect(alex.get_by_text("Your thank-you is with Sam.")).to_be_visible()
    expect(alex).to_have_url(re.compile(re.escape(share_path) + "$"))
    expect(alex.get_by_text("You felt heard", exact=True)).to_be_visible()
    expect(alex.get_by_text("You said thank you.")).to_be_visible()

    # --- Sam sees the thank-you --------------------------------------------------------------
    sam.goto("/")
    thanks = sam.get_by_role("region", name="Thank-yous for you")
    expect(thanks).to_contain_text(THANKS)
    expect(thanks).to_contain_text("Alex")
    # The share was answered, so it no longer waits for Sam's listening.
    expect(sam.get_by_role("region", name="Waiting for your listening")).not_to_contain_text(
        "Work felt heavy today"
    )
    sam.goto(share_path)
    expect(sam.get_by_text("Alex felt heard")).to_be_visible()

    # --- Olive, an outsider, finds nothing ---------------------------------------------------
    olive = new_context("olive", bypass_csp=False).new_page()
    olive.goto("/accounts/signup/")
    sign_up(olive, email="olive@example.com", name="Olive")
    expect(olive.get_by_role("heading", level=1)).to_have_text("Hello, Olive")
    home_text = olive.locator("body").inner_text()
    for text in (*PRIVATE_TEXTS, "Work felt heavy today"):
        assert text not in home_text, f"Olive's home page shows {text!r}"
    for name in ("Alex", "Sam"):
        assert not re.search(rf"\b{name}\b", home_text), f"Olive's home page names {name}"
    for path in (share_path, checkin_path, circle_path):
        assert_not_found(olive, path)
    # The invite was single-use: Sam used it, so it lets nobody else in.
    response = olive.goto(invite_url)
    assert response is not None and response.status in (404, 410)
    expect(olive.get_by_role("heading", level=1)).to_have_text("This invite link can't be used")
    olive.goto("/circles/")
    expect(olive.get_by_text("You're not in any circle yet.")).to_be_visible()
    olive.goto("/journal/")
    expect(olive.locator("#journal-entries")).not_to_contain_text("Work felt heavy today")

    # --- Alex withdraws the share; it is gone for Sam ----------------------------------------
    alex.goto(share_path)
    alex.get_by_role("button", name="Withdraw this share").click()
    expect(alex.get_by_text("Withdrawn. Only you can see it now.")).to_be_visible()
    assert_not_found(sam, share_path)
    sam.goto("/")
    expect(sam.locator("main")).not_to_contain_text("Work felt heavy today")
    # Alex still has it, marked as withdrawn.
    alex.goto(share_path)
    expect(alex.get_by_text("Withdrawn — only you can see this")).to_be_visible()

    problems = {name: errors for name, errors in new_context.errors.items() if errors}
    assert not problems, f"browser errors: {problems}"
    missing = {name: urls for name, urls in new_context.missing_assets.items() if urls}
    assert not missing, f"static files that did not load: {missing}"
