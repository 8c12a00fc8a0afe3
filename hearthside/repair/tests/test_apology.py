"""The apology builder's pure parts: composing the apology and pointing at what may stop it
landing (the language coach's apology pitfalls, blame and defence)."""

from __future__ import annotations

import pytest

from hearthside.coach import analyze
from hearthside.repair.apology import KINDS, compose, pitfalls


def flagged(text: str) -> list[str]:
    """The words the check points at, as the person sees them quoted."""
    return [text[p.start : p.end] for p in pitfalls(text)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # "Sorry if…": unsure anything happened.
        ("I'm sorry if you were upset.", "I'm sorry if"),
        ("Sorry if that came out wrong", "Sorry if"),
        ("I\u2019m sorry if it hurt", "I\u2019m sorry if"),
        # A "but" that cancels the apology.
        ("I'm sorry, but you were late again.", "I'm sorry, but"),
        ("Sorry I snapped but I was exhausted", "Sorry I snapped but"),
        # "Sorry you feel…": the problem put in their feelings.
        ("I'm sorry you feel that way.", "I'm sorry you feel"),
        ("I'm sorry that you felt left out.", "I'm sorry that you felt"),
        ("Sorry you took it like that", "Sorry you took"),
        # Explaining why in the same breath.
        ("I was only trying to help.", "I was only trying"),
        ("I didn\u2019t mean it like that.", "I didn\u2019t mean it"),
        ("In my defence, the day was long.", "In my defence"),
        # Turning it back on them.
        ("You made me so angry.", "You made me so angry"),
        ("If you hadn't shouted, I wouldn't have left.", "If you hadn't"),
    ],
)
def test_it_points_at_the_words_that_get_in_the_way(text: str, words: str) -> None:
    assert words in flagged(text)


def test_a_clean_specific_apology_has_no_pitfalls() -> None:
    text = (
        "I'm sorry that I walked out while you were talking. I can see it left you alone "
        "with it. Next time I will say I need a minute, and come back."
    )

    assert pitfalls(text) == []


def test_each_finding_points_at_the_words_and_offers_another_way() -> None:
    text = "Okay. I'm sorry if I was loud."

    (found,) = pitfalls(text)

    assert found.kind == "apology_pitfall"
    assert text[found.start : found.end] == "I'm sorry if"
    assert "not sure anything happened" in found.message
    assert found.suggestion


def test_it_says_what_the_coachs_notes_under_each_field_say() -> None:
    text = "I'm sorry if it stung, but you always overreact. In my defence I was tired."
    coach = {(f.kind, f.start, f.end, f.message) for f in analyze(text, context="apology")}

    found = pitfalls(text)

    assert len(found) >= 2
    assert all(p.kind in KINDS for p in found)
    assert all((p.kind, p.start, p.end, p.message) in coach for p in found)


def test_findings_come_in_the_order_they_appear_each_words_once() -> None:
    text = "You made me do it. I'm sorry if it stung."

    # "You made me do" is blame and defence at once; it is pointed at once.
    assert flagged(text) == ["You made me do", "I'm sorry if"]


def test_blame_in_an_apology_is_pointed_out_but_not_an_explanation_of_feelings() -> None:
    assert flagged("I'm sorry, you always leave the dishes.") == ["you always"]
    assert pitfalls("I'm sorry I left you waiting; I felt awful afterwards.") == []


def test_sorry_on_its_own_is_not_a_pitfall() -> None:
    assert pitfalls("I'm sorry. I was unkind.") == []


def test_compose_puts_the_three_parts_into_one_apology() -> None:
    apology = compose(
        "Walked away while you were talking",
        "Left you feeling dismissed",
        "Tell you I need a minute and come back",
    )

    assert apology == (
        "I'm sorry that I walked away while you were talking. "
        "I can see it left you feeling dismissed. "
        "Next time I will tell you I need a minute and come back."
    )


def test_compose_leaves_out_empty_parts() -> None:
    assert compose("forgot your birthday", "  ", "") == "I'm sorry that I forgot your birthday."
    assert compose("", "", "") == ""


def test_compose_does_not_double_a_full_stop() -> None:
    assert compose("was late.", "", "") == "I'm sorry that I was late."


def test_compose_keeps_names_and_i_as_they_are() -> None:
    apology = compose("told Jo about it", "", "")
    assert apology == "I'm sorry that I told Jo about it."
    assert compose("", "", "ASK first") == "Next time I will ASK first."


def test_compose_does_not_repeat_an_i_the_person_already_wrote() -> None:
    apology = compose("I walked away while you were talking", "", "")

    assert apology == "I'm sorry that I walked away while you were talking."


def test_the_composed_apology_is_checked_for_pitfalls_too() -> None:
    apology = compose("was only tired", "", "")

    assert flagged(apology) == ["I was only tired"]
