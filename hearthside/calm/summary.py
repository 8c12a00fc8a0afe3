""" "What helps me": what each tool tends to change, from the person's own before/after ratings.

Pure: it takes plain (tool, before, after) rows and returns numbers; the words are the
template's. Only sessions rated both before and after count: a single number says nothing
about change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hearthside.calm.tools import TOOLS

# Fewer rated sessions than this and an average would mostly be noise.
ENOUGH = 3
# An average change smaller than this either way reads as "about the same".
STEADY = 0.5


@dataclass(frozen=True)
class ToolSummary:
    tool: str
    rated: int  # sessions with both a before and an after rating
    average_drop: float | None  # before minus after, averaged; None until there are ENOUGH

    @property
    def enough(self) -> bool:
        return self.average_drop is not None

    @property
    def trend(self) -> str:
        """ "eases", "steady" or "rises" (how the feeling moved on average), or "" before
        there are enough rated sessions."""
        if self.average_drop is None:
            return ""
        if self.average_drop >= STEADY:
            return "eases"
        if self.average_drop <= -STEADY:
            return "rises"
        return "steady"

    @property
    def points(self) -> str:
        """The average change as people say it: "2", "1.5" (one decimal, sign dropped)."""
        if self.average_drop is None:
            return ""
        return f"{abs(self.average_drop):.1f}".removesuffix(".0")


def summarise(rows: Iterable[tuple[str, int | None, int | None]]) -> list[ToolSummary]:
    """One summary per tool, in the toolkit's order, from (tool, before, after) rows."""
    drops: dict[str, list[int]] = {tool: [] for tool in TOOLS}
    for tool, before, after in rows:
        if before is None or after is None or tool not in drops:
            continue
        drops[tool].append(before - after)
    return [
        ToolSummary(
            tool,
            len(values),
            round(sum(values) / len(values), 2) if len(values) >= ENOUGH else None,
        )
        for tool, values in drops.items()
    ]
