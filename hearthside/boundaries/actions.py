"""What people do with boundaries. Views and API routes both call these, after asking
`hearthside.circles.visibility` whether the person may see the boundary they act on (and, for
the author's own actions, `get_own_or_404`). These functions check the rest: that a retired
boundary is not changed, that nobody acknowledges their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.boundaries.cadence import local_day, next_review
from hearthside.boundaries.models import Acknowledgement, Boundary, BoundaryVersion, Review
from hearthside.circles.models import Circle
from hearthside.notify import outbox


class NotAllowed(Exception):
    """The person may see the boundary but may not do this to it."""


class Retired(NotAllowed):
    """The boundary was retired: its history stays, it no longer changes."""


@dataclass(frozen=True)
class Words:
    """The words of one version, already stripped."""

    need: str
    why: str = ""
    helps: str = ""

    @classmethod
    def clean(cls, need: str, why: str = "", helps: str = "") -> Words:
        return cls(need.strip(), why.strip(), helps.strip())


def schedule_review(boundary: Boundary, now: datetime) -> None:
    """Set the next review day from today, in the author's own time zone."""
    today = local_day(now, boundary.author.time_zone)
    boundary.next_review_on = (
        None if boundary.retired_at else next_review(today, boundary.review_every)
    )


def _new_version(boundary: Boundary, words: Words, now: datetime) -> BoundaryVersion:
    number = (boundary.current.number + 1) if boundary.current else 1
    version = BoundaryVersion.objects.create(
        boundary=boundary,
        number=number,
        need=words.need,
        why=words.why,
        helps=words.helps,
        created_at=now,
    )
    boundary.current = version
    return version


def _share(boundary: Boundary, circle: Circle | None, now: datetime) -> None:
    """Put the boundary in `circle` (None: private). Moving it into a circle, or to another one,
    is sharing it anew: see the models' docstring for why `created_at` moves with it."""
    if circle is None:
        boundary.circle = None
        boundary.shared_at = None
    elif circle.pk != boundary.circle_id:
        boundary.circle = circle
        boundary.shared_at = now
        boundary.created_at = now


@transaction.atomic
def create_boundary(
    person: Person, *, circle: Circle | None, words: Words, review_every: int
) -> Boundary:
    """Write a boundary: private when `circle` is None, else shared with it now. `circle` must
    be one of the person's own (the caller asked `visibility.circles_of`)."""
    now = timezone.now()
    boundary = Boundary(author=person, review_every=review_every, created_at=now)
    _share(boundary, circle, now)
    schedule_review(boundary, now)
    boundary.save()
    _new_version(boundary, words, now)
    boundary.save(update_fields=["current"])
    return boundary


@transaction.atomic
def change_boundary(
    person: Person,
    boundary: Boundary,
    *,
    words: Words,
    review_every: int,
    circle: Circle | None,
) -> BoundaryVersion | None:
    """Change what the author chose. New words make a new version (members are asked to
    acknowledge again) and start the review clock afresh, as does a new cadence; sharing or
    making private keeps the words. Returns the new version, or None when the words stayed."""
    if boundary.author_id != person.pk:
        raise NotAllowed
    if boundary.retired_at is not None:
        raise Retired
    now = timezone.now()
    version = None
    assert boundary.current is not None  # every boundary is made with its first version
    before, review_day, circle_id = boundary.current, boundary.next_review_on, boundary.circle_id
    if not boundary.current.same_words(words.need, words.why, words.helps):
        version = _new_version(boundary, words, now)
    if version is not None or review_every != boundary.review_every:
        boundary.review_every = review_every
        schedule_review(boundary, now)
    _share(boundary, circle, now)
    boundary.save()
    if review_day is not None and boundary.next_review_on != review_day:
        # The review clock started afresh: "today is the day you chose" is no longer true.
        outbox.hold_back(review_key(boundary, review_day))
    if version is not None or boundary.circle_id != circle_id:
        # New words, or no longer in that circle: "read it" would point at what isn't there.
        outbox.hold_back(note_key(boundary, before), prefix=True)
    return version


@transaction.atomic
def review_boundary(
    person: Person,
    boundary: Boundary,
    *,
    decision: str,
    note: str = "",
    words: Words | None = None,
    review_every: int | None = None,
) -> Review:
    """Look at a boundary again: keep it (the clock starts again), change it (a new version,
    `words` required), or retire it (no more reviews; the history stays)."""
    if boundary.author_id != person.pk:
        raise NotAllowed
    if boundary.retired_at is not None:
        raise Retired
    now = timezone.now()
    today = local_day(now, person.time_zone)
    due = boundary.next_review_on
    before = boundary.current
    due_on = due if due is not None and due <= today else None
    if review_every is not None:
        boundary.review_every = review_every
    if decision == Review.Decision.CHANGE:
        if words is None:
            raise ValueError("a change needs its new words")
        assert boundary.current is not None
        if boundary.current.same_words(words.need, words.why, words.helps):
            raise ValueError("the words are the same as before")
        _new_version(boundary, words, now)
    elif decision == Review.Decision.RETIRE:
        boundary.retired_at = now
    elif decision != Review.Decision.KEEP:
        raise ValueError(f"unknown decision {decision!r}")
    schedule_review(boundary, now)
    boundary.save()
    if due is not None:
        # Looked at again: a prompt still waiting out the quiet hours would ask for what is done.
        outbox.hold_back(review_key(boundary, due))
    if before is not None and (boundary.current != before or boundary.retired_at is not None):
        # New words replace the note about the old ones; a retired one needs no reading.
        outbox.hold_back(note_key(boundary, before), prefix=True)
    return Review.objects.create(
        boundary=boundary,
        decision=decision,
        note=note.strip(),
        version=boundary.current,
        due_on=due_on,
        created_at=now,
    )


def retire_boundary(person: Person, boundary: Boundary, note: str = "") -> Review:
    return review_boundary(person, boundary, decision=Review.Decision.RETIRE, note=note)


def acknowledge(person: Person, boundary: Boundary) -> tuple[Acknowledgement, bool]:
    """A member says they've read the current words and will respect them. Saying it twice
    keeps the first moment. Returns (acknowledgement, whether it is new)."""
    if (
        boundary.author_id == person.pk
        or boundary.circle_id is None
        or boundary.retired_at is not None
        or boundary.current is None
    ):
        raise NotAllowed
    version = boundary.current
    acknowledged = Acknowledgement.objects.get_or_create(version=version, author=person)
    # Read and answered: a note asking them to read it would now be wrong.
    outbox.hold_back(note_key(boundary, version, person))
    return acknowledged


def review_key(boundary: Boundary, day: date) -> str:
    """The idempotency key of the review prompt for `day` (see jobs.py)."""
    return f"boundary:{boundary.pk}:review:{day.isoformat()}"


def note_key(boundary: Boundary, version: BoundaryVersion, person: Person | None = None) -> str:
    """The idempotency key of the note asking `person` to read `version` (see jobs.py);
    without `person`, the prefix of everyone's note about that version."""
    return f"boundary:{boundary.pk}:v{version.pk}:{person.pk if person else ''}"
