"""The repair conversation's state machine, on plain values: who may speak when."""

from __future__ import annotations

from hearthside.repair import steps

ALEX, SAM, ROBIN = 1, 2, 3


def all_turns(*people: int, upto: str | None = None) -> list[tuple[str, int]]:
    """Everyone's turn in every step before `upto` (all steps when None)."""
    out = []
    for step in steps.STEPS:
        if step == upto:
            break
        out += [(step, p) for p in people]
    return out


def test_a_new_conversation_opens_at_feelings_with_everyone_free_to_speak() -> None:
    state = steps.state([ALEX, SAM], [])

    assert state.step == steps.FEELINGS
    assert state.done_steps == ()
    assert state.waiting_for == (ALEX, SAM)
    assert state.may_act == (ALEX, SAM)
    assert not state.finished


def test_the_steps_run_in_the_order_of_repair() -> None:
    assert steps.STEPS == (
        "feelings",
        "realities",
        "triggers",
        "responsibility",
        "acceptance",
        "plan",
    )


def test_a_step_waits_until_every_member_has_taken_a_turn() -> None:
    state = steps.state([ALEX, SAM], [(steps.FEELINGS, ALEX)])

    assert state.step == steps.FEELINGS
    assert state.waiting_for == (SAM,)
    assert state.can_act(SAM)
    assert not state.can_act(ALEX)


def test_the_next_step_opens_once_everyone_has_spoken() -> None:
    state = steps.state([ALEX, SAM], all_turns(ALEX, SAM, upto=steps.REALITIES))

    assert state.step == steps.REALITIES
    assert state.done_steps == (steps.FEELINGS,)
    assert state.may_act == (ALEX, SAM)


def test_in_turns_only_the_next_person_in_line_may_speak() -> None:
    first = steps.state([ALEX, SAM], [], steps.TURNS)
    after_alex = steps.state([ALEX, SAM], [(steps.FEELINGS, ALEX)], steps.TURNS)

    assert first.may_act == (ALEX,)
    assert first.waiting_for == (ALEX, SAM)
    assert not first.can_act(SAM)
    assert after_alex.may_act == (SAM,)


def test_in_turns_the_speaking_order_is_the_members_order() -> None:
    state = steps.state([SAM, ALEX, ROBIN], [(steps.FEELINGS, SAM)], steps.TURNS)

    assert state.may_act == (ALEX,)
    assert state.waiting_for == (ALEX, ROBIN)


def test_the_conversation_finishes_after_the_plan() -> None:
    state = steps.state([ALEX, SAM], all_turns(ALEX, SAM))

    assert state.finished
    assert state.step is None
    assert state.done_steps == steps.STEPS
    assert state.waiting_for == ()
    assert not state.can_act(ALEX)


def test_turns_by_people_who_are_no_longer_members_are_ignored() -> None:
    state = steps.state([ALEX, SAM], [(steps.FEELINGS, ALEX), (steps.FEELINGS, ROBIN)])

    assert state.step == steps.FEELINGS
    assert state.waiting_for == (SAM,)


def test_turns_in_unknown_steps_are_ignored() -> None:
    state = steps.state([ALEX], [("gossip", ALEX)])

    assert state.step == steps.FEELINGS


def test_a_turn_counts_once_however_often_it_appears() -> None:
    state = steps.state([ALEX, SAM], [(steps.FEELINGS, ALEX), (steps.FEELINGS, ALEX)])

    assert state.waiting_for == (SAM,)


def test_a_later_turn_does_not_skip_an_unfinished_step() -> None:
    state = steps.state([ALEX, SAM], [(steps.FEELINGS, ALEX), (steps.REALITIES, ALEX)])

    assert state.step == steps.FEELINGS
    assert state.waiting_for == (SAM,)


def test_only_the_second_voice_at_realities_reflects_first() -> None:
    assert not steps.needs_reflection_first(steps.REALITIES, others_spoken=False)
    assert steps.needs_reflection_first(steps.REALITIES, others_spoken=True)
    for step in steps.STEPS:
        if step != steps.REALITIES:
            assert not steps.needs_reflection_first(step, others_spoken=True)
