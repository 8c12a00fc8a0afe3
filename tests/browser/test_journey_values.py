"""Intentions, values and goals in three real browsers.

Alex writes one intention just for themself and one shared with Sam; Sam sees only the shared
one. Alex adds a value and Sam a goal. Alex starts a revisit and Sam joins it from the Today
page; they go through the prompts side by side, and each one's notes appear on the other's
screen without a reload. On the last prompt Sam lets a goal go; Alex finishes with a takeaway,
and both see what changed. Robin, Alex's climbing friend, sees none of it, and the partners'
pages are "not found" for Robin. The app's CSP stays on; any script error fails the journey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.journey import (
    assert_never_shows,
    check_a11y,
    heading,
    serve_axe_same_origin,
)

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

PRIVATE_HOPE = "To admit when I'm scared, at least to myself."
SHARED_HOPE = "To say the small things before they turn into big ones."
VALUE = "Ask before assuming"
GOAL = "Walk the coast path together"
ALEX_NOTE = "Asking before assuming still fits — I slip on it when I'm tired."
SAM_NOTE = "The coast path feels more real now that we've written it down."
SAM_MORE = "Lazy Sunday mornings."
TAKEAWAY = "Fewer assumptions, more Sundays."


def person_page(
    new_context: ContextFactory,
    sign_in: Callable[[BrowserContext, Any], None],
    who: str,
    person: Any,
) -> Page:
    context = new_context(who, bypass_csp=False)
    serve_axe_same_origin(context)
    sign_in(context, person)
    return context.new_page()


def write_note(page: Page, text: str) -> None:
    page.get_by_label("Your note").fill(text)
    page.get_by_role("button", name=re.compile(r"^Save and (go on|finish up)$")).click()


def test_partners_keep_their_values_together_and_a_friend_sees_none_of_it(
    new_context: ContextFactory,
    sign_in: Callable[[BrowserContext, Any], None],
    people: Any,
    axe_check: Callable[..., None],
) -> None:
    alex = person_page(new_context, sign_in, "alex", people.alex)
    sam = person_page(new_context, sign_in, "sam", people.sam)
    robin = person_page(new_context, sign_in, "robin", people.robin)

    # --- Alex writes two intentions: one private, one for Sam ---------------------------------
    alex.goto("/practices/")
    alex.get_by_role("link", name="Values and goals").click()
    expect(heading(alex)).to_have_text("Values and goals")
    check_a11y(alex, axe_check, "values overview, empty")

    alex.get_by_role("link", name="Write an intention").click()
    expect(heading(alex)).to_have_text("What do you hope opening up brings?")
    expect(alex.get_by_label("Who sees it")).to_have_value("")  # private unless chosen
    alex.get_by_role("checkbox", name=re.compile("^Courage")).check()
    alex.get_by_role("checkbox", name=re.compile("^Kindness to myself")).check()
    alex.get_by_label("In your own words").fill(PRIVATE_HOPE)
    check_a11y(alex, axe_check, "intention form")
    alex.get_by_role("button", name="Keep it").click()
    expect(alex.locator(".messages")).to_contain_text("Saved, just for you.")
    mine = alex.locator(".intention", has_text=PRIVATE_HOPE)
    expect(mine).to_contain_text("Only you")
    expect(mine).to_contain_text("Kindness to myself")

    alex.get_by_role("link", name="Write an intention").click()
    alex.get_by_label("Who sees it").select_option(label="Alex & Sam")
    alex.get_by_role("checkbox", name=re.compile("^Closeness")).check()
    alex.get_by_label("In your own words").fill(SHARED_HOPE)
    alex.get_by_role("button", name="Keep it").click()
    expect(alex.locator(".messages")).to_contain_text("Shared with Alex & Sam.")

    # --- Sam sees only the shared one -----------------------------------------------------------
    sam.goto("/values/")
    theirs = sam.locator("section", has=sam.get_by_role("heading", name="What others hope for"))
    expect(theirs).to_contain_text(SHARED_HOPE)
    expect(theirs).to_contain_text("Closeness")
    assert_never_shows(sam, PRIVATE_HOPE)

    # --- Both add to what the circle holds ------------------------------------------------------
    alex.goto("/values/")
    alex.get_by_role("link", name="Values and goals of Alex & Sam").click()
    expect(heading(alex)).to_have_text("What Alex & Sam holds")
    alex.get_by_label("In a few words").fill(VALUE)
    alex.get_by_role("button", name="Add it").click()
    expect(alex.locator(".messages")).to_contain_text("Added to your values.")
    circle_path = alex.url.removeprefix(new_context.base_url)

    sam.goto(circle_path)
    sam.get_by_role("radio", name=re.compile("^A goal")).check()
    sam.get_by_label("In a few words").fill(GOAL)
    sam.get_by_role("button", name="Add it").click()
    # A goal needs its part of life; nothing typed is lost while Sam picks one.
    expect(sam.locator(".form-errors")).to_be_visible()
    expect(sam.get_by_label("In a few words")).to_have_value(GOAL)
    sam.get_by_label("Part of life (for goals)").select_option(label="Fun")
    sam.get_by_role("button", name="Add it").click()
    expect(sam.locator(".messages")).to_contain_text("Added to your goals.")
    expect(sam.locator("main")).to_contain_text(VALUE)
    check_a11y(sam, axe_check, "circle values and goals")

    # --- Alex starts a revisit; Sam joins from the Today page -----------------------------------
    alex.reload()
    expect(alex.locator("main")).to_contain_text(GOAL)
    alex.get_by_role("button", name="Start a revisit now").click()
    expect(alex.locator(".ritual-step")).to_contain_text("Prompt 1 of 4")
    expect(alex.get_by_role("heading", name="What still fits?")).to_be_visible()

    sam.goto("/")
    home_card = sam.locator(".values-home")
    expect(home_card).to_contain_text("A revisit is under way in Alex & Sam.")
    home_card.get_by_role("link", name="Join in").click()
    expect(sam.get_by_role("heading", name="What still fits?")).to_be_visible()
    expect(sam.locator(".others-notes")).to_contain_text("Nothing shared here yet.")
    check_a11y(sam, axe_check, "revisit prompt")

    # Alex's note appears on Sam's screen while Sam is still reading the prompt.
    write_note(alex, ALEX_NOTE)
    expect(alex.locator(".ritual-step")).to_contain_text("Prompt 2 of 4")
    expect(sam.locator(".others-notes")).to_contain_text(ALEX_NOTE)

    # Sam answers, then waits on the third prompt; Alex's note there reaches Sam live too.
    write_note(sam, SAM_NOTE)
    write_note(sam, "")
    expect(sam.get_by_role("heading", name="One thing we want more of")).to_be_visible()
    alex.get_by_role("link", name="Prompt 1").click()
    expect(alex.locator(".others-notes")).to_contain_text(SAM_NOTE)
    alex.get_by_role("link", name="Prompt 3").click()
    write_note(alex, "Long walks without our phones.")
    expect(sam.locator(".others-notes")).to_contain_text("Long walks without our phones.")
    write_note(sam, SAM_MORE)

    # --- The last prompt: Sam lets the goal go; Alex finishes -----------------------------------
    expect(sam.get_by_role("heading", name="One goal to keep, change or let go")).to_be_visible()
    sam.get_by_role("button", name=f"Let it go: {GOAL}").click()
    expect(sam.locator(".messages")).to_contain_text("Let go, with thanks.")

    alex.get_by_role("link", name="Finish").click()
    expect(alex.get_by_role("heading", name="Finishing")).to_be_visible()
    changes = alex.locator("section", has=alex.get_by_role("heading", name="Changed so far"))
    expect(changes).to_contain_text(f"Let go: {GOAL}")
    check_a11y(alex, axe_check, "revisit wrap-up")
    alex.get_by_label("What we take from this").fill(TAKEAWAY)
    alex.get_by_role("radio", name="Every six months").check()
    alex.get_by_role("button", name="Finish the revisit").click()
    expect(alex.locator(".messages")).to_contain_text("Finished.")
    revisit_path = alex.url.removeprefix(new_context.base_url)
    expect(alex.locator("main")).to_contain_text(TAKEAWAY)
    check_a11y(alex, axe_check, "finished revisit")

    sam.goto(revisit_path)
    summary = sam.locator("main")
    for text in (TAKEAWAY, ALEX_NOTE, SAM_NOTE, SAM_MORE, f"Let go: {GOAL}"):
        expect(summary).to_contain_text(text)
    sam.goto(circle_path)
    expect(sam.locator(".revisit-status")).to_contain_text("Next revisit:")
    expect(sam.locator("#history-heading")).to_be_visible()

    # On a phone nothing scrolls sideways, long words and all.
    sam.set_viewport_size({"width": 390, "height": 844})
    for path in ("/values/", circle_path, revisit_path, "/values/intentions/new/"):
        sam.goto(path)
        width = sam.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a phone"

    # --- Robin sees nothing of it ---------------------------------------------------------------
    robin.goto("/values/")
    expect(heading(robin)).to_have_text("Values and goals")
    assert_never_shows(
        robin, PRIVATE_HOPE, SHARED_HOPE, VALUE, GOAL, ALEX_NOTE, SAM_NOTE, TAKEAWAY, "Alex & Sam"
    )
    for path in (revisit_path, circle_path):
        response = robin.goto(path)
        assert response is not None and response.status == 404, path
        assert_never_shows(robin, TAKEAWAY, VALUE, GOAL, ALEX_NOTE)
    robin.goto("/")
    assert_never_shows(robin, "revisit")

    problems = {name: errors for name, errors in new_context.errors.items() if errors}
    assert not problems, f"browser errors: {problems}"
    missing = {name: urls for name, urls in new_context.missing_assets.items() if urls}
    assert not missing, f"missing static files: {missing}"
