#!/usr/bin/env python
"""`make bench`: how fast Hearthside is against the real production server, with budgets.

Not a unit test: it builds a throwaway install, fills it with a heavy and realistic amount of
data, serves it with gunicorn exactly as `hearthside serve` does in production, and times real
HTTP requests over keep-alive connections from 127.0.0.1.

1. A temporary data dir (HEARTHSIDE_DATA_DIR) with SQLite, or the database in DATABASE_URL when
   the caller set one (e.g. `scripts/with-postgres make bench`; it must be empty). `migrate`
   runs through the `hearthside` command; the bench then seeds, in bulk: Alex & Sam with two
   years of daily check-ins each, ~1,000 shares in their circle with listening replies (some
   felt heard, some thanked), and 50 other circles of other people with their own entries, so
   the privacy filtering has plenty to skip.
2. `hearthside serve --workers 2` (gunicorn, DEBUG off) on a free port. `--production` serves
   with HEARTHSIDE_ENV=production instead (after `collectstatic`), behind a pretend TLS proxy
   (BEHIND_PROXY=1, `X-Forwarded-Proto: https`); it costs no measurable time per request but
   also checks that production settings serve the pages at all.
3. Pages are requested with a session made directly in the database for Alex, the API with a
   personal access token.
4. Each endpoint: 20 warm-up then 200 sequential requests (p50, p95, max, errors); then 8
   threads x 50 mixed requests, writes included, at the same time. Each endpoint also runs
   in this process against the same data, to count its queries and split its time between
   the database and Python, and to point at repeated queries (N+1).
5. Exit 1 naming every broken budget (below). The server is always stopped and the temporary
   directory removed.

Usage: `make bench` (or `.venv/bin/python scripts/bench.py [--production]`).
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlencode

if TYPE_CHECKING:
    from hearthside.accounts.models import Person
    from hearthside.circles.models import Circle

# --- Budgets ----------------------------------------------------------------------------------
# Measured on a 2-core box against gunicorn with two years of a couple's life in the database.
# 150 ms at the 95th percentile is about where a page stops feeling instant; a home server (a
# small NAS or a Raspberry Pi) is several times slower than this box, so a page that needs more
# here will feel sluggish where Hearthside actually runs. A check-in is written in a moment of
# noticing how you are: saving it must feel as quick as reading. Under concurrent use nothing
# may fail at all: a single "database is locked" or 5xx means someone's words were lost.
BUDGETS: dict[str, float] = {
    "page_p95_ms": 150.0,  # every HTML page, p95 of 200 sequential requests
    "api_read_p95_ms": 150.0,  # every API read, p95 of 200 sequential requests
    "api_write_p95_ms": 150.0,  # POST /api/v1/checkins, p95 of 200 sequential requests
    "concurrency_errors": 0,  # non-2xx, exceptions or "database is locked" under 8 clients
}

WARMUP = 20
REQUESTS = 200
THREADS = 8
REQUESTS_PER_THREAD = 50
# Keeps the whole run under ~3 minutes even when something is very slow; a capped endpoint is
# reported with the number of requests it managed.
ENDPOINT_TIME_CAP_S = 25.0
REQUEST_TIMEOUT_S = 30.0

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED = 20240601

Kind = Literal["page", "api_read", "api_write"]
BUDGET_OF_KIND: dict[str, str] = {
    "page": "page_p95_ms",
    "api_read": "api_read_p95_ms",
    "api_write": "api_write_p95_ms",
}


# --- Environment ------------------------------------------------------------------------------


def prepare_environment(data_dir: Path, production: bool) -> bool:
    """Point this process and its children at the throwaway install. Returns whether the
    database is the temporary SQLite file (rather than the caller's DATABASE_URL)."""
    os.environ["HEARTHSIDE_DATA_DIR"] = str(data_dir)
    # DEBUG is off either way. `--production` adds what only production settings do (secure
    # cookies, SSL redirect, HSTS, manifest static files); the bench plays the TLS-terminating
    # proxy with X-Forwarded-Proto. None of that costs measurable time per request.
    os.environ["HEARTHSIDE_ENV"] = "production" if production else "development"
    os.environ.pop("HEARTHSIDE_DEBUG", None)
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(64)
    os.environ["BEHIND_PROXY"] = "1"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    os.environ["SITE_URL"] = "https://127.0.0.1"
    os.environ.pop("EMAIL_HOST", None)
    os.environ.pop("WEB_CONCURRENCY", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "hearthside.settings"
    return not os.environ.get("DATABASE_URL")


def hearthside_command() -> list[str]:
    script = Path(sys.executable).parent / "hearthside"
    return [str(script)] if script.exists() else [sys.executable, "-m", "hearthside"]


def run_command(*args: str) -> None:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 (argv we built, no shell)
        [*hearthside_command(), *args],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"bench: `hearthside {' '.join(args)}` failed")
    print(f"  hearthside {args[0]}: {time.perf_counter() - started:.1f} s")


# --- Seeding ----------------------------------------------------------------------------------

SITUATIONS = (
    "Long day at work, meetings back to back.",
    "Quiet evening at home, we cooked together in the kitchen.",
    "Rain all day, stayed in and read.",
    "Mum rang, the usual worries about Dad's health.",
    "Deadline moved up again, everyone is stretched.",
    "Walked by the river after dinner.",
    "Friends over for dinner, the kitchen was chaos.",
    "Slept badly, up at four with my mind racing.",
    "Climbing on Thursday, finally sent the overhang.",
    "Money conversation we keep putting off.",
    "Sunday morning, coffee in the garden.",
    "Commute was awful, train cancelled twice.",
    "Sorted the spare room at last.",
    "Row about the washing-up, then we talked it through.",
    "A new job offer on the table, weighing it up.",
)
NOTE_SENTENCES = (
    "I noticed I was holding my breath in the afternoon.",
    "Sam made tea without me asking and it meant a lot.",
    "I want to say no more often and I don't know how.",
    "The kitchen table is covered in paperwork again.",
    "Felt closer to Alex after we talked on the sofa.",
    "Trying not to check my phone after nine.",
    "A small thing went right today and I want to remember it.",
    "I keep replaying what my manager said.",
    "We laughed properly for the first time this week.",
    "I need a day with nothing in it.",
    "Grateful for the walk, the light was beautiful.",
    "I was short with everyone and I'm sorry about it.",
    "Wrote a list and crossed off three things.",
    "Missing my sister, should call her at the weekend.",
    "Body feels heavy, probably just tired.",
    "Dinner in the kitchen with the radio on, simple and good.",
)
SHARE_SENTENCES = (
    "Something has been sitting with me all week and I want to tell you about it.",
    "Work is getting to me more than I've been letting on.",
    "When you came home late I felt a bit forgotten, even though I know why.",
    "I'm proud of how we handled the weekend with your parents.",
    "I've been worried about money and I didn't want to worry you.",
    "I loved our walk on Sunday, I felt really close to you.",
    "The phone call with Mum left me shaky and I don't quite know why.",
    "I think I've been hiding in my laptop because it's easier than feeling things.",
    "Can we talk about how we split the jobs in the kitchen?",
    "I'm nervous about the interview and I'd love you to know.",
    "Today was good in a quiet way and I wanted to share it.",
    "I keep thinking about what you said last night; it helped.",
)
REFLECTIONS = (
    "It sounds like you've been carrying this on your own for a while.",
    "I hear that you felt left out, and that it hurt more than you showed.",
    "You sound proud and a little surprised at yourself.",
    "What I hear is that you're tired of holding it all together.",
    "It sounds like the call shook you more than you expected.",
)
VALIDATIONS = (
    "It makes sense you'd feel that way after the week you've had.",
    "Of course that stung; you'd been looking forward to it.",
    "Anyone would be anxious with that much uncertainty.",
    "It makes sense that you wanted some space first.",
)
QUESTIONS = (
    "What was the hardest part?",
    "What would help most this week?",
    "Is there more you want to tell me?",
    "How are you feeling about it now?",
)
THANKS = (
    "Thank you for listening to me. It helped to feel heard.",
    "Thanks for really hearing me. I feel lighter.",
    "That meant a lot. Thank you.",
)
FIRST_NAMES = (
    "Robin", "Kit", "Jo", "Priya", "Tomas", "Amara", "Ines", "Noah", "Mei", "Olu", "Sasha",
    "Femi", "Lena", "Rafa", "Ada", "Yusuf", "Maya", "Finn", "Zara", "Ezra", "Nell", "Ravi",
)  # fmt: skip
CIRCLE_WORDS = (
    "Thursday", "Book", "Allotment", "Climbing", "Sunday", "Family", "Uni", "Running", "Choir",
    "Cousins", "Neighbours", "Supper",
)  # fmt: skip
SEARCH_WORD = "kitchen"  # appears in some situations and notes
SEARCH_FEELING = "worried"


@dataclass
class Seeded:
    alex: Person
    sam: Person
    partners: Circle
    share_with_replies: int
    counts: dict[str, int]
    journal_matches: int


def _pick(rng: random.Random, words: Sequence[str], low: int, high: int) -> list[str]:
    return rng.sample(list(words), rng.randint(low, high))


def _sentences(rng: random.Random, pool: Sequence[str], low: int, high: int) -> str:
    return " ".join(rng.sample(list(pool), rng.randint(low, high)))


def seed() -> Seeded:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.db.models import Q
    from django.utils import timezone

    from hearthside import vocab
    from hearthside.accounts.models import Person
    from hearthside.circles.models import Circle, Membership
    from hearthside.practice.fields import has_word
    from hearthside.practice.models import Appreciation, CheckIn, Reply, Share

    if Person.objects.exists():
        raise SystemExit(
            "bench: the database already has people in it; the bench only seeds an empty one "
            "(unset DATABASE_URL, or use scripts/with-postgres)."
        )
    rng = random.Random(SEED)  # noqa: S311 (reproducible test data, not security)
    now = timezone.now()
    feelings = sorted(vocab.feeling_slugs())
    needs = sorted(vocab.need_slugs())
    bodies = sorted(vocab.body_signal_slugs())
    depths = [slug for slug, _label, _help in vocab.SHARE_DEPTHS]
    wants = [slug for slug, _label, _help in vocab.SHARE_WANTS]
    assert SEARCH_FEELING in vocab.feeling_slugs()
    counts: Counter[str] = Counter()

    def when(days_ago: float) -> datetime:
        return now - timedelta(days=days_ago)

    def checkins_for(person: Person, days: int, chance: float) -> list[CheckIn]:
        made = []
        for day in range(days, 0, -1):
            if rng.random() > chance:
                continue
            made.append(
                CheckIn(
                    author=person,
                    created_at=when(day - rng.uniform(0.3, 0.95)),
                    mood=rng.randint(1, 5),
                    energy=rng.randint(1, 5),
                    feelings=_pick(rng, feelings, 1, 3),
                    body_signals=_pick(rng, bodies, 0, 2),
                    needs=_pick(rng, needs, 1, 2),
                    situation=rng.choice(SITUATIONS) if rng.random() < 0.8 else "",
                    note=_sentences(rng, NOTE_SENTENCES, 1, 3) if rng.random() < 0.7 else "",
                )
            )
        return made

    def thread(
        circle: Circle,
        members: list[Person],
        count: int,
        days: int,
        linkable: dict[int, list[CheckIn]],
    ) -> tuple[list[Share], list[tuple[Share, Person, datetime]]]:
        """`count` shares by random members over `days`, and who replies when."""
        shares = []
        planned: list[tuple[Share, Person, datetime]] = []
        for ago in sorted((rng.uniform(0.05, days) for _ in range(count)), reverse=True):
            author = rng.choice(members)
            created = when(ago)
            own = linkable.get(author.pk, [])
            share = Share(
                author=author,
                circle=circle,
                created_at=created,
                text=_sentences(rng, SHARE_SENTENCES, 1, 4),
                feelings=_pick(rng, feelings, 1, 3),
                depth=rng.choice(depths),
                wants=rng.choice(wants),
                checkin=rng.choice(own) if own and rng.random() < 0.3 else None,
                withdrawn_at=created + timedelta(hours=1) if rng.random() < 0.02 else None,
            )
            shares.append(share)
            # Some recent shares are still waiting for a listener.
            if ago < 4 and rng.random() < 0.5:
                continue
            others = [m for m in members if m.pk != author.pk]
            at = created
            for _ in range(rng.randint(1, 3)):
                at = min(at + timedelta(minutes=rng.uniform(10, 24 * 60)), now)
                planned.append((share, rng.choice(others), at))
        return shares, planned

    def reply_rows(planned: list[tuple[Share, Person, datetime]]) -> list[Reply]:
        rows = []
        for share, author, at in planned:
            reflect = rng.choice(REFLECTIONS) if rng.random() < 0.8 else ""
            validation = rng.choice(VALIDATIONS) if rng.random() < 0.6 else ""
            question = rng.choice(QUESTIONS) if rng.random() < 0.5 or not reflect else ""
            heard = at + timedelta(minutes=30)
            rows.append(
                Reply(
                    share=share,
                    author=author,
                    reflect=reflect,
                    validation=validation,
                    question=question,
                    created_at=at,
                    felt_heard_at=heard if heard < now and rng.random() < 0.4 else None,
                )
            )
        return rows

    def thanks_rows(replies: list[Reply]) -> list[Appreciation]:
        return [
            Appreciation(
                author=r.share.author,
                circle=r.share.circle,
                recipient=r.author,
                reply=r,
                text=rng.choice(THANKS),
                created_at=min(r.felt_heard_at + timedelta(minutes=5), now),
            )
            for r in replies
            if r.felt_heard_at is not None and rng.random() < 0.35
        ]

    def bulk(model: Any, rows: list[Any], label: str) -> list[Any]:
        made = model.objects.bulk_create(rows, batch_size=2000)
        if rows and made[0].pk is None:  # pragma: no cover - old SQLite without RETURNING
            raise SystemExit("bench: this database does not return ids from bulk inserts")
        counts[label] += len(rows)
        return made

    unusable = make_password(None)
    with transaction.atomic():
        alex, sam = bulk(
            Person,
            [
                Person(email=f"{n.lower()}@example.com", display_name=n, time_zone=tz,
                       password=unusable, date_joined=when(740))
                for n, tz in (("Alex", "Europe/London"), ("Sam", "Europe/London"))
            ],
            "people",
        )  # fmt: skip
        partners = Circle.objects.create(
            name="Alex & Sam", kind="partners", created_by=alex, created_at=when(735)
        )
        counts["circles"] += 1
        bulk(
            Membership,
            [Membership(circle=partners, person=p, joined_at=when(735)) for p in (alex, sam)],
            "memberships",
        )
        couple_checkins = bulk(
            CheckIn, [*checkins_for(alex, 730, 1.0), *checkins_for(sam, 730, 1.0)], "check-ins"
        )
        by_author: dict[int, list[CheckIn]] = {}
        for c in couple_checkins:
            by_author.setdefault(c.author_id, []).append(c)
        shares, planned = thread(partners, [alex, sam], 1000, 730, by_author)
        bulk(Share, shares, "shares")
        couple_replies = bulk(Reply, reply_rows(planned), "replies")
        bulk(Appreciation, thanks_rows(couple_replies), "appreciations")

        # Noise: 50 other circles of 2-4 other people (some in two circles, a few who left).
        others = bulk(
            Person,
            [
                Person(email=f"person{i}@example.org", time_zone="Europe/Berlin",
                       display_name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {i}",
                       password=unusable, date_joined=when(740))
                for i in range(110)
            ],
            "people",
        )  # fmt: skip
        circles = bulk(
            Circle,
            [
                Circle(
                    name=f"{rng.choice(CIRCLE_WORDS)} {i}",
                    kind=rng.choice(["friends", "family", "other", "partners"]),
                    created_by=None,
                    created_at=when(735),
                )
                for i in range(50)
            ],
            "circles",
        )
        rosters = [rng.sample(others, rng.randint(2, 4)) for _ in circles]
        bulk(
            Membership,
            [
                Membership(
                    circle=circle,
                    person=person,
                    joined_at=when(735),
                    left_at=when(rng.uniform(1, 300)) if rng.random() < 0.05 else None,
                )
                for circle, roster in zip(circles, rosters, strict=True)
                for person in roster
            ],
            "memberships",
        )
        noise_checkins: list[CheckIn] = []
        for person in others:
            noise_checkins += checkins_for(person, 365, 0.85)
        bulk(CheckIn, noise_checkins, "check-ins")
        noise_shares: list[Share] = []
        noise_planned: list[tuple[Share, Person, datetime]] = []
        for circle, roster in zip(circles, rosters, strict=True):
            s, p = thread(circle, roster, 120, 730, {})
            noise_shares += s
            noise_planned += p
        noise_shares.sort(key=lambda s: s.created_at)
        bulk(Share, noise_shares, "shares")
        noise_replies = bulk(Reply, reply_rows(noise_planned), "replies")
        bulk(Appreciation, thanks_rows(noise_replies), "appreciations")

    # The share page to measure: one of Alex's with three replies, one of them felt heard.
    share_id = _share_with_replies(alex, partners)
    # What the journal search finds (the view's own filter), so it is not an empty page.
    feeling = has_word("feelings", SEARCH_FEELING)
    matches = (
        CheckIn.objects.filter(feeling, author=alex)
        .filter(Q(note__icontains=SEARCH_WORD) | Q(situation__icontains=SEARCH_WORD))
        .count()
    ) + Share.objects.filter(feeling, author=alex, text__icontains=SEARCH_WORD).count()
    return Seeded(alex, sam, partners, share_id, dict(counts), matches)


def _share_with_replies(alex: Person, partners: Circle) -> int:
    from django.db.models import Count, Q

    from hearthside.practice.models import Share

    share = (
        Share.objects.filter(circle=partners, author=alex, withdrawn_at__isnull=True)
        .annotate(
            n=Count("replies"),
            heard=Count("replies", filter=Q(replies__felt_heard_at__isnull=False)),
        )
        .filter(n=3, heard__gte=1)
        .order_by("-created_at")
        .first()
    )
    if share is None:
        raise SystemExit("bench: seeding made no share with three replies")
    return share.pk


def make_session(person: Person) -> str:
    """A signed-in session for `person`, made directly in the session store."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = person._meta.pk.value_to_string(person)  # type: ignore[union-attr]
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store.create()
    assert store.session_key
    return str(store.session_key)


# --- HTTP -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str
    kind: Kind
    method: str
    path: str
    expect: int
    marker: bytes  # must be in every response body: proves we are signed in and see data
    api: bool = False


@dataclass(frozen=True)
class Auth:
    session_cookie: str
    token: str
    cookie_name: str = "sessionid"


CHECKIN_BODIES = [
    json.dumps(
        {
            "mood": 1 + i % 5,
            "energy": 1 + (i * 3) % 5,
            "feelings": [["calm"], ["worried", "tired"], ["happy", "close"]][i % 3],
            "needs": ["rest"],
            "note": f"Bench check-in {i}: a quick note about how the day went.",
        }
    ).encode()
    for i in range(16)
]


class Client:
    """One keep-alive connection, with a tiny cookie jar (the CSRF cookie a browser keeps)."""

    def __init__(self, port: int, auth: Auth) -> None:
        self.port = port
        self.auth = auth
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}
        self.sent = 0
        self.connections = 0

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _headers(self, ep: Endpoint) -> dict[str, str]:
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "User-Agent": "hearthside-bench",
        }
        if ep.api:
            headers["Authorization"] = f"Bearer {self.auth.token}"
            headers["Accept"] = "application/json"
        else:
            jar = {**self.cookies, self.auth.cookie_name: self.auth.session_cookie}
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
            headers["Accept"] = "text/html"
        if ep.method == "POST":
            headers["Content-Type"] = "application/json"
        return headers

    def request(self, ep: Endpoint) -> tuple[int, bytes, float]:
        """(status, body, seconds). Reconnects once if the server closed an idle connection."""
        body = CHECKIN_BODIES[self.sent % len(CHECKIN_BODIES)] if ep.method == "POST" else None
        self.sent += 1
        for attempt in (1, 2):
            fresh = self.conn is None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=REQUEST_TIMEOUT_S
                )
                self.connections += 1
            started = time.perf_counter()
            try:
                self.conn.request(ep.method, ep.path, body=body, headers=self._headers(ep))
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if fresh or attempt == 2:
                    raise
                continue
            elapsed = time.perf_counter() - started
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if name != self.auth.cookie_name:
                        self.cookies[name] = morsel.value
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, data, elapsed
        raise AssertionError("unreachable")


@dataclass
class Result:
    endpoint: Endpoint
    samples_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    capped: bool = False
    connections: int = 0

    def quantile(self, q: float) -> float:
        if not self.samples_ms:
            return float("nan")
        if len(self.samples_ms) == 1:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=100, method="inclusive")[round(q * 100) - 1]


def check(ep: Endpoint, status: int, body: bytes) -> str | None:
    if status != ep.expect:
        return f"HTTP {status}"
    if ep.marker not in body:
        return "unexpected body"
    return None


def one(client: Client, ep: Endpoint, result: Result, record: bool) -> None:
    try:
        status, body, seconds = client.request(ep)
    except (OSError, http.client.HTTPException) as exc:
        result.errors[type(exc).__name__] += 1
        return
    if problem := check(ep, status, body):
        result.errors[problem] += 1
    if record:
        result.samples_ms.append(seconds * 1000)


def measure_sequential(port: int, auth: Auth, ep: Endpoint) -> Result:
    client = Client(port, auth)
    result = Result(ep)
    try:
        for _ in range(WARMUP):
            one(client, ep, result, record=False)
        deadline = time.monotonic() + ENDPOINT_TIME_CAP_S
        for _ in range(REQUESTS):
            if time.monotonic() > deadline:
                result.capped = True
                break
            one(client, ep, result, record=True)
    finally:
        client.close()
    result.connections = client.connections
    return result


@dataclass
class Concurrency:
    requests: int
    seconds: float
    latencies_ms: list[float]
    errors: Counter[str]
    writes: int


def measure_concurrency(port: int, auth: Auth, endpoints: list[Endpoint]) -> Concurrency:
    # Writes weigh double in the mix: several people checking in while others read.
    mix = [*endpoints, *(ep for ep in endpoints if ep.kind == "api_write")]
    lock = threading.Lock()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    writes = 0
    start = threading.Barrier(THREADS)

    def worker(index: int) -> None:
        nonlocal writes
        rng = random.Random(SEED + index)  # noqa: S311 (a request order, not a secret)
        plan = [rng.choice(mix) for _ in range(REQUESTS_PER_THREAD)]
        client = Client(port, auth)
        mine = Result(mix[0])
        local_ms: list[float] = []
        try:
            start.wait()
            for ep in plan:
                mine.samples_ms = []
                one(client, ep, mine, record=True)
                local_ms += mine.samples_ms
        finally:
            client.close()
        with lock:
            latencies.extend(local_ms)
            errors.update(mine.errors)
            writes += sum(ep.kind == "api_write" for ep in plan)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(THREADS)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    seconds = time.perf_counter() - began
    if any(t.is_alive() for t in threads):
        errors["threads still running after 120 s"] += 1
    return Concurrency(THREADS * REQUESTS_PER_THREAD, seconds, latencies, errors, writes)


# --- Server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(port: int, log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log_path.open("wb") as log:
        proc = subprocess.Popen(  # noqa: S603 (argv we built, no shell)
            [
                *hearthside_command(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
            ],
            cwd=PROJECT_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_up(proc, port, log_path)
            yield proc
        finally:
            stop(proc)


def wait_until_up(proc: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.stderr.write(log_path.read_text(errors="replace")[-4000:])
            raise SystemExit(f"bench: the server exited early (code {proc.returncode})")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/safety/", headers={"X-Forwarded-Proto": "https"})
            conn.getresponse().read()
            conn.close()
            return  # any answer will do: a page that fails is measured and reported as errors
        except OSError:
            pass
        time.sleep(0.2)
    sys.stderr.write(log_path.read_text(errors="replace")[-4000:])
    raise SystemExit("bench: the server did not answer within 40 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()  # gunicorn's master stops its workers gracefully on SIGTERM
    try:
        proc.wait(timeout=25)
    except subprocess.TimeoutExpired:
        # The group was made for this server alone (start_new_session), so its id is ours.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


# --- In-process profile -----------------------------------------------------------------------


@dataclass
class QueryProfile:
    """One request through Django in this process, with the same data: where its time goes."""

    count: int
    total_ms: float
    cpu_ms: float  # this process's CPU time: steadier than wall time on a busy machine
    db_ms: float
    slowest: tuple[float, str, tuple[Any, ...]] | None
    # Query shapes (SQL before parameters) that ran more than once: an N+1 shows up here.
    repeated: list[tuple[int, str]]


def profile_requests(endpoints: list[Endpoint], auth: Auth) -> dict[str, QueryProfile]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client as DjangoClient

    client = DjangoClient(
        HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https", HTTP_USER_AGENT="bench"
    )
    client.cookies[settings.SESSION_COOKIE_NAME] = auth.session_cookie
    # A failing view is summed up in one line below; the server run shows its traceback.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    profiles: dict[str, QueryProfile] = {}
    timings: list[tuple[float, str, tuple[Any, ...]]] = []

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - began) * 1000, sql, tuple(params or ())))

    for ep in endpoints:
        headers = {"Authorization": f"Bearer {auth.token}"} if ep.api else {}
        runs: list[tuple[float, float, list[tuple[float, str, tuple[Any, ...]]]]] = []
        try:
            # One warm-up, then the median of five: one request alone is too noisy to trust.
            for _ in range(6):
                timings.clear()
                began, cpu = time.perf_counter(), time.process_time()
                with connection.execute_wrapper(timed):
                    response = client.generic(
                        ep.method,
                        ep.path,
                        CHECKIN_BODIES[0] if ep.method == "POST" else b"",
                        content_type="application/json",
                        headers=headers,
                    )
                runs.append(
                    (
                        (time.perf_counter() - began) * 1000,
                        (time.process_time() - cpu) * 1000,
                        list(timings),
                    )
                )
                if response.status_code != ep.expect:
                    break
        except Exception as exc:  # the server run reports it as errors too
            print(f"  (in-process {ep.name} raised {type(exc).__name__}: {exc}; no profile)")
            continue
        if response.status_code != ep.expect:
            print(f"  (in-process {ep.name} answered {response.status_code}; no profile)")
            continue
        total_ms, cpu_ms, queries = sorted(runs[1:], key=lambda run: run[1])[len(runs[1:]) // 2]
        shapes = Counter(sql for _ms, sql, _params in queries)
        profiles[ep.name] = QueryProfile(
            count=len(queries),
            total_ms=total_ms,
            cpu_ms=cpu_ms,
            db_ms=sum(ms for ms, _sql, _params in queries),
            slowest=max(queries, default=None),
            repeated=[(n, sql) for sql, n in shapes.most_common() if n > 1],
        )
    return profiles


def explain(sql: str, params: tuple[Any, ...]) -> list[str]:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return [" ".join(str(c) for c in row) for row in cursor.fetchall()]


def short(sql: str, limit: int = 150) -> str:
    return sql if len(sql) <= limit else sql[: limit - 1] + "…"


# --- Report -----------------------------------------------------------------------------------


def report(
    results: list[Result], conc: Concurrency, profiles: dict[str, QueryProfile], locked: int
) -> list[str]:
    """Print the table; return the broken budgets, each naming itself."""
    broken: list[str] = []
    header = (
        f"{'endpoint':<34} {'kind':<9} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'budget':>6} {'errors':>6} {'queries':>7}  result"
    )
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        ep = r.endpoint
        budget_key = BUDGET_OF_KIND[ep.kind]
        budget = BUDGETS[budget_key]
        p95 = r.quantile(0.95)
        errors = sum(r.errors.values())
        problems = []
        if not p95 <= budget:  # NaN (nothing measured) fails too
            problems.append(f"p95 {p95:.0f} ms > {budget:.0f} ms ({budget_key})")
        if errors:
            problems.append(f"{errors} errors {dict(r.errors)}")
        prof = profiles.get(ep.name)
        label = short(f"{ep.method} {ep.path}", 34)
        print(
            f"{label:<34} {ep.kind:<9} {len(r.samples_ms):>4}{'*' if r.capped else ' '}"
            f"{r.quantile(0.5):>6.1f} {p95:>7.1f} {max(r.samples_ms, default=float('nan')):>7.1f} "
            f"{budget:>6.0f} {errors:>6} {prof.count if prof else '?':>7}  "
            f"{'FAIL' if problems else 'ok'}"
        )
        broken += [f"{ep.name} ({ep.method} {ep.path}): {p}" for p in problems]
    if any(r.capped for r in results):
        print(f"* stopped after {ENDPOINT_TIME_CAP_S:.0f} s to keep the run short")
    sent = sum(len(r.samples_ms) + WARMUP for r in results)
    print(f"keep-alive: {sum(r.connections for r in results)} connections for {sent} requests")
    conc_errors = sum(conc.errors.values()) + locked
    ordered = sorted(conc.latencies_ms)
    p50c = statistics.median(ordered) if ordered else float("nan")
    p95c = statistics.quantiles(ordered, n=100, method="inclusive")[94] if len(ordered) > 1 else 0
    print()
    print(
        f"concurrency: {THREADS} threads x {REQUESTS_PER_THREAD} mixed requests "
        f"({conc.writes} of them POST /api/v1/checkins) in {conc.seconds:.1f} s = "
        f"{conc.requests / conc.seconds:.1f} req/s; latency p50 {p50c:.0f} ms, p95 {p95c:.0f} ms"
    )
    print(
        f"  errors (non-2xx, exceptions, wrong body): {sum(conc.errors.values())}"
        f"{f' {dict(conc.errors)}' if conc.errors else ''}; "
        f"'database is locked' in the server log: {locked}"
    )
    if conc_errors > BUDGETS["concurrency_errors"]:
        broken.append(
            f"concurrency: {conc_errors} errors > {BUDGETS['concurrency_errors']:.0f} "
            f"(concurrency_errors): {dict(conc.errors)}, database is locked x{locked}"
        )
    return broken


def print_profile(name: str, path: str, prof: QueryProfile) -> None:
    print(
        f"{name} ({path}): {prof.count} queries; in-process, median of 5: "
        f"{prof.cpu_ms:.1f} ms CPU ({prof.total_ms:.1f} ms wall), of which "
        f"{prof.db_ms:.1f} ms in the database and the rest in Python (view, ORM, templates)"
    )
    if prof.slowest:
        ms, sql, _params = prof.slowest
        print(f"  slowest query {ms:.1f} ms: {short(sql)}")
    for n, sql in prof.repeated[:3]:
        print(f"  ran {n}x (N+1?): {short(sql)}")


def print_profiles(results: list[Result], profiles: dict[str, QueryProfile]) -> None:
    pages = [r for r in results if r.endpoint.kind == "page" and r.endpoint.name in profiles]
    if pages:
        heaviest = max(pages, key=lambda r: r.quantile(0.95))
        print("\nheaviest page (highest p95):")
        print_profile(
            heaviest.endpoint.name, heaviest.endpoint.path, profiles[heaviest.endpoint.name]
        )
    most = max(profiles.items(), key=lambda item: item[1].count, default=None)
    if most and pages and most[0] != heaviest.endpoint.name:
        ep = next(r.endpoint for r in results if r.endpoint.name == most[0])
        print("\nmost queries:")
        print_profile(ep.name, ep.path, most[1])
    over = [
        r
        for r in results
        if r.endpoint.name in profiles
        and not r.quantile(0.95) <= BUDGETS[BUDGET_OF_KIND[r.endpoint.kind]]
    ]
    for r in over:
        prof = profiles[r.endpoint.name]
        print(f"\nover budget: {r.endpoint.name}")
        print_profile(r.endpoint.name, r.endpoint.path, prof)
        if prof.slowest:
            try:
                for line in explain(prof.slowest[1], prof.slowest[2]):
                    print(f"    plan: {line}")
            except Exception as exc:  # a diagnosis aid must never hide the table
                print(f"    (no plan: {exc})")


def load_note() -> str:
    try:
        one_minute = os.getloadavg()[0]
    except OSError:
        return ""
    cores = os.cpu_count() or 1
    busy = " — the machine is busy, so these numbers are pessimistic" if one_minute > cores else ""
    return f"load average {one_minute:.1f} on {cores} cores{busy}"


# --- Main -------------------------------------------------------------------------------------


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(143)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument(
        "--production",
        action="store_true",
        help="serve with HEARTHSIDE_ENV=production (runs collectstatic first)",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _on_sigterm)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    overall = time.perf_counter()
    data_dir = Path(tempfile.mkdtemp(prefix="hearthside-bench-"))
    try:
        sqlite = prepare_environment(data_dir, args.production)
        (data_dir / "static").mkdir()  # WhiteNoise warns about a missing STATIC_ROOT
        print(
            f"bench: data in {data_dir} ({'SQLite' if sqlite else 'DATABASE_URL'}, "
            f"HEARTHSIDE_ENV={os.environ['HEARTHSIDE_ENV']}); {load_note()}"
        )
        run_command("migrate", "--noinput", "-v", "0")
        if args.production:
            run_command("collectstatic", "--noinput", "-v", "0")

        import django

        django.setup()
        from django.conf import settings
        from django.db import connections

        from hearthside.api.models import PersonalToken

        started = time.perf_counter()
        seeded = seed()
        print(f"  seeded in {time.perf_counter() - started:.1f} s: {seeded.counts}")
        print(
            f"  the journal search (q={SEARCH_WORD}, feeling={SEARCH_FEELING}) finds "
            f"{seeded.journal_matches} of Alex's entries"
        )
        auth = Auth(
            session_cookie=make_session(seeded.alex),
            token=PersonalToken.issue(seeded.alex, "bench")[1],
            cookie_name=settings.SESSION_COOKIE_NAME,
        )
        query = urlencode({"q": SEARCH_WORD, "feeling": SEARCH_FEELING})
        endpoints = [
            Endpoint("home", "page", "GET", "/", 200, b"Hello, Alex"),
            Endpoint("journal", "page", "GET", "/journal/", 200, b"Your journal"),
            Endpoint(
                "journal search", "page", "GET", f"/journal/?{query}", 200, b'class="summary"'
            ),
            Endpoint(
                "share", "page", "GET", f"/shares/{seeded.share_with_replies}/", 200, b"reply-"
            ),
            Endpoint(
                "circle", "page", "GET", f"/circles/{seeded.partners.pk}/", 200, b"Alex &amp; Sam"
            ),
            Endpoint(
                "api shares", "api_read", "GET", "/api/v1/shares?limit=50", 200, b'"text"', True
            ),
            Endpoint(
                "api checkins", "api_read", "GET", "/api/v1/checkins?limit=50", 200, b'"mood"', True
            ),
            Endpoint(
                "api checkin write", "api_write", "POST", "/api/v1/checkins", 201, b'"id"', True
            ),
        ]
        profiles = profile_requests(endpoints, auth)
        connections.close_all()

        port = free_port()
        log_path = data_dir / "server.log"
        with server(port, log_path):
            print(f"  gunicorn up on 127.0.0.1:{port} (2 workers x 4 threads); measuring…")
            results = [measure_sequential(port, auth, ep) for ep in endpoints]
            conc = measure_concurrency(port, auth, endpoints)
        log = log_path.read_text(errors="replace")
        locked = log.count("database is locked")
        broken = report(results, conc, profiles, locked)
        print_profiles(results, profiles)
        if "Traceback" in log:
            lines = log[log.rindex("Traceback") :].splitlines()
            # The exception line is the first unindented one after the frames.
            end = next((i for i, line in enumerate(lines) if i and line[:1] != " "), 0)
            print(f"\nthe server log has {log.count('Traceback')} tracebacks; the last one ends:")
            print("\n".join(lines[max(1, end - 6) : end + 1]))
        print(f"\nbench finished in {time.perf_counter() - overall:.0f} s; {load_note()}")
        if broken:
            print("\nBUDGETS BROKEN:")
            for line in broken:
                print(f"  - {line}")
            return 1
        print("\nall budgets met")
        return 0
    finally:
        if "django.db" in sys.modules:
            from django.db import connections as open_connections

            open_connections.close_all()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
