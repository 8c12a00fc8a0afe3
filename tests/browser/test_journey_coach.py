"""The language coach in two real browsers: notes appear under the field as a person types, a
gentler wording is one tap away and keeps everything else they typed, and the coach stays out of
the way for someone who turned it off.

Alex writes a share that starts with "You never…" and "I feel abandoned…", takes both
suggestions, fills the gap the suggestion leaves in their own words and shares it. Sam starts a
reply with advice, sees the note, takes the suggested opening and sends it. Then Sam turns the
coach off and the same words bring no notes. The app's CSP stays on; any script error fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journey import check_a11y, heading, serve_axe_same_origin

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

SHARE_BOX = "What you'd like to share"


def selected_text(page: Page, label: str) -> str:
    return page.get_by_label(label).evaluate(
        "el => el.value.slice(el.selectionStart, el.selectionEnd)"
    )


def test_the_coach_suggests_and_never_stands_in_the_way(
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    people: Any,
    axe_check: Callable[..., None],
) -> None:
    alex_context = new_context("alex", bypass_csp=False)
    serve_axe_same_origin(alex_context)
    sign_in(alex_context, people.alex)
    alex = alex_context.new_page()
    sam_context = new_context("sam", bypass_csp=False)
    sign_in(sam_context, people.sam)
    sam = sam_context.new_page()

    # --- Alex types a share; the coach notices "You never" as they type ----------------------
    alex.goto("/share/")
    expect(heading(alex)).to_have_text("Share something")
    box = alex.get_by_label(SHARE_BOX)
    notes = alex.locator("#coach-id_text")
    box.press_sequentially("Work was long. You never ask about my day.")
    blame = notes.locator(".coach-note[data-kind='blame']")
    expect(blame).to_have_count(1)
    expect(blame.locator("mark")).to_have_text("You never")
    expect(blame).to_contain_text("Always")  # the message says why "never" lands hard
    check_a11y(alex, axe_check, "share form with a coach note")

    blame.get_by_role("button", name="Use this wording").click()
    # Only the clause changed; the first sentence is still there, and the first gap is
    # selected so Alex can type straight into it.
    expect(box).to_have_value(
        re.compile(r"^Work was long\. I'd really love it if you ask about my day more often")
    )
    assert selected_text(alex, SHARE_BOX) == "…"
    expect(box).to_be_focused()
    alex.keyboard.type("to feel we're close")
    expect(box).to_have_value(re.compile(r"because I need to feel we're close\."))
    # The notes refresh from the new words: the blame note has gone.
    expect(notes.locator(".coach-note[data-kind='blame']")).to_have_count(0)

    # A feeling that blames: the suggestion names what's beneath it, in Alex's own sentence.
    box.press("End")
    box.press_sequentially(" I felt abandoned at the party.")
    feeling = notes.locator(".coach-note[data-kind='feeling_that_blames']")
    expect(feeling).to_have_count(1)
    expect(feeling.locator("mark")).to_have_text("abandoned")
    expect(feeling).to_contain_text("closeness and reassurance")
    feeling.get_by_role("button", name="Use this wording").click()
    expect(box).to_have_value(re.compile(r"I felt lonely and afraid at the party\.$"))
    expect(notes.locator(".coach-note")).to_have_count(0)

    # Nothing is blocked: Alex can send whatever they like, with or without the notes.
    alex.get_by_label("Share with").select_option(label="Alex & Sam")
    alex.get_by_role("radio", name=re.compile("^Just listen")).check()
    alex.get_by_role("button", name="Share").click()
    expect(alex.locator("main")).to_contain_text("I felt lonely and afraid at the party.")
    share_path = alex.url.removeprefix(new_context.base_url)
    assert re.fullmatch(r"/shares/\d+/", share_path), share_path

    # --- Sam starts a reply with advice; the coach offers to listen first --------------------
    sam.goto(share_path)
    expect(sam.locator("main")).to_contain_text("I felt lonely and afraid at the party.")
    hear = sam.get_by_label("What I hear")
    hear.press_sequentially("You should just tell them at work to stop keeping you late.")
    fixing = sam.locator("#coach-id_reflect .coach-note[data-kind='fixing']")
    expect(fixing).to_have_count(1)
    fixing.get_by_role("button", name="Use this wording").click()
    expect(hear).to_have_value(
        re.compile(r"^That sounds really hard\. Do you want ideas, or mostly someone to listen\?")
    )
    expect(sam.locator("#coach-id_reflect .coach-note")).to_have_count(0)
    sam.get_by_label("It makes sense that…").fill("you'd miss me asking after a long day.")
    sam.get_by_role("button", name="Send reply").click()
    expect(sam.locator("main")).to_contain_text("Do you want ideas, or mostly someone to listen?")

    alex.reload()
    expect(alex.locator("main")).to_contain_text("you'd miss me asking after a long day.")

    # --- Sam turns the coach off: the same slip brings no notes ------------------------------
    sam.goto("/settings/")
    sam.get_by_label("Gentle wording notes").uncheck()
    sam.get_by_role("button", name="Save").first.click()
    sam.goto(share_path)
    expect(sam.locator(".coach-notes")).to_have_count(0)
    with sam.expect_response(re.compile(r"/shares/\d+/$")):
        sam.reload()
    sam.get_by_label("What I hear").press_sequentially("You should just quit.")
    sam.wait_for_timeout(1000)  # longer than the coach's typing pause
    expect(sam.locator(".coach-note")).to_have_count(0)
