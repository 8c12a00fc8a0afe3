"""Fingerprints: what makes an imported item "the same one" again, whatever its database id.

An item's fingerprint is a SHA-256 of its kind and its identity (`Kind.identity_fields`): when
it was written (to the microsecond, in UTC), what it belongs to (a reply's share, a reflection's
rupture — each replaced by *that* item's fingerprint) and its circle (by name and kind). Things
that change later (withdrawn, edited, re-linked, marked met) are not part of it, so an item
edited since the export is still recognised. Check-ins add their note, because a jrnl journal
can hold two entries written at the same minute. Links only ever point at earlier kinds, so
fingerprints never go round in a circle.

The importer skips an item whose fingerprint matches something the person already has (their
current export, fingerprinted the same way) or something an earlier import made (recorded in
`ImportedItem`), so importing the same file twice, or an export of the same account, adds
nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import models
from django.utils.dateparse import parse_datetime

from hearthside.data.kinds import BY_KEY, ORDER, Kind


def _hash(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def circle_fingerprint(circle: dict[str, Any]) -> str:
    return _hash(["circle", circle.get("name"), circle.get("kind")])


def _utc(value: Any) -> Any:
    from datetime import UTC

    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is not None and parsed.tzinfo is not None:
            return parsed.astimezone(UTC).isoformat()
    return value


def fingerprints(
    entries: dict[str, list[dict[str, Any]]], circles: list[dict[str, Any]]
) -> dict[str, dict[int, str]]:
    """Per kind, export id -> fingerprint, for every item of a document."""
    circle_fps = {c.get("id"): circle_fingerprint(c) for c in circles}
    by_id = {key: {item.get("id"): item for item in items} for key, items in entries.items()}
    done: dict[str, dict[int, str]] = {key: {} for key in entries}

    def fingerprint(key: str, item: dict[str, Any]) -> str:
        known = done.setdefault(key, {}).get(item.get("id"))  # type: ignore[arg-type]
        if known is not None:
            return known
        kind = BY_KEY[key]
        refs = {ref.field: ref for ref in kind.refs}
        datetimes = _datetime_fields(kind)
        canon: dict[str, Any] = {}
        for name in kind.identity_fields:
            value = item.get(name)
            if name == "circle" and kind.circle:
                canon[name] = circle_fps.get(value) if value is not None else None
            elif name in refs:
                ref = refs[name]
                target = by_id.get(ref.kind, {}).get(value) if value is not None else None
                if ORDER[ref.kind] < ORDER[key] and target is not None:
                    canon[name] = fingerprint(ref.kind, target)
                else:
                    canon[name] = None
            elif name in datetimes:
                canon[name] = _utc(value)
            else:
                canon[name] = value
        result = _hash([key, canon])
        if isinstance(item.get("id"), int):
            done[key][item["id"]] = result
        return result

    for key, items in entries.items():
        for item in items:
            fingerprint(key, item)
    return done


def _datetime_fields(kind: Kind) -> frozenset[str]:
    return frozenset(
        name
        for name in kind.fields
        if isinstance(kind.model._meta.get_field(name), models.DateTimeField)
    )
