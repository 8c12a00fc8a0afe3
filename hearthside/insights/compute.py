"""What a person's (or a circle's) practice adds up to: pure functions over plain values.

No Django, no database and no clock here: callers pass in rows they fetched (see
`hearthside.insights.gather`) and "today". Every moment is bucketed into the *viewer's* local
days (`local_day`), so a check-in at 23:30 belongs to the evening it was written in, and weeks
and months are counted in dates, never in 24-hour steps (which slip an hour at every clock
change).

Honesty rules the numbers keep:
- a comparison of moods only says something once each side has `MIN_DAYS` days behind it;
  below that it reports how many days it has and no averages (`Comparison.enough`);
- averages are plain means, shown with how many days they come from; nothing here claims
  one thing causes another.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property

from hearthside import vocab

# Fewer days than this on either side of a comparison and a difference is mostly chance.
MIN_DAYS = 14
# The balance reference: about five positive moments for every negative one, seen in couples'
# conflict conversations (Gottman & Levenson, 1992). Shown beside the circle's own numbers.
REFERENCE_RATIO = 5.0
# The weather map shows at most this many months, however long the period.
MAP_MONTHS = 12
# A stretched-thin signal nobody closed stops counting as "a stressed day" after this long.
OPEN_SIGNAL_DAYS = 7
# Periods people can choose: days looked back over (None: everything there is).
PERIODS: dict[str, int | None] = {"90d": 90, "1y": 365, "all": None}
DEFAULT_PERIOD = "1y"
# A period up to this long is drawn week by week; anything longer, month by month.
WEEKLY_UP_TO_DAYS = 120


# --- Days, weeks and months -----------------------------------------------------------------


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The date `moment` (aware) falls on in `zone`."""
    return moment.astimezone(zone).date()


@dataclass(frozen=True)
class Period:
    """The local days looked at, both ends included."""

    key: str
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @cached_property
    def granularity(self) -> str:
        """ "week" or "month": how the charts over time are bucketed."""
        return "week" if self.days <= WEEKLY_UP_TO_DAYS else "month"

    def bucket(self, day: date) -> date:
        """The first day of the week (Monday) or month holding `day`."""
        if self.granularity == "week":
            return day - timedelta(days=day.weekday())
        return day.replace(day=1)

    def buckets(self) -> list[date]:
        """Every bucket from the first day's to the last day's, oldest first."""
        out, current = [], self.bucket(self.first)
        while current <= self.last:
            out.append(current)
            current = _next_bucket(current, self.granularity)
        return out

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def _next_bucket(start: date, granularity: str) -> date:
    if granularity == "week":
        return start + timedelta(days=7)
    return _add_months(start, 1)


