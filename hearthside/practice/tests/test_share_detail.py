"""A share, its replies, and the listening reply form with its gentle nudges."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Entries, Personas
from hearthside.practice.models import Reply, Share

HX = {"HX-Request": "true"}
GOOD_REPLY = {
    "reflect": "It sounds like this week is sitting heavy on you.",
    "validation": "you'd feel stretched with all of that at once.",
    "question": "What's been the hardest part?",
}
ACKNOWLEDGE = "Before you send: would you like to reflect back what you heard"
FIXING = "This sounds a little like advice"


def url(share: Any) -> str:
    return reverse("share", args=[share.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_a_member_sees_the_share_and_can_listen(people: Personas, entries: Entries) -> None:
    response = people.client("sam").get(url(entries.alex_share_partners))

    assert response.status_code == 200
    page = text_of(response)
    assert "Alex to partners: work is heavy this week" in page
    assert "anxious" in page
    assert "Just listen" in page
    assert "Sam hears: it's heavy" in page
    assert "Listen to Alex" in page


def test_the_feelings_stay_separate_words_without_styles(
    people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    share.feelings = ["anxious", "tired"]
    share.save(update_fields=["feelings"])
    page = text_of(people.client("sam").get(url(share)))
    # What copy-paste and reader mode see: the bare text, tags gone, no stylesheet to space chips.
    bare = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert re.search(r"\bAnxious Tired\b", bare, re.IGNORECASE)


@pytest.mark.parametrize(
    ("persona", "share"),
    [
        ("sam", "alex_share_friends"),  # the partner, not in the friends circle
        ("robin", "alex_share_partners"),
        ("olive", "alex_share_partners"),
        ("olive", "alex_share_friends"),
    ],
)
def test_people_outside_the_circle_get_not_found(
    people: Personas, entries: Entries, persona: str, share: str
) -> None:
    client = people.client(persona)
    target = url(getattr(entries, share))

    hidden = client.get(target)
    missing = client.get(reverse("share", args=[987_654]))
    posted = client.post(target, GOOD_REPLY)

    assert hidden.status_code == 404
    assert hidden.content == missing.content
    assert posted.status_code == 404
    assert not Reply.objects.filter(reflect=GOOD_REPLY["reflect"]).exists()


def test_the_share_never_shows_the_check_in_it_came_from(
    people: Personas, entries: Entries
) -> None:
    page = text_of(people.client("sam").get(url(entries.alex_share_partners)))

    assert "Alex's private note" not in page
    assert "tired" not in page  # a feeling in the check-in that Alex chose not to share


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, entries: Entries) -> None:
    target = url(entries.alex_share_partners)

    response = people.client("anonymous").post(target, GOOD_REPLY)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert not Reply.objects.filter(reflect=GOOD_REPLY["reflect"]).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, entries: Entries, method: str) -> None:
    client = people.client("sam")
    assert getattr(client, method)(url(entries.alex_share_partners)).status_code == 405


def test_a_listening_reply_is_saved_and_shown(people: Personas, entries: Entries) -> None:
    share = entries.alex_share_partners

    response = people.client("sam").post(url(share), GOOD_REPLY, follow=True)

    reply = Reply.objects.get(reflect=GOOD_REPLY["reflect"])
    assert (reply.share, reply.author) == (share, people.sam)
    assert reply.validation == GOOD_REPLY["validation"]
    assert reply.question == GOOD_REPLY["question"]
    assert response.redirect_chain == [(url(share), 302)]
    page = text_of(response)
    assert "Your reply is on its way." in page
    assert GOOD_REPLY["reflect"] in page


def test_a_reply_with_only_a_question_gets_a_nudge_and_is_not_sent(
    people: Personas, entries: Entries
) -> None:
    before = Reply.objects.count()

    response = people.client("sam").post(
        url(entries.alex_share_partners), {"question": "Is it the Henderson project again?"}
    )

    assert response.status_code == 200
    page = text_of(response)
    assert ACKNOWLEDGE in page
    assert "Send it as it is" in page
    assert "Is it the Henderson project again?" in page
    assert Reply.objects.count() == before


def test_send_anyway_sends_the_reply_as_it_is(people: Personas, entries: Entries) -> None:
    response = people.client("sam").post(
        url(entries.alex_share_partners),
        {"question": "Is it the Henderson project again?", "send_anyway": "1"},
    )

    assert response.status_code == 302
    reply = Reply.objects.get(question="Is it the Henderson project again?")
    assert (reply.reflect, reply.validation) == ("", "")


@pytest.mark.parametrize("wants", ["just-listen", "reassurance", "space"])
def test_advice_on_a_share_that_did_not_ask_for_it_gets_the_fixing_nudge(
    people: Personas, entries: Entries, wants: str
) -> None:
    share = entries.alex_share_partners
    Share.objects.filter(pk=share.pk).update(wants=wants)
    typed = {
        "reflect": "You're swamped.",
        "validation": "",
        "question": "Honestly, you should just tell your boss no?",
    }

    response = people.client("sam").post(url(share), typed)

    assert response.status_code == 200
    page = text_of(response)
    assert FIXING in page
    assert "Could you start with what you hear them feeling?" in page
    assert "You're swamped." in page
    assert "Honestly, you should just tell your boss no?" in page
    assert not Reply.objects.filter(reflect="You're swamped.").exists()


def test_the_fixing_nudge_names_what_the_sharer_asked_for(
    people: Personas, entries: Entries
) -> None:
    response = people.client("sam").post(
        url(entries.alex_share_partners), {"reflect": "You should just rest."}
    )

    assert "Alex asked for “just listen”" in text_of(response)


def test_advice_is_sent_straight_away_when_they_asked_for_help_thinking(
    people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    Share.objects.filter(pk=share.pk).update(wants="help-thinking")
    typed = {"reflect": "You sound torn.", "question": "Have you tried listing both options?"}

    response = people.client("sam").post(url(share), typed)

    assert response.status_code == 302
    assert Reply.objects.filter(reflect="You sound torn.").exists()


def test_an_empty_reply_asks_for_at_least_one_part(people: Personas, entries: Entries) -> None:
    before = Reply.objects.count()

    response = people.client("sam").post(
        url(entries.alex_share_partners), {"reflect": "  ", "validation": "", "question": ""}
    )

    assert response.status_code == 200
    assert "Write at least one part — even one line saying what you heard." in text_of(response)
    assert Reply.objects.count() == before


def test_a_reply_that_is_too_long_is_refused_and_kept(people: Personas, entries: Entries) -> None:
    long_question = "why " * 600

    response = people.client("sam").post(
        url(entries.alex_share_partners), {"reflect": "I hear you.", "question": long_question}
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "Ensure this value has at most 2000 characters" in page
    assert "I hear you." in page
    assert long_question.strip() in page
    assert not Reply.objects.filter(reflect="I hear you.").exists()


def test_the_sharer_is_not_offered_a_reply_form(people: Personas, entries: Entries) -> None:
    page = text_of(people.client("alex").get(url(entries.alex_share_partners)))

    assert "Listen to Alex" not in page
    assert "Send reply" not in page
    assert "Withdraw this share" in page


def test_the_sharer_cannot_reply_to_their_own_share(people: Personas, entries: Entries) -> None:
    before = Reply.objects.count()

    response = people.client("alex").post(url(entries.alex_share_partners), GOOD_REPLY)

    assert response.status_code == 403
    assert Reply.objects.count() == before


def test_the_sharer_sees_a_felt_heard_button_on_each_reply(
    people: Personas, entries: Entries
) -> None:
    page = text_of(people.client("alex").get(url(entries.alex_share_partners)))

    assert "I felt heard" in page
    assert reverse("reply_heard", args=[entries.sam_reply.pk]) in page


def test_a_listener_does_not_get_the_sharers_buttons(people: Personas, entries: Entries) -> None:
    page = text_of(people.client("sam").get(url(entries.alex_share_partners)))

    assert "I felt heard" not in page
    assert "Withdraw this share" not in page


def test_htmx_polling_gets_just_the_replies(people: Personas, entries: Entries) -> None:
    response = people.client("sam").get(url(entries.alex_share_partners), headers=HX)

    assert response.status_code == 200
    page = text_of(response)
    assert "Sam hears: it's heavy" in page
    assert "<html" not in page
    assert "Alex to partners" not in page
    assert "Send reply" not in page


def test_htmx_polling_with_no_replies_says_so_quietly(people: Personas, entries: Entries) -> None:
    page = text_of(people.client("alex").get(url(entries.sam_share_partners), headers=HX))

    assert "No replies yet." in page


def test_a_withdrawn_share_is_only_for_its_author(people: Personas, entries: Entries) -> None:
    share = entries.alex_share_partners
    Share.objects.filter(pk=share.pk).update(withdrawn_at=timezone.now())

    author_page = text_of(people.client("alex").get(url(share)))
    assert "Withdrawn — only you can see this" in author_page
    assert "Withdraw this share" not in author_page
    assert "Sam hears: it's heavy" in author_page
    assert people.client("sam").get(url(share)).status_code == 404
    assert people.client("sam").post(url(share), GOOD_REPLY).status_code == 404


def test_replies_from_someone_who_left_the_circle_disappear(
    people: Personas, entries: Entries
) -> None:
    people.client("robin").post(reverse("circle_leave", args=[people.friends.pk]))

    page = text_of(people.client("alex").get(url(entries.alex_share_friends)))

    assert "Robin: makes sense to be nervous" not in page
    assert "No replies yet." in page
