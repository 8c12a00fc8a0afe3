"""What people do in the share loop. Views and API routes both call these, after asking
`hearthside.circles.visibility` whether the person may see the thing they act on."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share


class NotAllowed(Exception):
    """The person may see the thing but may not do this to it (e.g. reply to their own share)."""


class AlreadyDone(NotAllowed):
    """This was done once already and is not repeated (e.g. a second thank-you)."""


def withdraw_share(person: Person, share: Share) -> None:
    if share.author_id != person.pk:
        raise NotAllowed
    if share.withdrawn_at is None:
        share.withdrawn_at = timezone.now()
        share.save(update_fields=["withdrawn_at"])


def add_reply(
    person: Person, share: Share, *, reflect: str, validation: str, question: str
) -> Reply:
    if share.author_id == person.pk or share.withdrawn_at is not None:
        raise NotAllowed
    return Reply.objects.create(
        share=share,
        author=person,
        reflect=reflect.strip(),
        validation=validation.strip(),
        question=question.strip(),
    )


def mark_felt_heard(person: Person, reply: Reply) -> None:
    """Only the sharer can say they felt heard; saying it twice keeps the first moment."""
    if reply.share.author_id != person.pk:
        raise NotAllowed
    if reply.felt_heard_at is None:
        reply.felt_heard_at = timezone.now()
        reply.save(update_fields=["felt_heard_at"])


def unmark_felt_heard(person: Person, reply: Reply) -> None:
    if reply.share.author_id != person.pk:
        raise NotAllowed
    reply.felt_heard_at = None
    reply.save(update_fields=["felt_heard_at"])


@transaction.atomic
def thank_listener(person: Person, reply: Reply, text: str) -> Appreciation:
    """The thank-you offered after feeling heard: an appreciation to the listener, shared with
    the circle the conversation happened in."""
    if (
        reply.share.author_id != person.pk
        or reply.author_id == person.pk
        or reply.share.withdrawn_at is not None
    ):
        raise NotAllowed
    if reply.appreciations.filter(author=person).exists():
        raise AlreadyDone
    return Appreciation.objects.create(
        author=person,
        circle=reply.share.circle,
        recipient=reply.author,
        reply=reply,
        text=text.strip(),
        acts=["listened"],  # the small act this thank-you is for
    )


def share_checkin(person: Person, checkin: CheckIn, circle: Circle, **fields: str) -> Share:
    if checkin.author_id != person.pk:
        raise NotAllowed
    return Share.objects.create(
        author=person, circle=circle, checkin=checkin, feelings=checkin.feelings, **fields
    )
