"""Two partners start a weekly ritual, get reminded of it, and keep it together, end to end.

Alex starts the "Sunday reflection" template for the partners circle (Sunday 19:00, London
time) and keeps reminders at an hour ahead. Sam turns on email, adds an Apprise URL (a local
`json://` endpoint standing in for a push service), sends a test that the worker delivers, and
keeps the default lead time. On Sunday the worker sends nothing at 17:55; just after 18:00 Sam's
reminder arrives by email (a real local SMTP server), at the endpoint and in the inbox, and
leads to the occurrence. At 19:00 both go through the agenda one prompt at a time: Alex's note
stays private, Sam's is shared; Alex marks it done with both there, and the ritual page says
how it has been kept without any streak talk. Last, Alex makes a calendar link and the feed
holds the ritual as a weekly event at 19:00 London time, with its time zone spelled out.

Time: the live server runs in this process, so `time_machine` (ticking) moves its clock too,
and the worker runs in-process (`call_command("worker", "--once")`) under the same clock. The
journey starts on the Friday before the next spring-forward Sunday in London: the ritual is made
in winter time (GMT) and its first occurrence, and the reminder, fall in summer time (BST), so
a schedule kept as a fixed UTC offset would be an hour out. The date is the next such Sunday
after the real today because the `people` fixture's circle memberships are made at the real
now: a Sunday before that would predate them, and the circle's entry rule would rightly hide
shared notes. Sessions are made after the first jump, so they are fresh on the travelled clock.
Chromium keeps its own clock; nothing on these pages depends on it.

The app's real CSP stays on: axe-core is served same-origin by a Playwright route. Any script
error or CSP refusal in either browser fails the journey.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from icalendar import Calendar
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.browser.journey import (
    Clock,
    assert_never_shows,
    check_a11y,
    heading,
    serve_axe_same_origin,
)

if TYPE_CHECKING:
    from conftest import Mailbox, Personas
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

LONDON = ZoneInfo("Europe/London")

TITLE = "Sunday reflection"
AGENDA = (
    "One thing you appreciated about each other this week.",
    "What went well for us?",
    "One thing to work on, gently — just one.",
    "What could I do next week to help you feel loved?",
)
ALEX_PRIVATE = "I noticed I still keep score about the dishes, and I'd rather not say it yet."
SAM_SHARED = "You made space for my sister on Wednesday without being asked. Thank you."


# --- Helpers --------------------------------------------------------------------------------


@dataclass
class Hook:
    """A local HTTP service that Apprise's json:// posts to; keeps (path, JSON body) pairs."""

    port: int
    received: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.port}/hook"


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch) -> Iterator[Hook]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # A proxy in the environment must not apply.

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            endpoint.received.append((self.path, json.loads(self.rfile.read(length))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # Keep the test output quiet.

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    endpoint = Hook(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield endpoint
    finally:
        server.shutdown()
        server.server_close()


def inbox_link(page: Page) -> Locator:
    return page.locator("header").get_by_role("link", name=re.compile(r"^Inbox"))


def fact(page: Page, term: str) -> Locator:
    """The <dd> for `term` in the ritual page's facts (When, How long, Your reminders)."""
    dt = page.locator("dl.ritual-facts dt").filter(has_text=re.compile(rf"^{term}$"))
    return dt.locator("xpath=following-sibling::dd[1]")


def steps(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Steps")


def on_prompt(page: Page, number: int) -> None:
    """The page shows prompt `number` (1-based), and only that one."""
    expect(page.get_by_text(f"Prompt {number} of {len(AGENDA)}", exact=True)).to_be_visible()
    expect(page.locator(".ritual-prompt")).to_have_count(1)
    expect(page.locator("#prompt-heading")).to_have_text(AGENDA[number - 1])


def walk_on(page: Page, number: int) -> None:
    """Leave prompt `number` without writing anything, to the next prompt or the wrap-up."""
    last = number == len(AGENDA)
    page.get_by_role("button", name="Save and wrap up" if last else "Save and go on").click()
    if last:
        expect(page.get_by_role("heading", name="Wrapping up")).to_be_visible()
    else:
        on_prompt(page, number + 1)


def spring_forward_sunday(after: datetime) -> date:
    """The next last-Sunday-of-March (the UK's clocks go forward) whose Friday is after `after`."""
    year = after.year
    while True:
        end_of_march = date(year, 3, 31)
        sunday = end_of_march - timedelta(days=(end_of_march.weekday() - 6) % 7)
        if datetime.combine(sunday - timedelta(days=2), clock_time(10), LONDON) > after:
            return sunday
        year += 1


def long_day(moment: datetime) -> str:
    """As the pages write a moment ("l j F, H:i"): Sunday 28 March, 19:00."""
    return f"{moment:%A} {moment.day} {moment:%B}, {moment:%H:%M}"


def header_text(value: str) -> str:
    return str(make_header(decode_header(value)))


# --- The journey ----------------------------------------------------------------------------


def test_a_weekly_ritual_reminds_both_and_is_kept_together(
    new_context: ContextFactory,
    sign_in: Callable[[BrowserContext, Any], None],
    axe_check: Callable[..., None],
    people: Personas,
    mailbox: Mailbox,
    hook: Hook,
    clock: Clock,
    settings: Any,
) -> None:
    started = time.perf_counter()  # not patched by time_machine
    sunday = spring_forward_sunday(datetime.now(UTC))
    start = datetime.combine(sunday - timedelta(days=2), clock_time(10, 0), LONDON)
    begins = datetime.combine(sunday, clock_time(19, 0), LONDON)
    reminder = begins - timedelta(minutes=60)
    # Made in winter time, happening in summer time: the clocks change in between.
    assert start.utcoffset() == timedelta(0)
    assert begins.utcoffset() == timedelta(hours=1)
    when = f"{begins.astimezone(UTC):%Y%m%dT%H%MZ}"  # 18:00 UTC, not 19:00
    clock.travel_to(start.astimezone(UTC))

    base = new_context.base_url
    settings.SITE_URL = base  # links in emails and push messages lead back to this server
    alex_context = new_context("alex", bypass_csp=False)
    sam_context = new_context("sam", bypass_csp=False)
    for context, person in ((alex_context, people.alex), (sam_context, people.sam)):
        sign_in(context, person)
        serve_axe_same_origin(context)
    alex, sam = alex_context.new_page(), sam_context.new_page()

    # --- Alex starts the Sunday reflection for the partners circle ---------------------------
    alex.goto("/")
    alex.get_by_role("navigation", name="Main").get_by_role("link", name="Rituals").click()
    expect(heading(alex)).to_have_text("Rituals")
    expect(alex.get_by_text("No rituals yet.")).to_be_visible()
    check_a11y(alex, axe_check, "rituals list")
    alex.get_by_role("region", name="Start a ritual").get_by_role(
        "link", name=re.compile(rf"^{TITLE}")
    ).click()

    expect(heading(alex)).to_have_text("Start a ritual")
    expect(
        alex.get_by_role("navigation", name="Starting points").get_by_role("link", name=TITLE)
    ).to_have_attribute("aria-current", "true")
    alex.get_by_label("For which circle").select_option(label="Alex & Sam")
    expect(alex.get_by_label("Name", exact=True)).to_have_value(TITLE)
    expect(alex.get_by_role("radio", name="Every week, on chosen days")).to_be_checked()
    expect(alex.get_by_role("checkbox", name="Sunday")).to_be_checked()
    expect(alex.locator(".weekday-chips input:checked")).to_have_count(1)
    expect(alex.get_by_label("At", exact=True)).to_have_value("19:00")
    expect(alex.get_by_label("Time zone")).to_have_value("Europe/London")
    expect(alex.get_by_label("Agenda")).to_have_value("\n".join(AGENDA))
    check_a11y(alex, axe_check, "new ritual form")
    alex.get_by_role("button", name="Start this ritual").click()

    expect(heading(alex)).to_have_text(TITLE)
    expect(
        alex.get_by_text(f"“{TITLE}” is ready. Everyone in Alex & Sam can see it and join in.")
    ).to_be_visible()
    ritual_path = alex.url.removeprefix(base)
    assert re.fullmatch(r"/rituals/\d+/", ritual_path), ritual_path
    occurrence_path = f"{ritual_path}at/{when}/"
    expect(fact(alex, "When")).to_have_text("Every Sunday at 19:00")
    expect(fact(alex, "Your reminders")).to_have_text("1 hour before · Change")
    coming_up = alex.get_by_role("region", name="Coming up")
    expect(coming_up.get_by_role("listitem").first).to_have_text(long_day(begins))

    # Reminders an hour ahead.
    fact(alex, "Your reminders").get_by_role("link", name="Change").click()
    expect(heading(alex)).to_have_text(f"Reminders for “{TITLE}”")
    alex.get_by_role("checkbox", name="1 hour before").check()
    for other in ("10 minutes before", "30 minutes before", "3 hours before", "a day before"):
        expect(alex.get_by_role("checkbox", name=other)).not_to_be_checked()
    alex.get_by_role("button", name="Save reminders").click()
    expect(alex.get_by_text(f"Saved. You'll get a reminder before each “{TITLE}”.")).to_be_visible()
    expect(fact(alex, "Your reminders")).to_have_text("1 hour before · Change")

    # --- Sam: email on, an Apprise URL added and tested ---------------------------------------
    sam.goto("/")
    sam.locator("header").get_by_role("link", name="Settings").click()
    sam.get_by_role("link", name="Where notifications go").click()
    expect(heading(sam)).to_have_text("Where notifications go")
    yours = sam.get_by_role("region", name="Your channels")
    expect(yours).to_contain_text("Only the inbox for now.")

    sam.get_by_role("button", name="Turn on email").click()
    expect(
        sam.get_by_text("Email is on. Notifications will go to sam@example.com.")
    ).to_be_visible()
    push = sam.get_by_role("region", name="Push or chat")
    push.get_by_label("Name (so you can tell them apart)").fill("My phone")
    push.get_by_label("Apprise URL").fill(hook.url)
    push.get_by_role("button", name="Add", exact=True).click()
    expect(sam.get_by_text("Added. Send a test to check it arrives.")).to_be_visible()
    expect(yours.get_by_role("listitem")).to_have_count(2)
    expect(yours.get_by_role("listitem").first).to_contain_text("Email · sam@example.com")
    phone = yours.get_by_role("listitem").filter(has_text="My phone")
    expect(phone).to_contain_text("json://…hook")  # only its end is ever shown
    expect(yours).not_to_contain_text(f"127.0.0.1:{hook.port}")
    check_a11y(sam, axe_check, "notification settings")

    phone.get_by_role("button", name="Send a test").click()
    expect(
        sam.get_by_text("On its way — the worker will send it in a few seconds.")
    ).to_be_visible()
    call_command("worker", "--once")
    assert [path for path, _body in hook.received] == ["/hook"]
    assert hook.received[0][1]["title"] == "A test from Hearthside"
    assert not mailbox.messages, "a test of one channel went to another"

    # The test is in Sam's inbox too; opening it leads back to the settings.
    sam.reload()
    expect(inbox_link(sam)).to_have_text("Inbox 1 new")
    inbox_link(sam).click()
    expect(heading(sam)).to_have_text("Inbox")
    sam.get_by_role("link", name="A test from Hearthside").click()
    expect(heading(sam)).to_have_text("Where notifications go")
    expect(inbox_link(sam)).to_have_text("Inbox")

    # Sam keeps the default lead time: an hour (DEFAULT_LEAD_MINUTES).
    sam.get_by_role("navigation", name="Main").get_by_role("link", name="Rituals").click()
    circle = sam.get_by_role("region", name="Alex & Sam")
    row = circle.get_by_role("listitem").filter(has_text=TITLE)
    expect(row).to_contain_text("Every Sunday at 19:00")
    expect(row).to_contain_text(f"Next: {long_day(begins)}")
    check_a11y(sam, axe_check, "rituals list with a ritual")
    row.get_by_role("link", name=TITLE).click()
    expect(heading(sam)).to_have_text(TITLE)
    expect(fact(sam, "Your reminders")).to_have_text("1 hour before · Change")

    # --- Sunday, 17:55 summer time: nothing yet ---------------------------------------------
    clock.travel_to((reminder - timedelta(minutes=5)).astimezone(UTC))
    call_command("worker", "--once")
    assert not mailbox.messages
    assert len(hook.received) == 1
    sam.reload()
    expect(inbox_link(sam)).to_have_text("Inbox")

    # --- Just after 18:00: email, push and inbox ---------------------------------------------
    clock.travel_to((reminder + timedelta(seconds=30)).astimezone(UTC))
    call_command("worker", "--once")
    link = f"{base}{occurrence_path}"

    assert len(mailbox.messages) == 1, [header_text(m["Subject"]) for m in mailbox.messages]
    email = mailbox.messages[0]
    assert email["To"] == "sam@example.com"
    assert TITLE in header_text(email["Subject"])
    (text,) = mailbox.bodies()
    assert link in text, text
    assert f"on {sunday:%A} {sunday.day} {sunday:%B}" in text, text

    assert len(hook.received) == 2
    path, pushed = hook.received[1]
    assert path == "/hook"
    assert TITLE in pushed["title"]
    assert link in pushed["message"]

    sam.reload()
    expect(inbox_link(sam)).to_have_text("Inbox 1 new")
    inbox_link(sam).click()
    expect(heading(sam)).to_have_text("Inbox")
    reminder_entry = sam.locator("article").filter(has_text=TITLE)
    expect(reminder_entry).to_have_count(1)
    expect(reminder_entry).to_contain_text("New")
    check_a11y(sam, axe_check, "inbox")
    reminder_entry.get_by_role("link", name=re.compile(TITLE)).click()
    expect(sam).to_have_url(link)
    expect(heading(sam)).to_have_text(TITLE)
    expect(sam.locator(".occurrence-when")).to_have_text(long_day(begins))
    expect(inbox_link(sam)).to_have_text("Inbox")

    # Alex's own reminder is waiting in Alex's inbox; Alex opens the ritual from the list.
    alex.goto("/rituals/")
    expect(inbox_link(alex)).to_have_text("Inbox 1 new")
    alex.get_by_role("listitem").filter(has_text=TITLE).get_by_role(
        "link", name=long_day(begins)
    ).click()
    expect(alex).to_have_url(link)
    expect(alex.get_by_role("heading", name="Before you begin")).to_be_visible()

    # --- 19:00: through the agenda, one prompt at a time --------------------------------------
    clock.travel_to((begins + timedelta(seconds=30)).astimezone(UTC))
    check_a11y(alex, axe_check, "occurrence: before you begin")
    alex.get_by_role("link", name="Begin").click()
    on_prompt(alex, 1)
    share = alex.get_by_role("checkbox", name="Share with the circle")
    expect(share).not_to_be_checked()  # private by default
    alex.get_by_label("Your note").fill(ALEX_PRIVATE)
    check_a11y(alex, axe_check, "occurrence: a prompt")
    walk_on(alex, 1)
    for number in range(2, len(AGENDA) + 1):
        walk_on(alex, number)

    sam.get_by_role("link", name="Begin").click()
    on_prompt(sam, 1)
    expect(sam.locator(".others-notes")).to_have_count(0)
    assert_never_shows(sam, ALEX_PRIVATE)
    sam.get_by_label("Your note").fill(SAM_SHARED)
    sam.get_by_role("checkbox", name="Share with the circle").check()
    walk_on(sam, 1)
    for number in range(2, len(AGENDA) + 1):
        walk_on(sam, number)

    # Alex looks back at the first prompt: Sam's shared note is there beside Alex's own.
    steps(alex).get_by_role("link", name="Prompt 1", exact=True).click()
    on_prompt(alex, 1)
    theirs = alex.locator(".others-notes")
    expect(theirs).to_contain_text(SAM_SHARED)
    expect(theirs).to_contain_text("Sam")
    expect(alex.get_by_label("Your note")).to_have_value(ALEX_PRIVATE)

    # Alex marks it done, with both there.
    steps(alex).get_by_role("link", name="Wrap up").click()
    who = alex.get_by_role("group", name="Who was there?")
    expect(who.get_by_role("checkbox", name="Alex")).to_be_checked()
    who.get_by_role("checkbox", name="Sam").check()
    alex.get_by_role("button", name="Mark as done").click()
    expect(alex.get_by_text("Marked as done. Thank you for making the time.")).to_be_visible()
    status = alex.locator(".occurrence-status")
    expect(status).to_contain_text("Done")
    expect(status).to_contain_text(re.compile(r"Together: (Alex, Sam|Sam, Alex)\."))
    first_prompt = alex.get_by_role("region", name=AGENDA[0])
    expect(first_prompt.locator("blockquote")).to_have_count(2)
    expect(first_prompt.locator("blockquote.private")).to_contain_text(ALEX_PRIVATE)
    expect(first_prompt.locator("blockquote.private")).to_contain_text("Only you")
    expect(first_prompt).to_contain_text(SAM_SHARED)
    check_a11y(alex, axe_check, "occurrence: done")

    # Sam sees it done, who was there, and only Sam's own note.
    sam.reload()
    expect(sam.get_by_role("heading", name="Wrapping up")).to_be_visible()
    sam_who = sam.get_by_role("group", name="Who was there?")
    expect(sam_who.get_by_role("checkbox", name="Alex")).to_be_checked()
    expect(sam_who.get_by_role("checkbox", name="Sam")).to_be_checked()
    expect(sam.get_by_role("button", name="Save who was there")).to_be_visible()
    steps(sam).get_by_role("link", name="Start").click()
    expect(sam.locator(".occurrence-status")).to_contain_text("Done")
    sam_first = sam.get_by_role("region", name=AGENDA[0])
    expect(sam_first.locator("blockquote")).to_have_count(1)
    expect(sam_first).to_contain_text(SAM_SHARED)
    expect(sam_first).to_contain_text("shared with the circle")
    assert_never_shows(sam, ALEX_PRIVATE)

    # --- The ritual page: how it has been kept, said kindly ----------------------------------
    alex.get_by_role("link", name=f"Back to “{TITLE}”").click()
    expect(heading(alex)).to_have_text(TITLE)
    lately = alex.get_by_role("region", name="Lately")
    expect(lately.locator(".consistency-label")).to_have_text("The first one is done.")
    expect(lately.locator(".mark")).to_have_count(1)
    expect(lately.locator(".mark.kept")).to_have_count(1)
    expect(lately.get_by_role("listitem")).to_have_text(f"{long_day(begins)} Done")
    expect(alex.get_by_role("region", name="Coming up").get_by_role("listitem").first).to_have_text(
        long_day(begins + timedelta(days=7))
    )
    assert "streak" not in alex.locator("body").inner_text().lower()
    check_a11y(alex, axe_check, "ritual page")

    sam.get_by_role("link", name=f"Back to “{TITLE}”").click()
    expect(sam.get_by_role("region", name="Lately").locator(".consistency-label")).to_have_text(
        "The first one is done."
    )

    # --- The calendar feed ---------------------------------------------------------------------
    alex.locator("header").get_by_role("link", name="Settings").click()
    alex.get_by_role("link", name="Calendar feed").click()
    expect(heading(alex)).to_have_text("Rituals in your calendar")
    alex.get_by_role("button", name="Make my calendar link").click()
    feed_url = alex.get_by_role("textbox", name=re.compile(r"^Your calendar link")).input_value()
    assert feed_url.startswith(base), feed_url
    response = alex.request.get(feed_url)
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.body())
    events = [e for e in calendar.events if str(e.get("SUMMARY")) == TITLE]
    assert len(events) == 1, [str(e.get("SUMMARY")) for e in calendar.events]
    (event,) = events
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=SU"
    dtstart = event["DTSTART"]
    assert dtstart.params["TZID"] == "Europe/London"
    first = event.DTSTART
    assert isinstance(first, datetime), first
    assert first.replace(tzinfo=None) == datetime.combine(sunday, clock_time(19, 0))
    assert first.utcoffset() == timedelta(hours=1)  # summer time, from the zone
    assert "RECURRENCE-ID" not in event
    assert "EXDATE" not in event
    zones = [str(tz["TZID"]) for tz in calendar.timezones]
    assert "Europe/London" in zones, zones
    unfolded = response.text().replace("\r\n ", "")
    assert f"DTSTART;TZID=Europe/London:{sunday:%Y%m%d}T190000" in unfolded
    for private in (ALEX_PRIVATE, SAM_SHARED):
        assert private not in unfolded, "the calendar feed carries a note"

    problems = {name: errors for name, errors in new_context.errors.items() if errors}
    assert not problems, f"browser errors: {problems}"
    missing = {name: urls for name, urls in new_context.missing_assets.items() if urls}
    assert not missing, f"static files that did not load: {missing}"

    seconds = time.perf_counter() - started
    print(f"rituals journey: {seconds:.1f}s")
