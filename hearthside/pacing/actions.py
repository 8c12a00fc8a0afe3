"""What people do with pacing: set how deep they're comfortable going, knock ("is now a good
time?"), answer a knock, and let a held share go out.

Views and API routes call these after asking `hearthside.circles.visibility` whether the person
may see the thing they act on. Every change of a knock's status is a conditional UPDATE
(`… WHERE status IN (open)`), so two workers — or a worker and a page load — can never publish
the same share twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, QuerySet
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.notify import outbox
from hearthside.pacing.models import DEFAULT_COMFORT, DEPTHS, Answer, Comfort, Knock
from hearthside.practice.models import CheckIn, Share

# How far ahead a listener may suggest a moment. Further than this is a conversation, not a
# "good time", and a share should not sit unsaid for weeks because of one tap.
ANSWER_HORIZON = timedelta(days=14)
# A moment typed a little in the past (the page sat open for a minute) still means "now".
PAST_GRACE = timedelta(minutes=5)


class NotAllowed(Exception):
    """The person may see the knock but may not do this to it (e.g. answer their own)."""


class NoOneToAsk(NotAllowed):
    """The circle has no one else in it yet: there's nobody to knock for."""


class NoLongerOpen(NotAllowed):
    """The knock has already gone out or was withdrawn."""


# --- Comfort ----------------------------------------------------------------------------------


def set_comfort(person: Person, circle: Circle, depth: str) -> Comfort:
    """Caller has checked membership (visibility.get_circle_or_404)."""
    if depth not in DEPTHS:
        raise ValueError(depth)
    comfort, _created = Comfort.objects.update_or_create(
        person=person, circle=circle, defaults={"depth": depth, "updated_at": _now()}
    )
    return comfort


def comforts_of(person: Person, circles: Iterable[Circle]) -> dict[int, str]:
    """circle id -> my comfortable depth, for each of `circles` (the default where unset)."""
    ids = [c.pk for c in circles]
    chosen = dict(
        Comfort.objects.filter(person=person, circle_id__in=ids).values_list("circle_id", "depth")
    )
    return {pk: chosen.get(pk, DEFAULT_COMFORT) for pk in ids}


# --- Knocking ---------------------------------------------------------------------------------


def listeners(knock: Knock) -> list[Person]:
    """Who the author is waiting on: the members who were there when they knocked and are
    still there (someone who joined later cannot see the knock, so nothing waits on them)."""
    return [
        p
        for p in visibility.members_of(knock.circle, joined_by=knock.created_at)
        if p.pk != knock.author_id
    ]


def knock(
    person: Person,
    circle: Circle,
    *,
    text: str,
    feelings: list[str],
    depth: str,
    wants: str,
    hint: str = "",
    checkin: CheckIn | None = None,
    now: datetime | None = None,
) -> Knock:
    """Hold a share and ask the others in `circle` for a good moment. Caller has checked
    that `person` is a member (visibility.get_circle_or_404)."""
    if checkin is not None and checkin.author_id != person.pk:
        raise NotAllowed
    if not any(p.pk != person.pk for p in visibility.members_of(circle)):
        raise NoOneToAsk
    return Knock.objects.create(
        author=person,
        circle=circle,
        created_at=now or _now(),
        hint=" ".join(hint.split()),
        text=text.strip(),
        feelings=list(feelings),
        depth=depth,
        wants=wants,
        checkin=checkin,
    )


def moment_problem(at: datetime, now: datetime) -> str | None:
    """Why `at` can't be a good moment: "past" or "far"; None when it can."""
    if at < now - PAST_GRACE:
        return "past"
    if at > now + ANSWER_HORIZON:
        return "far"
    return None


def answer(
    person: Person, knock: Knock, *, at: datetime | None, now: datetime | None = None
) -> Answer:
    """A listener's "when": `at=None` means now is good. Answering again replaces the earlier
    answer. The knock settles straight away, so "now is good" from the last listener sends the
    share in the same request."""
    now = now or _now()
    if knock.author_id == person.pk:
        raise NotAllowed
    if not knock.is_open:
        raise NoLongerOpen
    if person.pk not in {p.pk for p in listeners(knock)}:
        raise NotAllowed
    if at is not None and (problem := moment_problem(at, now)):
        raise ValueError(problem)
    moment = now if at is None else max(at, now)
    earlier = Answer.objects.filter(knock=knock, author=person).first()
    reply, _created = Answer.objects.update_or_create(
        knock=knock,
        author=person,
        defaults={"at": moment, "now_is_good": at is None, "updated_at": now},
    )
    # Answered: "is now a good time?" would ask again what they've just said.
    outbox.hold_back(knock_key(knock, person))
    if earlier is not None and answer_key(earlier) != answer_key(reply):
        # A changed answer: the note about the old one says a time that no longer stands.
        outbox.hold_back(answer_key(earlier))
    settle(knock, now)
    return reply


