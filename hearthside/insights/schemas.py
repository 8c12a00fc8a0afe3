"""What the insights API gives back: the numbers the insights pages show, field for field."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Field, Schema

PeriodKey = Literal["90d", "1y", "all"]


class PeriodOut(Schema):
    key: PeriodKey
    first: date = Field(description="The first local day looked at.")
    last: date = Field(description="The last local day looked at (today).")
    granularity: Literal["week", "month"] = Field(description="How series over time are bucketed.")


class WordCountOut(Schema):
    slug: str
    count: int = Field(description="Days (or reflections) it came up on, each counted once.")


class WeatherOut(Schema):
    days_in_period: int
    days_checked_in: int
    days_with_mood: int
    levels: list[int] = Field(description="Days at each mood level, from 1 (very low) to 5.")
    most_common_level: int | None


class DayOut(Schema):
    day: date
    mood: float | None = Field(description="The mean of the day's moods (1-5).")
    level: int | None = Field(description="That mean on the 1-5 scale, halves rounded up.")
    checkins: int
    feelings: list[str] = Field(description="Up to three of the day's feelings.")


class MoodBucketOut(Schema):
    start: date
    mood: float | None
    days: int = Field(description="Days with a mood in this bucket.")


class FeelingBucketOut(Schema):
    start: date
    pleasant: int
    unpleasant: int


class WordSeriesOut(Schema):
    slug: str
    total: int
    counts: list[int] = Field(description="Days per bucket, in the order of `buckets`.")


class TriggersOut(Schema):
    reflections: int
    feelings: list[WordCountOut]
    needs: list[WordCountOut]
    words: list[WordCountOut] = Field(
        description="Words from 'what this touched from before' found in two or more reflections."
    )


class ToolChangeOut(Schema):
    tool: str
    sessions: int
    rated: int
    before: float | None = Field(description="Mean distress before (0-10), once enough rated.")
    after: float | None
    drop: float | None
    enough: bool


class RitualOut(Schema):
    id: int
    title: str
    circle_id: int
    kept: int
    of: int
    label: str = Field(description='In words, e.g. "8 of the last 10 Sundays".')
    marks: list[bool]
    kept_in_period: int


class ComparisonOut(Schema):
    key: str = Field(description='"rituals", "stress", "body:<body signal>" or "need:<need>".')
    with_days: int
    without_days: int
    with_mood: float | None = Field(description="Null until there are enough days on each side.")
    without_mood: float | None
    difference: float | None
    enough: bool
    min_days: int


class FromCirclesOut(Schema):
    thanks_received: int
    felt_heard: int
    helped_feel_heard: int
    needs_met: int


class CircleLinkOut(Schema):
    id: int
    name: str


class MeInsightsOut(Schema):
    period: PeriodOut
    time_zone: str
    buckets: list[date]
    weather: WeatherOut
    weather_map: list[DayOut] = Field(description="Days with a check-in on the weather map.")
    feelings: list[WordCountOut]
    needs: list[WordCountOut]
    mood: list[MoodBucketOut]
    feeling_balance: list[FeelingBucketOut]
    need_series: list[WordSeriesOut]
    triggers: TriggersOut
    calm: list[ToolChangeOut]
    rituals: list[RitualOut]
    comparisons: list[ComparisonOut]
    from_circles: FromCirclesOut
    circles: list[CircleLinkOut]


class CircleBucketOut(Schema):
    start: date
    understanding: int
    appreciations: int
    needs_met: int
    rituals_kept: int
    ruptures: int
    pauses: int
    positive: int
    difficult: int


class BalanceOut(Schema):
    understanding: int
    appreciations: int
    needs_met: int
    rituals_kept: int
    ruptures: int
    pauses: int
    positive: int
    difficult: int
    ratio: float | None = Field(description="Positive per difficult; null with none difficult.")
    reference: float = Field(
        description="About 5:1, seen in couples' conflict conversations (Gottman & Levenson, "
        "1992): a rough reference, not a score or a target."
    )


class RepairItemOut(Schema):
    id: int
    title: str
    started: date
    closed: date | None
    hours: float | None
    trust: bool


class RepairsOut(Schema):
    ruptures: int
    open: int
    closed: int
    trust_reestablished: int
    median_hours: float | None
    items: list[RepairItemOut]


class CommitmentsOut(Schema):
    total: int
    kept: int
    partly: int
    not_yet: int
    waiting: int
    ahead: int


class CircleInsightsOut(Schema):
    circle: CircleLinkOut
    period: PeriodOut
    time_zone: str
    buckets: list[CircleBucketOut]
    balance: BalanceOut
    rituals: list[RitualOut]
    repairs: RepairsOut
    commitments: CommitmentsOut
