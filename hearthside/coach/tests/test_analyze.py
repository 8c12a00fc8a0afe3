"""What a person sees from the coach: the words it points at, what it says, what it offers."""

from __future__ import annotations

import pytest

from hearthside.coach import CONTEXTS, KINDS, Finding, analyze, valence


def kinds(text: str, context: str = "share") -> list[str]:
    return [f.kind for f in analyze(text, context)]


def only(text: str, context: str = "share") -> Finding:
    found = analyze(text, context)
    assert len(found) == 1, found
    return found[0]


def test_points_at_the_words_and_offers_a_rewrite_of_the_clause() -> None:
    text = "Long day. You always leave the dishes in the sink, and I end up doing them."
    f = only(text)
    assert f.kind == "blame"
    assert text[f.start : f.end] == "You always"
    assert text[f.rewrite_start : f.rewrite_end] == "You always leave the dishes in the sink"
    assert f.suggestion.startswith("When you leave the dishes in the sink, I feel …")
    assert "always" in f.message.lower()


def test_using_the_suggestion_keeps_everything_else_typed() -> None:
    text = "I'm tired. You never listen to me. Can we talk tonight?"
    f = only(text)
    rewritten = text[: f.rewrite_start] + f.suggestion + text[f.rewrite_end :]
    assert rewritten.startswith("I'm tired. ")
    assert rewritten.endswith(". Can we talk tonight?")
    assert "listen to me more often" in rewritten


@pytest.mark.parametrize(
    "text",
    [
        "I always love our walks",
        "You were so patient with my mother today",
        "You never fail to make me laugh.",
        "you always know what to say when I'm low",
        "You make me so happy",
        "You should have seen the sunset from the bridge!",
        "I feel like going for a swim after work",
        "I felt so lonely when you were away",
        "I'm sorry I snapped at you. That wasn't fair.",
        "It wasn't your fault, love.",
        "Don't blame yourself for the traffic.",
        "I ignored my phone all day and it was bliss",
        "Sorry I'm late!",
        "Could we have Saturday morning to ourselves? I'd love a slow breakfast.",
        "",
    ],
)
def test_kind_and_positive_words_are_left_alone(text: str) -> None:
    for context in CONTEXTS:
        assert analyze(text, context) == [], (context, text)


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("You never help with bedtime.", "blame", "You never"),
        ("you make me feel stupid when you correct me", "blame", "you make me feel stupid"),
        ("It's your fault we missed the flight", "blame", "It's your fault"),
        ("You should have told me first.", "blame", "You should have told me first"),
        ("I feel so ignored lately", "feeling_that_blames", "ignored"),
        ("I\u2019ve been feeling taken for granted", "feeling_that_blames", "taken for granted"),
        ("I feel like you don't want me around", "thought_as_feeling", "I feel like"),
        ("I feel that nobody notices", "thought_as_feeling", "I feel that"),
        ("You're such an idiot sometimes", "contempt", "You're such an idiot"),
        ("oh poor you, a whole hour of washing up", "contempt", "oh poor you"),
        ("Fine 🙄", "contempt", "🙄"),
        ("What about when you forgot my birthday?", "defensiveness", "What about when you"),
        ("Don't blame me, I wasn't even there", "defensiveness", "Don't blame me"),
        ("you're overreacting", "defensiveness", "you're overreacting"),
    ],
)
def test_catches_the_common_slips(text: str, kind: str, words: str) -> None:
    found = [f for f in analyze(text, "share") if f.kind == kind]
    assert found, analyze(text, "share")
    assert text[found[0].start : found[0].end] == words
    assert found[0].message.endswith(".")


def test_feelings_that_blame_suggest_the_feelings_beneath() -> None:
    f = only("I felt completely abandoned at the party.")
    assert f.kind == "feeling_that_blames"
    assert f.suggestion == "felt lonely and afraid"
    assert "closeness and reassurance" in f.message
    # "Use this wording" swaps only the feeling, keeping the person's own verb.
    text = "I felt completely abandoned at the party."
    assert text[: f.rewrite_start] + f.suggestion + text[f.rewrite_end :] == (
        "I felt lonely and afraid at the party."
    )


def test_someone_elses_feeling_or_plain_news_is_not_a_feeling_that_blames() -> None:
    assert kinds("The funding bid got rejected and I'm gutted.") == []
    assert kinds("She feels left out at school") == []
    assert kinds("It sounds like you felt ignored when I was on my phone", "reply") == []


def test_a_thought_dressed_as_a_feeling_is_told_as_a_story() -> None:
    f = only("I feel like you care more about your phone than about us.")
    assert f.kind == "thought_as_feeling"
    assert f.suggestion == (
        "The story I'm telling myself is that you care more about your phone than about us, "
        "and I feel …"
    )


