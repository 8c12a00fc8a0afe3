"""Placeholder until this module is written."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def ritual_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def ritual_new(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def ritual_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def ritual_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def reminders(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def occurrence(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)
