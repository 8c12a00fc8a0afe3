"""The end of a repair: the plan, commitments and their follow-through, closure, and drafts.

Every view asks `hearthside.circles.visibility` for the rupture (or the commitment inside it)
first, so anyone outside the circle gets the same 404 as for something that doesn't exist.
Seeing a rupture is not enough to act on it: only the members the conversation counts may.
What people type is kept: forms autosave as drafts (`hearthside.repair.drafts`), and a refused
form comes back with everything still in it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.http import AuthedRequest
from hearthside.repair import actions, drafts, steps
from hearthside.repair.models import (
    Agreement,
    Closure,
    Commitment,
    FollowUp,
    Rupture,
    Turn,
)

# --- Forms ------------------------------------------------------------------------------------


class PlanForm(forms.Form):
    takeaways = forms.CharField(
        label=gettext_lazy("What we take from this"),
        help_text=gettext_lazy(
            "In plain words: what you understand now about each other that you didn't before."
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    phrases = forms.CharField(
        label=gettext_lazy("Our pause phrases"),
        help_text=gettext_lazy(
            "One per line: words you all know mean “I need a breather, and I'm coming back.”"
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Keep at least one phrase, so a pause always has words."),
        },
    )
    cool_off_min = forms.IntegerField(
        label=gettext_lazy("Shortest cool-off, in minutes"),
        help_text=gettext_lazy("A racing body usually needs about twenty minutes to settle."),
        min_value=5,
        max_value=24 * 60,
    )
    cool_off_max = forms.IntegerField(
        label=gettext_lazy("Longest cool-off, in minutes"),
        help_text=gettext_lazy("By then it's time to come back to each other, even briefly."),
        min_value=10,
        max_value=7 * 24 * 60,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("cool_off_min", "cool_off_max"):
            field = self.fields[name]
            field.widget.attrs["inputmode"] = "numeric"
            field.error_messages.update(
                {
                    "required": _("Please give a number of minutes."),
                    "invalid": _("Please use a whole number of minutes."),
                    "min_value": _("Please make it at least %(limit_value)s minutes."),
                    "max_value": _("Please make it at most %(limit_value)s minutes."),
                }
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shortest, longest = data.get("cool_off_min"), data.get("cool_off_max")
        if shortest is not None and longest is not None and shortest >= longest:
            self.add_error(
                "cool_off_max", _("The longest cool-off needs to be longer than the shortest.")
            )
        return data


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What I'll do"),
        help_text=gettext_lazy("One small, concrete thing — something the others could notice."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": gettext_lazy("Say what you'll do, in a few words."),
            "max_length": gettext_lazy(
                "Please keep it under %(limit_value)d characters — short promises are easier "
                "to keep."
            ),
        },
    )
    follow_up_on = forms.DateField(
        label=gettext_lazy("Check back on"),
        help_text=gettext_lazy("On this day each of you is asked: did this happen?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Pick a day to check back on it."),
            "invalid": gettext_lazy("Please pick a day from the calendar."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tomorrow = timezone.localdate() + timedelta(days=1)
        self.fields["follow_up_on"].widget.attrs["min"] = tomorrow.isoformat()

    def clean_follow_up_on(self) -> Any:
        day = self.cleaned_data["follow_up_on"]
        today = timezone.localdate()
        if day <= today:
            raise ValidationError(_("Pick a day after today to check back on it."))
        if day > today + timedelta(days=366):
            raise ValidationError(_("Pick a day within the next year."))
        return day


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("Did this happen?"),
        choices=FollowUp.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose one of the answers."),
            "invalid_choice": gettext_lazy("Choose one of the answers."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Anything you'd like to add"),
        help_text=gettext_lazy("Optional: what helped, or what got in the way."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


YES, NOT_YET = "yes", "not_yet"


class CloseForm(forms.Form):
    trust = forms.ChoiceField(
        label=gettext_lazy("Does trust feel re-established for you?"),
        choices=[
            (YES, gettext_lazy("Yes, trust feels re-established")),
            (NOT_YET, gettext_lazy("Not yet")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose “yes” or “not yet” — either is a fine answer."),
            "invalid_choice": gettext_lazy("Choose “yes” or “not yet”."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("A note for the others"),
        help_text=gettext_lazy("Optional. If it's not yet, what would help you get there?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- Helpers ----------------------------------------------------------------------------------


def _member_rupture(request: AuthedRequest, pk: int) -> tuple[Rupture, steps.State, list[Person]]:
    """A rupture the person may see and is a member of, with where its conversation stands."""
    rupture = visibility.get_visible_or_404(
        Rupture.objects.select_related("circle", "author"), request.user, pk=pk
    )
    if rupture.circle is None:
        raise Http404
    state, members = actions.conversation_state(rupture)
    if request.user.pk not in {m.pk for m in members}:
        raise Http404
    return rupture, state, members


def _closed(request: AuthedRequest, rupture: Rupture) -> HttpResponse:
    messages.info(request, _("This repair is closed. Its summary stays just as it was."))
    return redirect("rupture", pk=rupture.pk)


def _plan_initial(request: AuthedRequest, rupture: Rupture, agreement: Agreement) -> PlanForm:
    initial = {
        "takeaways": rupture.takeaways,
        "phrases": agreement.phrases,
        "cool_off_min": agreement.cool_off_min,
        "cool_off_max": agreement.cool_off_max,
    }
    key = drafts.draft_key("rupture", rupture.pk, "plan")
    return PlanForm(initial=drafts.with_draft(initial, request.user, key))


def _commitment_initial(request: AuthedRequest, rupture: Rupture) -> CommitmentForm:
    initial = {"follow_up_on": timezone.localdate() + timedelta(days=7)}
    key = drafts.draft_key("rupture", rupture.pk, "commit")
    return CommitmentForm(initial=drafts.with_draft(initial, request.user, key))


def _render_plan(
    request: AuthedRequest,
    rupture: Rupture,
    state: steps.State,
    agreement: Agreement,
    plan_form: PlanForm | None,
    commit_form: CommitmentForm | None,
) -> HttpResponse:
    me = request.user
    commitments = visibility.visible_thread_items(
        Commitment.objects.filter(rupture=rupture), me, "rupture"
    ).select_related("author")
    next_time = visibility.visible_thread_items(
        Turn.objects.filter(rupture=rupture, step=steps.PLAN), me, "rupture"
    ).select_related("author")
    context = {
        "rupture": rupture,
        "agreement": agreement,
        "plan_form": None if rupture.is_closed else plan_form,
        "commit_form": None if rupture.is_closed else commit_form,
        "commitments": commitments,
        "next_time": next_time,
        "plan_step_mine": state.step == steps.PLAN and state.can_act(me.pk),
        "today": timezone.localdate(),
        "plan_draft_key": drafts.draft_key("rupture", rupture.pk, "plan"),
        "commit_draft_key": drafts.draft_key("rupture", rupture.pk, "commit"),
    }
    return render(request, "repair/plan.html", context)


# --- Views ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: AuthedRequest, pk: int) -> HttpResponse:
    rupture, state, _members = _member_rupture(request, pk)
    assert rupture.circle is not None
    agreement = Agreement.for_circle(rupture.circle)
    if request.method == "GET":
        form = _plan_initial(request, rupture, agreement)
        return _render_plan(
            request, rupture, state, agreement, form, _commitment_initial(request, rupture)
        )
    if rupture.is_closed:
        return _closed(request, rupture)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            actions.update_plan(request.user, rupture, **form.cleaned_data)
        except actions.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            drafts.clear_draft(request.user, drafts.draft_key("rupture", rupture.pk, "plan"))
            messages.success(
                request, _("Plan saved. The next pause in this circle will use these agreements.")
            )
            return redirect("rupture_plan", pk=rupture.pk)
    return _render_plan(
        request, rupture, state, agreement, form, _commitment_initial(request, rupture)
    )


@login_required
@require_POST
def add_commitment(request: AuthedRequest, pk: int) -> HttpResponse:
    rupture, state, _members = _member_rupture(request, pk)
    if rupture.is_closed:
        return _closed(request, rupture)
    form = CommitmentForm(request.POST)
    if form.is_valid():
        try:
            commitment = actions.add_commitment(
                request.user, rupture, form.cleaned_data["text"], form.cleaned_data["follow_up_on"]
            )
        except actions.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            drafts.clear_draft(request.user, drafts.draft_key("rupture", rupture.pk, "commit"))
            day = date_format(commitment.follow_up_on, "l j F")
            messages.success(
                request,
                _("Added. On %(day)s each of you will be asked how it went.") % {"day": day},
            )
            return redirect(reverse("rupture_plan", args=[rupture.pk]) + "#commitments")
    assert rupture.circle is not None
    agreement = Agreement.for_circle(rupture.circle)
    return _render_plan(
        request, rupture, state, agreement, _plan_initial(request, rupture, agreement), form
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    me = request.user
    commitment = (
        visibility.visible_thread_items(Commitment.objects.all(), me, "rupture")
        .select_related("author", "rupture", "rupture__circle")
        .filter(pk=pk)
        .first()
    )
    if commitment is None:
        raise Http404
    rupture = commitment.rupture
    assert rupture.circle is not None
    if me.pk not in {m.pk for m in visibility.members_of(rupture.circle, rupture.created_at)}:
        raise Http404
    key = drafts.draft_key("commitment", commitment.pk, "follow-up")
    due = commitment.follow_up_on <= timezone.localdate()
    answers = list(
        visibility.visible_thread_items(
            FollowUp.objects.filter(commitment=commitment), me, "commitment__rupture"
        )
        .select_related("author")
        .order_by("created_at", "id")
    )
    mine = next((a for a in answers if a.author_id == me.pk), None)
    if request.method == "POST":
        if not due:
            messages.info(request, _("It's not time to check on this yet."))
            return redirect("commitment_follow_up", pk=commitment.pk)
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                actions.follow_up(
                    me, commitment, form.cleaned_data["answer"], form.cleaned_data["note"]
                )
            except actions.NotAllowed as exc:
                form.add_error(None, str(exc))
            else:
                drafts.clear_draft(me, key)
                messages.success(request, _("Thank you for checking in on this."))
                return redirect("commitment_follow_up", pk=commitment.pk)
    else:
        initial = {"answer": mine.answer, "note": mine.note} if mine else {}
        form = FollowUpForm(initial=drafts.with_draft(initial, me, key))
    context = {
        "commitment": commitment,
        "rupture": rupture,
        "due": due,
        "answers": answers,
        "mine": mine,
        "form": form if due else None,
        "draft_key": key,
    }
    return render(request, "repair/follow_up.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def close(request: AuthedRequest, pk: int) -> HttpResponse:
    rupture, state, members = _member_rupture(request, pk)
    me = request.user
    key = drafts.draft_key("rupture", rupture.pk, "close")
    if request.method == "POST":
        if rupture.is_closed:
            return _closed(request, rupture)
        if not state.finished:
            messages.info(request, _("Closing comes after the conversation and the plan."))
            return redirect("rupture_close", pk=rupture.pk)
        form = CloseForm(request.POST)
        if form.is_valid():
            trust = form.cleaned_data["trust"] == YES
            try:
                rupture = actions.mark_closure(me, rupture, trust, form.cleaned_data["note"])
            except actions.NotAllowed as exc:
                form.add_error(None, str(exc))
            else:
                drafts.clear_draft(me, key)
                if rupture.is_closed:
                    messages.success(
                        request,
                        _(
                            "Everyone feels trust is back. This repair is closed — thank you "
                            "for coming back to each other."
                        ),
                    )
                    return redirect("rupture", pk=rupture.pk)
                if trust:
                    messages.success(request, _("Noted. The others can say where they are too."))
                else:
                    messages.success(
                        request, _("Thank you for being honest. There's no hurry; come back to it.")
                    )
                return redirect("rupture_close", pk=rupture.pk)
    closures = {
        c.author_id: c
        for c in visibility.visible_thread_items(
            Closure.objects.filter(rupture=rupture), me, "rupture"
        )
    }
    if request.method == "GET":
        mine = closures.get(me.pk)
        initial = (
            {"trust": YES if mine.trust_reestablished else NOT_YET, "note": mine.note}
            if mine
            else {}
        )
        form = CloseForm(initial=drafts.with_draft(initial, me, key))
    context = {
        "rupture": rupture,
        "finished": state.finished,
        "standing": [(member, closures.get(member.pk)) for member in members],
        "form": form if state.finished and not rupture.is_closed else None,
        "draft_key": key,
    }
    return render(request, "repair/close.html", context)


@login_required
@require_POST
def save_draft(request: AuthedRequest, key: str) -> HttpResponse:
    """Keep what the person has typed so far (htmx, as they type). Answers 204: nothing to
    swap, the page stays exactly as the person has it."""
    if not drafts.valid_key(key):
        raise Http404
    try:
        drafts.store_draft(request.user, key, request.POST)
    except drafts.DraftTooLarge:
        return HttpResponse(status=413)
    return HttpResponse(status=204)
