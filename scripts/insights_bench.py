#!/usr/bin/env python
"""`make bench-insights`: how long the insights pages take to render for a couple with ten
years of daily practice, with a budget.

Not a unit test: it builds a throwaway install and times real renders.

1. A SQLite file in a temporary data dir (HEARTHSIDE_DATA_DIR) with the development settings
   the self-hoster runs (WAL, busy timeout); `migrate` runs first.
2. Seeded in bulk, for Alex & Sam over ten years (3,652 days): a check-in each per day (mood,
   feelings, needs, body signals), a share a day with a listening reply (half of them marked
   "I felt heard"), a thank-you every other day, a request a week (most met), a Sunday ritual
   and an evening ritual kept most times, a pause and a rupture a month (repaired with trust,
   reflections, two commitments followed up), calm sessions, stretched-thin signals; plus 20
   other couples with a year of their own entries, so the privacy rule has plenty to skip.
3. Alex is signed in with Django's test client (in this process: no network, so the numbers
   are the server's own work: middleware, queries, computation and templates). Each page
   renders 3 times to warm up, then 30 times, timed: p50 and p95 per page and period.
4. Exit 1 naming every broken budget. The temporary directory is always removed.

Usage: `make bench-insights` (or `.venv/bin/python scripts/insights_bench.py`).
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

# --- Budgets ----------------------------------------------------------------------------------
# The budget: a circle with ten years of daily data renders its insights page
# server-side in under 100 ms, p95. It holds for every period of the circle page (all ten
# years at once included) and for "my" page as people open it (the last 12 months, or 90
# days). "My" page over all time reads every check-in of ten years and works out each
# comparison over all of them; it is opened now and then, so it has a looser budget.
BUDGET_MS = 100.0
ALL_TIME_BUDGET_MS = 300.0
YEARS = 10
WARMUP = 3
RENDERS = 30
SEED = 11


def prepare_environment(data_dir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "hearthside.settings"
    os.environ["HEARTHSIDE_DATA_DIR"] = str(data_dir)
    os.environ["HEARTHSIDE_ENV"] = "development"
    os.environ.pop("HEARTHSIDE_DEBUG", None)  # DEBUG would keep every query in memory
    os.environ.pop("DATABASE_URL", None)  # always a fresh SQLite file: see the docstring
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(64)
    os.environ["LOG_LEVEL"] = "WARNING"


def seed(days: int) -> dict[str, Any]:
    """Ten years of a couple's practice, in bulk; returns who and which circle to render."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from hearthside import vocab
    from hearthside.accounts.models import Person
    from hearthside.calm.models import CalmSession
    from hearthside.circles.models import Circle, Membership
    from hearthside.needs.models import Request
    from hearthside.practice.models import Appreciation, CheckIn, Reply, Share
    from hearthside.repair.models import (
        Closure,
        Commitment,
        FollowUp,
        Pause,
        Reflection,
        Rupture,
    )
    from hearthside.rituals.models import Occurrence, Ritual
    from hearthside.rituals.recurrence import between
    from hearthside.stress.models import Signal

    rng = random.Random(SEED)  # noqa: S311 (reproducible test data, not security)
    now = timezone.now()
    start = now - timedelta(days=days)
    feelings = sorted(vocab.feeling_slugs())
    needs = sorted(vocab.need_slugs())
    bodies = sorted(vocab.body_signal_slugs())

    def pick(words: list[str], low: int, high: int) -> list[str]:
        return rng.sample(words, rng.randint(low, high))

    def day(n: int, hour: float) -> datetime:
        return start + timedelta(days=n, hours=hour)

    with transaction.atomic():
        password = make_password(None)  # nobody signs in with a password here
        alex, sam = Person.objects.bulk_create(
            Person(
                email=f"{name}@example.com",
                display_name=name.title(),
                time_zone="Europe/London",
                password=password,
            )
            for name in ("alex", "sam")
        )
        partners = Circle.objects.create(name="Alex & Sam", kind="partners", created_at=start)
        Membership.objects.bulk_create(
            Membership(circle=partners, person=p, joined_at=start) for p in (alex, sam)
        )

        CheckIn.objects.bulk_create(
            (
                CheckIn(
                    author=person,
                    created_at=day(n, 7 + rng.random() * 14),
                    mood=rng.randint(1, 5),
                    energy=rng.randint(1, 5),
                    feelings=pick(feelings, 1, 3),
                    needs=pick(needs, 1, 2),
                    body_signals=pick(bodies, 0, 2),
                    situation="An ordinary day",
                )
                for n in range(days)
                for person in (alex, sam)
            ),
            batch_size=2000,
        )
        shares = Share.objects.bulk_create(
            (
                Share(
                    author=alex if n % 2 else sam,
                    circle=partners,
                    created_at=day(n, 19),
                    text="Something from my day",
                    feelings=pick(feelings, 1, 2),
                )
                for n in range(days)
            ),
            batch_size=2000,
        )
        Reply.objects.bulk_create(
            (
                Reply(
                    share=share,
                    author=sam if share.author_id == alex.pk else alex,
                    reflect="What I hear is…",
                    created_at=share.created_at + timedelta(hours=1),
                    felt_heard_at=share.created_at + timedelta(hours=2) if n % 2 else None,
                )
                for n, share in enumerate(shares)
            ),
            batch_size=2000,
        )
        Appreciation.objects.bulk_create(
            (
                Appreciation(
                    author=alex if n % 4 else sam,
                    recipient=sam if n % 4 else alex,
                    circle=partners,
                    text="Thank you for tonight",
                    created_at=day(n, 21),
                )
                for n in range(0, days, 2)
            ),
            batch_size=2000,
        )
        Request.objects.bulk_create(
            (
                Request(
                    author=alex if n % 2 else sam,
                    recipient=sam if n % 2 else alex,
                    circle=partners,
                    kind="reassurance",
                    text="Tell me we're okay",
                    created_at=day(n, 9),
                    response="yes",
                    answered_at=day(n, 10),
                    met="met" if n % 5 else "partly",
                    met_at=day(n, 20),
                )
                for n in range(0, days, 7)
            ),
            batch_size=2000,
        )
        for title, freq, weekdays, at in (
            ("Sunday reflection", "weekly", "6", clock(19, 0)),
            ("Evening check-in", "daily", "", clock(21, 0)),
        ):
            ritual = Ritual.objects.create(
                circle=partners,
                created_by=alex,
                title=title,
                freq=freq,
                weekdays=weekdays,
                at=at,
                time_zone="Europe/London",
                starts_on=start.date(),
                created_at=start,
            )
            Occurrence.objects.bulk_create(
                (
                    Occurrence(
                        ritual=ritual,
                        scheduled_for=moment,
                        status="skipped" if rng.random() < 0.2 else "done",
                    )
                    for moment in between(ritual.schedule(), start, now - timedelta(hours=1))
                ),
                batch_size=2000,
            )
        months = days // 30
        Pause.objects.bulk_create(
            Pause(
                author=alex if m % 2 else sam,
                circle=partners,
                phrase="I need a breather",
                created_at=day(m * 30 + 3, 20),
                min_until=day(m * 30 + 3, 20.5),
                max_until=day(m * 30 + 4, 20),
                ended_at=day(m * 30 + 3, 21),
            )
            for m in range(months)
        )
        ruptures = Rupture.objects.bulk_create(
            Rupture(
                author=alex if m % 2 else sam,
                circle=partners,
                title=f"Rupture {m}",
                created_at=day(m * 30 + 10, 20),
                status="closed",
                closed_at=day(m * 30 + 10, 20 + rng.randint(2, 72)),
            )
            for m in range(months)
        )
        Closure.objects.bulk_create(
            Closure(rupture=r, author=p, trust_reestablished=True)
            for r in ruptures
            for p in (alex, sam)
        )
        Reflection.objects.bulk_create(
            Reflection(
                rupture=r,
                author=p,
                feelings=pick(feelings, 1, 2),
                unmet_needs=pick(needs, 1, 1),
                triggers="Being left out at school, the old feeling of not mattering",
            )
            for r in ruptures
            for p in (alex, sam)
        )
        commitments = Commitment.objects.bulk_create(
            Commitment(
                rupture=r,
                author=p,
                text="Say it early",
                follow_up_on=(r.created_at + timedelta(days=7)).date(),
            )
            for r in ruptures
            for p in (alex, sam)
        )
        FollowUp.objects.bulk_create(
            FollowUp(commitment=c, author=p, answer=rng.choice(["yes", "yes", "partly", "no"]))
            for c in commitments
            for p in (alex, sam)
        )
        CalmSession.objects.bulk_create(
            CalmSession(
                author=p,
                tool="breathe",
                pattern="box",
                started_at=day(n, 22),
                distress_before=rng.randint(4, 9),
                distress_after=rng.randint(1, 6),
            )
            for n in range(0, days, 5)
            for p in (alex, sam)
        )
        Signal.objects.bulk_create(
            Signal(
                author=alex,
                circle=partners,
                created_at=day(n, 8),
                closed_at=day(n + 2, 8),
                helps=["quiet"],
            )
            for n in range(0, days, 45)
        )

        # Other couples, a year each, for the privacy rule to look past.
        others = Person.objects.bulk_create(
            Person(email=f"other{n}@example.com", display_name=f"Other {n}", password=password)
            for n in range(40)
        )
        for n in range(0, 40, 2):
            circle = Circle.objects.create(name=f"Couple {n}", created_at=now - timedelta(days=365))
            pair = others[n : n + 2]
            Membership.objects.bulk_create(
                Membership(circle=circle, person=p, joined_at=circle.created_at) for p in pair
            )
            CheckIn.objects.bulk_create(
                CheckIn(author=p, created_at=now - timedelta(days=d), mood=rng.randint(1, 5))
                for d in range(1, 366)
                for p in pair
            )
            Appreciation.objects.bulk_create(
                Appreciation(
                    author=pair[0],
                    recipient=pair[1],
                    circle=circle,
                    text="Thanks",
                    created_at=now - timedelta(days=d),
                )
                for d in range(1, 366, 3)
            )
    return {"alex": alex, "partners": partners}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_renders(client: Any, path: str) -> tuple[float, float, int]:
    """(p50, p95) in milliseconds over RENDERS renders, and the page's size in bytes."""
    for _ in range(WARMUP):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"insights bench: {path} answered {response.status_code}")
    timings = []
    size = 0
    for _ in range(RENDERS):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        size = len(response.content)
    return statistics.median(timings), percentile(timings, 0.95), size


