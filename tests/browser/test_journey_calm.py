"""The self-regulation toolkit in two real browsers: private, one tap away, and the same
toolkit whether it's opened from Today or from a pause in a repair.

Alex taps "Breathe" on Today, says it's a 7, begins box breathing and follows the guide as it
moves from "Breathe in" to "Hold"; turns the soft tone on (Web Audio, made in the page), pauses
the guide and carries on, then finishes at a 4. The done page shows 7 → 4 and "what helps me"
now has enough rated sessions to say box breathing usually helps. Sam, in another browser with
motion turned down, can't reach Alex's session by page or by API (404, as for one that doesn't
exist) and sees none of Alex's numbers; Sam's own kindness steps run in words. Then Alex calls a
pause in their circle: "Breathe slowly" there opens the toolkit, the session remembers the
pause, and "Back to the pause" returns to it. Sam's view of the pause says nothing about it.

The app's real CSP stays on; axe runs on every toolkit page; any script error fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.journey import check_a11y, heading, serve_axe_same_origin

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]


def rate(page: Page, number: int) -> None:
    page.get_by_role("radio", name=str(number), exact=True).check()


def test_alex_breathes_from_today_and_from_a_pause_and_sam_never_sees_it(
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    people: Any,
    axe_check: Callable[..., None],
) -> None:
    from hearthside.api.models import PersonalToken
    from hearthside.calm.models import CalmSession

    # Two earlier box-breathing sessions, so today's makes three rated ones.
    for before, after in ((6, 4), (8, 5)):
        CalmSession.objects.create(
            author=people.alex,
            tool="breathe",
            pattern="box",
            distress_before=before,
            distress_after=after,
            finished_at=timezone.now(),
        )

    alex_context = new_context("alex", bypass_csp=False)
    sam_context = new_context("sam", bypass_csp=False, reduced_motion="reduce")
    for context, person in ((alex_context, people.alex), (sam_context, people.sam)):
        sign_in(context, person)
        serve_axe_same_origin(context)
    alex, sam = alex_context.new_page(), sam_context.new_page()

    # --- Alex: one tap from Today, a 7 before ------------------------------------------------
    alex.goto("/")
    alex.get_by_role("navigation", name="Steady yourself").get_by_role(
        "link", name="Breathe"
    ).click()
    expect(heading(alex)).to_have_text("Breathe")
    expect(alex.get_by_role("heading", name="Box breathing")).to_be_visible()
    expect(
        alex.get_by_role("navigation", name="Ways to breathe").get_by_role(
            "link", name="Box breathing"
        )
    ).to_have_attribute("aria-current", "true")
    check_a11y(alex, axe_check, "breathe: start")
    rate(alex, 7)
    alex.get_by_role("button", name="Begin").click()
    expect(alex).to_have_url(re.compile(r"/calm/sessions/\d+/$"))
    session_path = alex.url.removeprefix(new_context.base_url)

    # --- The guide runs: the words move on with the breath ----------------------------------
    cue = alex.locator("[data-calm-cue]")
    expect(cue).to_have_text("Breathe in")
    expect(alex.locator(".calm-breath.is-live")).to_have_count(1)
    sound = alex.get_by_label("A soft tone when the breath changes")
    expect(sound).not_to_be_checked()  # off until asked for
    sound.check()
    expect(cue).to_have_text("Hold", timeout=6_000)  # four seconds in, then hold
    expect(alex.locator("[data-calm-round]")).to_have_text("Round 1")

    alex.get_by_role("button", name="Pause the guide").click()
    carry_on = alex.get_by_role("button", name="Carry on")
    expect(carry_on).to_be_visible()
    held = alex.locator("[data-calm-count]").text_content()
    alex.wait_for_timeout(1_500)
    expect(alex.locator("[data-calm-count]")).to_have_text(held or "")
    expect(cue).to_have_text("Hold")
    check_a11y(alex, axe_check, "breathe: guide paused")
    carry_on.click()
    expect(alex.get_by_role("button", name="Pause the guide")).to_be_visible()

    # --- Finish at a 4 -------------------------------------------------------------------------
    finish = alex.get_by_role("region", name="When you're ready to stop")
    rate(alex, 4)
    finish.get_by_role("button", name="Finish").click()
    expect(heading(alex)).to_have_text("You took a few minutes for yourself")
    expect(alex.locator(".calm-change")).to_have_text(re.compile(r"Before: 7\s*→\s*After: 4"))
    expect(alex.get_by_text("Lighter: down by 3.")).to_be_visible()
    check_a11y(alex, axe_check, "breathe: done")

    alex.get_by_role("link", name="See what helps me").click()
    expect(heading(alex)).to_have_text("Find your calm")
    helps = alex.get_by_role("region", name=re.compile("^What helps me"))
    expect(helps).to_contain_text(
        "Breathe Usually helps: on average it eased by 2.7, over 3 rated sessions."
    )
    expect(alex.get_by_role("region", name="Lately")).to_contain_text("before 7 → after 4")
    check_a11y(alex, axe_check, "toolkit")

    # --- Sam can never see it: not the page, not the API, not the summary --------------------
    missing = sam.goto(session_path)
    assert missing is not None and missing.status == 404
    session_id = int(session_path.strip("/").rsplit("/", 1)[1])
    _record, token = PersonalToken.issue(people.sam)
    api = sam_context.request.get(
        f"/api/v1/calm/sessions/{session_id}", headers={"Authorization": f"Bearer {token}"}
    )
    assert api.status == 404
    assert api.json() == {"detail": "Not Found"}
    listed = sam_context.request.get(
        "/api/v1/calm/sessions", headers={"Authorization": f"Bearer {token}"}
    )
    assert listed.json() == []

    sam.goto("/calm/")
    expect(sam.get_by_role("region", name=re.compile("^What helps me"))).to_contain_text(
        "Nothing rated yet."
    )
    expect(sam.get_by_role("region", name="Lately")).to_have_count(0)

    # --- Sam's own kindness steps, with motion turned down --------------------------------------
    sam.goto("/")
    sam.get_by_role("navigation", name="Steady yourself").get_by_role(
        "link", name="Be kind to yourself"
    ).click()
    expect(heading(sam)).to_have_text("Be kind to yourself")
    check_a11y(sam, axe_check, "kindness: start")
    sam.get_by_role("button", name="Begin").click()
    for number, title in enumerate(
        [
            "Say that it's hard",
            "Remember you're not the only one",
            "Offer yourself some kindness",
        ],
        start=1,
    ):
        expect(sam.get_by_text(f"Step {number} of 3", exact=True)).to_be_visible()
        expect(sam.get_by_role("heading", level=2)).to_have_text(title)
        if number == 1:
            check_a11y(sam, axe_check, "kindness: a step")
        sam.get_by_role("link", name="Next", exact=True).click()
    expect(sam.get_by_role("heading", name="Take this with you")).to_be_visible()
    check_a11y(sam, axe_check, "kindness: close")
    sam.get_by_role("button", name="Finish").click()
    expect(sam.get_by_text("No numbers this time, and that's completely fine.")).to_be_visible()

    # Breathing in words only: the circle stays still, the cue still changes.
    sam.goto("/calm/breathe/resonant/")
    check_a11y(sam, axe_check, "resonant: start")
    sam.get_by_role("button", name="Begin").click()
    expect(sam.get_by_text("Motion is turned down on this device")).to_be_visible()
    sam_cue = sam.locator("[data-calm-cue]")
    expect(sam_cue).to_have_text("Breathe in")
    assert sam.locator(".calm-orb").evaluate("orb => orb.getAnimations().length") == 0
    expect(sam_cue).to_have_text("Breathe out", timeout=8_000)  # 5.45 s in
    assert sam.locator(".calm-orb").evaluate("orb => orb.getAnimations().length") == 0

    # Grounding: the start page and a step, for axe.
    sam.goto("/calm/ground/")
    expect(heading(sam)).to_have_text("Ground yourself: 5-4-3-2-1")
    check_a11y(sam, axe_check, "grounding: start")
    sam.get_by_role("button", name="Begin").click()
    expect(sam.get_by_role("heading", name="Five things you can see")).to_be_visible()
    sam.get_by_role("checkbox", name="Noticed 1").check()
    check_a11y(sam, axe_check, "grounding: a step")

    # --- From a pause in a repair: the toolkit opens and comes back -------------------------
    alex.goto(f"/circles/{people.partners.pk}/")
    alex.get_by_role("region", name="When things get heated").get_by_role(
        "button", name="Pause", exact=True
    ).click()
    expect(heading(alex)).to_have_text("A pause")
    pause_path = alex.url.removeprefix(new_context.base_url)
    alex.get_by_role("region", name="While you wait").get_by_role(
        "link", name="Breathe slowly"
    ).click()
    expect(heading(alex)).to_have_text("Breathe")
    expect(alex.get_by_role("link", name="Back to the pause")).to_be_visible()
    alex.get_by_role("navigation", name="Ways to breathe").get_by_role(
        "link", name="4-7-8 breathing"
    ).click()
    expect(alex.get_by_role("heading", name="4-7-8 breathing")).to_be_visible()
    rate(alex, 8)
    alex.get_by_role("button", name="Begin").click()
    expect(alex.locator("[data-calm-cue]")).to_have_text("Breathe in")
    rate(alex, 6)
    alex.get_by_role("button", name="Finish").click()
    expect(alex.locator(".calm-change")).to_have_text(re.compile(r"Before: 8\s*→\s*After: 6"))
    alex.get_by_role("link", name="Back to the pause").click()
    expect(alex).to_have_url(re.compile(re.escape(pause_path) + "$"))
    linked = CalmSession.objects.filter(author=people.alex).latest("started_at")
    assert (linked.pattern, f"/pauses/{linked.pause_id}/") == ("4-7-8", pause_path)

    sam.goto(pause_path)
    expect(heading(sam)).to_have_text("A pause")
    body = sam.locator("main").inner_text()
    assert "/calm/sessions/" not in sam.content()
    assert "4-7-8" not in body and "Before: 8" not in body

    problems = {name: errors for name, errors in new_context.errors.items() if errors}
    assert not problems, f"browser errors: {problems}"
    missing_assets = {name: urls for name, urls in new_context.missing_assets.items() if urls}
    assert not missing_assets, f"static files that did not load: {missing_assets}"
