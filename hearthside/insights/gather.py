"""Fetch what insights read, through the privacy rule, and hand plain rows to `compute`.

Every query here asks `hearthside.circles.visibility` (or `hearthside.needs.privacy`, which
builds on it) what the viewer may see; nothing filters by hand. Rows come back with
`values_list`, in a fixed, small number of queries however much there is, and each starts at
the period's first local day so the default view of a long-lived circle reads one year, not
ten.

- **For me**: my own check-ins, reflections, calm sessions and stretched-thin signals (never
  anyone else's, not even counts), the rituals of my circles, and what my circles shared
  with me (thank-yous I received, times I felt heard or helped someone feel heard, my needs
  that were met).
- **For a circle**: only what was shared with that circle and is visible to me under the
  rule: a member who joined later sees nothing from before they arrived, and a request
  between two other members is not counted for a third.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from hearthside.calm.models import CalmSession
from hearthside.calm.summary import ENOUGH as CALM_ENOUGH
from hearthside.calm.tools import TOOLS as CALM_TOOLS
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.insights import compute
from hearthside.insights.compute import Period
from hearthside.needs.models import Met, Request
from hearthside.needs.privacy import visible_requests
from hearthside.practice.models import Appreciation, CheckIn, Reply
from hearthside.repair.models import Closure, Commitment, FollowUp, Pause, Reflection, Rupture
from hearthside.rituals.consistency import consistency, recent_instances, settled
from hearthside.rituals.models import Occurrence, Ritual
from hearthside.stress.models import Signal
from hearthside.zones import zone_named

# Something its author withdrew counts for nobody, its author included: the privacy rule still
# shows it to them, but a thank-you taken back is not a moment of appreciation.
KEPT = {"withdrawn_at__isnull": True}


def zone_of(person: Any) -> tzinfo:
    """The person's own time zone (UTC if theirs is unknown to this machine)."""
    return zone_named(person.time_zone)


