"""Keeping a thank-you for hard days: only its recipient can, it works with and without htmx,
and its author never finds out — no page, fragment or API answer of theirs changes."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.api.tests.helpers import auth
from hearthside.circles.models import Membership
from hearthside.practice.models import Appreciation, Favourite

HX = {"HX-Request": "true"}


@pytest.fixture
def thanks(people: Personas) -> Appreciation:
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=30))
    return Appreciation.objects.create(
        author=people.sam,
        recipient=people.alex,
        circle=people.partners,
        text="SAM-THANKS-ALEX: you made space for me",
        acts=["made-space"],
        created_at=timezone.now() - timedelta(hours=2),
    )


def url(appreciation: Appreciation) -> str:
    return reverse("thanks_favourite", args=[appreciation.pk])


def kept(people: Personas) -> bool:
    return Favourite.objects.filter(person=people.alex).exists()


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_the_recipient_keeps_it_and_finds_it_under_favourites(
    people: Personas, thanks: Appreciation
) -> None:
    response = people.client("alex").post(url(thanks))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('thanks')}?show=received#thanks-{thanks.pk}"
    assert kept(people)
    favourites = page(people.client("alex").get(reverse("thanks") + "?show=favourites"))
    assert "SAM-THANKS-ALEX" in favourites
    assert "Kept for hard days" in favourites


def test_keeping_twice_is_the_same_as_once_and_undo_lets_it_go(
    people: Personas, thanks: Appreciation
) -> None:
    client = people.client("alex")
    client.post(url(thanks))
    client.post(url(thanks))
    assert Favourite.objects.count() == 1

    response = client.post(url(thanks), {"undo": "1", "show": "favourites"}, follow=True)

    assert not kept(people)
    assert "No longer kept for hard days." in page(response)
    assert response.redirect_chain[-1][0].startswith(reverse("thanks") + "?show=favourites")
    assert "SAM-THANKS-ALEX" not in page(client.get(reverse("thanks") + "?show=favourites"))


def test_with_htmx_it_swaps_just_that_thank_you_and_announces_it(
    people: Personas, thanks: Appreciation
) -> None:
    response = people.client("alex").post(url(thanks), headers=HX)

    text = page(response)
    assert response.status_code == 200
    assert text.lstrip().startswith("<article")
    assert f'id="thanks-{thanks.pk}"' in text
    assert 'aria-pressed="true"' in text
    assert 'name="undo"' in text
    assert "<html" not in text
    assert re.search(r'id="thanks-status" hx-swap-oob="innerHTML">Kept for hard days', text)

    undone = page(people.client("alex").post(url(thanks), {"undo": "1"}, headers=HX))
    assert 'aria-pressed="false"' in undone
    assert "No longer kept for hard days." in undone


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_nobody_else_can_keep_it_not_even_its_author(
    people: Personas, thanks: Appreciation, persona: str
) -> None:
    for data in ({}, {"undo": "1"}):
        response = people.client(persona).post(url(thanks), data, headers=HX)
        assert response.status_code == 404
        assert "SAM-THANKS-ALEX" not in page(response)
    assert not Favourite.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, thanks: Appreciation) -> None:
    response = people.client("anonymous").post(url(thanks))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Favourite.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_only_answers_post(people: Personas, thanks: Appreciation, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(thanks)).status_code == 405


def test_a_thank_you_that_is_no_longer_visible_cannot_be_kept(
    people: Personas, thanks: Appreciation
) -> None:
    Membership.objects.filter(person=people.sam).update(left_at=timezone.now())
    assert people.client("alex").post(url(thanks)).status_code == 404
    assert people.client("alex").post(reverse("thanks_favourite", args=[999999])).status_code == 404
    assert not Favourite.objects.exists()


# --- No read receipts ------------------------------------------------------------------------

CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def _normalised(response: Any) -> str:
    # The CSRF token is masked afresh on every render; everything else must be identical.
    return CSRF.sub(r"\1…", response.content.decode())


def _what_sam_sees(people: Personas, thanks: Appreciation) -> dict[str, str]:
    sam = people.client("sam")
    pages = {
        path: _normalised(sam.get(path))
        for path in (
            reverse("home"),
            reverse("thanks"),
            reverse("thanks") + "?show=sent",
            reverse("thanks") + "?show=favourites",
            reverse("circle", args=[people.partners.pk]),
        )
    }
    api = Client()
    headers = auth(people.sam)
    for path in ("/api/v1/appreciations/sent", "/api/v1/appreciations/received"):
        pages[path] = api.get(path, **headers).content.decode()
    return pages


def test_the_author_never_learns_it_was_kept(people: Personas, thanks: Appreciation) -> None:
    before = _what_sam_sees(people, thanks)
    assert "SAM-THANKS-ALEX" in before[reverse("thanks") + "?show=sent"]
    assert "SAM-THANKS-ALEX" in before["/api/v1/appreciations/sent"]

    people.client("alex").post(url(thanks), headers=HX)
    assert kept(people)

    assert _what_sam_sees(people, thanks) == before
