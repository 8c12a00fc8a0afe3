"""Helpers the browser journeys share: a clock the live server follows, axe under the app's
strict CSP, and small page readers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import BrowserContext, Locator, Page, Route

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__test__/axe.min.js"  # never reaches the server: a Playwright route answers it
FINITE_ANIMATIONS_DONE = """() => Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null)))"""


class Clock:
    """Moves the server's clock (time_machine patches every thread in this process). Each jump
    starts a new ticking travel on top of the last; `stop` undoes them all."""

    def __init__(self) -> None:
        self._travels: list[Any] = []

    def travel_to(self, when: datetime) -> None:
        traveller = time_machine.travel(when, tick=True)
        traveller.start()
        self._travels.append(traveller)

    def stop(self) -> None:
        while self._travels:
            self._travels.pop().stop()


@pytest.fixture
def clock() -> Iterator[Clock]:
    moving = Clock()
    try:
        yield moving
    finally:
        moving.stop()


def serve_axe_same_origin(context: BrowserContext) -> None:
    def fulfil(route: Route) -> None:
        route.fulfill(path=str(AXE_JS), content_type="application/javascript")

    context.route(f"**{AXE_URL}", fulfil)


def check_a11y(page: Page, axe_check: Callable[..., None], label: str) -> None:
    """axe_check under the app's CSP: load axe as a same-origin <script src> first (which the
    policy allows), so the helper finds it and needn't inline it (which the policy refuses)."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    # Let arrival animations (the grounding card fades in) settle first, or axe measures
    # contrast on half-transparent text. The breathing circle loops forever: don't wait on it.
    page.evaluate(FINITE_ANIMATIONS_DONE)
    axe_check(page, label=label)


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def assert_never_shows(page: Page, *texts: str) -> None:
    body = page.locator("body").inner_text()
    for text in texts:
        assert text not in body, f"{page.url} shows private text {text!r}"
