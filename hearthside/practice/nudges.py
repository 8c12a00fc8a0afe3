"""Gentle nudges for listening replies. Pure functions, no Django: the language-coach issue
will grow these into `hearthside.coach`."""

from __future__ import annotations

import re

# Advice and minimising openers: fine when someone asked for help thinking, but when they asked
# to be listened to they tend to land as "you're not hearing me".
# \u2019 is the curly apostrophe phones type.
_FIXING = re.compile(
    r"\b(you should|you need to|why don['\u2019]?t you|have you tried|just (try|do|stop)|"
    r"at least|the solution is|what you need is)\b",
    re.IGNORECASE,
)


def looks_like_fixing(text: str) -> bool:
    return bool(_FIXING.search(text))


def reply_nudge(*, reflect: str, validation: str, question: str, wants: str) -> str | None:
    """Which nudge to show before sending a reply, if any: "acknowledge" when nothing reflects
    or validates the sharer's feelings yet, "fixing" when advice appears and the sharer didn't
    ask for help thinking. None when the reply already listens first."""
    acknowledged = bool(reflect.strip() or validation.strip())
    everything = " ".join((reflect, validation, question))
    if wants != "help-thinking" and looks_like_fixing(everything):
        return "fixing"
    if not acknowledged:
        return "acknowledge"
    return None
