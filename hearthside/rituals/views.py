"""Rituals: the list, starting and changing one, its page, my reminders for it, and one
occurrence, gone through step by step.

Which rituals a person sees is decided by `visibility.circle_things` alone. Future dates come
from the schedule; an `Occurrence` row is made only when someone acts on one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, QuerySet
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.http import AuthedRequest
from hearthside.rituals import occurrences
from hearthside.rituals.consistency import (
    Consistency,
    consistency,
    next_instances,
    recent_instances,
    settled,
)
from hearthside.rituals.forms import (
    NTH_CHOICES,
    DoneForm,
    MoveForm,
    NoteForm,
    ReminderForm,
    RitualForm,
    lead_words,
)
from hearthside.rituals.models import (
    DEFAULT_LEAD_MINUTES,
    Occurrence,
    OccurrenceNote,
    ReminderSetting,
    Ritual,
)
from hearthside.rituals.templates import BY_SLUG, TEMPLATES

UPCOMING = 5


def occurrence_url(ritual: Ritual, moment: datetime) -> str:
    return reverse("occurrence", args=[ritual.pk, occurrences.format_when(moment)])


# --- Words ------------------------------------------------------------------------------------


def schedule_in_words(ritual: Ritual, viewer_zone: str | None = None) -> str:
    """ "Every Sunday at 19:00", in the ritual's own zone, naming the zone when it isn't the
    viewer's."""
    n = ritual.interval
    values: dict[str, Any] = {"time": ritual.at.strftime("%H:%M"), "n": n}
    if ritual.freq == Ritual.Freq.DAILY:
        if n == 1:
            words = _("Every day at %(time)s") % values
        else:
            words = (
                ngettext("Every %(n)s day at %(time)s", "Every %(n)s days at %(time)s", n) % values
            )
    elif ritual.freq == Ritual.Freq.WEEKLY:
        values["days"] = get_text_list([str(WEEKDAYS[d]) for d in ritual.weekday_list()], _("and"))
        if n == 1:
            words = _("Every %(days)s at %(time)s") % values
        else:
            words = (
                ngettext(
                    "Every %(n)s week on %(days)s at %(time)s",
                    "Every %(n)s weeks on %(days)s at %(time)s",
                    n,
                )
                % values
            )
    else:
        values["nth"] = str(dict(NTH_CHOICES).get(str(ritual.monthly_nth), ""))
        values["day"] = str(WEEKDAYS.get(ritual.monthly_day or 0, ""))
        if n == 1:
            words = _("On the %(nth)s %(day)s of every month at %(time)s") % values
        else:
            words = (
                ngettext(
                    "On the %(nth)s %(day)s of every %(n)s month at %(time)s",
                    "On the %(nth)s %(day)s of every %(n)s months at %(time)s",
                    n,
                )
                % values
            )
    if viewer_zone and viewer_zone != ritual.time_zone:
        words = _("%(schedule)s, %(zone)s time") % {"schedule": words, "zone": ritual.time_zone}
    return words


def _local(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "l j F, H:i")


# --- Looking back and ahead -------------------------------------------------------------------


@dataclass(frozen=True)
class Instance:
    """One occurrence of a schedule, with its row if anyone has acted on it."""

    ritual: Ritual
    at: datetime  # the scheduled time (aware, UTC): its identity
    row: Occurrence | None = None

    @property
    def when(self) -> str:
        return occurrences.format_when(self.at)

    @property
    def url(self) -> str:
        return occurrence_url(self.ritual, self.at)

    @property
    def status(self) -> str:
        return self.row.status if self.row else Occurrence.Status.PLANNED

    @property
    def starts_at(self) -> datetime:
        return self.row.starts_at if self.row else self.at


@dataclass(frozen=True)
class RitualRow:
    ritual: Ritual
    schedule_words: str
    next: Instance | None
    consistency: Consistency


def _looked_back_on(ritual: Ritual, now: datetime) -> list[datetime]:
    """Recent occurrence times, from when the ritual was made: dates before it existed were
    never anyone's to keep."""
    return [m for m in recent_instances(ritual.schedule(), now) if m >= ritual.created_at]


def _rows_by_time(
    rituals: Iterable[Ritual], start: datetime, end: datetime
) -> dict[tuple[int, datetime], Occurrence]:
    return {
        (row.ritual_id, row.scheduled_for): row
        for row in Occurrence.objects.filter(
            ritual__in=list(rituals), scheduled_for__gte=start, scheduled_for__lte=end
        ).prefetch_related("attendees")
    }


