"""Insights: what my practice adds up to (/insights/), and what a circle's does
(/circles/<pk>/insights/). Both read only what the privacy rule lets the viewer see (see
`hearthside.insights.gather`); a circle the viewer isn't in is 404, like one that doesn't exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hearthside.circles import visibility
from hearthside.http import AuthedRequest
from hearthside.insights import charts, compute, gather, readings


def period_key(request: HttpRequest) -> str:
    """The period asked for in `?period=`, or the default for anything else."""
    key = request.GET.get("period", compute.DEFAULT_PERIOD)
    return key if key in compute.PERIODS else compute.DEFAULT_PERIOD


def _periods(current: str) -> list[dict[str, Any]]:
    """The period switcher's links, the current one marked."""
    names = {"90d": _("90 days"), "1y": _("12 months"), "all": _("All time")}
    return [{"key": key, "name": names[key], "current": key == current} for key in compute.PERIODS]


@login_required
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    me = gather.for_me(request.user, period_key(request))
    context = {
        "me": me,
        "charts": charts.for_me(me),
        "periods": _periods(me.period.key),
        "default_period": compute.DEFAULT_PERIOD,
        "period_words": readings.period_words(me.period),
        "weather_reading": readings.weather(me.weather),
        "weekdays": [(str(WEEKDAYS_ABBR[d]), str(WEEKDAYS[d])) for d in range(7)],
        "triggers_reading": readings.triggers(me.triggers),
        "rituals_reading": readings.rituals(me.rituals, sum(r.kept_in_period for r in me.rituals)),
        "comparisons": [(c, readings.comparison(c)) for c in me.comparisons],
        "min_days": compute.MIN_DAYS,
        "mood_scale": [(level, readings.mood_label(level)) for level in range(1, 6)],
    }
    return render(request, "insights/index.html", context)


@login_required
@require_GET
def circle(request: AuthedRequest, pk: int) -> HttpResponse:
    found = visibility.get_circle_or_404(request.user, pk)
    insights = gather.for_circle(request.user, found, period_key(request))
    needs_note = ""
    if len(visibility.members_of(found)) > 2:
        # A request is between two people; a third member never learns of it, even as a count.
        needs_note = _("Needs met counts only requests between you and one other member.")
    context = {
        "circle": found,
        "insights": insights,
        "charts": charts.for_circle(insights),
        "periods": _periods(insights.period.key),
        "period_words": readings.period_words(insights.period),
        "balance_reading": readings.balance(insights.balance),
        "reference": readings.num(compute.REFERENCE_RATIO),
        "needs_note": needs_note,
    }
    return render(request, "insights/circle.html", context)
