"""Saying "I felt heard": the sharer marks the reply that helped, and may take it back."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from conftest import CURRENT_TIME, Entries, Personas
from hearthside.practice.models import Reply

HX = {"HX-Request": "true"}


def url(reply: Any) -> str:
    return reverse("reply_heard", args=[reply.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def heard_at(reply: Any) -> Any:
    return Reply.objects.get(pk=reply.pk).felt_heard_at


def test_the_sharer_marks_a_reply_and_is_offered_a_thank_you(
    people: Personas, entries: Entries
) -> None:
    reply = entries.sam_reply

    response = people.client("alex").post(url(reply))

    assert response.status_code == 302
    assert response["Location"] == reverse("reply_thank", args=[reply.pk])
    assert heard_at(reply) == CURRENT_TIME


def test_marking_it_again_keeps_the_first_moment(people: Personas, entries: Entries) -> None:
    reply = entries.sam_reply
    people.client("alex").post(url(reply))

    with time_machine.travel(CURRENT_TIME + timedelta(days=1), tick=False):
        people.client("alex").post(url(reply))

    assert heard_at(reply) == CURRENT_TIME


def test_undo_takes_it_back(people: Personas, entries: Entries) -> None:
    reply = entries.sam_reply
    people.client("alex").post(url(reply))

    response = people.client("alex").post(url(reply), {"undo": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("share", args=[entries.alex_share_partners.pk])
    assert heard_at(reply) is None


def test_the_listener_sees_that_the_sharer_felt_heard(people: Personas, entries: Entries) -> None:
    people.client("alex").post(url(entries.sam_reply))

    page = text_of(
        people.client("sam").get(reverse("share", args=[entries.alex_share_partners.pk]))
    )

    assert "Alex felt heard" in page


def test_htmx_gets_back_the_reply_with_its_new_state(people: Personas, entries: Entries) -> None:
    reply = entries.sam_reply

    response = people.client("alex").post(url(reply), headers=HX)

    assert response.status_code == 200
    page = text_of(response)
    assert "<html" not in page
    assert f'id="reply-{reply.pk}"' in page
    assert "Sam hears: it's heavy" in page
    assert "You felt heard" in page
    assert "Say thank you to Sam" in page
    assert heard_at(reply) == CURRENT_TIME


def test_htmx_undo_gets_back_the_felt_heard_button(people: Personas, entries: Entries) -> None:
    reply = entries.sam_reply
    Reply.objects.filter(pk=reply.pk).update(felt_heard_at=timezone.now())

    response = people.client("alex").post(url(reply), {"undo": "1"}, headers=HX)

    assert response.status_code == 200
    page = text_of(response)
    assert "I felt heard" in page
    assert "You felt heard" not in page
    assert heard_at(reply) is None


@pytest.mark.parametrize(
    ("persona", "reply"),
    [
        ("sam", "sam_reply"),  # the listener cannot mark their own reply
        ("robin", "sam_reply"),
        ("olive", "sam_reply"),
        ("sam", "robin_reply"),
        ("robin", "robin_reply"),
    ],
)
def test_only_the_sharer_can_say_they_felt_heard(
    people: Personas, entries: Entries, persona: str, reply: str
) -> None:
    target = getattr(entries, reply)
    client = people.client(persona)

    response = client.post(url(target))
    missing = client.post(reverse("reply_heard", args=[987_654]))

    assert response.status_code == 404
    assert response.content == missing.content
    assert heard_at(target) is None


def test_nobody_else_can_undo_it_either(people: Personas, entries: Entries) -> None:
    reply = entries.sam_reply
    Reply.objects.filter(pk=reply.pk).update(felt_heard_at=timezone.now())

    response = people.client("sam").post(url(reply), {"undo": "1"})

    assert response.status_code == 404
    assert heard_at(reply) is not None


def test_a_reply_from_someone_who_left_cannot_be_marked(people: Personas, entries: Entries) -> None:
    people.client("robin").post(reverse("circle_leave", args=[people.friends.pk]))

    response = people.client("alex").post(url(entries.robin_reply))

    assert response.status_code == 404
    assert heard_at(entries.robin_reply) is None


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, entries: Entries) -> None:
    target = url(entries.sam_reply)

    response = people.client("anonymous").post(target)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert heard_at(entries.sam_reply) is None


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_only_answers_post(people: Personas, entries: Entries, method: str) -> None:
    response = getattr(people.client("alex"), method)(url(entries.sam_reply))

    assert response.status_code == 405
    assert heard_at(entries.sam_reply) is None
