"""Opening a rupture, each person's private reflection, the guided repair conversation, and the
history of ruptures.

Every lookup asks `hearthside.circles.visibility`: ruptures are entries, turns and reflections
are thread items of them. Who may speak when, and what a turn must hold, is decided by
`hearthside.repair.actions`; a refusal comes back as a kind message beside everything the
person typed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.http import AuthedRequest
from hearthside.repair import actions, apology, drafts, steps
from hearthside.repair.forms_rupture import (
    PART_LABELS,
    STEP_WORDS,
    ReflectionForm,
    RuptureForm,
    StepWords,
    turn_form,
)
from hearthside.repair.models import Agreement, Commitment, Pause, Reflection, Rupture, Turn

# htmx stops polling when a response carries this status (and still swaps it in).
STOP_POLLING = 286
# The live apology check echoes back at most this much of each part.
CHECK_LIMIT = 3000


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _rupture_or_404(request: AuthedRequest, pk: int) -> Rupture:
    return visibility.get_visible_or_404(
        Rupture.objects.select_related("circle", "author", "linked_to"), request.user, pk=pk
    )


def _turns(request: AuthedRequest, rupture: Rupture) -> list[Turn]:
    return list(
        visibility.visible_thread_items(
            Turn.objects.filter(rupture=rupture), request.user, "rupture"
        )
        .select_related("author")
        .order_by("created_at", "id")
    )


# --- What the conversation looks like from where I stand ------------------------------------


@dataclass
class StepRow:
    slug: str
    words: StepWords
    number: int
    status: str  # "done", "open" or "later"
    waiting: list[Person] = field(default_factory=list)  # still owe a turn here
    may_act: list[Person] = field(default_factory=list)  # may take their turn right now
    turns: list[Turn] = field(default_factory=list)
    mine_now: bool = False  # it is my turn in this step right now
    mine_done: bool = False  # I already took my turn here
    in_turns: bool = False  # the circle repairs in turns (one after another)

    @property
    def is_done(self) -> bool:
        return self.status == "done"

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def waiting_after(self) -> list[Person]:
        """In turns, those who come after the person speaking now."""
        return [p for p in self.waiting if p not in self.may_act]


@dataclass
class Conversation:
    state: steps.State
    members: list[Person]
    rows: list[StepRow]
    in_turns: bool

    def row(self, slug: str) -> StepRow:
        return next(r for r in self.rows if r.slug == slug)

    @property
    def open_row(self) -> StepRow | None:
        return next((r for r in self.rows if r.is_open), None)


def _conversation(request: AuthedRequest, rupture: Rupture) -> Conversation:
    me = request.user
    state, members = actions.conversation_state(rupture)
    assert rupture.circle is not None
    in_turns = Agreement.for_circle(rupture.circle).style == steps.TURNS
    by_id = {m.pk: m for m in members}
    turns_by_step: dict[str, list[Turn]] = defaultdict(list)
    for turn in _turns(request, rupture):
        turns_by_step[turn.step].append(turn)
    rows = []
    for number, slug in enumerate(steps.STEPS, start=1):
        if slug in state.done_steps:
            status = "done"
        elif slug == state.step:
            status = "open"
        else:
            status = "later"
        is_open = status == "open" and not rupture.is_closed
        rows.append(
            StepRow(
                slug=slug,
                words=STEP_WORDS[slug],
                number=number,
                status=status,
                waiting=[by_id[i] for i in state.waiting_for if i in by_id] if is_open else [],
                may_act=[by_id[i] for i in state.may_act if i in by_id] if is_open else [],
                turns=turns_by_step.get(slug, []),
                mine_now=is_open and state.can_act(me.pk),
                mine_done=any(t.author_id == me.pk for t in turns_by_step.get(slug, [])),
                in_turns=in_turns,
            )
        )
    return Conversation(state, members, rows, in_turns)


@dataclass
class SharedPart:
    label: Any
    kind: str  # "feelings", "needs" or "text"
    words: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class SharedReflection:
    author: Person
    parts: list[SharedPart]


def _shared_parts(reflection: Reflection) -> list[SharedPart]:
    """Only the parts the author chose to share: unshared text never reaches the template."""
    parts = []
    for part in Reflection.PARTS:
        if not reflection.is_shared(part):
            continue
        label = PART_LABELS[part]
        if part == "feelings" and reflection.feelings:
            parts.append(SharedPart(label, "feelings", words=reflection.feelings))
        elif part == "unmet_needs" and (reflection.unmet_needs or reflection.unmet_note):
            parts.append(
                SharedPart(label, "needs", words=reflection.unmet_needs, text=reflection.unmet_note)
            )
        elif part in ("reality", "triggers", "my_part") and getattr(reflection, part):
            parts.append(SharedPart(label, "text", text=getattr(reflection, part)))
    return parts


def _others_shared(request: AuthedRequest, rupture: Rupture) -> list[SharedReflection]:
    reflections = (
        visibility.visible_reflections(Reflection.objects.filter(rupture=rupture), request.user)
        .exclude(author=request.user)
        .select_related("author")
        .order_by("updated_at", "id")
    )
    shared = [SharedReflection(r.author, _shared_parts(r)) for r in reflections]
    return [s for s in shared if s.parts]


# --- History --------------------------------------------------------------------------------


@dataclass
class Pattern:
    """Ruptures linked one to another: the same thing coming back."""

    ruptures: list[Rupture]

    @property
    def first(self) -> Rupture:
        return self.ruptures[0]


def _patterns(ruptures: list[Rupture]) -> tuple[dict[int, Rupture], list[Pattern]]:
    """Each visible rupture's visible earlier link, and chains of two or more linked ruptures.
    A link to a rupture I cannot see (from before I joined) is left out, like the rupture."""
    by_id = {r.pk: r for r in ruptures}
    links = {r.pk: by_id[r.linked_to_id] for r in ruptures if r.linked_to_id in by_id}
    groups: dict[int, list[Rupture]] = defaultdict(list)
    for rupture in ruptures:
        root, seen = rupture, {rupture.pk}
        while root.pk in links and links[root.pk].pk not in seen:
            root = links[root.pk]
            seen.add(root.pk)
        groups[root.pk].append(rupture)
    patterns = [
        Pattern(sorted(group, key=lambda r: (r.happened_at, r.pk)))
        for group in groups.values()
        if len(group) > 1
    ]
    patterns.sort(key=lambda p: p.ruptures[-1].happened_at, reverse=True)
    return links, patterns


@login_required
@require_http_methods(["GET"])
def history(request: AuthedRequest) -> HttpResponse:
    open_first = Case(
        When(status=Rupture.Status.OPEN, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    ruptures = list(
        visibility.visible_entries(Rupture.objects.all(), request.user)
        .select_related("circle")
        .order_by(open_first, "-happened_at", "-id")
    )
    links, patterns = _patterns(ruptures)
    rows = [(r, links.get(r.pk)) for r in ruptures]
    return render(
        request,
        "repair/history.html",
        {
            "open_rows": [row for row in rows if not row[0].is_closed],
            "closed_rows": [row for row in rows if row[0].is_closed],
            "patterns": patterns,
            "has_circles": visibility.circles_of(request.user).exists(),
        },
    )


# --- Opening a rupture ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def open_rupture(request: AuthedRequest) -> HttpResponse:
    me = request.user
    pause = None
    if pause_id := request.GET.get("pause"):
        if not pause_id.isdigit():
            raise Http404
        pause = visibility.get_visible_or_404(
            Pause.objects.select_related("circle"), me, pk=pause_id
        )
    circles = visibility.circles_of(me)
    initial: dict[str, Any] = {"happened_at": timezone.now()}
    if pause is not None:
        initial |= {"circle": pause.circle_id, "happened_at": pause.created_at}
    elif (circle_id := request.GET.get("circle", "")).isdigit():
        initial["circle"] = int(circle_id)
    elif len(my_circles := list(circles[:2])) == 1:
        initial["circle"] = my_circles[0].pk
    form = RuptureForm(request.POST or None, person=me, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A pause from another circle than the one chosen is simply not attached.
        from_pause = pause if pause is not None and pause.circle_id == data["circle"].pk else None
        try:
            rupture = actions.open_rupture(
                me,
                data["circle"],
                data["title"],
                happened_at=data["happened_at"],
                pause=from_pause,
                linked_to=data["linked_to"],
            )
        except actions.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("It's open. Everyone in %(circle)s can see it and take part.")
                % {"circle": rupture.circle},
            )
            return redirect("rupture", pk=rupture.pk)
    return render(
        request,
        "repair/rupture_form.html",
        {"form": form, "pause": pause, "has_circles": circles.exists()},
    )


# --- One rupture ----------------------------------------------------------------------------


@dataclass
class Summary:
    """What a closed rupture keeps: how it felt, what was learnt, what each will do."""

    feelings: list[Turn]
    plan: list[Turn]
    commitments: list[Commitment]


def _summary(request: AuthedRequest, rupture: Rupture, convo: Conversation) -> Summary:
    commitments = list(
        visibility.visible_thread_items(
            Commitment.objects.filter(rupture=rupture), request.user, "rupture"
        )
        .select_related("author")
        .prefetch_related("follow_ups__author")
        .order_by("follow_up_on", "id")
    )
    return Summary(
        feelings=convo.row(steps.FEELINGS).turns,
        plan=convo.row(steps.PLAN).turns,
        commitments=commitments,
    )


@login_required
@require_http_methods(["GET"])
def rupture_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    rupture = _rupture_or_404(request, pk)
    convo = _conversation(request, rupture)
    context: dict[str, Any] = {"rupture": rupture, "convo": convo}
    if _is_htmx(request):
        status = STOP_POLLING if rupture.is_closed or convo.state.finished else 200
        return render(request, "repair/_rupture_steps.html", context, status=status)
    linked = (
        visibility.visible_entries(Rupture.objects.filter(pk=rupture.linked_to_id), request.user)
        .select_related("circle")
        .first()
        if rupture.linked_to_id
        else None
    )
    mine = Reflection.objects.filter(rupture=rupture, author=request.user).first()
    context |= {
        "linked": linked,
        "my_reflection": mine,
        "my_shared_labels": [
            PART_LABELS[p] for p in Reflection.PARTS if mine and mine.is_shared(p)
        ],
        "others_shared": _others_shared(request, rupture),
        "summary": _summary(request, rupture, convo) if rupture.is_closed else None,
    }
    return render(request, "repair/rupture.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reflection(request: AuthedRequest, pk: int) -> HttpResponse:
    rupture = _rupture_or_404(request, pk)
    # My own reflection only: this page never reads anyone else's.
    mine = Reflection.objects.filter(rupture=rupture, author=request.user).first()
    key = _draft_key(rupture, "reflection")
    initial = ReflectionForm.initial_from(mine)
    if not rupture.is_closed:
        initial = drafts.with_draft(initial, request.user, key)
    form = ReflectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_reflection(request.user, rupture, **form.parts())
        except actions.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            drafts.clear_draft(request.user, key)
            if saved.shared_parts:
                messages.success(
                    request,
                    _("Saved. The parts you ticked are shared with %(circle)s; the rest is yours.")
                    % {"circle": rupture.circle},
                )
            else:
                messages.success(request, _("Saved. Only you can see it."))
            return redirect("rupture", pk=rupture.pk)
    return render(
        request,
        "repair/reflection.html",
        {
            "rupture": rupture,
            "form": form,
            "reflection": mine,
            "parts": _reflection_parts(form),
            "draft_key": key,
        },
    )


def _reflection_parts(form: ReflectionForm) -> list[dict[str, Any]]:
    """Each part of the form with its "share this part" box, in order."""
    return [
        {
            "name": part,
            "field": form[part],
            "note": form["unmet_note"] if part == "unmet_needs" else None,
            "share": form[f"share_{part}"],
            "words": {"feelings": "hard-feelings", "unmet_needs": "needs"}.get(part),
        }
        for part in Reflection.PARTS
    ]


# --- One step of the conversation -----------------------------------------------------------


def _draft_key(rupture: Rupture, part: str) -> str:
    return drafts.draft_key("rupture", rupture.pk, part)


def _next_place(rupture: Rupture, done_step: str) -> tuple[str, Any]:
    """Where to go after a turn: the same step while others still owe theirs, the next step
    when it opened, the plan page once the conversation is done."""
    state, _members = actions.conversation_state(rupture)
    if state.finished:
        return "rupture_plan", {"pk": rupture.pk}
    if state.step != done_step:
        return "rupture_step", {"pk": rupture.pk, "step": state.step}
    return "rupture_step", {"pk": rupture.pk, "step": done_step}


def _step_context(
    request: AuthedRequest, rupture: Rupture, slug: str, form: Any = None
) -> dict[str, Any]:
    convo = _conversation(request, rupture)
    row = convo.row(slug)
    others_spoken = any(t.author_id != request.user.pk for t in row.turns)
    context: dict[str, Any] = {
        "rupture": rupture,
        "convo": convo,
        "row": row,
        "step": slug,
        "reflect_first": steps.needs_reflection_first(slug, others_spoken),
        "their_realities": [t for t in row.turns if t.author_id != request.user.pk]
        if slug == steps.REALITIES
        else [],
    }
    if form is None and row.mine_now:
        # A half-written turn comes back as it was left (see repair/_autosave.html).
        initial = drafts.with_draft({}, request.user, _draft_key(rupture, slug))
        form = turn_form(slug, initial=initial, reflect_first=context["reflect_first"])
    context["draft_key"] = _draft_key(rupture, slug)
    context |= {"form": form, "form_shown": form is not None, "on_step_page": True}
    if slug == steps.RESPONSIBILITY and form is not None:
        context["check"] = _apology_check_context(
            *(str(form[name].value() or "") for name in ("what_i_did", "impact", "next_time"))
        )
    return context


@login_required
@require_http_methods(["GET", "POST"])
def step(request: AuthedRequest, pk: int, step: str) -> HttpResponse:
    if step not in steps.STEPS:
        raise Http404
    rupture = _rupture_or_404(request, pk)
    if request.method == "GET" and _is_htmx(request):
        context = _step_context(request, rupture, step)
        # The status is polled from a page that may or may not hold the turn form already.
        context["form_shown"] = request.GET.get("form") == "1"
        if context["form_shown"] and context["reflect_first"] and request.GET.get("reflect") == "0":
            # Someone just told their side while this person's form was open: reload so the
            # "what I heard" boxes appear now rather than after a refused send. What they were
            # typing is kept as a draft and comes back with the page.
            response = HttpResponse(status=200)
            response["HX-Refresh"] = "true"
            return response
        row = context["row"]
        stop = rupture.is_closed or row.is_done
        return render(
            request, "repair/_step_status.html", context, status=STOP_POLLING if stop else 200
        )
    form = None
    if request.method == "POST":
        others_spoken = (
            visibility.visible_thread_items(
                Turn.objects.filter(rupture=rupture, step=step), request.user, "rupture"
            )
            .exclude(author=request.user)
            .exists()
        )
        form = turn_form(
            step,
            request.POST,
            reflect_first=steps.needs_reflection_first(step, others_spoken),
        )
        # "Check my words first" (the apology builder without JavaScript) shows the composed
        # apology and its pitfalls without sending anything.
        wants_check = step == steps.RESPONSIBILITY and bool(request.POST.get("check"))
        if not wants_check and form.is_valid():
            try:
                actions.take_turn(request.user, rupture, step, **form.turn_fields())
            except actions.NotAllowed as exc:
                form.add_error(None, str(exc))
            else:
                drafts.clear_draft(request.user, _draft_key(rupture, step))
                name, kwargs = _next_place(rupture, step)
                messages.success(request, _("Thank you. Your turn is in."))
                return redirect(name, **kwargs)
    return render(request, "repair/step.html", _step_context(request, rupture, step, form))


# --- The live apology check -----------------------------------------------------------------


def _apology_check_context(what_i_did: str, impact: str, next_time: str) -> dict[str, Any]:
    composed = apology.compose(
        what_i_did[:CHECK_LIMIT], impact[:CHECK_LIMIT], next_time[:CHECK_LIMIT]
    )
    found = [
        {
            "kind": p.kind,
            "words": composed[p.start : p.end],
            # The coach writes these in English; shown through the translation catalogue.
            "message": _(p.message),
            "suggestion": _(p.suggestion),
        }
        for p in apology.pitfalls(composed)
    ]
    return {"composed": composed, "pitfalls": found}


@login_required
@require_POST
def apology_check(request: AuthedRequest) -> HttpResponse:
    """Compose the apology from the builder's parts and flag common pitfalls, while typing.
    It only echoes the person's own words back to them and never blocks sending."""
    data = request.POST
    context = _apology_check_context(
        data.get("what_i_did", ""), data.get("impact", ""), data.get("next_time", "")
    )
    return render(request, "repair/_apology_check.html", {"check": context})
