"""Boundaries: my list and the ones shared with me, writing and changing one, its page with
its history and acknowledgements, looking at it again, and "I'll respect it".

Who sees which boundary is the privacy rule's business (`hearthside.circles.visibility`, through
`hearthside.boundaries.queries`); changing, reviewing and retiring are the author's alone
(`get_own_or_404`), so anyone else gets the same 404 as for a boundary that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.boundaries import actions, queries
from hearthside.boundaries.forms import BoundaryForm, ReviewForm
from hearthside.boundaries.models import Boundary, Review
from hearthside.circles import visibility
from hearthside.http import AuthedRequest

# More than anyone keeps at once; the page stays one short read.
LIST_LIMIT = 100


@login_required
@require_http_methods(["GET"])
def index(request: AuthedRequest) -> HttpResponse:
    me = request.user
    mine = queries.mine(me)
    shared = queries.shared_with(me)
    retired = [
        *mine.filter(retired_at__isnull=False).order_by("-retired_at")[:LIST_LIMIT],
        *shared.filter(retired_at__isnull=False).order_by("-retired_at")[:LIST_LIMIT],
    ]
    retired.sort(key=lambda b: b.retired_at or b.created_at, reverse=True)
    return render(
        request,
        "boundaries/index.html",
        {
            "mine": mine.filter(retired_at__isnull=True)[:LIST_LIMIT],
            # Unacknowledged first (new or changed words waiting for me), then the newest.
            "shared": shared.filter(retired_at__isnull=True).order_by(
                "acknowledged", "-created_at", "-id"
            )[:LIST_LIMIT],
            "retired": retired,
            "today": timezone.localdate(),
            "has_circles": visibility.circles_of(me).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request: AuthedRequest) -> HttpResponse:
    circle = request.GET.get("circle", "")
    initial = {"circle": circle} if circle.isdigit() else {}
    form = BoundaryForm(request.POST or None, person=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        circle = form.cleaned_data["circle"]
        boundary = actions.create_boundary(
            request.user,
            circle=circle,
            words=form.words(),
            review_every=form.cleaned_data["review_every"],
        )
        if circle is None:
            messages.success(request, _("Written down. It's private — only you can see it."))
        else:
            messages.success(
                request,
                _("Shared with %(circle)s. They'll be asked to read it when they're ready.")
                % {"circle": circle.name},
            )
        return redirect("boundary", pk=boundary.pk)
    return render(request, "boundaries/form.html", {"form": form, "boundary": None})


def _acknowledgement_context(boundary: Boundary, viewer: Any) -> dict[str, Any]:
    acks = queries.acknowledgements(boundary, viewer)
    current = boundary.current_id
    if boundary.author_id == viewer.pk:
        now_names = [a.author for a in acks if a.version_id == current]
        earlier = {
            a.author_id: a.author
            for a in acks
            if a.version_id != current and a.author not in now_names
        }
        return {"acknowledged_by": now_names, "acknowledged_earlier": list(earlier.values())}
    mine = next((a for a in acks if a.version_id == current), None)
    return {"my_ack": mine, "acknowledged_before": mine is None and bool(acks)}


def _can_acknowledge(boundary: Boundary, viewer: Any) -> bool:
    return (
        boundary.author_id != viewer.pk
        and boundary.circle_id is not None
        and boundary.retired_at is None
    )


@login_required
@require_http_methods(["GET"])
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    boundary = visibility.get_visible_or_404(
        Boundary.objects.select_related("current", "circle", "author"), request.user, pk=pk
    )
    is_author = boundary.author_id == request.user.pk
    context: dict[str, Any] = {
        "boundary": boundary,
        "is_author": is_author,
        "versions": queries.visible_versions(boundary, request.user),
        "can_acknowledge": _can_acknowledge(boundary, request.user),
        "today": timezone.localdate(),
        **_acknowledgement_context(boundary, request.user),
    }
    if is_author:
        # Review notes are the author's own reflection: nobody else's page ever reads them.
        context["reviews"] = list(boundary.reviews.select_related("version"))
        context["first_written"] = boundary.versions.order_by("number").first()
    return render(request, "boundaries/detail.html", context)


def _own_open_boundary(request: AuthedRequest, pk: int) -> Boundary | None:
    """The author's boundary, or 404; None (with a message) when it was retired."""
    boundary = visibility.get_own_or_404(
        Boundary.objects.select_related("current", "circle", "author"), request.user, pk=pk
    )
    if boundary.retired_at is not None:
        messages.info(request, _("This boundary was retired. Its history stays as it was."))
        return None
    return boundary


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    boundary = _own_open_boundary(request, pk)
    if boundary is None:
        return redirect("boundary", pk=pk)
    assert boundary.current is not None
    initial = {
        "circle": boundary.circle_id,
        "need": boundary.current.need,
        "why": boundary.current.why,
        "helps": boundary.current.helps,
        "review_every": boundary.review_every,
    }
    form = BoundaryForm(request.POST or None, person=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        was_in = boundary.circle
        circle = form.cleaned_data["circle"]
        version = actions.change_boundary(
            request.user,
            boundary,
            words=form.words(),
            review_every=form.cleaned_data["review_every"],
            circle=circle,
        )
        messages.success(request, _change_message(was_in, circle, version is not None))
        return redirect("boundary", pk=boundary.pk)
    return render(request, "boundaries/form.html", {"form": form, "boundary": boundary})


def _change_message(was_in: Any, circle: Any, new_words: bool) -> str:
    if circle is None and was_in is not None:
        return _("It's private again — only you can see it now.")
    if circle is not None and circle != was_in:
        return _("Shared with %(circle)s. They'll be asked to read it when they're ready.") % {
            "circle": circle.name
        }
    if new_words and circle is not None:
        return _("Saved as a new version. %(circle)s will be asked to read the new words.") % {
            "circle": circle.name
        }
    if new_words:
        return _("Saved as a new version. The earlier words are kept in its history.")
    return _("Saved.")


@login_required
@require_http_methods(["GET", "POST"])
def review(request: AuthedRequest, pk: int) -> HttpResponse:
    boundary = _own_open_boundary(request, pk)
    if boundary is None:
        return redirect("boundary", pk=pk)
    assert boundary.current is not None
    initial = {
        "need": boundary.current.need,
        "why": boundary.current.why,
        "helps": boundary.current.helps,
        "review_every": boundary.review_every,
    }
    form = ReviewForm(request.POST or None, current=boundary.current, initial=initial)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        actions.review_boundary(
            request.user,
            boundary,
            decision=decision,
            note=form.cleaned_data["note"],
            words=form.words() if decision == Review.Decision.CHANGE else None,
            review_every=form.cleaned_data["review_every"],
        )
        messages.success(request, _review_message(boundary, decision))
        return redirect("boundary", pk=boundary.pk)
    changing = form.is_bound and form.data.get("decision") == Review.Decision.CHANGE
    return render(
        request,
        "boundaries/review.html",
        {"form": form, "boundary": boundary, "changing": changing},
    )


def _review_message(boundary: Boundary, decision: str) -> str:
    if decision == Review.Decision.RETIRE:
        return _("Retired. It's kept in your history, and nobody will be asked about it again.")
    if decision == Review.Decision.CHANGE and boundary.circle is not None:
        return _("Changed. %(circle)s will be asked to read the new words.") % {
            "circle": boundary.circle.name
        }
    if decision == Review.Decision.CHANGE:
        return _("Changed. The earlier words are kept in its history.")
    return _("Kept as it is. Thank you for checking in with yourself.")


@login_required
@require_POST
def acknowledge(request: AuthedRequest, pk: int) -> HttpResponse:
    boundary = visibility.get_visible_or_404(
        Boundary.objects.select_related("current", "circle", "author"), request.user, pk=pk
    )
    try:
        _ack, created = actions.acknowledge(request.user, boundary)
    except actions.NotAllowed:
        return HttpResponse(status=409)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "boundaries/_acknowledge.html",
            {
                "boundary": boundary,
                "can_acknowledge": True,
                "just_now": True,
                **_acknowledgement_context(boundary, request.user),
            },
        )
    if created:
        messages.success(
            request,
            _("Thank you. %(name)s will see that you'll respect it.")
            % {"name": boundary.author.name},
        )
    return redirect("boundary", pk=boundary.pk)
