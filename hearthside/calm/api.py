"""Self-regulation toolkit: JSON API routes under /api/v1/calm/, registered by
hearthside.api.routes.

Sessions are strictly their author's own (`visibility.own_entries`): anyone else's, like one
that doesn't exist, is 404. Linking a pause needs a pause the caller may see.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Router, Status

from hearthside.api.auth import caller
from hearthside.api.schemas import Limit, Message, Offset
from hearthside.calm import sessions
from hearthside.calm.models import CalmSession
from hearthside.calm.schemas import FinishIn, SessionIn, SessionOut, SummaryOut, Tool
from hearthside.circles import visibility

router = Router(tags=["calm"])


def register(api: NinjaAPI) -> None:
    """Add this practice's routers to `api`."""
    api.add_router("/calm", router)


def _out(session: CalmSession, pauses: set[int]) -> dict[str, Any]:
    """`pauses`: the linked pauses the caller may still see (they may have left that circle)."""
    return {
        "id": session.pk,
        "tool": session.tool,
        "pattern": session.pattern or None,
        "started_at": session.started_at,
        "finished_at": session.finished_at,
        "distress_before": session.distress_before,
        "distress_after": session.distress_after,
        "pause_id": session.pause_id if session.pause_id in pauses else None,
    }


def _many_out(person: Any, found: list[CalmSession]) -> list[dict[str, Any]]:
    pauses = sessions.visible_pause_ids(person, {s.pause_id for s in found if s.pause_id})
    return [_out(s, pauses) for s in found]


def _one_out(person: Any, session: CalmSession) -> dict[str, Any]:
    return _many_out(person, [session])[0]


def _mine_or_404(request: HttpRequest, session_id: int) -> CalmSession:
    return visibility.get_own_or_404(CalmSession.objects.all(), caller(request), pk=session_id)


@router.get("/sessions", response=list[SessionOut], summary="My calm sessions, newest first")
def list_sessions(
    request: HttpRequest, tool: Tool | None = None, limit: Limit = 50, offset: Offset = 0
) -> Any:
    mine = sessions.mine(caller(request))
    if tool is not None:
        mine = mine.filter(tool=tool)
    return _many_out(caller(request), list(mine[offset : offset + limit]))


@router.post("/sessions", response={201: SessionOut}, summary="Start a session")
def start_session(request: HttpRequest, payload: SessionIn) -> Any:
    person = caller(request)
    pause = sessions.visible_pause_or_404(person, payload.pause) if payload.pause else None
    session = sessions.start(
        person,
        payload.tool,
        pattern=payload.pattern or "",
        distress_before=payload.distress_before,
        pause=pause,
    )
    return Status(201, _one_out(person, session))


@router.get("/sessions/{session_id}", response=SessionOut, summary="One of my sessions")
def get_session(request: HttpRequest, session_id: int) -> Any:
    return _one_out(caller(request), _mine_or_404(request, session_id))


@router.post(
    "/sessions/{session_id}/finish",
    response={200: SessionOut, 409: Message},
    summary="Finish a session, with how strong it feels now",
)
def finish_session(request: HttpRequest, session_id: int, payload: FinishIn) -> Any:
    session = _mine_or_404(request, session_id)
    try:
        sessions.finish(session, payload.distress_after)
    except sessions.AlreadyFinished:
        return Status(409, {"detail": "This session was already finished; it's kept as it was."})
    return _one_out(caller(request), session)


@router.delete("/sessions/{session_id}", response={204: None}, summary="Forget one of my sessions")
def delete_session(request: HttpRequest, session_id: int) -> Any:
    _mine_or_404(request, session_id).delete()
    return Status(204, None)


@router.get("/summary", response=SummaryOut, summary="What helps me: each tool's average change")
def summary(request: HttpRequest) -> Any:
    return {
        "tools": [
            {
                "tool": item.tool,
                "rated": item.rated,
                "average_drop": item.average_drop,
                "enough": item.enough,
            }
            for item in sessions.what_helps(caller(request))
        ]
    }
