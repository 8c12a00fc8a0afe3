"""Pacing disclosures: my comfort per circle, asking for a good moment, and one knock.

Which knocks a person sees is the privacy rule's business (`visibility.visible_entries`):
the author, and the members who were there when they knocked. Only the author ever sees the
held words; listeners see that someone knocks, and a hint when the author gave one. Every page
here first lets out any held share whose agreed moment has passed, so pacing keeps its word
even when no worker runs.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.http import AuthedRequest
from hearthside.pacing import actions
from hearthside.pacing.checks import slower_members
from hearthside.pacing.forms import AnswerForm, ComfortForm, HintForm
from hearthside.pacing.glue import names, render_ask
from hearthside.pacing.models import Answer, Knock
from hearthside.practice.forms import ShareForm
from hearthside.practice.models import CheckIn, Share

PAST_KNOCKS = 10
WAITING_LONG = timedelta(days=2)


def _comfort_form(circle: Circle, depth: str, data: Any = None) -> ComfortForm:
    return ComfortForm(data, initial={"depth": depth}, auto_id=f"comfort_{circle.pk}_%s")


def _index_context(request: AuthedRequest, bound: tuple[int, ComfortForm] | None = None) -> Any:
    me = request.user
    circles = list(visibility.circles_of(me))
    comforts = actions.comforts_of(me, circles)
    rows = []
    for circle in circles:
        form = bound[1] if bound and bound[0] == circle.pk else None
        rows.append((circle, form or _comfort_form(circle, comforts[circle.pk])))
    answers = Prefetch("answers", queryset=Answer.objects.filter(author=me), to_attr="mine")
    for_me = (
        visibility.shared_with_me(Knock.objects.filter(status__in=Knock.OPEN), me)
        .select_related("author", "circle")
        .prefetch_related(answers)
        .order_by("created_at")
    )
    mine = visibility.own_entries(Knock.objects.select_related("circle", "share"), me)
    return {
        "rows": rows,
        "for_me": list(for_me),
        "mine_open": list(mine.filter(status__in=Knock.OPEN).order_by("created_at")),
        "mine_past": list(mine.exclude(status__in=Knock.OPEN)[:PAST_KNOCKS]),
    }


@login_required
@require_http_methods(["GET"])
def index(request: AuthedRequest) -> HttpResponse:
    actions.publish_due_for(request.user)
    return render(request, "pacing/index.html", _index_context(request))


@login_required
@require_POST
def comfort(request: AuthedRequest, circle_id: int) -> HttpResponse:
    circle = visibility.get_circle_or_404(request.user, circle_id)
    form = _comfort_form(circle, "", request.POST)
    htmx = bool(request.headers.get("HX-Request"))
    if form.is_valid():
        actions.set_comfort(request.user, circle, form.cleaned_data["depth"])
        if htmx:
            return render(
                request,
                "pacing/_comfort.html",
                {
                    "circle": circle,
                    "form": _comfort_form(circle, form.cleaned_data["depth"]),
                    "saved": True,
                },
            )
        messages.success(request, _("Saved for %(circle)s.") % {"circle": circle.name})
        return redirect("pacing")
    if htmx:
        return render(request, "pacing/_comfort.html", {"circle": circle, "form": form})
    return render(
        request, "pacing/index.html", _index_context(request, (circle.pk, form)), status=200
    )


def _checkin(request: AuthedRequest) -> CheckIn | None:
    checkin_id = request.GET.get("checkin")
    if not checkin_id:
        return None
    if not checkin_id.isdigit():
        raise Http404
    return visibility.get_own_or_404(CheckIn.objects.all(), request.user, pk=checkin_id)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: AuthedRequest) -> HttpResponse:
    """ "Is now a good time?" for a share: written here, or brought over from the share form
    (its "Ask first" button, or the prompt when someone prefers to go slower)."""
    me = request.user
    checkin = _checkin(request)
    if request.method == "GET":
        initial: dict[str, Any] = {"circle": request.GET.get("circle"), "depth": "deep"}
        if checkin:
            initial |= {"feelings": checkin.feelings, "text": checkin.note or checkin.situation}
        return render_ask(
            request, ShareForm(person=me, initial=initial), HintForm(), checkin=checkin
        )
    form = ShareForm(request.POST, person=me)
    hint_form = HintForm(request.POST)
    if not (form.is_valid() and hint_form.is_valid()):
        return render_ask(request, form, hint_form, checkin=checkin)
    data = form.cleaned_data
    if request.POST.get("pacing") != "ask":
        # Brought over from the share form: show the ask page with the words kept.
        slower = slower_members(me, data["circle"], data["depth"])
        return render_ask(request, form, hint_form, checkin=checkin, slower=slower)
    try:
        knock = actions.knock(
            me,
            data["circle"],
            text=data["text"],
            feelings=data["feelings"],
            depth=data["depth"],
            wants=data["wants"],
            hint=hint_form.cleaned_data["hint"],
            checkin=checkin,
        )
    except actions.NoOneToAsk:
        form.add_error(
            "circle",
            _("There's no one else in this circle yet, so there's no one to ask."),
        )
        return render_ask(request, form, hint_form, checkin=checkin)
    asked = actions.listeners(knock)
    messages.success(
        request,
        ngettext(
            "Asked. Your words stay with you until %(names)s says when.",
            "Asked. Your words stay with you until %(names)s say when.",
            len(asked),
        )
        % {"names": names(asked)},
    )
    return redirect("pacing_knock", pk=knock.pk)


def _visible_knock(request: AuthedRequest, pk: int) -> Knock:
    return visibility.get_visible_or_404(
        Knock.objects.select_related("author", "circle", "share"), request.user, pk=pk
    )


def _knock_context(request: AuthedRequest, knock: Knock, form: AnswerForm | None = None) -> Any:
    me = request.user
    mine = knock.author_id == me.pk
    listeners = actions.listeners(knock)
    answers = {
        a.author_id: a for a in visibility.visible_thread_items(knock.answers.all(), me, "knock")
    }
    rows = [(person, answers.get(person.pk)) for person in listeners]
    share_visible = (
        knock.share is not None
        and visibility.visible_entries(Share.objects.filter(pk=knock.share.pk), me).exists()
    )
    my_answer = answers.get(me.pk)
    others_here = any(p.pk not in (me.pk, knock.author_id) for p, _a in rows)
    if form is None and not mine and knock.is_open:
        form = _answer_form(request, knock)
    return {
        "knock": knock,
        "mine": mine,
        "rows": rows,
        "my_answer": my_answer,
        "form": form,
        "share_visible": share_visible,
        "waiting_on": [p for p, a in rows if a is None],
        "others_here": others_here,
        # A listener who hasn't answered, alone in being asked, has nothing to read here yet.
        "has_status": mine
        or not knock.is_open
        or knock.goes_out_at is not None
        or others_here
        or my_answer is not None,
        # After a couple of days without an answer the author gets a gentle word about
        # other ways forward; nobody else is nudged.
        "waiting_long": mine
        and knock.status == Knock.Status.WAITING
        and knock.created_at < timezone.now() - WAITING_LONG,
    }


def _answer_form(request: AuthedRequest, knock: Knock, data: Any = None) -> AnswerForm:
    return AnswerForm(
        data,
        time_zone=request.user.time_zone,
        now=timezone.now(),
        author_name=knock.author.name,
    )


@login_required
@require_http_methods(["GET"])
def knock_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    knock = _visible_knock(request, pk)
    actions.settle(knock)
    context = _knock_context(request, knock)
    if request.headers.get("HX-Request"):
        return render(request, "pacing/_knock_status.html", context)
    if knock.share is not None and context["share_visible"] and not context["mine"]:
        # The moment has come: the listener goes straight to the share.
        return redirect("share", pk=knock.share.pk)
    return render(request, "pacing/knock.html", context)


@login_required
@require_POST
def knock_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    knock = _visible_knock(request, pk)
    if knock.author_id == request.user.pk:
        return HttpResponse(status=403)
    if not knock.is_open:
        messages.info(request, _("This one has already gone out or was withdrawn."))
        return redirect("pacing_knock", pk=knock.pk)
    form = _answer_form(request, knock, request.POST)
    if not form.is_valid():
        return render(request, "pacing/knock.html", _knock_context(request, knock, form))
    actions.answer(request.user, knock, at=form.cleaned_data["moment"])
    if knock.share is not None:
        messages.success(request, _("Thank you. Here it is — take your time with it."))
        return redirect("share", pk=knock.share.pk)
    messages.success(
        request,
        _("Thank you. %(name)s will know when works for you.") % {"name": knock.author.name},
    )
    return redirect("pacing_knock", pk=knock.pk)


@login_required
@require_POST
def knock_share_now(request: AuthedRequest, pk: int) -> HttpResponse:
    knock = visibility.get_own_or_404(Knock.objects.select_related("circle"), request.user, pk=pk)
    try:
        share = actions.share_now(request.user, knock)
    except actions.NoLongerOpen:
        messages.info(request, _("This one has already gone out or was withdrawn."))
        return redirect("pacing_knock", pk=knock.pk)
    messages.success(request, _("Shared with %(circle)s.") % {"circle": knock.circle.name})
    return redirect("share", pk=share.pk)


@login_required
@require_POST
def knock_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    knock = visibility.get_own_or_404(Knock.objects.all(), request.user, pk=pk)
    try:
        actions.withdraw(request.user, knock)
    except actions.NoLongerOpen:
        messages.info(request, _("This one has already gone out or was withdrawn."))
        return redirect("pacing_knock", pk=knock.pk)
    messages.success(request, _("Withdrawn. The words are still yours, and no one else sees them."))
    return redirect("pacing")
