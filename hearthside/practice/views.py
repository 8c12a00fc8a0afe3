from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import chain
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.http import AuthedRequest
from hearthside.pacing.glue import intercept_share
from hearthside.practice import actions
from hearthside.practice import acts as thanks
from hearthside.practice.fields import has_word
from hearthside.practice.forms import (
    CheckInForm,
    JournalFilterForm,
    ReplyForm,
    ShareForm,
    ThankForm,
)
from hearthside.practice.models import CheckIn, Reply, Share
from hearthside.practice.nudges import reply_nudge
from hearthside.repair import actions as repair_actions
from hearthside.repair.models import Closure, Commitment, FollowUp, Pause, Rupture


def _replies_for(request: HttpRequest, share: Share) -> list[Reply]:
    return list(
        visibility.visible_thread_items(Reply.objects.filter(share=share), request.user, "share")
        .select_related("author")
        .prefetch_related("appreciations")
    )


# Open ruptures looked at for "waiting on me": each costs a few queries (its conversation
# state), and a circle rarely has more than one or two open at once.
HOME_OPEN_RUPTURES = 10


@dataclass(frozen=True)
class RuptureWaiting:
    rupture: Rupture
    step: str | None  # the open step waiting on me, or None: ready for my word on trust
    my_turn: bool  # False when I'm waiting for someone ahead of me (repairs in turns)


