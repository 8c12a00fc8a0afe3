"""What needs and requests puts on Today: what waits for my answer, my own requests until
they're answered, proposed times still ahead, and "was it met?" once answered — for the two
people only, and nothing at all when there's nothing to say."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.needs import actions
from hearthside.needs.models import Request
from hearthside.needs.templatetags.needs_tags import home_lists
from hearthside.needs.tests.conftest import Asks

pytestmark = pytest.mark.usefixtures("third_member")


def today(people: Personas, persona: str) -> str:
    response = people.client(persona).get(reverse("home"))
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    match = re.search(r'<section aria-labelledby="needs-home-heading".*?</section>', body, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split()) if match else ""


def test_nothing_to_say_renders_nothing(people: Personas) -> None:
    assert today(people, "alex") == ""
    assert "needs-home" not in people.client("olive").get(reverse("home")).content.decode()


def test_a_request_waiting_for_me_and_mine_waiting_for_them(people: Personas, asks: Asks) -> None:
    sam = today(people, "sam")
    assert "Alex asked you for reassurance — answer when you're ready" in sam
    alex = today(people, "alex")
    assert "You asked Sam for reassurance — no answer yet" in alex
    assert "You asked Robin for something — no answer yet" in alex
    # Robin shares the circle, but the request isn't theirs.
    robin = today(people, "robin")
    assert "reassurance" not in robin
    assert "Alex asked you for something — answer when you're ready" in robin


def test_a_proposed_time_shows_on_both_pages(people: Personas, asks: Asks) -> None:
    saturday = timezone.now() + timedelta(days=3)
    actions.answer(people.sam, asks.alex_to_sam, response="not-now", proposed_for=saturday)
    when = timezone.localtime(saturday).strftime("%A %-d %B, %H:%M")
    assert f"Sam suggested {when} for what you asked (reassurance)" in today(people, "alex")
    assert f"You suggested {when} for what Alex asked (reassurance)" in today(people, "sam")
    assert "suggested" not in today(people, "robin")


def test_once_the_time_has_come_the_asker_is_asked_whether_it_was_met(
    people: Personas, asks: Asks
) -> None:
    actions.answer(
        people.sam,
        asks.alex_to_sam,
        response="not-now",
        proposed_for=timezone.now() - timedelta(hours=2),
    )
    assert "The time Sam suggested has come for what you asked (reassurance) — was it met?" in (
        today(people, "alex")
    )


def test_a_yes_asks_was_it_met_until_answered(people: Personas, asks: Asks) -> None:
    assert "Alex said yes to what you asked (practical help) — was it met?" in today(people, "sam")
    actions.mark_met(people.sam, asks.sam_to_alex, met="partly")
    assert "was it met" not in today(people, "sam")


def test_lets_talk_is_shown_to_the_asker(people: Personas, asks: Asks) -> None:
    actions.answer(people.sam, asks.alex_to_sam, response="talk")
    assert "Sam would like to talk about what you asked (reassurance)" in today(people, "alex")
    assert "Alex asked you for reassurance" not in today(people, "sam")


def test_old_answers_stop_asking_after_a_fortnight(people: Personas, asks: Asks) -> None:
    Request.objects.filter(pk=asks.sam_to_alex.pk).update(
        answered_at=timezone.now() - timedelta(days=15)
    )
    assert "was it met" not in today(people, "sam")


def test_withdrawn_requests_leave_both_pages(people: Personas, asks: Asks) -> None:
    actions.withdraw(people.alex, asks.alex_to_sam)
    assert "reassurance" not in today(people, "alex")
    assert "reassurance" not in today(people, "sam")


def test_it_costs_one_query(people: Personas, asks: Asks) -> None:
    for _ in range(10):
        Request.objects.create(
            author=people.alex, recipient=people.sam, circle=people.partners, kind="space", text="x"
        )
    with CaptureQueriesContext(connection) as queries:
        lists: dict[str, Any] = home_lists(people.sam)
    assert len(queries) == 1
    assert len(lists["waiting"]) == 5  # five at most per list
