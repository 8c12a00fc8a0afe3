"""Intentions, values and goals: the pages.

- /values/: my intentions and those shared with me, each circle's values and goals with where
  its revisits stand, and my honesty moments.
- Intentions: write, change, take back (withdraw), delete.
- A circle's values and goals: add, change the words, let go, bring back; the revisit cadence.
- A revisit, one prompt at a time (like a ritual occurrence), with everyone's notes appearing
  as they are written, then finished with a takeaway and the next date.
- Honesty moments: marked from a share or check-in (`{% honesty_moment_button %}`), kept here.

Who sees what is asked of `hearthside.values.queries`, which asks `circles.visibility`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.http import AuthedRequest
from hearthside.practice.models import CheckIn, Share
from hearthside.values import actions, queries
from hearthside.values.forms import (
    CadenceForm,
    ChangeForm,
    FinishForm,
    IntentionForm,
    ItemForm,
    MomentForm,
    NoteForm,
)
from hearthside.values.models import CircleValue, HonestyMoment, Intention, Revisit, RevisitNote
from hearthside.values.templatetags.values_tags import button_context
from hearthside.values.words import DEFAULT_CADENCE, PROMPTS

# How many finished revisits a circle's page lists.
PAST_REVISITS = 10


def _is_htmx(request: AuthedRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- The overview -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def index(request: AuthedRequest) -> HttpResponse:
    me = request.user
    return render(
        request,
        "values/index.html",
        {
            "mine": list(queries.my_intentions(me)[:50]),
            "shared_with_me": list(queries.intentions_shared_with_me(me)[:50]),
            "circles": queries.circle_values(me, timezone.localdate()),
            "moments": queries.my_moments(me),
        },
    )


# --- Intentions ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def intention_new(request: AuthedRequest) -> HttpResponse:
    me = request.user
    circles = visibility.circles_of(me).order_by("name", "id")
    initial: dict[str, Any] = {}
    if circle_id := request.GET.get("circle"):
        if not circle_id.isdigit():
            raise Http404
        initial["circle"] = visibility.get_circle_or_404(me, circle_id)
    form = IntentionForm(
        request.POST if request.method == "POST" else None, circles=circles, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        intention = form.save(commit=False)
        intention.author = me
        intention.save()
        if intention.circle_id:
            text = _("Shared with %(circle)s.") % {"circle": intention.circle}
        else:
            text = _("Saved, just for you.")
        messages.success(request, text)
        return redirect("values")
    return render(request, "values/intention_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def intention_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    intention = visibility.get_own_or_404(
        Intention.objects.select_related("circle"), request.user, pk=pk
    )
    form = IntentionForm(request.POST if request.method == "POST" else None, instance=intention)
    if request.method == "POST" and form.is_valid():
        actions.update_intention(
            intention, hopes=form.cleaned_data["hopes"], text=form.cleaned_data["text"]
        )
        messages.success(request, _("Saved."))
        return redirect("values")
    return render(request, "values/intention_form.html", {"form": form, "intention": intention})


@login_required
@require_POST
def intention_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    intention = visibility.get_own_or_404(Intention.objects.all(), request.user, pk=pk)
    actions.withdraw_intention(intention)
    messages.success(request, _("Taken back. Only you can see it now."))
    return redirect("values")


@login_required
@require_http_methods(["GET", "POST"])
def intention_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    intention = visibility.get_own_or_404(
        Intention.objects.select_related("circle"), request.user, pk=pk
    )
    if request.method == "POST":
        intention.delete()
        messages.success(request, _("Deleted. It's gone for good."))
        return redirect("values")
    return render(request, "values/intention_delete.html", {"intention": intention})


# --- A circle's values and goals ----------------------------------------------------------------


def _item_action(request: AuthedRequest, circle: Circle) -> tuple[str | None, ItemForm | None]:
    """The add / let go / bring back buttons, shared by the circle page and a revisit. Returns
    a message to show, or the add form when it needs another look."""
    action = request.POST.get("action")
    if action == "add":
        form = ItemForm(request.POST)
        if not form.is_valid():
            return None, form
        data = form.cleaned_data
        item = actions.add_item(
            request.user, circle, kind=data["kind"], area=data["area"], text=data["text"]
        )
        if item.kind == CircleValue.Kind.GOAL:
            return _("Added to your goals."), None
        return _("Added to your values."), None
    raw = request.POST.get("item", "")
    if action not in ("retire", "restore") or not raw.isdigit():
        raise _BadRequest
    item = queries.item_or_404(request.user, raw)
    if item.circle_id != circle.pk:
        raise Http404
    if action == "retire":
        actions.retire_item(request.user, item)
        return _("Let go, with thanks. It stays in your history."), None
    try:
        actions.restore_item(item)
    except actions.NotAllowed:
        return _("That wording was changed since, so it stays in the history."), None
    return _("Brought back."), None


class _BadRequest(Exception):
    pass


@login_required
@require_http_methods(["GET", "POST"])
def circle_page(request: AuthedRequest, pk: int) -> HttpResponse:
    me = request.user
    circle = visibility.get_circle_or_404(me, pk)
    add_form = None
    if request.method == "POST":
        try:
            text, add_form = _item_action(request, circle)
        except _BadRequest:
            return HttpResponseBadRequest()
        if add_form is None:
            messages.success(request, text or "")
            return redirect("values_circle", pk=circle.pk)
    (row,) = queries.circle_values(me, timezone.localdate(), [circle])
    history = (
        queries.items(me)
        .filter(circle=circle, retired_at__isnull=False)
        .select_related("retired_by")
        .prefetch_related("replaced_by")
        .order_by("-retired_at")[:50]
    )
    past = queries.revisits(me).filter(circle=circle, finished_at__isnull=False)[:PAST_REVISITS]
    return render(
        request,
        "values/circle.html",
        {
            "row": row,
            "circle": circle,
            "add_form": add_form or ItemForm(),
            "history": list(history),
            "past": list(past),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_change(request: AuthedRequest, pk: int) -> HttpResponse:
    item = queries.item_or_404(request.user, pk)
    if item.retired_at is not None:
        raise Http404  # only current words can change; history stays as it was
    form = ChangeForm(request.POST if request.method == "POST" else None, item=item)
    back = request.GET.get("revisit", "")
    revisit = None
    if back.isdigit():
        revisit = queries.revisits(request.user).filter(pk=back, circle=item.circle).first()
    if request.method == "POST" and form.is_valid():
        actions.change_item(
            request.user,
            item,
            text=form.cleaned_data["text"],
            area=form.cleaned_data.get("area", ""),
        )
        messages.success(request, _("Changed. The earlier words stay in your history."))
        if revisit is not None and revisit.is_open:
            return redirect(f"{reverse('values_revisit', args=[revisit.pk])}?step={len(PROMPTS)}")
        return redirect("values_circle", pk=item.circle_id)
    return render(
        request, "values/item_change.html", {"form": form, "item": item, "revisit": revisit}
    )


@login_required
@require_http_methods(["GET", "POST"])
def cadence(request: AuthedRequest, pk: int) -> HttpResponse:
    me = request.user
    circle = visibility.get_circle_or_404(me, pk)
    current = actions.settings_of(circle)
    months = current.every_months if current else DEFAULT_CADENCE
    initial = {
        "every_months": str(months),
        "next_due_on": (current.next_due_on if current else None)
        or actions.suggested_next(circle, months),
    }
    form = CadenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = actions.set_cadence(
            me,
            circle,
            every_months=form.cleaned_data["every_months"],
            next_due_on=form.cleaned_data["next_due_on"],
        )
        if saved.next_due_on:
            messages.success(
                request,
                _("Saved. You'll each get a gentle reminder on %(day)s.")
                % {"day": date_format(saved.next_due_on, "j F Y")},
            )
        else:
            messages.success(request, _("Saved. No reminders — start a revisit whenever you like."))
        return redirect("values_circle", pk=circle.pk)
    return render(request, "values/cadence.html", {"form": form, "circle": circle})


# --- Revisits -----------------------------------------------------------------------------------


@login_required
@require_POST
def revisit_start(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = visibility.get_circle_or_404(request.user, pk)
    try:
        revisit = actions.start_revisit(request.user, circle)
    except actions.AlreadyOpen as already:
        messages.info(request, _("A revisit is already under way — join in here."))
        revisit = already.revisit
    return redirect(f"{reverse('values_revisit', args=[revisit.pk])}?step=1")


WRAP_UP = len(PROMPTS) + 1


def _step_of(request: AuthedRequest) -> int:
    """0 is the start, 1…len(PROMPTS) the prompts, then wrapping up."""
    raw = request.GET.get("step", "0")
    return min(int(raw), WRAP_UP) if raw.isdigit() else 0


@login_required
@require_http_methods(["GET", "POST"])
def revisit_page(request: AuthedRequest, pk: int) -> HttpResponse:
    revisit = queries.revisit_or_404(request.user, pk)
    if request.method == "POST":
        return _revisit_act(request, revisit)
    step = _step_of(request)
    if _is_htmx(request) and request.GET.get("part") == "notes" and 1 <= step <= len(PROMPTS):
        context = _notes_context(request, revisit, step - 1)
        if request.GET.get("seen") == context["seen"]:
            # Nothing new: no swap, so screen readers aren't read the same notes again.
            return HttpResponse(status=204)
        return render(request, "values/_revisit_notes.html", context)
    return _revisit_show(request, revisit, step)


def _revisit_url(revisit: Revisit, step: int | None = None) -> str:
    url = reverse("values_revisit", args=[revisit.pk])
    return url if step is None else f"{url}?step={step}"


def _revisit_act(request: AuthedRequest, revisit: Revisit) -> HttpResponse:
    action = request.POST.get("action")
    if not revisit.is_open:
        messages.info(request, _("This revisit is finished, so it can't change now."))
        return redirect(_revisit_url(revisit))
    if action == "note":
        raw = request.POST.get("prompt", "")
        if not raw.isdigit() or int(raw) >= len(PROMPTS):
            return HttpResponseBadRequest()
        prompt = int(raw)
        form = NoteForm(request.POST)
        if not form.is_valid():
            return _revisit_show(request, revisit, prompt + 1, note_form=form)
        actions.save_note(
            request.user,
            revisit,
            prompt,
            text=form.cleaned_data["text"],
            just_for_me=form.cleaned_data["just_for_me"],
        )
        step = prompt if request.POST.get("go") == "back" else prompt + 2
        return redirect(_revisit_url(revisit, step))
    if action == "finish":
        finish = FinishForm(request.POST)
        if not finish.is_valid():
            return _revisit_show(request, revisit, WRAP_UP, finish_form=finish)
        actions.finish_revisit(
            request.user,
            revisit,
            takeaway=finish.cleaned_data["takeaway"],
            every_months=finish.cleaned_data["every_months"],
        )
        messages.success(request, _("Finished. Thank you for taking this time together."))
        return redirect(_revisit_url(revisit))
    try:
        text, add_form = _item_action(request, revisit.circle)
    except _BadRequest:
        return HttpResponseBadRequest()
    if add_form is not None:
        return _revisit_show(request, revisit, len(PROMPTS), add_form=add_form)
    messages.success(request, text or "")
    return redirect(_revisit_url(revisit, len(PROMPTS)))


def _notes_context(
    request: AuthedRequest,
    revisit: Revisit,
    prompt: int,
    notes: list[RevisitNote] | None = None,
) -> dict[str, Any]:
    """The others' notes on one prompt; `notes` when the caller already read the revisit's."""
    if notes is None:
        notes = queries.notes(revisit, request.user)
    others = [n for n in notes if n.prompt == prompt and n.author_id != request.user.pk]
    return {
        "others": others,
        "revisit": revisit,
        "poll_url": f"{_revisit_url(revisit, prompt + 1)}&part=notes",
        "seen": _fingerprint(others),
    }


def _fingerprint(notes: list[RevisitNote]) -> str:
    """A short digest of the notes on screen, so a poll that finds nothing new sends nothing."""
    # Keyed with the site's secret: the digest sits in URLs (and so in access logs), and must
    # tell nobody anything about the words.
    payload = "\0".join(f"{note.pk}:{note.text}" for note in notes)
    return salted_hmac("hearthside.values.notes", payload).hexdigest()[:16]


def _revisit_show(
    request: AuthedRequest, revisit: Revisit, step: int, **bound: Any
) -> HttpResponse:
    me = request.user
    notes = queries.notes(revisit, me)
    if not revisit.is_open:
        step = 0  # a finished revisit is one page: what was said and what changed
    (row,) = queries.circle_values(me, timezone.localdate(), [revisit.circle])
    context: dict[str, Any] = {
        "revisit": revisit,
        "circle": revisit.circle,
        "row": row,
        "prompts": PROMPTS,
        "step": step,
        "wrap_up": WRAP_UP,
        "last_prompt": len(PROMPTS),
        "notes": [
            (prompt, [n for n in notes if n.prompt == i]) for i, prompt in enumerate(PROMPTS)
        ],
        "changes": actions.changes_in(revisit),
    }
    if 1 <= step <= len(PROMPTS):
        index = step - 1
        mine = next((n for n in notes if n.prompt == index and n.author_id == me.pk), None)
        context |= {
            "prompt_index": index,
            "prompt": PROMPTS[index],
            "note_form": bound.get("note_form")
            or NoteForm(
                initial={"text": mine.text, "just_for_me": mine.circle_id is None} if mine else None
            ),
            "add_form": bound.get("add_form") or ItemForm(initial={"kind": "goal"}),
            **_notes_context(request, revisit, index, notes),
        }
    elif step == WRAP_UP:
        current = actions.settings_of(revisit.circle)
        months = current.every_months if current else DEFAULT_CADENCE
        context["finish_form"] = bound.get("finish_form") or FinishForm(
            initial={"every_months": str(months)}
        )
    return render(request, "values/revisit.html", context)


# --- Honesty moments ----------------------------------------------------------------------------


def _target(request: AuthedRequest) -> Share | CheckIn:
    """The share or check-in a mark is about, fetched through the privacy rule."""
    share_id, checkin_id = request.POST.get("share", ""), request.POST.get("checkin", "")
    if share_id.isdigit() and not checkin_id:
        return queries.markable_share_or_404(request.user, share_id)
    if checkin_id.isdigit() and not share_id:
        return queries.markable_checkin_or_404(request.user, checkin_id)
    raise _BadRequest


def _target_url(thing: Share | CheckIn) -> str:
    return reverse("share" if isinstance(thing, Share) else "checkin", args=[thing.pk])


def _button(
    request: AuthedRequest, thing: Share | CheckIn, moment: HonestyMoment | None
) -> HttpResponse:
    return render(request, "values/_honesty_button_inner.html", button_context(thing, moment))


@login_required
@require_POST
def honesty_mark(request: AuthedRequest) -> HttpResponse:
    try:
        thing = _target(request)
    except _BadRequest:
        return HttpResponseBadRequest()
    form = MomentForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    moment, created = actions.mark_honesty(request.user, thing, note=note)
    if _is_htmx(request):
        return _button(request, thing, moment)
    if created:
        messages.success(request, _("Kept as an honesty moment. Only you can see it."))
    return redirect(_target_url(thing))


@login_required
@require_POST
def honesty_unmark(request: AuthedRequest, pk: int) -> HttpResponse:
    moment = queries.moment_or_404(request.user, pk)
    thing = moment.share or moment.checkin
    moment.delete()
    if _is_htmx(request) and thing is not None:
        return _button(request, thing, None)
    messages.success(request, _("Unmarked."))
    if request.POST.get("from") == "values" or thing is None:
        return redirect("values")
    return redirect(_target_url(thing))


@login_required
@require_http_methods(["GET", "POST"])
def honesty_moment(request: AuthedRequest, pk: int) -> HttpResponse:
    me = request.user
    found = queries.my_moment_or_404(me, pk)
    moment = found.moment
    form = MomentForm(
        request.POST if request.method == "POST" else None, initial={"note": moment.note}
    )
    if request.method == "POST" and form.is_valid():
        moment.note = form.cleaned_data["note"].strip()
        moment.save(update_fields=["note"])
        messages.success(request, _("Saved, just for you."))
        return redirect(f"{reverse('values')}#honesty-heading")
    return render(request, "values/honesty_form.html", {"form": form, "found": found})
