"""Drafts: what a person has typed into a repair form but not sent yet.

Repair words are hard to find and easy to lose (a closed tab, a flat battery, a walk away to
calm down). Any form can keep them server-side as the person types:

1. In the template, put `{% include "repair/_autosave.html" with key=draft_key %}` inside the
   `<form>` tag (see that file). While the person types, htmx posts the form's fields to
   `draft_save`, which keeps them as a `Draft` for that person and key.
2. In the view, on GET, build the form's initial values with `with_draft(initial, person, key)`
   (or read `load_draft` yourself), so a half-written form comes back as it was left.
3. After a successful POST, call `clear_draft(person, key)`.

A key names one form for one thing, e.g. `draft_key("rupture", 12, "plan")` →
"rupture:12:plan". A draft is only ever read back by its author, so the key needs no secret;
it only has to be stable for that form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.http import QueryDict
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.repair.models import Draft

KEY_PATTERN = re.compile(r"[a-z0-9:_-]{1,120}")
# Generous for any repair form, small enough that the table can't be used as free storage.
MAX_FIELDS = 60
MAX_CHARS = 60_000
# Never keep the form's CSRF token: it is not something the person typed.
IGNORED_FIELDS = frozenset({"csrfmiddlewaretoken"})


class DraftTooLarge(ValueError):
    """More than any repair form holds."""


def valid_key(key: str) -> bool:
    return KEY_PATTERN.fullmatch(key) is not None


def draft_key(*parts: object) -> str:
    """A key from its parts: `draft_key("rupture", 12, "plan")` → "rupture:12:plan"."""
    key = ":".join(str(part) for part in parts).lower()
    if not valid_key(key):
        raise ValueError(f"not a draft key: {key!r}")
    return key


def load_draft(person: Person, key: str) -> dict[str, Any]:
    """What `person` last typed into the form named `key` ({} when nothing is kept)."""
    data = Draft.objects.filter(author=person, key=key).values_list("data", flat=True).first()
    return dict(data) if isinstance(data, dict) else {}


def with_draft(initial: Mapping[str, Any], person: Person, key: str) -> dict[str, Any]:
    """A form's initial values with the person's draft laid over them."""
    return {**initial, **load_draft(person, key)}


def store_draft(person: Person, key: str, fields: QueryDict) -> Draft:
    """Keep the posted fields: a single value as a string, several (checkboxes) as a list."""
    kept = [(name, values) for name, values in fields.lists() if name not in IGNORED_FIELDS]
    size = sum(len(name) + sum(len(value) for value in values) for name, values in kept)
    if len(kept) > MAX_FIELDS or size > MAX_CHARS:
        raise DraftTooLarge(key)
    data = {name: values[0] if len(values) == 1 else values for name, values in kept}
    draft, _created = Draft.objects.update_or_create(
        author=person, key=key, defaults={"data": data, "updated_at": timezone.now()}
    )
    return draft


def clear_draft(person: Person, key: str) -> None:
    Draft.objects.filter(author=person, key=key).delete()
