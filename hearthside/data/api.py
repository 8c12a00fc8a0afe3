"""Owning your data: JSON API routes under /api/v1/data/.

Every route works on the caller's own account only: there is no id to ask for anyone else's.
The export holds what `hearthside.data.export` puts in it (the caller's own words, their circles'
names and the other members' names); imports go into the caller's account; deleting needs the
caller's password and the phrase "delete my account" in the body.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Form, NinjaAPI, Router, Schema, Status
from ninja.files import UploadedFile

from hearthside.api.auth import caller
from hearthside.api.schemas import Message
from hearthside.data import deletion, export, importer, markdown, sources
from hearthside.data.forms import TooManyTries, check_password

router = Router(tags=["your data"])

Source = Literal["hearthside", "jrnl", "daylio"]


def register(api: NinjaAPI) -> None:
    """Add this app's routers to `api`."""
    api.add_router("/data", router)


class LeftOutOut(Schema):
    reason: str
    count: int


class KindOut(Schema):
    kind: str
    new: int
    already_here: int
    left_out: list[LeftOutOut]
    first: datetime | None
    last: datetime | None


class CircleOut(Schema):
    name: str
    kind: str
    new: bool
    shared_with: list[str]


class ImportOut(Schema):
    source: Source
    committed: bool
    new: int
    already_here: int
    first: datetime | None
    last: datetime | None
    kinds: list[KindOut]
    circles: list[CircleOut]
    problems: list[str]
    notes: list[str]
    unknown_kinds: list[str]
    settings: list[str]


class DeleteIn(Schema):
    # Not `In`: a password is taken exactly as typed, spaces and all.
    password: str
    confirm: str


class RemovedOut(Schema):
    label: str
    count: int


class DeletedOut(Schema):
    removed: list[RemovedOut]


@router.get("/export", response=dict[str, Any], summary="Everything I wrote, as JSON")
def export_json(request: HttpRequest) -> Any:
    return export.build(caller(request))


@router.get(
    "/export.zip",
    response={200: None},
    summary="Everything I wrote, as a .zip of Markdown (with the JSON inside)",
)
def export_zip(request: HttpRequest) -> HttpResponse:
    content = markdown.archive(export.build(caller(request)))
    response = HttpResponse(content, content_type="application/zip")
    name = f"hearthside-export-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store, private"
    return response


def _run(
    request: HttpRequest, file: UploadedFile, source: str, apply_settings: bool, *, commit: bool
) -> Any:
    person = caller(request)
    try:
        sources.check_size(file.size or 0)
        raw = b"".join(file.chunks())
        document = sources.read(source, raw, time_zone=person.time_zone)
        report = importer.run(person, document, apply_settings=apply_settings, commit=commit)
    except sources.ImportProblem as exc:
        return Status(400, {"detail": str(exc)})
    except importer.ImportFailed as exc:
        return Status(500, {"detail": str(exc)})
    return report.as_dict()


@router.post(
    "/import/preview",
    response={200: ImportOut, 400: Message, 500: Message},
    summary="What a file would bring in (nothing is changed)",
)
def import_preview(
    request: HttpRequest,
    file: File[UploadedFile],
    source: Form[Source] = "hearthside",
    apply_settings: Form[bool] = True,
) -> Any:
    return _run(request, file, source, apply_settings, commit=False)


@router.post(
    "/import",
    response={200: ImportOut, 400: Message, 500: Message},
    summary="Bring a file in (all of it, or nothing)",
)
def import_file(
    request: HttpRequest,
    file: File[UploadedFile],
    source: Form[Source] = "hearthside",
    apply_settings: Form[bool] = True,
) -> Any:
    return _run(request, file, source, apply_settings, commit=True)


@router.delete(
    "/account",
    response={200: DeletedOut, 400: Message, 429: Message},
    summary="Delete my account and everything I wrote",
)
def delete_account(request: HttpRequest, payload: DeleteIn) -> Any:
    person = caller(request)
    if " ".join(payload.confirm.split()).casefold() != deletion.CONFIRM_PHRASE:
        return Status(
            400, {"detail": f'Send "confirm": "{deletion.CONFIRM_PHRASE}". Nothing was deleted.'}
        )
    try:
        right = check_password(request, person, payload.password)
    except TooManyTries:
        return Status(429, {"detail": "Too many tries. Wait a minute. Nothing was deleted."})
    if not right:
        return Status(400, {"detail": "That isn't your password. Nothing was deleted."})
    removed = deletion.delete_account(person)
    return {"removed": [{"label": r.label, "count": r.count} for r in removed]}
