"""The list of ruptures: open ones first, each with its status, how long the repair took, and
ruptures linked into recurring patterns — only ever the ruptures of my own circles."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.repair import actions
from hearthside.repair.models import Rupture

URL = reverse("ruptures")


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def close(rupture: Rupture, opened_days_ago: int, closed_days_ago: int) -> Rupture:
    now = timezone.now()
    rupture.created_at = now - timedelta(days=opened_days_ago)
    rupture.happened_at = rupture.created_at
    rupture.closed_at = now - timedelta(days=closed_days_ago)
    rupture.status = Rupture.Status.CLOSED
    rupture.save()
    return rupture


@pytest.fixture(autouse=True)
def _circles_of_long_standing(people: Personas) -> None:
    """Everyone joined their circles long ago, so backdated ruptures are theirs to see (a
    person sees only what was shared after they joined)."""
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=365))


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_only_answers_get(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_a_member_sees_the_ruptures_of_their_circles(people: Personas) -> None:
    rupture = actions.open_rupture(people.alex, people.partners, "The Saturday plans")

    response = people.client("sam").get(URL)

    assert response.status_code == 200
    page = text_of(response)
    assert "The Saturday plans" in page
    assert reverse("rupture", args=[rupture.pk]) in page
    assert "Repairing" in page
    assert "Alex & Sam" in page


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_never_see_its_ruptures(people: Personas, persona: str) -> None:
    actions.open_rupture(people.alex, people.partners, "The Saturday plans")

    page = text_of(people.client(persona).get(URL))

    assert "The Saturday plans" not in page
    assert "Nothing open right now." in page


def test_robin_sees_the_friends_rupture_but_not_the_partners_one(people: Personas) -> None:
    actions.open_rupture(people.alex, people.partners, "The Saturday plans")
    actions.open_rupture(people.alex, people.friends, "The climbing trip")

    page = text_of(people.client("robin").get(URL))

    assert "The climbing trip" in page
    assert "The Saturday plans" not in page


def test_open_ruptures_come_before_mended_ones(people: Personas) -> None:
    close(actions.open_rupture(people.alex, people.partners, "An old one"), 5, 3)
    actions.open_rupture(people.sam, people.partners, "A fresh one")

    page = text_of(people.client("alex").get(URL))

    assert page.index("A fresh one") < page.index("An old one")
    assert page.index("Still mending") < page.index("A fresh one") < page.index("Mended")


def test_a_mended_rupture_shows_how_long_the_repair_took(people: Personas) -> None:
    close(actions.open_rupture(people.alex, people.partners, "The Saturday plans"), 3, 1)

    page = text_of(people.client("sam").get(URL))

    assert "Repaired" in page
    assert "mended in 2\xa0days" in page


def test_an_open_rupture_shows_how_long_it_has_been_open(people: Personas) -> None:
    rupture = actions.open_rupture(people.alex, people.partners, "The Saturday plans")
    Rupture.objects.filter(pk=rupture.pk).update(created_at=timezone.now() - timedelta(hours=5))

    page = text_of(people.client("sam").get(URL))

    assert "open for 5\xa0hours" in page


def test_linked_ruptures_show_as_a_recurring_pattern(people: Personas) -> None:
    first = close(actions.open_rupture(people.alex, people.partners, "Dishes"), 30, 28)
    second = close(
        actions.open_rupture(people.sam, people.partners, "Dishes, again", linked_to=first), 10, 9
    )
    actions.open_rupture(people.alex, people.partners, "Dishes, third time", linked_to=second)
    actions.open_rupture(people.alex, people.partners, "Something else")

    page = text_of(people.client("sam").get(URL))

    assert "Patterns" in page
    assert "“Dishes” has come up 3 times" in page
    assert "Repeats “Dishes, again”" in page
    assert "Repeats “Dishes”" in page
    assert "“Something else” has come up" not in page


def test_a_link_to_a_rupture_from_before_i_joined_is_not_named(people: Personas) -> None:
    earlier = actions.open_rupture(people.alex, people.friends, "Before Robin's time")
    Rupture.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - timedelta(days=400))
    actions.open_rupture(people.alex, people.friends, "The climbing trip", linked_to=earlier)

    page = text_of(people.client("robin").get(URL))

    assert "The climbing trip" in page
    assert "Before Robin's time" not in page
    assert "Patterns" not in page


def test_with_no_circle_the_page_says_where_repairs_happen(people: Personas) -> None:
    page = text_of(people.client("olive").get(URL))

    assert "Repairs happen inside a circle, and you're not in one yet." in page
    assert reverse("rupture_new") not in page
