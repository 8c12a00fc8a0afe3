"""The journeys' watch for browser-side problems: a background request the browser cancels
(the person moved on, or typed again) is not a problem, but one that fails still is — so the
filter that lets the first through can't hide the second."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Route, expect

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

COACH = "**/coach/notes"
BLAMING = "You always leave the dishes."


def test_a_coach_request_that_fails_is_reported(
    new_context: ContextFactory, sign_in: Callable[..., None], people: Any
) -> None:
    context = new_context("alex")
    context.route(COACH, lambda route: route.fulfill(status=500, body="boom"))
    sign_in(context, people.alex)
    page = context.new_page()
    page.goto("/share/")
    with page.expect_response("**/coach/notes"):
        page.get_by_label("What you'd like to share").fill(BLAMING)
    expect(page.locator(".coach-note")).to_have_count(0)
    # htmx logs the failure as it handles the response; give the message a moment to arrive.
    page.wait_for_timeout(200)
    problems = new_context.errors["alex"]
    assert any("Response Status Error Code 500 from /coach/notes" in e for e in problems), problems
    new_context.errors["alex"].clear()  # seen and expected: the journey's own check passes


def test_a_coach_request_replaced_by_newer_words_is_not(
    new_context: ContextFactory, sign_in: Callable[..., None], people: Any
) -> None:
    context = new_context("alex")
    held: list[Route] = []

    def hold_the_first(route: Route) -> None:
        # The first request is never answered, so it is still in flight when Alex types on
        # and the coach's container replaces it with a newer one (hx-sync="this:replace").
        if held:
            route.continue_()
        else:
            held.append(route)

    context.route(COACH, hold_the_first)
    sign_in(context, people.alex)
    page = context.new_page()
    page.goto("/share/")
    field = page.get_by_label("What you'd like to share")
    with page.expect_request(COACH):
        field.fill("Work has been a lot this week.")
    with page.expect_response(COACH):
        field.fill(BLAMING)
    expect(page.locator(".coach-note")).to_have_count(1)
    page.goto("/journal/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert new_context.errors["alex"] == []
