"""Input and output shapes for the repair routes (`hearthside.api.repair_routes`).

Reflections have two outputs: `MyReflectionOut`, always complete, for the author; and
`ReflectionOut`, where every part its author has not shared is null. The route fills the
second part by part from `shared_parts`, so an unshared part never reaches the response.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AwareDatetime, field_validator, model_validator

from hearthside import vocab

# Paging and id bounds, as in `hearthside.api.routes` (which imports this package's routes at
# its end, so importing from it here would be circular).
from hearthside.api.schemas import Id, In, Limit, Offset, PersonOut, _check_words  # noqa: F401 (re-exported)

# Kept equal to `hearthside.repair.steps.STEPS` (a test checks).
Step = Literal["feelings", "realities", "triggers", "responsibility", "acceptance", "plan"]
Style = Literal["together", "turns"]
RuptureStatus = Literal["open", "closed"]
# Kept equal to `Reflection.PARTS` (a test checks).
Part = Literal["feelings", "reality", "triggers", "my_part", "unmet_needs"]
Answer = Literal["yes", "partly", "no"]

# The bounds of `Agreement`'s validators, in minutes.
CoolOffMin = Annotated[int, Field(ge=5, le=24 * 60, description="Minutes (5-1440).")]
CoolOffMax = Annotated[int, Field(ge=10, le=7 * 24 * 60, description="Minutes (10-10080).")]
# One phrase per line in the agreement, so a phrase may not hold a line break.
Phrase = Annotated[str, Field(min_length=1, max_length=300, pattern=r"^[^\r\n]*$")]
PHRASES_MAX_CHARS = 2000  # Agreement.phrases


def _check_phrases(phrases: list[str] | None) -> list[str] | None:
    if phrases is None:
        return None
    unique = list(dict.fromkeys(phrases))
    if len("\n".join(unique)) > PHRASES_MAX_CHARS:
        raise ValueError(f"all phrases together may be at most {PHRASES_MAX_CHARS} characters")
    return unique


def _check_cool_off(low: int | None, high: int | None) -> None:
    if low is not None and high is not None and low >= high:
        raise ValueError("cool_off_min needs to be shorter than cool_off_max")


# --- Agreements and pauses ------------------------------------------------------------------


class AgreementIn(In):
    cool_off_min: CoolOffMin
    cool_off_max: CoolOffMax
    phrases: list[Phrase] = Field(min_length=1, max_length=20)
    style: Style

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, v: list[str]) -> list[str] | None:
        return _check_phrases(v)

    @model_validator(mode="after")
    def _bounds(self) -> AgreementIn:
        _check_cool_off(self.cool_off_min, self.cool_off_max)
        return self


class AgreementOut(Schema):
    circle_id: int
    cool_off_min: int
    cool_off_max: int
    phrases: list[str]
    style: Style
    updated_at: datetime


class PauseIn(In):
    phrase: str = Field(
        "", max_length=300, description="One of the circle's phrases; otherwise the first one."
    )


class PauseOut(Schema):
    id: int
    circle_id: int
    author: PersonOut
    phrase: str
    created_at: datetime
    min_until: datetime
    max_until: datetime
    ended_at: datetime | None
    active: bool


class PauseDetailOut(PauseOut):
    ready: list[int] = Field(description="Members who said they are ready to come back.")
    waiting: list[int] = Field(description="Members not back yet.")
    can_return: bool = Field(description="The shortest cool-off has passed.")
    overdue: bool = Field(description="The longest cool-off passed and not everyone is back.")


# --- Ruptures and the conversation ----------------------------------------------------------


class RuptureIn(In):
    circle: Id
    title: str = Field(min_length=1, max_length=120)
    happened_at: AwareDatetime | None = Field(None, description="With a time zone offset.")
    pause: Id | None = Field(None, description="The pause this follows, in the same circle.")
    linked_to: Id | None = Field(None, description="An earlier rupture this one repeats.")

    @field_validator("happened_at")
    @classmethod
    def _not_in_future(cls, v: datetime | None) -> datetime | None:
        if v is None:
            return None
        if v > timezone.now():
            raise ValueError("can't be in the future")
        return v.astimezone(UTC)  # answer as it will be read back: in UTC


class RuptureOut(Schema):
    id: int
    circle_id: int
    author: PersonOut
    title: str
    happened_at: datetime
    created_at: datetime
    status: RuptureStatus
    closed_at: datetime | None
    takeaways: str
    pause_id: int | None
    linked_to_id: int | None
    time_to_repair: int | None = Field(description="Seconds from opening to closing.")


class ConversationOut(Schema):
    style: Style
    members: list[PersonOut] = Field(description="Who takes part, in speaking order.")
    step: Step | None = Field(description="The open step; null when every step is done.")
    done_steps: list[Step]
    waiting_for: list[int] = Field(description="Members who still owe a turn in the open step.")
    may_act: list[int] = Field(description="Members who may take their turn right now.")
    finished: bool


class TurnIn(In):
    """What one turn says. Which parts a step needs: feelings → `feelings`; realities → `text`,
    and `reflect` + `validation` when someone has already spoken; triggers and plan → `text`;
    responsibility → `what_i_did`, `impact`, `next_time` (composed into `text` unless given);
    acceptance → `accepted`, and `text` saying what is still needed when not accepted."""

    feelings: list[str] = []
    text: str = Field("", max_length=5000)
    reflect: str = Field("", max_length=3000)
    validation: str = Field("", max_length=3000)
    what_i_did: str = Field("", max_length=3000)
    impact: str = Field("", max_length=3000)
    next_time: str = Field("", max_length=3000)
    accepted: bool | None = None

    @field_validator("feelings")
    @classmethod
    def _feelings(cls, v: list[str]) -> list[str]:
        return _check_words(v, vocab.feeling_slugs(), "feelings")


class TurnOut(Schema):
    id: int
    rupture_id: int
    author: PersonOut
    step: Step
    feelings: list[str]
    text: str
    reflect: str
    validation: str
    what_i_did: str
    impact: str
    next_time: str
    accepted: bool | None
    created_at: datetime


class ClosureOut(Schema):
    author: PersonOut
    trust_reestablished: bool
    note: str
    created_at: datetime


class RuptureDetailOut(RuptureOut):
    conversation: ConversationOut
    turns: list[TurnOut]
    closures: list[ClosureOut]


# --- Reflections ----------------------------------------------------------------------------


class ReflectionIn(In):
    """My whole reflection (PUT replaces it). Only the parts in `shared_parts` are shown to the
    others; `unmet_note` goes with `unmet_needs`."""

    feelings: list[str] = []
    reality: str = Field("", max_length=5000)
    triggers: str = Field("", max_length=5000)
    my_part: str = Field("", max_length=5000)
    unmet_needs: list[str] = []
    unmet_note: str = Field("", max_length=2000)
    shared_parts: list[Part] = []

    @field_validator("feelings")
    @classmethod
    def _feelings(cls, v: list[str]) -> list[str]:
        return _check_words(v, vocab.feeling_slugs(), "feelings")

    @field_validator("unmet_needs")
    @classmethod
    def _needs(cls, v: list[str]) -> list[str]:
        return _check_words(v, vocab.need_slugs(), "needs")

    @field_validator("shared_parts")
    @classmethod
    def _parts(cls, v: list[str]) -> list[str]:
        return list(dict.fromkeys(v))


class MyReflectionOut(Schema):
    id: int | None = Field(description="Null until I first save it.")
    rupture_id: int
    feelings: list[str]
    reality: str
    triggers: str
    my_part: str
    unmet_needs: list[str]
    unmet_note: str
    shared_parts: list[Part]
    updated_at: datetime | None


class ReflectionOut(Schema):
    """A reflection as the caller may see it: every part its author has not shared is null."""

    id: int
    rupture_id: int
    author: PersonOut
    mine: bool
    shared_parts: list[Part]
    feelings: list[str] | None
    reality: str | None
    triggers: str | None
    my_part: str | None
    unmet_needs: list[str] | None
    unmet_note: str | None
    updated_at: datetime


# --- Apologies ------------------------------------------------------------------------------


class ApologyCheckIn(Schema):
    # Not `In`: the offsets in the answer must point into the text exactly as it was sent.
    text: str = Field(min_length=1, max_length=5000)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("write the apology first")
        return v


class PitfallOut(Schema):
    kind: str
    start: int = Field(description="Offset of the first character, in Unicode code points.")
    end: int = Field(description="Offset just past the last character.")
    message: str
    suggestion: str


class ApologyCheckOut(Schema):
    pitfalls: list[PitfallOut]


class ApologyComposeIn(In):
    what_i_did: str = Field("", max_length=3000)
    impact: str = Field("", max_length=3000)
    next_time: str = Field("", max_length=3000)

    @model_validator(mode="after")
    def _something(self) -> ApologyComposeIn:
        if not (self.what_i_did or self.impact or self.next_time):
            raise ValueError("write at least one part: what_i_did, impact or next_time")
        return self


class ApologyComposeOut(Schema):
    text: str
    pitfalls: list[PitfallOut]


# --- Plan, commitments, closure -------------------------------------------------------------


class PlanIn(In):
    """Only what is given changes. Phrases and cool-off bounds become the circle's agreement."""

    takeaways: str | None = Field(None, max_length=5000)
    phrases: list[Phrase] | None = Field(None, min_length=1, max_length=20)
    cool_off_min: CoolOffMin | None = None
    cool_off_max: CoolOffMax | None = None

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, v: list[str] | None) -> list[str] | None:
        return _check_phrases(v)

    @model_validator(mode="after")
    def _bounds(self) -> PlanIn:
        _check_cool_off(self.cool_off_min, self.cool_off_max)
        return self


class PlanOut(Schema):
    rupture_id: int
    takeaways: str
    agreement: AgreementOut


class CommitmentIn(In):
    text: str = Field(min_length=1, max_length=500)
    follow_up_on: date = Field(description="A day after today (in my time zone).")


class FollowUpIn(In):
    answer: Answer
    note: str = Field("", max_length=2000)


class FollowUpOut(Schema):
    id: int
    commitment_id: int
    author: PersonOut
    answer: Answer
    note: str
    created_at: datetime


class CommitmentOut(Schema):
    id: int
    rupture_id: int
    author: PersonOut
    text: str
    follow_up_on: date
    created_at: datetime
    follow_ups: list[FollowUpOut]


class ClosureIn(In):
    trust_reestablished: bool
    note: str = Field("", max_length=2000)
