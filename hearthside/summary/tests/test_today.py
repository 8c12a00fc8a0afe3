"""The Today page asks, gently, about a summary that waits for my yes — and only me."""

from __future__ import annotations

from django.urls import reverse

from hearthside.circles.actions import leave_circle
from hearthside.summary import actions
from hearthside.summary.tests.conftest import Story, propose

HEADING = "A summary waits for your yes"


def today(story: Story, who: str) -> str:
    return story.people.client(who).get(reverse("home")).content.decode()


def test_the_others_are_asked_on_today_until_they_answer(story: Story) -> None:
    summary = propose(story.people, "alex")

    page = today(story, "sam")
    assert HEADING in page
    assert "Alex suggested a summary of Alex &amp; Sam, 1 Feb to 3 Mar 2026." in page
    assert reverse("summary", args=[summary.pk]) in page
    # The proposer already said yes by proposing; nobody outside the circle hears of it.
    assert HEADING not in today(story, "alex")
    assert HEADING not in today(story, "robin")
    assert HEADING not in today(story, "olive")

    actions.consent(story.people.sam, summary)  # the last yes: it's made
    assert HEADING not in today(story, "sam")


def test_taking_a_yes_back_brings_the_question_back(story: Story) -> None:
    summary = propose(story.people, "alex")
    actions.withdraw(story.people.alex, summary)
    assert HEADING in today(story, "alex")


def test_a_cancelled_or_lapsed_request_is_not_asked_about(story: Story) -> None:
    cancelled = propose(story.people, "alex")
    actions.cancel(story.people.alex, cancelled)
    assert HEADING not in today(story, "sam")

    propose(story.people, "alex", circle=story.people.friends)
    assert HEADING in today(story, "robin")
    leave_circle(story.people.alex, story.people.friends)  # the circle changed: it lapsed
    assert HEADING not in today(story, "robin")
