"""The tools' timings and words: what the pages, the API and the stylesheet all rely on."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from hearthside.calm import tools


def test_box_breathing_is_four_even_sides() -> None:
    box = tools.PATTERNS["box"]

    assert [p.seconds for p in box.phases] == [4, 4, 4, 4]
    assert [p.kind for p in box.phases] == ["in", "full", "out", "empty"]


def test_four_seven_eight_is_in_four_hold_seven_out_eight() -> None:
    assert [p.seconds for p in tools.PATTERNS["4-7-8"].phases] == [4, 7, 8]


def test_resonant_breathing_is_about_five_and_a_half_breaths_a_minute() -> None:
    resonant = tools.PATTERNS["resonant"]

    assert [p.seconds for p in resonant.phases] == [5.45, 5.45]
    assert resonant.breaths_per_minute == pytest.approx(5.5, abs=0.01)
    assert {p.kind for p in resonant.phases} == {"in", "out"}  # no holding


def css() -> str:
    path = finders.find("hearthside/calm.css")
    assert path is not None
    with open(path, encoding="utf-8") as sheet:
        return sheet.read()


@pytest.mark.parametrize("key", list(tools.PATTERNS))
def test_the_no_script_keyframes_last_exactly_one_breath(key: str) -> None:
    pattern = tools.PATTERNS[key]
    rule = re.search(rf"\.calm-breath-{pattern.css} \.calm-orb {{ animation: ([\d.]+)s", css())

    assert rule is not None, f"no keyframes for {key}"
    assert float(rule.group(1)) == pytest.approx(pattern.cycle_seconds)
    assert f"@keyframes calm-{pattern.css} " in css()


def test_the_stylesheet_turns_motion_into_words_when_asked() -> None:
    assert "@media (prefers-reduced-motion: reduce)" in css()
    assert ".calm-still-note { display: block;" in css()


def test_grounding_counts_down_from_five_senses_to_one() -> None:
    assert [s.count for s in tools.GROUND_STEPS] == [5, 4, 3, 2, 1]


def test_kindness_has_three_steps_each_with_words_to_borrow() -> None:
    assert len(tools.KINDNESS_STEPS) == 3
    assert all(len(step.examples) >= 2 for step in tools.KINDNESS_STEPS)
    assert all(step.count == 0 for step in tools.KINDNESS_STEPS)
