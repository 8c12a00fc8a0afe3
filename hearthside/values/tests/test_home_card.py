"""The Today page's values card: a revisit due or under way in one of my circles, and nothing
at all otherwise."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import TYPE_CHECKING

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearthside.values.models import Revisit, ValuesSettings
from hearthside.values.tests.conftest import World

if TYPE_CHECKING:
    from conftest import Personas


def card(people: Personas, persona: str) -> str:
    page = people.client(persona).get(reverse("home")).content.decode()
    start = page.find('class="card warm values-home"')
    return words_of(page[start : page.find("</section>", start)]) if start >= 0 else ""


def words_of(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(fragment)).split())


def test_a_revisit_under_way_invites_the_circle_to_join(people: Personas, world: World) -> None:
    for persona in ("alex", "sam"):
        text = card(people, persona)
        assert "A revisit is under way in Alex & Sam. Join in" in text
    assert card(people, "robin") == ""
    assert card(people, "olive") == ""


def test_a_revisit_that_is_due_shows_on_the_day(people: Personas) -> None:
    ValuesSettings.objects.create(
        circle=people.partners, every_months=3, next_due_on=date(2026, 3, 4)
    )

    assert "It's time for Alex & Sam to look at its values and goals again." in card(people, "sam")
    assert card(people, "robin") == ""


def test_nothing_shows_before_the_day_or_without_a_schedule(people: Personas) -> None:
    ValuesSettings.objects.create(
        circle=people.partners, every_months=3, next_due_on=date(2026, 3, 5)
    )
    ValuesSettings.objects.create(circle=people.friends, every_months=0, next_due_on=None)

    assert card(people, "alex") == ""
    assert "values-home" not in people.client("alex").get(reverse("home")).content.decode()


def test_once_under_way_it_says_join_in_rather_than_due(people: Personas) -> None:
    ValuesSettings.objects.create(
        circle=people.partners, every_months=3, next_due_on=date(2026, 3, 1)
    )
    Revisit.objects.create(circle=people.partners, started_by=people.alex)

    text = card(people, "sam")
    assert "under way" in text
    assert "It's time" not in text


def test_the_card_costs_two_queries(people: Personas, world: World) -> None:
    template = Template("{% load values_tags %}{% values_home %}")
    with CaptureQueriesContext(connection) as queries:
        rendered = template.render(Context({"user": people.alex}))
    assert len(queries) == 2
    assert "Join in" in rendered
