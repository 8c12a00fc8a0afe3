"""Input and output shapes for the ritual and notification routes
(`hearthside.api.ritual_routes`).

A schedule is given the way people think of it: `freq`, `interval`, the `weekdays` (0=Monday …
6=Sunday) and, for a monthly ritual, which of the month's weekdays (`monthly_nth`: 1-4, or -1
for the last). Apprise URLs carry secrets: they go in, and only ever come back masked.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Literal

import apprise
from ninja import Field, Schema
from pydantic import AwareDatetime, field_validator, model_validator

from hearthside.accounts.models import TIME_ZONE_CHOICES
from hearthside.api.schemas import Id, In, PersonOut

Freq = Literal["daily", "weekly", "monthly"]
Nth = Literal[1, 2, 3, 4, -1]
Weekday = Annotated[int, Field(ge=0, le=6)]
Prompt = Annotated[str, Field(min_length=1, max_length=300)]
OccurrenceStatus = Literal["planned", "done", "skipped", "moved"]
ChannelKind = Literal["email", "apprise"]
LeadMinutes = Annotated[int, Field(ge=0, le=7 * 24 * 60)]

TIME_ZONES = frozenset(name for name, _label in TIME_ZONE_CHOICES) | {"UTC"}


# --- Rituals --------------------------------------------------------------------------------


class RitualUpdateIn(In):
    """A ritual's whole description (PUT replaces it); its circle never changes."""

    title: str = Field(min_length=1, max_length=100)
    description: str = Field("", max_length=2000)
    freq: Freq
    interval: int = Field(1, ge=1, le=12, description="Every N days, weeks or months.")
    weekdays: list[Weekday] = Field(
        [],
        max_length=7,
        description="Weekly: the days (0=Monday … 6=Sunday). Monthly: exactly one day.",
    )
    monthly_nth: Nth | None = Field(
        None, description="Monthly: which of the month's `weekdays` (1-4, or -1 for the last)."
    )
    at: time = Field(description="Local time in `time_zone`, e.g. 19:00.")
    time_zone: str = Field(description="An IANA zone, e.g. Europe/London.")
    starts_on: date
    until: date | None = Field(None, description="The last day, if it ends.")
    duration: int = Field(20, ge=5, le=480, description="Minutes.")
    agenda: list[Prompt] = Field([], max_length=12, description="Prompts, in order.")

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, v: str) -> str:
        if v not in TIME_ZONES:
            raise ValueError("unknown time zone; use an IANA name such as Europe/London")
        return v

    @field_validator("at")
    @classmethod
    def _local_minute(cls, v: time) -> time:
        if v.tzinfo is not None:
            raise ValueError("give a local time without an offset; time_zone says where")
        # Occurrences are named to the minute.
        return v.replace(second=0, microsecond=0)

    @field_validator("weekdays")
    @classmethod
    def _days(cls, v: list[int]) -> list[int]:
        return sorted(set(v))

    @model_validator(mode="after")
    def _schedule(self) -> RitualUpdateIn:
        if self.freq == "weekly" and not self.weekdays:
            raise ValueError("a weekly ritual needs at least one of the weekdays")
        if self.freq == "monthly" and (self.monthly_nth is None or len(self.weekdays) != 1):
            raise ValueError("a monthly ritual needs monthly_nth and exactly one of the weekdays")
        if self.freq == "daily" and self.weekdays:
            raise ValueError("a daily ritual happens every day: leave weekdays empty")
        if self.freq != "monthly" and self.monthly_nth is not None:
            raise ValueError("monthly_nth is only for monthly rituals")
        if self.until is not None and self.until < self.starts_on:
            raise ValueError("until can't be before starts_on")
        return self


class RitualIn(RitualUpdateIn):
    circle: Id


class RitualOut(Schema):
    id: int
    circle_id: int
    created_by: PersonOut | None
    title: str
    description: str
    freq: Freq
    interval: int
    weekdays: list[int]
    monthly_nth: Nth | None
    at: time
    time_zone: str
    starts_on: date
    until: date | None
    duration: int
    agenda: list[str]
    rrule: str = Field(description="The schedule as an RFC 5545 RRULE (local times).")
    created_at: datetime
    archived_at: datetime | None


class OccurrenceOut(Schema):
    ritual_id: int
    when: str = Field(description="Names this occurrence in URLs: its scheduled time in UTC.")
    scheduled_for: datetime
    starts_at: datetime = Field(description="When it happens: moved_to if it was moved.")
    ends_at: datetime
    status: OccurrenceStatus
    moved_to: datetime | None
    completed_at: datetime | None


class MoveIn(In):
    to: AwareDatetime = Field(description="The new start, with a time zone offset.")


class ReminderIn(In):
    lead_minutes: list[LeadMinutes] = Field(
        max_length=5, description="Minutes before each occurrence; empty for no reminders."
    )

    @field_validator("lead_minutes")
    @classmethod
    def _order(cls, v: list[int]) -> list[int]:
        return sorted(set(v), reverse=True)


class ReminderOut(Schema):
    ritual_id: int
    lead_minutes: list[int]
    default: bool = Field(description="True until I choose my own.")


# --- Channels and notifications -------------------------------------------------------------


class ChannelIn(In):
    kind: ChannelKind
    label: str = Field("", max_length=60)
    url: str = Field(
        "", max_length=1000, description="Apprise only (ntfy://…, matrix://…, tgram://…)."
    )

    @model_validator(mode="after")
    def _url(self) -> ChannelIn:
        if self.kind == "email" and self.url:
            raise ValueError("email goes to your account's address: leave url empty")
        if self.kind == "apprise" and apprise.Apprise.instantiate(self.url) is None:
            # The URL may hold a password: never echo it back in the error.
            raise ValueError("that isn't an Apprise URL we can send to")
        return self


class ChannelOut(Schema):
    id: int
    kind: ChannelKind
    label: str
    url: str = Field(description="Masked: the full URL is never returned.")
    enabled: bool
    created_at: datetime


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    url: str
    due_at: datetime
    created_at: datetime
    read_at: datetime | None