def _looking_back(
    ritual: Ritual,
    instances: list[datetime],
    rows: dict[tuple[int, datetime], Occurrence],
    now: datetime,
) -> Consistency:
    kept, still_open = set(), set()
    for moment in instances:
        row = rows.get((ritual.pk, moment))
        if row is None:
            continue
        if row.status == Occurrence.Status.DONE:
            kept.add(moment)
        elif row.status == Occurrence.Status.MOVED and row.moved_to and row.moved_to > now:
            still_open.add(moment)
    return consistency(settled(instances, kept, now=now, still_open=still_open), ritual.schedule())


def ritual_rows(rituals: list[Ritual], viewer: Person) -> list[RitualRow]:
    """Each ritual with its schedule in words, its next occurrence (a skipped one passed over)
    and how it has been kept lately. Two queries, however many rituals."""
    now = timezone.now()
    back = {r.pk: _looked_back_on(r, now) for r in rituals}
    ahead = {r.pk: next_instances(r.schedule(), now, 3) for r in rituals}
    moments = [m for times in (*back.values(), *ahead.values()) for m in times]
    rows = _rows_by_time(rituals, min(moments), max(moments)) if moments else {}
    result = []
    for ritual in rituals:
        coming = (Instance(ritual, m, rows.get((ritual.pk, m))) for m in ahead[ritual.pk])
        result.append(
            RitualRow(
                ritual=ritual,
                schedule_words=schedule_in_words(ritual, viewer.time_zone),
                next=next((i for i in coming if i.status != Occurrence.Status.SKIPPED), None),
                consistency=_looking_back(ritual, back[ritual.pk], rows, now),
            )
        )
    return result


def rituals_for_circle(person: Person, circle: Circle) -> list[RitualRow]:
    """The circle's current rituals, for its page: the `circle_rituals` that
    rituals/_circle_rituals.html shows."""
    rituals = visibility.circle_things(
        Ritual.objects.filter(circle=circle, archived_at__isnull=True), person
    )
    return ritual_rows(list(rituals), person)


# --- Lookups ----------------------------------------------------------------------------------


def _ritual_or_404(person: Person, pk: int) -> Ritual:
    try:
        return visibility.circle_things(Ritual.objects.select_related("circle"), person).get(pk=pk)
    except Ritual.DoesNotExist as exc:
        raise Http404 from exc


def _instance_or_404(ritual: Ritual, when: str) -> datetime:
    moment = occurrences.find_instance(ritual, when)
    if moment is None:
        raise Http404
    return moment


def _members(circle: Circle) -> QuerySet[Person]:
    # Who may be ticked as there: the circle's current members, asked of the one rule, as a
    # queryset (the form's choices), by name.
    return Person.objects.filter(visibility.active_member(circle, OuterRef("pk"))).order_by(
        "display_name", "pk"
    )


def _visible_notes(occurrence: Occurrence | None, me: Person) -> list[OccurrenceNote]:
    if occurrence is None:
        return []
    return list(
        visibility.visible_circle_notes(
            OccurrenceNote.objects.filter(occurrence=occurrence), me, "occurrence__ritual__circle"
        ).select_related("author")
    )


