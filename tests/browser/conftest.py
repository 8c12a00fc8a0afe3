"""Fixtures for real browser journeys: Playwright's sync API driving Debian's Chromium against
pytest-django's live server.

- `browser`: one Chromium per test session (per xdist worker), launched from /usr/bin/chromium.
  Playwright never downloads a browser here, and Chromium's background networking is off: this
  machine has no internet and nothing should try to reach it.
- `new_context(name)`: a fresh browser context (its own cookies, so its own person) pointed at
  the live server. Each person in a journey gets their own. On a failing test every open page is
  saved as a screenshot under test-artifacts/.
- `sign_in(context, person)`: puts a signed-in session cookie for a seeded person into a
  context, for tests about pages rather than about signing in.
- `axe_check(page)` (a fixture returning `run_axe`): runs axe-core (from node_modules) on the
  page and fails on "serious" or "critical" violations, listing each rule, its help page and
  the offending elements.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    sync_playwright,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
# Generous enough for a loaded CI machine, short enough that a broken step fails quickly.
TIMEOUT_MS = 10_000
BLOCKING_IMPACTS = ("serious", "critical")

# Playwright's sync API keeps an asyncio event loop marked as running in this thread between
# calls, so Django would refuse ORM calls made by test code (seeding data, pytest-django's
# flush) as "async unsafe". They are not: nothing here runs concurrently with them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

_phase_reports = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    item.stash.setdefault(_phase_reports, {})[report.when] = report
    return report


def _failed(item: pytest.Item) -> bool:
    reports = item.stash.get(_phase_reports, {})
    return any(r.failed for r in reports.values())


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-browser (apt-get install chromium)")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


CANCELLED = frozenset({"htmx:afterRequest", "htmx:sendAbort"})


class ContextFactory:
    """Makes browser contexts for one test and remembers them for screenshots and clean-up."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: list[tuple[str, BrowserContext]] = []
        # Browser-side problems per context name: script errors and console errors such as CSP
        # refusals (`errors`), and static files that failed to load (`missing_assets`). Pages
        # that answer 404 on purpose are not problems, so failed page loads are not collected.
        self.errors: dict[str, list[str]] = {}
        self.missing_assets: dict[str, list[str]] = {}

    def __call__(self, name: str = "visitor", **options: Any) -> BrowserContext:
        options.setdefault("base_url", self.base_url)
        # The app's CSP forbids inline scripts, which is how axe-core gets injected. Journeys
        # that want the real policy enforced pass bypass_csp=False.
        options.setdefault("bypass_csp", True)
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "en-GB")
        options.setdefault("timezone_id", "Europe/London")
        context = self.browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        errors = self.errors.setdefault(name, [])
        missing = self.missing_assets.setdefault(name, [])

        def on_console(message: ConsoleMessage) -> None:
            # "Failed to load resource" repeats what on_response sees, with less detail. htmx
            # logs a background request the browser cancelled (the person moved to another
            # page, or typed again and the coach's older request was replaced) as the pair
            # "htmx:afterRequest" + "htmx:sendAbort": that is the page doing its job. A request
            # that really fails still says so ("htmx:sendError", "htmx:responseError",
            # "htmx:timeout"), and those are kept.
            if message.type != "error" or message.text in CANCELLED:
                return
            if not message.text.startswith("Failed to load resource"):
                errors.append(f"console: {message.text} ({message.location.get('url', '')})")

        def on_response(response: Response) -> None:
            if response.status >= 400 and "/static/" in response.url:
                missing.append(f"{response.status} {response.url}")

        context.on("console", on_console)
        context.on("weberror", lambda error: errors.append(f"page error: {error.error}"))
        context.on("response", on_response)
        self.contexts.append((name, context))
        return context

    def screenshot_all(self, nodeid: str) -> list[Path]:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")
        saved = []
        for name, context in self.contexts:
            for index, page in enumerate(context.pages):
                path = ARTIFACTS_DIR / f"{stem}--{name}-{index}.png"
                try:
                    page.screenshot(path=str(path), full_page=True)
                except Exception:  # noqa: S112 - a closed or crashed page: nothing to save
                    continue
                saved.append(path)
        return saved

    def close(self) -> None:
        for _name, context in self.contexts:
            context.close()


@pytest.fixture
def new_context(
    request: pytest.FixtureRequest, browser: Browser, live_server: Any, transactional_db: None
) -> Iterator[ContextFactory]:
    """`new_context("alex")` → a fresh BrowserContext (own cookies) on the live server."""
    factory = ContextFactory(browser, live_server.url)
    yield factory
    try:
        if _failed(request.node):
            for path in factory.screenshot_all(request.node.nodeid):
                print(f"screenshot: {path}")  # shown with the failure report
    finally:
        factory.close()


@pytest.fixture
def fast_password_hashing(settings: Any) -> None:
    """Argon2 takes most of a second per password here, and seeding the conftest's four people
    would dominate a page check. Use with `pytest.mark.usefixtures` (before `people`) in tests
    that never type a password; journeys that sign up keep the real hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sign_in(live_server: Any) -> Callable[[BrowserContext, Any], None]:
    """Give a context a signed-in session for `person`, without going through the form."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.test import Client

    host = urlsplit(live_server.url).hostname

    def sign_in_as(context: BrowserContext, person: Any) -> None:
        client = Client()
        client.force_login(person)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "domain": host or "localhost",
                    "path": "/",
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )

    return sign_in_as


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        lines.append(f"  {v['helpUrl']}")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {target}: {summary}")
            lines.append(f"       {node['html'][:160]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


def run_axe(page: Page, *, label: str = "") -> None:
    """Run axe-core on `page`; fail listing every serious or critical violation.

    The page's context must bypass CSP (the default for `new_context`): axe is injected as an
    inline script, which the app's policy rightly refuses.
    """
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (axe-core comes from package-lock.json)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})",
    )
    blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        where = f"{label} ({page.url})" if label else page.url
        pytest.fail(
            f"axe: {len(blocking)} serious/critical accessibility violation(s) on {where}:\n"
            + _describe(blocking),
            pytrace=False,
        )


@pytest.fixture
def axe_check() -> Callable[..., None]:
    """`axe_check(page, label="home")`: see `run_axe`."""
    return run_axe


# The journeys' moving clock lives with their other shared helpers.
from tests.browser.journey import clock  # noqa: E402, F401