def _add_months(first_of_month: date, n: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def period_for(key: str, today: date, earliest: date | None = None) -> Period:
    """The period called `key` (one of PERIODS; anything else is the default) ending today.
    "all" starts at `earliest` (the first thing there is), or today when there is nothing."""
    if key not in PERIODS:
        key = DEFAULT_PERIOD
    length = PERIODS[key]
    if length is None:
        first = min(earliest, today) if earliest else today
    else:
        first = today - timedelta(days=length - 1)
    return Period(key, first, today)


# --- Check-ins, day by day ------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInRow:
    at: datetime  # aware
    mood: int | None
    feelings: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    body_signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Day:
    """One local day of check-ins. Words are counted once a day, however often they came up:
    "tired on 12 days" reads true, "tired 30 times" overstates a day of three check-ins."""

    day: date
    checkins: int
    mood: float | None  # the mean of the day's rated moods
    feelings: frozenset[str]
    needs: frozenset[str]
    body_signals: frozenset[str]


def days_of(rows: Iterable[CheckInRow], zone: tzinfo) -> dict[date, Day]:
    """Check-ins grouped into the local days of `zone`."""
    grouped: dict[date, list[CheckInRow]] = {}
    for row in rows:
        grouped.setdefault(local_day(row.at, zone), []).append(row)
    days = {}
    for day, items in grouped.items():
        moods = [r.mood for r in items if r.mood is not None]
        days[day] = Day(
            day=day,
            checkins=len(items),
            mood=statistics.fmean(moods) if moods else None,
            feelings=frozenset(w for r in items for w in r.feelings),
            needs=frozenset(w for r in items for w in r.needs),
            body_signals=frozenset(w for r in items for w in r.body_signals),
        )
    return days


def mood_level(mood: float | None) -> int | None:
    """A day's mean mood as a point on the 1-5 scale, halves rounded up (3.5 is "Good")."""
    if mood is None:
        return None
    return min(5, max(1, math.floor(mood + 0.5)))


# --- The weather map ------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    day: date
    in_period: bool
    level: int | None = None  # 1-5; None: no mood that day
    mood: float | None = None
    checkins: int = 0
    feelings: tuple[str, ...] = ()  # the day's feelings, sorted, at most three


@dataclass(frozen=True)
class MonthGrid:
    month: date  # its first day
    weeks: tuple[tuple[Cell | None, ...], ...]  # Monday first; None pads before/after

    @property
    def days_checked_in(self) -> int:
        return sum(1 for week in self.weeks for c in week if c is not None and c.checkins)


def weather_map(days: Mapping[date, Day], period: Period) -> list[MonthGrid]:
    """One calendar per month, oldest first: from the first month of the period with a
    check-in (no rows of empty months before someone started), at most the last MAP_MONTHS."""
    last_month = period.last.replace(day=1)
    first_month = max(period.first.replace(day=1), _add_months(last_month, -(MAP_MONTHS - 1)))
    started = min((d for d in days if d in period), default=period.last)
    first_month = max(first_month, started.replace(day=1))
    grids = []
    month = first_month
    while month <= last_month:
        grids.append(_month_grid(month, days, period))
        month = _add_months(month, 1)
    return grids


def _month_grid(month: date, days: Mapping[date, Day], period: Period) -> MonthGrid:
    following = _add_months(month, 1)
    cells: list[Cell | None] = [None] * month.weekday()
    day = month
    while day < following:
        found = days.get(day)
        inside = day in period
        if found and inside:
            cells.append(
                Cell(
                    day,
                    True,
                    mood_level(found.mood),
                    found.mood,
                    found.checkins,
                    tuple(sorted(found.feelings))[:3],
                )
            )
        else:
            cells.append(Cell(day, inside))
        day += timedelta(days=1)
    cells += [None] * (-len(cells) % 7)
    weeks = tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7))
    return MonthGrid(month, weeks)


@dataclass(frozen=True)
class WeatherSummary:
    days_in_period: int
    days_checked_in: int
    days_with_mood: int
    levels: tuple[int, int, int, int, int]  # how many days at each mood level, 1 to 5

    @property
    def most_common_level(self) -> int | None:
        if not any(self.levels):
            return None
        # Ties go to the kinder level: the counts are equal, so either is true.
        return max(range(5), key=lambda i: (self.levels[i], i)) + 1


def weather_summary(days: Mapping[date, Day], period: Period) -> WeatherSummary:
    inside = [d for d in days.values() if d.day in period]
    levels = [0] * 5
    for d in inside:
        level = mood_level(d.mood)
        if level is not None:
            levels[level - 1] += 1
    return WeatherSummary(
        days_in_period=period.days,
        days_checked_in=len(inside),
        days_with_mood=sum(levels),
        levels=(levels[0], levels[1], levels[2], levels[3], levels[4]),
    )


# --- Words that recur -----------------------------------------------------------------------


@dataclass(frozen=True)
class WordCount:
    slug: str
    count: int


def recurring(
    groups: Iterable[Iterable[str]], *, top: int = 8, at_least: int = 2
) -> tuple[WordCount, ...]:
    """Words that turn up in at least `at_least` of `groups` (each group counted once per
    word: a day, a reflection), most frequent first, ties alphabetical."""
    counts: Counter[str] = Counter()
    for group in groups:
        counts.update(set(group))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(WordCount(slug, n) for slug, n in ranked if n >= at_least)[:top]


def in_period(days: Mapping[date, Day], period: Period) -> list[Day]:
    first, last = period.first, period.last
    return sorted((d for d in days.values() if first <= d.day <= last), key=lambda d: d.day)


# --- Over time ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoodBucket:
    start: date
    mood: float | None  # the mean of the days' means, rounded to 2 places
    days: int  # days with a mood


def mood_series(days: Mapping[date, Day], period: Period) -> list[MoodBucket]:
    per: dict[date, list[float]] = {b: [] for b in period.buckets()}
    for d in in_period(days, period):
        if d.mood is not None:
            per[period.bucket(d.day)].append(d.mood)
    return [
        MoodBucket(start, round(statistics.fmean(ms), 2) if ms else None, len(ms))
        for start, ms in per.items()
    ]


@dataclass(frozen=True)
class FeelingBucket:
    start: date
    pleasant: int  # pleasant feeling words named, each once a day
    unpleasant: int


