"""Self-regulation toolkit: the pages.

Each tool has a start page (what it is, an optional "how strong is it right now?", Begin) that
anyone signed in can open, from the Today page, the toolkit or a pause in a repair
(`?pause=<id>`, which must be a pause they may see). Beginning makes a private session; its
page runs the tool and ends with "and now?" and Finish. Sessions are the author's own: anyone
else gets 404, exactly as for one that doesn't exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hearthside.calm import sessions, tools
from hearthside.calm.forms import AfterForm, BeforeForm
from hearthside.calm.models import CalmSession
from hearthside.circles import visibility
from hearthside.http import AuthedRequest
from hearthside.repair.models import Pause

# How many past sessions the toolkit page lists under "Lately".
RECENT = 5

STEP_PAGES: dict[str, dict[str, Any]] = {
    tools.GROUND: {
        "title": gettext_lazy("Ground yourself: 5-4-3-2-1"),
        "close_title": gettext_lazy("You're here"),
        "close_text": gettext_lazy(
            "Notice your feet on the floor and one slow breath. Whatever you're feeling is "
            "still allowed — it just has a little more room now."
        ),
    },
    tools.KINDNESS: {
        "title": gettext_lazy("Be kind to yourself"),
        "close_title": gettext_lazy("Take this with you"),
        "close_text": gettext_lazy(
            "The words you found are yours to come back to. The hard thing may still be "
            "there, and you met it gently. That counts for a lot."
        ),
    },
}


def _pause_from_query(request: AuthedRequest) -> Pause | None:
    """The pause a tool was opened from (?pause=<id>), if the person may see it."""
    raw = request.GET.get("pause", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return sessions.visible_pause_or_404(request.user, int(raw))


def _pause_query(pause: Pause | None) -> str:
    return f"?pause={pause.pk}" if pause else ""


def seconds_words(seconds: float) -> str:
    if seconds == int(seconds):
        count = int(seconds)
        return ngettext("%(n)d second", "%(n)d seconds", count) % {"n": count}
    return _("about %(n)s seconds") % {"n": f"{seconds:.1f}"}


def _in_words(pattern: tools.Pattern) -> list[str]:
    return [
        _("%(cue)s for %(seconds)s") % {"cue": phase.cue, "seconds": seconds_words(phase.seconds)}
        for phase in pattern.phases
    ]


# --- The toolkit page -----------------------------------------------------------------------


@login_required
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    mine = sessions.mine(request.user)
    helps = [(tools.TOOL_NAMES[item.tool], item) for item in sessions.what_helps(request.user)]
    return render(
        request,
        "calm/index.html",
        {"helps": helps, "recent": list(mine[:RECENT]), "patterns": tools.PATTERNS.values()},
    )


# --- Start pages ----------------------------------------------------------------------------


def _start_page(
    request: AuthedRequest, tool: str, template: str, extra: dict[str, Any]
) -> HttpResponse:
    pause = _pause_from_query(request)
    # Bound on every POST: "Begin" without a rating sends no fields (the rating is optional).
    form = BeforeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        session = sessions.start(
            request.user,
            tool,
            pattern=extra["pattern"].key if "pattern" in extra else "",
            distress_before=form.cleaned_data["distress"],
            pause=pause,
        )
        return redirect("calm_session", pk=session.pk)
    context = {"form": form, "pause": pause, "pause_query": _pause_query(pause), **extra}
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def breathe(request: AuthedRequest, pattern: str = tools.DEFAULT_PATTERN) -> HttpResponse:
    chosen = tools.PATTERNS.get(pattern)
    if chosen is None:
        raise Http404
    return _start_page(
        request,
        tools.BREATHE,
        "calm/breathe.html",
        {"pattern": chosen, "patterns": tools.PATTERNS.values(), "in_words": _in_words(chosen)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ground(request: AuthedRequest) -> HttpResponse:
    return _start_page(request, tools.GROUND, "calm/ground.html", {})


@login_required
@require_http_methods(["GET", "POST"])
def kindness(request: AuthedRequest) -> HttpResponse:
    return _start_page(request, tools.KINDNESS, "calm/kindness.html", {})


# --- A session: running, then done ----------------------------------------------------------


def _own_session_or_404(request: AuthedRequest, pk: int) -> CalmSession:
    return visibility.get_own_or_404(CalmSession.objects.all(), request.user, pk=pk)


def _again_url(session: CalmSession, pause: Pause | None) -> str:
    if session.tool == tools.BREATHE:
        url = reverse("calm_breathe", args=[session.pattern])
    else:
        url = reverse(f"calm_{session.tool}")
    return url + _pause_query(pause)


def _session_page(
    request: AuthedRequest, session: CalmSession, form: AfterForm | None = None
) -> HttpResponse:
    pause = sessions.pause_for(session, request.user)
    context: dict[str, Any] = {
        "session": session,
        "pause": pause,
        "tool_name": tools.TOOL_NAMES[session.tool],
        "again_url": _again_url(session, pause),
        "form": form or AfterForm(),
    }
    if session.is_finished:
        return render(request, "calm/done.html", context)
    if session.tool == tools.BREATHE:
        pattern = tools.PATTERNS[session.pattern]
        context.update({"pattern": pattern, "in_words": _in_words(pattern)})
        return render(request, "calm/session_breathe.html", context)

    steps = tools.STEPS[session.tool]
    total = len(steps)
    raw = request.GET.get("step", "")
    # 1 to total are the steps, total + 1 the close; anything odd starts gently at the top.
    if form is not None:
        number = total + 1
    else:
        number = min(max(int(raw), 1), total + 1) if raw.isdigit() else 1
    step = steps[number - 1] if number <= total else None
    context.update(
        {
            **STEP_PAGES[session.tool],
            "number": number,
            "total": total,
            "step": step,
            "progress": range(1, total + 1),
            "dots": range(1, step.count + 1) if step else range(0),
            "next_number": number + 1,
            "previous_number": number - 1,
        }
    )
    return render(request, "calm/session_steps.html", context)


@login_required
@require_GET
def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _session_page(request, _own_session_or_404(request, pk))


@login_required
@require_POST
def finish(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _own_session_or_404(request, pk)
    form = AfterForm(request.POST)
    if not form.is_valid():
        if session.is_finished:
            return redirect("calm_session", pk=session.pk)
        return _session_page(request, session, form)
    try:
        sessions.finish(session, form.cleaned_data["distress"])
    except sessions.AlreadyFinished:
        messages.info(request, _("You'd already finished this one, so it's kept as it was."))
    return redirect("calm_session", pk=session.pk)


@login_required
@require_POST
def forget(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _own_session_or_404(request, pk)
    session.delete()
    messages.success(request, _("Forgotten. It's gone from your summary too."))
    return redirect("calm")
