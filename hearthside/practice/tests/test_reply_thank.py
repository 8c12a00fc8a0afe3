"""The thank-you offered after feeling heard: an appreciation from the sharer to the listener."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import CURRENT_TIME, Entries, Personas
from hearthside.practice.models import Appreciation, Reply

THANKS = "Thank you, Sam — I slept better after we talked."


@pytest.fixture
def heard(entries: Entries) -> Entries:
    """Alex has just said Sam's and Robin's replies made them feel heard."""
    Reply.objects.filter(pk__in=[entries.sam_reply.pk, entries.robin_reply.pk]).update(
        felt_heard_at=timezone.now()
    )
    return entries


def url(reply: Any) -> str:
    return reverse("reply_thank", args=[reply.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_it_offers_a_warm_suggestion_to_start_from(people: Personas, heard: Entries) -> None:
    response = people.client("alex").get(url(heard.sam_reply))

    assert response.status_code == 200
    page = text_of(response)
    assert "Would you like to tell Sam?" in page
    assert "Thank you for listening to me. It helped to feel heard." in page
    assert reverse("share", args=[heard.alex_share_partners.pk]) in page  # "Not now"


def test_it_sends_the_thank_you_to_the_listener_in_that_circle(
    people: Personas, heard: Entries
) -> None:
    response = people.client("alex").post(url(heard.sam_reply), {"text": f"  {THANKS}  "})

    thanks = Appreciation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("share", args=[heard.alex_share_partners.pk])
    assert thanks.author == people.alex
    assert thanks.recipient == people.sam
    assert thanks.circle == people.partners
    assert thanks.reply == heard.sam_reply
    assert thanks.text == THANKS
    assert thanks.created_at == CURRENT_TIME


def test_it_tells_me_it_arrived_and_stops_offering_it_on_the_share(
    people: Personas, heard: Entries
) -> None:
    response = people.client("alex").post(url(heard.sam_reply), {"text": THANKS}, follow=True)

    page = text_of(response)
    assert "Your thank-you is with Sam." in page
    assert "You said thank you." in page
    assert "Say thank you to Sam" not in page


def test_the_listener_and_the_circle_see_it_and_nobody_else(
    people: Personas, heard: Entries
) -> None:
    people.client("alex").post(url(heard.sam_reply), {"text": THANKS})

    assert THANKS in text_of(people.client("sam").get(reverse("home")))
    partners_page = reverse("circle", args=[people.partners.pk])
    assert THANKS in text_of(people.client("sam").get(partners_page))
    for persona in ("robin", "olive"):
        client = people.client(persona)
        assert THANKS not in text_of(client.get(reverse("home")))
        assert client.get(partners_page).status_code == 404


def test_a_thank_you_in_the_friends_circle_stays_there(people: Personas, heard: Entries) -> None:
    people.client("alex").post(url(heard.robin_reply), {"text": "Thanks for the pep talk"})

    thanks = Appreciation.objects.get()
    assert (thanks.recipient, thanks.circle) == (people.robin, people.friends)
    assert "Thanks for the pep talk" in text_of(people.client("robin").get(reverse("home")))
    assert "Thanks for the pep talk" not in text_of(people.client("sam").get(reverse("home")))


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_thanks_asks_for_a_few_words(people: Personas, heard: Entries, text: str) -> None:
    response = people.client("alex").post(url(heard.sam_reply), {"text": text})

    assert response.status_code == 200
    assert "Write a few words of thanks, or skip this for now." in text_of(response)
    assert not Appreciation.objects.exists()


def test_thanks_that_are_too_long_are_refused_and_kept(people: Personas, heard: Entries) -> None:
    long_thanks = "thank you " * 201

    response = people.client("alex").post(url(heard.sam_reply), {"text": long_thanks})

    assert response.status_code == 200
    page = text_of(response)
    assert "Ensure this value has at most 2000 characters" in page
    assert long_thanks.strip() in page
    assert not Appreciation.objects.exists()


def test_a_thank_you_is_sent_only_once(people: Personas, heard: Entries) -> None:
    client = people.client("alex")
    client.post(url(heard.sam_reply), {"text": THANKS})

    client.post(url(heard.sam_reply), {"text": "Thanks again!"})

    assert Appreciation.objects.filter(reply=heard.sam_reply).count() == 1


def test_the_thank_you_is_not_offered_again_once_sent(people: Personas, heard: Entries) -> None:
    client = people.client("alex")
    client.post(url(heard.sam_reply), {"text": THANKS})

    response = client.get(url(heard.sam_reply), follow=True)

    assert response.status_code == 200
    assert "Send thank-you" not in text_of(response)


@pytest.mark.parametrize(
    ("persona", "reply"),
    [
        ("sam", "sam_reply"),  # the listener cannot thank themselves
        ("robin", "sam_reply"),
        ("olive", "sam_reply"),
        ("sam", "robin_reply"),
        ("robin", "robin_reply"),
    ],
)
def test_only_the_sharer_can_say_thank_you(
    people: Personas, heard: Entries, persona: str, reply: str
) -> None:
    client = people.client(persona)
    target = url(getattr(heard, reply))
    missing = reverse("reply_thank", args=[987_654])

    opened = client.get(target)
    posted = client.post(target, {"text": THANKS})

    assert opened.status_code == posted.status_code == 404
    assert opened.content == client.get(missing).content
    assert not Appreciation.objects.exists()


def test_a_listener_who_left_can_no_longer_be_thanked(people: Personas, heard: Entries) -> None:
    people.client("sam").post(reverse("circle_leave", args=[people.partners.pk]))

    response = people.client("alex").post(url(heard.sam_reply), {"text": THANKS})

    assert response.status_code == 404
    assert not Appreciation.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, heard: Entries) -> None:
    target = url(heard.sam_reply)

    response = people.client("anonymous").post(target, {"text": THANKS})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert not Appreciation.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, heard: Entries, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(heard.sam_reply)).status_code == 405
