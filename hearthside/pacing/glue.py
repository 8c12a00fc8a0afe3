"""Where pacing meets the share form (which lives in `hearthside.practice`).

`share_new` calls `intercept_share(request, form, checkin)` once its form is valid: when the
share goes deeper than someone in the circle would like without being asked first, the sharer
sees "Sam prefers to go slower — ask for a good moment?" instead of the share going out, with
everything they wrote kept. "Share now anyway" posts the same words back to the share form with
`pacing=share-now`, and then this returns None and the share goes out as usual.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from hearthside.accounts.models import Person
from hearthside.pacing.checks import slower_members
from hearthside.pacing.forms import HintForm

# The value "Share now anyway" sends back to the share form, so it is not asked twice.
SHARE_NOW = "share-now"


def ask_url(checkin: Any = None) -> str:
    """/pacing/ask/, carrying the check-in a share starts from, as the share form's URL does."""
    query = f"?{urlencode({'checkin': checkin.pk})}" if checkin is not None else ""
    return reverse("pacing_ask") + query


def share_url(checkin: Any = None) -> str:
    query = f"?{urlencode({'checkin': checkin.pk})}" if checkin is not None else ""
    return reverse("share_new") + query


def names(people: list[Person]) -> str:
    return str(get_text_list([p.name for p in people], _("and")))


def render_ask(
    request: HttpRequest,
    form: forms.BaseForm,
    hint_form: HintForm,
    *,
    checkin: Any = None,
    slower: list[Person] | None = None,
    share_now_url: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """The "ask for a good moment?" page, with the share's words in an editable form."""
    slower = slower or []
    return render(
        request,
        "pacing/ask.html",
        {
            "form": form,
            "hint_form": hint_form,
            "checkin": checkin,
            "slower": slower,
            "slower_names": names(slower),
            "ask_url": ask_url(checkin),
            "share_now_url": share_now_url or share_url(checkin),
        },
        status=status,
    )


def intercept_share(
    request: HttpRequest, form: forms.BaseForm, checkin: Any = None
) -> HttpResponse | None:
    """For a valid share form: the pacing prompt instead of saving, or None to go on saving."""
    if request.POST.get("pacing") == SHARE_NOW:
        return None
    data = form.cleaned_data
    slower = slower_members(request.user, data["circle"], data["depth"])
    if not slower:
        return None
    return render_ask(
        request,
        form,
        HintForm(),
        checkin=checkin,
        slower=slower,
        share_now_url=request.get_full_path(),
    )
