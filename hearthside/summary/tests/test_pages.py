"""The pages: the list with its proposal form, a request's page in each state, the printable
page and the Markdown download."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from conftest import Personas
from hearthside.summary import actions
from hearthside.summary.models import SummaryRequest
from hearthside.summary.tests.conftest import (
    END,
    NEVER,
    SHARED,
    START,
    Story,
    produced,
    propose,
)


def _text(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


# --- The list and proposing ---------------------------------------------------------------


def test_the_list_explains_what_a_summary_is_and_offers_the_last_four_weeks(
    people: Personas,
) -> None:
    response = people.client("alex").get(reverse("summaries"))
    assert response.status_code == 200
    body = _text(response)
    assert "Summaries for a facilitator" in body
    assert "only made when everyone in the circle has said yes" in body
    assert 'value="2026-02-05"' in body and 'value="2026-03-04"' in body
    assert 'max="2026-03-04"' in body
    # Only my circles to choose from.
    assert "Alex & Sam" in body and "Climbing friends" in body


def test_proposing_takes_me_to_the_request_with_my_yes_given(people: Personas) -> None:
    response = people.client("alex").post(
        reverse("summaries"),
        {"circle": people.partners.pk, "start": "2026-02-01", "end": "2026-03-03"},
        follow=True,
    )
    summary = SummaryRequest.objects.get()
    assert response.redirect_chain[-1][0] == reverse("summary", args=[summary.pk])
    body = _text(response)
    assert "Proposed, with your consent" in body
    assert "1 of 2 have said yes." in body
    assert (summary.period_start, summary.period_end) == (START, END)


def test_a_problem_with_the_dates_is_explained_and_nothing_typed_is_lost(
    people: Personas,
) -> None:
    response = people.client("alex").post(
        reverse("summaries"),
        {"circle": people.partners.pk, "start": "2026-03-03", "end": "2026-03-01"},
    )
    assert response.status_code == 200
    body = _text(response)
    assert "The period ends before it starts — check the two dates." in body
    assert 'value="2026-03-03"' in body and 'value="2026-03-01"' in body
    assert not SummaryRequest.objects.exists()


def test_a_circle_that_is_not_mine_cannot_be_chosen(people: Personas) -> None:
    response = people.client("sam").post(
        reverse("summaries"),
        {"circle": people.friends.pk, "start": "2026-02-01", "end": "2026-03-03"},
    )
    assert response.status_code == 200
    assert "Choose one of your circles." in _text(response)
    assert not SummaryRequest.objects.exists()


def test_a_second_request_for_the_same_dates_is_explained(people: Personas) -> None:
    propose(people)
    response = people.client("sam").post(
        reverse("summaries"),
        {"circle": people.partners.pk, "start": "2026-02-01", "end": "2026-03-03"},
    )
    assert "There's already a request for these dates waiting in this circle." in _text(response)
    assert SummaryRequest.objects.count() == 1


def test_the_list_groups_requests_by_what_they_need_from_me(story: Story) -> None:
    people = story.people
    waiting = propose(people)
    made = actions.propose(people.alex, people.partners, date(2026, 1, 1), date(2026, 1, 31))
    actions.consent(people.sam, made)
    sam_page = _text(people.client("sam").get(reverse("summaries")))
    assert "Waiting for your answer" in sam_page
    assert "Ready to read, print or download" in sam_page
    assert reverse("summary", args=[waiting.pk]) in sam_page
    alex_page = _text(people.client("alex").get(reverse("summaries")))
    assert "You've said yes; waiting for the others" in alex_page
    assert "Waiting for your answer" not in alex_page


def test_a_circle_can_be_chosen_from_a_link(people: Personas) -> None:
    body = _text(people.client("alex").get(reverse("summaries") + f"?circle={people.friends.pk}"))
    assert re.search(rf'<option value="{people.friends.pk}" selected>', body)


# --- One request --------------------------------------------------------------------------


def test_a_waiting_request_shows_who_has_said_yes_and_what_it_would_hold(story: Story) -> None:
    people = story.people
    summary = propose(people)
    body = _text(people.client("sam").get(reverse("summary", args=[summary.pk])))
    assert "Would you like this summary made?" in body
    assert 'Alex</strong>: <span class="badge heard">yes' in body
    assert 'You</strong>: <span class="badge">not yet' in body
    assert "2 shares" in body and "1 understanding moment" in body and "1 ritual" in body
    assert "Yes, I agree to this summary" in body
    # Sam didn't propose it, so there's nothing to cancel; the words themselves aren't shown yet.
    assert "Cancel this request" not in body
    assert SHARED not in body


def test_consenting_on_the_page_makes_it_and_shows_it(story: Story) -> None:
    people = story.people
    summary = propose(people)
    response = people.client("sam").post(reverse("summary_consent", args=[summary.pk]), follow=True)
    body = _text(response)
    assert "Everyone has agreed, so the summary is made. Here it is." in body
    assert SHARED in body
    assert reverse("summary_print", args=[summary.pk]) in body
    assert reverse("summary_markdown", args=[summary.pk]) in body
    for text in NEVER:
        assert text not in body


def test_withdrawing_on_the_page_takes_the_yes_back(story: Story) -> None:
    people = story.people
    summary = propose(people)
    response = people.client("alex").post(
        reverse("summary_withdraw", args=[summary.pk]), follow=True
    )
    body = _text(response)
    assert "Your consent is taken back." in body
    assert "0 of 2 have said yes." in body


def test_consenting_after_it_is_made_is_explained_not_an_error(story: Story) -> None:
    people = story.people
    summary = produced(people)
    response = people.client("alex").post(
        reverse("summary_withdraw", args=[summary.pk]), follow=True
    )
    assert "already been made" in _text(response)


def test_only_the_proposer_sees_and_may_use_cancel(story: Story) -> None:
    people = story.people
    summary = propose(people)
    assert "Cancel this request" in _text(
        people.client("alex").get(reverse("summary", args=[summary.pk]))
    )
    assert (
        people.client("sam").post(reverse("summary_cancel", args=[summary.pk])).status_code == 403
    )
    response = people.client("alex").post(reverse("summary_cancel", args=[summary.pk]), follow=True)
    assert "This request was cancelled before it was made." in _text(response)


def test_deleting_a_made_summary_leaves_nothing_to_read(story: Story) -> None:
    people = story.people
    summary = produced(people)
    response = people.client("sam").post(reverse("summary_cancel", args=[summary.pk]), follow=True)
    body = _text(response)
    assert "This summary was deleted. Nothing of it is kept." in body
    assert SHARED not in body
    client = people.client("alex")
    assert client.get(reverse("summary_print", args=[summary.pk])).status_code == 404
    assert client.get(reverse("summary_markdown", args=[summary.pk])).status_code == 404


def test_a_lapsed_summary_says_why_and_shows_nothing(story: Story) -> None:
    from hearthside.circles.actions import leave_circle

    people = story.people
    summary = produced(people)
    leave_circle(people.sam, people.partners)
    body = _text(people.client("alex").get(reverse("summary", args=[summary.pk])))
    assert "has left the circle since, so it's no longer shown" in body
    assert SHARED not in body


# --- Live updates (htmx) ------------------------------------------------------------------


def test_the_page_asking_again_gets_nothing_when_nothing_changed(story: Story) -> None:
    people = story.people
    summary = propose(people)
    url = reverse("summary", args=[summary.pk])
    client = people.client("alex")
    unchanged = client.get(url + "?seen=10", headers={"HX-Request": "true"})
    assert unchanged.status_code == 204
    changed = client.get(url + "?seen=00", headers={"HX-Request": "true"})
    assert changed.status_code == 200
    assert "1 of 2 have said yes." in _text(changed)
    assert "<html" not in _text(changed)


def test_the_page_reloads_itself_when_the_summary_is_made(story: Story) -> None:
    people = story.people
    summary = produced(people)
    response = people.client("alex").get(
        reverse("summary", args=[summary.pk]) + "?seen=10", headers={"HX-Request": "true"}
    )
    assert response.headers["HX-Refresh"] == "true"
    assert response.content == b""


# --- Print and Markdown -------------------------------------------------------------------


def test_the_printable_page_loads_the_print_stylesheet(story: Story) -> None:
    people = story.people
    summary = produced(people)
    response = people.client("sam").get(reverse("summary_print", args=[summary.pk]))
    assert response.status_code == 200
    body = _text(response)
    assert "/static/hearthside/summary-print.css" in body
    assert "/static/hearthside/summary.js" in body
    assert '<h1 id="print-heading">Summary for Alex & Sam</h1>' in body
    for heading in ("What was shared", "Understanding moments", "Ruptures and repair"):
        assert f">{heading}</h2>" in body
    assert SHARED in body
    for text in NEVER:
        assert text not in body


def test_the_markdown_downloads_as_a_file(story: Story) -> None:
    people = story.people
    summary = produced(people)
    response = people.client("alex").get(reverse("summary_markdown", args=[summary.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="hearthside-summary-alex-sam-2026-02-01-to-2026-03-03.md"'
    )
    text = response.content.decode("utf-8")
    assert text == SummaryRequest.objects.get(pk=summary.pk).markdown
    assert SHARED in text
    for private in NEVER:
        assert private not in text
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("view", ["summary_print", "summary_markdown"])
def test_nothing_to_print_or_download_before_it_is_made(story: Story, view: str) -> None:
    summary = propose(story.people)
    assert story.people.client("alex").get(reverse(view, args=[summary.pk])).status_code == 404


# --- Methods ------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["summary_consent", "summary_withdraw", "summary_cancel"])
def test_actions_only_take_post(people: Personas, view: str) -> None:
    summary = propose(people)
    assert people.client("sam").get(reverse(view, args=[summary.pk])).status_code == 405


@pytest.mark.parametrize("view", ["summary", "summary_print", "summary_markdown"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_pages_only_take_get(story: Story, view: str, method: str) -> None:
    summary = produced(story.people)
    response = getattr(story.people.client("alex"), method)(reverse(view, args=[summary.pk]))
    assert response.status_code == 405


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_the_list_takes_get_and_post_only(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(reverse("summaries")).status_code == 405


def test_the_list_costs_the_same_few_queries_however_many_requests(
    story: Story, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    people = story.people
    produced(people)
    client = people.client("sam")
    client.get(reverse("summaries"))  # the session, once
    for day in range(1, 8):
        actions.propose(people.alex, people.partners, date(2026, 1, day), date(2026, 1, 20))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("summaries")).status_code == 200
