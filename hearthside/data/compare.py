"""Comparing two exports for a round trip: the same data, whatever the database ids.

`comparable(doc)` drops what differs between two databases by nature — `exported_at`, the ids
themselves (items are renumbered in file order and links follow), the informational `context`
and the other members of each circle (they aren't in a new instance) — and keeps everything
else. `restricted(doc, brought)` keeps only the items an import brought in, so "export, import
into an empty instance, export again" can be checked item for item.
"""

from __future__ import annotations

import copy
from typing import Any

from hearthside.data.kinds import BY_KEY


def restricted(doc: dict[str, Any], brought: dict[str, set[int]]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    for key, items in out["entries"].items():
        keep = brought.get(key, set())
        out["entries"][key] = [item for item in items if item["id"] in keep]
    return out


def comparable(doc: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc.pop("exported_at", None)
    circle_ids = {c["id"]: n for n, c in enumerate(doc["circles"], 1)}
    for circle in doc["circles"]:
        circle["id"] = circle_ids[circle["id"]]
        circle.pop("members", None)
    numbers = {
        key: {item["id"]: n for n, item in enumerate(items, 1)}
        for key, items in doc["entries"].items()
    }
    for key, items in doc["entries"].items():
        kind = BY_KEY[key]
        for item in items:
            item["id"] = numbers[key][item["id"]]
            item.pop("context", None)
            if "circle" in item and item["circle"] is not None:
                item["circle"] = circle_ids.get(item["circle"])
            for ref in kind.refs:
                value = item.get(ref.field)
                if value is not None:
                    item[ref.field] = numbers.get(ref.kind, {}).get(value)
    return doc