def feeling_series(days: Mapping[date, Day], period: Period) -> list[FeelingBucket]:
    counts = {b: [0, 0] for b in period.buckets()}
    for d in in_period(days, period):
        for slug in d.feelings:
            family = vocab.family_of(slug)
            if family is not None:
                counts[period.bucket(d.day)][0 if family.pleasant else 1] += 1
    return [FeelingBucket(start, p, u) for start, (p, u) in counts.items()]


@dataclass(frozen=True)
class WordSeries:
    slug: str
    total: int  # days it was named on, over the whole period
    counts: tuple[int, ...]  # per bucket, as `Period.buckets()`


def word_series(
    days: Mapping[date, Day],
    period: Period,
    words: Callable[[Day], Iterable[str]],
    *,
    top: int = 5,
) -> list[WordSeries]:
    """The `top` most named words (e.g. needs) and how often each came up in each bucket."""
    inside = in_period(days, period)
    leaders = recurring((words(d) for d in inside), top=top, at_least=1)
    index = {b: i for i, b in enumerate(period.buckets())}
    series = []
    for leader in leaders:
        counts = [0] * len(index)
        for d in inside:
            if leader.slug in words(d):
                counts[index[period.bucket(d.day)]] += 1
        series.append(WordSeries(leader.slug, leader.count, tuple(counts)))
    return series


# --- What my triggers have in common --------------------------------------------------------


@dataclass(frozen=True)
class ReflectionRow:
    feelings: tuple[str, ...]
    unmet_needs: tuple[str, ...]
    triggers: str


@dataclass(frozen=True)
class TriggerThemes:
    reflections: int
    feelings: tuple[WordCount, ...]
    needs: tuple[WordCount, ...]
    words: tuple[WordCount, ...]  # words from "what this touched from before", in 2+ of them


# Common English words that say nothing about what a trigger was about.
_STOP_WORDS = """about after again against also always because been before being between both could
    didn't does doesn't doing don't down during each even ever every from further getting
    going gone have having here he'd he's hers herself himself into it's itself just know
    like made make makes many maybe more most much must myself never only other ours
    ourselves over really same said says seem seemed seems should since some something
    still such than that that's their theirs them themselves then there these they they're
    thing things think this those though through time times to too under until very want
    wanted was wasn't were weren't what when where which while whom why will with would
    you'd you're your yours yourself yourselves felt feel feeling feels
"""
_STOP = frozenset(_STOP_WORDS.split())
_APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"
_WORD = re.compile(rf"[^\W\d_]+(?:['{_APOSTROPHE}][^\W\d_]+)*")


def words_in(text: str) -> set[str]:
    """The distinct meaningful words of `text`, lowercased (four letters or more, no common
    filler words, a possessive 's dropped)."""
    found = set()
    for match in _WORD.finditer(text.lower()):
        word = match.group().replace(_APOSTROPHE, "'").removesuffix("'s")
        if len(word) >= 4 and word not in _STOP:
            found.add(word)
    return found


def trigger_themes(rows: Sequence[ReflectionRow], *, top: int = 6) -> TriggerThemes:
    return TriggerThemes(
        reflections=len(rows),
        feelings=recurring((r.feelings for r in rows), top=top, at_least=1),
        needs=recurring((r.unmet_needs for r in rows), top=top, at_least=1),
        words=recurring((words_in(r.triggers) for r in rows), top=top, at_least=2),
    )


# --- What self-regulation changed -----------------------------------------------------------


@dataclass(frozen=True)
class CalmRow:
    tool: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class ToolChange:
    tool: str
    sessions: int  # every session in the period
    rated: int  # with both a before and an after
    before: float | None  # mean before, once `enough` rated; else None
    after: float | None

    @property
    def enough(self) -> bool:
        return self.before is not None

    @property
    def drop(self) -> float | None:
        """How much lighter on average (negative: heavier)."""
        if self.before is None or self.after is None:
            return None
        return round(self.before - self.after, 1)


def tool_changes(rows: Iterable[CalmRow], tools: Sequence[str], enough: int) -> list[ToolChange]:
    """Per tool (in `tools` order): mean distress before and after over sessions rated both
    ways, once there are `enough` of them."""
    seen: dict[str, int] = dict.fromkeys(tools, 0)
    pairs: dict[str, list[tuple[int, int]]] = {t: [] for t in tools}
    for row in rows:
        if row.tool not in seen:
            continue
        seen[row.tool] += 1
        if row.before is not None and row.after is not None:
            pairs[row.tool].append((row.before, row.after))
    out = []
    for tool in tools:
        rated = pairs[tool]
        ok = len(rated) >= enough
        out.append(
            ToolChange(
                tool,
                seen[tool],
                len(rated),
                round(statistics.fmean(b for b, _a in rated), 1) if ok else None,
                round(statistics.fmean(a for _b, a in rated), 1) if ok else None,
            )
        )
    return out


