"""The Markdown a facilitator is handed: people's words read as words, whatever they typed, the
file has a safe name, and the layout is plain enough to read as text. No database."""

from __future__ import annotations

from datetime import date

import pytest

from hearthside.summary import markdown
from hearthside.summary.snapshot import (
    AppreciationItem,
    ReplyItem,
    RitualItem,
    ShareItem,
    Snapshot,
)


def _snapshot(**changes: object) -> Snapshot:
    fields: dict[str, object] = {
        "circle": "Alex & Sam",
        "members": ["Alex", "Sam"],
        "period_start": date(2026, 2, 1),
        "period_end": date(2026, 2, 28),
        "time_zone": "Europe/London",
        "produced_on": date(2026, 3, 4),
        "shares": [],
        "moments": [],
        "ruptures": [],
        "commitments": [],
        "rituals": [],
        "appreciations": [],
    }
    return Snapshot.model_validate(fields | changes)


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("# not a heading", r"\# not a heading"),
        ("> not a quote", r"\> not a quote"),
        ("- not a list", r"\- not a list"),
        ("1. not a list", r"1\. not a list"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("[click](https://example.com)", r"\[click\](https://example.com)"),
        ("*so* _very_ `code` ~~gone~~ | table", r"\*so\* \_very\_ \`code\` \~\~gone\~\~ \| table"),
        ("a\\b", r"a\\b"),
        ("    indented code", "indented code"),
        (
            "plain words, with a comma. And a full stop!",
            "plain words, with a comma. And a full stop!",
        ),
    ],
)
def test_peoples_words_are_escaped_so_they_read_as_words(typed: str, escaped: str) -> None:
    assert markdown.escape(typed) == escaped


def test_a_multi_line_share_stays_one_quote() -> None:
    share = ShareItem(
        author="Alex",
        on=date(2026, 2, 10),
        text="First line\n\n# second paragraph",
        feelings=[],
        depth="Light",
        wants="Just listen",
        replies=[],
    )
    text = markdown.render(_snapshot(shares=[share]))
    assert "> First line\n>\n> \\# second paragraph\n" in text


def test_the_document_has_a_title_the_period_and_every_section() -> None:
    text = markdown.render(_snapshot())
    assert text.startswith("# Summary for Alex & Sam\n")
    assert "1 February 2026 to 28 February 2026 (Europe/London time)" in text
    assert "- Members, who all consented: Alex, Sam" in text
    assert "- Made on: 4 March 2026" in text
    for heading in (
        "## What was shared",
        "## Understanding moments",
        "## Ruptures and repair",
        "## Commitments and follow-through",
        "## Rituals kept",
        "## Thank-yous",
    ):
        assert f"\n{heading}\n" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_replies_rituals_and_thanks_read_plainly() -> None:
    share = ShareItem(
        author="Alex",
        on=date(2026, 2, 10),
        text="Heavy week",
        feelings=["anxious", "tired"],
        depth="Light",
        wants="Just listen",
        replies=[
            ReplyItem(
                author="Sam",
                on=date(2026, 2, 10),
                parts=[("What I hear", "it's been a lot")],
                felt_heard=True,
            )
        ],
    )
    text = markdown.render(
        _snapshot(
            shares=[share],
            rituals=[RitualItem(title="Walk", schedule="Every Sunday at 10:00", kept=1, of=1)],
            appreciations=[
                AppreciationItem(
                    author="Sam",
                    recipient="Alex",
                    on=date(2026, 2, 11),
                    text="for the soup",
                    acts=["cooked for me"],
                )
            ],
        )
    )
    assert "Feelings: anxious, tired" in text
    assert "- **Sam** replied on 10 February 2026 — felt heard\n" in text
    assert "    - *What I hear:* it's been a lot\n" in text
    assert "- **Walk** (Every Sunday at 10:00): kept 1 of 1 time\n" in text
    assert (
        "- **Sam to Alex**, 11 February 2026\n    - Noticed: cooked for me\n    - for the soup"
        in text
    )


@pytest.mark.parametrize(
    ("circle", "name"),
    [
        ("Alex & Sam", "hearthside-summary-alex-sam-2026-02-01-to-2026-02-28.md"),
        ('../../etc/passwd"; x=', "hearthside-summary-etcpasswd-x-2026-02-01-to-2026-02-28.md"),
        ("家族", "hearthside-summary-circle-2026-02-01-to-2026-02-28.md"),
    ],
)
def test_the_file_name_is_safe_whatever_the_circle_is_called(circle: str, name: str) -> None:
    assert markdown.filename(_snapshot(circle=circle)) == name
