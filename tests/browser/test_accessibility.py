"""Accessibility of the main pages, checked in a real browser.

axe-core runs on each page (signed in as a seeded persona where the page needs one, with the
conftest's people and entries, so lists are not empty) and any "serious" or "critical" violation
fails that page's test with the rule, its help page and the elements involved. Then a keyboard
check: from the top of the page, Tab reaches the skip link first and then the main navigation in
order, and the skip link moves focus to the content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

NAV_LINKS = [
    "Today",
    "Check in",
    "Share",
    "Journal",
    "Insights",
    "Rituals",
    "Repair",
    "Practices",
    "Circles",
]


@pytest.fixture
def seeded(entries: Any) -> Any:
    """The conftest's entries, plus one understanding moment: Alex felt heard by Sam's reply
    and thanked Sam, so the thank-you and "felt heard" states render too."""
    from hearthside.practice import actions

    entries.sam_reply.refresh_from_db()
    actions.mark_felt_heard(entries.alex_share_partners.author, entries.sam_reply)
    actions.thank_listener(
        entries.alex_share_partners.author,
        entries.sam_reply,
        "Thank you for hearing me out on a heavy week.",
    )
    return entries


# page name → (who is signed in, or None; path, with {ids} from the seeded data)
PAGES: dict[str, tuple[str | None, str]] = {
    "welcome": (None, "/"),
    "sign-in": (None, "/accounts/login/"),
    "sign-up": (None, "/accounts/signup/"),
    "safety": (None, "/safety/"),
    "home": ("alex", "/"),
    "home-with-thank-yous": ("sam", "/"),
    "check-in-form": ("alex", "/checkin/"),
    "check-in-detail": ("alex", "/checkins/{checkin}/"),
    "share-form": ("alex", "/share/"),
    "share-detail-as-sharer": ("alex", "/shares/{share}/"),
    "share-detail-as-listener": ("sam", "/shares/{share}/"),
    "journal": ("alex", "/journal/"),
    "circles": ("alex", "/circles/"),
    "circle-detail": ("alex", "/circles/{circle}/"),
    "settings": ("alex", "/settings/"),
    "practices": ("alex", "/practices/"),
    "needs": ("alex", "/needs/"),
    "thanks": ("sam", "/thanks/"),
    "thanks-new": ("alex", "/thanks/new/"),
    "boundaries": ("alex", "/boundaries/"),
    "boundaries-new": ("alex", "/boundaries/new/"),
    "calm": ("alex", "/calm/"),
    "calm-breathe": ("alex", "/calm/breathe/"),
    "pacing": ("alex", "/pacing/"),
    "pacing-ask": ("alex", "/pacing/ask/"),
    "values": ("alex", "/values/"),
    "values-intention-new": ("alex", "/values/intentions/new/"),
    "stress-signal-form": ("alex", "/stress/signal/"),
    "stress-plan": ("alex", "/stress/{circle}/"),
    "summaries": ("alex", "/summaries/"),
    "insights": ("alex", "/insights/"),
    "circle-insights": ("alex", "/circles/{circle}/insights/"),
    "data": ("alex", "/settings/data/"),
    "data-delete": ("alex", "/settings/data/delete/"),
}


@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_has_no_serious_accessibility_violations(
    page_name: str,
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    axe_check: Callable[..., None],
    people: Any,
    seeded: Any,
) -> None:
    persona, path = PAGES[page_name]
    context = new_context(persona or "anonymous")
    if persona:
        sign_in(context, getattr(people, persona))
    page = context.new_page()
    ids = {
        "checkin": seeded.alex_private_checkin.pk,
        "share": seeded.alex_share_partners.pk,
        "circle": people.partners.pk,
    }
    response = page.goto(path.format(**ids))
    assert response is not None and response.status == 200, f"{page_name}: {response}"
    if persona:
        # Really signed in as that person, not bounced to the sign-in page.
        expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    axe_check(page, label=page_name)


def focused(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                text: (el.innerText || el.value || '').trim(),
                tag: el.tagName.toLowerCase(),
                id: el.id,
                inMainNav: Boolean(el.closest('nav[aria-label="Main"]')),
                skipLink: el.classList.contains('skip-link'),
            };
        }"""
    )


def test_keyboard_reaches_skip_link_then_main_navigation_in_order(
    new_context: ContextFactory, sign_in: Callable[..., None], people: Any
) -> None:
    context = new_context("alex")
    sign_in(context, people.alex)
    page = context.new_page()
    page.goto("/journal/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.keyboard.press("Tab")
    first = focused(page)
    assert first["skipLink"], f"the first Tab stop is {first}, not the skip link"
    assert first["text"] == "Skip to content"

    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stops.append(focused(page))
    nav_stops = [s["text"] for s in stops if s["inMainNav"]]
    assert nav_stops == NAV_LINKS, f"Tab order through the main navigation: {stops}"
    # Nothing but the brand link comes between the skip link and the navigation.
    before_nav = stops[: next(i for i, s in enumerate(stops) if s["inMainNav"])]
    assert [s["text"] for s in before_nav] == ["Hearthside"], before_nav

    # The skip link does what it says: focus lands on the main content.
    page.goto("/journal/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    assert not focused(page)["inMainNav"], "after skipping, Tab should stay in the content"


def test_pages_load_their_stylesheet_and_scripts(new_context: ContextFactory) -> None:
    """The axe results above mean little on an unstyled page: make sure the CSS and scripts
    are really served (they were not, once: hearthside/static was missing from the finders)."""
    context = new_context("anonymous")
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("() => typeof window.htmx") == "object", "htmx did not load"
    assert not new_context.missing_assets["anonymous"], new_context.missing_assets
    # With the stylesheet applied, the skip link waits off-screen until it gets focus.
    skip = page.get_by_role("link", name="Skip to content")
    assert not skip.evaluate("el => el.getBoundingClientRect().right > 0")
    page.keyboard.press("Tab")
    assert skip.evaluate("el => el.getBoundingClientRect().right > 0")
