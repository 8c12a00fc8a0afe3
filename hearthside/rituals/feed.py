"""Placeholder until this module is written."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def calendar_settings(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def feed(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)
