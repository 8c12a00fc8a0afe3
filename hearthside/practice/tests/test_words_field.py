"""WordsField keeps small sets of vocabulary slugs as " a b c ". Pure: no database."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Q

from hearthside.practice.fields import WordsField, has_word
from hearthside.practice.models import CheckIn


@pytest.fixture
def words() -> WordsField:
    return WordsField()


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (["anxious", "tired"], " anxious tired "),
        (["calm"], " calm "),
        ([], ""),
        (None, ""),
        (["", "calm", ""], " calm "),
        (("worn-out", "raw"), " worn-out raw "),
    ],
)
def test_it_stores_a_list_with_a_space_on_each_side(
    words: WordsField, value: Any, stored: str
) -> None:
    assert words.get_prep_value(value) == stored


def test_a_lookup_string_passes_through_untouched(words: WordsField) -> None:
    assert words.get_prep_value(" anxious ") == " anxious "


@pytest.mark.parametrize(
    ("stored", "value"),
    [(" anxious tired ", ["anxious", "tired"]), ("", []), (None, []), (" calm ", ["calm"])],
)
def test_it_reads_back_a_list(words: WordsField, stored: str | None, value: list[str]) -> None:
    assert words.from_db_value(stored, None, None) == value


@pytest.mark.parametrize("value", [["anxious", "tired"], ["worn-out"], []])
def test_a_list_survives_the_round_trip(words: WordsField, value: list[str]) -> None:
    assert words.from_db_value(words.get_prep_value(value), None, None) == value


@pytest.mark.parametrize(
    ("given", "value"),
    [
        (["a", "b"], ["a", "b"]),
        ("anxious tired", ["anxious", "tired"]),
        ("  calm  ", ["calm"]),
        ("", []),
        (None, []),
    ],
)
def test_to_python_accepts_a_list_or_a_spaced_string(
    words: WordsField, given: Any, value: list[str]
) -> None:
    assert words.to_python(given) == value


def test_it_defaults_to_an_empty_list_and_is_optional() -> None:
    field = WordsField()
    assert field.get_default() == []
    assert field.blank


def test_each_instance_gets_its_own_default_list() -> None:
    first, second = CheckIn(), CheckIn()
    first.feelings.append("calm")
    assert second.feelings == []


def test_it_serialises_as_words_separated_by_spaces() -> None:
    checkin = CheckIn(feelings=["anxious", "tired"])
    assert CheckIn._meta.get_field("feelings").value_to_string(checkin) == "anxious tired"


def test_has_word_looks_for_the_whole_slug() -> None:
    assert has_word("feelings", "worn-out") == Q(feelings__contains=" worn-out ")


def test_has_word_does_not_match_part_of_a_longer_slug(words: WordsField) -> None:
    stored = words.get_prep_value(["worn-out", "raw"])
    (_lookup, needle) = has_word("feelings", "worn").children[0]  # type: ignore[misc]
    assert needle not in stored
    (_lookup, needle) = has_word("feelings", "raw").children[0]  # type: ignore[misc]
    assert needle in stored
