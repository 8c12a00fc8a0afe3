"""A summary for a facilitator, in two real browsers, end to end.

Alex and Sam have had a few weeks of sharing: one share, Sam's listening reply that made Alex
feel heard, and a thank-you — and Alex's private check-in, which must never leave Alex. Alex
suggests a summary of the last four weeks (the form's own dates); it waits for Sam, who finds
it on the list, sees what it would hold, and says yes — which makes it. Both can read it; the
printable page prints without the app around it, in a serif; the Markdown download holds the
share and not the check-in. Alex's page, left open, notices Sam's yes by itself. Robin, Alex's
climbing friend, gets 404 for all of it.

The app's real CSP stays on (axe is served same-origin); any script error fails the journey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearthside.circles.models import Membership
from hearthside.practice import actions
from hearthside.practice.models import CheckIn, Share
from hearthside.summary import views as summary_views
from hearthside.summary.actions import local_today
from tests.browser.journey import assert_never_shows, check_a11y, heading, serve_axe_same_origin

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

SHARED = "The release week has left me quiet at dinner, and I miss our evenings."
HEARD = "It sounds like the week took everything and there was nothing left for us."
THANKS = "Thank you for noticing without me having to explain."
PRIVATE = "Scared I'm not good enough for this job."


def _seed(people: Any) -> None:
    now = timezone.now()
    Membership.objects.filter(circle__in=[people.partners, people.friends]).update(
        joined_at=now - timedelta(days=60)
    )
    CheckIn.objects.create(author=people.alex, note=PRIVATE, created_at=now - timedelta(days=6))
    share = Share.objects.create(
        author=people.alex,
        circle=people.partners,
        text=SHARED,
        feelings=["tired"],
        created_at=now - timedelta(days=5),
    )
    reply = share.replies.create(
        author=people.sam, reflect=HEARD, created_at=now - timedelta(days=5, hours=-1)
    )
    actions.mark_felt_heard(people.alex, reply)
    actions.thank_listener(people.alex, reply, THANKS)


def test_alex_and_sam_make_a_summary_together_and_robin_never_sees_it(
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    people: Any,
    axe_check: Callable[..., None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _seed(people)
    # The live server runs in this process: ask every second instead of every 20, so Alex's
    # open page can be seen to notice Sam's yes without waiting.
    monkeypatch.setattr(summary_views, "POLL_SECONDS", 1)
    pages = {}
    for name in ("alex", "sam", "robin"):
        context = new_context(name, bypass_csp=False)
        serve_axe_same_origin(context)
        sign_in(context, getattr(people, name))
        pages[name] = context.new_page()
    alex, sam, robin = pages["alex"], pages["sam"], pages["robin"]

    # --- Alex suggests the last four weeks of Alex & Sam ---------------------------------
    alex.goto("/summaries/")
    expect(heading(alex)).to_have_text("Summaries for a facilitator")
    check_a11y(alex, axe_check, "summaries, none yet")
    alex.get_by_label("Which circle?").select_option(label="Alex & Sam")
    today = local_today(people.alex)
    expect(alex.get_by_label("To (included)")).to_have_value(today.isoformat())
    alex.get_by_role("button", name="Suggest this summary").click()
    expect(alex.locator(".messages")).to_contain_text("Proposed, with your consent")
    expect(heading(alex)).to_have_text("Summary for Alex & Sam")
    expect(alex.locator(".summary-consents")).to_contain_text("1 of 2 have said yes.")
    summary_path = alex.url.removeprefix(new_context.base_url)
    assert re.fullmatch(r"/summaries/\d+/", summary_path), summary_path
    check_a11y(alex, axe_check, "a summary waiting for consent")

    # --- Sam finds it, sees what it would hold, and says yes -----------------------------
    sam.goto("/summaries/")
    waiting = sam.get_by_role("region", name="Waiting for your answer")
    expect(waiting).to_contain_text("Alex & Sam")
    check_a11y(sam, axe_check, "summaries, one waiting for me")
    waiting.get_by_role("link", name=re.compile("Alex & Sam")).click()
    expect(sam.get_by_role("heading", name="Would you like this summary made?")).to_be_visible()
    expect(sam.locator(".summary-counts")).to_contain_text("1 share, with 1 reply")
    expect(sam.locator(".summary-counts")).to_contain_text("1 understanding moment")
    assert_never_shows(sam, SHARED, PRIVATE)  # counts only, until everyone agrees
    sam.get_by_role("button", name="Yes, I agree to this summary").click()
    expect(sam.locator(".messages")).to_contain_text("Everyone has agreed")
    document = sam.locator(".summary-doc")
    expect(document).to_contain_text(SHARED)
    expect(document).to_contain_text(HEARD)
    expect(document).to_contain_text("Alex felt heard by Sam")
    expect(document).to_contain_text(THANKS)
    assert_never_shows(sam, PRIVATE)
    check_a11y(sam, axe_check, "a made summary")

    # --- Alex's open page notices and shows it, without a reload --------------------------
    expect(alex.get_by_role("heading", name="Everyone said yes")).to_be_visible()
    assert alex.url.endswith(summary_path)
    expect(alex.locator(".summary-doc")).to_contain_text(SHARED)
    assert_never_shows(alex, PRIVATE)

    # --- The printable page: the app around it disappears on paper ------------------------
    alex.get_by_role("link", name="Printable page").click()
    expect(heading(alex)).to_have_text("Summary for Alex & Sam")
    print_button = alex.get_by_role("button", name="Print")
    expect(print_button).to_be_visible()  # shown by the page's script, CSP and all
    check_a11y(alex, axe_check, "printable summary")
    alex.emulate_media(media="print")
    expect(alex.locator(".site-header")).to_be_hidden()
    expect(alex.locator(".site-footer")).to_be_hidden()
    expect(print_button).to_be_hidden()
    expect(alex.locator(".summary-doc")).to_contain_text(SHARED)
    font = alex.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "Georgia" in font and "serif" in font
    breaks = alex.evaluate(
        "() => [...document.querySelectorAll('.summary-section')]"
        ".map(s => getComputedStyle(s).breakBefore)"
    )
    # A fresh page for each part after the first, which follows the title and the period.
    assert len(breaks) == 6 and breaks[0] == "auto" and set(breaks[1:]) == {"page"}
    alex.emulate_media(media="screen")

    # --- The Markdown download -----------------------------------------------------------
    with alex.expect_download() as info:
        alex.get_by_role("link", name="Download as Markdown").click()
    download = info.value
    assert re.fullmatch(
        r"hearthside-summary-alex-sam-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.md",
        download.suggested_filename,
    )
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# Summary for Alex & Sam\n")
    assert SHARED in text and THANKS in text
    assert PRIVATE not in text

    # --- Robin, in another circle with Alex, gets nothing --------------------------------
    for path in (summary_path, summary_path + "print/", summary_path + "summary.md"):
        response = robin.request.get(new_context.base_url + path)
        assert response.status == 404, path
        assert SHARED not in response.text()
    page = robin.goto(summary_path)
    assert page is not None and page.status == 404
    robin.goto("/summaries/")
    assert_never_shows(robin, SHARED, HEARD, THANKS, PRIVATE, "Alex & Sam")

    problems = {name: errors for name, errors in new_context.errors.items() if errors}
    assert not problems, f"browser errors: {problems}"
    missing = {name: urls for name, urls in new_context.missing_assets.items() if urls}
    assert not missing, f"missing static files: {missing}"
