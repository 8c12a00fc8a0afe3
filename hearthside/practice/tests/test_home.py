"""The home page ("Today"): what is waiting for me, replies to me, what my circles shared."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Entries, Personas
from hearthside.circles.models import Membership
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share


def home(people: Personas, persona: str) -> str:
    response = people.client(persona).get(reverse("home"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def section(page: str, heading: str) -> str:
    """The words of one section of the page, without markup."""
    match = re.search(rf'<section aria-labelledby="{heading}".*?</section>', page, re.S)
    words = re.sub(r"<[^>]+>", " ", match.group(0)) if match else ""
    return " ".join(words.split())


def test_anonymous_visitors_see_the_welcome_page(people: Personas, entries: Entries) -> None:
    page = home(people, "anonymous")

    assert "A quiet place to practise closeness" in page
    assert reverse("account_login") in page
    assert reverse("account_signup") in page
    assert "Alex" not in page


@pytest.mark.parametrize("persona", ["alex", "anonymous"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, persona: str, method: str) -> None:
    response = getattr(people.client(persona), method)(reverse("home"))
    assert response.status_code == 405


def test_it_greets_me_by_name(people: Personas) -> None:
    assert "Hello, Sam" in home(people, "sam")


def test_it_shows_what_my_circles_shared_with_me(people: Personas, entries: Entries) -> None:
    shared = section(home(people, "sam"), "shared-heading")

    assert "Alex to partners: work is heavy this week" in shared
    assert "Alex & Sam" in shared
    assert "Alex to friends" not in shared


def test_it_does_not_list_my_own_shares_as_shared_with_me(
    people: Personas, entries: Entries
) -> None:
    shared = section(home(people, "sam"), "shared-heading")
    assert "Sam to partners" not in shared


def test_it_hides_my_partners_private_check_in(people: Personas, entries: Entries) -> None:
    assert "Alex's private note" not in home(people, "sam")


def test_it_shows_my_own_recent_check_ins(people: Personas, entries: Entries) -> None:
    checkins = section(home(people, "alex"), "checkins-heading")

    assert "Alex's private note" in checkins
    assert "Sam's private note" not in checkins


def test_it_shows_only_the_five_newest_check_ins(people: Personas) -> None:
    for day in range(6):
        CheckIn.objects.create(
            author=people.alex,
            note=f"Day {day} note",
            created_at=timezone.now() - timedelta(days=day),
        )

    checkins = section(home(people, "alex"), "checkins-heading")

    assert [f"Day {d} note" in checkins for d in range(6)] == [True] * 5 + [False]
    assert "See your whole journal" in checkins


def test_an_outsider_sees_only_gentle_empty_states(people: Personas, entries: Entries) -> None:
    page = home(people, "olive")

    assert "Start a circle" in page
    assert "Nothing waiting for you right now." in page
    assert "When someone answers something you shared, it shows up here." in page
    assert "What your circles share with you will appear here." in page
    assert "No check-ins yet. They stay private to you." in page
    for name in ("Alex", "Sam", "Robin"):
        assert name not in page


def test_waiting_lists_unanswered_shares_from_the_last_two_weeks(
    people: Personas, entries: Entries
) -> None:
    Membership.objects.filter(circle=people.partners).update(
        joined_at=timezone.now() - timedelta(days=30)
    )
    Share.objects.create(author=people.alex, circle=people.partners, text="Fresh and unanswered")
    Share.objects.create(
        author=people.alex,
        circle=people.partners,
        text="Old and unanswered",
        created_at=timezone.now() - timedelta(days=15),
    )

    page = home(people, "sam")
    waiting = section(page, "waiting-heading")

    assert "Fresh and unanswered" in waiting
    assert "Old and unanswered" not in waiting
    assert "Old and unanswered" in section(page, "shared-heading")
    # Sam already listened to this one.
    assert "Alex to partners" not in waiting


def test_a_share_stops_waiting_once_i_reply(people: Personas, entries: Entries) -> None:
    share = Share.objects.create(author=people.alex, circle=people.partners, text="Say something")
    assert "Say something" in section(home(people, "sam"), "waiting-heading")

    Reply.objects.create(share=share, author=people.sam, reflect="I hear you")

    assert "Say something" not in section(home(people, "sam"), "waiting-heading")


def test_a_withdrawn_share_is_not_waiting_for_anyone(people: Personas, entries: Entries) -> None:
    Share.objects.create(
        author=people.alex,
        circle=people.partners,
        text="Taken back",
        withdrawn_at=timezone.now(),
    )
    assert "Taken back" not in home(people, "sam")


def test_replies_to_me_say_who_listened(people: Personas, entries: Entries) -> None:
    replies = section(home(people, "alex"), "replies-heading")

    assert "Sam listened to" in replies
    assert "Robin listened to" in replies
    assert "Alex to partners: work is heavy this week" in replies


def test_a_reply_i_felt_heard_by_leaves_the_waiting_list(
    people: Personas, entries: Entries
) -> None:
    Reply.objects.filter(pk=entries.sam_reply.pk).update(felt_heard_at=timezone.now())

    replies = section(home(people, "alex"), "replies-heading")

    assert "Sam listened to" not in replies
    assert "Robin listened to" in replies


def test_a_share_waiting_for_me_is_not_listed_twice(people: Personas, entries: Entries) -> None:
    Share.objects.create(author=people.alex, circle=people.partners, text="Unanswered so far")

    page = home(people, "sam")

    assert "Unanswered so far" in section(page, "waiting-heading")
    assert page.count("Unanswered so far") == 1


def test_replies_to_a_withdrawn_share_are_not_listed(people: Personas, entries: Entries) -> None:
    Share.objects.filter(pk=entries.alex_share_partners.pk).update(withdrawn_at=timezone.now())

    replies = section(home(people, "alex"), "replies-heading")

    assert "Sam listened to" not in replies
    assert "Robin listened to" in replies


def test_my_own_replies_are_not_listed_as_replies_to_me(people: Personas, entries: Entries) -> None:
    replies = section(home(people, "sam"), "replies-heading")
    assert "listened to" not in replies


def test_thank_yous_for_me_appear_only_for_me(people: Personas, entries: Entries) -> None:
    Appreciation.objects.create(
        author=people.alex,
        circle=people.partners,
        recipient=people.sam,
        reply=entries.sam_reply,
        text="Thank you for hearing me, Sam",
    )

    assert "Thank you for hearing me, Sam" in section(home(people, "sam"), "thanks-heading")
    for other in ("alex", "robin", "olive"):
        assert "Thank you for hearing me, Sam" not in home(people, other)


def test_a_thank_you_from_someone_who_left_disappears(people: Personas, entries: Entries) -> None:
    Appreciation.objects.create(
        author=people.alex, circle=people.partners, recipient=people.sam, text="Thanks, Sam"
    )
    people.client("alex").post(reverse("circle_leave", args=[people.partners.pk]))

    assert "Thanks, Sam" not in home(people, "sam")
