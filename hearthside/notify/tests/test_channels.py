"""Channels: email to my account address, Apprise URLs (kept secret), a test send, removal."""

from __future__ import annotations

import html
import logging
from typing import Any

import pytest

from conftest import CURRENT_TIME, Personas
from hearthside.notify.models import Channel, Delivery, Notification

URL = "/settings/notifications/"
GOOD = "json://127.0.0.1:9/x"
GARBAGE = "not-a-real-url-secret-token-123"


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def send_test_url(channel: Channel) -> str:
    return f"/settings/notifications/{channel.pk}/test/"


def remove_url(channel: Channel) -> str:
    return f"/settings/notifications/{channel.pk}/remove/"


def add_apprise(client: Any, url: str = GOOD, label: str = "My phone") -> Any:
    return client.post(URL, {"action": "apprise", "label": label, "url": url}, follow=True)


def channel_of(person: Any, url: str = GOOD) -> Channel:
    return Channel.objects.create(person=person, kind=Channel.Kind.APPRISE, label="ntfy", url=url)


# --- Who may do what ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_page_only_answers_get_and_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_testing_and_removing_need_a_post(people: Personas) -> None:
    channel = channel_of(people.alex)
    client = people.client("alex")

    assert client.get(send_test_url(channel)).status_code == 405
    assert client.get(remove_url(channel)).status_code == 405
    assert Channel.objects.filter(pk=channel.pk).exists()
    assert not Notification.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    channel = channel_of(people.alex)
    client = people.client("anonymous")

    for response in (
        client.get(URL),
        client.post(URL, {"action": "email"}),
        client.post(send_test_url(channel)),
        client.post(remove_url(channel)),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert Channel.objects.count() == 1
    assert not Notification.objects.exists()


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_other_peoples_channels_are_not_found(people: Personas, persona: str) -> None:
    channel = channel_of(people.alex)
    client = people.client(persona)

    assert client.post(send_test_url(channel)).status_code == 404
    assert client.post(remove_url(channel)).status_code == 404
    assert Channel.objects.filter(pk=channel.pk).exists()
    assert not Notification.objects.exists()


def test_my_partner_does_not_see_my_channels(people: Personas) -> None:
    add_apprise(people.client("alex"), label="Alex's phone")

    text = page(people.client("sam").get(URL))

    assert "Alex's phone" not in text
    assert "Only the inbox for now." in text


# --- Email ----------------------------------------------------------------------------------


def test_i_can_turn_on_email_to_my_account_address(people: Personas) -> None:
    client = people.client("alex")
    assert "We'll write to your account address, alex@example.com." in page(client.get(URL))

    response = client.post(URL, {"action": "email"}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    text = page(response)
    assert "Email is on. Notifications will go to alex@example.com." in text
    assert "Turn on email" not in text
    channel = Channel.objects.get()
    assert (channel.person, channel.kind, channel.url) == (people.alex, "email", "")


def test_turning_email_on_twice_keeps_one(people: Personas) -> None:
    client = people.client("alex")
    client.post(URL, {"action": "email"})

    response = client.post(URL, {"action": "email"}, follow=True)

    assert "Email is already on." in page(response)
    assert Channel.objects.count() == 1


# --- Apprise URLs ---------------------------------------------------------------------------


def test_an_apprise_url_is_added_and_shown_only_in_part(people: Personas) -> None:
    response = add_apprise(people.client("alex"))

    assert response.redirect_chain == [(URL, 302)]
    text = page(response)
    assert "Added. Send a test to check it arrives." in text
    assert "My phone" in text
    assert "json://…:9/x" in text
    assert "127.0.0.1" not in text
    channel = Channel.objects.get()
    assert (channel.person, channel.kind, channel.label, channel.url) == (
        people.alex,
        "apprise",
        "My phone",
        GOOD,
    )


def test_a_url_apprise_cannot_read_is_refused_kindly_and_kept(people: Personas) -> None:
    response = add_apprise(people.client("alex"), url=GARBAGE)

    assert response.status_code == 200
    text = page(response)
    assert "That doesn't look like an address Apprise knows." in text
    assert f'value="{GARBAGE}"' in text
    assert 'value="My phone"' in text
    assert not Channel.objects.exists()


def test_a_refused_url_never_reaches_the_logs(
    people: Personas, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        add_apprise(people.client("alex"), url=GARBAGE)

    assert GARBAGE not in caplog.text


def test_an_empty_url_is_refused(people: Personas) -> None:
    response = add_apprise(people.client("alex"), url="  ")

    assert "This field is required." in page(response)
    assert not Channel.objects.exists()


def test_the_same_url_twice_is_refused(people: Personas) -> None:
    client = people.client("alex")
    add_apprise(client)

    response = add_apprise(client, label="Again")

    assert "That one is already on your list." in page(response)
    assert Channel.objects.count() == 1


# --- A test send ----------------------------------------------------------------------------


def test_a_test_send_queues_a_delivery_to_that_channel_only(people: Personas) -> None:
    phone = channel_of(people.alex)
    channel_of(people.alex, url="json://127.0.0.1:9/other")

    response = people.client("alex").post(send_test_url(phone), follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "On its way — the worker will send it in a few seconds." in page(response)
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (people.alex, "test")
    assert notification.due_at == CURRENT_TIME
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.transport, delivery.status) == (phone, "apprise", "pending")
    assert delivery.next_attempt_at <= CURRENT_TIME


def test_each_test_send_is_a_new_one(people: Personas) -> None:
    phone = channel_of(people.alex)
    client = people.client("alex")

    client.post(send_test_url(phone))
    client.post(send_test_url(phone))

    assert Notification.objects.count() == 2
    assert Delivery.objects.filter(channel=phone).count() == 2


def test_a_test_email_goes_by_email(people: Personas) -> None:
    client = people.client("alex")
    client.post(URL, {"action": "email"})

    client.post(send_test_url(Channel.objects.get()))

    assert Delivery.objects.get().transport == "email"


# --- Removing -------------------------------------------------------------------------------


def test_i_can_remove_a_channel(people: Personas) -> None:
    phone = channel_of(people.alex)
    keep = channel_of(people.alex, url="json://127.0.0.1:9/other")

    response = people.client("alex").post(remove_url(phone), follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "Removed. Nothing more will be sent there." in page(response)
    assert list(Channel.objects.all()) == [keep]


def test_removing_twice_is_not_found(people: Personas) -> None:
    phone = channel_of(people.alex)
    client = people.client("alex")
    client.post(remove_url(phone))

    assert client.post(remove_url(phone)).status_code == 404
