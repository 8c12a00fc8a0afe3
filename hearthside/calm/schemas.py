"""What the toolkit's API takes and gives back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import model_validator

from hearthside.api.schemas import Id, In

Tool = Literal["breathe", "ground", "kindness"]
PatternKey = Literal["box", "4-7-8", "resonant"]
Distress = Annotated[int, Field(ge=0, le=10, description="0 settled … 10 as strong as it gets.")]


class SessionIn(In):
    tool: Tool
    pattern: PatternKey | None = Field(
        None, description="Breathing only; box when left out. Must be left out for other tools."
    )
    distress_before: Distress | None = None
    pause: Id | None = Field(
        None, description="A pause in a repair you may see, to link this session to."
    )

    @model_validator(mode="after")
    def _pattern_only_for_breathing(self) -> SessionIn:
        if self.pattern is not None and self.tool != "breathe":
            raise ValueError("only breathing has a pattern")
        return self


class FinishIn(In):
    distress_after: Distress | None = None


class SessionOut(Schema):
    id: int
    tool: Tool
    pattern: PatternKey | None
    started_at: datetime
    finished_at: datetime | None
    distress_before: int | None
    distress_after: int | None
    pause_id: int | None


class ToolSummaryOut(Schema):
    tool: Tool
    rated: int = Field(description="Sessions rated both before and after.")
    average_drop: float | None = Field(
        description="Before minus after, averaged; null until there are at least 3 rated."
    )
    enough: bool


class SummaryOut(Schema):
    tools: list[ToolSummaryOut]
