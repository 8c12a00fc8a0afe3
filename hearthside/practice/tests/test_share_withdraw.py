"""Taking a share back: afterwards only its author sees it and its replies."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import CURRENT_TIME, Entries, Personas
from hearthside.practice.models import Share


def url(share: Any) -> str:
    return reverse("share_withdraw", args=[share.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def withdrawn_at(share: Any) -> Any:
    return Share.objects.get(pk=share.pk).withdrawn_at


def test_the_author_withdraws_a_share(people: Personas, entries: Entries) -> None:
    share = entries.alex_share_partners

    response = people.client("alex").post(url(share), follow=True)

    assert response.redirect_chain == [(reverse("journal"), 302)]
    assert "Withdrawn. Only you can see it now." in text_of(response)
    assert withdrawn_at(share) == CURRENT_TIME


def test_the_journal_marks_it_withdrawn(people: Personas, entries: Entries) -> None:
    response = people.client("alex").post(url(entries.alex_share_partners), follow=True)

    assert "shared with Alex & Sam · withdrawn" in text_of(response)


def test_after_withdrawing_my_partner_can_no_longer_open_it(
    people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    people.client("alex").post(url(share))

    sam = people.client("sam")
    assert sam.get(reverse("share", args=[share.pk])).status_code == 404
    for page in (reverse("home"), reverse("circle", args=[people.partners.pk])):
        words = text_of(sam.get(page))
        assert "Alex to partners" not in words
        assert "Sam hears: it's heavy" not in words


def test_the_author_still_sees_it_and_its_replies(people: Personas, entries: Entries) -> None:
    share = entries.alex_share_partners
    people.client("alex").post(url(share))

    page = text_of(people.client("alex").get(reverse("share", args=[share.pk])))

    assert "Withdrawn — only you can see this" in page
    assert "Alex to partners: work is heavy this week" in page
    assert "Sam hears: it's heavy" in page


def test_withdrawing_twice_keeps_the_first_moment(people: Personas, entries: Entries) -> None:
    share = entries.alex_share_partners
    people.client("alex").post(url(share))

    with time_machine.travel(CURRENT_TIME + timedelta(hours=2), tick=False):
        response = people.client("alex").post(url(share))

    assert response.status_code == 302
    assert withdrawn_at(share) == CURRENT_TIME


@pytest.mark.parametrize(
    ("persona", "share"),
    [
        ("sam", "alex_share_partners"),  # my partner can see it, but it isn't theirs
        ("alex", "sam_share_partners"),
        ("robin", "alex_share_friends"),  # Robin replied to it, still not Robin's
        ("robin", "alex_share_partners"),
        ("olive", "alex_share_partners"),
    ],
)
def test_only_the_author_can_withdraw(
    people: Personas, entries: Entries, persona: str, share: str
) -> None:
    target = getattr(entries, share)
    client = people.client(persona)

    response = client.post(url(target))
    missing = client.post(reverse("share_withdraw", args=[987_654]))

    assert response.status_code == 404
    assert response.content == missing.content
    assert withdrawn_at(target) is None


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, entries: Entries) -> None:
    target = url(entries.alex_share_partners)

    response = people.client("anonymous").post(target)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert withdrawn_at(entries.alex_share_partners) is None


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_only_answers_post(people: Personas, entries: Entries, method: str) -> None:
    response = getattr(people.client("alex"), method)(url(entries.alex_share_partners))

    assert response.status_code == 405
    assert withdrawn_at(entries.alex_share_partners) is None
