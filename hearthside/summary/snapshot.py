"""The shape of a produced summary: what is stored on the request, shown on the page, written
as Markdown and returned by the API — one definition for all four.

Plain values only (names, dates, words already put into the reader's language), so a stored
summary never reaches back into the database and never changes. `version` says which shape a
stored summary has; a later shape would keep reading this one.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


class Said(BaseModel):
    """Something one person said, with their name."""

    author: str
    text: str


class ReplyItem(BaseModel):
    author: str
    on: date
    parts: list[tuple[str, str]] = Field(description="(label, words) pairs, e.g. What I hear.")
    felt_heard: bool


class ShareItem(BaseModel):
    author: str
    on: date
    text: str
    feelings: list[str]
    depth: str
    wants: str
    replies: list[ReplyItem]


class MomentItem(BaseModel):
    """An understanding moment: the sharer said a reply made them feel heard."""

    on: date
    sharer: str
    listener: str
    about: str = Field(description="The first words of what was shared.")


class FeltItem(BaseModel):
    author: str
    feelings: list[str]


class ClosureItem(BaseModel):
    author: str
    trust_back: bool
    note: str


class RuptureItem(BaseModel):
    title: str
    happened_on: date
    repaired: bool
    repaired_on: date | None
    days_to_repair: int | None
    felt: list[FeltItem]
    takeaways: str
    next_time: list[Said]
    closures: list[ClosureItem]


class FollowUpItem(BaseModel):
    author: str
    answer: str
    kept: Literal["yes", "partly", "no"]


class CommitmentItem(BaseModel):
    author: str
    text: str
    made_on: date
    check_back_on: date
    rupture: str
    follow_ups: list[FollowUpItem]


class RitualItem(BaseModel):
    title: str
    schedule: str
    kept: int
    of: int


class AppreciationItem(BaseModel):
    author: str
    recipient: str
    on: date
    text: str
    acts: list[str]


class Snapshot(BaseModel):
    version: Literal[1] = 1
    circle: str
    members: list[str]
    period_start: date
    period_end: date
    time_zone: str
    produced_on: date | None = Field(None, description="Empty in a preview.")
    shares: list[ShareItem]
    moments: list[MomentItem]
    ruptures: list[RuptureItem]
    commitments: list[CommitmentItem]
    rituals: list[RitualItem]
    appreciations: list[AppreciationItem]

    def counts(self) -> dict[str, int]:
        """How many of each kind of thing it holds (what a member consents to, in numbers)."""
        return {
            "shares": len(self.shares),
            "replies": sum(len(s.replies) for s in self.shares),
            "moments": len(self.moments),
            "ruptures": len(self.ruptures),
            "commitments": len(self.commitments),
            "rituals": len(self.rituals),
            "appreciations": len(self.appreciations),
        }

    @property
    def is_empty(self) -> bool:
        return not any(self.counts().values())
