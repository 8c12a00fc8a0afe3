"""The apology builder's pure parts: composing the apology and flagging common pitfalls."""

from __future__ import annotations

import pytest

from hearthside.repair.apology import compose, pitfalls


def kinds(text: str) -> list[str]:
    return [p.kind for p in pitfalls(text)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I'm sorry if you were upset.", "sorry-if"),
        ("Sorry if that came out wrong", "sorry-if"),
        ("I\u2019m sorry if it hurt", "sorry-if"),
        ("I'm sorry, but you were late again.", "sorry-but"),
        ("Sorry I snapped but I was exhausted", "sorry-but"),
        ("I'm sorry you feel that way.", "sorry-you-feel"),
        ("I'm sorry that you felt left out.", "sorry-you-feel"),
        ("Sorry you took it like that", "sorry-you-feel"),
        ("I was only trying to help.", "justifying"),
        ("I didn\u2019t mean it like that.", "justifying"),
        ("In my defence, the day was long.", "justifying"),
        ("You made me so angry.", "blaming-back"),
        ("If you hadn't shouted, I wouldn't have left.", "blaming-back"),
    ],
)
def test_it_flags_the_common_pitfalls(text: str, kind: str) -> None:
    assert kind in kinds(text)


def test_a_clean_specific_apology_has_no_pitfalls() -> None:
    text = (
        "I'm sorry that I walked out while you were talking. I can see it left you alone "
        "with it. Next time I will say I need a minute, and come back."
    )

    assert pitfalls(text) == []


def test_each_finding_points_at_the_words_and_offers_another_way() -> None:
    text = "Okay. I'm sorry if I was loud."

    (found,) = pitfalls(text)

    assert found.kind == "sorry-if"
    assert text[found.start : found.end] == "I'm sorry if"
    assert found.message
    assert found.suggestion


def test_findings_come_in_the_order_they_appear() -> None:
    text = "You made me do it. I'm sorry if it stung."

    assert kinds(text) == ["blaming-back", "sorry-if"]


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

    assert "justifying" in kinds(apology)