def settle(knock: Knock, now: datetime | None = None) -> Knock:
    """Bring an open knock up to date with its listeners' answers — the agreed moment is the
    latest one anyone proposed, once everyone has answered (the pace of the slower person) —
    and let it go out if that moment has come."""
    now = now or _now()
    if not knock.is_open:
        return knock
    people = listeners(knock)
    answered = {a.author_id: a.at for a in knock.answers.all()}
    if people and all(p.pk in answered for p in people):
        status, goes_out_at = Knock.Status.PROPOSED, max(answered[p.pk] for p in people)
    else:
        status, goes_out_at = Knock.Status.WAITING, None
    if (status, goes_out_at) != (knock.status, knock.goes_out_at):
        Knock.objects.filter(pk=knock.pk, status__in=Knock.OPEN).update(
            status=status, goes_out_at=goes_out_at
        )
        knock.status, knock.goes_out_at = status, goes_out_at
    if status == Knock.Status.PROPOSED and goes_out_at is not None and goes_out_at <= now:
        publish(knock, now)
    return knock


def share_now(person: Person, knock: Knock, now: datetime | None = None) -> Share:
    """The author doesn't wait for the agreed moment after all."""
    if knock.author_id != person.pk:
        raise NotAllowed
    share = publish(knock, now or _now(), early=True)
    if share is None:
        raise NoLongerOpen
    return share


def withdraw(person: Person, knock: Knock, now: datetime | None = None) -> None:
    """Let it go: the listeners no longer see the knock; the words stay the author's."""
    if knock.author_id != person.pk:
        raise NotAllowed
    now = now or _now()
    done = Knock.objects.filter(pk=knock.pk, status__in=Knock.OPEN).update(
        status=Knock.Status.WITHDRAWN, withdrawn_at=now
    )
    if not done:
        raise NoLongerOpen
    knock.status, knock.withdrawn_at = Knock.Status.WITHDRAWN, now
    _hold_back_asking(knock)


def publish(knock: Knock, now: datetime, *, early: bool = False) -> Share | None:
    """Send the held share as an ordinary share of the circle. Returns None when someone else
    (another worker, another page load) sent it first, when it was withdrawn, or when the
    author has left the circle (a share nobody could see would only be a stray row)."""
    author_here = visibility.active_member(OuterRef("circle"), OuterRef("author"))
    with transaction.atomic():
        won = (
            Knock.objects.filter(pk=knock.pk, status__in=Knock.OPEN)
            .filter(author_here)
            .update(status=Knock.Status.PUBLISHED, published_at=now, shared_early=early)
        )
        if won != 1:
            knock.refresh_from_db()
            return None
        # On time, it is dated the moment everyone agreed on, even if the worker (or the
        # first page load, without one) comes a little later.
        on_time = knock.goes_out_at if knock.goes_out_at and not early else now
        share = Share.objects.create(
            author_id=knock.author_id,
            circle_id=knock.circle_id,
            checkin_id=knock.checkin_id,
            text=knock.text,
            feelings=knock.feelings,
            depth=knock.depth,
            wants=knock.wants,
            created_at=max(min(on_time, now), knock.created_at),
        )
        Knock.objects.filter(pk=knock.pk).update(share=share)
    knock.status, knock.published_at, knock.shared_early, knock.share = (
        Knock.Status.PUBLISHED,
        now,
        early,
        share,
    )
    _hold_back_asking(knock)
    return share


def _hold_back_asking(knock: Knock) -> None:
    """The knock is no longer open (it went out, or was let go): asking the listeners for a
    good moment, or telling the author when one was suggested, would now be wrong."""
    outbox.hold_back(knock_key(knock), prefix=True)
    for reply in knock.answers.all():
        outbox.hold_back(answer_key(reply))


def knock_key(knock: Knock, person: Person | None = None) -> str:
    """The idempotency key of the knock's note to `person` (see jobs.py); without `person`,
    the prefix of every listener's note about it."""
    return f"pacing:knock:{knock.pk}:{person.pk if person else ''}"


def answer_key(reply: Answer) -> str:
    """The idempotency key of the note telling the author of this answer as it stands now
    (see jobs.py): a changed answer is news again, the same one is never told twice."""
    return f"pacing:answer:{reply.pk}:{reply.updated_at.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def publish_due(knocks: QuerySet[Knock], now: datetime) -> int:
    """Send every knock of `knocks` whose agreed moment has come; how many went out."""
    due = knocks.filter(status=Knock.Status.PROPOSED, goes_out_at__lte=now).filter(
        visibility.active_member(OuterRef("circle"), OuterRef("author"))
    )
    return sum(publish(k, now) is not None for k in due.order_by("goes_out_at", "id"))


def publish_due_for(person: Any, now: datetime | None = None) -> int:
    """The lazy path: when the author or a listener opens a page after the agreed moment, the
    share goes out then, so pacing works even without the worker running."""
    return publish_due(visibility.visible_entries(Knock.objects.all(), person), now or _now())


def _now() -> datetime:
    return timezone.now()
