"""Reading files people bring: a Hearthside export (JSON, or the Markdown .zip, which carries
the JSON inside), a jrnl JSON export (`jrnl --export json`) and a Daylio CSV export.

Each reader turns the file into a `Document` in the shape of a Hearthside export, so one
importer (`hearthside.data.importer`) checks and brings in everything the same way. A file that
can't be read at all raises `ImportProblem` with a message meant for the person; parts of a file
that can't be read are listed in `Document.problems` and left out.

jrnl: `{"tags": {...}, "entries": [{"title", "body", "date": "YYYY-MM-DD", "time": "HH:MM",
"tags": [...], "starred": bool}, ...]}` (jrnl/plugins/json_exporter.py); a single entry as
written by `jrnl --export json -o folder/` is read too. Daylio: the CSV with the header
`full_date,date,weekday,time,mood,activities,note_title,note`, activities separated by " | ",
the time as "10:00 pm" or "22:00". Both keep local times, read in the person's time zone.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearthside.data.export import FORMAT, VERSION

MAX_UPLOAD = 20 * 1024 * 1024
# A zip can unpack to much more than it weighs; this is far above any real export.
MAX_UNPACKED = 100 * 1024 * 1024
ZIP_MEMBER = "hearthside-export.json"

SOURCES = ("hearthside", "jrnl", "daylio")

# Daylio's five default moods, newest names first, then older and common custom ones.
DAYLIO_MOODS = {
    "rad": 5,
    "good": 4,
    "meh": 3,
    "bad": 2,
    "awful": 1,
    "amazing": 5,
    "great": 5,
    "happy": 4,
    "fine": 3,
    "okay": 3,
    "ok": 3,
    "average": 3,
    "sad": 2,
    "down": 2,
    "horrible": 1,
    "terrible": 1,
}


class ImportProblem(Exception):
    """The file can't be read at all; the message is safe and kind to show to the person."""


@dataclass
class Document:
    source: str
    person: dict[str, Any] | None = None
    circles: list[dict[str, Any]] = field(default_factory=list)
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unknown_kinds: list[str] = field(default_factory=list)
    # Words from the file we couldn't place on our scales (e.g. a custom Daylio mood).
    notes: list[str] = field(default_factory=list)


def read(source: str, raw: bytes, *, time_zone: str) -> Document:
    """The document in `raw`, read as `source` ("hearthside", "jrnl" or "daylio")."""
    if source not in SOURCES:
        raise ImportProblem(_("Choose what kind of file this is."))
    if not raw:
        raise ImportProblem(_("That file is empty. Choose the file your export made."))
    check_size(len(raw))
    zone = ZoneInfo(time_zone)
    if source == "hearthside":
        return read_hearthside(raw)
    if source == "jrnl":
        return read_jrnl(raw, zone)
    return read_daylio(raw, zone)


def check_size(size: int) -> None:
    if size > MAX_UPLOAD:
        raise ImportProblem(
            _(
                "That file is %(size)s; the most we take at once is %(max)s. If it's a long "
                "journal, export a year at a time and bring each in."
            )
            % {"size": filesizeformat(size), "max": filesizeformat(MAX_UPLOAD)}
        )


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            _(
                "We couldn't read the letters in that file: it isn't saved as UTF-8 text. Export "
                "it again from the app it came from, or save it as UTF-8 in a text editor."
            )
        ) from exc


def _json(raw: bytes, *, what: str) -> Any:
    text = _text(raw)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hint = ""
        if text.lstrip().startswith(("full_date", "year,")):
            hint = " " + _("It looks like a Daylio CSV: choose Daylio above.")
        raise ImportProblem(
            _("That isn't a %(what)s file: it isn't JSON (the trouble starts on line %(line)s).")
            % {"what": what, "line": exc.lineno}
            + hint
        ) from exc


# --- Hearthside -------------------------------------------------------------------------------


