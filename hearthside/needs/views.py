"""Needs and requests: the pages. Every request is fetched through
`hearthside.needs.privacy`: the asker and the one asked see it; anyone else gets 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.http import AuthedRequest
from hearthside.needs import actions, privacy
from hearthside.needs.forms import AnswerForm, AskForm, MetForm
from hearthside.needs.models import Answer, Met, Request, Response

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ANSWER_SAID: dict[str, StrOrPromise] = {
    Response.YES: gettext_lazy("You said yes. %(name)s will hear from you."),
    Response.NOT_NOW: gettext_lazy("You suggested another time. %(name)s will hear from you."),
    Response.TALK: gettext_lazy("You'd like to talk it through. %(name)s will hear from you."),
}
MET_SAID: dict[str, StrOrPromise] = {
    Met.MET: gettext_lazy("Noted: your need was met. Following through is how trust grows."),
    Met.PARTLY: gettext_lazy("Noted: partly met. Saying so honestly helps you both."),
    Met.NOT_YET: gettext_lazy("Noted: not yet. You can change this whenever things move."),
}

# The newest of each list; the API pages through all of them.
LIST_LIMIT = 50


def _requests(person: Any) -> QuerySet[Request]:
    return privacy.visible_requests(
        Request.objects.select_related("author", "recipient", "circle"), person
    )


def _open_first(queryset: QuerySet[Request]) -> QuerySet[Request]:
    # Open (not withdrawn, not marked met) before the rest, newest first within each.
    return queryset.annotate(
        settled=Case(
            When(Q(withdrawn_at__isnull=False) | Q(met=Met.MET), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("settled", "-created_at", "-id")


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthedRequest) -> HttpResponse:
    me = request.user
    form = AskForm(request.POST or None, person=me, initial={"to": request.GET.get("to", "")})
    if request.method == "POST" and form.is_valid():
        circle, recipient = form.cleaned_data["to"]
        try:
            ask = actions.create_request(
                me,
                circle,
                recipient,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                by_when=form.cleaned_data["by_when"],
            )
        except actions.NotInCircle:
            # They left the circle between the page loading and the click.
            form.add_error("to", _("You can ask someone who shares a circle with you."))
        else:
            messages.success(
                request,
                _("Asked. %(name)s will find it on their Today page.") % {"name": recipient.name},
            )
            return redirect("need", pk=ask.pk)
    mine = _open_first(_requests(me).filter(author=me))[:LIST_LIMIT]
    to_me = _requests(me).filter(recipient=me)
    context = {
        "form": form,
        "waiting": list(to_me.filter(response="").order_by("created_at", "id")[:LIST_LIMIT]),
        "mine": list(mine),
        "answered": list(_open_first(to_me.exclude(response=""))[:LIST_LIMIT]),
    }
    return render(request, "needs/index.html", context)


def _thread(request: AuthedRequest, ask: Request, **forms: Any) -> dict[str, Any]:
    me = request.user
    answers = privacy.visible_answers(
        Answer.objects.filter(request=ask).select_related("author"), me
    )
    live = ask.withdrawn_at is None
    answer_form = forms.get("answer_form")
    met_form = forms.get("met_form")
    if answer_form is None and live and ask.recipient_id == me.pk:
        answer_form = AnswerForm(time_zone=me.time_zone)
    if met_form is None and live and ask.author_id == me.pk:
        initial = {"met": ask.met, "note": ask.met_note} if ask.met else {}
        met_form = MetForm(initial=initial)
    return {
        "ask": ask,
        "answers": list(answers),
        "answer_form": answer_form,
        "met_form": met_form,
        "is_asker": ask.author_id == me.pk,
        "is_asked": ask.recipient_id == me.pk,
        "said": forms.get("said", ""),
    }


def _visible(request: AuthedRequest, pk: int) -> Request:
    return privacy.get_request_or_404(
        Request.objects.select_related("author", "recipient", "circle"), request.user, pk=pk
    )


@login_required
@require_http_methods(["GET"])
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    ask = _visible(request, pk)
    return render(request, "needs/detail.html", _thread(request, ask))


def _after(request: AuthedRequest, ask: Request, said: str, **forms: Any) -> HttpResponse:
    """htmx gets the thread back in place (and the words for the live region); a plain form
    post goes back to the page, or shows it again with what needs another look."""
    failed = any(f is not None and f.errors for f in forms.values())
    if request.headers.get("HX-Request"):
        context = _thread(request, ask, said="" if failed else said, **forms)
        return render(request, "needs/_thread.html", context)
    if failed:
        return render(request, "needs/detail.html", _thread(request, ask, **forms))
    messages.success(request, said)
    return redirect("need", pk=ask.pk)


@login_required
@require_POST
def answer(request: AuthedRequest, pk: int) -> HttpResponse:
    ask = _visible(request, pk)
    if ask.recipient_id != request.user.pk:
        # The asker sees the request but doesn't answer it.
        return HttpResponse(status=403)
    form = AnswerForm(request.POST, time_zone=request.user.time_zone)
    if not form.is_valid():
        return _after(request, ask, "", answer_form=form)
    data = form.cleaned_data
    actions.answer(
        request.user,
        ask,
        response=data["response"],
        proposed_for=data["proposed_for"],
        note=data["note"],
    )
    said = str(ANSWER_SAID[data["response"]]) % {"name": ask.author.name}
    return _after(request, ask, said)


@login_required
@require_POST
def met(request: AuthedRequest, pk: int) -> HttpResponse:
    ask = _visible(request, pk)
    if ask.author_id != request.user.pk:
        # Only the asker can say whether their own need was met.
        return HttpResponse(status=403)
    if ask.withdrawn_at is not None:
        return HttpResponse(status=409)
    form = MetForm(request.POST)
    if not form.is_valid():
        return _after(request, ask, "", met_form=form)
    actions.mark_met(
        request.user, ask, met=form.cleaned_data["met"], note=form.cleaned_data["note"]
    )
    return _after(request, ask, str(MET_SAID[ask.met]))


@login_required
@require_POST
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    ask = _visible(request, pk)
    if ask.author_id != request.user.pk:
        return HttpResponse(status=403)
    actions.withdraw(request.user, ask)
    messages.success(
        request, _("Withdrawn. %(name)s can't see it any more.") % {"name": ask.recipient.name}
    )
    return redirect("needs")
