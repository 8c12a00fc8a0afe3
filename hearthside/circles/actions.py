"""What people do with circles. Views and API routes both call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle, Invite, Membership


@transaction.atomic
def create_circle(person: Person, name: str, kind: str) -> Circle:
    circle = Circle.objects.create(name=name.strip(), kind=kind, created_by=person)
    Membership.objects.create(circle=circle, person=person)
    return circle


class InviteProblem(Exception):
    """An invite link that cannot be used; the message is safe to show to the person."""


# Invite links are the one way into someone's private space: a person may make a handful an
# hour, plenty for real life and too few to spray around.
INVITES_PER_HOUR = 10


def can_make_invite(person: Person) -> bool:
    since = timezone.now() - timedelta(hours=1)
    recent = Invite.objects.filter(created_by=person, created_at__gte=since).count()
    return recent < INVITES_PER_HOUR


@dataclass
class Joined:
    circle: Circle
    already_member: bool


@transaction.atomic
def accept_invite(person: Person, token: str) -> Joined:
    invite = Invite.objects.matching(token).select_for_update(of=("self",)).first()
    if invite is None:
        raise InviteProblem(_("This invite link doesn't work. Ask for a fresh one."))
    membership = Membership.objects.filter(circle=invite.circle, person=person).first()
    if membership and membership.is_active:
        return Joined(invite.circle, already_member=True)
    state = invite.state
    if state == "used":
        raise InviteProblem(_("This invite has already been used. Each link lets one person in."))
    if state == "expired":
        raise InviteProblem(_("This invite has expired (links last 7 days). Ask for a new one."))
    if state == "revoked":
        raise InviteProblem(
            _("This invite was taken back. Ask for a new one if you'd like to join.")
        )
    now = timezone.now()
    invite.used_at = now
    invite.used_by = person
    invite.save(update_fields=["used_at", "used_by"])
    if membership:
        # Re-joining is a fresh start: what was shared before is not brought back.
        membership.left_at = None
        membership.joined_at = now
        membership.save(update_fields=["left_at", "joined_at"])
    else:
        Membership.objects.create(circle=invite.circle, person=person, joined_at=now)
    return Joined(invite.circle, already_member=False)


@transaction.atomic
def leave_circle(person: Person, circle: Circle) -> None:
    """Leave at any time. From now on the person no longer sees what was shared there, and the
    others no longer see what this person shared (the rule in `visibility` needs both active).
    Open invites the person made are revoked so nobody joins on their word after they left."""
    now = timezone.now()
    Membership.objects.active().filter(circle=circle, person=person).update(left_at=now)
    Invite.objects.filter(
        circle=circle, created_by=person, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
