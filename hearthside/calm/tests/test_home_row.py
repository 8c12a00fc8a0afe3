"""The quiet one-tap row on the Today page: Breathe · Ground · Be kind to yourself."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from conftest import Personas

TAG = Template("{% load calm_tags %}{% calm_home %}")


def test_it_is_always_there_when_signed_in_and_asks_nothing_of_the_database(
    people: Personas, django_assert_num_queries: object
) -> None:
    with django_assert_num_queries(0):  # type: ignore[operator]
        row = TAG.render(Context({"user": people.olive}))

    assert '<nav class="calm-home" aria-label="Steady yourself">' in row
    assert '<a href="/calm/breathe/">Breathe</a>' in row
    assert '<a href="/calm/ground/">Ground</a>' in row
    assert '<a href="/calm/kindness/">Be kind to yourself</a>' in row


def test_it_is_the_same_row_for_everyone_whatever_they_used(people: Personas) -> None:
    from hearthside.calm import sessions

    before = TAG.render(Context({"user": people.alex}))
    sessions.start(people.alex, "breathe", distress_before=9)

    assert TAG.render(Context({"user": people.alex})) == before


def test_it_renders_nothing_for_a_visitor() -> None:
    assert TAG.render(Context({"user": AnonymousUser()})).strip() == ""


def test_the_today_page_places_the_row() -> None:
    from django.template.loader import get_template

    source = get_template("practice/home.html").template.source  # type: ignore[attr-defined]

    assert "{% calm_home %}" in source
