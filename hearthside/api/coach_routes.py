"""The JSON API for the language coach (`hearthside.coach`): what it notices in a piece of text
and how warm or heavy the text reads.

Nothing here touches the database beyond the token lookup, and nothing is stored or logged: the
text is read, analysed and forgotten. Offsets in the answer are Python string indices into the
text exactly as it was sent (so it is not stripped), that is Unicode code points; a JavaScript
caller must convert, since its strings count UTF-16 units (an emoji is one code point but two
units).
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Router, Schema

from hearthside.coach import MAX_CHARS, analyze, valence

coach_router = Router(tags=["coach"])

# Kept equal to `hearthside.coach.CONTEXTS` (a test checks).
Context = Literal["share", "reply", "apology", "request"]

_OFFSETS = "character offsets (Unicode code points) into `text` as sent"


def register(api: NinjaAPI) -> None:
    api.add_router("", coach_router)


class CoachIn(Schema):
    # Not `In`: stripping would move every offset in the answer away from the caller's text.
    text: str = Field(
        max_length=MAX_CHARS,
        description=(
            f"The words to look at, up to {MAX_CHARS:,} characters. Sent exactly as typed: "
            "it is not stripped, so the offsets in the answer point into this text."
        ),
    )
    context: Context = Field(
        "share",
        description=(
            "Where the words are going: a `share`, a listening `reply` (fixing and comparing "
            "are noticed only here), an `apology` (justifying counts only here) or a `request`."
        ),
    )


class FindingOut(Schema):
    kind: str = Field(
        description="blame, feeling_that_blames, thought_as_feeling, apology_pitfall, contempt, "
        "defensiveness, fixing or comparing."
    )
    start: int = Field(description=f"Start of the words this is about: {_OFFSETS}.")
    end: int = Field(description=f"Just past the words this is about: {_OFFSETS}.")
    words: str = Field(description="`text[start:end]`: the words this is about.")
    message: str = Field(description="How the words may land with the other person.")
    suggestion: str = Field(description="A gentler way to say it, built from the text.")
    rewrite_start: int = Field(
        description=f"Start of the stretch `suggestion` can replace: {_OFFSETS}."
    )
    rewrite_end: int = Field(description=f"Just past that stretch: {_OFFSETS}.")


class CoachOut(Schema):
    findings: list[FindingOut] = Field(
        description="In reading order. Empty means nothing to suggest, not that it is perfect."
    )
    valence: float = Field(
        description="How the whole text reads: -1 (very heavy) to 1 (very warm), 0 neutral."
    )


@coach_router.post(
    "/coach/analyze",
    response=CoachOut,
    summary="Notice slips in a text and suggest gentler words (nothing is stored)",
)
def analyze_text(request: HttpRequest, payload: CoachIn) -> Any:
    """Run the language coach over `text` as it would be read in `context`.

    This answers whether or not the caller has turned the coach off in their settings: that
    setting is about live suggestions while typing in the app, and calling this route is itself
    a request for analysis. The text is neither stored nor logged. `start`/`end` and
    `rewrite_start`/`rewrite_end` are character offsets in Unicode code points (Python string
    indices), not bytes or UTF-16 units.
    """
    text = payload.text
    findings = [
        {
            "kind": f.kind,
            "start": f.start,
            "end": f.end,
            "words": text[f.start : f.end],
            "message": f.message,
            "suggestion": f.suggestion,
            "rewrite_start": f.rewrite_start,
            "rewrite_end": f.rewrite_end,
        }
        for f in analyze(text, context=payload.context)
    ]
    return {"findings": findings, "valence": valence(text)}