# --- Comparisons a person can trust ---------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Mood on days with something against days without it, among days with a mood."""

    key: str
    with_days: int
    without_days: int
    with_mood: float | None  # None until `enough`: no average is shown before then
    without_mood: float | None
    min_days: int = MIN_DAYS

    @property
    def enough(self) -> bool:
        return self.with_days >= self.min_days and self.without_days >= self.min_days

    @property
    def difference(self) -> float | None:
        if self.with_mood is None or self.without_mood is None:
            return None
        return round(self.with_mood - self.without_mood, 1)

    @property
    def days(self) -> int:
        return self.with_days + self.without_days


def compare(
    key: str,
    moods: Mapping[date, float],
    flagged: Iterable[date],
    *,
    min_days: int = MIN_DAYS,
) -> Comparison:
    """A plain difference of means, with the days behind each side. No test statistic: the
    number of days is shown instead, and below `min_days` a side has no average at all."""
    marked = set(flagged)
    with_: list[float] = []
    without: list[float] = []
    for day, mood in moods.items():
        (with_ if day in marked else without).append(mood)
    enough = len(with_) >= min_days and len(without) >= min_days
    return Comparison(
        key,
        len(with_),
        len(without),
        round(statistics.fmean(with_), 1) if enough else None,
        round(statistics.fmean(without), 1) if enough else None,
        min_days,
    )


def moods_by_day(days: Mapping[date, Day], period: Period) -> dict[date, float]:
    return {d.day: d.mood for d in in_period(days, period) if d.mood is not None}


def days_between(
    spans: Iterable[tuple[datetime, datetime | None]],
    zone: tzinfo,
    today: date,
    *,
    open_days: int = OPEN_SIGNAL_DAYS,
) -> set[date]:
    """Local days covered by (start, end) spans, both ends' days included. A span still open
    covers up to today, but at most `open_days` days: a signal left open by mistake should not
    make months of days look stressed."""
    covered: set[date] = set()
    for start, end in spans:
        first = local_day(start, zone)
        last = local_day(end, zone) if end else min(today, first + timedelta(days=open_days - 1))
        day = first
        while day <= last:
            covered.add(day)
            day += timedelta(days=1)
    return covered


def tag_comparisons(
    days: Mapping[date, Day],
    period: Period,
    *,
    body_top: int = 3,
    needs_top: int = 2,
    min_days: int = MIN_DAYS,
) -> list[Comparison]:
    """Mood against the tags logged most often in the period: body signals (e.g. "sleepy"),
    keyed "body:<slug>", and needs (e.g. "sleep"), keyed "need:<slug>"."""
    inside = [d for d in in_period(days, period) if d.mood is not None]
    moods = {d.day: d.mood for d in inside if d.mood is not None}
    tags: tuple[tuple[str, Callable[[Day], frozenset[str]], int], ...] = (
        ("body", lambda d: d.body_signals, body_top),
        ("need", lambda d: d.needs, needs_top),
    )
    out = []
    for prefix, words, top in tags:
        for leader in recurring((words(d) for d in inside), top=top, at_least=1):
            flagged = (d.day for d in inside if leader.slug in words(d))
            out.append(compare(f"{prefix}:{leader.slug}", moods, flagged, min_days=min_days))
    return out


# --- A circle: the balance, repairs and commitments -----------------------------------------


@dataclass(frozen=True)
class CircleBucket:
    start: date
    understanding: int = 0
    appreciations: int = 0
    needs_met: int = 0
    rituals_kept: int = 0
    ruptures: int = 0
    pauses: int = 0

    @property
    def positive(self) -> int:
        return self.understanding + self.appreciations + self.needs_met + self.rituals_kept

    @property
    def difficult(self) -> int:
        return self.ruptures + self.pauses


@dataclass(frozen=True)
class CircleMoments:
    """When things happened in a circle (aware datetimes), already limited to what the viewer
    may see."""

    understanding: Sequence[datetime] = ()
    appreciations: Sequence[datetime] = ()
    needs_met: Sequence[datetime] = ()
    rituals_kept: Sequence[datetime] = ()
    ruptures: Sequence[datetime] = ()
    pauses: Sequence[datetime] = ()


