"""Small helpers the API tests share."""

from __future__ import annotations

from typing import Any

from hearthside.api.models import PersonalToken


def auth(person: Any) -> dict[str, Any]:
    """Request headers carrying a fresh personal token for `person`."""
    _record, token = PersonalToken.issue(person)
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
