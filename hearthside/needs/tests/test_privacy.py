"""Who sees a request: the asker and the person asked — nobody else, not even a third member
of the same circle. Every page of the practice, for every persona: the exact status the rule
allows (404 for anything unseen, never 403), and no request's words where they don't belong.

Robin joins Alex & Sam here (`third_member`), so the circle has three people.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.needs.models import Answer, Request
from hearthside.needs.privacy import visible_answers, visible_requests
from hearthside.needs.tests.conftest import ALEX_TO_SAM, READERS, Asks

PERSONAS = ["alex", "sam", "robin", "olive", "anonymous"]
PEOPLE = ["alex", "sam", "robin", "olive"]

pytestmark = pytest.mark.usefixtures("third_member")


def leaks(persona: str, body: str) -> list[str]:
    return [text for text, readers in READERS.items() if persona not in readers and text in body]


def state() -> list[Any]:
    return [
        list(Request.objects.order_by("pk").values()),
        list(Answer.objects.order_by("pk").values()),
    ]


# (view name, method, the request it acts on, POST data, persona -> status)
ANSWER = {"response": "yes", "note": "of course"}
MET = {"met": "met"}
CASES: list[tuple[str, str, str, dict[str, str], dict[str, int]]] = [
    ("need", "get", "alex_to_sam", {}, {"alex": 200, "sam": 200, "robin": 404, "olive": 404}),
    ("need", "get", "alex_to_robin", {}, {"alex": 200, "sam": 404, "robin": 200, "olive": 404}),
    # Only the person asked answers; the asker sees it but may not (403); others: 404.
    (
        "need_answer",
        "post",
        "alex_to_sam",
        ANSWER,
        {"alex": 403, "sam": 302, "robin": 404, "olive": 404},
    ),
    (
        "need_answer",
        "post",
        "alex_to_robin",
        ANSWER,
        {"alex": 403, "sam": 404, "robin": 302, "olive": 404},
    ),
    # Only the asker says whether it was met.
    ("need_met", "post", "alex_to_sam", MET, {"alex": 302, "sam": 403, "robin": 404, "olive": 404}),
    ("need_met", "post", "sam_to_alex", MET, {"alex": 403, "sam": 302, "robin": 404, "olive": 404}),
    # Only the asker withdraws.
    (
        "need_withdraw",
        "post",
        "alex_to_sam",
        {},
        {"alex": 302, "sam": 403, "robin": 404, "olive": 404},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("view", "method", "which", "data", "expect"), CASES)
def test_each_persona_gets_exactly_what_the_rule_allows(
    people: Personas,
    asks: Asks,
    persona: str,
    view: str,
    method: str,
    which: str,
    data: dict[str, str],
    expect: dict[str, int],
) -> None:
    url = reverse(view, args=[getattr(asks, which).pk])
    before = state()
    response = getattr(people.client(persona), method)(url, data)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expect[persona]
    if response.status_code >= 300 and not (200 <= expect.get(persona, 0) < 400):
        assert state() == before, "a refused call changed something"
    assert leaks(persona, html.unescape(response.content.decode())) == []


@pytest.mark.parametrize("persona", PEOPLE)
@pytest.mark.parametrize("page", ["needs", "home", "inbox"])
def test_lists_show_only_my_own_requests(
    people: Personas, asks: Asks, persona: str, page: str
) -> None:
    response = people.client(persona).get(reverse(page))
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert leaks(persona, body) == []


def test_the_needs_page_lists_both_sides_for_the_two_people(people: Personas, asks: Asks) -> None:
    for persona in ("alex", "sam"):
        body = html.unescape(people.client(persona).get(reverse("needs")).content.decode())
        assert ALEX_TO_SAM[:40] in body


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
@pytest.mark.parametrize("view", ["need", "need_answer", "need_met", "need_withdraw"])
def test_wrong_methods_are_refused(people: Personas, asks: Asks, view: str, method: str) -> None:
    url = reverse(view, args=[asks.alex_to_sam.pk])
    assert getattr(people.client("alex"), method)(url).status_code == 405


@pytest.mark.parametrize("view", ["need_answer", "need_met", "need_withdraw"])
def test_actions_only_take_post(people: Personas, asks: Asks, view: str) -> None:
    url = reverse(view, args=[asks.alex_to_sam.pk])
    assert people.client("sam").get(url).status_code == 405


def test_a_missing_request_is_the_same_404_as_someone_elses(people: Personas, asks: Asks) -> None:
    robin = people.client("robin")
    missing = robin.get(reverse("need", args=[999_999]))
    theirs = robin.get(reverse("need", args=[asks.alex_to_sam.pk]))
    assert missing.status_code == theirs.status_code == 404
    assert missing.content == theirs.content


Check = Callable[[Any, Any], Any]


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("alex", {"alex_to_sam", "sam_to_alex", "alex_to_robin"}),
        ("sam", {"alex_to_sam", "sam_to_alex"}),
        ("robin", {"alex_to_robin"}),
        ("olive", set()),
    ],
)
def test_the_rule_in_one_place(
    people: Personas, asks: Asks, persona: str, visible: set[str]
) -> None:
    person = getattr(people, persona)
    seen = set(visible_requests(Request.objects.all(), person).values_list("pk", flat=True))
    assert seen == {getattr(asks, name).pk for name in visible}
    answers = set(visible_answers(Answer.objects.all(), person).values_list("pk", flat=True))
    assert answers == ({asks.alex_answer.pk} if "sam_to_alex" in visible else set())


def test_nobody_anonymous_sees_anything(asks: Asks) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not visible_requests(Request.objects.all(), AnonymousUser()).exists()
    assert not visible_answers(Answer.objects.all(), AnonymousUser()).exists()
    assert not visible_requests(Request.objects.all(), None).exists()


def test_withdrawing_hides_it_from_the_person_asked_but_not_the_asker(
    people: Personas, asks: Asks
) -> None:
    people.client("alex").post(reverse("need_withdraw", args=[asks.alex_to_sam.pk]))
    url = reverse("need", args=[asks.alex_to_sam.pk])
    assert people.client("sam").get(url).status_code == 404
    assert ALEX_TO_SAM not in people.client("sam").get(reverse("needs")).content.decode()
    page = html.unescape(people.client("alex").get(url).content.decode())
    assert ALEX_TO_SAM in page
    assert "Sam can't see it any more" in page


def test_when_the_person_asked_leaves_the_circle_they_no_longer_see_it(
    people: Personas, asks: Asks
) -> None:
    from hearthside.circles.actions import leave_circle

    leave_circle(people.sam, people.partners)
    assert people.client("sam").get(reverse("need", args=[asks.alex_to_sam.pk])).status_code == 404
    # The asker keeps their own words.
    assert people.client("alex").get(reverse("need", args=[asks.alex_to_sam.pk])).status_code == 200


def test_when_the_asker_leaves_the_person_asked_no_longer_sees_it(
    people: Personas, asks: Asks
) -> None:
    from hearthside.circles.actions import leave_circle

    leave_circle(people.alex, people.partners)
    assert people.client("sam").get(reverse("need", args=[asks.alex_to_sam.pk])).status_code == 404
    # Sam's own request to Alex stays Sam's; Alex's answer to it went with Alex.
    page = html.unescape(
        people.client("sam").get(reverse("need", args=[asks.sam_to_alex.pk])).content.decode()
    )
    assert "ALEX-ANSWERS" not in page
