"""Asking for what you need, in two real browsers, end to end.

Alex asks Sam for reassurance. The first draft blames ("You never…") and the language coach
says so under the box; Alex rewrites it in their own words and asks. Sam finds it on Today,
answers "not now" with a time a few days ahead (the time box appears only for that answer) and
a note; the page updates in place and says so. The worker tells Alex, in words that carry no
part of the request, and Alex's Today shows the time Sam suggested. Later Sam changes the
answer to yes; Alex says the need was met, with a thank-you. Robin, a third member of the same
circle, and Olive, who shares no circle, never see any of it: 404 for the page, nothing on
their Today or their list.

The app's real CSP stays on (axe is served same-origin); any script error fails the journey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from hearthside.circles.models import Membership
from tests.browser.journey import assert_never_shows, check_a11y, heading, serve_axe_same_origin

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

LONDON = ZoneInfo("Europe/London")
BLAMING = "You never text me when you're out late."
WORDS = (
    "When I don't hear from you on a late night, I feel uneasy because I need to know we're "
    "okay. Would you be willing to send me a quick message when you're on your way?"
)
SAM_NOTE = "I want to give this proper attention, not half of me at the end of a long day."
THANKS = "The message on Friday made the whole evening easier. Thank you."


def test_alex_asks_sam_for_reassurance_and_it_stays_between_them(
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    people: Any,
    axe_check: Callable[..., None],
) -> None:
    # Robin joins Alex & Sam: a third member of the circle, who still must not see this.
    Membership.objects.create(circle=people.partners, person=people.robin)
    contexts = {}
    pages = {}
    for name in ("alex", "sam", "robin", "olive"):
        contexts[name] = new_context(name, bypass_csp=False)
        serve_axe_same_origin(contexts[name])
        sign_in(contexts[name], getattr(people, name))
        pages[name] = contexts[name].new_page()
    alex, sam, robin, olive = (pages[n] for n in ("alex", "sam", "robin", "olive"))

    # --- Alex drafts a request; the coach notices the blame -------------------------------
    alex.goto("/needs/")
    expect(heading(alex)).to_have_text("Ask for what you need")
    check_a11y(alex, axe_check, "needs page, empty")
    alex.get_by_label("Who would you like to ask?").select_option(label="Sam")
    alex.get_by_role("radio", name=re.compile("^Reassurance")).check()
    box = alex.get_by_label("In your own words")
    expect(box).to_have_attribute("placeholder", re.compile("^When …, I feel …"))
    box.press_sequentially(BLAMING)
    blame = alex.locator("#coach-id_text .coach-note[data-kind='blame']")
    expect(blame).to_have_count(1)
    expect(blame.locator("mark")).to_have_text("You never")
    check_a11y(alex, axe_check, "needs form with a coach note")

    # Alex says it again, gently, in their own words; the note goes away.
    box.fill("")
    box.press_sequentially(WORDS)
    expect(alex.locator("#coach-id_text .coach-note")).to_have_count(0)
    alex.get_by_role("button", name="Ask", exact=True).click()
    expect(alex.get_by_text("Asked. Sam will find it on their Today page.")).to_be_visible()
    expect(heading(alex)).to_have_text("You asked Sam for reassurance")
    expect(alex.get_by_text("Only Alex and Sam can see this.")).to_be_visible()
    need_path = alex.url.removeprefix(new_context.base_url)
    assert re.fullmatch(r"/needs/\d+/", need_path), need_path
    check_a11y(alex, axe_check, "a request, unanswered")

    # --- Sam finds it on Today and answers "not now", with a time -------------------------
    sam.goto("/")
    asking = sam.get_by_role("region", name="Asking and answering")
    expect(asking).to_contain_text("Alex asked you for reassurance")
    asking.get_by_role("link", name="answer when you're ready").click()
    expect(sam).to_have_url(re.compile(re.escape(need_path) + "$"))
    expect(sam.locator("main")).to_contain_text(WORDS)
    when_box = sam.get_by_label("When would work?")
    expect(when_box).to_be_hidden()  # only "not now" needs a time
    sam.get_by_role("radio", name="Not now — another time").check()
    expect(when_box).to_be_visible()
    later = timezone.now().astimezone(LONDON).date() + timedelta(days=3)
    proposed = datetime.combine(later, time(19, 30), LONDON)
    when_box.fill(proposed.strftime("%Y-%m-%dT%H:%M"))
    sam.get_by_label("A few words (optional)").fill(SAM_NOTE)
    sam.get_by_role("button", name="Send your answer").click()
    live = sam.locator("#needs-live")
    expect(live).to_have_text("You suggested another time. Alex will hear from you.")
    shown = proposed.strftime("%A %-d %B, %H:%M")
    expect(sam.locator("#need-thread")).to_contain_text(f"Not now — how about {shown}?")
    expect(sam.get_by_role("heading", name="Change your answer")).to_be_visible()
    check_a11y(sam, axe_check, "a request, answered not now")

    # --- The worker tells Alex; Today shows the time Sam suggested ------------------------
    call_command("worker", "--once")
    alex.goto("/inbox/")
    expect(alex.locator("main")).to_contain_text("Sam answered what you asked")
    assert_never_shows(alex, WORDS, SAM_NOTE)  # the inbox says who, never what
    alex.goto("/")
    expect(alex.get_by_role("region", name="Asking and answering")).to_contain_text(
        f"Sam suggested {shown} for what you asked (reassurance)"
    )
    check_a11y(alex, axe_check, "Today with a proposed time")

    # --- Later, Sam says yes; Alex says the need was met ---------------------------------
    sam.reload()
    sam.get_by_role("radio", name="Yes", exact=True).check()
    expect(sam.get_by_label("When would work?")).to_be_hidden()
    sam.get_by_role("button", name="Send your answer").click()
    expect(sam.locator("#needs-live")).to_have_text("You said yes. Alex will hear from you.")

    alex.goto(need_path)
    thread = alex.locator("#need-thread")
    expect(thread).to_contain_text(SAM_NOTE)
    expect(thread).to_contain_text("Sam: Yes.")
    alex.get_by_role("radio", name="Yes, it was met").check()
    alex.get_by_label("A few words (optional)").fill(THANKS)
    alex.get_by_role("button", name="Save").click()
    expect(alex.locator("#needs-live")).to_contain_text("Noted: your need was met.")
    expect(thread).to_contain_text("You said: the need was met.")
    expect(thread).to_contain_text(THANKS)
    check_a11y(alex, axe_check, "a request, met")

    sam.goto(need_path)
    expect(sam.locator("#need-thread")).to_contain_text("Alex said: the need was met.")
    expect(sam.locator("#need-thread")).to_contain_text(THANKS)
    alex.goto("/needs/")
    expect(alex.get_by_role("region", name="What you've asked for")).to_contain_text("Need met")

    # --- Robin (same circle) and Olive (no circle in common) never see it ----------------
    for outsider in (robin, olive):
        response = outsider.goto(need_path)
        assert response is not None and response.status == 404
        for path in ("/", "/needs/", "/inbox/"):
            outsider.goto(path)
            assert_never_shows(outsider, WORDS, SAM_NOTE, THANKS)

    problems = {name: errors for name, errors in new_context.errors.items() if errors}
    assert not problems, f"browser errors: {problems}"
    missing = {name: urls for name, urls in new_context.missing_assets.items() if urls}
    assert not missing, f"missing static files: {missing}"
