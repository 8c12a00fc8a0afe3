"""Gather what goes into a summary: everything dated inside the period that every participant
may see, put into plain words (`hearthside.summary.snapshot`).

What "dated inside the period" means, kind by kind (days counted in the request's time zone):

- shares made in the period, with the listening replies to them written up to the moment the
  summary is made (a reply the next morning is part of the same conversation);
- understanding moments: "I felt heard" marked in the period;
- ruptures opened or mended in the period, with their closing summary as it stands: how it
  felt, what was taken from it, what each will do next time, and where trust stands;
- commitments made in the period, with the follow-through recorded so far;
- rituals: the occurrences scheduled in the period, kept or not (one not yet marked and less
  than a day old isn't counted, as on the rituals page);
- thank-yous written in the period.

Every kind is filtered through `privacy.seen_by_all`, so only what all participants can see
under the entry rule gets in: nothing private (check-ins, private reflections and their
unshared parts, calm sessions, private boundaries — none of those kinds is even read here),
nothing withdrawn, nothing shared before one of them joined, nothing by someone who has left.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.text import Truncator
from django.utils.translation import gettext

from hearthside import vocab
from hearthside.circles import visibility
from hearthside.practice.models import Appreciation, Reply, Share
from hearthside.repair import steps
from hearthside.repair.models import Closure, Commitment, FollowUp, Rupture, Turn
from hearthside.rituals.consistency import settled
from hearthside.rituals.models import Occurrence, Ritual
from hearthside.rituals.occurrences import day_bounds, slots_for
from hearthside.rituals.views import schedule_in_words
from hearthside.summary.models import SummaryRequest
from hearthside.summary.privacy import seen_by_all
from hearthside.summary.snapshot import (
    AppreciationItem,
    ClosureItem,
    CommitmentItem,
    FeltItem,
    FollowUpItem,
    MomentItem,
    ReplyItem,
    RitualItem,
    RuptureItem,
    Said,
    ShareItem,
    Snapshot,
)
from hearthside.zones import zone_named

ABOUT_WORDS = 12


def _share_thread(queryset: QuerySet[Any], person: Any) -> QuerySet[Any]:
    return visibility.visible_thread_items(queryset, person, "share")


def _rupture_thread(queryset: QuerySet[Any], person: Any) -> QuerySet[Any]:
    return visibility.visible_thread_items(queryset, person, "rupture")


def _commitment_thread(queryset: QuerySet[Any], person: Any) -> QuerySet[Any]:
    return visibility.visible_thread_items(queryset, person, "commitment__rupture")


def _feelings(slugs: Sequence[str]) -> list[str]:
    words = []
    for slug in slugs:
        word = vocab.feeling(slug)
        words.append(gettext(word.label) if word else slug)
    return words


class Collector:
    """Reads one circle's period for a fixed set of people at a fixed moment."""

    def __init__(self, request: SummaryRequest, people: Sequence[Any], now: datetime) -> None:
        self.request = request
        self.circle = request.circle
        self.people = list(people)
        self.now = now
        self.zone = zone_named(request.time_zone)
        self.start, end = day_bounds(request.period_start, request.period_end, str(self.zone))
        # Nothing from the future: a period that ends today stops at this moment.
        self.end = min(end, now)

    def day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def in_period(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})

    # --- Each kind ------------------------------------------------------------------------

    def shares(self) -> list[ShareItem]:
        shares = list(
            seen_by_all(
                Share.objects.filter(self.in_period("created_at"), circle=self.circle),
                self.people,
                visibility.visible_entries,
            )
            .filter(withdrawn_at__isnull=True)
            .select_related("author")
            .order_by("created_at", "id")
        )
        replies: dict[int, list[ReplyItem]] = defaultdict(list)
        for reply in (
            seen_by_all(
                Reply.objects.filter(share__in=shares, created_at__lt=self.now),
                self.people,
                _share_thread,
            )
            .select_related("author")
            .order_by("created_at", "id")
        ):
            replies[reply.share_id].append(
                ReplyItem(
                    author=reply.author.name,
                    on=self.day(reply.created_at),
                    parts=reply.parts,
                    felt_heard=reply.felt_heard_at is not None,
                )
            )
        return [
            ShareItem(
                author=share.author.name,
                on=self.day(share.created_at),
                text=share.text,
                feelings=_feelings(share.feelings),
                depth=str(share.get_depth_display()),
                wants=str(share.get_wants_display()),
                replies=replies[share.pk],
            )
            for share in shares
        ]

    def moments(self) -> list[MomentItem]:
        replies = (
            seen_by_all(
                Reply.objects.filter(self.in_period("felt_heard_at"), share__circle=self.circle),
                self.people,
                _share_thread,
            )
            .filter(share__withdrawn_at__isnull=True)
            .select_related("author", "share__author")
            .order_by("felt_heard_at", "id")
        )
        return [
            MomentItem(
                on=self.day(reply.felt_heard_at),
                sharer=reply.share.author.name,
                listener=reply.author.name,
                about=Truncator(" ".join(reply.share.text.split())).words(ABOUT_WORDS),
            )
            for reply in replies
            if reply.felt_heard_at is not None
        ]

    def _ruptures(self) -> list[Rupture]:
        opened_or_mended = self.in_period("created_at") | self.in_period("closed_at")
        return list(
            seen_by_all(
                Rupture.objects.filter(opened_or_mended, circle=self.circle),
                self.people,
                visibility.visible_entries,
            )
            .filter(withdrawn_at__isnull=True)
            .order_by("happened_at", "id")
        )

    def ruptures(self) -> list[RuptureItem]:
        ruptures = self._ruptures()
        turns: dict[tuple[int, str], list[Turn]] = defaultdict(list)
        for turn in (
            seen_by_all(
                Turn.objects.filter(
                    rupture__in=ruptures,
                    step__in=[steps.FEELINGS, steps.PLAN],
                    created_at__lt=self.now,
                ),
                self.people,
                _rupture_thread,
            )
            .select_related("author")
            .order_by("created_at", "id")
        ):
            turns[(turn.rupture_id, turn.step)].append(turn)
        closures: dict[int, list[Closure]] = defaultdict(list)
        for closure in (
            seen_by_all(Closure.objects.filter(rupture__in=ruptures), self.people, _rupture_thread)
            .select_related("author")
            .order_by("created_at", "id")
        ):
            closures[closure.rupture_id].append(closure)
        items = []
        for rupture in ruptures:
            took = rupture.time_to_repair
            items.append(
                RuptureItem(
                    title=rupture.title,
                    happened_on=self.day(rupture.happened_at),
                    repaired=rupture.is_closed,
                    repaired_on=self.day(rupture.closed_at) if rupture.closed_at else None,
                    days_to_repair=took.days if took is not None else None,
                    felt=[
                        FeltItem(author=t.author.name, feelings=_feelings(t.feelings))
                        for t in turns[(rupture.pk, steps.FEELINGS)]
                        if t.feelings
                    ],
                    takeaways=rupture.takeaways,
                    next_time=[
                        Said(author=t.author.name, text=t.text)
                        for t in turns[(rupture.pk, steps.PLAN)]
                        if t.text
                    ],
                    closures=[
                        ClosureItem(
                            author=c.author.name, trust_back=c.trust_reestablished, note=c.note
                        )
                        for c in closures[rupture.pk]
                    ],
                )
            )
        return items

    def commitments(self) -> list[CommitmentItem]:
        commitments = list(
            seen_by_all(
                Commitment.objects.filter(
                    self.in_period("created_at"),
                    rupture__circle=self.circle,
                    rupture__withdrawn_at__isnull=True,
                ),
                self.people,
                _rupture_thread,
            )
            .select_related("author", "rupture")
            .order_by("created_at", "id")
        )
        follow_ups: dict[int, list[FollowUpItem]] = defaultdict(list)
        for answer in (
            seen_by_all(
                FollowUp.objects.filter(commitment__in=commitments, created_at__lt=self.now),
                self.people,
                _commitment_thread,
            )
            .select_related("author")
            .order_by("created_at", "id")
        ):
            follow_ups[answer.commitment_id].append(
                FollowUpItem(
                    author=answer.author.name,
                    answer=str(answer.get_answer_display()),
                    kept=answer.answer,  # type: ignore[arg-type]
                )
            )
        return [
            CommitmentItem(
                author=c.author.name,
                text=c.text,
                made_on=self.day(c.created_at),
                check_back_on=c.follow_up_on,
                rupture=c.rupture.title,
                follow_ups=follow_ups[c.pk],
            )
            for c in commitments
        ]

    def rituals(self) -> list[RitualItem]:
        rituals = list(
            seen_by_all(
                Ritual.objects.filter(circle=self.circle, created_at__lt=self.end),
                self.people,
                visibility.circle_things,
            ).order_by("title", "id")
        )
        all_slots = slots_for(rituals, self.start, self.end)
        items = []
        for ritual in rituals:
            # Dates before the ritual existed were never anyone's to keep.
            slots = [s for s in all_slots[ritual.pk] if s.scheduled_for >= ritual.created_at]
            kept = {s.scheduled_for for s in slots if s.status == Occurrence.Status.DONE}
            still_open = {
                s.scheduled_for
                for s in slots
                if s.status == Occurrence.Status.MOVED and s.moved_to and s.moved_to > self.now
            }
            history = settled(
                [s.scheduled_for for s in slots], kept, now=self.now, still_open=still_open
            )
            if history:
                items.append(
                    RitualItem(
                        title=ritual.title,
                        schedule=schedule_in_words(ritual, str(self.zone)),
                        kept=sum(done for _moment, done in history),
                        of=len(history),
                    )
                )
        return items

    def appreciations(self) -> list[AppreciationItem]:
        thanks = (
            seen_by_all(
                Appreciation.objects.filter(self.in_period("created_at"), circle=self.circle),
                self.people,
                visibility.visible_entries,
            )
            .filter(withdrawn_at__isnull=True)
            .select_related("author", "recipient")
            .order_by("created_at", "id")
        )
        return [
            AppreciationItem(
                author=a.author.name,
                recipient=a.recipient.name,
                on=self.day(a.created_at),
                text=a.text,
                acts=a.act_labels,
            )
            for a in thanks
        ]

    def snapshot(self, *, produced: bool) -> Snapshot:
        return Snapshot(
            circle=self.circle.name,
            members=[p.name for p in self.people],
            period_start=self.request.period_start,
            period_end=self.request.period_end,
            time_zone=str(self.zone),
            produced_on=self.day(self.now) if produced else None,
            shares=self.shares(),
            moments=self.moments(),
            ruptures=self.ruptures(),
            commitments=self.commitments(),
            rituals=self.rituals(),
            appreciations=self.appreciations(),
        )


def collect(
    request: SummaryRequest, people: Sequence[Any], now: datetime, *, produced: bool = True
) -> Snapshot:
    """The summary of `request`'s period for `people` (its participants), as of `now`."""
    return Collector(request, people, now).snapshot(produced=produced)
