"""Bringing a document (`hearthside.data.sources.Document`) into one person's account.

One code path does both the preview and the import: `run(..., commit=False)` does everything
inside a transaction and rolls it back, so what the preview promises is exactly what the import
then does. `run(..., commit=True)` keeps it. Either way the whole file goes in one transaction:
if anything fails part-way, nothing is kept.

What comes back, and where (see docs/export-format.md for the whole story):
- Items are checked like the app checks them (lengths, choices, constraints) and an item that
  doesn't fit is left out and named in the report, never half-saved.
- Circles: a circle of the same name and kind that the person is already in is used as it is
  (and what was shared there is shared there again, with the people there now; the preview says
  who). Otherwise the circle is made anew with the person as its only member, with their
  membership dates, agreement and values cadence from the file; they can invite people again.
- Things that answer someone else's words (a reply to Sam's share) can't come back where Sam's
  share isn't: they stay in the file and the preview counts them. Thank-yous and requests come
  back only where someone of that name is in the circle.
- Duplicates: see `hearthside.data.fingerprint`.
"""

from __future__ import annotations

import logging
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import UniqueConstraint
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.translation import gettext as _

from hearthside.circles import visibility
from hearthside.circles.models import Circle, Membership
from hearthside.data import export
from hearthside.data.fingerprint import fingerprints
from hearthside.data.kinds import KINDS, ORDER, ImportContext, Kind, plain_fields
from hearthside.data.models import ImportedItem
from hearthside.data.sources import Document, ImportProblem
from hearthside.practice.fields import WordsField
from hearthside.repair.models import Agreement
from hearthside.values.models import ValuesSettings

log = logging.getLogger(__name__)

ALREADY_LIKE_IT = "already-like-it"


class ImportFailed(Exception):
    """Something went wrong part-way; nothing was kept. The message is safe to show."""


@dataclass
class KindReport:
    kind: Kind
    new: int = 0
    already: int = 0
    # Reason -> how many were left out for it.
    left_out: dict[str, int] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None

    def leave_out(self, reason: str) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + 1

    def saw(self, when: Any) -> None:
        if isinstance(when, datetime):
            self.first = min(self.first or when, when)
            self.last = max(self.last or when, when)

    @property
    def left_out_count(self) -> int:
        return sum(self.left_out.values())


@dataclass
class CircleReport:
    name: str
    kind: str
    new: bool
    others: list[str]
    left: bool


