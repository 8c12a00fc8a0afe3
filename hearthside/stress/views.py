"""Weathering stress together: the plan pages.

/stress/ picks a circle (or goes straight to the only one); /stress/<circle>/ is that circle's
plan: what's heavy, decompression routines, who carries what this week, outside support, and
signals lately. Each part changes in place with htmx and works as an ordinary form without it.

Who sees what is asked of `hearthside.circles.visibility` (through `stress.actions`): a circle
the person isn't in, and anything in it, is 404 — never 403.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.http import AuthedRequest
from hearthside.stress import actions, weeks
from hearthside.stress.forms import HeavyForm, RoutineForm, SupportForm, TaskForm
from hearthside.stress.models import HeavyThing, Signal, Support, Task

# How far back the plan's "signals lately" and "lighter now" lists look.
LATELY = timedelta(days=30)
LATELY_SHOWN = 10
# Weeks further than this from today are not a plan any more: 404 rather than a blank page.
WEEKS_REACH = 106

SECTIONS = {
    "heavy": "stress/_heavy.html",
    "routines": "stress/_routines.html",
    "week": "stress/_week.html",
    "support": "stress/_support.html",
}


def _is_htmx(request: AuthedRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _week_or_404(raw: str | None) -> date:
    """The Monday of the week asked for (this week when none is), within reach of today."""
    today = actions.this_week()
    if not raw:
        return today
    monday = weeks.parse(raw)
    if monday is None or abs((monday - today).days) > WEEKS_REACH * 7:
        raise Http404
    return monday


def plan_url(circle: Circle, section: str = "", week: date | None = None) -> str:
    url = reverse("stress_plan", args=[circle.pk])
    if week is not None and week != actions.this_week():
        url += f"?week={weeks.name(week)}"
    return url + (f"#stress-{section}" if section else "")


# --- The plan, part by part ------------------------------------------------------------------


def _week_context(request: AuthedRequest, circle: Circle, monday: date) -> dict[str, Any]:
    me = request.user
    members = actions.members(circle)
    member_ids = {m.pk for m in members}
    tasks = list(actions.tasks(me, circle, monday))
    rows = [(t, actions.carrier_of(t, member_ids)) for t in tasks]
    before = weeks.previous(monday)
    return {
        "week": monday,
        "week_name": weeks.name(monday),
        "week_end": weeks.last_day(monday),
        "is_this_week": monday == actions.this_week(),
        "previous_week": weeks.name(before),
        "next_week": weeks.name(weeks.following(monday)),
        "task_rows": rows,
        "done_count": sum(1 for t, _c in rows if t.is_done),
        "can_copy": actions.copyable(circle, monday, tasks),
        "members": members,
    }


def plan_context(
    request: AuthedRequest, circle: Circle, monday: date, **bound: Any
) -> dict[str, Any]:
    """Everything the plan page shows; `bound` holds forms that came back with something to
    fix (heavy_form, routine_form, task_form, support_form), and `said`, a line for screen
    readers after an in-place change."""
    me = request.user
    since = actions.now() - LATELY
    # What's heavy now, and what eased lately: a plan that's years old stays quick.
    heavy = list(
        actions.heavy_things(me, circle).filter(
            Q(resolved_at__isnull=True) | Q(resolved_at__gte=since)
        )
    )
    mine = actions.my_routine(me, circle)
    week = _week_context(request, circle, monday)
    signals = list(
        visibility.visible_entries(
            Signal.objects.filter(circle=circle, withdrawn_at__isnull=True), me
        )
        .filter(created_at__gte=since)
        .select_related("author")[:LATELY_SHOWN]
    )
    offers = actions.offers(me, signals)
    return {
        "circle": circle,
        "several_circles": visibility.circles_of(me).count() > 1,
        "heavy_now": [h for h in heavy if h.resolved_at is None],
        "heavy_eased": [h for h in heavy if h.resolved_at is not None],
        "heavy_form": bound.get("heavy_form") or HeavyForm(prefix="heavy"),
        "routines": actions.routines(me, circle),
        "my_routine": mine,
        "routine_form": bound.get("routine_form")
        or RoutineForm(prefix="routine", initial={"text": mine.text if mine else ""}),
        "task_form": bound.get("task_form")
        or TaskForm(prefix="task", members=week["members"], me=me),
        "support": list(actions.support(me, circle)),
        "support_form": bound.get("support_form") or SupportForm(prefix="support"),
        "signals": [(s, [o for o in offers if o.signal_id == s.pk]) for s in signals],
        "said": bound.get("said", ""),
        "open_section": bound.get("open_section", ""),
        **week,
    }


def _answer(
    request: AuthedRequest,
    circle: Circle,
    section: str,
    said: str,
    *,
    monday: date | None = None,
    ok: bool = True,
    **bound: Any,
) -> HttpResponse:
    """After a change: htmx gets the one part back (with `said` for screen readers); a plain
    form post goes back to the plan, or shows it again with the form to fix."""
    monday = monday or actions.this_week()
    if _is_htmx(request):
        context = plan_context(request, circle, monday, said=said if ok else "", **bound)
        return render(request, SECTIONS[section], context)
    if ok:
        messages.success(request, said)
        return redirect(plan_url(circle, section, monday))
    context = plan_context(request, circle, monday, open_section=section, **bound)
    return render(request, "stress/plan.html", context)


# --- Pages -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def index(request: AuthedRequest) -> HttpResponse:
    circles = list(visibility.circles_of(request.user).order_by("name", "pk"))
    if len(circles) == 1:
        return redirect("stress_plan", circle=circles[0].pk)
    return render(request, "stress/index.html", {"circles": circles})


@login_required
@require_http_methods(["GET"])
def plan(request: AuthedRequest, circle: int) -> HttpResponse:
    found = visibility.get_circle_or_404(request.user, circle)
    monday = _week_or_404(request.GET.get("week"))
    context = plan_context(request, found, monday)
    if _is_htmx(request) and request.GET.get("part") == "week":
        return render(request, "stress/_week.html", context)
    return render(request, "stress/plan.html", context)


# --- What's heavy ----------------------------------------------------------------------------


@login_required
@require_POST
def heavy_new(request: AuthedRequest, circle: int) -> HttpResponse:
    found = visibility.get_circle_or_404(request.user, circle)
    form = HeavyForm(request.POST, prefix="heavy")
    if not form.is_valid():
        return _answer(request, found, "heavy", "", ok=False, heavy_form=form)
    actions.add_heavy(request.user, found, form.cleaned_data["text"], form.cleaned_data["size"])
    said = _("Added. Everyone in %(circle)s can see it.") % {"circle": found.name}
    return _answer(request, found, "heavy", said)


@login_required
@require_POST
def heavy_act(request: AuthedRequest, pk: int) -> HttpResponse:
    thing = actions.own_heavy_or_404(request.user, pk)
    action = request.POST.get("action")
    if action == "lighter":
        actions.set_lighter(thing, True)
        said = _("Marked as lighter. Glad it's eased.")
    elif action == "heavy-again":
        actions.set_lighter(thing, False)
        said = _("Back on the list of what's heavy.")
    elif action == "remove":
        actions.remove_heavy(thing)
        said = _("Taken off the plan. Nobody sees it now.")
    else:
        return HttpResponseBadRequest()
    return _answer(request, thing.circle, "heavy", said)


@login_required
@require_http_methods(["GET", "POST"])
def heavy_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    thing: HeavyThing = actions.own_heavy_or_404(request.user, pk)
    initial = {"text": thing.text, "size": thing.size}
    form = HeavyForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.change_heavy(thing, text=form.cleaned_data["text"], size=form.cleaned_data["size"])
        messages.success(request, _("Saved."))
        return redirect(plan_url(thing.circle, "heavy"))
    return render(request, "stress/heavy_form.html", {"form": form, "thing": thing})


# --- Routines --------------------------------------------------------------------------------


@login_required
@require_POST
def routine_set(request: AuthedRequest, circle: int) -> HttpResponse:
    found = visibility.get_circle_or_404(request.user, circle)
    form = RoutineForm(request.POST, prefix="routine")
    if not form.is_valid():
        return _answer(request, found, "routines", "", ok=False, routine_form=form)
    routine = actions.set_routine(request.user, found, form.cleaned_data["text"])
    said = (
        _("Saved. The others in %(circle)s can see how you come down.") % {"circle": found.name}
        if routine
        else _("Your routine is off the plan.")
    )
    return _answer(request, found, "routines", said)


# --- Who carries what ------------------------------------------------------------------------


@login_required
@require_POST
def task_new(request: AuthedRequest, circle: int) -> HttpResponse:
    me = request.user
    found = visibility.get_circle_or_404(me, circle)
    monday = _week_or_404(request.POST.get("week"))
    form = TaskForm(request.POST, prefix="task", members=actions.members(found), me=me)
    if not form.is_valid():
        return _answer(request, found, "week", "", monday=monday, ok=False, task_form=form)
    carrier = form.cleaned_data["carrier"]
    actions.add_task(me, found, monday, form.cleaned_data["text"], carrier)
    if carrier is None:
        said = _("Added to the week. Anyone can take it.")
    elif carrier.pk == me.pk:
        said = _("Added to the week, with you carrying it.")
    else:
        said = _("Added to the week, with %(name)s carrying it.") % {"name": carrier.name}
    return _answer(request, found, "week", said, monday=monday)


@login_required
@require_POST
def task_copy(request: AuthedRequest, circle: int) -> HttpResponse:
    found = visibility.get_circle_or_404(request.user, circle)
    monday = _week_or_404(request.POST.get("week"))
    copied = actions.copy_forward(request.user, found, monday)
    if copied:
        said = _("Brought last week's list forward: %(count)s to carry this week.") % {
            "count": len(copied)
        }
    else:
        said = _("Everything from last week is already on this week's list.")
    return _answer(request, found, "week", said, monday=monday)


@login_required
@require_POST
def task_act(request: AuthedRequest, pk: int) -> HttpResponse:
    me = request.user
    task: Task = actions.visible_task_or_404(me, pk)
    action = request.POST.get("action")
    if action == "done":
        actions.set_done(task, True)
        said = _("Done. One less thing to carry.")
    elif action == "undo":
        actions.set_done(task, False)
        said = _("Open again.")
    elif action == "take":
        actions.take_task(me, task)
        said = _("It's yours this week. Thank you.")
    elif action == "remove":
        task.delete()
        said = _("Taken off the week's list.")
    else:
        return HttpResponseBadRequest()
    return _answer(request, task.circle, "week", said, monday=task.week)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    me = request.user
    task: Task = actions.visible_task_or_404(me, pk)
    members = actions.members(task.circle)
    current = actions.carrier_of(task, {m.pk for m in members})
    initial = {"text": task.text, "carrier": str(current.pk) if current else ""}
    form = TaskForm(
        request.POST if request.method == "POST" else None,
        members=members,
        me=me,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        actions.change_task(
            task, text=form.cleaned_data["text"], carrier=form.cleaned_data["carrier"]
        )
        messages.success(request, _("Saved. Everyone in the circle sees the change."))
        return redirect(plan_url(task.circle, "week", task.week))
    return render(
        request,
        "stress/task_form.html",
        {"form": form, "task": task, "week_name": weeks.name(task.week)},
    )


# --- Outside support -------------------------------------------------------------------------


def _support_fields(form: SupportForm) -> actions.SupportFields:
    data = form.cleaned_data
    return actions.SupportFields(data["name"], data["kind"], data["reach"], data["note"])


@login_required
@require_POST
def support_new(request: AuthedRequest, circle: int) -> HttpResponse:
    found = visibility.get_circle_or_404(request.user, circle)
    form = SupportForm(request.POST, prefix="support")
    if not form.is_valid():
        return _answer(request, found, "support", "", ok=False, support_form=form)
    item = actions.add_support(request.user, found, _support_fields(form))
    return _answer(
        request, found, "support", _("%(name)s is on your list of support.") % {"name": item.name}
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    item: Support = actions.visible_support_or_404(request.user, pk)
    initial = {"name": item.name, "kind": item.kind, "reach": item.reach, "note": item.note}
    form = SupportForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.change_support(item, _support_fields(form))
        messages.success(request, _("Saved. Everyone in the circle sees the change."))
        return redirect(plan_url(item.circle, "support"))
    return render(request, "stress/support_form.html", {"form": form, "item": item})


@login_required
@require_POST
def support_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    item: Support = actions.visible_support_or_404(request.user, pk)
    circle, name = item.circle, item.name
    item.delete()
    return _answer(request, circle, "support", _("%(name)s is off the list.") % {"name": name})
