"""Consent: a summary is made only when everyone who was in the circle when it was proposed has
said yes, each can take their yes back until then, and changes to the circle are handled
predictably (a later joiner isn't asked and can't see it; someone leaving makes it lapse)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import Personas
from hearthside.circles.actions import leave_circle
from hearthside.circles.models import Membership
from hearthside.summary import actions, privacy
from hearthside.summary.models import Consent, State, SummaryRequest
from hearthside.summary.tests.conftest import END, SHARED, START, Story, produced, propose


def _fresh(summary: SummaryRequest) -> SummaryRequest:
    return SummaryRequest.objects.get(pk=summary.pk)


def test_proposing_counts_as_the_proposers_consent_and_asks_everyone_else(story: Story) -> None:
    people = story.people
    summary = propose(people)
    consents = {c.person_id: c for c in Consent.objects.filter(request=summary)}
    assert set(consents) == {people.alex.pk, people.sam.pk}
    assert consents[people.alex.pk].is_given
    assert not consents[people.sam.pk].is_given
    assert summary.participant_count == 2
    assert summary.time_zone == "Europe/London"
    assert actions.state(summary) == State.WAITING
    assert summary.produced_at is None and summary.markdown == "" and summary.data == {}


def test_the_last_consent_makes_the_summary_at_once(story: Story) -> None:
    summary = produced(story.people)
    summary = _fresh(summary)
    assert actions.state(summary) == State.PRODUCED
    assert summary.produced_at == timezone.now()
    assert SHARED in summary.markdown
    snapshot = actions.snapshot_of(summary)
    assert snapshot is not None
    assert snapshot.members == ["Alex", "Sam"]
    assert snapshot.produced_on == date(2026, 3, 4)


def test_a_consent_withdrawn_before_the_last_one_means_nothing_is_made(
    people: Personas, story: Story
) -> None:
    # Robin joins Alex & Sam, so there are three to ask.
    Membership.objects.create(
        circle=people.partners, person=people.robin, joined_at=timezone.now() - timedelta(days=90)
    )
    summary = propose(people)
    actions.consent(people.sam, summary)
    actions.withdraw(people.sam, summary)
    actions.consent(people.robin, summary)
    summary = _fresh(summary)
    assert actions.state(summary) == State.WAITING
    assert summary.produced_at is None and summary.markdown == ""
    withdrawn = Consent.objects.get(request=summary, person=people.sam)
    assert withdrawn.given_at is not None and withdrawn.withdrawn_at is not None
    # Sam changes their mind again: that last yes makes it.
    actions.consent(people.sam, summary)
    assert actions.state(_fresh(summary)) == State.PRODUCED


def test_the_proposer_can_withdraw_their_own_consent_too(story: Story) -> None:
    people = story.people
    summary = propose(people)
    actions.withdraw(people.alex, summary)
    actions.consent(people.sam, summary)
    assert actions.state(_fresh(summary)) == State.WAITING
    actions.consent(people.alex, summary)
    assert actions.state(_fresh(summary)) == State.PRODUCED


def test_consent_cannot_change_once_it_is_made(story: Story) -> None:
    people = story.people
    summary = produced(people)
    with pytest.raises(actions.Refused, match="already been made"):
        actions.withdraw(people.alex, summary)
    with pytest.raises(actions.Refused, match="already been made"):
        actions.consent(people.sam, summary)
    assert _fresh(summary).markdown == summary.markdown


def test_consenting_twice_makes_it_once(story: Story) -> None:
    people = story.people
    summary = propose(people)
    actions.consent(people.alex, summary)  # already given by proposing: nothing changes
    assert actions.state(_fresh(summary)) == State.WAITING
    actions.consent(people.sam, summary)
    first = _fresh(summary).produced_at
    with pytest.raises(actions.Refused):
        actions.consent(people.sam, summary)
    assert _fresh(summary).produced_at == first


def test_only_the_proposer_cancels_a_waiting_request(story: Story) -> None:
    people = story.people
    summary = propose(people)
    with pytest.raises(actions.NotYours):
        actions.cancel(people.sam, summary)
    assert actions.state(_fresh(summary)) == State.WAITING
    actions.cancel(people.alex, summary)
    summary = _fresh(summary)
    assert actions.state(summary) == State.CANCELLED
    with pytest.raises(actions.Refused, match="cancelled"):
        actions.consent(people.sam, summary)
    assert _fresh(summary).produced_at is None


def test_anyone_in_it_can_delete_a_made_summary_and_nothing_is_kept(story: Story) -> None:
    people = story.people
    summary = produced(people)
    actions.cancel(people.sam, summary)
    summary = _fresh(summary)
    assert actions.state(summary) == State.CANCELLED
    assert summary.markdown == "" and summary.data == {}
    assert actions.snapshot_of(summary) is None


def test_someone_who_joins_later_is_not_asked_and_does_not_hold_it_up(
    people: Personas, story: Story
) -> None:
    """The request is for the people in the circle when it was proposed. Robin, joining after,
    never saw what was shared before, so is neither asked nor shown it."""
    summary = propose(people)
    Membership.objects.create(circle=people.partners, person=people.robin)
    assert not Consent.objects.filter(request=summary, person=people.robin).exists()
    assert not privacy.visible_requests(SummaryRequest.objects.all(), people.robin).exists()
    actions.consent(people.sam, summary)
    summary = _fresh(summary)
    assert actions.state(summary) == State.PRODUCED
    snapshot = actions.snapshot_of(summary)
    assert snapshot is not None and snapshot.members == ["Alex", "Sam"]
    # Robin still can't see the made summary.
    assert not privacy.visible_requests(SummaryRequest.objects.all(), people.robin).exists()


def test_a_participant_leaving_makes_a_waiting_request_lapse(story: Story) -> None:
    people = story.people
    summary = propose(people)
    leave_circle(people.sam, people.partners)
    summary = _fresh(summary)
    assert actions.state(summary) == State.LAPSED
    with pytest.raises(actions.Refused, match="left the circle"):
        actions.consent(people.alex, summary)
    # Sam no longer sees it; Alex still does, to learn what happened.
    assert not privacy.visible_requests(SummaryRequest.objects.all(), people.sam).exists()
    assert privacy.visible_requests(SummaryRequest.objects.all(), people.alex).exists()


def test_leaving_and_coming_back_does_not_bring_a_request_back(story: Story) -> None:
    people = story.people
    summary = propose(people)
    leave_circle(people.sam, people.partners)
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=None, joined_at=timezone.now() + timedelta(minutes=1)
    )
    assert actions.state(_fresh(summary)) == State.LAPSED
    assert not privacy.visible_requests(SummaryRequest.objects.all(), people.sam).exists()


def test_a_made_summary_is_no_longer_shown_once_a_participant_leaves(story: Story) -> None:
    """Leaving takes a person's words with them: the summary held Sam's words too."""
    people = story.people
    summary = produced(people)
    leave_circle(people.sam, people.partners)
    summary = _fresh(summary)
    assert actions.state(summary) == State.LAPSED
    assert actions.snapshot_of(summary) is None


def test_deleting_an_account_erases_the_summaries_it_was_part_of(story: Story) -> None:
    people = story.people
    summary = produced(people)
    people.sam.delete()
    summary = _fresh(summary)
    assert summary.markdown == "" and summary.data == {}
    assert actions.state(summary) == State.LAPSED


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (date(2026, 3, 3), date(2026, 3, 1), "ends before it starts"),
        (date(2026, 3, 1), date(2026, 3, 5), "ended by today"),
        (date(2025, 3, 2), date(2026, 3, 3), "a year or less"),
    ],
)
def test_a_period_it_cannot_cover_is_refused_kindly(
    people: Personas, start: date, end: date, message: str
) -> None:
    with pytest.raises(actions.PeriodProblem, match=message):
        actions.propose(people.alex, people.partners, start, end)
    assert not SummaryRequest.objects.exists()


def test_a_period_ending_today_and_a_whole_year_are_fine(people: Personas) -> None:
    actions.propose(people.alex, people.partners, date(2026, 3, 1), date(2026, 3, 4))
    actions.propose(people.alex, people.partners, date(2025, 3, 5), date(2026, 3, 4))
    assert SummaryRequest.objects.count() == 2


def test_the_same_period_cannot_wait_twice_in_one_circle(people: Personas) -> None:
    actions.propose(people.alex, people.partners, START, END)
    with pytest.raises(actions.Refused, match="already a request"):
        actions.propose(people.sam, people.partners, START, END)
    # Another period, or the same one in another circle, is fine.
    actions.propose(people.sam, people.partners, START, date(2026, 2, 28))
    actions.propose(people.alex, people.friends, START, END)


def test_a_circle_of_one_cannot_ask_for_a_summary(people: Personas) -> None:
    leave_circle(people.sam, people.partners)
    with pytest.raises(actions.Refused, match="two or more"):
        actions.propose(people.alex, people.partners, START, END)
