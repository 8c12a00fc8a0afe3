"""`{% stress_home %}` on the Today page: the "I'm stretched thin" button, the others' open
signals answerable in place, and my own signal with the offers that came in — for the people
in the circle, and nobody else."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hearthside.stress.models import Signal
from hearthside.stress.templatetags.stress_tags import stress_home
from hearthside.stress.tests.conftest import Plan

if TYPE_CHECKING:
    from conftest import Personas


def today(people: Personas, persona: str) -> str:
    response = people.client(persona).get(reverse("home"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def card(page: str) -> str:
    match = re.search(r'<section aria-labelledby="stress-heading".*?</section>', page, re.S)
    return match.group(0) if match else ""


def words(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", markup).split())


def test_the_button_is_one_tap_from_today(people: Personas) -> None:
    section = card(today(people, "sam"))
    assert "Stretched thin?" in section
    assert f'href="{reverse("stress_signal_new")}"' in section
    assert "I'm stretched thin" in section


def test_nothing_for_someone_with_no_circle(people: Personas) -> None:
    assert card(today(people, "olive")) == ""


def test_sam_sees_alexs_signal_and_can_answer_right_there(people: Personas, plan: Plan) -> None:
    section = card(today(people, "sam"))
    assert "Someone could use a hand" in section
    assert "Alex is stretched thin" in section
    assert "A meal sorted" in section and "Some quiet time" in section
    assert "ALEX-SIGNAL: too many plates spinning" in section
    assert f'hx-post="{reverse("stress_offer_new", args=[plan.signal.pk])}"' in section
    assert "I'll take dinner tonight" in section
    # Sam's own earlier offer is there, so nobody offers twice by accident.
    assert "You offered: I'll take dinner tonight — SAM-OFFER: curry at seven" in section


def test_robin_never_sees_the_partners_signal(people: Personas, plan: Plan) -> None:
    page = today(people, "robin")
    assert "ALEX-SIGNAL" not in page
    assert "Alex is stretched thin" not in page
    # Robin's own signal is there, as Robin's.
    assert "You told Climbing friends." in card(page)


def test_alex_sees_the_offers_on_their_own_signal(people: Personas, plan: Plan) -> None:
    section = card(today(people, "alex"))
    assert "You said you're stretched thin" not in section  # the heading goes to Robin's signal
    assert "Robin is stretched thin" in section
    assert "You told Alex & Sam." in section
    assert "1 offer so far:" in section
    assert "Sam: I'll take dinner tonight — SAM-OFFER: curry at seven" in words(section)
    assert reverse("stress_signal", args=[plan.signal.pk]) in section


def test_a_closed_signal_leaves_today(people: Personas, plan: Plan) -> None:
    Signal.objects.filter(pk=plan.signal.pk).update(closed_at=timezone.now())
    assert "Alex is stretched thin" not in today(people, "sam")


def test_an_old_open_signal_makes_way_after_a_week(people: Personas, plan: Plan) -> None:
    Signal.objects.filter(pk=plan.signal.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert "ALEX-SIGNAL" not in today(people, "sam")


def test_it_costs_a_few_queries_however_many_signals(people: Personas, plan: Plan) -> None:
    for _ in range(6):
        Signal.objects.create(author=people.robin, circle=people.friends, helps=["hug"])

    class Context(dict[str, object]):
        pass

    with CaptureQueriesContext(connection) as queries:
        result = stress_home(Context(user=people.alex))  # type: ignore[arg-type]
    assert len(result["others"]) == 5
    assert len(queries) == 3
