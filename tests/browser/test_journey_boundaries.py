"""Boundaries in three real browsers: written, shared, acknowledged, changed, acknowledged again,
and looked at again a month later — while a friend in another circle and a private boundary
stay out of sight.

Alex writes a boundary for Alex & Sam (the coach listening under the words). The worker tells
Sam, by name and circle only; Sam finds it on Today, reads it and says "I've read this and I'll
respect it" (htmx, announced politely). Alex sees Sam's answer, changes the words, and Sam is
asked again. Alex also writes a private one, which never reaches Sam. A month later, at 09:00 in
Alex's time zone, the worker asks Alex to look at the shared one again; Alex keeps it, with a
note only Alex sees. Robin, Alex's friend in another circle, never sees any of it.

Time: the live server runs in this process, so `time_machine` (ticking) moves its clock and the
worker's (`call_command("worker", "--once")`). Sessions are made after each jump so they're
fresh on the travelled clock. The app's CSP stays on; any script error fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.journey import (
    Clock,
    assert_never_shows,
    check_a11y,
    heading,
    serve_axe_same_origin,
)

if TYPE_CHECKING:
    from conftest import Personas
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

LONDON = ZoneInfo("Europe/London")
NEED = "When I get home from work, I need twenty minutes to land before we talk about plans."
WHY = "My head is still full of the day, and I end up short with you."
HELPS = "A hand on my shoulder and “is now OK?” if something can't wait."
CHANGED = "When I get home from work, I need ten minutes to land before we talk about plans."
PRIVATE = "I need to stop answering work messages in bed."
REVIEW_NOTE = "Ten minutes is plenty now. It has made our evenings softer."
ACK = "I've read this and I'll respect it"


def main_text(page: Page) -> str:
    return page.locator("main").inner_text()


def section(page: Page, name: str) -> Any:
    return page.get_by_role("region", name=name)


def test_a_shared_boundary_is_acknowledged_changed_and_reviewed(
    new_context: ContextFactory,
    sign_in: Callable[[BrowserContext, Any], None],
    axe_check: Callable[..., None],
    people: Personas,
    clock: Clock,
) -> None:
    from hearthside.boundaries.models import Boundary

    # Tomorrow morning in London; the first look at the shared boundary is due a month on.
    start_day = date.today() + timedelta(days=1)
    start = datetime.combine(start_day, clock_time(10, 0), LONDON)
    clock.travel_to(start.astimezone(UTC))

    contexts = {}
    for name in ("alex", "sam", "robin"):
        context = new_context(name, bypass_csp=False)
        serve_axe_same_origin(context)
        sign_in(context, getattr(people, name))
        contexts[name] = context
    alex, sam, robin = (contexts[n].new_page() for n in ("alex", "sam", "robin"))

    # --- Alex writes a boundary and shares it with Sam ---------------------------------------
    alex.goto("/practices/")
    alex.get_by_role("link", name="Boundaries").last.click()
    expect(heading(alex)).to_have_text("Boundaries")
    expect(alex.get_by_text("Nothing written yet.")).to_be_visible()
    check_a11y(alex, axe_check, "boundaries list, empty")
    alex.get_by_role("link", name="Write a boundary").click()

    expect(heading(alex)).to_have_text("Write a boundary")
    who = alex.get_by_label("Who sees it")
    expect(who).to_have_value("")  # private unless Alex chooses otherwise
    who.select_option(label="Alex & Sam")
    alex.get_by_label("What I need").fill(NEED)
    alex.get_by_label("Why it matters to me").fill(WHY)
    alex.get_by_label("What helps when it's close to being crossed").fill(HELPS)
    alex.get_by_role("radio", name="Every month").check()
    # The coach listens under the words; a blaming line gets a gentle note.
    alex.get_by_label("Why it matters to me").press_sequentially(" You never notice.")
    expect(alex.locator("#coach-id_why .coach-note")).not_to_have_count(0)
    check_a11y(alex, axe_check, "new boundary form with a coach note")
    alex.get_by_label("Why it matters to me").fill(WHY)
    alex.get_by_role("button", name="Save", exact=True).click()

    expect(heading(alex)).to_have_text("Your boundary")
    expect(alex.get_by_text("Shared with Alex & Sam. They'll be asked to read it")).to_be_visible()
    expect(alex.locator("main")).to_contain_text(NEED)
    boundary_path = alex.url.removeprefix(new_context.base_url)
    assert re.fullmatch(r"/boundaries/\d+/", boundary_path), boundary_path
    expect(section(alex, "Who said they'll respect it")).to_contain_text(
        "No one has said so for these words yet."
    )
    check_a11y(alex, axe_check, "boundary page, as its author")

    # …and a private one, for Alex alone.
    alex.goto("/boundaries/new/")
    alex.get_by_label("What I need").fill(PRIVATE)
    alex.get_by_role("button", name="Save", exact=True).click()
    expect(alex.get_by_text("Written down. It's private — only you can see it.")).to_be_visible()
    private_path = alex.url.removeprefix(new_context.base_url)

    # --- The worker tells Sam, with names only; Sam answers from Today ------------------------
    call_command("worker", "--once")
    sam.goto("/inbox/")
    expect(sam.locator("main")).to_contain_text("Alex shared a boundary in Alex & Sam")
    assert_never_shows(sam, NEED, WHY, HELPS, PRIVATE)

    sam.goto("/")
    card = section(sam, "Boundaries")
    expect(card).to_contain_text("Alex shared a boundary with you.")
    assert_never_shows(sam, NEED, PRIVATE)
    check_a11y(sam, axe_check, "today with a boundary waiting")
    card.get_by_role("link", name="Read it when you're ready").click()

    expect(heading(sam)).to_have_text("Alex's boundary")
    expect(sam.locator("main")).to_contain_text(NEED)
    expect(sam.locator("main")).to_contain_text(HELPS)
    check_a11y(sam, axe_check, "boundary page, as a member")
    sam.get_by_role("button", name=ACK).click()
    answer = sam.locator("#boundary-ack")
    expect(answer).to_have_attribute("aria-live", "polite")
    expect(answer).to_contain_text("You told Alex you've read this and you'll respect it")
    expect(answer).to_contain_text("Thank you — that means a lot.")
    expect(sam.get_by_role("button", name=ACK)).to_have_count(0)
    sam.goto("/")
    expect(section(sam, "Boundaries")).to_have_count(0)

    alex.goto(boundary_path)
    expect(section(alex, "Who said they'll respect it")).to_contain_text(
        "Sam has read these words and will respect them."
    )

    # --- Alex changes the words; Sam is asked again -------------------------------------------
    alex.get_by_role("link", name="Change it or who sees it").click()
    expect(heading(alex)).to_have_text("Change a boundary")
    expect(alex.get_by_label("What I need")).to_have_value(NEED)
    alex.get_by_label("What I need").fill(CHANGED)
    alex.get_by_role("button", name="Save the changes").click()
    expect(alex.get_by_text("Saved as a new version. Alex & Sam will be asked")).to_be_visible()
    expect(section(alex, "Who said they'll respect it")).to_contain_text(
        "Sam said yes to an earlier version and will be asked about the new words."
    )
    expect(section(alex, "How it has changed")).to_contain_text(NEED)

    call_command("worker", "--once")
    sam.goto("/inbox/")
    expect(sam.locator("main")).to_contain_text("Alex changed a boundary in Alex & Sam")
    assert_never_shows(sam, NEED, CHANGED)
    sam.goto("/")
    card = section(sam, "Boundaries")
    expect(card).to_contain_text("Alex changed a boundary.")
    card.get_by_role("link", name="Read it when you're ready").click()
    expect(sam.locator("main")).to_contain_text(
        "Alex has changed the words since you last read them."
    )
    expect(sam.locator("main")).to_contain_text(CHANGED)
    sam.get_by_role("button", name=ACK).click()
    expect(sam.locator("#boundary-ack")).to_contain_text("You told Alex")

    # --- The private one never reaches Sam -----------------------------------------------------
    sam.goto("/boundaries/")
    expect(section(sam, "Shared with you")).to_contain_text(CHANGED)
    assert_never_shows(sam, PRIVATE)
    check_a11y(sam, axe_check, "boundaries list with one shared")
    assert sam.goto(private_path).status == 404  # type: ignore[union-attr]
    assert_never_shows(sam, PRIVATE)

    # --- Robin, in another circle, never sees any of it ----------------------------------------
    robin.goto("/boundaries/")
    assert_never_shows(robin, NEED, CHANGED, PRIVATE)
    robin.goto("/")
    expect(section(robin, "Boundaries")).to_have_count(0)
    for path in (boundary_path, private_path, f"{boundary_path}review/"):
        assert robin.goto(path).status == 404  # type: ignore[union-attr]
        assert_never_shows(robin, NEED, CHANGED, PRIVATE)
    robin.goto("/inbox/")
    assert_never_shows(robin, "shared a boundary", "changed a boundary")

    # --- A month later, at 09:00 Alex's time, it's time to look at it again --------------------
    shared = Boundary.objects.get(pk=int(boundary_path.split("/")[2]))
    assert shared.next_review_on is not None
    nine = datetime.combine(shared.next_review_on, clock_time(9, 0), LONDON)
    clock.travel_to((nine - timedelta(minutes=1)).astimezone(UTC))
    call_command("worker", "--once")
    clock.travel_to((nine + timedelta(seconds=30)).astimezone(UTC))
    call_command("worker", "--once")
    sign_in(contexts["alex"], people.alex)
    alex.goto("/inbox/")
    expect(alex.locator("main")).to_contain_text("A boundary to look at again")
    assert_never_shows(alex, CHANGED)

    alex.goto("/")
    card = section(alex, "Boundaries")
    expect(card).to_contain_text("Time to look at one of yours again:")
    card.get_by_role("link", name=re.compile("^When I get home")).click()
    expect(heading(alex)).to_have_text("Look at it again")
    check_a11y(alex, axe_check, "review page")
    alex.get_by_label("A note for yourself").fill(REVIEW_NOTE)
    alex.get_by_role("button", name="Keep it as it is").click()
    expect(
        alex.get_by_text("Kept as it is. Thank you for checking in with yourself.")
    ).to_be_visible()
    reviews = section(alex, "Your reviews")
    expect(reviews).to_contain_text("Kept it")
    expect(reviews).to_contain_text(REVIEW_NOTE)
    alex.goto("/")
    expect(section(alex, "Boundaries")).to_have_count(0)

    # The note is Alex's alone.
    sign_in(contexts["sam"], people.sam)
    sam.goto(boundary_path)
    expect(sam.locator("main")).to_contain_text(CHANGED)
    assert_never_shows(sam, REVIEW_NOTE, PRIVATE)

    for name in ("alex", "sam", "robin"):
        assert new_context.errors[name] == [], name
        assert new_context.missing_assets[name] == [], name
