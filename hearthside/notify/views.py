"""The in-app inbox, and the places a person wants notifications sent (email, Apprise URLs).

Everything here is the signed-in person's own: notifications addressed to someone else and
other people's channels are "not found", never "forbidden".
"""

from __future__ import annotations

import uuid
from typing import Any

import apprise
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hearthside.accounts.models import Person
from hearthside.http import AuthedRequest
from hearthside.notify import outbox
from hearthside.notify.models import Channel, Notification

PER_PAGE = 30

# --- Inbox ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def inbox(request: AuthedRequest) -> HttpResponse:
    mine = Notification.objects.filter(recipient=request.user, due_at__lte=timezone.now())
    if request.method == "POST":
        if request.GET.get("all") != "1":
            return HttpResponseBadRequest()
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        messages.success(request, _("All caught up."))
        return redirect("inbox")
    page = Paginator(mine.order_by("-due_at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    has_unread = mine.filter(read_at__isnull=True).exists()
    return render(request, "notify/inbox.html", {"page": page, "has_unread": has_unread})


@login_required
@require_GET
def open_notification(request: AuthedRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    # The url is a path in the app; anything else (or nothing) goes back to the inbox.
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("inbox")


# --- Channels ---------------------------------------------------------------------------------


class AppriseForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Name (so you can tell them apart)"), max_length=60, required=False
    )
    url = forms.CharField(
        label=gettext_lazy("Apprise URL"),
        max_length=1000,
        help_text=gettext_lazy(
            "For example ntfy://my-topic or tgram://bot-token/chat-id. "
            "It may hold a password or token, so we only ever show its end."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"].strip()
        if not apprise_accepts(url):
            raise forms.ValidationError(
                _(
                    "That doesn't look like an address Apprise knows. Check it against the "
                    "service's page in the Apprise documentation — it usually starts with the "
                    "service's name, like ntfy:// or tgram://."
                )
            )
        if Channel.objects.filter(person=self.person, kind=Channel.Kind.APPRISE, url=url).exists():
            raise forms.ValidationError(_("That one is already on your list."))
        return url


def apprise_accepts(url: str) -> bool:
    # Apprise logs URLs it can't read, secrets and all; `transports` (imported through the
    # outbox) keeps its logger quiet unless LOGGING turns it up on purpose.
    return bool(apprise.Apprise().add(url))


@login_required
@require_http_methods(["GET", "POST"])
def channels(request: AuthedRequest) -> HttpResponse:
    me = request.user
    action = request.POST.get("action")
    form = AppriseForm(request.POST if action == "apprise" else None, person=me)
    if action == "email":
        _channel, created = Channel.objects.get_or_create(
            person=me, kind=Channel.Kind.EMAIL, defaults={"label": _("Email")}
        )
        if created:
            messages.success(
                request, _("Email is on. Notifications will go to %(email)s.") % {"email": me.email}
            )
        else:
            messages.info(request, _("Email is already on."))
        return redirect("notify_channels")
    if action == "apprise" and form.is_valid():
        Channel.objects.create(
            person=me,
            kind=Channel.Kind.APPRISE,
            label=form.cleaned_data["label"].strip(),
            url=form.cleaned_data["url"],
        )
        messages.success(request, _("Added. Send a test to check it arrives."))
        return redirect("notify_channels")
    mine = list(Channel.objects.filter(person=me))
    has_email = any(c.kind == Channel.Kind.EMAIL for c in mine)
    context = {"channels": mine, "form": form, "has_email": has_email, "email": me.email}
    return render(request, "notify/channels.html", context)


@login_required
@require_POST
def send_test(request: AuthedRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(Channel, pk=pk, person=request.user)
    with transaction.atomic():
        outbox.enqueue(
            request.user,
            kind="test",
            key=f"test:{channel.pk}:{uuid.uuid4().hex}",
            subject=_("A test from Hearthside"),
            body=_(
                "Hello! This is the test you asked for. If you're reading it, notifications "
                "reach you here."
            ),
            url=reverse("notify_channels"),
            due_at=timezone.now(),
            only_channel=channel,
        )
    messages.success(request, _("On its way — the worker will send it in a few seconds."))
    return redirect("notify_channels")


@login_required
@require_POST
def remove_channel(request: AuthedRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(Channel, pk=pk, person=request.user)
    channel.delete()
    messages.success(request, _("Removed. Nothing more will be sent there."))
    return redirect("notify_channels")
