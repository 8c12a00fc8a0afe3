"""The "Thank-yous for you" block on Today: the latest thank-yous to me with the small acts
noticed, a way to all of them, and — on a hard day — one I kept for days like this."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.practice.models import Appreciation, CheckIn, Favourite


def section(people: Personas, persona: str) -> str:
    response = people.client(persona).get(reverse("home"))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    match = re.search(r'<section aria-labelledby="thanks-heading".*?</section>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split()) if match else ""


@pytest.fixture
def kept(people: Personas) -> Appreciation:
    """Sam's thank-you from last month, which Alex kept, and three newer ones."""
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=60))
    old = Appreciation.objects.create(
        author=people.sam,
        recipient=people.alex,
        circle=people.partners,
        text="KEPT: you drove me to the hospital",
        acts=["showed-up"],
        created_at=timezone.now() - timedelta(days=30),
    )
    Favourite.objects.create(person=people.alex, appreciation=old)
    for n in range(3):
        Appreciation.objects.create(
            author=people.robin,
            recipient=people.alex,
            circle=people.friends,
            text=f"NEWER {n}",
            created_at=timezone.now() - timedelta(days=n + 1),
        )
    return old


def test_it_shows_the_small_acts_and_links_to_all_thank_yous(people: Personas) -> None:
    Appreciation.objects.create(
        author=people.sam,
        recipient=people.alex,
        circle=people.partners,
        acts=["followed-through", "made-me-laugh"],
    )
    block = section(people, "alex")
    assert "Thank-yous for you" in block
    assert "You followed through You made me laugh — Sam" in block
    assert "All your thank-yous" in block
    for other in ("sam", "robin", "olive"):
        assert "You followed through" not in section(people, other)


def test_nothing_to_say_means_no_block(people: Personas) -> None:
    assert section(people, "alex") == ""


def test_an_ordinary_day_shows_the_latest_only(people: Personas, kept: Appreciation) -> None:
    CheckIn.objects.create(author=people.alex, mood=4)
    block = section(people, "alex")
    assert "NEWER 0" in block and "NEWER 2" in block
    assert "KEPT" not in block
    assert "One you kept" not in block


@pytest.mark.parametrize("mood", [1, 2])
def test_a_hard_day_brings_back_one_i_kept(people: Personas, kept: Appreciation, mood: int) -> None:
    CheckIn.objects.create(author=people.alex, mood=mood, note="rough")
    block = section(people, "alex")
    assert "One you kept, for a day like this You showed up for me" in block
    assert "KEPT: you drove me to the hospital — Sam" in block
    assert "NEWER 0" in block


def test_a_hard_day_yesterday_has_passed(people: Personas, kept: Appreciation) -> None:
    CheckIn.objects.create(
        author=people.alex, mood=1, created_at=timezone.now() - timedelta(days=1)
    )
    assert "KEPT" not in section(people, "alex")


def test_only_the_person_who_kept_it_is_shown_it(people: Personas, kept: Appreciation) -> None:
    # Sam, its author, has a hard day too: nothing of Alex's keeping reaches Sam's page.
    CheckIn.objects.create(author=people.sam, mood=1)
    CheckIn.objects.create(author=people.alex, mood=1)
    assert "KEPT" not in section(people, "sam")
    assert "One you kept" not in section(people, "sam")


def test_a_kept_thank_you_from_someone_who_left_stays_hidden(
    people: Personas, kept: Appreciation
) -> None:
    Membership.objects.filter(person=people.sam, circle=people.partners).update(
        left_at=timezone.now()
    )
    CheckIn.objects.create(author=people.alex, mood=1)
    assert "KEPT" not in section(people, "alex")
