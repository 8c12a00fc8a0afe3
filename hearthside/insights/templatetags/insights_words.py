"""Template helpers for the insights pages: vocabulary labels (`{{ slug|feeling_label }}` and
friends) and the weather map's month calendars."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hearthside.insights import readings
from hearthside.insights.compute import Cell, MonthGrid

register = template.Library()

register.filter("feeling_label", readings.feeling_label)
register.filter("need_label", readings.need_label)
register.filter("body_label", readings.body_label)
register.filter("mood_label", readings.mood_label)
register.filter("duration", readings.duration)
register.filter("num", readings.num)


@register.simple_tag
def weather_months(months: Sequence[MonthGrid], weekdays: Sequence[tuple[str, str]]) -> SafeString:
    """The weather map: one small table per month, each day coloured by its mood and saying it
    in words too (a screen reader hears "4: Good"; a pointer shows the day's feelings).

    Built here rather than in the template: a year is ~400 cells, and the template engine
    would spend most of the page's time on them."""
    moods = {level: readings.mood_label(level) for level in (None, 1, 2, 3, 4, 5)}
    feelings: dict[str, str] = {}
    head = "".join(
        f'<th scope="col" abbr="{escape(full)}">{escape(short)}</th>' for short, full in weekdays
    )
    parts = []
    for grid in months:
        parts.append(
            f'<table class="weather-month"><caption>{escape(date_format(grid.month, "F Y"))}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>"
        )
        for week in grid.weeks:
            parts.append("<tr>")
            parts.extend(_cell(cell, moods, feelings) for cell in week)
            parts.append("</tr>")
        parts.append("</tbody></table>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)


def _cell(cell: Cell | None, moods: dict[int | None, str], feelings: dict[str, str]) -> str:
    if cell is None:
        return '<td class="wx-pad"></td>'
    number = cell.day.day
    if not cell.in_period:
        return f'<td class="wx-out">{number}</td>'
    if not cell.checkins:
        return f'<td class="wx-none">{number}</td>'
    mood = moods[cell.level]
    words = []
    for slug in cell.feelings:
        if slug not in feelings:
            feelings[slug] = readings.feeling_label(slug)
        words.append(feelings[slug])
    title = " · ".join([f"{date_format(cell.day, 'j M')}: {mood}", *words])
    css = f"wx-{cell.level}" if cell.level else "wx-rated-none"
    return (
        f'<td class="{css}" title="{escape(title)}">{number}'
        f'<span class="visually-hidden">: {escape(mood)}</span></td>'
    )


@register.simple_tag
def chart_rows(rows: Sequence[Sequence[str]]) -> SafeString:
    """A chart table's body rows, the first cell of each a row heading (built here for the
    same reason as the weather map: ten years by month is hundreds of cells)."""
    parts = []
    for row in rows:
        head, *cells = row
        parts.append(f'<tr><th scope="row">{escape(head)}</th>')
        parts.extend(f"<td>{escape(cell)}</td>" for cell in cells)
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 (every cell is escaped)
