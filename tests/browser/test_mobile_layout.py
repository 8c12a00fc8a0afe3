"""On a phone-sized screen no page is wider than the screen: a page that scrolls sideways hides
buttons off to the right, where a thumb can't reach them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

PHONE = {"width": 390, "height": 844}
PATHS = ["/", "/checkin/", "/share/", "/journal/", "/practices/", "/calm/", "/settings/"]


@pytest.mark.parametrize("path", PATHS)
def test_no_page_is_wider_than_a_phone(
    path: str, new_context: ContextFactory, sign_in: Callable[..., None], people: Any
) -> None:
    context = new_context("alex", viewport=PHONE)
    sign_in(context, people.alex)
    page = context.new_page()
    page.goto(path)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px screen"
