"""Facilitator summary: the pages. Every request is fetched through `hearthside.summary.privacy`:
its participants see it while they stay in the circle; anyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hearthside.http import AuthedRequest
from hearthside.summary import actions, markdown, privacy
from hearthside.summary.forms import ProposeForm
from hearthside.summary.models import Consent, State, SummaryRequest
from hearthside.summary.snapshot import Snapshot

# The newest of each list; the API pages through all of them.
LIST_LIMIT = 50
# How often an open request page asks whether anyone else has consented.
POLL_SECONDS = 20


def _requests(person: Any) -> QuerySet[SummaryRequest]:
    consents = Consent.objects.select_related("person").order_by("id")
    return privacy.with_presence(
        privacy.visible_requests(
            SummaryRequest.objects.select_related("circle", "asked_by").prefetch_related(
                Prefetch("consents", queryset=consents)
            ),
            person,
        )
    )


def _visible(request: AuthedRequest, pk: int) -> SummaryRequest:
    return privacy.get_request_or_404(_requests(request.user), request.user, pk=pk)


class Row:
    """A request as one person sees it in a list or on its page."""

    def __init__(self, summary: SummaryRequest, me: Any) -> None:
        self.request = summary
        self.state = actions.state(summary)
        self.consents = list(summary.consents.all())
        self.mine = next((c for c in self.consents if c.person_id == me.pk), None)
        self.agreed = sum(c.is_given for c in self.consents)
        self.is_proposer = summary.asked_by_id == me.pk

    @property
    def waiting(self) -> bool:
        return self.state == State.WAITING

    @property
    def seen(self) -> str:
        """A short token for who has consented, so a page asking again learns whether
        anything changed without being sent the same thing."""
        return "".join("1" if c.is_given else "0" for c in self.consents)


def _rows(person: Any) -> dict[str, list[Row]]:
    rows = [Row(r, person) for r in _requests(person)[:LIST_LIMIT]]
    waiting = [r for r in rows if r.waiting]
    return {
        "for_me": [r for r in waiting if r.mine and not r.mine.is_given],
        "for_others": [r for r in waiting if r.mine and r.mine.is_given],
        "ready": [r for r in rows if r.state == State.PRODUCED],
        "past": [r for r in rows if r.state in (State.CANCELLED, State.LAPSED)],
    }


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthedRequest) -> HttpResponse:
    me = request.user
    initial = None
    if request.method == "GET" and request.GET.get("circle", "").isdigit():
        initial = {"circle": int(request.GET["circle"])}
    form = ProposeForm(request.POST or None, person=me)
    if initial:
        form.initial.update(initial)
    if request.method == "POST" and form.is_valid():
        try:
            summary = actions.propose(
                me, form.chosen_circle(), form.cleaned_data["start"], form.cleaned_data["end"]
            )
        except (actions.Refused, actions.PeriodProblem) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Proposed, with your consent. The others will find it here and in their "
                    "inbox; it's made once everyone has said yes."
                ),
            )
            return redirect("summary", pk=summary.pk)
    return render(request, "summary/index.html", {"form": form, **_rows(me)})


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    summary = _visible(request, pk)
    row = Row(summary, request.user)
    if request.headers.get("HX-Request"):
        # The page asking whether anyone else has consented meanwhile.
        if not row.waiting:
            return HttpResponse(headers={"HX-Refresh": "true"})
        if request.GET.get("seen") == row.seen:
            return HttpResponse(status=204)
        return render(request, "summary/_consents.html", {"row": row, "poll": POLL_SECONDS})
    context = {
        "row": row,
        "snapshot": actions.snapshot_of(summary),
        "preview": actions.preview(summary),
        "poll": POLL_SECONDS,
    }
    return render(request, "summary/detail.html", context)


def _act(request: AuthedRequest, pk: int, act: Any, said: str) -> HttpResponse:
    summary = _visible(request, pk)
    try:
        act(request.user, summary)
    except actions.NotYours:
        return HttpResponse(status=403)
    except actions.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, said)
    return redirect("summary", pk=pk)


@login_required
@require_POST
def consent(request: AuthedRequest, pk: int) -> HttpResponse:
    summary = _visible(request, pk)
    try:
        summary = actions.consent(request.user, summary)
    except actions.Refused as exc:
        messages.error(request, str(exc))
    else:
        if summary.produced_at:
            messages.success(request, _("Everyone has agreed, so the summary is made. Here it is."))
        else:
            messages.success(
                request,
                _("Thank you — your consent is noted. You can take it back until it's made."),
            )
    return redirect("summary", pk=pk)


@login_required
@require_POST
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    said = _("Your consent is taken back. It won't be made unless you say yes again.")
    return _act(request, pk, actions.withdraw, said)


@login_required
@require_POST
def cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(request, pk, actions.cancel, _("Done. Nothing of it is kept."))


def _produced(request: AuthedRequest, pk: int) -> tuple[SummaryRequest, Snapshot]:
    summary = _visible(request, pk)
    snapshot = actions.snapshot_of(summary)
    if snapshot is None:
        # Not made yet, deleted, or no longer shown: there is nothing to print or download.
        raise Http404
    return summary, snapshot


@login_required
@require_GET
def printable(request: AuthedRequest, pk: int) -> HttpResponse:
    summary, snapshot = _produced(request, pk)
    context = {"row": Row(summary, request.user), "snapshot": snapshot}
    return render(request, "summary/print.html", context)


@login_required
@require_GET
def download(request: AuthedRequest, pk: int) -> HttpResponse:
    summary, snapshot = _produced(request, pk)
    return markdown_file(summary, snapshot)


def markdown_file(summary: SummaryRequest, snapshot: Snapshot) -> HttpResponse:
    """The stored Markdown as a download (the page and the API both hand it out this way)."""
    response = HttpResponse(summary.markdown, content_type="text/markdown; charset=utf-8")
    disposition = content_disposition_header(
        as_attachment=True, filename=markdown.filename(snapshot)
    )
    if disposition:
        response["Content-Disposition"] = disposition
    return response
