"""The "I'm stretched thin" signal: sending one, its page, answering with an offer (on the
page or right from Today, with htmx), accepting an offer with thanks, and closing it.

A signal is an entry shared with one circle; its offers live in its thread. Who may see them is
asked of `hearthside.circles.visibility` (through `stress.actions`); anything else is 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.circles import visibility
from hearthside.http import AuthedRequest
from hearthside.stress import actions, words
from hearthside.stress.forms import OfferForm, SignalForm
from hearthside.stress.models import Signal

# htmx stops polling when a poll is answered with this status (and still swaps the answer in).
STOP_POLLING = 286


def _is_htmx(request: AuthedRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
@require_http_methods(["GET", "POST"])
def signal_new(request: AuthedRequest) -> HttpResponse:
    me = request.user
    circles = visibility.circles_of(me).order_by("name", "pk")
    initial: dict[str, Any] = {}
    asked = request.GET.get("circle", "")
    if asked:
        if not asked.isdigit():
            raise Http404
        initial["circle"] = visibility.get_circle_or_404(me, asked)
    elif len(listed := list(circles[:2])) == 1:
        initial["circle"] = listed[0]
    form = SignalForm(
        request.POST if request.method == "POST" else None, circles=circles, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        circle = data["circle"]
        try:
            signal = actions.send_signal(me, circle, data["helps"], data["text"].strip())
        except actions.NotAllowed as problem:
            messages.info(request, str(problem))
            existing = actions.open_signal(me, circle)
            return redirect("stress_signal", pk=existing.pk) if existing else redirect("home")
        messages.success(
            request,
            _(
                "Sent. The others in %(circle)s will hear you're stretched thin, and what would "
                "help. Their offers will show up here."
            )
            % {"circle": circle.name},
        )
        return redirect("stress_signal", pk=signal.pk)
    return render(
        request,
        "stress/signal_form.html",
        {"form": form, "has_circles": circles.exists()},
    )


def _detail_context(request: AuthedRequest, signal: Signal, **extra: Any) -> dict[str, Any]:
    me = request.user
    offers = actions.offers(me, signal)
    mine = signal.author_id == me.pk
    return {
        "signal": signal,
        "offers": offers,
        "mine": mine,
        "my_offers": [o for o in offers if o.author_id == me.pk],
        "quick_offers": words.QUICK_OFFERS,
        "offer_form": extra.pop("offer_form", None) or OfferForm(prefix="offer"),
        "can_offer": not mine and signal.is_open,
        **extra,
    }


@login_required
@require_http_methods(["GET"])
def signal_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    signal = actions.visible_signal_or_404(request.user, pk)
    context = _detail_context(request, signal)
    if _is_htmx(request) and request.GET.get("part") == "offers":
        status = 200 if signal.is_open else STOP_POLLING
        return render(request, "stress/_offers.html", context, status=status)
    return render(request, "stress/signal_detail.html", context)


@login_required
@require_POST
def offer_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """An offer, from the signal's page or from Today (`from=today`): htmx gets back the
    part that was answered; a plain post goes back where it came from."""
    me = request.user
    signal = actions.visible_signal_or_404(me, pk)
    from_today = request.POST.get("from") == "today"
    form = OfferForm(request.POST, prefix=None if from_today else "offer")
    problem = ""
    if form.is_valid():
        try:
            actions.make_offer(me, signal, form.cleaned_data["choice"], form.cleaned_data["text"])
        except actions.NotAllowed as refused:
            problem = str(refused)
    else:
        problem = " ".join(str(e) for errors in form.errors.values() for e in errors)
    sent = form.is_valid() and not problem
    said = _("Your offer is on its way to %(name)s.") % {"name": signal.author.name} if sent else ""
    if from_today:
        if _is_htmx(request):
            return render(
                request,
                "stress/_today_signal.html",
                _today_item(request, signal, said=said, problem=problem, form=form),
            )
        if sent:
            messages.success(request, said)
        else:
            messages.error(request, problem)
        return redirect(reverse("home") + f"#today-signal-{signal.pk}")
    if sent:
        messages.success(request, said)
        return redirect("stress_signal", pk=signal.pk)
    return render(
        request,
        "stress/signal_detail.html",
        _detail_context(request, signal, offer_form=form, problem=problem),
    )


def _today_item(request: AuthedRequest, signal: Signal, **extra: Any) -> dict[str, Any]:
    offers = actions.offers(request.user, signal)
    return {
        "item": {
            "signal": signal,
            "my_offers": [o for o in offers if o.author_id == request.user.pk],
        },
        "quick_offers": words.QUICK_OFFERS,
        **extra,
    }


@login_required
@require_POST
def offer_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = actions.offer_to_me_or_404(request.user, pk)
    actions.accept_offer(offer)
    said = _("Accepted, with thanks. %(name)s will know.") % {"name": offer.author.name}
    if _is_htmx(request):
        signal = offer.signal
        return render(request, "stress/_offers.html", _detail_context(request, signal, said=said))
    messages.success(request, said)
    return redirect("stress_signal", pk=offer.signal_id)


@login_required
@require_POST
def signal_close(request: AuthedRequest, pk: int) -> HttpResponse:
    signal = actions.own_signal_or_404(request.user, pk)
    actions.close_signal(signal)
    messages.success(
        request,
        _("Closed. It's off the others' Today page. Go gently — you can send another any time."),
    )
    return redirect("stress_signal", pk=signal.pk)
