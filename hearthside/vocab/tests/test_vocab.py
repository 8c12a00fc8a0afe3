from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import hearthside.vocab as vocab
from hearthside.vocab import words

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Words that describe what someone else did rather than what the speaker feels.
# The language coach maps these to real feelings; they must never be offered as one.
BLAMING_PSEUDO_FEELINGS = (
    "abandoned",
    "ignored",
    "manipulated",
    "betrayed",
    "rejected",
    "unappreciated",
    "neglected",
    "misunderstood",
    "unheard",
    "unseen",
    "used",
    "attacked",
    "criticized",
    "judged",
    "disrespected",
    "belittled",
    "invisible",
    "unwanted",
    "unsupported",
    "pressured",
    "cheated",
    "let-down",
    "left-out",
    "taken-for-granted",
)

REPO_ROOT = Path(__file__).resolve().parents[3]


def all_feeling_words() -> list[vocab.Word]:
    return [w for f in vocab.feeling_families() for w in f.words]


def all_need_words() -> list[vocab.Word]:
    return [w for g in vocab.need_groups() for w in g.words]


def assert_slugs_unique_and_well_formed(slugs: list[str]) -> None:
    assert len(slugs) == len(set(slugs)), "duplicate slugs"
    for slug in slugs:
        assert SLUG.match(slug), slug
        assert slug.isascii(), slug


def test_feeling_slugs_are_unique_across_families_and_well_formed() -> None:
    assert_slugs_unique_and_well_formed([w.slug for w in all_feeling_words()])


def test_family_slugs_are_unique_and_well_formed() -> None:
    assert_slugs_unique_and_well_formed([f.slug for f in vocab.feeling_families()])


def test_need_and_group_slugs_are_unique_and_well_formed() -> None:
    assert_slugs_unique_and_well_formed([w.slug for w in all_need_words()])
    assert_slugs_unique_and_well_formed([g.slug for g in vocab.need_groups()])


def test_body_signal_slugs_are_unique_and_well_formed() -> None:
    assert_slugs_unique_and_well_formed([w.slug for w in vocab.body_signals()])


def test_every_family_has_a_description_and_several_words() -> None:
    for family in vocab.feeling_families():
        assert family.label.strip()
        assert family.description.strip()
        assert 5 <= len(family.words) <= 10, family.slug


def test_every_need_group_has_several_needs() -> None:
    for group in vocab.need_groups():
        assert group.label.strip()
        assert 5 <= len(group.words) <= 8, group.slug


def test_vocabularies_have_a_useful_size() -> None:
    assert 80 <= len(all_feeling_words()) <= 100
    assert len(vocab.need_groups()) >= 6
    assert len(vocab.body_signals()) >= 18


def test_every_label_is_non_blank_and_trimmed() -> None:
    labelled = [*all_feeling_words(), *all_need_words(), *vocab.body_signals()]
    for word in labelled:
        assert word.label and word.label == word.label.strip(), word.slug


def test_pleasant_and_unpleasant_families_are_both_present() -> None:
    kinds = {f.pleasant for f in vocab.feeling_families()}
    assert kinds == {True, False}


@pytest.mark.parametrize("pseudo", BLAMING_PSEUDO_FEELINGS)
def test_it_does_not_offer_blaming_pseudo_feelings(pseudo: str) -> None:
    assert vocab.feeling(pseudo) is None
    labels = {w.label.lower() for w in all_feeling_words()}
    assert pseudo.replace("-", " ") not in labels


def test_it_looks_up_every_feeling_by_slug() -> None:
    for family in vocab.feeling_families():
        for word in family.words:
            assert vocab.feeling(word.slug) is word
            assert vocab.family_of(word.slug) is family


def test_it_looks_up_every_need_and_body_signal_by_slug() -> None:
    for word in all_need_words():
        assert vocab.need(word.slug) is word
    for word in vocab.body_signals():
        assert vocab.body_signal(word.slug) is word


def test_unknown_slugs_return_none() -> None:
    assert vocab.feeling("no-such-feeling") is None
    assert vocab.need("no-such-need") is None
    assert vocab.body_signal("no-such-signal") is None
    assert vocab.family_of("no-such-feeling") is None
    # A family slug is not a feeling slug.
    assert vocab.family_of("joyful") is None


def test_slug_sets_match_the_vocabularies() -> None:
    assert vocab.feeling_slugs() == {w.slug for w in all_feeling_words()}
    assert vocab.need_slugs() == {w.slug for w in all_need_words()}
    assert vocab.body_signal_slugs() == {w.slug for w in vocab.body_signals()}
    assert isinstance(vocab.feeling_slugs(), frozenset)


def test_feeling_choices_are_grouped_by_family() -> None:
    choices = vocab.feeling_choices()
    families = vocab.feeling_families()
    assert [label for label, _ in choices] == [f.label for f in families]
    for (_, options), family in zip(choices, families, strict=True):
        assert options == [(w.slug, w.label) for w in family.words]


def test_need_choices_are_grouped_by_need_group() -> None:
    choices = vocab.need_choices()
    groups = vocab.need_groups()
    assert [label for label, _ in choices] == [g.label for g in groups]
    for (_, options), group in zip(choices, groups, strict=True):
        assert options == [(w.slug, w.label) for w in group.words]


def test_body_signal_choices_are_flat_pairs() -> None:
    choices = vocab.body_signal_choices()
    assert choices == [(w.slug, w.label) for w in vocab.body_signals()]


def test_choices_are_fresh_lists_so_callers_cannot_corrupt_them() -> None:
    vocab.feeling_choices().clear()
    vocab.need_choices()[0][1].clear()
    vocab.body_signal_choices().clear()
    assert vocab.feeling_choices()
    assert vocab.need_choices()[0][1]
    assert vocab.body_signal_choices()


def test_words_are_immutable() -> None:
    word = vocab.body_signals()[0]
    with pytest.raises(AttributeError):
        word.slug = "changed"  # type: ignore[misc]


def test_check_in_scales_run_one_to_five() -> None:
    for scale in (vocab.MOOD_SCALE, vocab.ENERGY_SCALE):
        assert [value for value, _ in scale] == [1, 2, 3, 4, 5]
        assert all(label.strip() for _, label in scale)


def test_share_depths_and_wants_have_labels_and_help() -> None:
    assert [slug for slug, _, _ in vocab.SHARE_DEPTHS] == ["light", "medium", "deep"]
    assert [slug for slug, _, _ in vocab.SHARE_WANTS] == [
        "just-listen",
        "reassurance",
        "help-thinking",
        "space",
    ]
    for _, label, help_text in (*vocab.SHARE_DEPTHS, *vocab.SHARE_WANTS):
        assert label.strip()
        assert help_text.strip()


def test_translation_marker_returns_its_argument() -> None:
    assert words.N_("steady") == "steady"


def test_importing_the_package_does_not_import_django() -> None:
    code = (
        "import sys\n"
        "import hearthside.vocab\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(  # noqa: S603 - fixed code, our own interpreter
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""
