"""Agreements and pauses. The calming tools a pause offers (breathing, grounding, kindness) are
the self-regulation toolkit's (`hearthside.calm`), opened with `?pause=<id>` to lead back here.

Who may see a pause is decided by `hearthside.circles.visibility`; what people may do with it
by `hearthside.repair.actions`. These views only join the two to pages.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.http import AuthedRequest
from hearthside.repair import actions
from hearthside.repair.forms_pause import AgreementForm
from hearthside.repair.models import Agreement, Pause, Rupture

# htmx stops polling when a poll is answered with this status (and still shows the answer).
STOP_POLLING = 286


def duration_words(minutes: int) -> str:
    """Bounds as people say them: "20 minutes", "1 hour and 30 minutes", "2 days"."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if mins or not parts:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", mins) % {"n": mins})
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def _moment(value: datetime) -> str:
    """A moment in the reader's own time zone: "10:50", "tomorrow at 10:30", or with the day."""
    local = timezone.localtime(value)
    today = timezone.localdate()
    clock = date_format(local, "H:i")
    if local.date() == today:
        return clock
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": clock}
    return _("%(day)s at %(time)s") % {"day": date_format(local, "l j F"), "time": clock}


def _seconds_until(value: datetime) -> int:
    return max(0, int((value - timezone.now()).total_seconds()))


def circle_repair_context(person: Person, circle: Circle) -> dict[str, Any]:
    """What `repair/_circle_repair_actions.html` needs on a circle's page: the agreed phrases to
    choose from and the pause running there, if this person may see it."""
    agreement = Agreement.for_circle(circle)
    running = actions.active_pause(circle, person)
    return {"phrases": agreement.phrase_list, "running_pause": running}


# --- Agreements -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = visibility.get_circle_or_404(request.user, pk)
    current = Agreement.for_circle(circle)
    # Taken before validation, which writes the submitted values onto the instance.
    agreed = {
        "shortest": duration_words(current.cool_off_min),
        "longest": duration_words(current.cool_off_max),
        "phrases": current.phrase_list,
        "style": current.get_style_display(),
    }
    form = AgreementForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_at = timezone.now()
        saved.save()
        messages.success(
            request, _("Saved. The next pause in %(circle)s will follow it.") % {"circle": circle}
        )
        return redirect("repair_agreement", pk=circle.pk)
    return render(
        request,
        "repair/agreement.html",
        {"circle": circle, "form": form, "agreed": agreed},
    )


# --- Pauses ---------------------------------------------------------------------------------


@login_required
@require_POST
def start_pause(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = visibility.get_circle_or_404(request.user, pk)
    already = actions.active_pause(circle)
    pause = actions.start_pause(request.user, circle, request.POST.get("phrase", ""))
    if already is not None and already.pk == pause.pk:
        messages.info(
            request,
            _("A pause is already running here, so you're part of that one. Take the time."),
        )
    else:
        messages.success(
            request,
            _(
                "Your pause has started, and the others can see your words now. "
                "Be gentle with yourself."
            ),
        )
    return redirect("pause", pk=pause.pk)


def _visible_pause_or_404(request: AuthedRequest, pk: int) -> Pause:
    return visibility.get_visible_or_404(
        Pause.objects.select_related("author", "circle"), request.user, pk=pk
    )


def _status_context(request: AuthedRequest, pause: Pause) -> dict[str, Any]:
    state = actions.pause_state(pause)
    me_back = any(person.pk == request.user.pk for person in state.ready)
    rupture = None
    if not pause.is_active:
        rupture = visibility.visible_entries(
            Rupture.objects.filter(pause=pause), request.user
        ).first()
    return {
        "pause": pause,
        "state": state,
        "me_back": me_back,
        "may_return": pause.is_active and state.can_return and not me_back,
        "min_at": _moment(pause.min_until),
        "max_at": _moment(pause.max_until),
        "ended_at": _moment(pause.ended_at) if pause.ended_at else "",
        "min_seconds": _seconds_until(pause.min_until),
        "max_seconds": _seconds_until(pause.max_until),
        "rupture": rupture,
    }


@login_required
@require_http_methods(["GET"])
def pause_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    pause = _visible_pause_or_404(request, pk)
    context = _status_context(request, pause)
    if request.headers.get("HX-Request"):
        status = 200 if pause.is_active else STOP_POLLING
        return render(request, "repair/_pause_status.html", context, status=status)
    return render(request, "repair/pause.html", context)


@login_required
@require_POST
def come_back(request: AuthedRequest, pk: int) -> HttpResponse:
    pause = _visible_pause_or_404(request, pk)
    try:
        state = actions.come_back(request.user, pause)
    except actions.NotAllowed as problem:
        messages.info(request, str(problem))
        return redirect("pause", pk=pause.pk)
    if not state.pause.is_active:
        messages.success(request, _("Everyone's back. Welcome back — that took care."))
    else:
        messages.success(
            request,
            _("Thank you. You're marked as ready, and the others will see it when they look."),
        )
    return redirect("pause", pk=pause.pk)