MOMENT_KINDS = ("understanding", "appreciations", "needs_met", "rituals_kept", "ruptures", "pauses")


def circle_series(moments: CircleMoments, period: Period, zone: tzinfo) -> list[CircleBucket]:
    counts = {b: dict.fromkeys(MOMENT_KINDS, 0) for b in period.buckets()}
    for kind in MOMENT_KINDS:
        for moment in getattr(moments, kind):
            day = local_day(moment, zone)
            if day in period:
                counts[period.bucket(day)][kind] += 1
    return [CircleBucket(start, **c) for start, c in counts.items()]


@dataclass(frozen=True)
class Balance:
    understanding: int
    appreciations: int
    needs_met: int
    rituals_kept: int
    ruptures: int
    pauses: int
    reference: float = REFERENCE_RATIO

    @property
    def positive(self) -> int:
        return self.understanding + self.appreciations + self.needs_met + self.rituals_kept

    @property
    def difficult(self) -> int:
        return self.ruptures + self.pauses

    @property
    def ratio(self) -> float | None:
        """Positive moments per difficult one (one decimal), or None with no difficult ones:
        dividing by zero would make a number out of nothing."""
        if not self.difficult:
            return None
        return round(self.positive / self.difficult, 1)


def balance(series: Iterable[CircleBucket]) -> Balance:
    totals = dict.fromkeys(MOMENT_KINDS, 0)
    for bucket in series:
        for kind in MOMENT_KINDS:
            totals[kind] += getattr(bucket, kind)
    return Balance(**totals)


@dataclass(frozen=True)
class RuptureRow:
    id: int
    title: str
    created_at: datetime
    closed_at: datetime | None
    closures: tuple[bool, ...] = ()  # each member's "trust re-established?" so far


@dataclass(frozen=True)
class RepairItem:
    id: int
    title: str
    started: date
    closed: date | None
    hours: float | None  # time to repair, for closed ones
    trust: bool  # closed with every member saying trust is re-established


@dataclass(frozen=True)
class RepairSummary:
    ruptures: int
    open: int
    closed: int
    trust_reestablished: int
    median_hours: float | None
    items: tuple[RepairItem, ...]  # newest first


def repair_summary(rows: Iterable[RuptureRow], zone: tzinfo) -> RepairSummary:
    items = []
    for row in sorted(rows, key=lambda r: (r.created_at, r.id), reverse=True):
        hours = None
        if row.closed_at is not None:
            hours = round((row.closed_at - row.created_at).total_seconds() / 3600, 1)
        trust = row.closed_at is not None and bool(row.closures) and all(row.closures)
        items.append(
            RepairItem(
                row.id,
                row.title,
                local_day(row.created_at, zone),
                local_day(row.closed_at, zone) if row.closed_at else None,
                hours,
                trust,
            )
        )
    durations = [i.hours for i in items if i.hours is not None]
    return RepairSummary(
        ruptures=len(items),
        open=sum(1 for i in items if i.closed is None),
        closed=len(durations),
        trust_reestablished=sum(1 for i in items if i.trust),
        median_hours=round(statistics.median(durations), 1) if durations else None,
        items=tuple(items),
    )


@dataclass(frozen=True)
class CommitmentRow:
    follow_up_on: date
    answers: tuple[str, ...]  # each member's "did it happen?": "yes", "partly" or "no"


@dataclass(frozen=True)
class CommitmentSummary:
    total: int
    kept: int  # everyone who checked back said yes
    partly: int
    not_yet: int  # everyone who checked back said not yet
    waiting: int  # due, nobody has checked back yet
    ahead: int  # the day to check back hasn't come

    @property
    def checked(self) -> int:
        return self.kept + self.partly + self.not_yet


def commitment_summary(rows: Iterable[CommitmentRow], today: date) -> CommitmentSummary:
    tally = Counter[str]()
    total = 0
    for row in rows:
        total += 1
        answers = set(row.answers)
        if not answers:
            tally["ahead" if row.follow_up_on > today else "waiting"] += 1
        elif answers == {"yes"}:
            tally["kept"] += 1
        elif answers == {"no"}:
            tally["not_yet"] += 1
        else:
            tally["partly"] += 1
    return CommitmentSummary(
        total,
        tally["kept"],
        tally["partly"],
        tally["not_yet"],
        tally["waiting"],
        tally["ahead"],
    )
