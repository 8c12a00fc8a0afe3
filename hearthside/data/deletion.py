"""Deleting an account: the person's entries go with them, not anonymised.

What goes, and how:
- Everything the person wrote, set or received as their own (check-ins, shares, replies,
  thank-yous, repairs, boundaries, notes, channels, notifications, tokens, calendar feeds, …):
  every one of those points at the person with `on_delete=CASCADE`, so deleting the person
  deletes them. What others wrote *inside* those entries (Sam's reply to Alex's share, Sam's
  reflection in a repair Alex opened) goes with the entry, as it already stops being visible
  when someone leaves a circle. Thank-yous and requests others addressed to the person go too:
  they were for someone who no longer exists.
- Circles nobody else was ever in are deleted, with everything in them. A circle someone else
  is (or was) in stays, for their own entries.
- Things a circle keeps together (rituals, values and goals, the week's tasks, support
  contacts, values revisits) belong to the circle, not to whoever typed them first; they stay
  for the others with the person's name taken off (`SET_NULL`), as the pages already show
  them. The facilitator summary erases any stored summary the person took part in
  (hearthside.summary.signals).

The counts of what was removed come straight from Django's deletion collector, so the audit
shown to the person is what actually happened, and is never stored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from hearthside.circles.models import Circle, Membership
from hearthside.data.kinds import KINDS

CONFIRM_PHRASE = "delete my account"

# Words for rows that aren't one of the export's kinds.
OTHER_LABELS: dict[str, Any] = {
    "accounts.Person": _("Your account"),
    "circles.Circle": _("Circles only you were in"),
    "circles.Membership": _("Places in circles"),
    "circles.Invite": _("Invite links you made"),
    "account.EmailAddress": _("Email addresses"),
    "notify.Delivery": _("Notification deliveries"),
    "practice.Reply": _("Listening replies (yours, and others' to your shares)"),
    "rituals.Occurrence_attendees": _("Marks that you came to a ritual"),
    "repair.Agreement": _("Pause agreements of circles only you were in"),
    "values.ValuesSettings": _("Values cadences of circles only you were in"),
    "data.ImportedItem": _("Records of what you imported"),
    "data.PendingImport": _("Files waiting to be imported"),
    "admin.LogEntry": _("Admin log entries"),
}


@dataclass(frozen=True)
class Removed:
    label: str
    count: int


def _label(model_label: str) -> str:
    if model_label in OTHER_LABELS:
        return str(OTHER_LABELS[model_label])
    for kind in KINDS:
        if kind.model._meta.label == model_label:
            return str(kind.many)
    model = apps.get_model(model_label)
    return str(model._meta.verbose_name_plural).capitalize()


def solo_circles(person: Any) -> Any:
    """Circles the person is or was in where nobody else ever was."""
    someone_else = Membership.objects.filter(circle=OuterRef("pk")).exclude(person=person)
    return Circle.objects.filter(memberships__person=person).exclude(Exists(someone_else))


@transaction.atomic
def delete_account(person: Any) -> list[Removed]:
    """Delete `person` and everything that goes with them; what was removed, per kind."""
    removed: Counter[str] = Counter()
    _total, by_model = solo_circles(person).delete()
    removed.update(by_model)
    _total, by_model = person.delete()
    removed.update(by_model)
    order = {kind.model._meta.label: i for i, kind in enumerate(KINDS)}
    labels = sorted(
        (label for label, count in removed.items() if count),
        key=lambda label: (label != "accounts.Person", order.get(label, len(order)), label),
    )
    merged: dict[str, int] = {}
    for label in labels:
        name = _label(label)
        merged[name] = merged.get(name, 0) + removed[label]
    return [Removed(name, count) for name, count in merged.items()]
