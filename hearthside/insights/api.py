"""Insights: JSON API routes under /api/v1/insights/, registered by hearthside.api.routes.

The same numbers the pages show, read the same way (`hearthside.insights.gather`): mine from
my own data and what my circles shared with me; a circle's only for its current members, from
what was shared there and is visible to the caller. A circle the caller isn't in is 404, the
same as one that doesn't exist.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Router

from hearthside.api.auth import caller
from hearthside.api.schemas import Id
from hearthside.circles import visibility
from hearthside.insights import gather
from hearthside.insights.schemas import CircleInsightsOut, MeInsightsOut, PeriodKey

router = Router(tags=["insights"])


def register(api: NinjaAPI) -> None:
    """Add this app's routers to `api`."""
    api.add_router("/insights", router)


def _period(period: Any) -> dict[str, Any]:
    return {
        "key": period.key,
        "first": period.first,
        "last": period.last,
        "granularity": period.granularity,
    }


@router.get(
    "/me", response=MeInsightsOut, summary="My insights: my own data and what my circles shared"
)
def me(request: HttpRequest, period: PeriodKey = "1y") -> Any:
    found = gather.for_me(caller(request), period)
    return {
        "period": _period(found.period),
        "time_zone": found.zone,
        "buckets": found.period.buckets(),
        "weather": found.weather,
        "weather_map": [
            cell
            for grid in found.months
            for week in grid.weeks
            for cell in week
            if cell is not None and cell.checkins
        ],
        "feelings": found.feelings,
        "needs": found.needs,
        "mood": found.mood,
        "feeling_balance": found.feeling_balance,
        "need_series": found.need_series,
        "triggers": found.triggers,
        "calm": found.calm,
        "rituals": found.rituals,
        "comparisons": found.comparisons,
        "from_circles": found.from_circles,
        "circles": found.circles,
    }


@router.get(
    "/circles/{circle_id}",
    response=CircleInsightsOut,
    summary="A circle's insights: what was shared there and is mine to see",
)
def circle(request: HttpRequest, circle_id: Id, period: PeriodKey = "1y") -> Any:
    person = caller(request)
    found = gather.for_circle(person, visibility.get_circle_or_404(person, circle_id), period)
    return {
        "circle": found.circle,
        "period": _period(found.period),
        "time_zone": found.zone,
        "buckets": found.series,
        "balance": found.balance,
        "rituals": found.rituals,
        "repairs": found.repairs,
        "commitments": found.commitments,
    }