def start_of(day: date, zone: tzinfo) -> datetime:
    """The first moment of a local day, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=zone)


# --- Rituals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RitualKept:
    id: int
    title: str
    circle_id: int
    circle_name: str
    kept: int  # of the last `of` occurrences ("8 of the last 10 Sundays")
    of: int
    label: str
    marks: tuple[bool, ...]
    kept_in_period: int


def _rituals_kept(
    rituals: list[Ritual],
    viewer: Any,
    done: list[tuple[int, datetime]],
    period: Period,
    now: datetime | None = None,
) -> list[RitualKept]:
    """Each current ritual with its rolling consistency ("8 of the last 10 Sundays"), counted
    exactly as the rituals page counts it, and how many were kept in the period."""
    zone = zone_of(viewer)
    now = now or timezone.now()
    in_period: dict[int, int] = {}
    for ritual_id, moment in done:
        if compute.local_day(moment, zone) in period:
            in_period[ritual_id] = in_period.get(ritual_id, 0) + 1
    looked_at = {r.pk: _looked_back_on(r, now) for r in rituals}
    moments = [m for times in looked_at.values() for m in times]
    rows: dict[tuple[int, datetime], tuple[str, datetime | None]] = {}
    if moments:
        for ritual_id, scheduled, status, moved_to in Occurrence.objects.filter(
            ritual__in=rituals, scheduled_for__gte=min(moments), scheduled_for__lte=max(moments)
        ).values_list("ritual_id", "scheduled_for", "status", "moved_to"):
            rows[(ritual_id, scheduled)] = (status, moved_to)
    kept_list = []
    for ritual in rituals:
        kept: set[datetime] = set()
        still_open: set[datetime] = set()
        for moment in looked_at[ritual.pk]:
            status, moved_to = rows.get((ritual.pk, moment), ("", None))
            if status == Occurrence.Status.DONE:
                kept.add(moment)
            elif status == Occurrence.Status.MOVED and moved_to and moved_to > now:
                still_open.add(moment)
        looked = consistency(
            settled(looked_at[ritual.pk], kept, now=now, still_open=still_open), ritual.schedule()
        )
        kept_list.append(
            RitualKept(
                id=ritual.pk,
                title=ritual.title,
                circle_id=ritual.circle_id,
                circle_name=ritual.circle.name,
                kept=looked.kept,
                of=looked.of,
                label=looked.label,
                marks=looked.marks,
                kept_in_period=in_period.get(ritual.pk, 0),
            )
        )
    return kept_list


def _looked_back_on(ritual: Ritual, now: datetime) -> list[datetime]:
    """The ritual's recent occurrence times, as the rituals page looks back on them: from when
    the ritual was made (dates before it existed were never anyone's to keep)."""
    return [m for m in recent_instances(ritual.schedule(), now) if m >= ritual.created_at]


def _done_occurrences(rituals: QuerySet[Ritual], since: datetime) -> list[tuple[int, datetime]]:
    """(ritual, when it happened) for every kept occurrence from `since` on: at its moved time
    if it was moved."""
    rows = Occurrence.objects.filter(
        ritual__in=rituals, status=Occurrence.Status.DONE, scheduled_for__gte=since
    ).values_list("ritual_id", "scheduled_for", "moved_to")
    return [(ritual_id, moved or scheduled) for ritual_id, scheduled, moved in rows]


# --- For me ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FromCircles:
    thanks_received: int
    felt_heard: int  # my shares: replies that made me feel heard
    helped_feel_heard: int  # my replies someone said made them feel heard
    needs_met: int  # my requests the asker (me) marked met


@dataclass(frozen=True)
class CircleLink:
    id: int
    name: str


@dataclass(frozen=True)
class MeInsights:
    period: Period
    zone: str
    weather: compute.WeatherSummary
    months: list[compute.MonthGrid]
    feelings: tuple[compute.WordCount, ...]
    needs: tuple[compute.WordCount, ...]
    mood: list[compute.MoodBucket]
    feeling_balance: list[compute.FeelingBucket]
    need_series: list[compute.WordSeries]
    triggers: compute.TriggerThemes
    calm: list[compute.ToolChange]
    rituals: list[RitualKept]
    comparisons: list[compute.Comparison]
    from_circles: FromCircles
    circles: list[CircleLink]


def _earliest(person: Any) -> date | None:
    first = (
        visibility.own_entries(CheckIn.objects.all(), person)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return compute.local_day(first, zone_of(person)) if first else None


def for_me(person: Any, period_key: str, now: datetime | None = None) -> MeInsights:
    """Everything on the "for me" page, from the person's own data and what their circles
    shared with them."""
    now = now or timezone.now()
    zone = zone_of(person)
    today = compute.local_day(now, zone)
    earliest = _earliest(person) if period_key == "all" else None
    period = compute.period_for(period_key, today, earliest)
    since = start_of(period.first, zone)

    checkins = [
        compute.CheckInRow(at, mood, tuple(feelings), tuple(needs), tuple(body))
        for at, mood, feelings, needs, body in visibility.own_entries(
            CheckIn.objects.filter(created_at__gte=since), person
        ).values_list("created_at", "mood", "feelings", "needs", "body_signals")
    ]
    days = compute.days_of(checkins, zone)
    moods = compute.moods_by_day(days, period)
    inside = compute.in_period(days, period)

    reflections = [
        compute.ReflectionRow(tuple(feelings), tuple(needs), triggers)
        for feelings, needs, triggers in visibility.own_entries(
            Reflection.objects.filter(rupture__created_at__gte=since), person
        ).values_list("feelings", "unmet_needs", "triggers")
    ]
    calm_rows = [
        compute.CalmRow(tool, before, after)
        for tool, before, after in visibility.own_entries(
            CalmSession.objects.filter(started_at__gte=since), person
        ).values_list("tool", "distress_before", "distress_after")
    ]

    my_rituals = visibility.circle_things(Ritual.objects.all(), person)
    done = _done_occurrences(my_rituals, since - timedelta(days=1))
    current = list(my_rituals.filter(archived_at__isnull=True).select_related("circle"))
    kept_days = {compute.local_day(moment, zone) for _ritual, moment in done}

    comparisons = [compute.compare("rituals", moods, kept_days)]
    spans = [
        (created, closed or withdrawn)
        for created, closed, withdrawn in visibility.own_entries(
            Signal.objects.filter(
                Q(closed_at__isnull=True) | Q(closed_at__gte=since), created_at__lt=now
            ),
            person,
        ).values_list("created_at", "closed_at", "withdrawn_at")
    ]
    comparisons.append(compute.compare("stress", moods, compute.days_between(spans, zone, today)))
    comparisons += compute.tag_comparisons(days, period)

    return MeInsights(
        period=period,
        zone=str(zone),
        weather=compute.weather_summary(days, period),
        months=compute.weather_map(days, period),
        feelings=compute.recurring(d.feelings for d in inside),
        needs=compute.recurring(d.needs for d in inside),
        mood=compute.mood_series(days, period),
        feeling_balance=compute.feeling_series(days, period),
        need_series=compute.word_series(days, period, lambda d: d.needs),
        triggers=compute.trigger_themes(reflections),
        calm=compute.tool_changes(calm_rows, CALM_TOOLS, CALM_ENOUGH),
        rituals=_rituals_kept(current, person, done, period, now),
        comparisons=comparisons,
        from_circles=_from_circles(person, since),
        circles=[CircleLink(c.pk, c.name) for c in visibility.circles_of(person)],
    )


def _from_circles(person: Any, since: datetime) -> FromCircles:
    replies = visibility.visible_thread_items(
        Reply.objects.filter(felt_heard_at__gte=since, share__withdrawn_at__isnull=True),
        person,
        "share",
    )
    return FromCircles(
        thanks_received=visibility.visible_entries(
            Appreciation.objects.filter(recipient=person, created_at__gte=since, **KEPT), person
        ).count(),
        felt_heard=replies.filter(share__author=person).count(),
        helped_feel_heard=replies.filter(author=person).count(),
        needs_met=visible_requests(
            Request.objects.filter(author=person, met=Met.MET, met_at__gte=since, **KEPT), person
        ).count(),
    )


# --- For a circle ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CircleInsights:
    circle: CircleLink
    period: Period
    zone: str
    series: list[compute.CircleBucket]
    balance: compute.Balance
    rituals: list[RitualKept]
    repairs: compute.RepairSummary
    commitments: compute.CommitmentSummary


def for_circle(
    person: Any, circle: Circle, period_key: str, now: datetime | None = None
) -> CircleInsights:
    """Everything on a circle's insights page, from what was shared with `circle` and is
    visible to `person` (who must be a member: callers use `visibility.get_circle_or_404`)."""
    now = now or timezone.now()
    zone = zone_of(person)
    today = compute.local_day(now, zone)
    period = compute.period_for(period_key, today, compute.local_day(circle.created_at, zone))
    since = start_of(period.first, zone)

    def times(queryset: QuerySet[Any], field: str) -> list[datetime]:
        return list(queryset.values_list(field, flat=True))

    understanding = times(
        visibility.visible_thread_items(
            Reply.objects.filter(
                share__circle=circle, share__withdrawn_at__isnull=True, felt_heard_at__gte=since
            ),
            person,
            "share",
        ),
        "felt_heard_at",
    )
    appreciations = times(
        visibility.visible_entries(
            Appreciation.objects.filter(circle=circle, created_at__gte=since, **KEPT), person
        ),
        "created_at",
    )
    needs_met = times(
        visible_requests(
            Request.objects.filter(circle=circle, met=Met.MET, met_at__gte=since, **KEPT),
            person,
        ),
        "met_at",
    )
    pauses = times(
        visibility.visible_entries(
            Pause.objects.filter(circle=circle, created_at__gte=since, **KEPT), person
        ),
        "created_at",
    )
    ruptures = list(
        visibility.visible_entries(
            Rupture.objects.filter(circle=circle, created_at__gte=since, **KEPT), person
        ).values_list("pk", "title", "created_at", "closed_at")
    )
    closures: dict[int, list[bool]] = {}
    for rupture_id, trust in visibility.visible_thread_items(
        Closure.objects.filter(
            rupture__circle=circle,
            rupture__created_at__gte=since,
            rupture__withdrawn_at__isnull=True,
        ),
        person,
        "rupture",
    ).values_list("rupture_id", "trust_reestablished"):
        closures.setdefault(rupture_id, []).append(trust)

    circle_rituals = visibility.circle_things(Ritual.objects.filter(circle=circle), person)
    done = _done_occurrences(circle_rituals, since - timedelta(days=1))
    current = list(circle_rituals.filter(archived_at__isnull=True).select_related("circle"))

    moments = compute.CircleMoments(
        understanding=understanding,
        appreciations=appreciations,
        needs_met=needs_met,
        rituals_kept=[moment for _ritual, moment in done],
        ruptures=[created for _pk, _title, created, _closed in ruptures],
        pauses=pauses,
    )
    series = compute.circle_series(moments, period, zone)
    return CircleInsights(
        circle=CircleLink(circle.pk, circle.name),
        period=period,
        zone=str(zone),
        series=series,
        balance=compute.balance(series),
        rituals=_rituals_kept(current, person, done, period, now),
        repairs=compute.repair_summary(
            (
                compute.RuptureRow(pk, title, created, closed, tuple(closures.get(pk, ())))
                for pk, title, created, closed in ruptures
            ),
            zone,
        ),
        commitments=compute.commitment_summary(_commitments(person, circle, period), today),
    )


def _commitments(person: Any, circle: Circle, period: Period) -> list[compute.CommitmentRow]:
    commitments = list(
        visibility.visible_thread_items(
            Commitment.objects.filter(
                rupture__circle=circle,
                rupture__withdrawn_at__isnull=True,
                follow_up_on__gte=period.first,
            ),
            person,
            "rupture",
        ).values_list("pk", "follow_up_on")
    )
    answers: dict[int, list[str]] = {}
    for commitment_id, answer in visibility.visible_thread_items(
        FollowUp.objects.filter(
            commitment__rupture__circle=circle,
            commitment__rupture__withdrawn_at__isnull=True,
            commitment__follow_up_on__gte=period.first,
        ),
        person,
        "commitment__rupture",
    ).values_list("commitment_id", "answer"):
        answers.setdefault(commitment_id, []).append(answer)
    return [
        compute.CommitmentRow(follow_up_on, tuple(answers.get(pk, ())))
        for pk, follow_up_on in commitments
    ]
