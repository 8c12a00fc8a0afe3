"""Thank-yous for small acts, in two real browsers.

Sam thanks Alex for a couple of small things, picked as chips with a few words of their own
(after a kind nudge for sending nothing). Alex finds it on Today and on /thanks/, keeps it for
hard days with one tap (htmx, announced to screen readers) and finds it under the favourites.
Sam's pages never change because of it: no read receipts. Then a repair between them closes,
its summary offers "Say thank you", and Sam's thank-you lands linked to that repair.

The app's real CSP stays on; axe-core is served same-origin. Any script error fails the journey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.journey import assert_never_shows, check_a11y, heading, serve_axe_same_origin

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

THANKS = "You sorted the car out while I was at work. I came home to nothing to worry about."
AFTER_REPAIR = "Thank you for coming back when you were ready, and for really listening."


def main_text(page: Page) -> str:
    # Words only (line breaks in inner_text depend on whether styles have applied yet), and
    # without "… minutes ago", which moves on by itself.
    words = " ".join(page.locator("main").inner_text().split())
    return re.sub(r"\d+\s+minutes? ago", "", words)


def test_a_thank_you_for_a_small_act_kept_for_hard_days(
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    people: Any,
    axe_check: Callable[..., None],
) -> None:
    sam_context = new_context("sam", bypass_csp=False)
    serve_axe_same_origin(sam_context)
    sign_in(sam_context, people.sam)
    sam = sam_context.new_page()
    alex_context = new_context("alex", bypass_csp=False)
    serve_axe_same_origin(alex_context)
    sign_in(alex_context, people.alex)
    alex = alex_context.new_page()

    # --- Sam says thank you ------------------------------------------------------------------
    sam.goto("/thanks/")
    expect(heading(sam)).to_have_text("Thank-yous")
    sam.get_by_role("link", name="Say thank you").click()
    expect(heading(sam)).to_have_text("Say thank you")
    # Alex is the only other person in Sam's circles, so already chosen.
    expect(sam.get_by_role("radio", name="Alex")).to_be_checked()
    # Sending nothing gets a kind word, not a scolding.
    sam.get_by_role("button", name="Send thank-you").click()
    expect(sam.locator(".form-errors")).to_contain_text("Pick something they did")
    check_a11y(sam, axe_check, "thank-you form with a message")

    sam.get_by_text("You took something off my plate").click()
    sam.get_by_text("You followed through").click()
    expect(sam.get_by_role("checkbox", name="You followed through")).to_be_checked()
    sam.get_by_label("In your own words").fill(THANKS)
    sam.get_by_role("button", name="Send thank-you").click()
    expect(sam.locator(".messages")).to_contain_text("Your thank-you is with Alex.")
    expect(sam.get_by_role("link", name="You sent")).to_have_attribute("aria-current", "page")
    sent = sam.locator("article.thanks-item")
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text(THANKS)
    expect(sent).to_contain_text("To Alex")
    # Nothing to keep on my own; mine to take back.
    expect(sent.get_by_role("button", name=re.compile("Keep"))).to_have_count(0)
    expect(sent.get_by_role("button", name="Take it back")).to_be_visible()
    sam_sent_before = main_text(sam).replace("Your thank-you is with Alex.", "").strip()

    # --- Alex finds it on Today, then keeps it ---------------------------------------------
    alex.goto("/")
    today = alex.locator("section[aria-labelledby='thanks-heading']")
    expect(today).to_contain_text(THANKS)
    expect(today).to_contain_text("You took something off my plate")
    expect(today).to_contain_text("— Sam")
    today.get_by_role("link", name="All your thank-yous").click()
    expect(heading(alex)).to_have_text("Thank-yous")
    item = alex.locator("article.thanks-item").filter(has_text=THANKS)
    expect(item).to_contain_text("From Sam")
    expect(item).to_contain_text("You followed through")
    check_a11y(alex, axe_check, "thank-yous for me")

    keep = item.get_by_role("button", name="Keep for hard days")
    expect(keep).to_have_attribute("aria-pressed", "false")
    with alex.expect_response(re.compile(r"/thanks/\d+/favourite/$")):
        keep.click()
    kept = alex.locator("article.thanks-item").filter(has_text=THANKS)
    expect(kept.get_by_role("button", name="Kept for hard days")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(alex.locator("#thanks-status")).to_have_text(re.compile("Kept for hard days"))
    # Focus stays on the button, so a keyboard or screen-reader user isn't thrown to the top.
    expect(kept.get_by_role("button")).to_be_focused()
    # The same page, not a new one: the swap was in place.
    assert alex.url.endswith("/thanks/")

    alex.get_by_role("link", name="Favourites for hard days").click()
    expect(alex.locator("article.thanks-item")).to_have_count(1)
    expect(alex.locator("article.thanks-item")).to_contain_text(THANKS)
    expect(alex.locator("main")).to_contain_text("Only you can see what you keep here.")
    check_a11y(alex, axe_check, "favourites for hard days")

    # --- Sam never learns it was kept ------------------------------------------------------
    sam.goto("/thanks/?show=sent")
    assert main_text(sam).strip() == sam_sent_before
    assert_never_shows(sam, "Kept for hard days")
    sam.goto("/thanks/?show=favourites")
    expect(sam.locator("article.thanks-item")).to_have_count(0)
    sam.goto(f"/circles/{people.partners.pk}/")
    assert_never_shows(sam, "Kept for hard days")

    # --- After a repair closes, its summary offers a thank-you ------------------------------
    from hearthside.circles.models import Membership
    from hearthside.repair.models import Rupture

    # They have been together a while; the row was this morning and is mended now.
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=90))
    rupture = Rupture.objects.create(
        author=people.alex,
        circle=people.partners,
        title="The Saturday plans",
        status=Rupture.Status.CLOSED,
        created_at=timezone.now() - timedelta(hours=2),
        closed_at=timezone.now() - timedelta(minutes=5),
    )
    sam.goto(f"/ruptures/{rupture.pk}/")
    expect(sam.locator("main")).to_contain_text("What we kept from this")
    sam.get_by_role("link", name="Say thank you to Alex").click()
    expect(sam.locator("main")).to_contain_text("You came through “The Saturday plans” together.")
    expect(sam.get_by_role("radio", name="Alex")).to_be_checked()
    check_a11y(sam, axe_check, "thank-you after a repair")
    sam.get_by_text("You came back to talk").click()
    sam.get_by_label("In your own words").fill(AFTER_REPAIR)
    sam.get_by_role("button", name="Send thank-you").click()
    expect(heading(sam)).to_have_text("The Saturday plans")
    expect(sam.locator(".messages")).to_contain_text("Your thank-you is with Alex.")

    alex.goto("/thanks/")
    latest = alex.locator("article.thanks-item").first
    expect(latest).to_contain_text(AFTER_REPAIR)
    expect(latest).to_contain_text("You came back to talk")
    expect(latest.get_by_role("link", name="The Saturday plans")).to_have_attribute(
        "href", f"/ruptures/{rupture.pk}/"
    )

    # --- Sam takes the first one back: it leaves Alex's lists, favourites included -----------
    sam.goto("/thanks/?show=sent")
    first = sam.locator("article.thanks-item").filter(has_text=THANKS)
    first.get_by_role("button", name="Take it back").click()
    expect(sam.locator(".messages")).to_contain_text("Taken back. Only you can see it now.")
    expect(first).to_contain_text("Taken back — only you can see this")
    check_a11y(sam, axe_check, "a thank-you taken back")
    alex.goto("/thanks/?show=favourites")
    expect(alex.locator("article.thanks-item")).to_have_count(0)
    alex.goto("/thanks/")
    expect(alex.locator("article.thanks-item")).to_have_count(1)
    assert_never_shows(alex, THANKS)

    for name in ("sam", "alex"):
        assert new_context.errors[name] == [], new_context.errors[name]
        assert new_context.missing_assets[name] == []
