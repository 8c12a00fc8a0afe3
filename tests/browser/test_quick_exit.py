"""Quick exit in a real browser: one tap, or Esc three times, and Hearthside is gone — and
"back" shows no trace of what was on screen."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, Route, expect

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

NEUTRAL = "<html><head><title>Neutral</title></head><body><h1>An ordinary page</h1></body></html>"


def neutral_page(route: Route) -> None:
    # No internet in tests: answer for the neutral site ourselves.
    route.fulfill(status=200, content_type="text/html", body=NEUTRAL)


@pytest.fixture
def alex_reading(
    new_context: ContextFactory, sign_in: Callable[..., None], people: Any, entries: Any
) -> Page:
    context = new_context("alex", bypass_csp=False)
    context.route("https://www.wikipedia.org/**", neutral_page)
    sign_in(context, people.alex)
    page = context.new_page()
    page.goto("/")
    page.goto("/journal/")
    expect(page.locator("main")).to_contain_text("nervous about the climb")
    return page


def assert_gone_for_good(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("An ordinary page")
    page.go_back()
    # Back lands on Hearthside again, but signed out: no journal, no Today, no names.
    body = page.locator("body")
    expect(body).not_to_contain_text("nervous about the climb")
    expect(body).not_to_contain_text("Hello, Alex")
    page.goto("/journal/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_one_tap_leaves_and_back_shows_nothing(alex_reading: Page) -> None:
    alex_reading.get_by_role("link", name="Quick exit").click()
    assert_gone_for_good(alex_reading)


def test_escape_three_times_leaves_too(alex_reading: Page) -> None:
    alex_reading.locator("body").click()
    for _ in range(3):
        alex_reading.keyboard.press("Escape")
    assert_gone_for_good(alex_reading)
