"""Who sees a summary request: the people who were in the circle when it was proposed, while
they stay. Every page, for every persona: the exact status the rule allows (404 for anything
unseen, never 403 — 403 only for a participant doing what only the proposer may), refused calls
change nothing, and no words reach anyone they don't belong to.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.summary import actions
from hearthside.summary.models import Consent, SummaryRequest
from hearthside.summary.tests.conftest import END, READERS, SHARED, START, Story, produced

PERSONAS = ["alex", "sam", "robin", "olive", "anonymous"]
PEOPLE = ["alex", "sam", "robin", "olive"]


@dataclass
class Requests:
    waiting: SummaryRequest  # Alex & Sam, proposed by Alex
    made: SummaryRequest  # Alex & Sam, made
    friends: SummaryRequest  # Climbing friends (Alex & Robin), proposed by Alex


@pytest.fixture
def requests(story: Story) -> Requests:
    people = story.people
    made = produced(people)
    waiting = actions.propose(people.alex, people.partners, START, END - timedelta(days=1))
    friends = actions.propose(people.alex, people.friends, START, END)
    return Requests(waiting, made, friends)


def leaks(persona: str, body: str) -> list[str]:
    return [text for text, readers in READERS.items() if persona not in readers and text in body]


def state() -> list[Any]:
    return [
        list(SummaryRequest.objects.order_by("pk").values()),
        list(Consent.objects.order_by("pk").values()),
    ]


def _by(**statuses: int) -> dict[str, int]:
    return {p: statuses.get(p, 404) for p in PEOPLE}


# (view, method, which request, persona -> status)
CASES: list[tuple[str, str, str, dict[str, int]]] = [
    ("summary", "get", "waiting", _by(alex=200, sam=200)),
    ("summary", "get", "made", _by(alex=200, sam=200)),
    ("summary", "get", "friends", _by(alex=200, robin=200)),
    ("summary_print", "get", "made", _by(alex=200, sam=200)),
    ("summary_print", "get", "waiting", _by()),  # nothing to print yet, for anyone
    ("summary_markdown", "get", "made", _by(alex=200, sam=200)),
    ("summary_markdown", "get", "waiting", _by()),
    ("summary_consent", "post", "waiting", _by(alex=302, sam=302)),
    ("summary_consent", "post", "friends", _by(alex=302, robin=302)),
    ("summary_withdraw", "post", "waiting", _by(alex=302, sam=302)),
    ("summary_withdraw", "post", "friends", _by(alex=302, robin=302)),
    # Only the proposer cancels a waiting request; anyone in a made one may delete it.
    ("summary_cancel", "post", "waiting", _by(alex=302, sam=403)),
    ("summary_cancel", "post", "made", _by(alex=302, sam=302)),
    ("summary_cancel", "post", "friends", _by(alex=302, robin=403)),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("view", "method", "which", "expect"), CASES)
def test_each_persona_gets_exactly_what_the_rule_allows(
    people: Personas,
    requests: Requests,
    persona: str,
    view: str,
    method: str,
    which: str,
    expect: dict[str, int],
) -> None:
    url = reverse(view, args=[getattr(requests, which).pk])
    before = state()
    response = getattr(people.client(persona), method)(url)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expect[persona]
    if not 200 <= expect.get(persona, 0) < 400:
        assert state() == before, "a refused call changed something"
    assert leaks(persona, html.unescape(response.content.decode())) == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_proposing_for_a_circle_i_am_not_in_is_refused(
    people: Personas, requests: Requests, persona: str
) -> None:
    before = state()
    response = people.client(persona).post(
        reverse("summaries"),
        {"circle": people.partners.pk, "start": "2026-02-01", "end": "2026-02-20"},
    )
    if persona == "anonymous":
        assert response.status_code == 302
    elif persona in {"alex", "sam"}:
        assert response.status_code == 302
        return
    else:
        assert response.status_code == 200
        body = html.unescape(response.content.decode())
        if persona == "robin":
            assert "Choose one of your circles." in body
        else:  # Olive has no circle at all, and is told so.
            assert "you're not in one yet" in body
    assert state() == before


@pytest.mark.parametrize("persona", PEOPLE)
@pytest.mark.parametrize("page", ["summaries", "home", "inbox"])
def test_lists_show_only_requests_i_take_part_in(
    people: Personas, requests: Requests, persona: str, page: str
) -> None:
    response = people.client(persona).get(reverse(page))
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert leaks(persona, body) == []
    links = {
        name: reverse("summary", args=[getattr(requests, name).pk]) in body
        for name in ("waiting", "made", "friends")
    }
    if page == "summaries":
        expected = {
            "alex": {"waiting": True, "made": True, "friends": True},
            "sam": {"waiting": True, "made": True, "friends": False},
            "robin": {"waiting": False, "made": False, "friends": True},
            "olive": {"waiting": False, "made": False, "friends": False},
        }[persona]
        assert links == expected


def test_a_missing_request_is_the_same_404_as_someone_elses(
    people: Personas, requests: Requests
) -> None:
    robin = people.client("robin")
    missing = robin.get(reverse("summary", args=[999_999]))
    theirs = robin.get(reverse("summary", args=[requests.made.pk]))
    assert missing.status_code == theirs.status_code == 404
    assert missing.content == theirs.content


@pytest.mark.parametrize("view", ["summary", "summary_print", "summary_markdown"])
def test_someone_who_joined_after_the_request_gets_404(
    people: Personas, requests: Requests, view: str
) -> None:
    Membership.objects.create(circle=people.partners, person=people.robin)
    response = people.client("robin").get(reverse(view, args=[requests.made.pk]))
    assert response.status_code == 404
    assert SHARED not in response.content.decode()


@pytest.mark.parametrize("view", ["summary", "summary_print", "summary_markdown"])
def test_a_participant_who_left_loses_access(
    people: Personas, requests: Requests, view: str
) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    response = people.client("sam").get(reverse(view, args=[requests.made.pk]))
    assert response.status_code == 404
    # And the one who stayed can no longer read it either: it held Sam's words.
    alex = people.client("alex").get(reverse(view, args=[requests.made.pk]))
    assert SHARED not in alex.content.decode()


def test_the_poll_is_404_for_anyone_outside(people: Personas, requests: Requests) -> None:
    url = reverse("summary", args=[requests.waiting.pk]) + "?seen=10"
    for persona in ("robin", "olive"):
        response = people.client(persona).get(url, headers={"HX-Request": "true"})
        assert response.status_code == 404
