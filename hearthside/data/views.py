"""Owning your data: the pages (Settings → Your data).

Everything here is the signed-in person's own: the export is built for `request.user` only, a
pending import is looked up with `person=request.user` (anyone else's is a 404, like one that
never existed), and deletion needs the person's password and a typed phrase.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hearthside.data import deletion, export, importer, markdown, sources
from hearthside.data.forms import DeleteAccountForm, ImportForm
from hearthside.data.models import PendingImport
from hearthside.http import AuthedRequest


def _index(
    request: AuthedRequest,
    form: ImportForm | None = None,
    status: int = 200,
    problem: str | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {
        "counts": export.counts(request.user),
        "form": form or ImportForm(),
        "problem": problem,
    }
    return render(request, "data/index.html", context, status=status)


@login_required
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    # Uploads nobody confirmed go within the hour; this is one of the moments we check.
    PendingImport.forget_stale()
    return _index(request)


def _download(content: bytes, content_type: str, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"hearthside-export-{timezone.localdate().isoformat()}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # The person's words: never kept by a browser cache or a proxy.
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_GET
def export_json(request: AuthedRequest) -> HttpResponse:
    document = export.build(request.user)
    return _download(export.to_json(document), "application/json; charset=utf-8", "json")


@login_required
@require_GET
def export_zip(request: AuthedRequest) -> HttpResponse:
    return _download(markdown.archive(export.build(request.user)), "application/zip", "zip")


@login_required
@require_POST
def import_preview(request: AuthedRequest) -> HttpResponse:
    """Read the file, show what it holds, and keep it (for an hour) until the person says yes."""
    PendingImport.forget_stale()
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _index(request, form, status=400)
    raw = form.read()
    source = form.cleaned_data["source"]
    apply_settings = bool(form.cleaned_data["apply_settings"])
    try:
        document = sources.read(source, raw, time_zone=request.user.time_zone)
        report = importer.run(request.user, document, apply_settings=apply_settings, commit=False)
    except (sources.ImportProblem, importer.ImportFailed) as exc:
        form.add_error("file", str(exc))
        return _index(request, form, status=400)
    # One waiting file per person: a new preview replaces the last.
    PendingImport.objects.filter(person=request.user).delete()
    pending = PendingImport.objects.create(
        person=request.user,
        source=source,
        filename=str(form.cleaned_data["file"].name)[:200],
        content=raw,
        apply_settings=apply_settings,
    )
    return render(
        request,
        "data/preview.html",
        {"report": report, "pending": pending, "headline": headline(report)},
    )


@login_required
@require_POST
def import_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    pending = get_object_or_404(PendingImport, pk=pk, person=request.user)
    if pending.expired:
        pending.delete()
        return _index(
            request,
            ImportForm(initial={"source": pending.source}),
            status=400,
            problem=_("That file waited more than an hour, so we let it go. Choose it again."),
        )
    try:
        document = sources.read(
            pending.source, bytes(pending.content), time_zone=request.user.time_zone
        )
        report = importer.run(
            request.user, document, apply_settings=pending.apply_settings, commit=True
        )
    except (sources.ImportProblem, importer.ImportFailed) as exc:
        form = ImportForm(initial={"source": pending.source})
        return _index(request, form, status=400, problem=str(exc))
    finally:
        PendingImport.objects.filter(pk=pk).delete()
    return render(request, "data/imported.html", {"report": report, "headline": headline(report)})


@login_required
@require_POST
def import_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    get_object_or_404(PendingImport, pk=pk, person=request.user).delete()
    return redirect("data")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthedRequest) -> HttpResponse:
    person = request.user
    form = DeleteAccountForm(
        request.POST if request.method == "POST" else None, request=request, person=person
    )
    if request.method == "POST" and form.is_valid():
        name = person.name
        removed = deletion.delete_account(person)
        logout(request)
        # Shown once, in this response; nothing about it is kept.
        response = render(request, "data/goodbye.html", {"removed": removed, "name": name})
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "data/delete.html",
        {
            "form": form,
            "phrase": deletion.CONFIRM_PHRASE,
            "solo": deletion.solo_circles(person),
        },
        status=400 if form.is_bound else 200,
    )


def headline(report: importer.Report) -> str:
    """One sentence: how many things, and from when to when."""
    if not report.new:
        return _("Nothing new to bring in.")
    only_checkins = all(k.new == 0 for k in report.kinds if k.kind.key != "checkins")
    if only_checkins:
        what = ngettext("%(n)s check-in", "%(n)s check-ins", report.new) % {"n": report.new}
    else:
        what = ngettext("%(n)s thing", "%(n)s things", report.new) % {"n": report.new}
    first, last = report.first, report.last
    if first is None or last is None:
        return what
    zone = timezone.get_current_timezone()
    start, end = first.astimezone(zone).date(), last.astimezone(zone).date()
    if start == end:
        return _("%(what)s from %(day)s") % {"what": what, "day": _day(start)}
    return _("%(what)s from %(start)s to %(end)s") % {
        "what": what,
        "start": _day(start),
        "end": _day(end),
    }


def _day(day: date) -> str:
    return formats.date_format(day, "j F Y")
