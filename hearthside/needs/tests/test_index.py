"""/needs/: asking for something, and the two lists — what I asked for and what I was asked."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import CURRENT_TIME, Personas
from hearthside.circles.models import Membership
from hearthside.needs.models import Request
from hearthside.needs.tests.conftest import ALEX_TO_ROBIN, ALEX_TO_SAM, SAM_TO_ALEX, Asks

WORDS = (
    "When the week gets this full, I feel far from you because I need time together. "
    "Would you be willing to keep Friday evening for us?"
)


def page(people: Personas, persona: str, **query: str) -> str:
    response = people.client(persona).get(reverse("needs"), query)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def section(body: str, heading: str) -> str:
    match = re.search(rf'<section aria-labelledby="{heading}".*?</section>', body, re.S)
    words = re.sub(r"<[^>]+>", " ", match.group(0)) if match else ""
    return " ".join(words.split())


def ask(people: Personas, persona: str = "alex", **data: str) -> object:
    fields = {
        "to": f"{people.partners.pk}-{people.sam.pk}",
        "kind": "reassurance",
        "text": WORDS,
        "by_when": "",
    }
    return people.client(persona).post(reverse("needs"), fields | data)


def test_signed_out_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").get(reverse("needs"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_form_offers_the_people_of_my_circles_by_circle(people: Personas) -> None:
    body = page(people, "alex")
    select = re.search(r'<select name="to".*?</select>', body, re.S)
    assert select is not None
    options = select.group(0)
    assert '<optgroup label="Alex & Sam">' in options
    assert '<optgroup label="Climbing friends">' in options
    assert f'value="{people.partners.pk}-{people.sam.pk}">Sam<' in options
    assert f'value="{people.friends.pk}-{people.robin.pk}">Robin<' in options
    assert ">Alex<" not in options  # nobody asks themself
    assert "Olive" not in options


def test_the_form_shows_the_gentle_outline_and_the_coach(people: Personas) -> None:
    body = page(people, "alex")
    assert "When …, I feel … because I need …. Would you be willing to …?" in body
    assert 'id="coach-id_text"' in body
    assert (
        "&quot;context&quot;: &quot;request&quot;"
        in people.client("alex").get(reverse("needs")).content.decode()
    )


def test_someone_without_a_circle_is_pointed_to_circles(people: Personas) -> None:
    body = page(people, "olive")
    assert "There's no one to ask yet" in body
    assert '<select name="to"' not in body


def test_asking_creates_the_request_and_opens_it(people: Personas) -> None:
    response = ask(people, by_when="2026-03-06")

    made = Request.objects.get()
    assert (made.author, made.recipient, made.circle) == (people.alex, people.sam, people.partners)
    assert (made.kind, made.text, str(made.by_when)) == ("reassurance", WORDS, "2026-03-06")
    assert made.created_at == CURRENT_TIME
    assert made.need == "reassurance"
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == reverse("need", args=[made.pk])  # type: ignore[index]
    followed = people.client("alex").get(reverse("need", args=[made.pk]))
    assert "Asked. Sam will find it on their Today page." in html.unescape(
        followed.content.decode()
    )


def test_something_else_has_no_need_word(people: Personas) -> None:
    ask(people, kind="other")
    assert Request.objects.get().need is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to": ""}, "Choose who you'd like to ask."),
        ({"kind": ""}, "Pick the kind of thing you need"),
        ({"kind": "money"}, "Pick one of the kinds listed"),
        ({"text": "   "}, "Write a few words so they know what you're asking for."),
        ({"text": "x" * 2001}, "Please keep it under 2000 characters"),
        ({"by_when": "2026-03-03"}, "That day has already passed."),
        ({"by_when": "next week"}, "Write the day like 2026-03-08, or leave it empty."),
    ],
)
def test_mistakes_get_a_kind_message_and_lose_nothing(
    people: Personas, data: dict[str, str], message: str
) -> None:
    response = ask(people, **data)
    body = html.unescape(response.content.decode())  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert message in body
    assert "Everything you wrote is still here" in body or "Choose" in body
    if "text" not in data:
        assert WORDS in body
    assert not Request.objects.exists()


@pytest.mark.parametrize(
    "to",
    [
        "{partners}-{olive}",  # not in the circle
        "{friends}-{sam}",  # in another of my circles, but not this one
        "{partners}-{alex}",  # myself
        "999-{sam}",  # no such circle
        "nonsense",
    ],
)
def test_only_another_member_of_a_shared_circle_can_be_asked(people: Personas, to: str) -> None:
    ids = {
        "partners": people.partners.pk,
        "friends": people.friends.pk,
        "olive": people.olive.pk,
        "sam": people.sam.pk,
        "alex": people.alex.pk,
    }
    response = ask(people, to=to.format(**ids))
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert not Request.objects.exists()


def test_someone_who_left_can_no_longer_be_asked(people: Personas) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    response = ask(people)
    assert "You can ask someone who shares a circle with you." in html.unescape(
        response.content.decode()  # type: ignore[attr-defined]
    )
    assert not Request.objects.exists()


def test_a_person_can_be_chosen_from_a_link(people: Personas) -> None:
    value = f"{people.partners.pk}-{people.sam.pk}"
    assert f'value="{value}" selected' in page(people, "alex", to=value)


def test_lists_open_requests_first(people: Personas, asks: Asks) -> None:
    Request.objects.filter(pk=asks.alex_to_sam.pk).update(met="met")
    mine = section(page(people, "alex"), "mine-heading")
    assert mine.index("You asked Robin for something") < mine.index("You asked Sam for reassurance")
    assert "Need met" in mine
    assert SAM_TO_ALEX[:30] not in mine


def test_requests_waiting_for_my_answer_come_first(people: Personas, asks: Asks) -> None:
    body = page(people, "sam")
    waiting = section(body, "waiting-heading")
    assert "Alex asked you for reassurance" in waiting
    assert "Waiting for your answer" in waiting
    assert ALEX_TO_SAM[:30] in waiting
    assert "You asked Alex for practical help" in section(body, "mine-heading")
    assert ALEX_TO_ROBIN not in body


def test_answered_requests_move_to_what_ive_been_asked(people: Personas, asks: Asks) -> None:
    body = page(people, "alex")
    answered = section(body, "answered-heading")
    assert "Sam asked you for practical help" in answered
    assert "Yes" in answered
    assert "waiting-heading" not in body  # nothing waits on Alex


def test_it_answers_get_and_post_only(people: Personas) -> None:
    assert people.client("alex").put(reverse("needs")).status_code == 405


def test_a_request_older_than_the_asked_day_is_fine_to_show(people: Personas, asks: Asks) -> None:
    # by_when in the past is only refused when asking, never when showing.
    Request.objects.filter(pk=asks.alex_to_sam.pk).update(
        by_when=(timezone.now() - timedelta(days=3)).date()
    )
    assert people.client("sam").get(reverse("need", args=[asks.alex_to_sam.pk])).status_code == 200


@pytest.mark.usefixtures("third_member")
def test_someone_in_two_of_my_circles_is_named_with_the_circle(people: Personas) -> None:
    body = page(people, "alex")
    assert f'value="{people.partners.pk}-{people.robin.pk}">Robin (Alex & Sam)<' in body
    assert f'value="{people.friends.pk}-{people.robin.pk}">Robin (Climbing friends)<' in body
    assert f'value="{people.partners.pk}-{people.sam.pk}">Sam<' in body
