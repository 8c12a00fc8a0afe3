"""A summary waiting in the demo household (for `hearthside demo` to call).

Sam has suggested a summary of the partners' last four weeks to take to their counsellor, and
it waits for Alex: signed in as Alex, one "yes" makes it, from the demo's own shares, replies,
thank-yous and Sunday reflections. Sam's suggestion also lands in Alex's inbox, as a real one
would.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from hearthside.summary import actions
from hearthside.summary.models import SummaryRequest

WEEKS = 4


def seed(
    *,
    people: dict[str, Any],
    circles: dict[str, Any],
    now: datetime,
    when: Callable[[int, str], datetime],
) -> SummaryRequest:
    sam = people["sam"]
    today = actions.local_today(sam)
    # Up to yesterday: nothing in the demo is dated today.
    end = today - timedelta(days=1)
    return actions.propose(sam, circles["partners"], end - timedelta(days=7 * WEEKS - 1), end)
