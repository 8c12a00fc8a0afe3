"""One knock: the author sees their held words and who said when; a listener sees that someone
knocks (and the hint) and answers; nobody else sees anything at all."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.pacing import actions
from hearthside.pacing.models import Answer, Knock
from hearthside.pacing.tests.conftest import HELD, HINT, knock_as, text_of, words
from hearthside.practice.models import Share

PERSONAS = ["alex", "sam", "robin", "olive", "anonymous"]


def url(name: str, knock: Knock) -> str:
    return reverse(name, args=[knock.pk])


def state() -> list[Any]:
    return [
        list(Knock.objects.order_by("pk").values()),
        list(Answer.objects.order_by("pk").values()),
        list(Share.objects.order_by("pk").values()),
    ]


# --- The privacy matrix: every view, every persona ---------------------------------------------

DETAIL = {"alex": 200, "sam": 200, "robin": 404, "olive": 404, "anonymous": 302}
AUTHOR_ONLY = {"alex": 302, "sam": 404, "robin": 404, "olive": 404, "anonymous": 302}
ANSWER = {"alex": 403, "sam": 302, "robin": 404, "olive": 404, "anonymous": 302}
CASES = [
    ("get", "pacing_knock", {}, DETAIL),
    ("post", "pacing_answer", {"when": "hour"}, ANSWER),
    ("post", "pacing_share_now", {}, AUTHOR_ONLY),
    ("post", "pacing_withdraw", {}, AUTHOR_ONLY),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "name", "data", "expect"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows(
    people: Personas,
    persona: str,
    method: str,
    name: str,
    data: dict[str, str],
    expect: dict[str, int],
) -> None:
    knock = knock_as(people.alex, people.partners, hint=HINT)
    before = state()

    response = getattr(people.client(persona), method)(url(name, knock), data)

    assert response.status_code == expect[persona]
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    if expect[persona] >= 400 or persona == "anonymous":
        assert state() == before, "a refused request changed something"
    if persona != "alex":
        assert HELD not in text_of(response)
    if persona not in ("alex", "sam"):
        assert HINT not in text_of(response)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("alex", 200), ("robin", 200), ("sam", 404), ("olive", 404)],
)
def test_a_knock_in_the_friends_circle_is_theirs_alone(
    people: Personas, persona: str, expected: int
) -> None:
    knock = knock_as(people.alex, people.friends)
    assert people.client(persona).get(url("pacing_knock", knock)).status_code == expected


def test_a_knock_that_does_not_exist_is_not_found(people: Personas) -> None:
    for name, method in (
        ("pacing_knock", "get"),
        ("pacing_answer", "post"),
        ("pacing_share_now", "post"),
        ("pacing_withdraw", "post"),
    ):
        response = getattr(people.client("alex"), method)(reverse(name, args=[999999]))
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("pacing_knock", "GET"),
        ("pacing_answer", "POST"),
        ("pacing_share_now", "POST"),
        ("pacing_withdraw", "POST"),
    ],
)
def test_each_view_answers_only_its_method(people: Personas, name: str, allowed: str) -> None:
    knock = knock_as(people.alex, people.partners)
    for method in ("get", "post", "put", "delete"):
        if method.upper() == allowed:
            continue
        response = getattr(people.client("alex"), method)(url(name, knock))
        assert response.status_code == 405


def test_someone_who_joined_after_the_knock_does_not_see_it(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    Membership.objects.create(
        circle=people.partners, person=people.olive, joined_at=timezone.now() + timedelta(1)
    )
    assert people.client("olive").get(url("pacing_knock", knock)).status_code == 404


def test_a_withdrawn_knock_is_gone_for_the_listener_and_kept_for_the_author(
    people: Personas,
) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.withdraw(people.alex, knock)

    assert people.client("sam").get(url("pacing_knock", knock)).status_code == 404
    alex = words(text_of(people.client("alex").get(url("pacing_knock", knock))))
    assert "This was withdrawn. Nothing was shared." in alex
    assert HELD in alex


# --- What each person sees ------------------------------------------------------------------


def test_the_author_sees_the_held_words_marked_private(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    page = words(text_of(people.client("alex").get(url("pacing_knock", knock))))

    assert "Waiting for a good moment" in page
    assert HELD in page
    assert "Only you can see this until it goes out" in page
    assert "Sam hasn't answered yet." in page
    assert "they only know that you'd like to share something" in page


def test_the_listener_sees_only_that_someone_knocks_and_the_hint(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners, hint=HINT)
    page = words(text_of(people.client("sam").get(url("pacing_knock", knock))))

    assert "Alex would like to share something with you" in page
    assert f"About: “{HINT}”" in page
    assert "something tender" in page
    assert "Now is good" in page and "In an hour" in page and "Tomorrow evening" in page
    assert HELD not in page


def test_without_a_hint_the_listener_hears_no_topic(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    page = words(text_of(people.client("sam").get(url("pacing_knock", knock))))
    assert "About:" not in page


# --- Answering ------------------------------------------------------------------------------


def answer(people: Personas, knock: Knock, **data: str) -> Any:
    return people.client("sam").post(url("pacing_answer", knock), data)


def test_in_an_hour_sets_the_time_and_tells_the_author(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    response = answer(people, knock, when="hour")

    assert response.status_code == 302
    assert response["Location"] == url("pacing_knock", knock)
    knock.refresh_from_db()
    assert knock.goes_out_at == timezone.now() + timedelta(hours=1)
    alex = words(text_of(people.client("alex").get(url("pacing_knock", knock))))
    assert "It goes out today at 11:30." in alex
    assert "Sam suggested today at 11:30." in alex


def test_this_evening_is_eight_oclock_in_the_listeners_own_time_zone(people: Personas) -> None:
    people.sam.time_zone = "America/New_York"
    people.sam.save()
    knock = knock_as(people.alex, people.partners)
    answer(people, knock, when="evening")

    knock.refresh_from_db()
    # 20:00 in New York on 4 March is 01:00 UTC the next day (and 01:00 in London).
    assert knock.goes_out_at is not None
    assert knock.goes_out_at.isoformat() == "2026-03-05T01:00:00+00:00"


def test_a_chosen_time_is_read_in_the_listeners_time_zone(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    answer(people, knock, when="at", at="2026-03-06T19:15")

    knock.refresh_from_db()
    assert knock.goes_out_at is not None
    assert knock.goes_out_at.isoformat() == "2026-03-06T19:15:00+00:00"


def test_now_is_good_sends_the_listener_straight_to_the_share(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    response = answer(people, knock, when="now")

    share = Share.objects.get()
    assert response["Location"] == reverse("share", args=[share.pk])
    assert HELD in text_of(people.client("sam").get(response["Location"]))
    # From now on the knock's page leads the listener to the share itself.
    later = people.client("sam").get(url("pacing_knock", knock))
    assert later.status_code == 302 and later["Location"] == reverse("share", args=[share.pk])
    assert people.client("robin").get(reverse("share", args=[share.pk])).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"when": "at", "at": ""}, "Choose the day and time that would suit you."),
        ({"when": "at", "at": "next Tuesday"}, "Write the time like 2026-03-08 19:00."),
        (
            {"when": "at", "at": "2026-03-04T08:00"},
            "That time has already passed — choose a moment ahead, or say now is good.",
        ),
        (
            {"when": "at", "at": "2026-04-04T08:00"},
            "That's more than two weeks away. Pick something sooner, or talk it over with "
            "Alex in person.",
        ),
        ({}, "Choose when would be good for you."),
        ({"when": "someday"}, "Choose when would be good for you."),
    ],
)
def test_a_time_that_wont_do_is_explained_and_kept(
    people: Personas, data: dict[str, str], message: str
) -> None:
    knock = knock_as(people.alex, people.partners)
    response = answer(people, knock, **data)

    assert response.status_code == 200
    assert message in text_of(response)
    if data.get("at"):
        assert f'value="{data["at"]}"' in text_of(response)
    assert not Answer.objects.exists()


def test_this_evening_is_not_offered_late_at_night(people: Personas, settings: Any) -> None:
    people.sam.time_zone = "Asia/Tokyo"  # 19:30 there
    people.sam.save()
    knock = knock_as(people.alex, people.partners)
    page = text_of(people.client("sam").get(url("pacing_knock", knock)))
    assert 'value="evening"' not in page
    response = answer(people, knock, when="evening")
    assert "That choice has passed for today — pick another moment." in text_of(response)


def test_answering_a_knock_that_has_gone_out_changes_nothing(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.share_now(people.alex, knock)

    response = people.client("sam").post(url("pacing_answer", knock), {"when": "hour"}, follow=True)
    assert "This one has already gone out or was withdrawn." in text_of(response)
    assert not Answer.objects.exists()


def test_the_status_refreshes_on_its_own_with_htmx(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=timezone.now() + timedelta(hours=2))

    response = people.client("alex").get(url("pacing_knock", knock), HTTP_HX_REQUEST="true")
    page = words(text_of(response))
    assert "<h1>" not in text_of(response)
    assert "It goes out today at 12:30." in page


# --- The author's choices -------------------------------------------------------------------


def test_share_it_now_sends_it_and_shows_it(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    response = people.client("alex").post(url("pacing_share_now", knock))

    share = Share.objects.get()
    assert response["Location"] == reverse("share", args=[share.pk])
    assert share.text == HELD
    again = people.client("alex").post(url("pacing_share_now", knock), follow=True)
    assert "This one has already gone out or was withdrawn." in text_of(again)
    assert Share.objects.count() == 1


def test_withdrawing_keeps_the_words_mine(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    response = people.client("alex").post(url("pacing_withdraw", knock), follow=True)

    assert "Withdrawn. The words are still yours, and no one else sees them." in text_of(response)
    knock.refresh_from_db()
    assert knock.status == "withdrawn"
    assert not Share.objects.exists()


def test_once_the_time_has_come_opening_the_page_lets_it_out(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    actions.answer(people.sam, knock, at=timezone.now() + timedelta(minutes=20))

    with time_machine.travel(timezone.now() + timedelta(minutes=25), tick=False):
        page = words(text_of(people.client("alex").get(url("pacing_knock", knock))))

    assert "It went out today at 10:50." in page
    assert "See your share" in page
    assert Share.objects.count() == 1


def test_after_two_quiet_days_the_author_hears_of_other_ways(people: Personas) -> None:
    knock = knock_as(people.alex, people.partners)
    gentle = "It's been a couple of days."

    assert gentle not in text_of(people.client("alex").get(url("pacing_knock", knock)))
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1), tick=False):
        assert gentle in text_of(people.client("alex").get(url("pacing_knock", knock)))
        assert gentle not in text_of(people.client("sam").get(url("pacing_knock", knock)))