def count_queries(client: Any, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=YEARS)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="hearthside-insights-bench-"))
    try:
        prepare_environment(data_dir)
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        days = round(args.years * 365.25)
        started = time.perf_counter()
        seeded = seed(days)
        print(
            f"insights bench: SQLite (temporary file), {args.years} years ({days} days) of "
            f"daily data for a couple, seeded in {time.perf_counter() - started:.0f} s"
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(seeded["alex"])
        circle = seeded["partners"].pk
        pages = [
            ("circle page, last 12 months", f"/circles/{circle}/insights/", BUDGET_MS),
            ("my page, last 12 months", "/insights/", BUDGET_MS),
            ("circle page, 90 days", f"/circles/{circle}/insights/?period=90d", BUDGET_MS),
            ("my page, 90 days", "/insights/?period=90d", BUDGET_MS),
            ("circle page, all time", f"/circles/{circle}/insights/?period=all", BUDGET_MS),
            ("my page, all time", "/insights/?period=all", ALL_TIME_BUDGET_MS),
        ]
        broken = []
        print(f"  {'page':<30} {'p50':>8} {'p95':>8} {'budget':>8} {'queries':>8} {'size':>8}")
        for name, path, budget in pages:
            p50, p95, size = time_renders(client, path)
            queries = count_queries(client, path)
            flag = "" if p95 < budget else "  <-- over budget"
            print(
                f"  {name:<30} {p50:>6.1f}ms {p95:>6.1f}ms {budget:>6.0f}ms {queries:>8} "
                f"{size / 1024:>6.0f}kB{flag}"
            )
            if p95 >= budget:
                broken.append(f"{name}: p95 {p95:.1f} ms >= {budget:.0f} ms")
        if broken:
            print("insights bench: over budget:\n  " + "\n  ".join(broken), file=sys.stderr)
            raise SystemExit(1)
        print(f"insights bench: every page within budget ({RENDERS} renders each)")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
