"""The toolkit page: the three tools, and "what helps me" from my own ratings only."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from conftest import Personas
from hearthside.calm.models import CalmSession
from hearthside.calm.tests.conftest import main_of


def rated(person: Any, tool: str, *pairs: tuple[int, int], pattern: str = "") -> None:
    for before, after in pairs:
        CalmSession.objects.create(
            author=person,
            tool=tool,
            pattern=pattern,
            distress_before=before,
            distress_after=after,
            finished_at=timezone.now(),
        )


def helps_section(people: Personas, persona: str) -> str:
    page = main_of(people.client(persona).get("/calm/"))
    return page.split('id="helps-heading"', 1)[1].split("</section>", 1)[0]


def test_it_offers_the_three_tools_one_tap_each(people: Personas) -> None:
    page = main_of(people.client("olive").get("/calm/"))

    assert "<h1>Find your calm</h1>" in page
    assert '<h2><a href="/calm/breathe/">Breathe</a></h2>' in page
    assert '<h2><a href="/calm/ground/">Ground yourself</a></h2>' in page
    assert '<h2><a href="/calm/kindness/">Be kind to yourself</a></h2>' in page
    for key in ("box", "4-7-8", "resonant"):
        assert f'href="/calm/breathe/{key}/"' in page


def test_before_any_ratings_it_says_nothing_is_rated_yet(people: Personas) -> None:
    section = helps_section(people, "olive")

    assert section.count("Nothing rated yet.") == 3
    assert "Only you" in section


def test_below_three_rated_sessions_it_is_not_enough_yet(people: Personas) -> None:
    rated(people.alex, "breathe", (7, 4), (6, 4), pattern="box")

    section = helps_section(people, "alex")

    assert "Not enough yet: 2 rated sessions so far." in section


def test_three_rated_sessions_show_the_average_drop(people: Personas) -> None:
    rated(people.alex, "breathe", (7, 4), (6, 4), (8, 6), pattern="box")
    rated(people.alex, "kindness", (5, 5), (5, 5), (6, 6))
    rated(people.alex, "ground", (4, 6), (4, 6), (5, 6))

    section = helps_section(people, "alex")

    assert "Usually helps: on average it eased by 2.3, over 3 rated sessions." in section
    assert "About the same before and after, over 3 rated sessions." in section
    assert "On average it rose by 1.7, over 3 rated sessions." in section


def test_sessions_without_both_numbers_do_not_count(people: Personas) -> None:
    rated(people.alex, "ground", (7, 4))
    CalmSession.objects.create(author=people.alex, tool="ground", distress_before=8)
    CalmSession.objects.create(author=people.alex, tool="ground")

    assert "Not enough yet: 1 rated session so far." in helps_section(people, "alex")


def test_lately_lists_my_recent_sessions_with_their_numbers(people: Personas) -> None:
    rated(people.alex, "breathe", (7, 4), pattern="4-7-8")
    CalmSession.objects.create(author=people.alex, tool="kindness", distress_before=6)

    page = main_of(people.client("alex").get("/calm/"))

    assert "Breathe: 4-7-8 breathing" in page
    assert "before 7 → after 4" in page
    assert "before 6 → after \u2013" in page  # an en dash: no number
    assert "left part-way" in page


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_nobody_else_sees_my_sessions_or_my_summary(people: Personas, persona: str) -> None:
    rated(people.alex, "breathe", (9, 2), (9, 2), (9, 2), pattern="box")

    page = main_of(people.client(persona).get("/calm/"))

    assert "Lately" not in page
    assert "eased by" not in page
    assert page.count("Nothing rated yet.") == 3
    assert "/calm/sessions/" not in page


def test_the_page_is_for_signed_in_people_only(people: Personas) -> None:
    response = people.client("anonymous").get("/calm/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)("/calm/").status_code == 405


def test_it_reads_only_a_few_queries_however_many_sessions(
    people: Personas, django_assert_max_num_queries: object
) -> None:
    rated(people.alex, "breathe", *[(7, 4)] * 40, pattern="box")
    client = people.client("alex")
    client.get("/calm/")  # warm the session and the person

    with django_assert_max_num_queries(6):  # type: ignore[operator]
        assert client.get("/calm/").status_code == 200
