"""The language coach's live notes: htmx posts the words in one field as the person pauses in
typing, and gets back quiet notes to show under it (`{% coach %}` in templatetags/hearth.py
puts the container on the page; hearthside.js does "Use this wording").

The words are read, analysed and answered; never stored, never logged. Beyond signing the
person in, nothing touches the database, so a note comes back while they are still looking
at what they wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hearthside.coach import CONTEXTS, KINDS, MAX_CHARS, Finding, analyze
from hearthside.http import AuthedRequest

# Form field names (the POST key holding the words) and element ids we echo into the page.
FIELD_NAME = re.compile(r"[a-z_-]{1,64}")
ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,99}")
# A handful of notes at a time: past that they stop being gentle. The rest come as the first
# ones are taken up.
MAX_NOTES = 5
# How much of the person's text is shown on either side of the marked words.
AROUND = 32


@dataclass(frozen=True)
class Note:
    kind: str
    before: str
    words: str
    after: str
    message: str
    suggestion: str
    # Offsets into the field's value in UTF-16 code units, as JavaScript counts them.
    rewrite_start: int
    rewrite_end: int
    replaces: str


def _js_index(text: str, index: int) -> int:
    """A code-point offset as a JavaScript string offset (emoji count twice there)."""
    return len(text[:index].encode("utf-16-le")) // 2


def _before(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    begin = max(line_start, start - AROUND)
    piece = text[begin:start]
    if begin > line_start:
        # Start on a whole word, and show that something came before.
        cut = piece.find(" ")
        piece = "…" + (piece[cut + 1 :] if cut != -1 else piece)
    return piece


def _after(text: str, end: int) -> str:
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    finish = min(line_end, end + AROUND)
    piece = text[end:finish]
    if finish < line_end:
        cut = piece.rfind(" ")
        piece = (piece[:cut] if cut > 0 else piece) + "…"
    return piece


def _note(text: str, f: Finding) -> Note:
    end = f.rewrite_end
    if f.suggestion[-1:] in (".", "!", "?") and text[end : end + 1] in (".", "!", "?"):
        # The suggestion ends its own sentence: let it take the place of the person's full stop
        # too, or "Would you be willing to …?" would end up as "…?.".
        end += 1
    return Note(
        kind=f.kind,
        before=_before(text, f.start),
        words=text[f.start : f.end],
        after=_after(text, f.end),
        message=f.message,
        suggestion=f.suggestion,
        rewrite_start=_js_index(text, f.rewrite_start),
        rewrite_end=_js_index(text, end),
        replaces=text[f.rewrite_start : end],
    )


def _quiet(value: str) -> set[str]:
    return {kind.strip() for kind in value.split(",")} & set(KINDS)


@never_cache
@require_POST
def notes(request: AuthedRequest) -> HttpResponse:
    """POST `context` (share, reply, apology or request), `field` (the name of the POST key
    holding the words), optionally `target` (the id of the field on the page; `id_<field>`
    by default) and `quiet` (coach kinds to leave out, comma-separated). Answers the notes'
    HTML, or an empty body when there is nothing to suggest or the person turned the coach
    off."""
    if not request.user.is_authenticated:
        # Only ever asked in the background while someone types. A sign-in page pasted under
        # their words would be confusing, and sending them to it would lose what they typed;
        # htmx leaves the page alone on a 401, and the form's own submit signs them in again.
        return HttpResponse(status=401)
    context = request.POST.get("context", "")
    field = request.POST.get("field", "")
    target = request.POST.get("target") or f"id_{field}"
    if context not in CONTEXTS:
        return HttpResponseBadRequest(
            _("The coach can help with a share, a reply, an apology or a request.")
        )
    if not FIELD_NAME.fullmatch(field) or not ELEMENT_ID.fullmatch(target):
        return HttpResponseBadRequest(_("The coach couldn't tell which words to read."))
    if not request.user.coach_enabled:
        return HttpResponse("")
    quiet = _quiet(request.POST.get("quiet", ""))
    return HttpResponse(notes_html(request.POST.get(field, ""), context, target, quiet))


def notes_html(text: str, context: str, target: str, quiet: Iterable[str] = ()) -> str:
    """The notes for `text` (the value of the field with id `target`), or "" when there is
    nothing to suggest. The view answers with it as the person types; `{% coach %}` puts it
    on the page straight away when a field already holds words (a kept draft, a form sent
    back with a problem), so nobody waits for a second request to see them."""
    # Browsers send line breaks as CRLF; the field's value (which the offsets point into) has
    # plain LF.
    text = text[:MAX_CHARS].replace("\r\n", "\n")
    left_out = set(quiet)
    found = [f for f in analyze(text, context=context) if f.kind not in left_out]
    if not found:
        return ""
    # Rendered without the request: the page's context processors would query the database.
    return render_to_string(
        "coach/_notes.html",
        {
            "notes": [_note(text, f) for f in found[:MAX_NOTES]],
            "more": len(found) > MAX_NOTES,
            "target": target,
        },
    )
