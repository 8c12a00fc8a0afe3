"""Shapes of the boundaries API (hearthside.boundaries.api)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from hearthside.api.schemas import In, PersonOut

CadenceMonths = Literal[0, 1, 3, 6, 12]
Decision = Literal["keep", "change", "retire"]

CADENCE_HELP = "Months between reviews: 1, 3, 6 or 12; 0 for no reviews."


class WordsIn(In):
    need: str = Field(min_length=1, max_length=1000, description="What I need.")
    why: str = Field("", max_length=2000, description="Why it matters to me (optional).")
    helps: str = Field(
        "", max_length=2000, description="What helps when it's close to being crossed (optional)."
    )
    review_every: CadenceMonths = Field(3, description=CADENCE_HELP)


class BoundaryIn(WordsIn):
    circle: int | None = Field(
        None, description="Share with this circle of mine; leave out (or null) to keep private."
    )


class ReviewIn(In):
    decision: Decision
    note: str = Field("", max_length=2000, description="Only ever seen by you.")
    # New words, read only (and then required) for a change.
    need: str | None = Field(None, max_length=1000)
    why: str = Field("", max_length=2000)
    helps: str = Field("", max_length=2000)
    review_every: CadenceMonths | None = Field(None, description=CADENCE_HELP)


class RetireIn(In):
    note: str = Field("", max_length=2000, description="Only ever seen by you.")


class VersionOut(Schema):
    number: int
    need: str
    why: str
    helps: str
    created_at: datetime


class AcknowledgementOut(Schema):
    member: PersonOut
    version: int
    created_at: datetime


class ReviewOut(Schema):
    decision: Decision
    note: str
    version: int | None
    due_on: date | None
    created_at: datetime


class BoundaryOut(Schema):
    id: int
    author: PersonOut
    circle_id: int | None
    visibility: Literal["private", "shared"]
    need: str
    why: str
    helps: str
    version: int
    changed_at: datetime
    created_at: datetime
    shared_at: datetime | None
    retired_at: datetime | None
    # The author's own planning: null for everyone else.
    review_every: CadenceMonths | None
    next_review_on: date | None
    # A member's own answer for the words now in force: null for the author.
    acknowledged_by_me: bool | None


class BoundaryDetailOut(BoundaryOut):
    versions: list[VersionOut]
    acknowledgements: list[AcknowledgementOut]
    reviews: list[ReviewOut]
