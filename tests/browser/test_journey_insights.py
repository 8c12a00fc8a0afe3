"""Insights in two real browsers: each partner's own page and their circle's page.

Alex and Sam have a few weeks of practice behind them (seeded below, dated back from today).
Alex checks in through the form and finds today on the weather map in the colour of that mood.
Each of them opens "Insights" from the main menu: the weather map, the charts (drawn by Chart.js
on real canvases, served by the app under its strict CSP), and the numbers behind each chart
as a table a person can open and read. Neither ever sees the other's private check-ins,
feelings or calm sessions. Both open the circle page: the balance of moments beside the 5:1
research reference, said plainly for what it is. Robin, outside the circle, gets "not found".
axe finds nothing serious on any of it; any script error or missing file fails the journey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hearthside.calm.models import CalmSession
from hearthside.insights import gather, readings
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share
from hearthside.repair.models import Closure, Pause, Rupture
from hearthside.rituals.models import Occurrence, Ritual
from hearthside.rituals.recurrence import between
from tests.browser.journey import assert_never_shows, check_a11y, heading, serve_axe_same_origin

if TYPE_CHECKING:
    from tests.browser.conftest import ContextFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

LONDON = ZoneInfo("Europe/London")
DAYS = 30
SAM_ONLY_FEELING = "furious"


def seed(people: Any) -> None:
    """A month of practice, dated back from now: Alex's and Sam's own check-ins and calm
    sessions, and in their circle shares heard, thank-yous, a Sunday ritual, a pause and a
    rupture repaired with trust re-established."""
    alex, sam, partners = people.alex, people.sam, people.partners
    today = timezone.localtime(timezone.now(), LONDON).date()
    start = datetime.combine(today - timedelta(days=DAYS + 5), time(9), tzinfo=LONDON)
    partners.memberships.update(joined_at=start)

    def day(n: int, hour: int = 9) -> datetime:
        return datetime.combine(today - timedelta(days=n), time(hour), tzinfo=LONDON)

    CheckIn.objects.bulk_create(
        CheckIn(
            author=alex,
            created_at=day(n, 8),
            mood=2 + n % 3,
            feelings=["content", "tired"] if n % 2 else ["calm"],
            needs=["rest"],
        )
        for n in range(1, DAYS + 1)
    )
    CheckIn.objects.bulk_create(
        CheckIn(author=sam, created_at=day(n, 8), mood=1, feelings=[SAM_ONLY_FEELING])
        for n in range(1, DAYS + 1)
    )
    for before, after in ((8, 4), (7, 3), (6, 4)):
        CalmSession.objects.create(
            author=alex, tool="breathe", pattern="box", distress_before=before, distress_after=after
        )
    for n in (20, 12, 5):
        share = Share.objects.create(
            author=alex, circle=partners, text="A long week", created_at=day(n, 19)
        )
        Reply.objects.create(
            share=share,
            author=sam,
            reflect="It sounds like a lot",
            created_at=day(n, 20),
            felt_heard_at=day(n, 21),
        )
    for n in (18, 9, 3):
        Appreciation.objects.create(
            author=sam, recipient=alex, circle=partners, text="Thank you", created_at=day(n, 21)
        )
    ritual = Ritual.objects.create(
        circle=partners,
        created_by=alex,
        title="Sunday reflection",
        freq="weekly",
        weekdays="6",
        at=time(19, 0),
        time_zone="Europe/London",
        starts_on=start.date(),
        created_at=start,
    )
    for moment in between(ritual.schedule(), start, timezone.now() - timedelta(days=1)):
        Occurrence.objects.create(ritual=ritual, scheduled_for=moment, status="done")
    Pause.objects.create(
        author=sam,
        circle=partners,
        phrase="I need a breather",
        created_at=day(14, 21),
        min_until=day(14, 22),
        max_until=day(13, 21),
        ended_at=day(14, 22),
    )
    rupture = Rupture.objects.create(
        author=alex,
        circle=partners,
        title="The late dinner",
        created_at=day(14, 21),
        status="closed",
        closed_at=day(13, 20),
    )
    for person in (alex, sam):
        Closure.objects.create(rupture=rupture, author=person, trust_reestablished=True)


def charts_drawn(page: Page) -> list[str]:
    """The ids of the canvases Chart.js has drawn on."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('canvas[data-insight-chart]'))
            .filter(c => window.Chart && window.Chart.getChart(c) && c.width > 0)
            .map(c => c.id)"""
    )


def open_table(page: Page, chart_title: str) -> Any:
    figure = page.locator("figure.insight-chart").filter(
        has=page.get_by_role("heading", name=chart_title, exact=True)
    )
    figure.get_by_text("Show the numbers as a table").click()
    table = figure.get_by_role("table")
    expect(table).to_be_visible()
    return table


def test_each_partner_sees_their_own_insights_and_their_circles(
    new_context: ContextFactory,
    sign_in: Callable[..., None],
    people: Any,
    axe_check: Callable[..., None],
) -> None:
    seed(people)
    contexts, pages = {}, {}
    for name in ("alex", "sam", "robin"):
        contexts[name] = new_context(name, bypass_csp=False)
        serve_axe_same_origin(contexts[name])
        sign_in(contexts[name], getattr(people, name))
        pages[name] = contexts[name].new_page()
    alex, sam, robin = pages["alex"], pages["sam"], pages["robin"]

    # --- Alex checks in today, then finds today on the weather map ----------------------------
    alex.goto("/checkin/")
    alex.get_by_role("group", name="Mood").get_by_role("radio", name="Very good").check()
    alex.get_by_role("button", name="Save check-in").click()
    expect(heading(alex)).to_have_text("Your check-in")

    alex.get_by_role("navigation", name="Main").get_by_role("link", name="Insights").click()
    expect(heading(alex)).to_have_text("Insights")
    weather = alex.get_by_role("region", name=re.compile("Your emotional weather"))
    today = timezone.localtime(timezone.now(), LONDON)
    month = weather.get_by_role("table", name=today.strftime("%B %Y"))
    expect(month.locator("td.wx-5").filter(has_text=re.compile(rf"^{today.day}\b"))).to_have_count(
        1
    )
    expect(weather).to_contain_text("You checked in on 31 days in this period")
    expect(weather).to_contain_text("came up most often")

    expect(alex.locator("canvas[data-insight-chart]").first).to_be_visible()
    alex.wait_for_function("() => document.querySelectorAll('canvas[data-drawn]').length >= 5")
    assert {"chart-feelings", "chart-mood", "chart-calm"} <= set(charts_drawn(alex))
    mood = open_table(alex, "Mood over time")
    expect(mood.get_by_role("columnheader", name="Average mood (1-5)")).to_be_visible()
    expect(mood.get_by_role("rowheader").first).to_be_visible()
    calm = open_table(alex, "How strong it felt, before and after")
    expect(calm.get_by_role("row", name=re.compile(r"^Breathe 3 3 7 3\.7"))).to_be_visible()
    expect(alex.get_by_text("“Breathe” helped most")).to_be_visible()
    expect(
        alex.get_by_text(re.compile(r"Not enough data yet: \d+ days one of your circles"))
    ).to_be_visible()
    assert_never_shows(alex, SAM_ONLY_FEELING)
    check_a11y(alex, axe_check, "my insights, with a table open")

    # --- Alex opens the circle's page from there ----------------------------------------------
    alex.get_by_role("link", name="Insights for Alex & Sam").click()
    expect(heading(alex)).to_have_text("Insights for Alex & Sam")
    # 3 felt heard, 3 thank-yous and the Sundays kept, against a pause and a rupture.
    balance = gather.for_circle(people.alex, people.partners, "1y").balance
    assert (balance.understanding, balance.appreciations, balance.difficult) == (3, 3, 2)
    assert balance.ratio is not None
    expect(alex.locator(".balance-number")).to_have_text(f"{readings.num(balance.ratio)} : 1")
    expect(alex.get_by_text("not a score or a target for your relationship")).to_be_visible()
    expect(alex.get_by_text("(Gottman & Levenson, 1992)")).to_be_visible()
    alex.wait_for_function("() => document.querySelectorAll('canvas[data-drawn]').length >= 2")
    assert {"chart-moments", "chart-repairs"} <= set(charts_drawn(alex))
    repairs = open_table(alex, "Time to repair")
    expect(repairs.get_by_role("row", name=re.compile("The late dinner"))).to_contain_text(
        "re-established"
    )
    check_a11y(alex, axe_check, "circle insights")
    circle_path = alex.url.removeprefix(new_context.base_url)

    # --- Sam sees Sam's own page, nothing of Alex's ---------------------------------------------
    sam.goto("/insights/")
    expect(heading(sam)).to_have_text("Insights")
    expect(sam.get_by_text("“furious” came up most often, on 30 days.")).to_be_visible()
    expect(sam.get_by_role("region", name=re.compile("Your emotional weather"))).to_contain_text(
        "your mood was most often “Very low”"
    )
    expect(sam.get_by_text("Rate how strong things feel before and after")).to_be_visible()
    assert_never_shows(sam, "“content”", "“Breathe” helped most")
    check_a11y(sam, axe_check, "Sam's insights")

    sam.goto(circle_path)
    expect(heading(sam)).to_have_text("Insights for Alex & Sam")
    expect(sam.locator(".balance-number")).to_have_text(
        alex.locator(".balance-number").inner_text()
    )
    sam.wait_for_function("() => document.querySelectorAll('canvas[data-drawn]').length >= 2")
    moments = open_table(sam, "Moments over time")
    expect(moments.get_by_role("columnheader", name="Felt heard")).to_be_visible()

    # --- Robin is not in the circle: not found, and nothing of it on Robin's own page ----------
    response = robin.goto(circle_path)
    assert response is not None and response.status == 404
    robin.goto("/insights/")
    expect(robin.get_by_text("Your weather map fills in as you check in")).to_be_visible()
    assert_never_shows(robin, "Alex & Sam", "The late dinner")

    problems = {name: errors for name, errors in new_context.errors.items() if errors}
    assert not problems, f"browser errors: {problems}"
    missing = {name: urls for name, urls in new_context.missing_assets.items() if urls}
    assert not missing, f"static files that did not load: {missing}"
