"""Export everything a person wrote as one JSON document (format "hearthside-export", version 1;
described field by field in docs/export-format.md).

What goes in is decided by `hearthside.data.kinds`: the person's own items, the circles they are
or were in (names, kinds, their own membership dates; the other current members only by name),
and nothing anyone else wrote. An item that answers something someone else wrote says so in its
`context` ("on Sam's share of 2 March"), never with their words.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone

from hearthside.circles import visibility
from hearthside.circles.models import Membership
from hearthside.data.kinds import BY_KEY, KINDS, ExportContext, Kind, dump_value, plain_fields
from hearthside.repair.models import Agreement
from hearthside.values.models import ValuesSettings

FORMAT = "hearthside-export"
VERSION = 1


def build(person: Any, *, now: datetime | None = None) -> dict[str, Any]:
    """The whole export of `person`, as plain JSON-ready data."""
    ctx = ExportContext(person=person)
    memberships = list(
        Membership.objects.filter(person=person)
        .select_related("circle")
        .order_by("joined_at", "circle_id")
    )
    ctx.circles = {m.circle_id for m in memberships}
    querysets = {kind.key: kind.queryset(person) for kind in KINDS}
    # First which rows are in the file, so links can tell "in this file" from "someone else's".
    for key, queryset in querysets.items():
        ctx.ids[key] = set(queryset.values_list("pk", flat=True))
    entries = {kind.key: [item(kind, obj, ctx) for obj in querysets[kind.key]] for kind in KINDS}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (now or timezone.now()).astimezone(UTC).isoformat(),
        "person": person_out(person),
        "circles": [circle_out(m, person) for m in memberships],
        "entries": entries,
    }


def to_json(document: dict[str, Any]) -> bytes:
    """Readable JSON (UTF-8, indented, not ASCII-escaped) so the file can be read in an editor."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def person_out(person: Any) -> dict[str, Any]:
    return {
        "email": person.email,
        "display_name": person.display_name,
        "time_zone": person.time_zone,
        "quiet_from": dump_value(None, person.quiet_from),
        "quiet_until": dump_value(None, person.quiet_until),
        "coach_enabled": person.coach_enabled,
        "date_joined": dump_value(None, person.date_joined),
    }


def circle_out(membership: Membership, person: Any) -> dict[str, Any]:
    circle = membership.circle
    active = membership.left_at is None
    out: dict[str, Any] = {
        "id": circle.pk,
        "name": circle.name,
        "kind": circle.kind,
        "created_at": dump_value(None, circle.created_at),
        "started_by_me": circle.created_by_id == person.pk,
        "joined_at": dump_value(None, membership.joined_at),
        "left_at": dump_value(None, membership.left_at),
        # Who is there now is the business of the people there: only while I am one of them.
        "members": [],
        "agreement": None,
        "values_cadence": None,
    }
    if not active:
        return out
    out["members"] = sorted(p.name for p in visibility.members_of(circle) if p.pk != person.pk)
    agreement = Agreement.objects.filter(circle=circle).first()
    if agreement is not None:
        out["agreement"] = {
            "cool_off_min": agreement.cool_off_min,
            "cool_off_max": agreement.cool_off_max,
            "phrases": agreement.phrases,
            "style": agreement.style,
            "updated_at": dump_value(None, agreement.updated_at),
        }
    cadence = ValuesSettings.objects.filter(circle=circle).first()
    if cadence is not None:
        out["values_cadence"] = {
            "every_months": cadence.every_months,
            "next_due_on": dump_value(None, cadence.next_due_on),
            "updated_at": dump_value(None, cadence.updated_at),
        }
    return out


def item(kind: Kind, obj: Any, ctx: ExportContext) -> dict[str, Any]:
    out: dict[str, Any] = {"id": obj.pk}
    if kind.circle:
        circle_id = obj.circle_id
        out["circle"] = circle_id if circle_id in ctx.circles else None
    for name, model_field in plain_fields(kind):
        out[name] = dump_value(model_field, getattr(obj, name))
    context: dict[str, Any] = {}
    for ref in kind.refs:
        if ref.virtual:
            continue
        pk = getattr(obj, f"{ref.field}_id")
        out[ref.field] = ctx.ref(ref.kind, pk)
        if pk is not None and out[ref.field] is None:
            context[ref.field] = about(getattr(obj, ref.field), ref.kind, ctx)
    if kind.dump_extra is not None:
        out.update(kind.dump_extra(obj, ctx))
    if kind.more_context is not None:
        context.update(kind.more_context(obj, ctx))
    if context:
        out["context"] = context
    return out


def about(target: Any, kind_key: str, ctx: ExportContext) -> dict[str, Any]:
    """What an item answers, when that isn't the person's own: whose it was, when, and in which
    circle. Never its words."""
    kind = BY_KEY[kind_key]
    author = target
    for part in kind.author_path.split("__"):
        author = getattr(author, part, None) if author is not None else None
    when = getattr(target, kind.date_field, None)
    circle_id = getattr(target, "circle_id", None)
    return {
        "kind": str(kind.one),
        "by": author.name if author is not None else None,
        "at": dump_value(None, when) if isinstance(when, datetime) else None,
        "circle": circle_id if circle_id in ctx.circles else None,
    }


def counts(person: Any) -> list[tuple[Kind, int]]:
    """How many of each kind the person has (for the page), kinds with none left out."""
    found = [(kind, kind.mine(person).count()) for kind in KINDS]
    return [(kind, n) for kind, n in found if n]
