from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.accounts.forms import ProfileForm
from hearthside.api.models import PersonalToken
from hearthside.http import AuthedRequest


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: AuthedRequest) -> HttpResponse:
    action = request.POST.get("action")
    form = ProfileForm(request.POST if action == "profile" else None, instance=request.user)
    new_token = None
    if action == "profile" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("settings")
    if action == "token":
        name = request.POST.get("name", "").strip()[:80]
        _record, new_token = PersonalToken.issue(request.user, name)
    tokens = PersonalToken.objects.filter(person=request.user, revoked_at__isnull=True)
    return render(
        request, "accounts/settings.html", {"form": form, "tokens": tokens, "new_token": new_token}
    )


@login_required
@require_POST
def revoke_token(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(PersonalToken, pk=pk, person=request.user, revoked_at__isnull=True)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    messages.success(request, _("That token no longer works."))
    return redirect("settings")


def quick_exit(request: AuthedRequest) -> HttpResponse:
    """Leave at once: sign out, ask the browser to drop this site's cached pages, and go to a
    neutral page. The link replaces the page in history (hearthside.js), and every signed-in
    page is sent with no-store, so "back" finds only a sign-in page, not what was on screen.

    A GET on purpose: it must work in one tap, without JavaScript, from any page. The worst a
    forged link can do is sign someone out."""
    logout(request)
    response = redirect(settings.HEARTHSIDE_QUICK_EXIT_URL)
    response["Clear-Site-Data"] = '"cache"'
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