def _repair_now(me: Person) -> dict[str, Any]:
    """Repair that needs me today: pauses running in my circles, ruptures whose open step
    waits on me (or that wait for my word on trust), and commitments whose follow-up day has
    come that I haven't answered."""
    # A pause nobody came back from stays here for a day past its longest cool-off, carrying
    # the gentle nudge, then makes way (it must not hang over the page for weeks).
    pauses = (
        visibility.visible_entries(
            Pause.objects.filter(
                ended_at__isnull=True, max_until__gt=timezone.now() - timedelta(days=1)
            ),
            me,
        )
        .select_related("author", "circle")
        .order_by("-created_at")[:5]
    )
    open_ruptures = list(
        visibility.visible_entries(Rupture.objects.filter(status=Rupture.Status.OPEN), me)
        .select_related("circle")
        .order_by("-created_at")[:HOME_OPEN_RUPTURES]
    )
    closed_by_me: set[int] = set()
    if open_ruptures:
        closed_by_me = set(
            visibility.visible_thread_items(
                Closure.objects.filter(author=me, rupture__in=open_ruptures), me, "rupture"
            ).values_list("rupture_id", flat=True)
        )
    ruptures_waiting = []
    for rupture in open_ruptures:
        state, _members = repair_actions.conversation_state(rupture)
        if me.pk in state.waiting_for:
            ruptures_waiting.append(RuptureWaiting(rupture, state.step, state.can_act(me.pk)))
        elif state.finished and rupture.pk not in closed_by_me:
            ruptures_waiting.append(RuptureWaiting(rupture, None, True))
    answered = FollowUp.objects.filter(commitment=OuterRef("pk"), author=me)
    follow_ups_due = (
        visibility.visible_thread_items(
            Commitment.objects.filter(follow_up_on__lte=timezone.localdate()), me, "rupture"
        )
        .filter(~Exists(answered))
        .select_related("author", "rupture")
        .order_by("follow_up_on", "id")[:5]
    )
    return {
        "active_pauses": list(pauses),
        "ruptures_waiting": ruptures_waiting,
        "follow_ups_due": list(follow_ups_due),
    }


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "welcome.html")
    me = request.user
    shared = visibility.shared_with_me(Share.objects.all(), me).select_related("author", "circle")
    # Shares in my circles I haven't answered yet: a quiet list, no counts of anyone's activity.
    mine_replied = Reply.objects.filter(share=OuterRef("pk"), author=me)
    waiting_for_me = list(
        shared.filter(~Exists(mine_replied), created_at__gte=timezone.now() - timedelta(days=14))[
            :5
        ]
    )
    # Replies I haven't said "I felt heard" to yet: the ones still waiting on me.
    replies_to_me = (
        visibility.visible_thread_items(Reply.objects.filter(share__author=me), me, "share")
        .exclude(author=me)
        .filter(share__withdrawn_at__isnull=True, felt_heard_at__isnull=True)
        .select_related("author", "share", "share__circle")
        .order_by("-created_at")[:5]
    )
    # Thank-yous to me (the entry rule, via acts.received), and on a hard day one I kept.
    appreciations = thanks.received(me).select_related("author")[:3]
    context = {
        # Everything else shared lately, without repeating what is already waiting above.
        "shared": shared.exclude(pk__in=[s.pk for s in waiting_for_me])[:8],
        "waiting_for_me": waiting_for_me,
        "replies_to_me": replies_to_me,
        "appreciations": appreciations,
        "kept_for_today": thanks.kept_for_a_hard_day(me),
        "checkins": visibility.own_entries(CheckIn.objects.all(), me)[:5],
        "circles": visibility.circles_of(me),
        **_repair_now(me),
    }
    return render(request, "practice/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def checkin_new(request: AuthedRequest) -> HttpResponse:
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        checkin = form.save(commit=False)
        checkin.author = request.user
        checkin.save()
        messages.success(request, _("Checked in. Thank you for noticing how you are."))
        return redirect("checkin", pk=checkin.pk)
    return render(request, "practice/checkin_form.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def checkin_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    checkin = visibility.get_visible_or_404(CheckIn.objects.all(), request.user, pk=pk)
    shares = visibility.own_entries(checkin.shares.all(), request.user).select_related("circle")
    return render(request, "practice/checkin_detail.html", {"checkin": checkin, "shares": shares})


@login_required
@require_http_methods(["GET", "POST"])
def share_new(request: AuthedRequest) -> HttpResponse:
    checkin = None
    if checkin_id := request.GET.get("checkin"):
        if not checkin_id.isdigit():
            raise Http404
        checkin = visibility.get_own_or_404(CheckIn.objects.all(), request.user, pk=checkin_id)
    initial: dict[str, object] = {"circle": request.GET.get("circle")}
    if checkin:
        initial |= {"feelings": checkin.feelings, "text": checkin.note or checkin.situation}
    form = ShareForm(request.POST or None, person=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Someone in the circle prefers to go slower: offer to ask for a good moment first.
        if (paced := intercept_share(request, form, checkin)) is not None:
            return paced
        share = form.save(commit=False)
        share.author = request.user
        share.checkin = checkin
        share.save()
        messages.success(request, _("Shared with %(circle)s.") % {"circle": share.circle})
        return redirect("share", pk=share.pk)
    has_circles = visibility.circles_of(request.user).exists()
    return render(
        request,
        "practice/share_form.html",
        {"form": form, "checkin": checkin, "has_circles": has_circles},
    )


@login_required
@require_http_methods(["GET", "POST"])
def share_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    share = visibility.get_visible_or_404(
        Share.objects.select_related("author", "circle"), request.user, pk=pk
    )
    replies = _replies_for(request, share)
    can_reply = share.author_id != request.user.pk and share.withdrawn_at is None
    form = ReplyForm(request.POST or None) if can_reply else None
    nudge = None
    if request.method == "POST":
        if form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            data = form.cleaned_data
            nudge = (
                None
                if data["send_anyway"]
                else reply_nudge(
                    reflect=data["reflect"],
                    validation=data["validation"],
                    question=data["question"],
                    wants=share.wants,
                )
            )
            if nudge is None:
                actions.add_reply(
                    request.user,
                    share,
                    reflect=data["reflect"],
                    validation=data["validation"],
                    question=data["question"],
                )
                messages.success(request, _("Your reply is on its way."))
                return redirect("share", pk=share.pk)
    template = (
        "practice/_replies.html"
        if request.headers.get("HX-Request") and request.method == "GET"
        else "practice/share_detail.html"
    )
    return render(
        request,
        template,
        {"share": share, "replies": replies, "form": form, "nudge": nudge, "can_reply": can_reply},
    )


@login_required
@require_POST
def share_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    share = visibility.get_own_or_404(Share.objects.all(), request.user, pk=pk)
    actions.withdraw_share(request.user, share)
    messages.success(request, _("Withdrawn. Only you can see it now."))
    return redirect("journal")


def _own_reply_or_404(request: AuthedRequest, pk: int) -> Reply:
    """A reply on one of my own shares (only the sharer marks "felt heard" or thanks)."""
    reply = (
        visibility.visible_thread_items(Reply.objects.all(), request.user, "share")
        .select_related("share", "author", "share__circle")
        .filter(pk=pk, share__author=request.user)
        .first()
    )
    if reply is None:
        raise Http404
    return reply


@login_required
@require_POST
def reply_heard(request: AuthedRequest, pk: int) -> HttpResponse:
    reply = _own_reply_or_404(request, pk)
    if request.POST.get("undo"):
        actions.unmark_felt_heard(request.user, reply)
    else:
        actions.mark_felt_heard(request.user, reply)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "practice/_reply.html",
            {"reply": reply, "share": reply.share, "offer_thanks": reply.felt_heard_at is not None},
        )
    if reply.felt_heard_at and not request.POST.get("undo"):
        return redirect("reply_thank", pk=reply.pk)
    return redirect("share", pk=reply.share_id)


@login_required
@require_http_methods(["GET", "POST"])
def reply_thank(request: AuthedRequest, pk: int) -> HttpResponse:
    reply = _own_reply_or_404(request, pk)
    if reply.share.withdrawn_at is not None:
        # The thank-you would be seen by the circle, which can no longer see the share.
        raise Http404
    if reply.appreciations.filter(author=request.user).exists():
        # Once is warm; twice (a double submit, the back button) is noise for the listener.
        messages.info(
            request, _("You've already thanked %(name)s for this.") % {"name": reply.author.name}
        )
        return redirect("share", pk=reply.share_id)
    suggestion = _("Thank you for listening to me. It helped to feel heard.")
    form = ThankForm(request.POST or None, initial={"text": suggestion})
    if request.method == "POST" and form.is_valid():
        actions.thank_listener(request.user, reply, form.cleaned_data["text"])
        messages.success(
            request, _("Your thank-you is with %(name)s.") % {"name": reply.author.name}
        )
        return redirect("share", pk=reply.share_id)
    return render(request, "practice/thank_form.html", {"form": form, "reply": reply})


JOURNAL_PAGE = 50


@login_required
@require_http_methods(["GET"])
def journal(request: AuthedRequest) -> HttpResponse:
    form = JournalFilterForm(request.GET or None)
    checkins = visibility.own_entries(CheckIn.objects.all(), request.user)
    shares = visibility.own_entries(Share.objects.select_related("circle"), request.user)
    if form.is_valid():
        data = form.cleaned_data
        if q := data["q"].strip():
            checkins = checkins.filter(Q(note__icontains=q) | Q(situation__icontains=q))
            shares = shares.filter(text__icontains=q)
        if feeling := data["feeling"]:
            checkins = checkins.filter(has_word("feelings", feeling))
            shares = shares.filter(has_word("feelings", feeling))
        tz = timezone.get_current_timezone()
        if start := data["start"]:
            since = timezone.make_aware(datetime.combine(start, time.min), tz)
            checkins, shares = (
                checkins.filter(created_at__gte=since),
                shares.filter(created_at__gte=since),
            )
        if end := data["end"]:
            until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
            checkins, shares = (
                checkins.filter(created_at__lt=until),
                shares.filter(created_at__lt=until),
            )
        if before := data["before"]:
            checkins, shares = (
                checkins.filter(created_at__lt=before),
                shares.filter(created_at__lt=before),
            )
    # One page at a time, newest first, with a cursor rather than an offset so that a page
    # costs the same however long a journal grows.
    entries = sorted(
        chain(
            ((c.created_at, "checkin", c) for c in checkins[: JOURNAL_PAGE + 1]),
            ((s.created_at, "share", s) for s in shares[: JOURNAL_PAGE + 1]),
        ),
        key=lambda item: item[0],
        reverse=True,
    )
    older_url = None
    if len(entries) > JOURNAL_PAGE:
        entries = entries[:JOURNAL_PAGE]
        query = request.GET.copy()
        query["before"] = entries[-1][0].isoformat()
        older_url = f"?{query.urlencode()}"
    template = (
        "practice/_journal_entries.html"
        if request.headers.get("HX-Request")
        else "practice/journal.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "entries": entries,
            "older_url": older_url,
            "filtered": any(v for k, v in request.GET.items() if k != "before"),
        },
    )