# --- Views ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def ritual_list(request: AuthedRequest) -> HttpResponse:
    me = request.user
    visible = visibility.circle_things(Ritual.objects.select_related("circle"), me)
    current = list(visible.filter(archived_at__isnull=True).order_by("circle__name", "title", "id"))
    resting = list(visible.filter(archived_at__isnull=False).order_by("-archived_at")[:20])
    return render(
        request,
        "rituals/list.html",
        {
            "rows": ritual_rows(current, me),
            "resting": resting,
            "templates": TEMPLATES,
            "has_circles": visibility.circles_of(me).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ritual_new(request: AuthedRequest) -> HttpResponse:
    me = request.user
    circles = visibility.circles_of(me).order_by("name")
    chosen = BY_SLUG.get(request.GET.get("template", ""), BY_SLUG["custom"])
    initial: dict[str, Any] = {}
    if circle_id := request.GET.get("circle"):
        if not circle_id.isdigit():
            raise Http404
        initial["circle"] = visibility.get_circle_or_404(me, circle_id)
    form = RitualForm(
        request.POST if request.method == "POST" else None,
        person=me,
        circles=circles,
        template=chosen,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        ritual = form.save(commit=False)
        ritual.created_by = me
        ritual.template = form.cleaned_data["template"]
        ritual.save()
        messages.success(
            request,
            _("“%(title)s” is ready. Everyone in %(circle)s can see it and join in.")
            % {"title": ritual.title, "circle": ritual.circle.name},
        )
        return redirect("ritual", pk=ritual.pk)
    return render(
        request,
        "rituals/form.html",
        {
            "form": form,
            "chosen": chosen,
            "templates": TEMPLATES,
            "has_circles": circles.exists(),
            "circle_id": initial["circle"].pk if "circle" in initial else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ritual_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    ritual = _ritual_or_404(request.user, pk)
    data = request.POST if request.method == "POST" else None
    form = RitualForm(data, instance=ritual, person=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved. Everyone in the circle sees the new version."))
        return redirect("ritual", pk=ritual.pk)
    return render(request, "rituals/form.html", {"form": form, "ritual": ritual})


@login_required
@require_http_methods(["GET", "POST"])
def ritual_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    me = request.user
    ritual = _ritual_or_404(me, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "archive" and ritual.archived_at is None:
            occurrences.rest(ritual)
            messages.success(
                request,
                _(
                    "“%(title)s” is resting now: no reminders, off the calendar. Its history "
                    "stays, and you can bring it back any time."
                )
                % {"title": ritual.title},
            )
        elif action == "restore" and ritual.archived_at is not None:
            ritual.archived_at = None
            ritual.save(update_fields=["archived_at"])
            messages.success(request, _("“%(title)s” is back.") % {"title": ritual.title})
        elif action not in ("archive", "restore"):
            return HttpResponseBadRequest()
        return redirect("ritual", pk=ritual.pk)

    now = timezone.now()
    back = _looked_back_on(ritual, now)
    ahead = [] if ritual.archived_at else next_instances(ritual.schedule(), now, UPCOMING)
    moments = back + ahead
    rows = _rows_by_time([ritual], min(moments), max(moments)) if moments else {}
    history = [Instance(ritual, m, rows.get((ritual.pk, m))) for m in reversed(back[-10:])]
    setting = ReminderSetting.objects.filter(person=me, ritual=ritual).first()
    return render(
        request,
        "rituals/detail.html",
        {
            "ritual": ritual,
            "schedule_words": schedule_in_words(ritual, me.time_zone),
            "upcoming": [Instance(ritual, m, rows.get((ritual.pk, m))) for m in ahead],
            "history": history,
            "consistency": _looking_back(ritual, back, rows, now),
            "lead_words": get_text_list(
                [
                    lead_words(m)
                    for m in (setting.lead_minutes if setting else DEFAULT_LEAD_MINUTES)
                ],
                _("and"),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: AuthedRequest, pk: int) -> HttpResponse:
    me = request.user
    ritual = _ritual_or_404(me, pk)
    setting = ReminderSetting.objects.filter(person=me, ritual=ritual).first()
    current = setting.lead_minutes if setting else DEFAULT_LEAD_MINUTES
    form = ReminderForm(
        request.POST if request.method == "POST" else None,
        initial={"lead_minutes": [str(m) for m in current]},
    )
    if request.method == "POST" and form.is_valid():
        leads = form.cleaned_data["lead_minutes"]
        ReminderSetting.objects.update_or_create(
            person=me, ritual=ritual, defaults={"lead_minutes": leads, "updated_at": timezone.now()}
        )
        if leads:
            text = ngettext(
                "Saved. You'll get a reminder before each “%(title)s”.",
                "Saved. You'll get %(count)s reminders before each “%(title)s”.",
                len(leads),
            ) % {"count": len(leads), "title": ritual.title}
        else:
            text = _("Saved. No reminders for this one — you can turn them back on here any time.")
        messages.success(request, text)
        return redirect("ritual", pk=ritual.pk)
    return render(request, "rituals/reminders.html", {"ritual": ritual, "form": form})


def _step_of(request: AuthedRequest, last: int) -> int:
    """The step asked for: 0 is the start, 1…len(agenda) the prompts, then wrapping up."""
    raw = request.GET.get("step", "0")
    step = int(raw) if raw.isdigit() else 0
    return min(step, last)


@dataclass
class Visit:
    """Everything one occurrence page is about: whose, when, and any row already there."""

    me: Person
    ritual: Ritual
    moment: datetime
    row: Occurrence | None

    @property
    def agenda(self) -> list[str]:
        return list(self.ritual.agenda)

    @property
    def wrap_up(self) -> int:
        return len(self.agenda) + 1

    @property
    def url(self) -> str:
        return occurrence_url(self.ritual, self.moment)

    def members(self) -> QuerySet[Person]:
        return _members(self.ritual.circle)

    def reopen(self, occ: Occurrence) -> None:
        """Undo done or skipped: open again, at its moved time if it had one."""
        occ.status = Occurrence.Status.MOVED if occ.moved_to else Occurrence.Status.PLANNED
        occ.completed_at = None
        occ.updated_at = timezone.now()
        occ.save(update_fields=["status", "completed_at", "updated_at"])
        occ.attendees.clear()


@login_required
@require_http_methods(["GET", "POST"])
def occurrence(request: AuthedRequest, pk: int, when: str) -> HttpResponse:
    ritual = _ritual_or_404(request.user, pk)
    moment = _instance_or_404(ritual, when)
    row = (
        Occurrence.objects.filter(ritual=ritual, scheduled_for=moment)
        .prefetch_related("attendees")
        .first()
    )
    visit = Visit(request.user, ritual, moment, row)
    if request.method == "POST":
        return _act(request, visit)
    return _show(request, visit, _step_of(request, visit.wrap_up))


def _act(request: AuthedRequest, visit: Visit) -> HttpResponse:
    """The occurrence page's buttons: a note, done, skip, move, or unmark."""
    action = request.POST.get("action")
    if action == "note":
        raw = request.POST.get("prompt", "")
        if not raw.isdigit() or int(raw) >= len(visit.agenda):
            return HttpResponseBadRequest()
        prompt = int(raw)
        note_form = NoteForm(request.POST)
        if not note_form.is_valid():
            return _show(request, visit, prompt + 1, note_form=note_form)
        _save_note(visit, prompt, note_form.cleaned_data)
        step = prompt if request.POST.get("go") == "back" else prompt + 2
        return redirect(f"{visit.url}?step={step}")
    if action == "done":
        done_form = DoneForm(request.POST, members=visit.members())
        if not done_form.is_valid():
            return _show(request, visit, visit.wrap_up, done_form=done_form)
        occ = occurrences.mark_done(visit.ritual, visit.moment)
        occ.attendees.set(done_form.cleaned_data["attendees"])
        messages.success(request, _("Marked as done. Thank you for making the time."))
    elif action == "skip":
        occurrences.skip(visit.ritual, visit.moment)
        messages.success(request, _("Skipped this one. That's alright — see you next time."))
    elif action == "move":
        move_form = MoveForm(request.POST, time_zone=visit.me.time_zone)
        if not move_form.is_valid():
            return _show(request, visit, 0, move_form=move_form)
        occ = occurrences.move(visit.ritual, visit.moment, move_form.cleaned_data["to"])
        values = {"when": _local(occ.starts_at), "circle": visit.ritual.circle.name}
        if occ.moved_to is None:
            text = _("Back at its usual time, %(when)s.") % values
        else:
            text = _("Moved to %(when)s. Everyone in %(circle)s will see the new time.") % values
        messages.success(request, text)
    elif action == "reopen" and visit.row is not None:
        visit.reopen(visit.row)
        messages.success(request, _("Unmarked — it's open again."))
    else:
        return HttpResponseBadRequest()
    return redirect(visit.url)


def _show(request: AuthedRequest, visit: Visit, step: int, **bound: Any) -> HttpResponse:
    """The page at one step, with any form that came back with something to fix."""
    me, row, agenda = visit.me, visit.row, visit.agenda
    notes = _visible_notes(row, me)
    context: dict[str, Any] = {
        "ritual": visit.ritual,
        "moment": visit.moment,
        "row": row,
        "agenda": agenda,
        "step": step,
        "wrap_up": visit.wrap_up,
        "here": visit.url,
        "my_zone": me.time_zone,
        "notes": [(i, text, [n for n in notes if n.prompt == i]) for i, text in enumerate(agenda)],
        "attendees": sorted(p.name for p in row.attendees.all()) if row else [],
    }
    if 1 <= step <= len(agenda):
        prompt = step - 1
        mine = next((n for n in notes if n.prompt == prompt and n.author_id == me.pk), None)
        context |= {
            "prompt_index": prompt,
            "prompt": agenda[prompt],
            "note_form": bound.get("note_form")
            or NoteForm(initial={"text": mine.text, "shared": mine.shared} if mine else None),
            "others": [n for n in notes if n.prompt == prompt and n.author_id != me.pk],
        }
    done = row is not None and row.status == Occurrence.Status.DONE
    attended = [p.pk for p in row.attendees.all()] if row and done else [me.pk]
    context["done_form"] = bound.get("done_form") or DoneForm(
        members=visit.members(), initial={"attendees": attended}
    )
    starts_at = row.starts_at if row else visit.moment
    context["move_form"] = bound.get("move_form") or MoveForm(
        time_zone=me.time_zone, initial={"to": timezone.localtime(starts_at).replace(tzinfo=None)}
    )
    return render(request, "rituals/occurrence.html", context)


def _row_for(ritual: Ritual, moment: datetime) -> Occurrence:
    occ, _created = Occurrence.objects.get_or_create(ritual=ritual, scheduled_for=moment)
    return occ


def _save_note(visit: Visit, prompt: int, data: dict[str, Any]) -> None:
    """One note per person per prompt: typing again changes it, emptying it removes it."""
    text = data["text"].strip()
    if not text and visit.row is None:
        return  # only passing through: nothing to keep, no row needed
    occ = visit.row or _row_for(visit.ritual, visit.moment)
    mine = OccurrenceNote.objects.filter(occurrence=occ, author=visit.me, prompt=prompt)
    if not text:
        mine.delete()
        return
    note = mine.first() or OccurrenceNote(occurrence=occ, author=visit.me, prompt=prompt)
    note.text = text
    note.shared = data["shared"]
    note.save()
