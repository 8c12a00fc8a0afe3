"""The privacy rule itself (`hearthside.circles.visibility`), asked directly with querysets."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from conftest import CURRENT_TIME, Entries, Personas
from hearthside.circles import visibility
from hearthside.circles.actions import accept_invite, leave_circle
from hearthside.circles.models import Invite
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share


def names(queryset: Any, entries: Entries) -> set[str]:
    """The fixture names of the entries in `queryset`, so expectations read as words."""
    by_pk = {(type(obj), obj.pk): name for name, obj in vars(entries).items() if obj is not None}
    return {by_pk.get((type(obj), obj.pk), f"other {obj.pk}") for obj in queryset}


SHARES_SEEN = {
    "alex": {"alex_share_partners", "alex_share_friends", "sam_share_partners"},
    "sam": {"alex_share_partners", "sam_share_partners"},
    "robin": {"alex_share_friends"},
    "olive": set(),
}
CHECKINS_SEEN = {
    "alex": {"alex_private_checkin"},
    "sam": {"sam_private_checkin"},
    "robin": set(),
    "olive": set(),
}
REPLIES_SEEN = {
    "alex": {"sam_reply", "robin_reply"},
    "sam": {"sam_reply"},
    "robin": {"robin_reply"},
    "olive": set(),
}


# --- visible_entries ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", SHARES_SEEN)
def test_visible_entries_are_my_own_and_whats_shared_in_my_circles(
    people: Personas, entries: Entries, persona: str
) -> None:
    me = getattr(people, persona)
    assert (
        names(visibility.visible_entries(Share.objects.all(), me), entries)
        == (SHARES_SEEN[persona])
    )
    assert (
        names(visibility.visible_entries(CheckIn.objects.all(), me), entries)
        == (CHECKINS_SEEN[persona])
    )


@pytest.mark.parametrize("nobody", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_visible_entries_shows_nothing_to_someone_not_signed_in(
    people: Personas, entries: Entries, nobody: Any
) -> None:
    assert not visibility.visible_entries(Share.objects.all(), nobody).exists()
    assert not visibility.visible_entries(CheckIn.objects.all(), nobody).exists()
    assert not visibility.shared_with_me(Share.objects.all(), nobody).exists()
    assert not visibility.own_entries(CheckIn.objects.all(), nobody).exists()
    assert not visibility.visible_thread_items(Reply.objects.all(), nobody, "share").exists()


def test_an_entry_without_a_circle_is_only_the_authors(people: Personas, entries: Entries) -> None:
    kept = Share.objects.create(author=people.alex, circle=None, text="Not for anyone yet")

    assert kept in visibility.visible_entries(Share.objects.all(), people.alex)
    for other in (people.sam, people.robin, people.olive):
        assert kept not in visibility.visible_entries(Share.objects.all(), other)


def test_a_withdrawn_share_is_hidden_from_the_circle_but_not_from_its_author(
    people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    share.withdrawn_at = timezone.now()
    share.save()

    assert share in visibility.visible_entries(Share.objects.all(), people.alex)
    assert share not in visibility.visible_entries(Share.objects.all(), people.sam)


def test_when_the_author_leaves_their_shares_leave_with_them(
    people: Personas, entries: Entries
) -> None:
    leave_circle(people.sam, people.partners)

    assert names(visibility.visible_entries(Share.objects.all(), people.alex), entries) == {
        "alex_share_partners",
        "alex_share_friends",
    }
    assert entries.sam_share_partners in visibility.visible_entries(Share.objects.all(), people.sam)


def test_when_the_reader_leaves_they_no_longer_see_the_circle(
    people: Personas, entries: Entries
) -> None:
    leave_circle(people.sam, people.partners)

    assert names(visibility.visible_entries(Share.objects.all(), people.sam), entries) == {
        "sam_share_partners"
    }


def test_leaving_one_circle_keeps_the_other(people: Personas, entries: Entries) -> None:
    leave_circle(people.alex, people.partners)

    assert names(visibility.visible_entries(Share.objects.all(), people.robin), entries) == {
        "alex_share_friends"
    }


def test_appreciations_follow_the_same_rule(people: Personas, entries: Entries) -> None:
    thanks = Appreciation.objects.create(
        author=people.alex, circle=people.partners, recipient=people.sam, text="Thank you"
    )

    assert thanks in visibility.visible_entries(Appreciation.objects.all(), people.sam)
    assert thanks not in visibility.visible_entries(Appreciation.objects.all(), people.robin)
    assert thanks not in visibility.visible_entries(Appreciation.objects.all(), people.olive)


def test_rejoining_does_not_bring_back_what_was_shared_before(
    people: Personas, entries: Entries
) -> None:
    with time_machine.travel(CURRENT_TIME + timedelta(days=1), tick=False):
        leave_circle(people.sam, people.partners)
        _invite, token = Invite.issue(people.partners, people.alex)
    with time_machine.travel(CURRENT_TIME + timedelta(days=2), tick=False):
        accept_invite(people.sam, token)
        fresh = Share.objects.create(author=people.alex, circle=people.partners, text="Again")

    seen = visibility.visible_entries(Share.objects.all(), people.sam)
    assert entries.alex_share_partners not in seen
    assert fresh in seen
    # Sam's own share stays his; Alex, who never left, still sees it too.
    assert entries.sam_share_partners in seen
    assert entries.sam_share_partners in visibility.visible_entries(
        Share.objects.all(), people.alex
    )


def test_a_newcomer_does_not_see_what_was_said_before_they_arrived(
    people: Personas, entries: Entries
) -> None:
    with time_machine.travel(CURRENT_TIME + timedelta(hours=1), tick=False):
        _invite, token = Invite.issue(people.friends, people.alex)
        accept_invite(people.olive, token)
        later = Share.objects.create(author=people.alex, circle=people.friends, text="Hi Olive")

    assert names(visibility.visible_entries(Share.objects.all(), people.olive), entries) == {
        f"other {later.pk}"
    }
    assert names(thread(people, "olive"), entries) == set()
    # What Olive shares is seen by those who were there before her.
    hers = Share.objects.create(author=people.olive, circle=people.friends, text="Hello all")
    assert hers in visibility.visible_entries(Share.objects.all(), people.robin)


def test_an_entry_shared_the_moment_i_joined_is_mine_to_see(
    people: Personas, entries: Entries
) -> None:
    # The personas joined at CURRENT_TIME and the entries were shared at CURRENT_TIME.
    assert entries.alex_share_partners.created_at == CURRENT_TIME
    assert entries.alex_share_partners in visibility.visible_entries(
        Share.objects.all(), people.sam
    )


# --- shared_with_me and own_entries ------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alex", {"sam_share_partners"}),
        ("sam", {"alex_share_partners"}),
        ("robin", {"alex_share_friends"}),
        ("olive", set()),
    ],
)
def test_shared_with_me_is_what_others_shared_in_my_circles(
    people: Personas, entries: Entries, persona: str, expected: set[str]
) -> None:
    me = getattr(people, persona)
    assert names(visibility.shared_with_me(Share.objects.all(), me), entries) == expected


def test_shared_with_me_never_includes_private_check_ins(
    people: Personas, entries: Entries
) -> None:
    assert not visibility.shared_with_me(CheckIn.objects.all(), people.sam).exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alex", {"alex_share_partners", "alex_share_friends"}),
        ("sam", {"sam_share_partners"}),
        ("robin", set()),
        ("olive", set()),
    ],
)
def test_own_entries_are_only_mine(
    people: Personas, entries: Entries, persona: str, expected: set[str]
) -> None:
    me = getattr(people, persona)
    assert names(visibility.own_entries(Share.objects.all(), me), entries) == expected


def test_own_entries_include_what_i_withdrew(people: Personas, entries: Entries) -> None:
    Share.objects.filter(pk=entries.alex_share_partners.pk).update(withdrawn_at=timezone.now())

    assert entries.alex_share_partners in visibility.own_entries(Share.objects.all(), people.alex)


# --- visible_thread_items -------------------------------------------------------------------


def thread(people: Personas, persona: str) -> Any:
    me = getattr(people, persona)
    return visibility.visible_thread_items(Reply.objects.all(), me, "share")


@pytest.mark.parametrize("persona", REPLIES_SEEN)
def test_replies_are_seen_by_whoever_sees_the_share(
    people: Personas, entries: Entries, persona: str
) -> None:
    assert names(thread(people, persona), entries) == REPLIES_SEEN[persona]


def test_a_withdrawn_shares_replies_are_only_the_authors(
    people: Personas, entries: Entries
) -> None:
    Share.objects.filter(pk=entries.alex_share_partners.pk).update(withdrawn_at=timezone.now())

    assert names(thread(people, "alex"), entries) == {"sam_reply", "robin_reply"}
    assert names(thread(people, "sam"), entries) == set()


def test_a_reply_leaves_with_its_author(people: Personas, entries: Entries) -> None:
    leave_circle(people.robin, people.friends)

    assert names(thread(people, "alex"), entries) == {"sam_reply"}
    assert names(thread(people, "robin"), entries) == set()


def test_my_own_reply_stays_with_me_while_i_am_in_the_circle(
    people: Personas, entries: Entries
) -> None:
    other = Reply.objects.create(
        share=entries.sam_share_partners, author=people.alex, reflect="Alex hears Sam"
    )

    assert other in thread(people, "alex")
    assert other in thread(people, "sam")
    assert other not in thread(people, "robin")


# --- get_visible_or_404 ---------------------------------------------------------------------


def test_get_visible_or_404_returns_what_i_may_see(people: Personas, entries: Entries) -> None:
    share = visibility.get_visible_or_404(
        Share.objects.all(), people.sam, pk=entries.alex_share_partners.pk
    )
    assert share == entries.alex_share_partners


@pytest.mark.parametrize(
    ("persona", "entry"),
    [
        ("sam", "alex_private_checkin"),
        ("robin", "alex_private_checkin"),
        ("olive", "alex_private_checkin"),
        ("alex", "sam_private_checkin"),
    ],
)
def test_get_visible_or_404_hides_someone_elses_check_in(
    people: Personas, entries: Entries, persona: str, entry: str
) -> None:
    with pytest.raises(Http404):
        visibility.get_visible_or_404(
            CheckIn.objects.all(), getattr(people, persona), pk=getattr(entries, entry).pk
        )


@pytest.mark.parametrize(
    ("persona", "entry"),
    [
        ("sam", "alex_share_friends"),
        ("robin", "alex_share_partners"),
        ("olive", "sam_share_partners"),
    ],
)
def test_get_visible_or_404_hides_shares_from_other_circles(
    people: Personas, entries: Entries, persona: str, entry: str
) -> None:
    with pytest.raises(Http404):
        visibility.get_visible_or_404(
            Share.objects.all(), getattr(people, persona), pk=getattr(entries, entry).pk
        )


def test_get_visible_or_404_treats_hidden_and_missing_alike(
    people: Personas, entries: Entries
) -> None:
    with pytest.raises(Http404) as hidden:
        visibility.get_visible_or_404(
            CheckIn.objects.all(), people.sam, pk=entries.alex_private_checkin.pk
        )
    with pytest.raises(Http404) as missing:
        visibility.get_visible_or_404(CheckIn.objects.all(), people.sam, pk=987_654)

    assert str(hidden.value) == str(missing.value)


def test_get_visible_or_404_hides_everything_from_anonymous(
    people: Personas, entries: Entries
) -> None:
    with pytest.raises(Http404):
        visibility.get_visible_or_404(
            Share.objects.all(), AnonymousUser(), pk=entries.alex_share_partners.pk
        )
