"""`hearthside demo`: three people, two circles and a few believable weeks of practice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from hearthside import vocab
from hearthside.accounts.models import Person
from hearthside.circles.models import Circle, Membership
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share

EMAILS = ("alex@example.com", "sam@example.com", "robin@example.com")
DEMO_PASSWORD = "hearthside-demo"
LONDON = ZoneInfo("Europe/London")


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models: tuple[Any, ...] = (Person, Circle, Membership, CheckIn, Share, Reply, Appreciation)
    return {m.__name__: m.objects.count() for m in models}


def person(email: str) -> Person:
    return Person.objects.get(email=email)


@pytest.fixture
def demo(db: None) -> str:
    return run_demo()


def test_creates_three_people_who_can_sign_in(demo: str) -> None:
    people = Person.objects.filter(email__in=EMAILS)
    assert sorted(p.display_name for p in people) == ["Alex", "Robin", "Sam"]
    for p in people:
        assert p.check_password(DEMO_PASSWORD)
        assert p.password.startswith("argon2")
        assert p.time_zone == "Europe/London"
        assert p.is_active and not p.is_staff


def test_partners_and_a_separate_friends_circle(demo: str) -> None:
    alex, sam, robin = (person(e) for e in EMAILS)
    partners = Circle.objects.get(kind="partners")
    friends = Circle.objects.get(kind="friends")

    def members(circle: Circle) -> set[int]:
        return set(
            Membership.objects.active().filter(circle=circle).values_list("person", flat=True)
        )

    assert partners.name == "Alex & Sam"
    assert members(partners) == {alex.pk, sam.pk}
    assert members(friends) == {alex.pk, robin.pk}
    assert sam.pk not in members(friends)
    # Members joined before anything was shared there.
    first_share = Share.objects.order_by("created_at").first()
    assert first_share is not None
    assert Membership.objects.filter(joined_at__gte=first_share.created_at).count() == 0


def test_several_weeks_of_private_check_ins(demo: str) -> None:
    alex, sam, robin = (person(e) for e in EMAILS)
    assert not CheckIn.objects.filter(circle__isnull=False).exists()
    for partner in (alex, sam):
        checkins = CheckIn.objects.filter(author=partner).order_by("created_at")
        assert checkins.count() >= 25, "a check-in most days"
        span = checkins.last().created_at - checkins.first().created_at  # type: ignore[union-attr]
        assert span >= timedelta(days=28)
        moods = set(checkins.values_list("mood", flat=True))
        assert len(moods) >= 3, "good days and hard days"
        assert checkins.exclude(note="").exists()
    assert 1 <= CheckIn.objects.filter(author=robin).count() <= 10
    situations = CheckIn.objects.values_list("situation", flat=True)
    assert len(set(situations)) >= 25, "varied, not one text repeated"


def test_shares_replies_and_thank_yous(demo: str) -> None:
    alex, sam = person(EMAILS[0]), person(EMAILS[1])
    partners = Circle.objects.get(kind="partners")
    friends = Circle.objects.get(kind="friends")
    partner_shares = Share.objects.filter(circle=partners)
    assert 10 <= partner_shares.count() <= 14
    assert {s.author_id for s in partner_shares} == {alex.pk, sam.pk}
    assert 3 <= Share.objects.filter(circle=friends).count() <= 4
    assert {s.depth for s in partner_shares} == {"light", "medium", "deep"}
    assert len({s.wants for s in partner_shares}) >= 3

    # Linked check-ins belong to the sharer and come first.
    linked = Share.objects.filter(checkin__isnull=False).select_related("checkin")
    assert linked.exists()
    for share in linked:
        assert share.checkin is not None
        assert share.checkin.author_id == share.author_id
        assert share.checkin.created_at <= share.created_at

    # Replies come from the other member of the circle, after the share.
    replies = Reply.objects.select_related("share")
    assert replies.count() >= 10
    for reply in replies:
        assert reply.author_id != reply.share.author_id
        assert Membership.objects.filter(circle=reply.share.circle, person=reply.author).exists()
        assert reply.created_at > reply.share.created_at
        assert reply.reflect and reply.validation
    assert replies.filter(felt_heard_at__isnull=False).count() >= 3
    assert replies.filter(share__circle=friends).count() >= 3

    # The thank-yous offered after feeling heard (others are for small acts of support).
    thanks = Appreciation.objects.filter(reply__isnull=False).select_related("reply__share")
    assert thanks.count() >= 3
    for note in thanks:
        assert note.reply is not None and note.reply.felt_heard_at is not None
        assert note.author_id == note.reply.share.author_id
        assert note.recipient_id == note.reply.author_id
        assert note.circle_id == note.reply.share.circle_id

    withdrawn = Share.objects.filter(withdrawn_at__isnull=False)
    assert withdrawn.count() == 1
    assert not withdrawn.first().replies.exists()  # type: ignore[union-attr]

    # A couple of recent shares are still waiting for a reply.
    waiting = Share.objects.filter(
        replies__isnull=True, withdrawn_at__isnull=True, circle=partners
    ).exclude(wants="space")
    assert waiting.count() >= 2
    assert all(s.created_at > timezone.now() - timedelta(days=3) for s in waiting)


def test_everything_is_in_the_past(demo: str) -> None:
    now = timezone.now()
    assert not CheckIn.objects.filter(created_at__gt=now).exists()
    assert not Share.objects.filter(created_at__gt=now).exists()
    assert not Share.objects.filter(withdrawn_at__gt=now).exists()
    assert not Reply.objects.filter(created_at__gt=now).exists()
    assert not Reply.objects.filter(felt_heard_at__gt=now).exists()
    assert not Appreciation.objects.filter(created_at__gt=now).exists()


def test_only_known_vocabulary(demo: str) -> None:
    feelings, needs, body = vocab.feeling_slugs(), vocab.need_slugs(), vocab.body_signal_slugs()
    pleasant_used = False
    for c in CheckIn.objects.all():
        assert set(c.feelings) <= feelings, c.feelings
        assert set(c.needs) <= needs, c.needs
        assert set(c.body_signals) <= body, c.body_signals
        assert c.feelings and c.needs
        assert c.mood in range(1, 6) and c.energy in range(1, 6)
        pleasant_used |= any(vocab.family_of(f).pleasant for f in c.feelings)  # type: ignore[union-attr]
    assert pleasant_used
    families = {vocab.family_of(f).slug for c in CheckIn.objects.all() for f in c.feelings}  # type: ignore[union-attr]
    assert len(families) >= 8, "feelings from many families"
    depths = {slug for slug, _label, _help in vocab.SHARE_DEPTHS}
    wants = {slug for slug, _label, _help in vocab.SHARE_WANTS}
    for s in Share.objects.all():
        assert s.feelings and set(s.feelings) <= feelings, s.feelings
        assert s.depth in depths and s.wants in wants


def test_running_twice_changes_nothing(demo: str) -> None:
    before = row_counts()
    hashes = dict(Person.objects.values_list("email", "password"))
    out = run_demo()
    assert out.strip() == "Demo data is already here."
    assert row_counts() == before
    assert dict(Person.objects.values_list("email", "password")) == hashes


def test_summary_prints_counts_not_content(demo: str) -> None:
    lines = demo.strip().splitlines()
    assert lines[-1] == (
        "Sign in as alex@example.com / sam@example.com / robin@example.com "
        "with password hearthside-demo"
    )
    assert all("@" not in line for line in lines[:-1])
    for text in Share.objects.values_list("text", flat=True):
        assert text[:30] not in demo
    for text in CheckIn.objects.values_list("situation", flat=True):
        assert text[:30] not in demo


def test_story_weekdays_hold_whatever_day_it_is(db: None, settings: Any) -> None:
    """School is on weekdays, climbing on Thursdays and the hike on a Saturday, on any day the
    command runs (here: each day of a week spanning a clock change, at awkward hours)."""
    # Seven runs; Argon2 is checked above, so hash quickly here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    start = datetime(2026, 3, 23, 23, 50, tzinfo=LONDON)
    for offset in range(7):
        moment = start + timedelta(days=offset, hours=offset * 3)
        with time_machine.travel(moment.astimezone(UTC), tick=False):
            run_demo()
            local = timezone.localtime
            for phrase in ("Pen y Fan", "at the wall", "Parents' evening"):
                assert CheckIn.objects.filter(situation__contains=phrase).exists()
            for c in CheckIn.objects.filter(situation__contains="Pen y Fan"):
                assert local(c.created_at, LONDON).weekday() == 5
            for c in CheckIn.objects.filter(situation__contains="at the wall"):
                assert local(c.created_at, LONDON).weekday() == 3
            for c in CheckIn.objects.filter(situation__contains="Parents' evening"):
                assert local(c.created_at, LONDON).weekday() < 5
            newest = Share.objects.order_by("-created_at").first()
            assert newest is not None
            assert local(newest.created_at, LONDON).date() == (
                local(timezone.now(), LONDON).date() - timedelta(days=1)
            )
            assert not CheckIn.objects.filter(created_at__gt=timezone.now()).exists()
            Person.objects.filter(email__in=EMAILS).delete()
            Circle.objects.all().delete()


def test_refuses_when_a_demo_address_belongs_to_someone_else(db: None) -> None:
    Person.objects.create_user("sam@example.com", "a-real-persons-password")
    with pytest.raises(CommandError):
        run_demo()
    assert Person.objects.count() == 1
    assert CheckIn.objects.count() == 0


def test_refuses_in_production_unless_asked(db: None, settings: Any) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        run_demo()
    assert not Person.objects.exists()
    run_demo("--allow-production")
    assert Person.objects.filter(email__in=EMAILS).count() == 3


def test_if_empty_leaves_a_lived_in_instance_alone(db: None) -> None:
    Person.objects.create_user("someone@example.org", "a-long-kind-password-42")
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "no demo data was added" in out.getvalue()
    assert not Person.objects.filter(email="alex@example.com").exists()


def test_if_empty_adds_the_demo_to_an_empty_instance(db: None) -> None:
    call_command("demo", "--if-empty", stdout=StringIO())
    assert Person.objects.filter(email="alex@example.com").exists()


def test_the_partners_keep_a_sunday_ritual_most_weeks(demo: str) -> None:
    from hearthside.rituals.models import Occurrence, Ritual

    ritual = Ritual.objects.get(circle__name="Alex & Sam")
    done = Occurrence.objects.filter(ritual=ritual, status="done").count()
    skipped = Occurrence.objects.filter(ritual=ritual, status="skipped").count()
    assert done >= 4
    assert 0 < skipped < done
    assert all(o.scheduled_for.weekday() == 6 for o in ritual.occurrences.all())
