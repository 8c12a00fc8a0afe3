"""`hearthside demo` gives the demo couple insights worth opening: a filled weather map,
feelings and needs that recur, what calming down changed, a ritual kept, and a circle page
with understanding moments, thank-yous, needs met and rituals kept. Comparisons honestly wait
for more days than a few weeks of demo hold."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle
from hearthside.insights import gather
from hearthside.insights.tests.conftest import words_of


@pytest.fixture
def demo(db: None) -> None:
    call_command("demo", stdout=StringIO())


@pytest.mark.parametrize("email", ["alex@example.com", "sam@example.com"])
def test_each_partner_sees_meaningful_insights_of_their_own(demo: None, email: str) -> None:
    person = Person.objects.get(email=email)
    me = gather.for_me(person, "90d")

    assert me.weather.days_checked_in >= 25
    assert (
        len({cell.level for g in me.months for w in g.weeks for cell in w if cell and cell.level})
        >= 3
    )
    assert me.feelings and me.feelings[0].count >= 3
    assert me.need_series and me.need_series[0].total >= 3
    assert sum(b.days for b in me.mood) >= 25
    assert any(change.enough for change in me.calm), "what self-regulation changed"
    assert me.rituals and me.rituals[0].kept >= 4
    assert me.from_circles.thanks_received >= 1
    assert me.from_circles.felt_heard + me.from_circles.helped_feel_heard >= 3
    # A few weeks are not enough to compare honestly, and the page says so.
    assert all(c.days for c in me.comparisons)
    assert not any(c.enough for c in me.comparisons)

    client = Client()
    client.force_login(person)
    text = words_of(client.get("/insights/?period=90d"))
    assert "You checked in on" in text and "came up most often" in text
    assert "helped most: on average from" in text
    assert "Not enough data yet:" in text


def test_the_couples_circle_page_has_moments_to_show(demo: None) -> None:
    partners = Circle.objects.get(kind="partners")
    for email in ("alex@example.com", "sam@example.com"):
        person = Person.objects.get(email=email)
        insights = gather.for_circle(person, partners, "90d")
        balance = insights.balance
        assert balance.understanding >= 3
        assert balance.appreciations >= 3
        assert balance.needs_met >= 1
        assert balance.rituals_kept >= 4
        assert insights.rituals and "Sundays" in insights.rituals[0].label

        client = Client()
        client.force_login(person)
        response = client.get(f"/circles/{partners.pk}/insights/?period=90d")
        assert response.status_code == 200
        text = words_of(response)
        assert "positive moments" in text
        assert '<canvas id="chart-moments"' in response.content.decode()
