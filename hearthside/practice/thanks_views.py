"""Appreciations: notes of thanks to a member, small acts of support noticed, and favourites
to re-read on hard days."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from hearthside.http import AuthedRequest


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(request, "practice/thanks.html")
