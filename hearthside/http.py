"""Request types for views behind `login_required`, so the type checker knows who is asking."""

from __future__ import annotations

from django.http import HttpRequest

from hearthside.accounts.models import Person


class AuthedRequest(HttpRequest):
    user: Person  # type: ignore[assignment]
