"""Input and output shapes of the values API (`hearthside.values.api`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, get_args

from ninja import Field, Schema
from pydantic import field_validator, model_validator

from hearthside.api.schemas import Id, In, PersonOut
from hearthside.values.models import ITEM_MAX, MOMENT_NOTE_MAX, NOTE_MAX, TAKEAWAY_MAX, TEXT_MAX
from hearthside.values.words import AREA_SLUGS, CADENCES, HOPE_SLUGS, HOPES

Kind = Literal["value", "goal"]
Area = Literal["family", "work", "growth", "home", "health", "money", "fun", "other"]
Cadence = Literal[0, 1, 3, 6, 12]

# The API's lists and the app's must never drift apart.
assert set(get_args(Area)) == AREA_SLUGS
assert {months for months, _label in CADENCES} == set(get_args(Cadence))


class HopeOut(Schema):
    slug: str
    label: str
    hint: str


# --- Intentions ---------------------------------------------------------------------------------


class IntentionUpdateIn(In):
    hopes: list[str] = Field([], max_length=len(HOPES), description="Slugs from /values/hopes.")
    text: str = Field("", max_length=TEXT_MAX)

    @field_validator("hopes")
    @classmethod
    def _hopes(cls, v: list[str]) -> list[str]:
        unknown = sorted(set(v) - HOPE_SLUGS)
        if unknown:
            raise ValueError(f"unknown hopes: {', '.join(unknown)}")
        return [h.slug for h in HOPES if h.slug in v]

    @model_validator(mode="after")
    def _something(self) -> IntentionUpdateIn:
        if not self.hopes and not self.text:
            raise ValueError("give at least one hope or a few words")
        return self


class IntentionIn(IntentionUpdateIn):
    circle: Id | None = Field(None, description="Share with this circle; empty: private.")


class IntentionOut(Schema):
    id: int
    author: PersonOut
    circle_id: int | None
    hopes: list[str]
    text: str
    created_at: datetime
    updated_at: datetime
    withdrawn_at: datetime | None


# --- Values and goals ---------------------------------------------------------------------------


class ItemIn(In):
    kind: Kind
    area: Area | None = Field(None, description="Goals only: the part of life it belongs to.")
    text: str = Field(min_length=1, max_length=ITEM_MAX)

    @model_validator(mode="after")
    def _area(self) -> ItemIn:
        if self.kind == "goal" and self.area is None:
            raise ValueError("a goal needs an area")
        if self.kind == "value" and self.area is not None:
            raise ValueError("only goals have an area")
        return self


class ItemChangeIn(In):
    text: str = Field(min_length=1, max_length=ITEM_MAX)
    area: Area | None = Field(None, description="Goals only; leave out to keep the area.")


class ItemOut(Schema):
    id: int
    circle_id: int
    kind: Kind
    area: Area | None
    text: str
    added_by: PersonOut | None
    created_at: datetime
    retired_at: datetime | None
    retired_by: PersonOut | None
    replaces_id: int | None
    added_in_id: int | None = Field(description="The revisit it was added in, if any.")
    retired_in_id: int | None = Field(description="The revisit it was let go in, if any.")


class CircleValuesOut(Schema):
    circle_id: int
    name: str
    values: list[ItemOut]
    goals: list[ItemOut]
    every_months: Cadence = Field(description="How often to revisit; 0: no schedule.")
    next_due_on: date | None
    due: bool = Field(description="A revisit is due and none is under way.")
    open_revisit_id: int | None


class CadenceIn(In):
    every_months: Cadence
    next_due_on: date | None = Field(
        None, description="The next revisit; empty: that many months from today."
    )


class CadenceOut(Schema):
    circle_id: int
    every_months: Cadence
    next_due_on: date | None


# --- Revisits -----------------------------------------------------------------------------------


class RevisitOut(Schema):
    id: int
    circle_id: int
    started_by: PersonOut | None
    started_at: datetime
    finished_at: datetime | None
    finished_by: PersonOut | None
    takeaway: str


class NoteIn(In):
    text: str = Field(min_length=1, max_length=NOTE_MAX)
    just_for_me: bool = Field(False, description="Keep it from the circle.")


class NoteOut(Schema):
    id: int
    prompt: int
    author: PersonOut
    text: str
    just_for_me: bool
    created_at: datetime


class ChangedOut(Schema):
    before: ItemOut
    after: ItemOut


class ChangesOut(Schema):
    added: list[ItemOut]
    retired: list[ItemOut]
    changed: list[ChangedOut]


class RevisitDetailOut(RevisitOut):
    prompts: list[str]
    notes: list[NoteOut]
    changes: ChangesOut


class FinishIn(In):
    takeaway: str = Field("", max_length=TAKEAWAY_MAX)
    every_months: Cadence | None = Field(
        None, description="When to look again; leave out to keep the circle's cadence."
    )


# --- Honesty moments ----------------------------------------------------------------------------


class MomentIn(In):
    share: Id | None = None
    checkin: Id | None = None
    note: str = Field("", max_length=MOMENT_NOTE_MAX)

    @model_validator(mode="after")
    def _one(self) -> MomentIn:
        if (self.share is None) == (self.checkin is None):
            raise ValueError("give exactly one of share or checkin")
        return self


class MomentNoteIn(In):
    note: str = Field("", max_length=MOMENT_NOTE_MAX)


class MomentOut(Schema):
    id: int
    share_id: int | None
    checkin_id: int | None
    note: str
    created_at: datetime
    still_visible: bool = Field(
        description="False once the share was withdrawn or its author left: the mark stays."
    )
