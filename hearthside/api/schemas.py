from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from hearthside import vocab

# Paging bounds: out-of-range values are a 422 with a reason, never a database error.
Limit = Annotated[int, Field(ge=1, le=500, description="How many to return (1-500).")]
Offset = Annotated[int, Field(ge=0, le=1_000_000, description="How many to skip.")]
Id = Annotated[int, Field(ge=1, le=2**53)]

Kind = Literal["partners", "friends", "family", "other"]
Depth = Literal["light", "medium", "deep"]
Wants = Literal["just-listen", "reassurance", "help-thinking", "space"]


def _check_words(values: list[str], known: frozenset[str], what: str) -> list[str]:
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(unknown)}")
    # Keep the order given, drop repeats.
    return list(dict.fromkeys(values))


class In(Schema):
    # Text is stripped before length checks, so "   " counts as empty, as in the HTML forms.
    model_config = ConfigDict(str_strip_whitespace=True)


class PersonOut(Schema):
    id: int
    name: str


class MeOut(PersonOut):
    email: str
    time_zone: str


class CircleIn(In):
    name: str = Field(min_length=1, max_length=80)
    kind: Kind = "partners"


class CircleOut(Schema):
    id: int
    name: str
    kind: Kind
    members: list[PersonOut]


class CheckInIn(In):
    mood: int | None = Field(None, ge=1, le=5)
    energy: int | None = Field(None, ge=1, le=5)
    feelings: list[str] = []
    body_signals: list[str] = []
    needs: list[str] = []
    situation: str = Field("", max_length=2000)
    note: str = Field("", max_length=10000)

    @field_validator("feelings")
    @classmethod
    def _feelings(cls, v: list[str]) -> list[str]:
        return _check_words(v, vocab.feeling_slugs(), "feelings")

    @field_validator("body_signals")
    @classmethod
    def _body(cls, v: list[str]) -> list[str]:
        return _check_words(v, vocab.body_signal_slugs(), "body signals")

    @field_validator("needs")
    @classmethod
    def _needs(cls, v: list[str]) -> list[str]:
        return _check_words(v, vocab.need_slugs(), "needs")


class CheckInOut(Schema):
    id: int
    created_at: datetime
    mood: int | None
    energy: int | None
    feelings: list[str]
    body_signals: list[str]
    needs: list[str]
    situation: str
    note: str
    visibility: Literal["private"] = "private"


class ShareIn(In):
    circle: int
    text: str = Field(min_length=1, max_length=10000)
    feelings: list[str] = []
    depth: Depth = "light"
    wants: Wants = "just-listen"
    checkin: int | None = None

    @field_validator("feelings")
    @classmethod
    def _feelings(cls, v: list[str]) -> list[str]:
        return _check_words(v, vocab.feeling_slugs(), "feelings")


class ReplyIn(In):
    reflect: str = Field("", max_length=5000)
    validation: str = Field("", max_length=5000)
    question: str = Field("", max_length=2000)


class ReplyOut(Schema):
    id: int
    share_id: int
    author: PersonOut
    reflect: str
    validation: str
    question: str
    created_at: datetime
    felt_heard_at: datetime | None


class ShareOut(Schema):
    id: int
    circle_id: int
    author: PersonOut
    text: str
    feelings: list[str]
    depth: Depth
    wants: Wants
    created_at: datetime
    withdrawn_at: datetime | None


class ShareDetailOut(ShareOut):
    replies: list[ReplyOut]


class ThanksIn(In):
    text: str = Field(min_length=1, max_length=2000)


class AppreciationOut(Schema):
    id: int
    circle_id: int
    author: PersonOut
    recipient: PersonOut
    text: str
    created_at: datetime


class Message(Schema):
    detail: str
