"""Telling people: the others hear when a summary is suggested, everyone hears when it is made —
in the app and on their channels, once each, with only names, the circle and the dates."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import Personas
from hearthside.notify.models import Channel, Delivery, Notification
from hearthside.summary import actions
from hearthside.summary.tests.conftest import READERS, Story, produced, propose


def _notes(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).order_by("recipient_id", "id"))


def test_the_others_hear_when_a_summary_is_suggested(story: Story) -> None:
    people = story.people
    summary = propose(people)
    [note] = _notes("summary_proposed")
    assert note.recipient == people.sam
    assert note.subject == "Alex suggested a summary for a facilitator"
    assert "Alex & Sam from 1 February 2026 to 3 March 2026" in note.body
    assert note.url == reverse("summary", args=[summary.pk])
    assert note.key == f"summary:{summary.pk}:proposed:{people.sam.pk}"


def test_everyone_hears_once_when_it_is_made(story: Story) -> None:
    people = story.people
    summary = produced(people)
    notes = _notes("summary_produced")
    assert [n.recipient for n in notes] == [people.alex, people.sam]
    assert notes[0].subject == "Your summary of Alex & Sam is ready"
    with pytest.raises(actions.Refused):
        actions.consent(people.sam, summary)
    assert len(_notes("summary_produced")) == 2


def test_withdrawing_and_cancelling_tell_nobody(story: Story) -> None:
    people = story.people
    summary = propose(people)
    actions.withdraw(people.alex, summary)
    actions.cancel(people.alex, summary)
    assert Notification.objects.exclude(kind="summary_proposed").count() == 0


def test_nothing_anyone_wrote_is_in_a_notification(story: Story) -> None:
    produced(story.people)
    assert Notification.objects.count() == 3
    for note in Notification.objects.all():
        for text in READERS:
            assert text not in note.subject + note.body


def test_it_reaches_the_inbox(story: Story) -> None:
    propose(story.people)
    body = html.unescape(story.people.client("sam").get(reverse("inbox")).content.decode())
    assert "Alex suggested a summary for a facilitator" in body


def test_it_goes_out_by_email_through_the_worker(
    people: Personas, story: Story, mailbox: Any
) -> None:
    Channel.objects.create(person=people.sam, kind="email")
    propose(people)
    assert Delivery.objects.filter(notification__recipient=people.sam).count() == 1
    call_command("worker", "--once")
    assert len(mailbox.messages) == 1
    assert mailbox.messages[0]["To"] == "sam@example.com"
    (body,) = mailbox.bodies()
    assert "Alex would like to make a summary of Alex & Sam" in body
    for text in READERS:
        assert text not in body