def test_apology_pitfalls_and_their_fixes() -> None:
    f = only("I'm sorry if I upset you at dinner", "apology")
    assert f.suggestion == "I'm sorry I upset you at dinner."
    f = only("I'm sorry I yelled, but work was a lot.", "apology")
    assert f.suggestion == "I'm sorry I yelled."
    assert only("Sorry you feel that way.", "apology").kind == "apology_pitfall"
    assert only("sorry you\u2019re upset", "apology").kind == "apology_pitfall"


def test_justifying_is_a_pitfall_only_in_an_apology() -> None:
    text = "I only left them because I had a migraine."
    assert "apology_pitfall" in kinds(text, "apology")
    assert kinds(text, "share") == []


def test_fixing_and_comparing_belong_to_listening_replies() -> None:
    advice = "You should just tell her no."
    assert kinds(advice, "reply") == ["fixing"]
    assert kinds(advice, "share") == []
    assert kinds(advice, "request") == []
    minimising = "At least you still have a job."
    assert kinds(minimising, "reply") == ["comparing"]
    assert kinds(minimising, "share") == []


def test_advice_after_acknowledging_is_an_offer_not_fixing() -> None:
    assert kinds("That sounds exhausting. Maybe try talking to her tomorrow?", "reply") == []
    assert kinds("Maybe try talking to her tomorrow? That sounds exhausting.", "reply") == [
        "fixing"
    ]


def test_reassurance_is_not_defensiveness() -> None:
    assert kinds("That's not true — you're not a burden at all.", "reply") == []
    assert kinds("That's not true, I did call.", "share") == ["defensiveness"]


def test_affectionate_teasing_is_left_alone() -> None:
    assert kinds("you absolute goof, you forgot your keys again ❤️") == []
    assert kinds("you're such an idiot ❤️ thank you for the flowers") == []
    assert kinds("lol you're pathetic") == ["contempt"]


def test_curly_apostrophes_and_texting_style() -> None:
    assert kinds("it\u2019s your fault") == ["blame"]
    assert kinds("u never listen") == ["blame"]
    assert kinds("youre overreacting") == ["defensiveness"]


def test_findings_come_in_reading_order_with_one_note_per_slip() -> None:
    text = "You never listen and honestly you're pathetic. I feel so unheard."
    found = analyze(text)
    assert [f.kind for f in found] == ["blame", "contempt", "feeling_that_blames"]
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert all(f.kind in KINDS for f in found)


def test_unknown_context_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="unknown context 'letter'"):
        analyze("hello", "letter")


def test_very_long_text_is_read_up_to_a_limit() -> None:
    text = "We had a lovely walk by the river. " * 2000 + "You never listen."
    assert analyze(text) == []  # the slip sits past the 20,000 characters the coach reads
    assert kinds("You never listen. " + text) == ["blame"]


def test_valence_reads_warm_and_heavy_text() -> None:
    assert valence("Thank you, that was such a lovely evening") > 0.5
    assert valence("I'm hurt and furious about last night") < -0.5
    assert valence("   ") == 0.0


def test_reported_words_in_quotation_marks_are_left_alone() -> None:
    # Saying what one heard is often the honest thing to do, not a new accusation.
    assert kinds("What I heard was 'you never do anything', even if you didn't mean it.") == []
    assert kinds("He said \u201cyou never help\u201d and walked off", "share") == []
    assert kinds("You never help, and it's 'fine' apparently") == ["blame"]


def test_glad_together_is_not_turning_to_ones_own_story() -> None:
    assert kinds("Same here! I loved having the whole evening with you.", "reply") == []
    assert kinds("Same here, my boss does that to me too.", "reply") == ["comparing"]


def test_valence_of_a_long_letter_reads_like_its_sentences() -> None:
    assert valence("Thank you for tonight, it was lovely. " * 60) > 0.5
    assert valence("I'm hurt and furious about last night. " * 60) < -0.5


def test_suggestions_fit_where_they_go() -> None:
    text = "Honestly, you always leave the lights on."
    f = only(text)
    assert f.suggestion.startswith("when you leave the lights on")  # mid-sentence: lower case
    assert only("sorry if it came out wrong", "apology").suggestion == (
        "I'm sorry for how that came out."
    )
    # "You make me cry": an action, so the feeling word is left for the person to find.
    assert only("you make me cry every time").suggestion.startswith("I feel … when")
    assert kinds("You made me do it") == ["defensiveness"]
    assert kinds("You shouldered so much this week", "reply") == []
