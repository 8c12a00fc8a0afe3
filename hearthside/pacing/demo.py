"""Pacing disclosures in the demo household (called by `hearthside demo`).

Alex goes gently in the climbing circle (comfort "light"), and Sam likes a little warning
before anything more than light between the partners. So one evening Alex knocked before
sharing something that mattered; Sam proposed a time later that evening, the share went out
then, and Sam listened. The knock leads to a share the demo's story already has (Alex's latest
evening share that went deeper than light and got a reply), so the story's counts stay as
they are; if the story ever lacks one, pacing tells its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from hearthside.pacing.models import Answer, Comfort, Knock
from hearthside.practice.models import Reply, Share

KNOCK_TEXT = (
    "Since the launch I've been scared that I'm not actually good at this job, and I've been "
    "hiding how much it's eating at me. I didn't want to drop it on you between meetings."
)
EVENING_FROM = 18  # local hour


def seed(
    *,
    people: dict[str, Any],
    circles: dict[str, Any],
    now: datetime,
    when: Callable[[int, str], datetime],
) -> None:
    """Add this practice's part of the demo story. `people` and `circles` are keyed as in the
    demo command; `when(days_ago, "HH:MM")` gives a local time on a past day."""
    alex, sam = people["alex"], people["sam"]
    partners, friends = circles["partners"], circles["friends"]
    Comfort.objects.create(person=alex, circle=friends, depth="light", updated_at=when(20, "21:00"))
    Comfort.objects.create(person=sam, circle=partners, depth="light", updated_at=when(30, "22:10"))

    share = _evening_share(alex, partners, now) or _own_share(alex, sam, partners, when)
    # Alex knocked a few hours before (after the check-in the share grew from, if any); Sam
    # answered soon after with a time that evening; the share went out at that time.
    knocked = share.created_at - timedelta(hours=3)
    if share.checkin is not None and share.checkin.created_at >= knocked:
        knocked = share.checkin.created_at + timedelta(minutes=2)
    answered = knocked + min(timedelta(minutes=20), (share.created_at - knocked) / 2)
    knock = Knock.objects.create(
        author=alex,
        circle=partners,
        created_at=knocked,
        hint="about work",
        text=share.text,
        feelings=share.feelings,
        depth=share.depth,
        wants=share.wants,
        checkin=share.checkin,
        status=Knock.Status.PUBLISHED,
        goes_out_at=share.created_at,
        published_at=share.created_at,
        share=share,
    )
    Answer.objects.create(
        knock=knock, author=sam, at=share.created_at, created_at=answered, updated_at=answered
    )


def _evening_share(alex: Any, partners: Any, now: datetime) -> Share | None:
    candidates = (
        Share.objects.filter(
            author=alex,
            circle=partners,
            depth__in=["medium", "deep"],
            withdrawn_at__isnull=True,
            replies__isnull=False,
            created_at__lt=now - timedelta(days=1),
        )
        .select_related("checkin")
        .distinct()
        .order_by("-created_at")
    )
    for share in candidates:
        if timezone.localtime(share.created_at, ZoneInfo(alex.time_zone)).hour >= EVENING_FROM:
            return share
    return None


def _own_share(alex: Any, sam: Any, partners: Any, when: Callable[[int, str], datetime]) -> Share:
    evening = when(3, "20:30")
    share = Share.objects.create(
        author=alex,
        circle=partners,
        created_at=evening,
        text=KNOCK_TEXT,
        feelings=["afraid", "ashamed", "vulnerable"],
        depth="deep",
        wants="just-listen",
    )
    Reply.objects.create(
        share=share,
        author=sam,
        reflect=(
            "You've been carrying a fear that you're not good enough at work, on your own, "
            "since the launch."
        ),
        validation=(
            "It makes sense that you'd hide it when everything is so visible right now. I'm "
            "glad you told me, and glad we had the evening for it."
        ),
        created_at=evening + timedelta(minutes=40),
    )
    return share
