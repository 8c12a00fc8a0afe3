"""The gentle nudges shown before a listening reply is sent. Pure functions: no database. What
counts as advice is the language coach's call; these cases are what a listener would notice."""

from __future__ import annotations

import pytest

from hearthside.practice.nudges import coach_quiet, looks_like_fixing, reply_nudge

ADVICE = [
    "You should just talk to your boss.",
    "you need to sleep more",
    "Why don't you take Friday off?",
    "Why dont you take Friday off?",
    "Have you tried a walk at lunch?",
    "Just try to relax.",
    "Just do it tomorrow.",
    "just stop worrying",
    "At least it's nearly the weekend.",
    "The solution is to say no.",
    "What you need is a holiday.",
    "YOU SHOULD REST",
    # Not advice, but it makes their feeling smaller: nudged the same way.
    "Look on the bright side, you still have a job.",
    "Same thing happened to me last year.",
]

NOT_ADVICE = [
    "That sounds exhausting.",
    "It makes sense you feel stretched.",
    "What was the hardest part?",
    "You shouldered a lot this week.",  # "should" inside another word
    "I'm just here with you.",
    # Advice offered after acknowledging is an offer, not fixing.
    "That sounds exhausting. Would a walk at lunch help, or is it too much right now?",
    "Adjust stopping points however you like.",  # "just stop" inside "adjust stopping"
    "",
]


@pytest.mark.parametrize("text", ADVICE)
def test_it_recognises_advice_and_minimising(text: str) -> None:
    assert looks_like_fixing(text)


@pytest.mark.parametrize("text", NOT_ADVICE)
def test_it_leaves_listening_words_alone(text: str) -> None:
    assert not looks_like_fixing(text)


def test_it_recognises_advice_typed_with_a_curly_apostrophe() -> None:
    assert looks_like_fixing("Why don\u2019t you take Friday off?")


def test_a_reply_that_reflects_first_gets_no_nudge() -> None:
    nudge = reply_nudge(
        reflect="It sounds like work is heavy.",
        validation="",
        question="What was the hardest part?",
        wants="just-listen",
    )
    assert nudge is None


def test_a_reply_that_validates_first_gets_no_nudge() -> None:
    nudge = reply_nudge(
        reflect="", validation="you've carried a lot.", question="", wants="reassurance"
    )
    assert nudge is None


@pytest.mark.parametrize("wants", ["just-listen", "reassurance", "space", "help-thinking"])
def test_only_a_question_is_nudged_to_acknowledge_first(wants: str) -> None:
    nudge = reply_nudge(reflect="", validation="", question="What happened next?", wants=wants)
    assert nudge == "acknowledge"


def test_blank_lines_do_not_count_as_acknowledging() -> None:
    nudge = reply_nudge(reflect="   \n", validation="\t", question="Why?", wants="just-listen")
    assert nudge == "acknowledge"


@pytest.mark.parametrize("wants", ["just-listen", "reassurance", "space"])
@pytest.mark.parametrize("part", ["reflect", "validation", "question"])
def test_advice_when_they_did_not_ask_for_it_is_nudged_as_fixing(wants: str, part: str) -> None:
    reply = {"reflect": "", "validation": "You work so hard.", "question": ""}
    reply[part] = (reply[part] + " You should just say no.").strip()

    assert reply_nudge(**reply, wants=wants) == "fixing"


@pytest.mark.parametrize("wants", ["just-listen", "reassurance", "space"])
def test_looking_on_the_bright_side_is_nudged_like_advice(wants: str) -> None:
    nudge = reply_nudge(
        reflect="", validation="At least it's nearly the weekend.", question="", wants=wants
    )
    assert nudge == "fixing"


def test_advice_after_saying_back_what_they_feel_is_an_offer_not_a_nudge() -> None:
    nudge = reply_nudge(
        reflect="It sounds like you're worn out.",
        validation="",
        question="You should take Friday off?",
        wants="just-listen",
    )
    assert nudge is None


def test_fixing_is_the_nudge_even_when_nothing_is_acknowledged() -> None:
    nudge = reply_nudge(
        reflect="", validation="", question="Have you tried sleeping earlier?", wants="just-listen"
    )
    assert nudge == "fixing"


def test_advice_is_welcome_when_they_asked_for_help_thinking() -> None:
    nudge = reply_nudge(
        reflect="It sounds like you're torn.",
        validation="",
        question="Have you tried writing both options down?",
        wants="help-thinking",
    )
    assert nudge is None


def test_help_thinking_still_asks_to_acknowledge_first() -> None:
    nudge = reply_nudge(
        reflect="", validation="", question="You should list the options?", wants="help-thinking"
    )
    assert nudge == "acknowledge"


def test_the_coachs_live_notes_keep_quiet_about_advice_only_when_it_was_asked_for() -> None:
    assert coach_quiet("help-thinking") == "fixing"
    for wants in ("just-listen", "reassurance", "space", ""):
        assert coach_quiet(wants) == ""
