"""Owning your data, in real browsers: Alex downloads everything as JSON, deletes the account
after typing the password and the phrase, sees what was removed once, and is signed out. Sam, in
a second browser, no longer finds Alex's share. Then someone new brings Alex's file into a fresh
account and finds the check-in again. The app's strict CSP stays on throughout."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.journey import assert_never_shows, check_a11y, heading, serve_axe_same_origin

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

CHECKIN_NOTE = "Slept badly; the launch is on my mind"
SHARE_TEXT = "I'm nervous about Friday and could use a hug"


def test_alex_takes_everything_leaves_and_it_comes_back_in_a_new_account(
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    people: Any,
    axe_check: Callable[..., None],
    tmp_path: Path,
) -> None:
    from hearthside.accounts.models import Person
    from hearthside.practice.models import CheckIn, Share

    CheckIn.objects.create(author=people.alex, mood=2, feelings=["anxious"], note=CHECKIN_NOTE)
    share = Share.objects.create(author=people.alex, circle=people.partners, text=SHARE_TEXT)

    alex_context = new_context("alex", bypass_csp=False, accept_downloads=True)
    serve_axe_same_origin(alex_context)
    sign_in(alex_context, people.alex)
    alex = alex_context.new_page()
    sam_context = new_context("sam", bypass_csp=False)
    sign_in(sam_context, people.sam)
    sam = sam_context.new_page()

    sam.goto(f"/shares/{share.pk}/")
    expect(sam.locator("main")).to_contain_text(SHARE_TEXT)

    # --- Alex finds Your data from Settings and downloads everything -----------------------
    alex.goto("/settings/")
    alex.get_by_role("link", name="Your data").click()
    expect(heading(alex)).to_have_text("Your data")
    check_a11y(alex, axe_check, "your data page")
    with alex.expect_download() as download_info:
        alex.get_by_role("link", name="Download everything (JSON)").click()
    download = download_info.value
    assert re.fullmatch(r"hearthside-export-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = json.loads(saved.read_text())
    assert document["format"] == "hearthside-export"
    assert [c["note"] for c in document["entries"]["checkins"]] == [CHECKIN_NOTE]
    assert [s["text"] for s in document["entries"]["shares"]] == [SHARE_TEXT]

    # --- Alex deletes the account: a wrong password first, then for real ------------------
    alex.get_by_role("link", name="Delete my account…").click()
    expect(heading(alex)).to_have_text("Delete your account")
    check_a11y(alex, axe_check, "delete account page")
    alex.get_by_label("Your password").fill("not my password")
    alex.get_by_label("Type “delete my account” to confirm").fill("delete my account")
    alex.get_by_role("button", name="Delete my account and everything I wrote").click()
    expect(alex.locator(".errors")).to_contain_text("That isn't your password.")
    assert Person.objects.filter(pk=people.alex.pk).exists()

    alex.get_by_label("Your password").fill(PASSWORD)
    alex.get_by_label("Type “delete my account” to confirm").fill("delete my account")
    alex.get_by_role("button", name="Delete my account and everything I wrote").click()
    expect(heading(alex)).to_have_text("Your account is gone")
    removed = alex.locator("table.data-table")
    expect(removed.get_by_role("row", name=re.compile(r"^Check-ins 1$"))).to_be_visible()
    expect(removed.get_by_role("row", name=re.compile(r"^Shares 1$"))).to_be_visible()
    check_a11y(alex, axe_check, "goodbye page")
    # Signed out: Settings now asks who you are, and the audit isn't anywhere to go back to.
    alex.goto("/settings/")
    expect(alex).to_have_url(re.compile(r"/accounts/login/"))
    assert not Person.objects.filter(email="alex@example.com").exists()

    # --- Sam no longer sees Alex's share -----------------------------------------------------
    response = sam.goto(f"/shares/{share.pk}/")
    assert response is not None
    assert response.status == 404
    sam.goto("/")
    assert_never_shows(sam, SHARE_TEXT)

    # --- Someone new brings Alex's file in and finds the check-in ---------------------------
    newcomer = Person.objects.create_user(
        "newcomer@example.com", PASSWORD, display_name="New", time_zone="Europe/London"
    )
    new_ctx = new_context("newcomer", bypass_csp=False)
    serve_axe_same_origin(new_ctx)
    sign_in(new_ctx, newcomer)
    page = new_ctx.new_page()
    page.goto("/settings/data/")
    expect(page.get_by_role("radio", name=re.compile("^A Hearthside export"))).to_be_checked()
    page.get_by_label("The file").set_input_files(saved)
    page.get_by_role("button", name="See what's in it").click()
    expect(heading(page)).to_have_text("Before anything is brought in")
    expect(page.locator(".data-headline")).to_have_text(re.compile(r"^2 things from "))
    expect(page.locator("main")).to_contain_text("made new, with only you in it")
    check_a11y(page, axe_check, "import preview")
    page.get_by_role("button", name="Bring it in").click()
    expect(heading(page)).to_have_text("Brought in")
    page.get_by_role("link", name="See your journal").click()
    expect(page.locator("main")).to_contain_text(CHECKIN_NOTE)
    # Nothing the newcomer brought in reaches Sam: the circle came back with only them in it.
    sam.goto("/")
    assert_never_shows(sam, SHARE_TEXT)
