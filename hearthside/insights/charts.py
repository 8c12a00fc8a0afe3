"""Insights as charts: for each, a one-sentence reading, what Chart.js draws, and the same
numbers as a table for people who can't or would rather not read a chart.

Pages put `Chart.spec` in a `<script type="application/json">` element (data, never code, so
the strict CSP stands) and `hearthside/static/hearthside/insights.js` draws it on a canvas.
Colours are named here ("sage", "ember", …) and mapped to the site's palette in the script.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearthside.insights import readings
from hearthside.insights.gather import CircleInsights, MeInsights


@dataclass
class Dataset:
    label: str
    data: list[float | int | None]
    color: str
    stack: str = ""
    colors: tuple[str, ...] = ()  # one per bar, when each bar means something different


@dataclass
class Chart:
    id: str
    title: str
    reading: str
    kind: str  # "line", "bar" (vertical) or "hbar" (horizontal)
    labels: list[str]
    datasets: list[Dataset]
    headers: list[str]  # the table's column headings; the first names the row headings
    rows: list[list[str]]  # the first cell of each row is its heading
    stacked: bool = False
    # Show the table even when there is nothing to draw (e.g. ruptures still being repaired).
    table_alone: bool = False
    y_min: float | None = None
    y_max: float | None = None
    y_label: str = ""
    # Counts are whole numbers: the axis shouldn't offer "2.5 thank-yous".
    whole: bool = True

    @property
    def has_data(self) -> bool:
        return any(v for d in self.datasets for v in d.data if v)

    @property
    def has_table(self) -> bool:
        return bool(self.rows) and (self.has_data or self.table_alone)

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    def spec(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "labels": self.labels,
            "datasets": [
                {
                    "label": d.label,
                    "data": d.data,
                    "color": d.color,
                    "colors": list(d.colors),
                    "stack": d.stack,
                }
                for d in self.datasets
            ],
            "stacked": self.stacked,
            "yMin": self.y_min,
            "yMax": self.y_max,
            "yLabel": self.y_label,
            "whole": self.whole,
        }


# What a table shows where there is no number.
DASH = "\N{EN DASH}"


def _cell(value: float | int | None) -> str:
    if value is None:
        return DASH
    return readings.num(value) if isinstance(value, float) else str(value)


# --- For me ---------------------------------------------------------------------------------


def for_me(me: MeInsights) -> dict[str, Chart]:
    granularity = me.period.granularity
    buckets = [readings.bucket_label(b.start, granularity) for b in me.mood]
    when = _("Week") if granularity == "week" else _("Month")

    feelings = Chart(
        id="chart-feelings",
        title=_("Feelings that recur"),
        reading=readings.recurring_feelings(me.feelings),
        kind="hbar",
        labels=[readings.feeling_label(w.slug) for w in me.feelings],
        datasets=[Dataset(_("Days"), [w.count for w in me.feelings], "dusk")],
        headers=[_("Feeling"), _("Days it came up")],
        rows=[[readings.feeling_label(w.slug), str(w.count)] for w in me.feelings],
        y_label=_("days"),
    )
    mood = Chart(
        id="chart-mood",
        title=_("Mood over time"),
        reading=readings.mood_over_time(me.mood, granularity),
        kind="line",
        labels=buckets,
        datasets=[Dataset(_("Average mood (1-5)"), [b.mood for b in me.mood], "ember")],
        headers=[when, _("Average mood (1-5)"), _("Days with a mood")],
        rows=[
            [label, _cell(b.mood), str(b.days)] for label, b in zip(buckets, me.mood, strict=True)
        ],
        y_min=1,
        y_max=5,
        y_label=_("mood"),
        whole=False,
    )
    balance = Chart(
        id="chart-feeling-balance",
        title=_("Pleasant and harder feelings over time"),
        reading=readings.feeling_balance(me.feeling_balance),
        kind="bar",
        labels=buckets,
        datasets=[
            Dataset(_("Pleasant"), [b.pleasant for b in me.feeling_balance], "sage", "f"),
            Dataset(_("Harder"), [b.unpleasant for b in me.feeling_balance], "dusk", "f"),
        ],
        headers=[when, _("Pleasant"), _("Harder")],
        rows=[
            [label, str(b.pleasant), str(b.unpleasant)]
            for label, b in zip(buckets, me.feeling_balance, strict=True)
        ],
        stacked=True,
        y_label=_("feelings named"),
    )
    needs_names = [readings.need_label(s.slug) for s in me.need_series]
    needs = Chart(
        id="chart-needs",
        title=_("Needs over time"),
        reading=readings.needs_over_time(me.need_series),
        kind="line",
        labels=buckets,
        datasets=[
            Dataset(name, list(s.counts), color)
            for name, s, color in zip(needs_names, me.need_series, PALETTE, strict=False)
        ],
        headers=[when, *needs_names],
        rows=[
            [label, *(str(s.counts[i]) for s in me.need_series)] for i, label in enumerate(buckets)
        ],
        y_min=0,
        y_label=_("days"),
    )
    calm = Chart(
        id="chart-calm",
        title=_("How strong it felt, before and after"),
        reading=readings.calm(me.calm),
        kind="bar",
        labels=[readings.tool_label(c.tool) for c in me.calm],
        datasets=[
            Dataset(_("Before (0-10)"), [c.before for c in me.calm], "dusk"),
            Dataset(_("After (0-10)"), [c.after for c in me.calm], "sage"),
        ],
        headers=[_("Tool"), _("Sessions"), _("Rated before and after"), _("Before"), _("After")],
        rows=[
            [
                readings.tool_label(c.tool),
                str(c.sessions),
                str(c.rated),
                _cell(c.before) if c.enough else _("not enough yet"),
                _cell(c.after) if c.enough else _("not enough yet"),
            ]
            for c in me.calm
        ],
        y_min=0,
        y_max=10,
        y_label=_("how strong (0-10)"),
        whole=False,
    )
    ready = [c for c in me.comparisons if c.enough]
    compared = Chart(
        id="chart-compare",
        title=_("Mood on days with and without"),
        reading=readings.comparisons_chart(me.comparisons),
        kind="hbar",
        labels=[readings.comparison_subject(c.key) for c in ready],
        datasets=[
            Dataset(_("Days with it"), [c.with_mood for c in ready], "ember"),
            Dataset(_("Other days"), [c.without_mood for c in ready], "sand"),
        ],
        headers=[
            _("Compared"),
            _("Days with it"),
            _("Other days"),
            _("Mood with it"),
            _("Mood on other days"),
            _("Difference"),
        ],
        rows=[
            [
                readings.comparison_subject(c.key),
                str(c.with_days),
                str(c.without_days),
                _cell(c.with_mood) if c.enough else _("not enough data yet"),
                _cell(c.without_mood) if c.enough else _("not enough data yet"),
                _cell(c.difference) if c.enough else DASH,
            ]
            for c in me.comparisons
        ],
        y_min=1,
        y_max=5,
        y_label=_("average mood (1-5)"),
        whole=False,
    )
    return {
        "feelings": feelings,
        "mood": mood,
        "feeling_balance": balance,
        "needs": needs,
        "calm": calm,
        "compare": compared,
    }


# Colours for series that have no meaning of their own (the top needs), in order.
PALETTE = ("ember", "sage", "dusk", "gold", "sky", "sand")


# --- For a circle ---------------------------------------------------------------------------


def for_circle(insights: CircleInsights) -> dict[str, Chart]:
    granularity = insights.period.granularity
    labels = [readings.bucket_label(b.start, granularity) for b in insights.series]
    when = _("Week") if granularity == "week" else _("Month")
    series = insights.series

    def column(kind: str) -> list[float | int | None]:
        return [getattr(b, kind) for b in series]

    kinds = [
        ("understanding", _("Felt heard"), "sage", "positive"),
        ("appreciations", _("Thank-yous"), "gold", "positive"),
        ("needs_met", _("Needs met"), "sky", "positive"),
        ("rituals_kept", _("Rituals kept"), "ember", "positive"),
        ("ruptures", _("Ruptures"), "dusk", "difficult"),
        ("pauses", _("Pauses"), "sand", "difficult"),
    ]
    moments = Chart(
        id="chart-moments",
        title=_("Moments over time"),
        reading=readings.circle_moments(insights.balance),
        kind="bar",
        labels=labels,
        datasets=[Dataset(name, column(kind), color, stack) for kind, name, color, stack in kinds],
        headers=[when, *(name for _kind, name, _color, _stack in kinds)],
        rows=[
            [label, *(str(getattr(b, kind)) for kind, _n, _c, _s in kinds)]
            for label, b in zip(labels, series, strict=True)
        ],
        stacked=True,
        y_label=_("moments"),
    )
    repaired = [i for i in insights.repairs.items if i.hours is not None]
    repairs = Chart(
        id="chart-repairs",
        title=_("Time to repair"),
        reading=readings.repairs(insights.repairs),
        kind="hbar",
        labels=[i.title for i in repaired],
        datasets=[
            Dataset(_("Days to repair"), [round((i.hours or 0) / 24, 1) for i in repaired], "sage")
        ],
        headers=[_("Rupture"), _("Began"), _("Repaired"), _("Time to repair"), _("Trust")],
        rows=[
            [
                i.title,
                date_format(i.started, "j M Y"),
                date_format(i.closed, "j M Y") if i.closed else _("not yet"),
                readings.duration(i.hours) if i.hours is not None else DASH,
                _("re-established") if i.trust else (DASH if i.closed is None else _("not yet")),
            ]
            for i in insights.repairs.items
        ],
        y_min=0,
        y_label=_("days"),
        table_alone=True,
        whole=False,
    )
    c = insights.commitments
    commitment_kinds = [
        (_("Kept"), c.kept, "sage"),
        (_("Partly"), c.partly, "gold"),
        (_("Not yet"), c.not_yet, "dusk"),
        (_("Waiting to check back"), c.waiting, "sand"),
        (_("Not due yet"), c.ahead, "sky"),
    ]
    commitments = Chart(
        id="chart-commitments",
        title=_("How commitments went"),
        reading=readings.commitments(c),
        kind="hbar",
        labels=[name for name, _n, _c in commitment_kinds],
        datasets=[
            Dataset(
                _("Commitments"),
                [n for _name, n, _c in commitment_kinds],
                "sage",
                colors=tuple(color for _name, _n, color in commitment_kinds),
            )
        ],
        headers=[_("Commitments"), _("How many")],
        rows=[[name, str(n)] for name, n, _c in commitment_kinds],
        y_min=0,
        y_label=_("commitments"),
    )
    return {"moments": moments, "repairs": repairs, "commitments": commitments}
