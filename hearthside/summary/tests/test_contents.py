"""What a made summary holds: everything dated in the period that every participant can see,
in the request's time zone — and nothing private, withdrawn, from another circle or from
outside the period. Once made, it doesn't change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.practice.models import Share
from hearthside.summary import actions
from hearthside.summary.models import SummaryRequest
from hearthside.summary.snapshot import Snapshot
from hearthside.summary.tests.conftest import (
    COMMITMENT,
    IN_SUMMARY,
    NEVER,
    NEXT_TIME,
    REPLY,
    RITUAL,
    RUPTURE,
    SHARED,
    TAKEAWAY,
    THANKS,
    Story,
    at,
    produced,
    propose,
)


def _snapshot(summary: SummaryRequest) -> Snapshot:
    snapshot = actions.snapshot_of(SummaryRequest.objects.get(pk=summary.pk))
    assert snapshot is not None
    return snapshot


def test_it_holds_one_of_everything_the_circle_shared_in_the_period(story: Story) -> None:
    summary = produced(story.people)
    snapshot = _snapshot(summary)

    assert [s.text for s in snapshot.shares] == [SHARED, "SHARED-SAM: I loved our walk on Sunday"]
    share = snapshot.shares[0]
    assert share.author == "Alex" and share.on == date(2026, 2, 10)
    assert share.feelings == ["anxious"]
    assert (share.depth, share.wants) == ("Light", "Just listen")
    [reply] = share.replies
    assert reply.author == "Sam" and reply.felt_heard
    assert ("What I hear", REPLY) in reply.parts

    [moment] = snapshot.moments
    assert (moment.sharer, moment.listener, moment.on) == ("Alex", "Sam", date(2026, 2, 10))
    assert moment.about.startswith("SHARED-ALEX: work has been heavy")

    [rupture] = snapshot.ruptures
    assert rupture.title == RUPTURE
    assert rupture.repaired and rupture.repaired_on == date(2026, 2, 17)
    assert rupture.days_to_repair == 3
    assert [(f.author, f.feelings) for f in rupture.felt] == [("Alex", ["hurt"]), ("Sam", ["sad"])]
    assert rupture.takeaways == TAKEAWAY
    assert [(s.author, s.text) for s in rupture.next_time] == [("Alex", NEXT_TIME)]
    assert [c.trust_back for c in rupture.closures] == [True, True]

    [commitment] = snapshot.commitments
    assert (commitment.author, commitment.text, commitment.rupture) == ("Sam", COMMITMENT, RUPTURE)
    assert [(f.author, f.kept) for f in commitment.follow_ups] == [("Alex", "yes")]

    [ritual] = snapshot.rituals
    assert (ritual.title, ritual.kept, ritual.of) == (RITUAL, 4, 5)
    assert ritual.schedule == "Every Sunday at 19:00"

    [thanks] = snapshot.appreciations
    assert (thanks.author, thanks.recipient, thanks.text) == ("Alex", "Sam", THANKS)


def test_nothing_private_withdrawn_or_outside_the_period_gets_in(story: Story) -> None:
    summary = SummaryRequest.objects.get(pk=produced(story.people).pk)
    stored = summary.markdown + str(summary.data)
    for text in IN_SUMMARY:
        assert text in stored, text
    for text in NEVER:
        assert text not in stored, text


def test_only_what_every_participant_can_see_gets_in(people: Personas, story: Story) -> None:
    """Robin joined Alex & Sam on 12 February: what was shared before that was never shown to
    Robin, so a summary the three of them make leaves it out."""
    Membership.objects.create(
        circle=people.partners, person=people.robin, joined_at=at(date(2026, 2, 12), 12)
    )
    summary = propose(people)
    actions.consent(people.sam, summary)
    actions.consent(people.robin, summary)
    snapshot = _snapshot(summary)
    assert snapshot.members == ["Alex", "Sam", "Robin"]
    assert [s.author for s in snapshot.shares] == ["Sam"]  # 16 February, after Robin came
    assert snapshot.moments == [] and snapshot.appreciations == []
    assert [r.title for r in snapshot.ruptures] == [RUPTURE]  # opened on the 14th
    # Circle things (rituals) belong to every current member.
    assert [r.title for r in snapshot.rituals] == [RITUAL]
    assert SHARED not in summary.markdown


def test_a_reply_by_someone_who_is_not_a_participant_is_left_out(
    people: Personas, story: Story
) -> None:
    # Robin was in the circle in February, replied, then left before the request was made.
    Membership.objects.create(
        circle=people.partners, person=people.robin, joined_at=at(date(2026, 1, 1))
    )
    story.share.replies.create(author=people.robin, reflect="ROBIN-REPLY: that sounds a lot")
    Membership.objects.filter(circle=people.partners, person=people.robin).update(
        left_at=timezone.now() - timedelta(days=1)
    )
    summary = produced(people)
    assert "ROBIN-REPLY" not in SummaryRequest.objects.get(pk=summary.pk).markdown


@pytest.mark.parametrize(
    ("zone", "included"),
    [("America/New_York", True), ("Europe/London", False), ("Asia/Tokyo", False)],
)
def test_the_period_is_counted_in_the_proposers_time_zone(
    people: Personas, story: Story, zone: str, included: bool
) -> None:
    """A share at 02:00 UTC on 4 March is still the evening of 3 March in New York: inside a
    period ending on the 3rd for a New Yorker, outside it in London."""
    Share.objects.create(
        author=people.sam,
        circle=people.partners,
        text="LATE-EVENING-SAM",
        created_at=datetime(2026, 3, 4, 2, 0, tzinfo=UTC),
    )
    people.alex.time_zone = zone
    people.alex.save()
    summary = propose(people)
    assert summary.time_zone == zone
    actions.consent(people.sam, summary)
    assert ("LATE-EVENING-SAM" in SummaryRequest.objects.get(pk=summary.pk).markdown) is included


def test_the_first_day_starts_at_local_midnight(people: Personas, story: Story) -> None:
    people.alex.time_zone = "Asia/Tokyo"  # UTC+9: 1 February starts at 15:00 UTC on 31 January
    people.alex.save()
    Share.objects.create(
        author=people.sam,
        circle=people.partners,
        text="TOKYO-MORNING",
        created_at=datetime(2026, 1, 31, 16, 0, tzinfo=UTC),
    )
    summary = produced(people)
    snapshot = _snapshot(summary)
    assert snapshot.shares[0].text == "TOKYO-MORNING"
    assert snapshot.shares[0].on == date(2026, 2, 1)


def test_a_made_summary_stays_as_it_was_made(people: Personas, story: Story) -> None:
    summary = produced(people)
    before = SummaryRequest.objects.get(pk=summary.pk)
    # Later, Alex withdraws the share and the ritual is renamed: the summary doesn't move.
    story.share.withdrawn_at = timezone.now()
    story.share.save()
    story.ritual.title = "Renamed"
    story.ritual.save()
    after = SummaryRequest.objects.get(pk=summary.pk)
    assert after.markdown == before.markdown and after.data == before.data
    assert SHARED in after.markdown


def test_an_unmarked_ritual_from_last_night_is_not_counted_yet(
    people: Personas, story: Story
) -> None:
    # A daily ritual at 21:00 since 1 March: 1st and 2nd kept; the 3rd was last night, and may
    # still be marked this morning, so it isn't counted as missed.
    from datetime import time

    from hearthside.rituals.models import Occurrence, Ritual

    daily = Ritual.objects.create(
        circle=people.partners,
        title="Evening check-in",
        freq="daily",
        at=time(21, 0),
        time_zone="Europe/London",
        starts_on=date(2026, 3, 1),
        created_at=at(date(2026, 2, 28)),
    )
    for day in (1, 2):
        Occurrence.objects.create(
            ritual=daily, scheduled_for=at(date(2026, 3, day), 21), status="done"
        )
    summary = produced(people)
    evening = next(r for r in _snapshot(summary).rituals if r.title == "Evening check-in")
    assert (evening.kept, evening.of) == (2, 2)


def test_a_quiet_period_makes_a_summary_that_says_so(people: Personas) -> None:
    summary = actions.propose(people.alex, people.partners, date(2026, 1, 1), date(2026, 1, 31))
    actions.consent(people.sam, summary)
    stored = SummaryRequest.objects.get(pk=summary.pk)
    snapshot = actions.snapshot_of(stored)
    assert snapshot is not None and snapshot.is_empty
    assert "Nothing was shared in this period." in stored.markdown
    assert "No ruptures were opened or mended in this period." in stored.markdown


def test_the_preview_counts_what_it_would_hold(story: Story) -> None:
    summary = propose(story.people)
    preview = actions.preview(summary)
    assert preview is not None
    assert preview.counts() == {
        "shares": 2,
        "replies": 1,
        "moments": 1,
        "ruptures": 1,
        "commitments": 1,
        "rituals": 1,
        "appreciations": 1,
    }
    assert preview.produced_on is None