@dataclass
class Report:
    source: str
    kinds: list[KindReport]
    circles: list[CircleReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unknown_kinds: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    committed: bool = False
    # Export ids of the items that became new rows, per kind.
    brought: dict[str, set[int]] = field(default_factory=dict)

    @property
    def new(self) -> int:
        return sum(k.new for k in self.kinds)

    @property
    def already(self) -> int:
        return sum(k.already for k in self.kinds)

    @property
    def first(self) -> datetime | None:
        found = [k.first for k in self.kinds if k.first]
        return min(found) if found else None

    @property
    def last(self) -> datetime | None:
        found = [k.last for k in self.kinds if k.last]
        return max(found) if found else None

    def kind(self, key: str) -> KindReport:
        return next(k for k in self.kinds if k.kind.key == key)

    def as_dict(self) -> dict[str, Any]:
        """For the API: plain counts and sentences."""
        return {
            "source": self.source,
            "committed": self.committed,
            "new": self.new,
            "already_here": self.already,
            "first": self.first,
            "last": self.last,
            "kinds": [
                {
                    "kind": k.kind.key,
                    "new": k.new,
                    "already_here": k.already,
                    "left_out": [{"reason": r, "count": n} for r, n in k.left_out.items()],
                    "first": k.first,
                    "last": k.last,
                }
                for k in self.kinds
                if k.new or k.already or k.left_out
            ],
            "circles": [
                {"name": c.name, "kind": c.kind, "new": c.new, "shared_with": c.others}
                for c in self.circles
            ],
            "problems": self.problems,
            "notes": self.notes,
            "unknown_kinds": self.unknown_kinds,
            "settings": self.settings,
        }


def run(person: Any, doc: Document, *, apply_settings: bool = True, commit: bool) -> Report:
    """Bring `doc` into `person`'s account (or, with commit=False, find out what would happen)."""
    try:
        with transaction.atomic():
            report = _Import(person, doc, apply_settings).run()
            report.committed = commit
            if not commit:
                transaction.set_rollback(True)
    except (ImportProblem, ImportFailed):
        raise
    except Exception as exc:
        # Only the kind of error: its text may quote the person's words.
        log.error("import failed: %s", type(exc).__name__)
        raise ImportFailed(
            _(
                "Something went wrong on our side part-way through, so nothing was brought in: "
                "your account is exactly as it was. Please try again; if it keeps happening, "
                "tell whoever runs this Hearthside."
            )
        ) from exc
    return report


class _Import:
    def __init__(self, person: Any, doc: Document, apply_settings: bool) -> None:
        self.person = person
        self.doc = doc
        self.apply_settings = apply_settings
        self.ctx = ImportContext(person=person)
        self.report = Report(
            source=doc.source,
            kinds=[KindReport(kind) for kind in KINDS],
            problems=list(doc.problems),
            notes=list(doc.notes),
            unknown_kinds=list(doc.unknown_kinds),
        )
        # Export ids of the rows this import made, per kind (links forward are set on these).
        self.created: dict[str, set[int]] = {}

    def run(self) -> Report:
        if self.doc.person and self.apply_settings:
            self._settings(self.doc.person)
        self._circles()
        incoming = fingerprints(self.doc.entries, self.doc.circles)
        here = self._already_here()
        imported = self._imported_before()
        for kind in KINDS:
            items = self.doc.entries.get(kind.key, [])
            kind_report = self.report.kind(kind.key)
            for n, item in enumerate(items, 1):
                fp = incoming.get(kind.key, {}).get(item["id"])
                self._item(kind, kind_report, n, item, fp, here, imported)
        self._link_later()
        self.report.brought = self.created
        return self.report

    # --- settings and circles ----------------------------------------------------------------

    def _settings(self, data: dict[str, Any]) -> None:
        person, changed = self.person, []
        name = data.get("display_name")
        if (
            isinstance(name, str)
            and len(name.strip()) <= 60
            and name.strip() != person.display_name
        ):
            person.display_name = name.strip()
            changed.append(_("your name"))
        zone = data.get("time_zone")
        if isinstance(zone, str) and zone != person.time_zone:
            if zone in zoneinfo.available_timezones():
                person.time_zone = zone
                changed.append(_("your time zone"))
            else:
                self.report.problems.append(_("the time zone in the file isn't one we know"))
        quiet = {}
        for key in ("quiet_from", "quiet_until"):
            value = data.get(key)
            parsed = parse_time(value) if isinstance(value, str) else None
            if value is not None and parsed is None:
                self.report.problems.append(_("the quiet hours in the file can't be read"))
                break
            quiet[key] = parsed
        else:
            if (quiet["quiet_from"], quiet["quiet_until"]) != (
                person.quiet_from,
                person.quiet_until,
            ):
                person.quiet_from, person.quiet_until = quiet["quiet_from"], quiet["quiet_until"]
                changed.append(_("your quiet hours"))
        coach = data.get("coach_enabled")
        if isinstance(coach, bool) and coach != person.coach_enabled:
            person.coach_enabled = coach
            changed.append(_("gentle wording notes"))
        if changed:
            person.save(
                update_fields=[
                    "display_name",
                    "time_zone",
                    "quiet_from",
                    "quiet_until",
                    "coach_enabled",
                ]
            )
        self.report.settings = [str(c) for c in changed]

    def _circles(self) -> None:
        mine = {
            (m.circle.name, m.circle.kind): m
            for m in Membership.objects.filter(person=self.person)
            .select_related("circle")
            .order_by("-left_at", "joined_at")  # active ones (NULL) win
        }
        for n, data in enumerate(self.doc.circles, 1):
            name = data.get("name")
            kind = data.get("kind")
            if (
                not isinstance(name, str)
                or not 0 < len(name.strip()) <= 80
                or kind not in Circle.Kind.values
            ):
                self.report.problems.append(_("circle %(n)s can't be read") % {"n": n})
                continue
            name = name.strip()
            membership = mine.get((name, kind))
            if membership is not None:
                circle = membership.circle
                others = {
                    p.name: p for p in visibility.members_of(circle) if p.pk != self.person.pk
                }
                self.ctx.members[data["id"]] = others
                left = membership.left_at is not None
                self.report.circles.append(
                    CircleReport(
                        name, kind, new=False, others=sorted(others) if not left else [], left=left
                    )
                )
            else:
                circle = self._new_circle(data, name, kind)
                self.report.circles.append(
                    CircleReport(
                        name, kind, new=True, others=[], left=data.get("left_at") is not None
                    )
                )
            self.ctx.circles[data["id"]] = circle

    def _new_circle(self, data: dict[str, Any], name: str, kind: str) -> Circle:
        now = timezone.now()
        created = _when(data.get("created_at")) or now
        joined = _when(data.get("joined_at")) or created
        circle = Circle.objects.create(
            name=name,
            kind=kind,
            created_by=self.person if data.get("started_by_me") is True else None,
            created_at=created,
        )
        Membership.objects.create(
            circle=circle, person=self.person, joined_at=joined, left_at=_when(data.get("left_at"))
        )
        agreement = data.get("agreement")
        if isinstance(agreement, dict):
            self._restore(
                Agreement(circle=circle),
                agreement,
                ("cool_off_min", "cool_off_max", "phrases", "style", "updated_at"),
                _("the pause agreement of “%(name)s”") % {"name": name},
            )
        cadence = data.get("values_cadence")
        if isinstance(cadence, dict):
            self._restore(
                ValuesSettings(circle=circle),
                cadence,
                ("every_months", "next_due_on", "updated_at"),
                _("how often “%(name)s” revisits its values") % {"name": name},
            )
        return circle

    def _restore(
        self, obj: models.Model, data: dict[str, Any], names: tuple[str, ...], what: str
    ) -> None:
        try:
            for name in names:
                if name in data:
                    setattr(obj, name, load_value(obj._meta.get_field(name), data[name]))
            obj.full_clean(exclude=["circle", "updated_by"])
        except (ValueError, ValidationError):
            self.report.problems.append(
                _("%(what)s can't be read; it was left as the default") % {"what": what}
            )
            return
        obj.save()

    # --- items -------------------------------------------------------------------------------

    def _already_here(self) -> dict[str, dict[str, int]]:
        """Fingerprint -> row, for everything the person has now."""
        current = export.build(self.person)
        found = fingerprints(current["entries"], current["circles"])
        return {key: {fp: pk for pk, fp in by_id.items()} for key, by_id in found.items()}

    def _imported_before(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for kind, fp, pk in ImportedItem.objects.filter(person=self.person).values_list(
            "kind", "fingerprint", "object_id"
        ):
            out.setdefault(kind, {})[fp] = pk
        return out

    def _item(
        self,
        kind: Kind,
        kind_report: KindReport,
        n: int,
        item: dict[str, Any],
        fp: str | None,
        here: dict[str, dict[str, int]],
        imported: dict[str, dict[str, int]],
    ) -> None:
        where = item.get("_where") or f"{kind.one} {n}"
        rows = self.ctx.rows.setdefault(kind.key, {})
        # Already here (the same content), or brought in before and still here.
        existing = here.get(kind.key, {}).get(fp or "")
        if existing is None and fp in imported.get(kind.key, {}):
            pk = imported[kind.key][fp]  # type: ignore[index]
            existing = pk if kind.model._default_manager.filter(pk=pk).exists() else None
        if existing is not None:
            rows[item["id"]] = existing
            kind_report.already += 1
            return
        if kind.not_restored is not None:
            kind_report.leave_out(str(kind.not_restored))
            return
        obj = kind.model()
        reason = self._fill(kind, obj, item)
        if reason is None and kind.load_extra is not None:
            reason = kind.load_extra(obj, item, self.ctx)
        if reason is not None:
            kind_report.leave_out(reason)
            return
        problem = self._check(kind, obj)
        if problem == ALREADY_LIKE_IT:
            kind_report.leave_out(
                str(_("you already have one like it here (changed since this file was made)"))
            )
            return
        if problem is not None:
            self.report.problems.append(f"{where}: {problem}")
            return
        obj.save()
        if kind.after_save is not None:
            kind.after_save(obj, item, self.ctx)
        if fp is not None:
            ImportedItem.objects.update_or_create(
                person=self.person, kind=kind.key, fingerprint=fp, defaults={"object_id": obj.pk}
            )
        rows[item["id"]] = obj.pk
        self.created.setdefault(kind.key, set()).add(item["id"])
        kind_report.new += 1
        kind_report.saw(getattr(obj, kind.date_field, None))

    def _fill(self, kind: Kind, obj: Any, item: dict[str, Any]) -> str | None:
        """Set the fields, circle, owner and links of a new row; a reason if it can't be."""
        for name, model_field in plain_fields(kind):
            if name not in item:
                continue
            try:
                setattr(obj, name, load_value(model_field, item[name]))
            except ValueError as exc:
                return _("its %(field)s can't be read (%(why)s)") % {
                    "field": model_field.verbose_name,
                    "why": exc,
                }
        if kind.circle:
            export_circle = item.get("circle")
            circle = self.ctx.circles.get(export_circle) if export_circle is not None else None
            if circle is None and (kind.circle_required or export_circle is not None):
                return str(_("its circle isn't in the file"))
            obj.circle = circle
        if kind.owner is not None:
            setattr(obj, kind.owner, self.person)
        for ref in kind.refs:
            if ref.virtual:
                continue
            export_id = item.get(ref.field)
            pk = self.ctx.row(ref.kind, export_id)
            if pk is None and ref.required:
                if export_id is None:
                    return str(
                        _("it answers something someone else wrote, which isn't in your file")
                    )
                return str(_("what it belongs to couldn't be brought in"))
            # Links forward (or to the same kind) are set once everything exists.
            setattr(obj, f"{ref.field}_id", pk if ORDER[ref.kind] < ORDER[kind.key] else None)
        return None

    def _check(self, kind: Kind, obj: Any) -> str | None:
        """What's wrong with a new row, checked as the app would, or None."""
        errors: list[str] = []
        for _name, model_field in plain_fields(kind):
            value = getattr(obj, model_field.attname)
            if value in model_field.empty_values:
                continue
            try:
                model_field.validate(value, obj)
                model_field.run_validators(value)
                limit = getattr(model_field, "max_length", None)
                if (
                    isinstance(model_field, models.TextField)
                    and not isinstance(model_field, WordsField)
                    and limit
                    and len(value) > limit
                ):
                    raise ValidationError(
                        _("it's %(n)s characters long; the most is %(max)s")
                        % {"n": len(value), "max": limit}
                    )
            except ValidationError as exc:
                errors.append(f"{model_field.verbose_name}: {' '.join(exc.messages)}")
        if errors:
            return "; ".join(errors)
        try:
            obj.validate_unique()
        except ValidationError:
            return ALREADY_LIKE_IT
        for constraint in obj._meta.constraints:
            try:
                constraint.validate(type(obj), obj)
            except ValidationError:
                if isinstance(constraint, UniqueConstraint):
                    return ALREADY_LIKE_IT
                return str(_("its parts don't fit together"))
        return None

    def _link_later(self) -> None:
        """Set links that point forward or at the same kind, now that everything exists."""
        for kind in KINDS:
            later = [r for r in kind.refs if not r.virtual and ORDER[r.kind] >= ORDER[kind.key]]
            created = self.created.get(kind.key, set())
            if not later or not created:
                continue
            for item in self.doc.entries.get(kind.key, []):
                if item["id"] not in created:
                    continue
                links = {
                    f"{ref.field}_id": self.ctx.row(ref.kind, item.get(ref.field)) for ref in later
                }
                links = {name: pk for name, pk in links.items() if pk is not None}
                if links:
                    row = self.ctx.rows[kind.key][item["id"]]
                    kind.model._default_manager.filter(pk=row).update(**links)


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    parsed = parse_datetime(value)
    return parsed if parsed is not None and parsed.tzinfo is not None else None


def load_value(model_field: Any, raw: Any) -> Any:
    """A JSON value as the model field holds it; ValueError (with a short reason) if it can't
    be. The export writes exactly these shapes."""
    if raw is None:
        if isinstance(model_field, WordsField):
            return []
        if model_field.null:
            return None
        raise ValueError(_("it's missing"))
    if isinstance(model_field, models.DateTimeField):
        parsed = parse_datetime(raw) if isinstance(raw, str) else None
        if parsed is None or parsed.tzinfo is None:
            raise ValueError(_("not a date and time with its time zone"))
        return parsed
    if isinstance(model_field, models.DateField):
        parsed_day = parse_date(raw) if isinstance(raw, str) else None
        if parsed_day is None:
            raise ValueError(_("not a date"))
        return parsed_day
    if isinstance(model_field, models.TimeField):
        parsed_time = parse_time(raw) if isinstance(raw, str) else None
        if parsed_time is None:
            raise ValueError(_("not a time"))
        return parsed_time
    if isinstance(model_field, WordsField):
        if not isinstance(raw, list) or not all(
            isinstance(w, str) and w and not any(c.isspace() for c in w) for w in raw
        ):
            raise ValueError(_("not a list of single words"))
        return list(raw)
    if isinstance(model_field, models.JSONField):
        return raw
    if isinstance(model_field, models.BooleanField):
        if not isinstance(raw, bool):
            raise ValueError(_("not yes or no"))
        return raw
    if isinstance(model_field, models.IntegerField):
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ValueError(_("not a whole number"))
        return raw
    if isinstance(model_field, models.CharField | models.TextField):
        if not isinstance(raw, str):
            raise ValueError(_("not text"))
        return raw
    return raw


def make_person(email: str, doc: Document) -> Any:
    """A new account for a Hearthside export brought to a server that doesn't know its person
    yet, with the date they joined as in the file. No usable password: they set one by email."""
    from hearthside.accounts.models import Person

    data = doc.person or {}
    person = Person.objects.create_user(email, password=None)
    joined = _when(data.get("date_joined"))
    if joined is not None:
        person.date_joined = joined
        person.save(update_fields=["date_joined"])
    return person
