""" "What helps me", computed from plain (tool, before, after) rows: no database, no clock."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from hearthside.calm.summary import ToolSummary, summarise


def by_tool(rows: Sequence[tuple[str, int | None, int | None]]) -> dict[str, ToolSummary]:
    return {item.tool: item for item in summarise(rows)}


def test_every_tool_has_a_line_even_when_nothing_was_used() -> None:
    summaries = summarise([])

    assert [s.tool for s in summaries] == ["breathe", "ground", "kindness"]
    assert all(s.rated == 0 and not s.enough and s.trend == "" for s in summaries)


def test_below_three_rated_sessions_it_is_not_enough_yet() -> None:
    (breathe, *_rest) = summarise([("breathe", 7, 4), ("breathe", 6, 4)])

    assert breathe.rated == 2
    assert breathe.average_drop is None
    assert not breathe.enough


def test_three_rated_sessions_give_the_average_drop() -> None:
    (breathe, *_rest) = summarise([("breathe", 7, 4), ("breathe", 6, 4), ("breathe", 8, 6)])

    assert breathe.enough
    assert breathe.average_drop == pytest.approx(7 / 3, abs=0.01)
    assert breathe.trend == "eases"
    assert breathe.points == "2.3"


def test_sessions_missing_either_rating_do_not_count() -> None:
    rows = [("ground", 7, None), ("ground", None, 3), ("ground", None, None), ("ground", 5, 4)]

    ground = by_tool(rows)["ground"]

    assert ground.rated == 1


@pytest.mark.parametrize(
    ("pairs", "trend", "points"),
    [
        ([(6, 4), (6, 4), (6, 4)], "eases", "2"),
        ([(5, 5), (5, 5), (5, 6)], "steady", "0.3"),
        ([(3, 5), (4, 5), (4, 6)], "rises", "1.7"),
    ],
)
def test_the_trend_says_which_way_it_moved(
    pairs: list[tuple[int, int]], trend: str, points: str
) -> None:
    kindness = by_tool([("kindness", before, after) for before, after in pairs])["kindness"]

    assert kindness.trend == trend
    assert kindness.points == points


def test_tools_are_summarised_separately() -> None:
    rows = [("breathe", 8, 4)] * 3 + [("kindness", 5, 5)] * 3

    summaries = by_tool(rows)

    assert summaries["breathe"].average_drop == 4
    assert summaries["kindness"].average_drop == 0
    assert summaries["ground"].rated == 0
