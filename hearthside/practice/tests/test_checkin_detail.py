"""One check-in, shown to its author and to nobody else."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Entries, Personas
from hearthside.practice.models import CheckIn, Share


def url(checkin: Any) -> str:
    return reverse("checkin", args=[checkin.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_the_author_sees_everything_they_noted(people: Personas) -> None:
    checkin = CheckIn.objects.create(
        author=people.alex,
        mood=2,
        energy=4,
        feelings=["anxious", "tired"],
        body_signals=["tight-chest"],
        needs=["rest"],
        situation="Big week at work",
        note="Alex's private note",
    )

    response = people.client("alex").get(url(checkin))

    assert response.status_code == 200
    page = text_of(response)
    assert "Private to you" in page
    for shown in ("Low", "Lively", "anxious", "tired", "tight chest", "rest", "Big week at work"):
        assert shown in page
    assert "Alex's private note" in page
    assert f"{reverse('share_new')}?checkin={checkin.pk}" in page


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_nobody_else_can_open_it_not_even_my_partner(
    people: Personas, entries: Entries, persona: str
) -> None:
    response = people.client(persona).get(url(entries.alex_private_checkin))

    assert response.status_code == 404
    assert "Alex's private note" not in text_of(response)


def test_a_hidden_check_in_looks_exactly_like_one_that_does_not_exist(
    people: Personas, entries: Entries
) -> None:
    sam = people.client("sam")

    hidden = sam.get(url(entries.alex_private_checkin))
    missing = sam.get(reverse("checkin", args=[987_654]))

    assert (hidden.status_code, hidden.content) == (missing.status_code, missing.content)


def test_a_check_in_made_into_a_share_stays_private(people: Personas, entries: Entries) -> None:
    # Alex shared from this check-in with the partners circle; the check-in itself stays Alex's.
    assert entries.alex_share_partners.checkin == entries.alex_private_checkin

    assert people.client("sam").get(url(entries.alex_private_checkin)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, entries: Entries) -> None:
    target = url(entries.alex_private_checkin)

    response = people.client("anonymous").get(target)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, entries: Entries, method: str) -> None:
    response = getattr(people.client("alex"), method)(url(entries.alex_private_checkin))
    assert response.status_code == 405


def test_it_lists_where_i_shared_it(people: Personas, entries: Entries) -> None:
    page = text_of(people.client("alex").get(url(entries.alex_private_checkin)))

    assert "Shared with" in page
    assert "Alex & Sam" in page
    assert reverse("share", args=[entries.alex_share_partners.pk]) in page


def test_it_marks_a_share_i_withdrew(people: Personas, entries: Entries) -> None:
    Share.objects.filter(pk=entries.alex_share_partners.pk).update(withdrawn_at=timezone.now())

    page = text_of(people.client("alex").get(url(entries.alex_private_checkin)))

    assert "(withdrawn)" in page


def test_a_check_in_never_shared_says_nothing_about_sharing(people: Personas) -> None:
    checkin = CheckIn.objects.create(author=people.sam, mood=3)

    page = text_of(people.client("sam").get(url(checkin)))

    assert "Shared with" not in page
    assert "Share a small truth from this" in page
