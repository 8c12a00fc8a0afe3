"""Writing, changing, sharing, reviewing and acknowledging boundaries, and how each choice is
kept: every change a new version, every look back a review, acknowledgements per version."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from conftest import CURRENT_TIME, Personas
from hearthside.boundaries import actions
from hearthside.boundaries.models import Acknowledgement, Boundary, Review
from hearthside.boundaries.tests.conftest import change, write
from hearthside.circles import visibility
from hearthside.circles.models import Membership


def seen_by(person: object) -> set[int]:
    return set(
        visibility.visible_entries(Boundary.objects.all(), person).values_list("pk", flat=True)
    )


def test_a_new_boundary_is_private_with_its_first_version_and_a_review_day(
    people: Personas,
) -> None:
    boundary = write(people.alex, "  I need quiet mornings  ", why=" mornings are mine ")

    assert boundary.circle is None and boundary.shared_at is None
    assert boundary.current is not None
    assert (boundary.current.number, boundary.current.need) == (1, "I need quiet mornings")
    assert boundary.current.why == "mornings are mine"
    assert boundary.next_review_on == date(2026, 6, 4)  # three months on, by default
    assert seen_by(people.sam) == set()


def test_the_review_day_is_counted_from_the_authors_own_today(people: Personas) -> None:
    people.alex.time_zone = "Pacific/Kiritimati"  # UTC+14: already 5 March there
    people.alex.save()

    boundary = write(people.alex, "I need quiet mornings", review_every=1)

    assert boundary.next_review_on == date(2026, 4, 5)


def test_no_reviews_means_no_review_day(people: Personas) -> None:
    assert write(people.alex, "I need quiet mornings", review_every=0).next_review_on is None


def test_a_shared_boundary_is_seen_by_the_circle_and_nobody_else(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", people.partners)

    assert boundary.shared_at == CURRENT_TIME
    assert boundary.pk in seen_by(people.sam)
    assert boundary.pk not in seen_by(people.robin) | seen_by(people.olive)


def test_new_words_make_a_new_version_and_keep_the_old_ones(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", people.partners)
    first = boundary.current
    with time_machine.travel(CURRENT_TIME + timedelta(days=10), tick=False):
        version = change(people.alex, boundary, "I need quiet mornings until nine", people.partners)

    assert version is not None and version.number == 2
    assert boundary.current == version
    assert list(boundary.versions.values_list("need", flat=True)) == [
        "I need quiet mornings",
        "I need quiet mornings until nine",
    ]
    assert first is not None and first.need == "I need quiet mornings"
    # A change starts the review clock afresh.
    assert boundary.next_review_on == date(2026, 6, 14)


def test_the_same_words_make_no_new_version(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", people.partners)

    version = change(people.alex, boundary, "I need quiet mornings ", people.partners)

    assert version is None
    assert boundary.versions.count() == 1


def test_a_new_cadence_reschedules_the_review_without_a_new_version(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings")

    change(people.alex, boundary, "I need quiet mornings", review_every=12)

    assert boundary.next_review_on == date(2027, 3, 4)
    assert boundary.versions.count() == 1


def test_sharing_a_private_boundary_later_counts_from_the_moment_it_is_shared(
    people: Personas,
) -> None:
    # Written privately; Olive joins Alex & Sam a week later; shared a week after that. Olive
    # was in the circle when it was shared, so she sees it; Robin, who joins afterwards, starts
    # fresh like anyone joining a circle.
    boundary = write(people.alex, "I need quiet mornings")
    written = boundary.created_at
    with time_machine.travel(CURRENT_TIME + timedelta(days=7), tick=False):
        Membership.objects.create(circle=people.partners, person=people.olive)
    shared_at = CURRENT_TIME + timedelta(days=14)
    with time_machine.travel(shared_at, tick=False):
        change(people.alex, boundary, "I need quiet mornings", people.partners)
    with time_machine.travel(shared_at + timedelta(days=1), tick=False):
        Membership.objects.create(circle=people.partners, person=people.robin)

    boundary.refresh_from_db()
    assert boundary.shared_at == shared_at == boundary.created_at
    assert boundary.current is not None and boundary.current.created_at == written
    assert boundary.pk in seen_by(people.sam)
    assert boundary.pk in seen_by(people.olive)
    assert boundary.pk not in seen_by(people.robin)


def test_making_it_private_again_hides_it_from_the_circle(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", people.partners)

    change(people.alex, boundary, "I need quiet mornings")

    assert boundary.circle is None and boundary.shared_at is None
    assert boundary.pk not in seen_by(people.sam)


def test_only_the_author_changes_or_reviews_it(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", people.partners)
    words = actions.Words.clean("Sam's idea")

    with pytest.raises(actions.NotAllowed):
        actions.change_boundary(
            people.sam, boundary, words=words, review_every=3, circle=people.partners
        )
    with pytest.raises(actions.NotAllowed):
        actions.review_boundary(people.sam, boundary, decision="keep")


def test_keeping_it_records_the_review_and_starts_the_clock_again(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", review_every=1)
    review_day = datetime(2026, 4, 4, 18, 0, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(review_day, tick=False):
        review = actions.review_boundary(
            people.alex, boundary, decision="keep", note="  It still fits.  "
        )

    assert (review.decision, review.note, review.due_on) == (
        "keep",
        "It still fits.",
        date(2026, 4, 4),
    )
    assert review.version == boundary.current
    assert boundary.next_review_on == date(2026, 5, 4)


def test_a_look_taken_early_answers_no_review_day(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings")

    review = actions.review_boundary(people.alex, boundary, decision="keep")

    assert review.due_on is None
    assert boundary.next_review_on == date(2026, 6, 4)


def test_changing_it_in_a_review_makes_a_new_version(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", people.partners)

    review = actions.review_boundary(
        people.alex,
        boundary,
        decision="change",
        words=actions.Words.clean("I need quiet mornings on weekdays"),
        review_every=6,
    )

    assert review.version == boundary.current
    assert boundary.current is not None and boundary.current.number == 2
    assert boundary.next_review_on == date(2026, 9, 4)
    with pytest.raises(ValueError, match="same as before"):
        actions.review_boundary(
            people.alex,
            boundary,
            decision="change",
            words=actions.Words.clean("I need quiet mornings on weekdays"),
        )


def test_retiring_it_ends_reviews_and_changes_but_keeps_the_history(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", people.partners)

    actions.retire_boundary(people.alex, boundary, "Not needed since the new job")

    boundary.refresh_from_db()
    assert boundary.retired_at == CURRENT_TIME
    assert boundary.next_review_on is None
    assert list(boundary.reviews.values_list("decision", "note")) == [
        ("retire", "Not needed since the new job")
    ]
    assert boundary.versions.count() == 1
    with pytest.raises(actions.Retired):
        actions.review_boundary(people.alex, boundary, decision="keep")
    with pytest.raises(actions.Retired):
        change(people.alex, boundary, "again")
    with pytest.raises(actions.NotAllowed):
        actions.acknowledge(people.sam, boundary)


def test_acknowledging_is_per_version_and_a_change_asks_again(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings", people.partners)

    first, created = actions.acknowledge(people.sam, boundary)
    again, created_again = actions.acknowledge(people.sam, boundary)
    assert created and not created_again and first == again

    change(people.alex, boundary, "I need quiet mornings until nine", people.partners)
    assert not Acknowledgement.objects.filter(version=boundary.current).exists()
    second, created = actions.acknowledge(people.sam, boundary)
    assert created and second.version == boundary.current
    assert Acknowledgement.objects.filter(author=people.sam).count() == 2


def test_nobody_acknowledges_their_own_or_a_private_boundary(people: Personas) -> None:
    shared = write(people.alex, "I need quiet mornings", people.partners)
    private = write(people.alex, "I need quiet evenings")

    with pytest.raises(actions.NotAllowed):
        actions.acknowledge(people.alex, shared)
    with pytest.raises(actions.NotAllowed):
        actions.acknowledge(people.alex, private)
    assert not Acknowledgement.objects.exists()


def test_an_unknown_decision_changes_nothing(people: Personas) -> None:
    boundary = write(people.alex, "I need quiet mornings")

    with pytest.raises(ValueError, match="unknown decision"):
        actions.review_boundary(people.alex, boundary, decision="forget")
    assert not Review.objects.exists()
