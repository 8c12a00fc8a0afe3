"""Owning your data: the pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from hearthside.http import AuthedRequest


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(request, "data/index.html")
