"""Listening replies, "I felt heard" and thank-yous through the API."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from conftest import CURRENT_TIME
from hearthside.api.tests.helpers import auth
from hearthside.circles.models import Membership
from hearthside.practice.models import Appreciation, Reply

if TYPE_CHECKING:
    from conftest import Entries, Personas

API = "/api/v1"


def post(client: Client, person: Any, path: str, payload: Any = None) -> Any:
    return client.post(API + path, payload or {}, "application/json", **auth(person))


def delete(client: Client, person: Any, path: str) -> Any:
    return client.delete(API + path, **auth(person))


def replies_url(share: Any) -> str:
    return f"/shares/{share.pk}/replies"


def heard_url(reply: Any) -> str:
    return f"/replies/{reply.pk}/felt-heard"


def thanks_url(reply: Any) -> str:
    return f"/replies/{reply.pk}/thanks"


def withdraw(share: Any) -> None:
    share.withdrawn_at = timezone.now()
    share.save(update_fields=["withdrawn_at"])


# Replying


def test_a_circle_member_can_reply_to_a_share(
    client: Client, people: Personas, entries: Entries
) -> None:
    share = entries.sam_share_partners
    response = post(
        client,
        people.alex,
        replies_url(share),
        {"reflect": "  You loved Sunday  ", "question": "What was the best bit?"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["share_id"] == share.pk
    assert body["author"] == {"id": people.alex.pk, "name": "Alex"}
    assert body["reflect"] == "You loved Sunday"
    assert body["validation"] == ""
    assert body["question"] == "What was the best bit?"
    assert body["felt_heard_at"] is None
    reply = Reply.objects.get(pk=body["id"])
    assert (reply.share, reply.author, reply.created_at) == (share, people.alex, CURRENT_TIME)
    # The sharer sees it in the thread.
    thread = client.get(API + replies_url(share), **auth(people.sam)).json()
    assert [r["id"] for r in thread] == [reply.pk]


def test_replying_to_my_own_share_is_a_conflict(
    client: Client, people: Personas, entries: Entries
) -> None:
    response = post(
        client, people.alex, replies_url(entries.alex_share_partners), {"reflect": "Me"}
    )
    assert response.status_code == 409
    assert response.json()["detail"]
    assert not Reply.objects.filter(author=people.alex).exists()


def test_replying_to_a_withdrawn_share_is_not_found_for_others(
    client: Client, people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    withdraw(share)
    response = post(client, people.sam, replies_url(share), {"reflect": "Still here"})
    assert response.status_code == 404
    assert Reply.objects.filter(share=share).count() == 1


def test_replying_to_my_own_withdrawn_share_is_still_a_conflict(
    client: Client, people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    withdraw(share)
    assert post(client, people.alex, replies_url(share), {"reflect": "Me"}).status_code == 409


@pytest.mark.parametrize(
    ("persona", "share"),
    [
        ("robin", "alex_share_partners"),
        ("olive", "alex_share_partners"),
        ("sam", "alex_share_friends"),
    ],
)
def test_replying_to_a_share_i_cannot_see_is_not_found(
    client: Client, people: Personas, entries: Entries, persona: str, share: str
) -> None:
    target = getattr(entries, share)
    response = post(client, getattr(people, persona), replies_url(target), {"reflect": "Hi"})
    assert response.status_code == 404
    assert not Reply.objects.filter(author=getattr(people, persona), share=target).exists()


@pytest.mark.parametrize(
    "payload",
    [{}, {"reflect": "", "validation": "", "question": ""}, {"reflect": "  ", "question": "\n"}],
    ids=["empty", "blank", "only-spaces"],
)
def test_an_empty_reply_is_refused_with_a_clear_message(
    client: Client, people: Personas, entries: Entries, payload: dict[str, str]
) -> None:
    response = post(client, people.alex, replies_url(entries.sam_share_partners), payload)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Write at least one part: reflect, validation or question."
    }
    assert not Reply.objects.filter(author=people.alex).exists()


@pytest.mark.parametrize(
    "payload",
    [{"reflect": "x" * 5001}, {"validation": "x" * 5001}, {"question": "x" * 2001}],
    ids=["long-reflect", "long-validation", "long-question"],
)
def test_an_overlong_reply_is_refused(
    client: Client, people: Personas, entries: Entries, payload: dict[str, str]
) -> None:
    response = post(client, people.alex, replies_url(entries.sam_share_partners), payload)
    assert response.status_code == 422
    assert not Reply.objects.filter(author=people.alex).exists()


def test_the_thread_hides_replies_from_people_who_left_the_circle(
    client: Client, people: Personas, entries: Entries
) -> None:
    Membership.objects.filter(person=people.sam, circle=people.partners).update(
        left_at=timezone.now()
    )
    share = entries.alex_share_partners
    response = client.get(API + replies_url(share), **auth(people.alex))
    assert response.status_code == 200
    assert response.json() == []
    assert (
        "Sam hears"
        not in client.get(f"{API}/shares/{share.pk}", **auth(people.alex)).content.decode()
    )


# Felt heard


def test_the_sharer_can_say_a_reply_made_them_feel_heard(
    client: Client, people: Personas, entries: Entries
) -> None:
    response = post(client, people.alex, heard_url(entries.sam_reply))
    assert response.status_code == 200
    assert response.json()["felt_heard_at"].startswith("2026-03-04T10:30:00")
    entries.sam_reply.refresh_from_db()
    assert entries.sam_reply.felt_heard_at == CURRENT_TIME


def test_saying_felt_heard_twice_keeps_the_first_moment(
    client: Client, people: Personas, entries: Entries
) -> None:
    post(client, people.alex, heard_url(entries.sam_reply))
    with time_machine.travel(CURRENT_TIME + timedelta(hours=2), tick=False):
        assert post(client, people.alex, heard_url(entries.sam_reply)).status_code == 200
    entries.sam_reply.refresh_from_db()
    assert entries.sam_reply.felt_heard_at == CURRENT_TIME


def test_the_listener_cannot_mark_their_own_reply_as_heard(
    client: Client, people: Personas, entries: Entries
) -> None:
    # Sam can see the reply (Sam wrote it), so this is a refusal, not a secret.
    response = post(client, people.sam, heard_url(entries.sam_reply))
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the person who shared can say they felt heard."}
    entries.sam_reply.refresh_from_db()
    assert entries.sam_reply.felt_heard_at is None


@pytest.mark.parametrize(
    ("persona", "reply"),
    [
        ("robin", "sam_reply"),
        ("olive", "sam_reply"),
        ("sam", "robin_reply"),
        ("olive", "robin_reply"),
    ],
)
def test_felt_heard_on_a_reply_i_cannot_see_is_not_found(
    client: Client, people: Personas, entries: Entries, persona: str, reply: str
) -> None:
    target = getattr(entries, reply)
    assert post(client, getattr(people, persona), heard_url(target)).status_code == 404
    assert delete(client, getattr(people, persona), heard_url(target)).status_code == 404
    target.refresh_from_db()
    assert target.felt_heard_at is None


def test_the_sharer_can_take_back_felt_heard(
    client: Client, people: Personas, entries: Entries
) -> None:
    reply = entries.robin_reply
    post(client, people.alex, heard_url(reply))
    response = delete(client, people.alex, heard_url(reply))
    assert response.status_code == 200
    assert response.json()["felt_heard_at"] is None
    reply.refresh_from_db()
    assert reply.felt_heard_at is None


def test_only_the_sharer_can_take_back_felt_heard(
    client: Client, people: Personas, entries: Entries
) -> None:
    reply = entries.robin_reply
    post(client, people.alex, heard_url(reply))
    response = delete(client, people.robin, heard_url(reply))
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the person who shared can change this."}
    reply.refresh_from_db()
    assert reply.felt_heard_at == CURRENT_TIME


def test_felt_heard_on_a_reply_that_does_not_exist_is_not_found(
    client: Client, people: Personas, entries: Entries
) -> None:
    assert post(client, people.alex, "/replies/999999/felt-heard").status_code == 404


def test_felt_heard_only_answers_post_and_delete(
    client: Client, people: Personas, entries: Entries
) -> None:
    response = client.get(API + heard_url(entries.sam_reply), **auth(people.alex))
    assert response.status_code == 405


# Thanks


def test_the_sharer_can_thank_the_listener(
    client: Client, people: Personas, entries: Entries
) -> None:
    reply = entries.sam_reply
    response = post(
        client, people.alex, thanks_url(reply), {"text": "  Thank you for hearing me  "}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["circle_id"] == people.partners.pk
    assert body["author"] == {"id": people.alex.pk, "name": "Alex"}
    assert body["recipient"] == {"id": people.sam.pk, "name": "Sam"}
    assert body["text"] == "Thank you for hearing me"
    appreciation = Appreciation.objects.get(pk=body["id"])
    assert appreciation.reply == reply
    assert appreciation.circle == people.partners
    assert appreciation.recipient == people.sam
    assert appreciation.created_at == CURRENT_TIME


def test_a_thank_you_stays_in_the_circle_the_conversation_happened_in(
    client: Client, people: Personas, entries: Entries
) -> None:
    response = post(client, people.alex, thanks_url(entries.robin_reply), {"text": "Thanks"})
    assert response.status_code == 201
    assert Appreciation.objects.get().circle == people.friends


def test_the_listener_cannot_thank_themselves(
    client: Client, people: Personas, entries: Entries
) -> None:
    response = post(client, people.sam, thanks_url(entries.sam_reply), {"text": "Me, me"})
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Appreciation.objects.exists()


@pytest.mark.parametrize(
    ("persona", "reply"), [("robin", "sam_reply"), ("olive", "sam_reply"), ("sam", "robin_reply")]
)
def test_thanks_for_a_reply_i_cannot_see_is_not_found(
    client: Client, people: Personas, entries: Entries, persona: str, reply: str
) -> None:
    response = post(
        client, getattr(people, persona), thanks_url(getattr(entries, reply)), {"text": "Hi"}
    )
    assert response.status_code == 404
    assert not Appreciation.objects.exists()


@pytest.mark.parametrize(
    "payload", [{}, {"text": ""}, {"text": "x" * 2001}], ids=["empty", "blank", "long"]
)
def test_a_thank_you_needs_a_few_words(
    client: Client, people: Personas, entries: Entries, payload: dict[str, str]
) -> None:
    response = post(client, people.alex, thanks_url(entries.sam_reply), payload)
    assert response.status_code == 422
    assert not Appreciation.objects.exists()


def test_a_thank_you_of_only_spaces_is_refused(
    client: Client, people: Personas, entries: Entries
) -> None:
    response = post(client, people.alex, thanks_url(entries.sam_reply), {"text": "   "})
    assert response.status_code == 422
    assert not Appreciation.objects.exists()


def test_thanks_only_answers_post(client: Client, people: Personas, entries: Entries) -> None:
    response = client.get(API + thanks_url(entries.sam_reply), **auth(people.alex))
    assert response.status_code == 405
