"""docs/export-format.md describes every kind and every field the export writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearthside.data.kinds import KINDS, Kind

DOC = Path(__file__).resolve().parents[3] / "docs" / "export-format.md"


def _section(kind: Kind) -> str:
    text = DOC.read_text()
    start = text.index(f"### `{kind.key}`")
    end = text.find("\n### ", start + 1)
    return text[start : end if end != -1 else None]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.key)
def test_the_format_page_lists_each_kind_with_its_fields(kind: Kind) -> None:
    section = _section(kind)
    for name in ("id", *kind.fields, *(r.field for r in kind.refs)):
        assert f"| `{name}` |" in section, f"{kind.key}.{name} is not documented"
    if kind.circle:
        assert "| `circle` |" in section


def test_the_format_page_names_the_version() -> None:
    assert "this page describes **version 1**" in DOC.read_text()
