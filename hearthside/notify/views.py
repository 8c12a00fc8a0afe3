"""Placeholder until this module is written."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def inbox(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def open_notification(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def channels(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def send_test(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def remove_channel(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)
