"""The journal: everything I wrote and nothing anyone else did, with search and filters."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Entries, Personas
from hearthside.practice.models import CheckIn, Share

URL = reverse("journal")
HX = {"HX-Request": "true"}
ALEX_CHECKIN = "Alex's private note"
ALEX_PARTNERS = "Alex to partners: work is heavy this week"
ALEX_FRIENDS = "Alex to friends: nervous about the climb"
SAM_CHECKIN = "Sam's private note"
SAM_PARTNERS = "Sam to partners: I loved Sunday"


def journal(people: Personas, persona: str, headers: dict[str, str] | None = None, **q: str) -> str:
    response = people.client(persona).get(URL, q, headers=headers or {})
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def shown(page: str, *texts: str) -> list[bool]:
    return [text in page for text in texts]


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_it_shows_all_my_entries_and_nothing_of_anyone_elses(
    people: Personas, entries: Entries
) -> None:
    page = journal(people, "alex")

    assert shown(page, ALEX_CHECKIN, ALEX_PARTNERS, ALEX_FRIENDS) == [True, True, True]
    assert shown(page, SAM_CHECKIN, SAM_PARTNERS, "Sam hears") == [False, False, False]


def test_my_partners_journal_has_nothing_of_mine(people: Personas, entries: Entries) -> None:
    page = journal(people, "sam")

    assert shown(page, SAM_CHECKIN, SAM_PARTNERS) == [True, True]
    assert shown(page, ALEX_CHECKIN, ALEX_PARTNERS, ALEX_FRIENDS) == [False, False, False]


def test_an_empty_journal_says_where_check_ins_will_appear(
    people: Personas, entries: Entries
) -> None:
    assert "Your journal is empty so far." in journal(people, "olive")


def test_it_marks_what_i_withdrew(people: Personas, entries: Entries) -> None:
    Share.objects.filter(pk=entries.alex_share_partners.pk).update(withdrawn_at=timezone.now())

    assert "shared with Alex & Sam · withdrawn" in journal(people, "alex")


@pytest.mark.parametrize("q", ["heavy", "HEAVY", " heavy "])
def test_searching_finds_shares_by_their_words(people: Personas, entries: Entries, q: str) -> None:
    page = journal(people, "alex", q=q)

    assert shown(page, ALEX_PARTNERS, ALEX_FRIENDS, ALEX_CHECKIN) == [True, False, False]


def test_searching_finds_check_ins_by_note_or_situation(people: Personas) -> None:
    CheckIn.objects.create(author=people.alex, note="Tea with Mum", situation="")
    CheckIn.objects.create(author=people.alex, note="", situation="Mum's birthday plans")
    CheckIn.objects.create(author=people.alex, note="Gym", situation="Quiet day")

    page = journal(people, "alex", q="mum")

    assert shown(page, "Tea with Mum", "Mum's birthday plans", "Gym") == [True, True, False]


def test_searching_never_reaches_into_other_peoples_words(
    people: Personas, entries: Entries
) -> None:
    page = journal(people, "sam", q="climb")

    assert ALEX_FRIENDS not in page
    assert "Nothing matches. Try fewer words or a wider range of dates." in page


def test_filtering_by_a_feeling(people: Personas, entries: Entries) -> None:
    page = journal(people, "alex", feeling="anxious")

    assert shown(page, ALEX_CHECKIN, ALEX_PARTNERS, ALEX_FRIENDS) == [True, True, False]


def test_filtering_by_a_feeling_matches_the_whole_word(people: Personas) -> None:
    CheckIn.objects.create(author=people.alex, feelings=["worn-out"], note="Long shift")
    CheckIn.objects.create(author=people.alex, feelings=["tired"], note="Late night")

    page = journal(people, "alex", feeling="tired")

    assert shown(page, "Late night", "Long shift") == [True, False]


def test_an_unknown_feeling_in_the_filter_is_explained(people: Personas, entries: Entries) -> None:
    page = journal(people, "alex", feeling="blorft")

    assert "blorft is not one of the available choices" in page


def test_filtering_by_dates_includes_both_whole_days(people: Personas) -> None:
    for day, hour in ((1, 23), (2, 0), (3, 23), (4, 0)):
        CheckIn.objects.create(
            author=people.alex, note=f"March {day} at {hour}", created_at=at(2026, 3, day, hour)
        )

    page = journal(people, "alex", start="2026-03-02", end="2026-03-03")

    assert shown(page, "March 1 at 23", "March 2 at 0", "March 3 at 23", "March 4 at 0") == [
        False,
        True,
        True,
        False,
    ]


def test_a_start_date_alone_hides_what_came_before(people: Personas) -> None:
    CheckIn.objects.create(author=people.alex, note="February", created_at=at(2026, 2, 20, 9))
    Share.objects.create(
        author=people.alex,
        circle=people.partners,
        text="Old share",
        created_at=at(2026, 2, 21, 9),
    )
    CheckIn.objects.create(author=people.alex, note="March", created_at=at(2026, 3, 2, 9))

    page = journal(people, "alex", start="2026-03-01")

    assert shown(page, "February", "Old share", "March") == [False, False, True]


def test_days_are_my_days_in_my_own_time_zone(people: Personas) -> None:
    people.alex.time_zone = "Pacific/Auckland"  # 13 hours ahead of UTC in March
    people.alex.save()
    # 1 a.m. on 3 March in Auckland, still 2 March in London and UTC.
    CheckIn.objects.create(
        author=people.alex, note="Early in Auckland", created_at=at(2026, 3, 2, 12)
    )

    assert "Early in Auckland" in journal(people, "alex", start="2026-03-03", end="2026-03-03")
    assert "Early in Auckland" not in journal(people, "alex", start="2026-03-02", end="2026-03-02")


def test_the_day_the_clocks_go_forward_still_ends_at_local_midnight(people: Personas) -> None:
    # London moves to BST at 01:00 UTC on 29 March 2026: 23:30 UTC that night is 00:30 on the
    # 30th for Alex.
    CheckIn.objects.create(
        author=people.alex, note="Just before", created_at=at(2026, 3, 29, 22, 30)
    )
    CheckIn.objects.create(
        author=people.alex, note="Just after", created_at=at(2026, 3, 29, 23, 30)
    )

    page = journal(people, "alex", start="2026-03-29", end="2026-03-29")

    assert shown(page, "Just before", "Just after") == [True, False]


def test_an_end_before_the_start_is_explained_and_nothing_typed_is_lost(
    people: Personas, entries: Entries
) -> None:
    page = journal(people, "alex", q="heavy", start="2026-03-05", end="2026-03-01")

    assert "The end date is before the start date." in page
    assert 'value="2026-03-05"' in page
    assert 'value="2026-03-01"' in page
    assert 'value="heavy"' in page


def test_a_date_that_does_not_exist_is_explained(people: Personas, entries: Entries) -> None:
    page = journal(people, "alex", q="heavy", start="2026-02-31")

    assert "Enter a valid date." in page
    assert 'value="2026-02-31"' in page
    assert 'value="heavy"' in page


def test_htmx_gets_just_the_entries(people: Personas, entries: Entries) -> None:
    page = journal(people, "alex", headers=HX, q="heavy")

    assert "<html" not in page
    assert 'role="search"' not in page
    assert shown(page, ALEX_PARTNERS, ALEX_FRIENDS) == [True, False]


def test_htmx_with_nothing_found_says_so(people: Personas, entries: Entries) -> None:
    page = journal(people, "alex", headers=HX, q="zebra")

    assert "Nothing matches." in page


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    response = people.client("anonymous").get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405
