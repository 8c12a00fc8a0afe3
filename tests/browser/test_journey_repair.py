"""Two partners repair a rupture end to end, in two real browsers, through the UI only.

Alex agrees a second pause phrase for the partners circle and calls a pause with it; Sam sees
the pause on the home page and opens it. While it runs, Alex breathes along and goes through the
5-4-3-2-1 grounding. Time jumps past the cool-off, both say they're ready to come back, the pause
ends and offers to talk it through. Alex opens a rupture with a neutral name; each writes a
private reflection and shares one part of it (and the other sees only that part). Then the
guided conversation: feelings, realities (Sam, speaking second, is kindly refused until they
reflect back and validate Alex's side, with everything typed kept), what it touched, the apology
builder (a "sorry if" is flagged, then a good apology), acceptance and one thing for next time.
On the plan page Alex writes takeaways and a commitment to check back on a week later; time jumps
a week, both say it happened, both say trust is back, and the rupture becomes a read-only summary
that the history lists as mended, with how long it took.

Time: the live server runs in this process, so `time_machine` (ticking) moves its clock too. The
whole journey runs from a fixed morning tomorrow (London time), so day names and "a week ahead"
never straddle midnight. Chromium keeps its own clock; nothing on these pages depends on it.

The app's real CSP stays on. axe-core is loaded into a page as a same-origin script (served by a
Playwright route) rather than inlined, so the policy need not be bypassed for accessibility
checks. Any script error or CSP refusal in either browser fails the journey.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from django.utils.formats import date_format
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.browser.journey import (
    Clock,
    assert_never_shows,
    check_a11y,
    heading,
    serve_axe_same_origin,
)

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

LONDON = ZoneInfo("Europe/London")

PHRASE = "Let's stop here. I love you, and I'll be back."
TITLE = "The Saturday plans"
ALEX_REALITY = "I saw the plans change without a word, and I needed to be asked first."
ALEX_PRIVATE = "Honestly I was already exhausted and I think I wanted a reason to be angry."
SAM_REALITY_PRIVATE = "I thought we'd settled it last week, so asking again felt pointless."
ALEX_SIDE = "I saw Saturday fill up without me, and I needed to feel my time mattered too."
SAM_SIDE = "I saw a plan we'd half-agreed, and I needed it to be simple for once."
SAM_REFLECT = "I heard that Saturday filled up without you being asked."
SAM_VALIDATE = "It makes sense you'd feel your time didn't count when nobody checked with you."
SORRY_IF = "I'm sorry if you were upset"
TAKEAWAYS = "We both need to be asked before our weekend is promised away."
COMMITMENT = "Ask before I say yes to plans for both of us."


# --- Helpers --------------------------------------------------------------------------------


def send_turn(page: Page) -> None:
    page.get_by_role("button", name="Send my turn").click()


def turn_in(page: Page) -> None:
    expect(page.get_by_text("Thank you. Your turn is in.")).to_be_visible()


def go_on_to(page: Page, title: str) -> None:
    """From a step page whose step someone else just finished: reload (rather than wait up to
    10 s for the status poll) and follow the button to the next step."""
    page.reload()
    page.get_by_role("link", name=f"On to: {title}").click()
    expect(heading(page)).to_have_text(title)
    # htmx (the live apology check, autosave) wires the page up once its deferred scripts ran:
    # typing before that goes unnoticed until the next keystroke.
    page.wait_for_load_state()


def open_family(picker: Locator, family: str) -> None:
    """Feelings are grouped in folded families (<details>); unfold one by its summary unless it
    already starts open (after a rupture the painful families do)."""
    summary = picker.locator("summary").filter(has_text=re.compile(rf"^{re.escape(family)}\b"))
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()


def week_day(day: date) -> str:
    return date_format(day, "l j F")


# --- The journey ----------------------------------------------------------------------------


def test_two_partners_pause_come_back_and_repair_a_rupture(
    new_context: ContextFactory,
    sign_in: Callable[[BrowserContext, Any], None],
    axe_check: Callable[..., None],
    people: Any,
    clock: Clock,
) -> None:
    started = time.perf_counter()  # not patched by time_machine
    tomorrow = datetime.now(LONDON).date() + timedelta(days=1)
    start = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 10, 30, tzinfo=LONDON)
    clock.travel_to(start.astimezone(UTC))

    base = new_context.base_url
    alex_context = new_context("alex", bypass_csp=False)
    sam_context = new_context("sam", bypass_csp=False)
    for context, person in ((alex_context, people.alex), (sam_context, people.sam)):
        sign_in(context, person)
        serve_axe_same_origin(context)
    alex, sam = alex_context.new_page(), sam_context.new_page()
    circle_path = f"/circles/{people.partners.pk}/"

    # --- Alex agrees a second pause phrase, then calls a pause with it ------------------------
    alex.goto(circle_path)
    heated = alex.get_by_role("region", name="When things get heated")
    heated.get_by_role("link", name="Our agreements").click()
    expect(heading(alex)).to_have_text("Our agreements")
    phrases = alex.get_by_label(re.compile("^Words that mean"))
    expect(phrases).to_have_value("I need a breather. I'm coming back.")
    phrases.fill(f"I need a breather. I'm coming back.\n{PHRASE}")
    alex.get_by_role("button", name="Save our agreements").click()
    expect(alex.get_by_text("Saved. The next pause in Alex & Sam will follow it.")).to_be_visible()
    alex.get_by_role("link", name="Back to the circle").click()

    heated.get_by_role("radio", name=PHRASE).check()
    heated.get_by_role("button", name="Pause", exact=True).click()
    expect(heading(alex)).to_have_text("A pause")
    expect(alex.get_by_text("Your pause has started")).to_be_visible()
    expect(alex.get_by_role("heading", name="You called a pause")).to_be_visible()
    expect(alex.locator("blockquote.pause-phrase")).to_have_text(f"“{PHRASE}”")
    pause_path = alex.url.removeprefix(base)
    assert re.fullmatch(r"/pauses/\d+/", pause_path), pause_path
    # Too early to come back: the button is there but off, and says when it opens.
    status = alex.get_by_role("region", name="Where things stand")
    expect(status.get_by_role("button", name="Yes, I'm ready to come back")).to_be_disabled()
    expect(status).to_contain_text("This opens at 10:50.")
    check_a11y(alex, axe_check, "pause")

    # --- Sam sees Alex's words on the home page and opens the pause --------------------------
    sam.goto("/")
    coming_back = sam.get_by_role("region", name="Coming back together")
    expect(coming_back).to_contain_text("Alex called a pause in Alex & Sam:")
    expect(coming_back).to_contain_text(PHRASE)
    coming_back.get_by_role("link", name="See the pause").click()
    expect(sam).to_have_url(re.compile(re.escape(pause_path) + "$"))
    expect(sam.get_by_role("heading", name="Alex called a pause")).to_be_visible()
    expect(sam.get_by_role("button", name="Yes, I'm ready to come back")).to_be_disabled()

    # --- Alex breathes along, then grounds --------------------------------------------------
    while_you_wait = alex.get_by_role("region", name="While you wait")
    while_you_wait.get_by_role("link", name="Breathe slowly").click()
    expect(heading(alex)).to_have_text("Breathe")
    expect(alex.get_by_role("heading", name="Box breathing")).to_be_visible()
    expect(alex.locator("ol.calm-steps li")).to_have_text(
        [
            "Breathe in for 4 seconds",
            "Hold for 4 seconds",
            "Breathe out for 4 seconds",
            "Hold for 4 seconds",
        ]
    )
    ways = alex.get_by_role("navigation", name="Ways to breathe")
    ways.get_by_role("link", name="4-7-8 breathing").click()
    expect(alex.get_by_role("heading", name="4-7-8 breathing")).to_be_visible()
    expect(ways.get_by_role("link", name="4-7-8 breathing")).to_have_attribute(
        "aria-current", "true"
    )
    expect(alex.locator("ol.calm-steps li")).to_have_text(
        ["Breathe in for 4 seconds", "Hold for 7 seconds", "Breathe out for 8 seconds"]
    )
    check_a11y(alex, axe_check, "breathe")
    alex.get_by_role("link", name="Back to the pause").click()
    expect(alex).to_have_url(re.compile(re.escape(pause_path) + "$"))

    while_you_wait.get_by_role("link", name="Ground yourself: 5-4-3-2-1").click()
    expect(heading(alex)).to_have_text("Ground yourself: 5-4-3-2-1")
    expect(alex.get_by_role("heading", name="Come back to the room you're in")).to_be_visible()
    alex.get_by_role("button", name="Begin").click()  # the toolkit keeps a private session
    senses = [
        "Five things you can see",
        "Four things you can touch",
        "Three things you can hear",
        "Two things you can smell",
        "One thing you can taste",
    ]
    for number, title in enumerate(senses, start=1):
        expect(alex.get_by_text(f"Step {number} of 5", exact=True)).to_be_visible()
        expect(alex.get_by_role("heading", level=2)).to_have_text(title)
        count = 6 - number
        boxes = alex.get_by_role("checkbox", name=re.compile(r"^Noticed \d$"))
        expect(boxes).to_have_count(count)
        alex.get_by_role("checkbox", name="Noticed 1").check()
        if number == 1:
            check_a11y(alex, axe_check, "grounding step")
        alex.get_by_role("link", name="Next", exact=True).click()
    expect(alex.get_by_role("heading", name="You're here")).to_be_visible()
    alex.get_by_role("button", name="Finish").click()
    alex.get_by_role("link", name="Back to the pause").click()
    expect(alex).to_have_url(re.compile(re.escape(pause_path) + "$"))

    # --- The cool-off passes; both come back -------------------------------------------------
    clock.travel_to((start + timedelta(minutes=21)).astimezone(UTC))
    alex.reload()  # the page's countdown follows Chromium's clock, which didn't jump
    alex.get_by_role("button", name="Yes, I'm ready to come back").click()
    expect(alex.get_by_text("Thank you. You're marked as ready")).to_be_visible()
    expect(alex.get_by_text("You've said you're ready. Thank you for coming back.")).to_be_visible()
    expect(alex.locator(".pause-people")).to_contain_text("Not back yet Sam")

    sam.reload()
    expect(sam.locator(".pause-people")).to_contain_text("Back Alex")
    sam.get_by_role("button", name="Yes, I'm ready to come back").click()
    expect(sam.get_by_text("Everyone's back. Welcome back — that took care.")).to_be_visible()
    expect(sam.get_by_text("Everyone is back.")).to_be_visible()
    expect(sam.get_by_role("link", name="Talk it through")).to_be_visible()

    # --- Alex opens a rupture from the pause -------------------------------------------------
    alex.reload()
    expect(alex.get_by_text("Everyone is back.")).to_be_visible()
    alex.get_by_role("link", name="Talk it through").click()
    expect(heading(alex)).to_have_text("Open a rupture")
    expect(alex.get_by_text("This starts from your pause.")).to_be_visible()
    expect(alex.get_by_label("Circle", exact=True)).to_have_value(str(people.partners.pk))
    alex.get_by_label("A short, neutral name for what happened").fill(TITLE)
    alex.get_by_role("button", name="Open it").click()
    expect(heading(alex)).to_have_text(TITLE)
    expect(alex.get_by_text("It's open. Everyone in Alex & Sam can see it")).to_be_visible()
    rupture_path = alex.url.removeprefix(base)
    assert re.fullmatch(r"/ruptures/\d+/", rupture_path), rupture_path

    # --- Private reflections, one part shared each -------------------------------------------
    alex.get_by_role("link", name="Reflect on your own first").click()
    expect(heading(alex)).to_have_text("Your reflection")
    felt = alex.get_by_role("group", name="What I felt")
    open_family(felt, "Hurt")
    felt.get_by_role("checkbox", name="hurt", exact=True).check()
    alex.get_by_label("My reality", exact=True).fill(ALEX_REALITY)
    alex.get_by_label("My part", exact=True).fill(ALEX_PRIVATE)
    alex.get_by_role("checkbox", name="Share my reality").check()
    check_a11y(alex, axe_check, "reflection")
    alex.get_by_role("button", name="Save my reflection").click()
    expect(
        alex.get_by_text("Saved. The parts you ticked are shared with Alex & Sam")
    ).to_be_visible()
    expect(alex.get_by_role("region", name="Your reflection")).to_contain_text(
        "You've shared: My reality"
    )

    # Sam comes from the pause, which now leads to the rupture.
    sam.reload()
    sam.get_by_role("link", name="Carry on talking it through").click()
    expect(heading(sam)).to_have_text(TITLE)
    from_alex = sam.get_by_role("region", name="Shared from their reflections")
    expect(from_alex.get_by_role("article")).to_have_count(1)
    expect(from_alex).to_contain_text("Alex")
    expect(from_alex).to_contain_text("My reality")
    expect(from_alex).to_contain_text(ALEX_REALITY)
    for unshared in ("What I felt", "My part", "hurt"):
        expect(from_alex).not_to_contain_text(unshared)
    assert_never_shows(sam, ALEX_PRIVATE)

    sam.get_by_role("link", name="Reflect on your own first").click()
    felt = sam.get_by_role("group", name="What I felt")
    open_family(felt, "Scared or anxious")
    felt.get_by_role("checkbox", name="worried", exact=True).check()
    sam.get_by_label("My reality", exact=True).fill(SAM_REALITY_PRIVATE)
    sam.get_by_role("checkbox", name="Share what I felt").check()
    sam.get_by_role("button", name="Save my reflection").click()
    expect(heading(sam)).to_have_text(TITLE)

    alex.reload()
    from_sam = alex.get_by_role("region", name="Shared from their reflections")
    expect(from_sam).to_contain_text("What I felt")
    expect(from_sam).to_contain_text("worried")
    expect(from_sam).not_to_contain_text("My reality")
    assert_never_shows(alex, SAM_REALITY_PRIVATE)

    # --- Step 1: feelings ----------------------------------------------------------------------
    where = alex.get_by_role("region", name="Where you are")
    expect(where).to_contain_text("Step 1 of 6: How it felt")
    where.get_by_role("link", name="Take your turn").click()
    expect(heading(alex)).to_have_text("How it felt")
    felt = alex.get_by_role("group", name="What I felt")
    for family, word in (("Hurt", "hurt"), ("Lonely", "lonely")):
        open_family(felt, family)
        felt.get_by_role("checkbox", name=word, exact=True).check()
    check_a11y(alex, axe_check, "step: feelings")
    send_turn(alex)
    turn_in(alex)
    expect(heading(alex)).to_have_text("How it felt")
    expect(alex.locator("#step-status")).to_contain_text("Waiting for: Sam")

    sam.reload()
    sam.get_by_role("region", name="Where you are").get_by_role(
        "link", name="Take your turn"
    ).click()
    felt = sam.get_by_role("group", name="What I felt")
    for family, word in (("Scared or anxious", "worried"), ("Angry", "frustrated")):
        open_family(felt, family)
        felt.get_by_role("checkbox", name=word, exact=True).check()
    send_turn(sam)
    turn_in(sam)
    # The last turn in a step leads straight on to the next one.
    expect(heading(sam)).to_have_text("How each of us saw it")

    # --- Step 2: realities; Sam speaks second, so reflects back first -----------------------
    go_on_to(alex, "How each of us saw it")
    expect(alex.get_by_label("What I heard you say")).to_have_count(0)  # first to speak
    alex.get_by_label("How I saw it").fill(ALEX_SIDE)
    send_turn(alex)
    turn_in(alex)

    # Sam's page was opened before Alex spoke; Sam answers without reflecting back first.
    sam.get_by_label("How I saw it").fill(SAM_SIDE)
    send_turn(sam)
    expect(sam.get_by_role("alert")).to_have_text(
        "Something needs another look — see below. Everything you wrote is still here."
    )
    expect(
        sam.get_by_text("Before your side, say back something of what you heard.")
    ).to_be_visible()
    expect(
        sam.get_by_text("Say at least one part of their side that makes sense to you.")
    ).to_be_visible()
    expect(sam.get_by_label("How I saw it")).to_have_value(SAM_SIDE)
    their_side = sam.locator(".their-side")
    expect(their_side).to_contain_text("How Alex saw it")
    expect(their_side).to_contain_text(ALEX_SIDE)
    sam.get_by_label("What I heard you say").fill(SAM_REFLECT)
    sam.get_by_label("What makes sense to me in it").fill(SAM_VALIDATE)
    send_turn(sam)
    turn_in(sam)
    expect(heading(sam)).to_have_text("What it touched")

    # --- Step 3: what it touched ---------------------------------------------------------------
    go_on_to(alex, "What it touched")
    alex.get_by_label("What it touched for me").fill("Being left out of plans, like at home.")
    send_turn(alex)
    turn_in(alex)
    sam.get_by_label("What it touched for me").fill("Nothing older, I think — just tiredness.")
    send_turn(sam)
    turn_in(sam)
    expect(heading(sam)).to_have_text("My part, and saying sorry")

    # --- Step 4: responsibility, with the apology builder -----------------------------------
    go_on_to(alex, "My part, and saying sorry")
    what_i_did = alex.get_by_label("What I did")
    what_i_did.fill(SORRY_IF)
    pitfalls = alex.locator("#apology-check").get_by_role("status")
    expect(pitfalls).to_contain_text("“I'm sorry if”")
    expect(pitfalls).to_contain_text("“Sorry if…” can sound")
    what_i_did.fill("snapped at you when you asked about Saturday")
    alex.get_by_label("The impact on you").fill("left you feeling shut out")
    alex.get_by_label("What I'll do differently").fill("say I'm tired, and ask for a minute")
    check = alex.locator("#apology-check")
    expect(check.locator("blockquote")).to_have_text(
        "I'm sorry that I snapped at you when you asked about Saturday. "
        "I can see it left you feeling shut out. "
        "Next time I will say I'm tired, and ask for a minute."
    )
    expect(check).to_contain_text("Nothing here that usually trips an apology up.")
    expect(check.get_by_role("status")).to_have_count(0)
    send_turn(alex)
    turn_in(alex)

    sam.get_by_label("What I did").fill("filled our Saturday without asking you")
    sam.get_by_label("The impact on you").fill("left you feeling your time didn't count")
    sam.get_by_label("What I'll do differently").fill("check with you before I say yes")
    send_turn(sam)
    turn_in(sam)
    expect(heading(sam)).to_have_text("Taking it in")

    # --- Step 5: acceptance ---------------------------------------------------------------------
    go_on_to(alex, "Taking it in")
    expect(alex.locator("#step-status")).to_contain_text("Waiting for: you, Sam")
    alex.get_by_role("radio", name="I accept").check()
    send_turn(alex)
    turn_in(alex)
    sam.get_by_role("radio", name="I accept").check()
    send_turn(sam)
    turn_in(sam)
    expect(heading(sam)).to_have_text("Next time")

    # --- Step 6: one thing for next time -----------------------------------------------------
    go_on_to(alex, "Next time")
    alex.get_by_label("One thing I'll do next time").fill("Say “pause” before I snap.")
    send_turn(alex)
    turn_in(alex)
    sam.get_by_label("One thing I'll do next time").fill("Check the calendar with Alex first.")
    send_turn(sam)
    turn_in(sam)
    # The conversation is done: Sam lands on the plan.
    expect(heading(sam)).to_have_text("Our plan")

    # --- The plan: takeaways and a commitment to check back on in a week -------------------
    alex.reload()
    alex.get_by_role("link", name="On to the plan").click()
    expect(heading(alex)).to_have_text("Our plan")
    next_time = alex.get_by_role("region", name="Next time, each of us will…")
    expect(next_time).to_contain_text("You: Say “pause” before I snap.")
    expect(next_time).to_contain_text("Sam: Check the calendar with Alex first.")
    check_a11y(alex, axe_check, "plan")
    alex.get_by_label("What we take from this", exact=True).fill(TAKEAWAYS)
    alex.get_by_role("button", name="Save our plan").click()
    expect(alex.get_by_text("Plan saved.")).to_be_visible()
    expect(alex.get_by_label("What we take from this", exact=True)).to_have_value(TAKEAWAYS)

    week_ahead = start.date() + timedelta(days=7)
    alex.get_by_label("What I'll do").fill(COMMITMENT)
    expect(alex.get_by_label("Check back on")).to_have_value(week_ahead.isoformat())
    alex.get_by_role("button", name="Add commitment").click()
    expect(
        alex.get_by_text(f"Added. On {week_day(week_ahead)} each of you will be asked")
    ).to_be_visible()
    commitments = alex.get_by_role("region", name="Commitments")
    expect(commitments).to_contain_text(f"You: {COMMITMENT}")
    expect(commitments).to_contain_text(f"Check back on {week_day(week_ahead)}")

    sam.reload()
    expect(sam.get_by_role("region", name="Commitments")).to_contain_text(f"Alex: {COMMITMENT}")
    expect(sam.get_by_label("What we take from this", exact=True)).to_have_value(TAKEAWAYS)

    # --- A week later: did it happen? Both say yes -------------------------------------------
    clock.travel_to((start + timedelta(days=7, hours=1)).astimezone(UTC))
    for page, who in ((sam, "Alex"), (alex, "You")):
        page.goto("/")
        due = page.get_by_role("region", name="Coming back together")
        due.get_by_role("link", name=f"{who}: “{COMMITMENT}”").click()
        expect(heading(page)).to_have_text("Did this happen?")
        page.get_by_role("radio", name="Yes, it happened").check()
        page.get_by_role("button", name="Save my answer").click()
        expect(page.get_by_text("Thank you for checking in on this.")).to_be_visible()
        expect(page.get_by_role("region", name="What each of you saw")).to_contain_text(
            "You: Yes, it happened"
        )
    expect(alex.get_by_role("region", name="What each of you saw")).to_contain_text(
        "Sam: Yes, it happened"
    )

    # --- Both say trust is back; the rupture closes -----------------------------------------
    alex.goto("/")
    coming_back = alex.get_by_role("region", name="Coming back together")
    expect(coming_back).to_contain_text(TITLE)
    coming_back.get_by_role("link", name="Is trust back for you?").click()
    expect(heading(alex)).to_have_text("Is trust back?")
    alex.get_by_role("radio", name="Yes, trust feels re-established").check()
    check_a11y(alex, axe_check, "close")
    alex.get_by_role("button", name="Save my answer").click()
    expect(alex.get_by_text("Noted. The others can say where they are too.")).to_be_visible()
    standing = alex.get_by_role("region", name="Where each of you stands")
    expect(standing).to_contain_text("You: trust is back")
    expect(standing).to_contain_text("Sam: hasn't said yet")

    sam.goto("/")
    sam.get_by_role("region", name="Coming back together").get_by_role(
        "link", name="Is trust back for you?"
    ).click()
    expect(sam.get_by_role("region", name="Where each of you stands")).to_contain_text(
        "Alex: trust is back"
    )
    sam.get_by_role("radio", name="Yes, trust feels re-established").check()
    sam.get_by_role("button", name="Save my answer").click()
    expect(sam.get_by_text("Everyone feels trust is back. This repair is closed")).to_be_visible()

    # --- The read-only summary -------------------------------------------------------------
    expect(heading(sam)).to_have_text(TITLE)
    expect(sam.get_by_text("Repaired", exact=True)).to_be_visible()
    summary = sam.get_by_role("region", name="What we kept from this")
    expect(summary).to_contain_text("Mended in 1 week.")
    expect(summary).to_contain_text("Alex: hurt lonely")
    expect(summary).to_contain_text("You: worried frustrated")
    expect(summary).to_contain_text(TAKEAWAYS)
    expect(summary).to_contain_text("Alex: Say “pause” before I snap.")
    expect(summary).to_contain_text(f"Alex: {COMMITMENT}")
    expect(sam.locator("main form")).to_have_count(0)
    expect(sam.locator("main textarea, main input")).to_have_count(0)
    expect(sam.get_by_role("link", name="Take your turn")).to_have_count(0)
    assert_never_shows(sam, ALEX_PRIVATE)
    check_a11y(sam, axe_check, "summary")

    alex.goto(rupture_path)
    expect(alex.get_by_role("region", name="What we kept from this")).to_contain_text(
        f"You: {COMMITMENT}"
    )
    expect(alex.locator("main form")).to_have_count(0)
    assert_never_shows(alex, SAM_REALITY_PRIVATE)

    # --- The history lists it as mended, with how long it took -------------------------------
    alex.get_by_role("navigation", name="Main").get_by_role("link", name="Repair").click()
    expect(heading(alex)).to_have_text("Repair")
    mended = alex.get_by_role("region", name="Mended")
    row = mended.get_by_role("article").filter(has_text=TITLE)
    expect(row).to_contain_text("Repaired")
    expect(row).to_contain_text("mended in 1 week")
    expect(alex.get_by_role("region", name="Still mending")).to_contain_text(
        "Nothing open right now."
    )

    problems = {name: errors for name, errors in new_context.errors.items() if errors}
    assert not problems, f"browser errors: {problems}"
    missing = {name: urls for name, urls in new_context.missing_assets.items() if urls}
    assert not missing, f"static files that did not load: {missing}"

    seconds = time.perf_counter() - started
    print(f"repair journey: {seconds:.1f}s")
