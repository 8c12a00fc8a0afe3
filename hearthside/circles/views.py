from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.circles import actions, visibility
from hearthside.circles.forms import CircleForm
from hearthside.circles.models import Invite
from hearthside.http import AuthedRequest
from hearthside.practice.models import Appreciation, Share
from hearthside.repair.views.pause import circle_repair_context
from hearthside.rituals.views import rituals_for_circle


@login_required
@require_http_methods(["GET", "POST"])
def circle_list(request: AuthedRequest) -> HttpResponse:
    form = CircleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        circle = actions.create_circle(
            request.user, form.cleaned_data["name"], form.cleaned_data["kind"]
        )
        messages.success(request, _("Your circle is ready. Invite someone to join you."))
        return redirect("circle", pk=circle.pk)
    circles = list(visibility.circles_of(request.user).prefetch_related("memberships__person"))
    for circle in circles:
        circle.member_names = [m.person.name for m in circle.memberships.all() if m.is_active]  # type: ignore[attr-defined]
    return render(request, "circles/list.html", {"circles": circles, "form": form})


@login_required
@require_http_methods(["GET"])
def circle_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = visibility.get_circle_or_404(request.user, pk)
    members = visibility.members_of(circle)
    shares = visibility.visible_entries(
        Share.objects.filter(circle=circle), request.user
    ).select_related("author", "circle")[:30]
    appreciations = visibility.visible_entries(
        Appreciation.objects.filter(circle=circle), request.user
    ).select_related("author", "recipient", "circle")[:10]
    invites = circle.invites.filter(created_by=request.user).order_by("-created_at")[:5]  # type: ignore[attr-defined]
    return render(
        request,
        "circles/detail.html",
        {
            "circle": circle,
            "members": members,
            "shares": shares,
            "appreciations": appreciations,
            "invites": invites,
            "new_invite_url": request.session.pop(f"invite-url-{circle.pk}", None),
            "repair": circle_repair_context(request.user, circle),
            "circle_rituals": rituals_for_circle(request.user, circle),
        },
    )


@login_required
@require_POST
def create_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = visibility.get_circle_or_404(request.user, pk)
    if not actions.can_make_invite(request.user):
        messages.error(
            request,
            _("You've made a lot of invite links in the last hour. Please try again a bit later."),
        )
        return redirect("circle", pk=circle.pk)
    _invite, token = Invite.issue(circle, request.user)
    # The link is shown once, right after creating it; only its hash is stored.
    request.session[f"invite-url-{circle.pk}"] = request.build_absolute_uri(
        reverse("invite", args=[token])
    )
    return redirect("circle", pk=circle.pk)


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, token: str) -> HttpResponse:
    found = Invite.objects.matching(token).first()
    if not request.user.is_authenticated:
        if found is None or not found.is_open:
            return render(request, "circles/invite_problem.html", status=404)
        return render(request, "circles/invite.html", {"invite": found})
    if request.method == "POST":
        try:
            joined = actions.accept_invite(request.user, token)
        except actions.InviteProblem as problem:
            return render(
                request, "circles/invite_problem.html", {"problem": str(problem)}, status=410
            )
        if joined.already_member:
            messages.info(request, _("You're already part of this circle."))
        else:
            messages.success(request, _("Welcome to %(circle)s.") % {"circle": joined.circle.name})
        return redirect("circle", pk=joined.circle.pk)
    if found is None:
        return render(request, "circles/invite_problem.html", status=404)
    if visibility.is_member(request.user, found.circle):
        return redirect("circle", pk=found.circle.pk)
    if not found.is_open:
        return render(request, "circles/invite_problem.html", {"invite": found}, status=410)
    return render(request, "circles/invite.html", {"invite": found})


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = visibility.get_circle_or_404(request.user, pk)
    if request.method == "POST":
        actions.leave_circle(request.user, circle)
        messages.success(request, _("You've left %(circle)s.") % {"circle": circle.name})
        return redirect("circles")
    return render(request, "circles/leave.html", {"circle": circle})
