"""Agreements, pauses and the calming screens offered while a pause runs.

Who may see a pause is decided by `hearthside.circles.visibility`; what people may do with it
by `hearthside.repair.actions`. These views only join the two to pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.http import AuthedRequest
from hearthside.repair import actions
from hearthside.repair.forms_pause import AgreementForm
from hearthside.repair.models import Agreement, Pause, Rupture

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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


# --- Calming screens ------------------------------------------------------------------------


@dataclass(frozen=True)
class Phase:
    cue: StrOrPromise
    seconds: float


@dataclass(frozen=True)
class Pattern:
    key: str
    name: StrOrPromise
    about: StrOrPromise
    phases: tuple[Phase, ...]

    @property
    def cycle_seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)


IN, HOLD, OUT = gettext_lazy("Breathe in"), gettext_lazy("Hold"), gettext_lazy("Breathe out")

# The timings live in repair.css as keyframes (one set per pattern, no inline styles under the
# CSP); these say the same in words for the page and for anyone with motion turned off.
PATTERNS: dict[str, Pattern] = {
    pattern.key: pattern
    for pattern in (
        Pattern(
            "box",
            gettext_lazy("Box breathing"),
            gettext_lazy("Four even sides: in, hold, out, hold. Steady and easy to follow."),
            (Phase(IN, 4), Phase(HOLD, 4), Phase(OUT, 4), Phase(HOLD, 4)),
        ),
        Pattern(
            "478",
            gettext_lazy("4-7-8 breathing"),
            gettext_lazy("A long, slow breath out tells your body it can stand down."),
            (Phase(IN, 4), Phase(HOLD, 7), Phase(OUT, 8)),
        ),
        Pattern(
            "resonant",
            gettext_lazy("Slow, even breathing"),
            gettext_lazy("About five and a half breaths a minute, no holding. Gentle and rocking."),
            (Phase(IN, 5.5), Phase(OUT, 5.5)),
        ),
    )
}
DEFAULT_PATTERN = "box"


def _calm_pause(request: AuthedRequest) -> Pause | None:
    """The pause a calming screen leads back to (?pause=<id>), if the person may see it."""
    raw = request.GET.get("pause")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return _visible_pause_or_404(request, int(raw))


def _seconds_words(seconds: float) -> str:
    if seconds == int(seconds):
        count = int(seconds)
        return ngettext("%(n)d second", "%(n)d seconds", count) % {"n": count}
    return _("%(n)s seconds") % {"n": f"{seconds:g}"}


@login_required
@require_http_methods(["GET"])
def breathe(request: AuthedRequest) -> HttpResponse:
    pause = _calm_pause(request)
    pattern = PATTERNS.get(request.GET.get("pattern", ""), PATTERNS[DEFAULT_PATTERN])
    steps = [(phase.cue, _seconds_words(phase.seconds)) for phase in pattern.phases]
    return render(
        request,
        "repair/breathe.html",
        {"pause": pause, "pattern": pattern, "patterns": PATTERNS.values(), "steps": steps},
    )


@dataclass(frozen=True)
class GroundStep:
    count: int
    title: StrOrPromise
    hint: StrOrPromise


GROUND_STEPS: tuple[GroundStep, ...] = (
    GroundStep(
        5,
        gettext_lazy("Five things you can see"),
        gettext_lazy(
            "Let your eyes wander slowly. Name each one quietly to yourself: "
            "a colour, a shape, a patch of light."
        ),
    ),
    GroundStep(
        4,
        gettext_lazy("Four things you can touch"),
        gettext_lazy(
            "Notice how each one feels: your sleeve, the seat under you, "
            "the floor under your feet, something cool or soft."
        ),
    ),
    GroundStep(
        3,
        gettext_lazy("Three things you can hear"),
        gettext_lazy("Near or far: a hum in the room, a sound outside, your own breathing."),
    ),
    GroundStep(
        2,
        gettext_lazy("Two things you can smell"),
        gettext_lazy(
            "Anything at all — soap on your hands, the air by a window. "
            "If nothing comes, remember a smell you like."
        ),
    ),
    GroundStep(
        1,
        gettext_lazy("One thing you can taste"),
        gettext_lazy(
            "Maybe the last thing you drank, or just your own mouth. A sip of water counts."
        ),
    ),
)


@login_required
@require_http_methods(["GET"])
def ground(request: AuthedRequest) -> HttpResponse:
    pause = _calm_pause(request)
    raw = request.GET.get("step", "")
    # 0 is the welcome, 1 to 5 the senses, 6 the close; anything odd starts gently at the top.
    number = min(int(raw), len(GROUND_STEPS) + 1) if raw.isdigit() else 0
    current = GROUND_STEPS[number - 1] if 1 <= number <= len(GROUND_STEPS) else None
    return render(
        request,
        "repair/ground.html",
        {
            "pause": pause,
            "number": number,
            "step": current,
            "total": len(GROUND_STEPS),
            "dots": range(1, current.count + 1) if current else range(0),
            "finished": number > len(GROUND_STEPS),
            "next_number": number + 1,
            "previous_number": number - 1,
        },
    )
