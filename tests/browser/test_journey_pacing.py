"""Pacing in real browsers: go at the pace of the slower person, and nobody else sees a thing.

Sam says that in Alex & Sam anything more than light should be asked about first. Alex writes
something deep on the share form and is asked "Sam prefers to go slower — ask for a good
moment?"; Alex asks first, with a hint. Sam finds the knock on Today — the hint, never the words
— and proposes a time an hour ahead. Alex sees the proposed time. Robin, Alex's friend in
another circle, sees nothing of it. The server's clock moves past the hour; when Sam opens
Today the share is there, and Sam reads it. Robin still sees nothing, and its address is "not
found" for Robin.

The share form asks through `hearthside.pacing.glue.intercept_share`, called from
`practice.views.share_new`.

Time: the live server runs in this process, so `clock` (time_machine, ticking) moves its clock.
The app's real CSP stays on; axe-core is served same-origin. Any script error fails the journey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journey import (
    Clock,
    assert_never_shows,
    check_a11y,
    heading,
    serve_axe_same_origin,
)

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

WORDS = "Since the launch I've been scared I'm not good enough at this job, and I hide it."
HINT = "about work"
AT = re.compile(r"(today|tomorrow) at \d\d:\d\d")


def open_knock_from_today(page: Page) -> None:
    page.goto("/")
    today = page.locator("section[aria-labelledby='pacing-heading']")
    expect(today).to_contain_text("Alex would like to share something with you in Alex & Sam.")
    expect(today).to_contain_text(f"About: “{HINT}”")
    today.get_by_role("link", name="Is now a good time?").click()


def test_a_deep_share_waits_for_the_moment_the_slower_person_chooses(
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    people: Any,
    axe_check: Callable[..., None],
    clock: Clock,
) -> None:
    contexts = {}
    for name in ("alex", "sam", "robin"):
        context = new_context(name, bypass_csp=False)
        serve_axe_same_origin(context)
        sign_in(context, getattr(people, name))
        contexts[name] = context.new_page()
    alex, sam, robin = contexts["alex"], contexts["sam"], contexts["robin"]

    # --- Sam chooses a slower pace for Alex & Sam ------------------------------------------
    sam.goto("/pacing/")
    expect(heading(sam)).to_have_text("Pacing")
    row = sam.locator(f"#comfort-{people.partners.pk}")
    row.get_by_text("Light — Ask me first before anything medium or deep.").click()
    expect(row.get_by_role("status")).to_have_text("Saved.")  # saved as Sam chose, no reload
    check_a11y(sam, axe_check, "pacing page")
    sam.reload()
    expect(
        sam.locator(f"#comfort-{people.partners.pk}").get_by_label(re.compile("^Light"))
    ).to_be_checked()

    # --- Alex writes something deep and is asked to ask first ----------------------------
    alex.goto("/share/")
    alex.get_by_label("Share with").select_option(label="Alex & Sam")
    alex.get_by_label("What you'd like to share").fill(WORDS)
    alex.get_by_role("radio", name=re.compile("^Deep")).check()
    alex.get_by_role("radio", name=re.compile("^Just listen")).check()
    alex.get_by_role("button", name="Share", exact=True).click()

    prompt = alex.locator(".pacing-prompt")
    expect(prompt).to_contain_text("Sam prefers to go slower — ask for a good moment?")
    expect(alex.get_by_label("What you'd like to share")).to_have_value(WORDS)  # nothing lost
    check_a11y(alex, axe_check, "ask for a good moment")
    alex.get_by_label("A hint of what it's about (optional)").fill(HINT)
    alex.get_by_role("button", name="Ask first").click()

    expect(heading(alex)).to_have_text("Waiting for a good moment")
    expect(alex.locator("main")).to_contain_text("Sam hasn't answered yet.")
    expect(alex.locator("main")).to_contain_text(WORDS)  # Alex's own words, kept for Alex
    knock_path = alex.url.removeprefix(new_context.base_url)
    assert re.fullmatch(r"/pacing/knocks/\d+/", knock_path), knock_path
    check_a11y(alex, axe_check, "my knock, waiting")

    # --- Sam sees the knock on Today: the hint, never the words ---------------------------
    open_knock_from_today(sam)
    expect(heading(sam)).to_have_text("Alex would like to share something with you")
    assert_never_shows(sam, WORDS)
    check_a11y(sam, axe_check, "a knock for me")
    sam.get_by_role("button", name="In an hour").click()
    expect(sam.locator(".messages")).to_contain_text(
        "Thank you. Alex will know when works for you."
    )
    expect(sam.locator("#knock-status")).to_contain_text(re.compile(r"You suggested " + AT.pattern))
    assert_never_shows(sam, WORDS)

    # --- Alex sees when -------------------------------------------------------------------
    alex.reload()
    status = alex.locator("#knock-status")
    expect(status).to_contain_text(re.compile(r"It goes out " + AT.pattern))
    expect(status).to_contain_text(re.compile(r"Sam suggested " + AT.pattern))

    # --- Robin, in another circle, sees nothing of it ---------------------------------------
    for path in ("/", "/pacing/"):
        robin.goto(path)
        assert_never_shows(robin, WORDS, HINT, "would like to share")
    response = robin.goto(knock_path)
    assert response is not None and response.status == 404
    assert_never_shows(robin, WORDS, HINT)

    # --- An hour on, the share is there for Sam ----------------------------------------------
    clock.travel_to(datetime.now(UTC) + timedelta(hours=1, minutes=1))
    sam.goto("/")
    expect(sam.locator("main")).to_contain_text(WORDS[:40])
    expect(sam.locator("section[aria-labelledby='pacing-heading']")).to_have_count(0)
    sam.get_by_role("link", name=re.compile(re.escape(WORDS[:30]))).first.click()
    expect(sam.locator(".share-text")).to_contain_text(WORDS)
    share_path = sam.url.removeprefix(new_context.base_url)
    assert re.fullmatch(r"/shares/\d+/", share_path), share_path
    expect(sam.get_by_role("heading", name="Listen to Alex")).to_be_visible()

    # The knock's own address now leads Sam to the share.
    sam.goto(knock_path)
    expect(sam.locator(".share-text")).to_contain_text(WORDS)

    alex.goto("/pacing/")
    expect(alex.locator("section[aria-labelledby='past-heading']")).to_contain_text(
        re.compile(
            r"shared " + AT.pattern.replace("(today|tomorrow)", "(today|tomorrow|yesterday)")
        )
    )

    robin.goto("/")
    assert_never_shows(robin, WORDS, HINT)
    response = robin.goto(share_path)
    assert response is not None and response.status == 404
    assert_never_shows(robin, WORDS)
