"""Appreciations: notes of thanks to a member, small acts of support noticed, and favourites
to re-read on hard days.

Who sees a thank-you is the entry rule (see `Appreciation`): its author and its circle. What
was *kept* is the recipient's alone: only the "for you" lists and the keep toggle read
favourites, and they read only the asking person's own.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.http import AuthedRequest
from hearthside.practice import acts
from hearthside.practice.models import Appreciation
from hearthside.repair.models import Rupture

RECEIVED, FAVOURITES, SENT = "received", "favourites", "sent"
SHOWS = (RECEIVED, FAVOURITES, SENT)
PAGE = 30
TEXT_MAX = 2000


class ThanksForm(forms.Form):
    to = forms.ChoiceField(
        label=gettext_lazy("Who is it for?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose who the thank-you is for."),
            "invalid_choice": gettext_lazy(
                "You can thank someone in one of your circles — choose one of them."
            ),
        },
    )
    acts = forms.MultipleChoiceField(
        label=gettext_lazy("What did they do?"),
        help_text=gettext_lazy("Pick any that fit. Small things count."),
        required=False,
        choices=acts.act_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=gettext_lazy("In your own words"),
        help_text=gettext_lazy(
            "Optional if you picked something above. What they did, and what it meant to you."
        ),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy(
                "That's a long thank-you — please keep it under 2,000 characters."
            )
        },
    )

    def __init__(self, *args: Any, person: Person, circles: list[Circle], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Grouped by circle, because a thank-you is shared with the circle it's sent in.
        self.groups: list[tuple[Circle, list[tuple[str, Person]]]] = []
        self._recipients: dict[str, tuple[Circle, Person]] = {}
        for circle in circles:
            others = [m for m in visibility.members_of(circle) if m.pk != person.pk]
            if not others:
                continue
            choices = [(f"{circle.pk}-{member.pk}", member) for member in others]
            self.groups.append((circle, choices))
            self._recipients.update({value: (circle, member) for value, member in choices})
        self.fields["to"].choices = [  # type: ignore[attr-defined]
            (value, member.name) for _circle, choices in self.groups for value, member in choices
        ]
        if len(self._recipients) == 1 and not self.is_bound:
            self.initial["to"] = next(iter(self._recipients))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("acts") and not (data.get("text") or "").strip() and "text" in data:
            raise forms.ValidationError(
                _("Pick something they did, or write a few words — either is enough."),
                code="empty",
            )
        return data

    def recipient(self) -> tuple[Circle, Person]:
        return self._recipients[self.cleaned_data["to"]]


def _closed_rupture(request: AuthedRequest) -> tuple[Rupture, Circle] | None:
    """The repair a thank-you follows (`?rupture=`) and its circle: one the person can see, in
    a circle they are still part of, and closed — a thank-you is offered once a repair is
    done."""
    value = request.GET.get("rupture")
    if value is None:
        return None
    if not value.isdigit():
        raise Http404
    rupture = visibility.get_visible_or_404(Rupture.objects.all(), request.user, pk=value)
    circle = visibility.get_circle_or_404(request.user, rupture.circle_id)
    if not rupture.is_closed:
        raise Http404
    return rupture, circle


@login_required
@require_http_methods(["GET", "POST"])
def new(request: AuthedRequest) -> HttpResponse:
    me = request.user
    found = _closed_rupture(request)
    rupture = found[0] if found else None
    circles = [found[1]] if found else list(visibility.circles_of(me).order_by("name"))
    initial: dict[str, Any] = {}
    to, circle = request.GET.get("to", ""), request.GET.get("circle", "")
    if rupture and to:
        initial["to"] = f"{rupture.circle_id}-{to}"
    elif circle and to:
        initial["to"] = f"{circle}-{to}"
    form = ThanksForm(request.POST or None, person=me, circles=circles, initial=initial)
    if request.method == "POST" and form.is_valid():
        circle_obj, recipient = form.recipient()
        try:
            acts.send(
                me,
                circle=circle_obj,
                recipient=recipient,
                text=form.cleaned_data["text"],
                acts=form.cleaned_data["acts"],
                rupture=rupture,
            )
        except acts.NotAllowed as exc:
            # Someone left the circle between loading the form and sending it.
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Your thank-you is with %(name)s.") % {"name": recipient.name}
            )
            if rupture:
                return redirect("rupture", pk=rupture.pk)
            return redirect(f"{reverse('thanks')}?show={SENT}")
    return render(request, "practice/thanks_form.html", {"form": form, "rupture": rupture})


def _page(items: QuerySet[Appreciation], before: str | None) -> tuple[list[Appreciation], str]:
    """One page, newest first. The cursor is the id of the last one shown (one the person
    can see); an unknown cursor starts from the top."""
    if before and before.isdigit():
        cursor = items.filter(pk=before).values_list("created_at", "pk").first()
        if cursor:
            at, pk = cursor
            items = items.filter(Q(created_at__lt=at) | Q(created_at=at, pk__lt=pk))
    page = list(items[: PAGE + 1])
    older = str(page[PAGE - 1].pk) if len(page) > PAGE else ""
    return page[:PAGE], older


@login_required
@require_http_methods(["GET"])
def index(request: AuthedRequest) -> HttpResponse:
    me = request.user
    show = request.GET.get("show", RECEIVED)
    if show not in SHOWS:
        show = RECEIVED
    if show == SENT:
        items = acts.sent(me).select_related("recipient", "circle")
    else:
        items = (acts.favourites(me) if show == FAVOURITES else acts.received(me)).select_related(
            "author", "circle"
        )
    page, older = _page(items, request.GET.get("before"))
    ruptures = acts.visible_ruptures(me, page)
    for appreciation in page:
        appreciation.visible_rupture = ruptures.get(appreciation.rupture_id or 0)  # type: ignore[attr-defined]
    return render(
        request,
        "practice/thanks.html",
        {
            "show": show,
            "items": page,
            "older_url": f"?show={show}&before={older}" if older else "",
            "direction": SENT if show == SENT else RECEIVED,
            "has_circles": visibility.circles_of(me).exists(),
        },
    )


@login_required
@require_POST
def favourite(request: AuthedRequest, pk: int) -> HttpResponse:
    """Keep a thank-you for hard days, or let it go (`undo`). The recipient's alone: anyone
    else, its author included, gets 404."""
    me = request.user
    appreciation = acts.get_received_or_404(me, pk)
    kept = acts.set_favourite(me, appreciation, keep=not request.POST.get("undo"))
    appreciation.favourite = kept  # type: ignore[attr-defined]
    status = (
        _("Kept for hard days. You'll find it under Favourites.")
        if kept
        else _("No longer kept for hard days.")
    )
    if request.headers.get("HX-Request"):
        rupture = acts.visible_ruptures(me, [appreciation]).get(appreciation.rupture_id or 0)
        appreciation.visible_rupture = rupture  # type: ignore[attr-defined]
        return render(
            request,
            "practice/_thanks_item.html",
            {"a": appreciation, "direction": RECEIVED, "status": status, "show": _show(request)},
        )
    messages.success(request, status)
    return redirect(f"{reverse('thanks')}?show={_show(request)}#thanks-{appreciation.pk}")


@login_required
@require_POST
def take_back(request: AuthedRequest, pk: int) -> HttpResponse:
    """Withdraw a thank-you I sent. Mine alone: anyone else, its recipient included, gets 404."""
    me = request.user
    appreciation = visibility.get_own_or_404(Appreciation.objects.all(), me, pk=pk)
    acts.take_back(me, appreciation)
    messages.success(request, _("Taken back. Only you can see it now."))
    return redirect(f"{reverse('thanks')}?show={SENT}#thanks-{appreciation.pk}")


def _show(request: AuthedRequest) -> str:
    show = request.POST.get("show", RECEIVED)
    return show if show in (RECEIVED, FAVOURITES) else RECEIVED