def read_hearthside(raw: bytes) -> Document:
    if raw[:2] == b"PK":
        raw = _from_zip(raw)
    data = _json(raw, what="Hearthside export")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        hint = ""
        if isinstance(data, dict) and isinstance(data.get("entries"), list):
            hint = " " + _("It looks like a jrnl export: choose jrnl above.")
        raise ImportProblem(
            _(
                "That file isn't a Hearthside export (it doesn't start with "
                "“format”: “hearthside-export”)."
            )
            + hint
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportProblem(_("This export doesn't say which version of the format it uses."))
    if version > VERSION:
        raise ImportProblem(
            _(
                "This export was made by a newer Hearthside (format version %(theirs)s); this one "
                "reads version %(ours)s. Update Hearthside here, then try again."
            )
            % {"theirs": version, "ours": VERSION}
        )
    from hearthside.data.kinds import BY_KEY

    doc = Document(source="hearthside")
    person = data.get("person")
    doc.person = person if isinstance(person, dict) else None
    circles = data.get("circles")
    if isinstance(circles, list):
        for n, circle in enumerate(circles, 1):
            if isinstance(circle, dict) and isinstance(circle.get("id"), int):
                doc.circles.append(circle)
            else:
                doc.problems.append(_("circle %(n)s can't be read") % {"n": n})
    entries = data.get("entries")
    if not isinstance(entries, dict):
        raise ImportProblem(
            _("This export has no “entries” section, so there's nothing to bring in.")
        )
    for key, items in entries.items():
        if key not in BY_KEY:
            doc.unknown_kinds.append(str(key))
            continue
        if not isinstance(items, list):
            doc.problems.append(_("the “%(key)s” section isn't a list") % {"key": key})
            continue
        kept = []
        for n, entry in enumerate(items, 1):
            if isinstance(entry, dict) and isinstance(entry.get("id"), int):
                kept.append(entry)
            else:
                doc.problems.append(
                    _("%(kind)s %(n)s can't be read") % {"kind": BY_KEY[key].one, "n": n}
                )
        doc.entries[key] = kept
    return doc


def _from_zip(raw: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            try:
                info = archive.getinfo(ZIP_MEMBER)
            except KeyError as exc:
                raise ImportProblem(
                    _("That .zip has no %(name)s inside, so it isn't a Hearthside archive.")
                    % {"name": ZIP_MEMBER}
                ) from exc
            if info.file_size > MAX_UNPACKED:
                raise ImportProblem(_("The export inside that .zip is too big to bring in."))
            with archive.open(info) as member:
                data = member.read(MAX_UNPACKED + 1)
            if len(data) > MAX_UNPACKED:
                raise ImportProblem(_("The export inside that .zip is too big to bring in."))
            return data
    except zipfile.BadZipFile as exc:
        raise ImportProblem(_("That .zip is damaged; download the export again.")) from exc


# --- jrnl -------------------------------------------------------------------------------------


def read_jrnl(raw: bytes, zone: ZoneInfo) -> Document:
    data = _json(raw, what="jrnl")
    if isinstance(data, dict) and data.get("format") == FORMAT:
        raise ImportProblem(
            _("That's a Hearthside export, not a jrnl one: choose Hearthside above.")
        )
    if isinstance(data, dict) and isinstance(data.get("entries"), list):
        entries = data["entries"]
    elif isinstance(data, dict) and "date" in data and ("title" in data or "body" in data):
        entries = [data]
    else:
        raise ImportProblem(
            _(
                "That isn't a jrnl export: we expected the JSON that “jrnl --export json” writes, "
                "with a list of “entries”."
            )
        )
    doc = Document(source="jrnl")
    items = []
    for n, entry in enumerate(entries, 1):
        where = _("entry %(n)s") % {"n": n}
        if not isinstance(entry, dict):
            doc.problems.append(_("%(where)s can't be read") % {"where": where})
            continue
        try:
            when = _local(entry.get("date"), entry.get("time") or "00:00", zone, where)
        except ValueError as exc:
            doc.problems.append(str(exc))
            continue
        title = _str(entry.get("title")).strip()
        body = _str(entry.get("body")).strip()
        note = f"{title}\n{body}".strip() if body else title
        if not note:
            doc.problems.append(_("%(where)s has no words in it") % {"where": where})
            continue
        tags = [t for t in entry.get("tags") or [] if isinstance(t, str)]
        situation = []
        if tags:
            situation.append(_("Tags: %(tags)s") % {"tags": ", ".join(tags)})
        if entry.get("starred") is True:
            situation.append(_("Starred in jrnl"))
        items.append(_checkin(n, when, note=note, situation=" · ".join(situation), where=where))
    doc.entries["checkins"] = items
    return doc


# --- Daylio -----------------------------------------------------------------------------------

DAYLIO_NEEDS = ("full_date", "time", "mood")
DAYLIO_HEADER = "full_date,date,weekday,time,mood,activities,note_title,note"


def read_daylio(raw: bytes, zone: ZoneInfo) -> Document:
    text = _text(raw)
    if text.lstrip().startswith(("{", "[")):
        raise ImportProblem(
            _(
                "That's a JSON file, not Daylio's CSV. If it came from jrnl or Hearthside, "
                "choose that above."
            )
        )
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not all(name in header for name in DAYLIO_NEEDS):
        raise ImportProblem(
            _(
                "That doesn't look like a Daylio export: its first line should name the columns "
                "%(header)s."
            )
            % {"header": DAYLIO_HEADER}
        )
    reader.fieldnames = header
    doc = Document(source="daylio")
    items = []
    unknown_moods: dict[str, int] = {}
    try:
        for n, row in enumerate(reader, 1):
            where = _("line %(n)s") % {"n": reader.line_num}
            try:
                when = _local(row.get("full_date"), row.get("time"), zone, where)
            except ValueError as exc:
                doc.problems.append(str(exc))
                continue
            mood_word = _str(row.get("mood")).strip()
            mood = DAYLIO_MOODS.get(mood_word.lower())
            situation = []
            if mood is None and mood_word:
                unknown_moods[mood_word] = unknown_moods.get(mood_word, 0) + 1
                situation.append(_("Mood in Daylio: %(mood)s") % {"mood": mood_word})
            activities = [a.strip() for a in _str(row.get("activities")).split("|") if a.strip()]
            if activities:
                situation.append(_("Activities: %(list)s") % {"list": ", ".join(activities)})
            title = _plain(_str(row.get("note_title")))
            body = _plain(_str(row.get("note")))
            note = f"{title}\n{body}".strip() if title and body else (title or body)
            items.append(
                _checkin(
                    n, when, mood=mood, note=note, situation=" · ".join(situation), where=where
                )
            )
    except csv.Error as exc:
        raise ImportProblem(
            _("The CSV is damaged near line %(line)s (%(why)s). Export it again from Daylio.")
            % {"line": reader.line_num, "why": exc}
        ) from exc
    for word, count in unknown_moods.items():
        doc.notes.append(
            ngettext(
                "“%(mood)s” isn't one of Daylio's usual moods, so %(count)s check-in keeps it "
                "as words instead of a place on the mood scale.",
                "“%(mood)s” isn't one of Daylio's usual moods, so %(count)s check-ins keep it "
                "as words instead of a place on the mood scale.",
                count,
            )
            % {"mood": word, "count": count}
        )
    doc.entries["checkins"] = items
    return doc


# --- Shared -----------------------------------------------------------------------------------


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _plain(text: str) -> str:
    """Daylio notes may carry a little HTML (<br>, <b>); keep the words and the line breaks."""
    text = re.sub(r"(?i)<br\s*/?>|</p>|</li>", "\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I:%M:%S %p")


def _local(day: Any, at: Any, zone: ZoneInfo, where: str) -> datetime:
    """A local date and time from the file, in the person's time zone. Raises ValueError with
    a message for the person."""
    if not isinstance(day, str) or not day.strip():
        raise ValueError(_("%(where)s has no date") % {"where": where})
    try:
        parsed_day = date.fromisoformat(day.strip())
    except ValueError as exc:
        raise ValueError(
            _("%(where)s has a date we can't read (“%(date)s”; we expect 2024-01-31)")
            % {"where": where, "date": day.strip()[:40]}
        ) from exc
    if not isinstance(at, str) or not at.strip():
        raise ValueError(_("%(where)s has no time") % {"where": where})
    parsed_time = _time(at)
    if parsed_time is None:
        raise ValueError(
            _("%(where)s has a time we can't read (“%(time)s”)")
            % {"where": where, "time": _str(at).strip()[:40]}
        )
    return datetime.combine(parsed_day, parsed_time, tzinfo=zone)


def _time(value: Any) -> time | None:
    if not isinstance(value, str):
        return None
    cleaned = value.strip().upper().replace(".", "")
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).time()
        except ValueError:
            continue
    return None


def _checkin(
    n: int,
    when: datetime,
    *,
    note: str,
    situation: str,
    where: str,
    mood: int | None = None,
) -> dict[str, Any]:
    return {
        "id": n,
        "circle": None,
        "created_at": when.isoformat(),
        "withdrawn_at": None,
        "mood": mood,
        "energy": None,
        "feelings": [],
        "body_signals": [],
        "needs": [],
        "situation": situation,
        "note": note,
        "_where": where,
    }
