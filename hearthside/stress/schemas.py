"""Input and output shapes for the stress-plan API (`hearthside.stress.api`).

Weeks are ISO weeks written as people's calendars write them, ``2026-W10``. What would help and
the quick offers are slugs from our own lists (`hearthside.stress.words`; a test keeps these
literals equal to them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import field_validator

from hearthside.api.schemas import Id, In, PersonOut
from hearthside.stress import weeks
from hearthside.stress.models import NOTE_MAX, ROUTINE_MAX, TEXT_MAX

Size = Literal["", "light", "medium", "heavy"]
Help = Literal["hug", "quiet-time", "off-my-plate", "talk-it-through", "meal-sorted", "just-know"]
QuickOffer = Literal["", "dinner", "hug", "quiet", "task", "talk", "here"]
SupportKind = Literal[
    "family", "friend", "neighbour", "childcare", "professional", "health", "helpline", "other"
]
Week = Annotated[str, Field(pattern=r"^\d{4}-W\d{2}$", description="An ISO week, e.g. 2026-W10.")]


def check_week(value: str) -> str:
    if weeks.parse(value) is None:
        raise ValueError("not a week; write it like 2026-W10")
    return value


# --- What's heavy ---------------------------------------------------------------------------


class HeavyUpdateIn(In):
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    size: Size = Field("", description="light, medium, heavy, or empty for not saying.")
    lighter: bool = Field(False, description="True once it has eased (it stays on the plan).")


class HeavyIn(In):
    circle: Id
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    size: Size = ""


class HeavyOut(Schema):
    id: int
    circle_id: int
    author: PersonOut
    text: str
    size: Size
    created_at: datetime
    resolved_at: datetime | None


# --- Routines -------------------------------------------------------------------------------


class RoutineIn(In):
    text: str = Field(min_length=1, max_length=ROUTINE_MAX)


class RoutineOut(Schema):
    id: int
    circle_id: int
    author: PersonOut
    text: str
    created_at: datetime
    updated_at: datetime


# --- Who carries what -----------------------------------------------------------------------


class TaskUpdateIn(In):
    text: str = Field(min_length=1, max_length=200)
    carrier_id: Id | None = Field(None, description="A current member, or null for nobody yet.")
    done: bool = False


class TaskIn(In):
    circle: Id
    week: Week
    text: str = Field(min_length=1, max_length=200)
    carrier_id: Id | None = Field(None, description="A current member, or null for nobody yet.")

    @field_validator("week")
    @classmethod
    def _week(cls, v: str) -> str:
        return check_week(v)


class TaskOut(Schema):
    id: int
    circle_id: int
    week: str
    text: str
    carrier: PersonOut | None = Field(description="Null when nobody in the circle carries it.")
    done_at: datetime | None
    created_at: datetime


# --- Outside support ------------------------------------------------------------------------


class SupportUpdateIn(In):
    name: str = Field(min_length=1, max_length=100)
    kind: SupportKind
    reach: str = Field("", max_length=200, description="How to reach them.")
    note: str = Field("", max_length=NOTE_MAX)


class SupportIn(SupportUpdateIn):
    circle: Id


class SupportOut(Schema):
    id: int
    circle_id: int
    name: str
    kind: SupportKind
    reach: str
    note: str
    created_at: datetime
    updated_at: datetime


# --- Signals and offers ---------------------------------------------------------------------


class SignalIn(In):
    circle: Id
    helps: list[Help] = Field([], max_length=6, description="What would help, from our list.")
    text: str = Field("", max_length=NOTE_MAX, description="Anything else, seen only in the app.")


class OfferIn(In):
    choice: QuickOffer = Field("", description="One of the quick offers, or empty.")
    text: str = Field("", max_length=TEXT_MAX)


class OfferOut(Schema):
    id: int
    signal_id: int
    author: PersonOut
    choice: QuickOffer
    text: str
    created_at: datetime
    accepted_at: datetime | None


class SignalOut(Schema):
    id: int
    circle_id: int
    author: PersonOut
    helps: list[Help]
    text: str
    created_at: datetime
    closed_at: datetime | None
    offers: list[OfferOut]


class PlanOut(Schema):
    circle_id: int
    week: str
    heavy: list[HeavyOut] = Field(description="What's heavy now (not yet lighter).")
    routines: list[RoutineOut]
    tasks: list[TaskOut] = Field(description="Who carries what in `week`.")
    support: list[SupportOut]
    open_signals: list[SignalOut]
