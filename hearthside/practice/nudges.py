"""Gentle nudges for listening replies. Pure functions, no Django: what counts as advice or as
turning to the bright side is the language coach's call (`hearthside.coach`), so the nudge
before sending and the live notes under each box agree."""

from __future__ import annotations

from hearthside.coach import analyze

# The sharer asked for ideas: advice is welcome then, so neither the nudge nor the live notes
# point it out.
HELP_THINKING = "help-thinking"
_NOT_LISTENING_YET = frozenset({"fixing", "comparing"})


def looks_like_fixing(text: str) -> bool:
    """Advice before acknowledging, or a turn to the bright side or to one's own story: fine
    when someone asked for help thinking, but when they asked to be listened to it tends to
    land as "you're not hearing me"."""
    return any(f.kind in _NOT_LISTENING_YET for f in analyze(text, context="reply"))


def coach_quiet(wants: str) -> str:
    """The coach kinds (a comma list) its live notes leave out on a reply to a share that
    asked for `wants`."""
    return "fixing" if wants == HELP_THINKING else ""


def reply_nudge(*, reflect: str, validation: str, question: str, wants: str) -> str | None:
    """Which nudge to show before sending a reply, if any: "acknowledge" when nothing reflects
    or validates the sharer's feelings yet, "fixing" when advice (or comparing) comes before
    any acknowledgement and the sharer didn't ask for help thinking. None when the reply
    already listens first."""
    acknowledged = bool(reflect.strip() or validation.strip())
    # One part per line, read in the order the sharer will read them: advice after "that
    # sounds hard" is an offer, the same advice on its own is fixing.
    everything = "\n".join(part.strip() for part in (reflect, validation, question) if part)
    if wants != HELP_THINKING and looks_like_fixing(everything):
        return "fixing"
    if not acknowledged:
        return "acknowledge"
    return None
