"""Screenshots of the main pages at phone and desktop widths, for the docs and for looking at the
design with fresh eyes. Not a test: it drives a server that is already running with demo data.

    HEARTHSIDE_DATA_DIR=/tmp/shots .venv/bin/hearthside migrate
    HEARTHSIDE_DATA_DIR=/tmp/shots .venv/bin/hearthside demo
    HEARTHSIDE_DATA_DIR=/tmp/shots .venv/bin/hearthside serve --port 8011 &
    DJANGO_SETTINGS_MODULE=hearthside.settings .venv/bin/python -m tests.browser.screenshots \\
        http://127.0.0.1:8011 [OUT_DIR]

It signs in through the real sign-in form as the demo people (password hearthside-demo) and
writes OUT_DIR (default docs/screenshots/) /{home,checkin,share,journal}-{mobile,desktop}.png.
Same Chromium and flags as the browser tests: nothing is downloaded, no background networking.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT

DEMO_PASSWORD = "hearthside-demo"  # the published demo password (README)
VIEWPORTS = {
    "mobile": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
MAX_SCREENS = 2


def sign_in(context: BrowserContext, email: str) -> Page:
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def first_share_with_replies(page: Page) -> str:
    """The address of a share of the signed-in person's that someone has replied to."""
    page.goto("/")
    link = page.get_by_role("region", name="Replies to you").get_by_role("link").first
    href = link.get_attribute("href")
    if not href:
        raise SystemExit("no share with replies on the home page: is the demo data loaded?")
    return href


def shoot(page: Page, path: str, out: Path) -> None:
    """The top of the page, down to at most MAX_SCREENS screens: enough to show the layout
    without a journal's worth of scrolling in the docs."""
    page.goto(path)
    page.wait_for_load_state("networkidle")
    viewport = page.viewport_size or {"width": 1280, "height": 900}
    height = min(
        page.evaluate("() => document.documentElement.scrollHeight"),
        viewport["height"] * MAX_SCREENS,
    )
    page.screenshot(
        path=str(out),
        full_page=True,
        clip={"x": 0, "y": 0, "width": viewport["width"], "height": height},
    )
    print(out.relative_to(REPO_ROOT) if out.is_relative_to(REPO_ROOT) else out)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    base_url = argv[1].rstrip("/")
    out_dir = Path(argv[2]) if len(argv) > 2 else REPO_ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for size, options in VIEWPORTS.items():
                common = {"base_url": base_url, "locale": "en-GB", "timezone_id": "Europe/London"}
                sam = browser.new_context(**common, **options)  # type: ignore[arg-type]
                alex = browser.new_context(**common, **options)  # type: ignore[arg-type]
                sam_page = sign_in(sam, "sam@example.com")
                alex_page = sign_in(alex, "alex@example.com")
                shoot(sam_page, "/", out_dir / f"home-{size}.png")
                shoot(sam_page, "/checkin/", out_dir / f"checkin-{size}.png")
                share = first_share_with_replies(alex_page)
                shoot(alex_page, share, out_dir / f"share-{size}.png")
                shoot(alex_page, "/journal/", out_dir / f"journal-{size}.png")
                sam.close()
                alex.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
