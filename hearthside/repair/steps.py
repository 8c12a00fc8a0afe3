"""The repair conversation as a small state machine over plain values (no Django), so the rules
of who may speak when are tested on their own.

Steps run in order. A step is done when every member has taken their turn in it; then the
next step opens. "together": everyone may take their turn in the open step in any order.
"turns": members speak one after another, in the circle's order, and the step waits for the
next person in line. Both work synchronously (everyone on the page) and over a day or two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

FEELINGS = "feelings"
REALITIES = "realities"
TRIGGERS = "triggers"
RESPONSIBILITY = "responsibility"
ACCEPTANCE = "acceptance"
PLAN = "plan"

STEPS: tuple[str, ...] = (FEELINGS, REALITIES, TRIGGERS, RESPONSIBILITY, ACCEPTANCE, PLAN)

TOGETHER = "together"
TURNS = "turns"


@dataclass(frozen=True)
class State:
    step: str | None  # the open step, or None when every step is done
    done_steps: tuple[str, ...]
    waiting_for: tuple[int, ...]  # members who still owe a turn in the open step
    may_act: tuple[int, ...]  # members who may take their turn right now

    @property
    def finished(self) -> bool:
        return self.step is None

    def can_act(self, person_id: int) -> bool:
        return person_id in self.may_act


def state(members: Sequence[int], turns: Iterable[tuple[str, int]], mode: str = TOGETHER) -> State:
    """Where the conversation stands. `members` in speaking order; `turns` are
    (step, person_id) pairs already taken (turns by people no longer members are ignored)."""
    taken: dict[str, set[int]] = {step: set() for step in STEPS}
    member_set = set(members)
    for step, person in turns:
        if step in taken and person in member_set:
            taken[step].add(person)
    done: list[str] = []
    for step in STEPS:
        waiting = tuple(m for m in members if m not in taken[step])
        if not waiting:
            done.append(step)
            continue
        may_act = waiting if mode == TOGETHER else waiting[:1]
        return State(step, tuple(done), waiting, may_act)
    return State(None, tuple(done), (), ())


def needs_reflection_first(step: str, others_spoken: bool) -> bool:
    """At the realities step, a person who answers someone else's reality first reflects back
    and validates at least one part of it (the first to speak has nothing to reflect yet)."""
    return step == REALITIES and others_spoken
