"""A field for small sets of vocabulary slugs (feelings, needs, body signals)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    # Tell django-stubs what the attribute holds (a list), not what the column stores.
    _TextField = models.TextField[list[str] | str, list[str]]
else:
    _TextField = models.TextField


class WordsField(_TextField):
    """Stores a list of slugs as " a b c " so "has this feeling" is one indexed-friendly
    `contains` lookup that works the same on SQLite and PostgreSQL (JSON containment does not
    exist on SQLite). Slugs never contain spaces."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> list[str]:
        return value.split() if value else []

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        return str(value).split() if value else []

    def get_prep_value(self, value: Any) -> str:
        if isinstance(value, str):
            # A lookup value such as " anxious " passes through untouched.
            return value
        words = [w for w in (value or []) if w]
        return f" {' '.join(words)} " if words else ""

    def value_to_string(self, obj: models.Model) -> str:
        return " ".join(self.value_from_object(obj))


def has_word(field: str, slug: str) -> models.Q:
    return models.Q(**{f"{field}__contains": f" {slug} "})
