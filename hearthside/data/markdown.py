"""The export as a .zip of Markdown files a person can read in any editor: `index.md` (who, when,
settings, circles, and what each file holds), one file per kind in date order, and the JSON
export itself (`hearthside-export.json`) so the archive can be brought back in as it is.

Built from the JSON document (`hearthside.data.export.build`), never from the database, so the
two always hold exactly the same things.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import formats
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.translation import gettext as _

from hearthside.data import export
from hearthside.data.kinds import BY_KEY, KINDS, Kind
from hearthside.data.sources import ZIP_MEMBER
from hearthside.practice.fields import WordsField
from hearthside.zones import zone_named

# Text fields shorter than this read as a line in the list; longer ones as their own paragraph.
SHORT = 120


def archive(document: dict[str, Any]) -> bytes:
    """The zip, as bytes."""
    zone = zone_named((document.get("person") or {}).get("time_zone"))
    circles = {c["id"]: c for c in document.get("circles", [])}
    index = {key: {i["id"]: i for i in items} for key, items in document["entries"].items()}
    files: list[tuple[str, str, int]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for n, kind in enumerate(KINDS, 1):
            items = document["entries"].get(kind.key, [])
            if not items:
                continue
            name = f"{n:02d}-{kind.key.replace('_', '-')}.md"
            zf.writestr(name, kind_file(kind, items, circles, index, zone))
            files.append((name, str(kind.many), len(items)))
        zf.writestr("index.md", index_file(document, files, zone))
        zf.writestr(ZIP_MEMBER, export.to_json(document))
    return buffer.getvalue()




def when(value: Any, zone: ZoneInfo) -> str:
    """A date or time from the file, as a person would write it, in their own time zone."""
    if not isinstance(value, str):
        return ""
    moment = parse_datetime(value)
    if moment is not None and moment.tzinfo is not None:
        return formats.date_format(moment.astimezone(zone), "D j M Y, H:i")
    day = parse_date(value)
    if day is not None:
        return formats.date_format(day, "D j M Y")
    at = parse_time(value)
    return at.strftime("%H:%M") if at is not None else value


def index_file(document: dict[str, Any], files: list[tuple[str, str, int]], zone: ZoneInfo) -> str:
    person = document.get("person") or {}
    lines = [
        "# " + _("Hearthside: everything %(name)s wrote") % {"name": person.get("display_name")},
        "",
        _("Exported on %(when)s (format %(format)s, version %(version)s).")
        % {
            "when": when(document.get("exported_at"), zone),
            "format": document.get("format"),
            "version": document.get("version"),
        },
        "",
        _("Each file below holds one kind of thing, oldest first. Times are in %(zone)s.")
        % {"zone": zone.key},
        _(
            "The file %(json)s holds the same in JSON: bring this .zip (or that file) back into "
            "Hearthside from Settings → Your data."
        )
        % {"json": ZIP_MEMBER},
        "",
        "## " + _("What's here"),
        "",
    ]
    lines += [f"- [{title}]({name}): {count}" for name, title, count in files] or [
        "- " + _("Nothing written yet.")
    ]
    lines += ["", "## " + _("You"), ""]
    lines += [
        f"- {_('Email')}: {person.get('email', '')}",
        f"- {_('Name')}: {person.get('display_name') or '-'}",
        f"- {_('Time zone')}: {person.get('time_zone', '')}",
        f"- {_('Quiet hours')}: "
        + (
            f"{when(person.get('quiet_from'), zone)} to {when(person.get('quiet_until'), zone)}"
            if person.get("quiet_from") and person.get("quiet_until")
            else _("none")
        ),
        f"- {_('Gentle wording notes')}: " + (_("on") if person.get("coach_enabled") else _("off")),
        f"- {_('Joined')}: {when(person.get('date_joined'), zone)}",
        "",
        "## " + _("Your circles"),
        "",
    ]
    for circle in document.get("circles", []):
        line = f"- **{circle['name']}** ({circle['kind']}): " + _("joined %(when)s") % {
            "when": when(circle.get("joined_at"), zone)
        }
        if circle.get("left_at"):
            line += "; " + _("left %(when)s") % {"when": when(circle["left_at"], zone)}
        if circle.get("members"):
            line += "; " + _("with %(names)s") % {"names": ", ".join(circle["members"])}
        lines.append(line)
    if not document.get("circles"):
        lines.append("- " + _("None."))
    lines += [
        "",
        "## " + _("What isn't here"),
        "",
        _(
            "Only what you wrote is in this archive. Where you answered someone else (a reply to a "
            "share, an offer when someone was stretched thin), it says whose and when, never "
            "their words. Secrets stay out: no password, no API token, no calendar address."
        ),
        "",
    ]
    return "\n".join(lines)


def kind_file(
    kind: Kind,
    items: list[dict[str, Any]],
    circles: dict[int, dict[str, Any]],
    index: dict[str, dict[int, dict[str, Any]]],
    zone: ZoneInfo,
) -> str:
    lines = [f"# {kind.many}", ""]
    for item in items:
        lines += item_lines(kind, item, circles, index, zone)
    return "\n".join(lines)


def item_lines(
    kind: Kind,
    item: dict[str, Any],
    circles: dict[int, dict[str, Any]],
    index: dict[str, dict[int, dict[str, Any]]],
    zone: ZoneInfo,
) -> list[str]:
    heading = when(item.get(kind.date_field), zone) or str(kind.one).capitalize()
    title = _title(kind, item, zone)
    if title:
        first = title.strip().splitlines()[0]
        heading += " — " + (first if len(first) <= 70 else first[:69] + "…")
    facts: list[str] = []
    paragraphs: list[str] = []
    if kind.circle:
        circle = circles.get(item.get("circle"))  # type: ignore[arg-type]
        facts.append(
            _("Shared with %(circle)s") % {"circle": circle["name"]}
            if circle
            else _("Private: only you")
        )
    for name in kind.fields:
        if name == kind.date_field:
            continue
        model_field: Any = kind.model._meta.get_field(name)
        value = item.get(name)
        if value in (None, "", [], {}):
            continue
        label = str(model_field.verbose_name).replace("_", " ")
        shown = show(model_field, value, zone)
        if (
            isinstance(value, str)
            and isinstance(model_field, models.TextField)
            and (len(value) > SHORT or "\n" in value)
        ):
            paragraphs += [f"**{_cap(label)}**", "", shown, ""]
        else:
            facts.append(f"{_cap(label)}: {shown}")
    for ref in kind.refs:
        target = index.get(ref.kind, {}).get(item.get(ref.field))  # type: ignore[arg-type]
        if target is not None:
            target_kind = BY_KEY[ref.kind]
            facts.append(
                f"{_cap(ref.field.replace('_', ' '))}: "
                + (
                    _title(target_kind, target, zone)
                    or f"{target_kind.one}, {when(target.get(target_kind.date_field), zone)}"
                )
            )
    for name, value in item.items():
        if (
            name in kind.fields
            or name in {"id", "circle", "context"}
            or name in {r.field for r in kind.refs}
        ):
            continue
        if value not in (None, "", [], False):
            facts.append(f"{_cap(name.replace('_', ' '))}: {plain(value)}")
    for about in (item.get("context") or {}).values():
        if isinstance(about, dict) and about.get("kind"):
            circle = circles.get(about.get("circle"))  # type: ignore[arg-type]
            text = _("On %(whose)s %(kind)s") % {
                "whose": _("%(name)s's") % {"name": about.get("by")} if about.get("by") else _("a"),
                "kind": about["kind"],
            }
            if about.get("at"):
                text += " " + _("of %(when)s") % {"when": when(about["at"], zone)}
            if circle:
                text += " " + _("in %(circle)s") % {"circle": circle["name"]}
            facts.append(text)
        elif isinstance(about, str):
            facts.append(about)
    return [f"## {heading}", "", *[f"- {fact}" for fact in facts], "", *paragraphs]


def _cap(label: str) -> str:
    return label[:1].upper() + label[1:]


def _title(kind: Kind, item: dict[str, Any], zone: ZoneInfo) -> str:
    """A short title for an item: the first line of its title field, shown as the app does."""
    if not kind.title_field or item.get(kind.title_field) in (None, ""):
        return ""
    text = show(kind.model._meta.get_field(kind.title_field), item[kind.title_field], zone)
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= 70 else first[:69] + "…"


def show(model_field: Any, value: Any, zone: ZoneInfo) -> str:
    if isinstance(model_field, WordsField):
        return ", ".join(value)
    choices = dict(model_field.flatchoices) if getattr(model_field, "choices", None) else {}
    if isinstance(value, str | int) and value in choices:
        return str(choices[value])
    if isinstance(model_field, models.DateTimeField | models.DateField | models.TimeField):
        return when(value, zone)
    return plain(value)


def plain(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {plain(v)}" for k, v in value.items())
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
