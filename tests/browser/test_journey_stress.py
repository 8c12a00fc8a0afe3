"""Weathering a hard week together, in three real browsers.

Alex is stretched thin: one tap on Today opens the signal form, Alex asks for dinner sorted and
says a few words. Sam sees it on Today and offers dinner with one tap, right there (htmx, no
reload). On Alex's signal page the offer arrives by itself (the page polls), and Alex accepts it
with thanks; Sam's Today then says so. Both fill in who carries what this week on their shared
stress plan and each sees the other's part; Sam adds what's heavy and someone to call on.
Robin, Alex's climbing friend, is in a different circle: Robin's Today and stress plan never
show any of it, and the signal's address is a plain "not found".

The app's real CSP stays on (axe-core is served same-origin by a Playwright route), and any
script error or CSP refusal in any of the browsers fails the journey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from tests.browser.journey import assert_never_shows, check_a11y, heading, serve_axe_same_origin

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

ALEX_WORDS = "Three deadlines and the boiler's broken. I'm running on fumes tonight."
# The signal page asks for news every 10 seconds: give it time for one round and a bit.
POLL_MS = 15_000


def test_stretched_thin_and_a_shared_week(
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    people: Any,
    axe_check: Callable[..., None],
) -> None:
    pages = {}
    for name in ("alex", "sam", "robin"):
        context = new_context(name, bypass_csp=False)
        serve_axe_same_origin(context)
        sign_in(context, getattr(people, name))
        pages[name] = context.new_page()
    alex, sam, robin = pages["alex"], pages["sam"], pages["robin"]

    # --- Alex: one tap from Today, then what would help -------------------------------------
    alex.goto("/")
    today_card = alex.locator("section[aria-labelledby='stress-heading']")
    expect(today_card.get_by_role("heading", name="Stretched thin?")).to_be_visible()
    today_card.get_by_role("link", name="I'm stretched thin").click()
    expect(heading(alex)).to_have_text("I'm stretched thin")
    alex.get_by_role("radio", name="Alex & Sam").check()
    alex.get_by_role("checkbox", name="A meal sorted").check()
    alex.get_by_label("Anything else, in your own words").fill(ALEX_WORDS)
    check_a11y(alex, axe_check, "signal form")
    alex.get_by_role("button", name="Let them know").click()
    expect(heading(alex)).to_have_text("You're stretched thin")
    expect(alex.locator("main")).to_contain_text("A meal sorted")
    expect(alex.locator("#offers")).to_contain_text("No offers yet")
    signal_path = alex.url.removeprefix(new_context.base_url)
    assert re.fullmatch(r"/stress/signals/\d+/", signal_path), signal_path
    check_a11y(alex, axe_check, "my signal, waiting")

    # --- Sam: sees it on Today and offers dinner right there ---------------------------------
    sam.goto("/")
    signal_card = sam.locator("article.stress-signal-today")
    expect(signal_card.get_by_role("heading", name="Alex is stretched thin")).to_be_visible()
    expect(signal_card).to_contain_text("A meal sorted")
    expect(signal_card).to_contain_text(ALEX_WORDS)
    check_a11y(sam, axe_check, "Today with a signal to answer")
    url_before = sam.url
    signal_card.get_by_role("button", name="I'll take dinner tonight").click()
    answered = sam.locator("article.stress-signal-today")
    expect(answered).to_contain_text("Your offer is on its way to Alex.")
    expect(answered).to_contain_text("You offered: I'll take dinner tonight")
    expect(sam.locator("#stress-said")).to_have_text("Your offer is on its way to Alex.")
    assert sam.url == url_before  # answered in place

    # --- Alex: the offer arrives by itself; accept it with thanks ----------------------------
    offer = alex.locator("#offers .stress-offer")
    expect(offer).to_contain_text("Sam: I'll take dinner tonight", timeout=POLL_MS)
    offer.get_by_role("button", name=re.compile("^Yes please — thank you")).click()
    expect(alex.locator("#offers")).to_contain_text("Accepted, with thanks. Sam will know.")
    expect(alex.locator("#offers")).to_contain_text("You accepted this, with thanks")
    check_a11y(alex, axe_check, "my signal, with an accepted offer")

    sam.reload()
    expect(sam.locator("article.stress-signal-today")).to_contain_text("accepted, with thanks")

    # --- Both fill in who carries what this week ---------------------------------------------
    alex.goto("/stress/")
    expect(heading(alex)).to_have_text("Weathering stress together")
    alex.get_by_role("link", name="Alex & Sam").click()
    expect(heading(alex)).to_have_text("Stress plan · Alex & Sam")
    week = alex.locator("#stress-week")
    week.get_by_label("What needs doing").fill("Big food shop")
    week.get_by_label("Who's taking it").select_option(label="Me")
    week.get_by_role("button", name="Add to the week").click()
    expect(alex.locator("#stress-week")).to_contain_text("Added to the week, with you carrying it.")
    alex.locator("#stress-week").get_by_label("What needs doing").fill("Cook Thursday to Sunday")
    alex.locator("#stress-week").get_by_label("Who's taking it").select_option(label="Sam")
    alex.locator("#stress-week").get_by_role("button", name="Add to the week").click()
    expect(alex.locator("#stress-week")).to_contain_text("with Sam carrying it")
    check_a11y(alex, axe_check, "stress plan with a week's split")

    sam.goto("/stress/")  # Sam has one circle: straight to its plan
    expect(heading(sam)).to_have_text("Stress plan · Alex & Sam")
    sam_week = sam.locator("#stress-week")
    expect(sam_week).to_contain_text("Big food shop")
    expect(sam_week).to_contain_text("Alex is carrying this")
    expect(sam_week).to_contain_text("You're carrying this")
    sam_week.get_by_label("What needs doing").fill("Ring the plumber about the boiler")
    sam_week.get_by_role("button", name="Add to the week").click()
    expect(sam.locator("#stress-week")).to_contain_text("Anyone can take it.")
    # Each button names its task for screen readers ("Mark done: …").
    sam.locator("#stress-week").get_by_role(
        "button", name=re.compile(r"^Mark done\W+Cook Thursday to Sunday$")
    ).click()
    expect(sam.locator("#stress-week")).to_contain_text("1 of 3 done")
    expect(sam.locator("#stress-signals")).to_contain_text("Alex is stretched thin")

    # Sam names what's heavy and who else they can lean on; the coach sits under the words.
    heavy = sam.locator("#stress-heavy")
    heavy.get_by_text("Add what's heavy for you").click()
    heavy.get_by_label("What's heavy right now").fill("Thirty reports to write before Friday")
    heavy.get_by_role("radio", name="Medium").check()
    heavy.get_by_role("button", name="Add it").click()
    expect(sam.locator("#stress-heavy")).to_contain_text(
        "Added. Everyone in Alex & Sam can see it."
    )
    expect(sam.locator("#stress-heavy .stress-heavy-item")).to_contain_text("Thirty reports")
    support = sam.locator("#stress-support")
    support.get_by_text("Add someone").click()
    support.get_by_label("Who").fill("Mum")
    support.get_by_label("What kind of support").select_option(label="Family")
    support.get_by_label("A note").fill("Can have us for Sunday lunch")
    support.get_by_role("button", name="Add to the list").click()
    expect(sam.locator("#stress-support")).to_contain_text("Mum is on your list of support.")
    check_a11y(sam, axe_check, "stress plan, filled in")

    alex.reload()
    expect(alex.locator("#stress-heavy")).to_contain_text("Thirty reports to write before Friday")
    expect(alex.locator("#stress-support")).to_contain_text("Can have us for Sunday lunch")
    alex_week = alex.locator("#stress-week")
    expect(alex_week).to_contain_text("Ring the plumber about the boiler")
    expect(alex_week).to_contain_text("1 of 3 done")
    alex_week.get_by_role(
        "button", name=re.compile(r"^I'll take it\W+Ring the plumber about the boiler$")
    ).click()
    expect(alex.locator("#stress-week")).to_contain_text("It's yours this week.")

    # --- Robin sees none of it -----------------------------------------------------------------
    robin.goto("/")
    expect(heading(robin)).to_have_text("Hello, Robin")
    assert_never_shows(robin, "Alex is stretched thin", ALEX_WORDS, "Big food shop")
    robin.goto("/stress/")  # Robin's one circle is the climbers'
    expect(heading(robin)).to_have_text("Stress plan · Climbing friends")
    assert_never_shows(
        robin,
        "Alex is stretched thin",
        ALEX_WORDS,
        "Big food shop",
        "plumber about the boiler",
        "Thirty reports",
    )
    response = robin.goto(signal_path)
    assert response is not None and response.status == 404
    assert_never_shows(robin, ALEX_WORDS, "Alex")
    response = robin.goto(f"/stress/{people.partners.pk}/")
    assert response is not None and response.status == 404

    problems = {name: errors for name, errors in new_context.errors.items() if errors}
    assert not problems, f"browser errors: {problems}"
    missing = {name: urls for name, urls in new_context.missing_assets.items() if urls}
    assert not missing, f"static files that did not load: {missing}"
