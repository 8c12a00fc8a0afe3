"""Journal search with htmx: typing narrows the entries in place, without a full page load, and
the address follows along so the filtered view can be bookmarked or reloaded."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]


@pytest.fixture
def journal_page(
    new_context: ContextFactory, sign_in: Callable[..., None], people: Any, entries: Any
) -> Page:
    from hearthside.practice.models import CheckIn

    # Alex's journal: the conftest's check-in and two shares, plus two more check-ins.
    CheckIn.objects.create(author=people.alex, mood=4, note="Long walk by the river with Sam")
    CheckIn.objects.create(author=people.alex, mood=3, situation="Packing for the climbing trip")
    context = new_context("alex")
    sign_in(context, people.alex)
    page = context.new_page()
    page.goto("/journal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your journal")
    return page


def test_typing_in_search_narrows_entries_without_a_page_load(journal_page: Page) -> None:
    page = journal_page
    results = page.locator("#journal-entries")
    entries = results.locator("article")
    expect(entries).to_have_count(5)
    # A full page load would wipe this; an htmx swap keeps it.
    page.evaluate("() => { window.sameDocument = true; }")

    search = page.get_by_role("searchbox", name="Search")
    with page.expect_response(lambda r: "/journal/" in r.url and "q=climb" in r.url) as info:
        search.press_sequentially("climb")
    request = info.value.request
    assert request.headers.get("hx-request") == "true", "the search was not an htmx request"
    assert request.resource_type in ("xhr", "fetch")

    expect(entries).to_have_count(2)
    expect(results).to_contain_text("nervous about the climb")
    expect(results).to_contain_text("Packing for the climbing trip")
    expect(results).not_to_contain_text("work is heavy this week")
    assert page.evaluate("() => window.sameDocument") is True, "the page reloaded"
    # Only the list was swapped: one page heading, one search form.
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("search")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/journal/\?.*q=climb"))
    expect(search).to_be_focused()

    # Another word narrows differently, still in place.
    search.fill("river")
    expect(entries).to_have_count(1)
    expect(results).to_contain_text("Long walk by the river with Sam")

    # Nothing of anyone else's is ever searchable here, even words that exist in Sam's entries.
    search.fill("loved Sunday")
    expect(entries).to_have_count(0)
    expect(results).to_contain_text("Nothing matches.")

    search.fill("")
    expect(entries).to_have_count(5)
    assert page.evaluate("() => window.sameDocument") is True, "the page reloaded"


def test_filtered_address_reloads_to_the_same_entries(journal_page: Page) -> None:
    page = journal_page
    page.get_by_role("searchbox", name="Search").fill("heavy")
    expect(page).to_have_url(re.compile(r"q=heavy"))
    page.reload()
    expect(page.get_by_role("searchbox", name="Search")).to_have_value("heavy")
    expect(page.locator("#journal-entries article")).to_have_count(1)
    expect(page.locator("#journal-entries")).to_contain_text("work is heavy this week")
