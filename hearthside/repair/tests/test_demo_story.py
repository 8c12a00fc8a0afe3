"""`hearthside demo` gives the demo couple a repair story: a pause that did its job, a rupture
from packing night taken all the way to "trust is back" with commitments kept, and a smaller
one waiting at the plan step — visible to the two of them and nobody else."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.insights import gather
from hearthside.notify.models import Notification
from hearthside.notify.schedule import commitment_follow_ups, pause_nudges, schedule_due
from hearthside.repair import actions, steps
from hearthside.repair.models import (
    Agreement,
    Closure,
    Commitment,
    FollowUp,
    Pause,
    PauseReturn,
    Reflection,
    Rupture,
    Turn,
)
from hearthside.summary import actions as summary_actions
from hearthside.summary.models import SummaryRequest

REPAIR_MODELS: tuple[Any, ...] = (
    Agreement,
    Pause,
    PauseReturn,
    Rupture,
    Reflection,
    Turn,
    Commitment,
    FollowUp,
    Closure,
)


@pytest.fixture
def demo(db: None) -> None:
    call_command("demo", stdout=StringIO())


def person(name: str) -> Person:
    return Person.objects.get(email=f"{name}@example.com")


def partners() -> Circle:
    return Circle.objects.get(kind="partners")


def words(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def client_for(name: str) -> Client:
    client = Client()
    client.force_login(person(name))
    return client


def repaired() -> Rupture:
    return Rupture.objects.get(status=Rupture.Status.CLOSED)


def test_packing_night_is_repaired_with_trust_back_and_commitments_kept(demo: None) -> None:
    alex, sam = person("alex"), person("sam")
    rupture = repaired()
    assert rupture.circle == partners()
    assert rupture.closed_at is not None and rupture.closed_at < timezone.now()
    # Opened about three weeks ago, repaired about two weeks ago.
    assert timedelta(days=19) <= timezone.now() - rupture.created_at <= timedelta(days=29)
    assert timedelta(days=11) <= timezone.now() - rupture.closed_at <= timedelta(days=20)

    # It grew from a pause Sam called with the couple's own phrase; both came back in time.
    pause = rupture.pause
    assert pause is not None and pause.author == sam
    assert pause.phrase in Agreement.for_circle(partners()).phrase_list
    assert pause.created_at < rupture.created_at
    returns = list(pause.returns.all())
    assert {r.author_id for r in returns} == {alex.pk, sam.pk}
    for back in returns:
        assert pause.min_until <= back.created_at < pause.max_until
    assert pause.ended_at == max(r.created_at for r in returns)

    # Both reflected privately and shared some parts, not all.
    reflections = {r.author_id: r for r in rupture.reflections.all()}
    assert set(reflections) == {alex.pk, sam.pk}
    for reflection in reflections.values():
        assert 0 < len(reflection.shared_parts) < len(Reflection.PARTS)
        assert rupture.created_at < reflection.updated_at

    # Every step, by both, in order, after the rupture was opened.
    turns = list(rupture.turns.order_by("created_at"))
    assert [t.step for t in turns][::2] == list(steps.STEPS)
    assert {(t.step, t.author_id) for t in turns} == {
        (s, p.pk) for s in steps.STEPS for p in (alex, sam)
    }
    assert turns[0].created_at > max(r.updated_at for r in reflections.values())
    second_reality = [t for t in turns if t.step == steps.REALITIES][1]
    assert second_reality.reflect and second_reality.validation
    for apology in (t for t in turns if t.step == steps.RESPONSIBILITY):
        assert apology.text.startswith("I'm sorry that I") and "Next time I will" in apology.text
    assert all(t.accepted for t in turns if t.step == steps.ACCEPTANCE)
    assert rupture.takeaways

    # A commitment each, checked back on a week later: kept, by both of them's account.
    commitments = list(rupture.commitments.all())
    assert {c.author_id for c in commitments} == {alex.pk, sam.pk}
    for commitment in commitments:
        assert turns[-1].created_at < commitment.created_at < rupture.closed_at
        assert commitment.follow_up_on < timezone.localdate()
        answers = list(commitment.follow_ups.all())
        assert {a.author_id for a in answers} == {alex.pk, sam.pk}
        assert all(a.answer == FollowUp.Answer.YES for a in answers)
        assert all(rupture.closed_at < a.created_at < timezone.now() for a in answers)

    closures = list(rupture.closures.all())
    assert {c.author_id for c in closures} == {alex.pk, sam.pk}
    assert all(c.trust_reestablished and c.note for c in closures)
    assert rupture.closed_at == max(c.created_at for c in closures)


def test_an_earlier_pause_ended_without_a_rupture(demo: None) -> None:
    first = Pause.objects.order_by("created_at").first()
    assert first is not None
    assert timedelta(days=28) <= timezone.now() - first.created_at <= timedelta(days=37)
    assert first.ended_at is not None and first.ended_at - first.created_at < timedelta(hours=2)
    assert not first.ruptures.exists()


def test_a_smaller_repair_waits_at_the_plan_step_on_both_today_pages(demo: None) -> None:
    waiting = Rupture.objects.get(status=Rupture.Status.OPEN)
    state, _members = actions.conversation_state(waiting)
    assert state.step == steps.PLAN
    assert set(state.may_act) == {person("alex").pk, person("sam").pk}
    assert timedelta(days=7) <= timezone.now() - waiting.created_at <= timedelta(days=16)
    assert not waiting.commitments.exists()
    for name in ("alex", "sam"):
        today = words(client_for(name), reverse("home"))
        assert waiting.title in today, name
        # Nothing stale asks "did this happen?" and no pause hangs over the page.
        assert "Did this happen" not in today
        assert "called a pause" not in today


def test_the_smaller_repair_names_packing_night_as_the_pattern_it_repeats(demo: None) -> None:
    smaller = Rupture.objects.exclude(status=Rupture.Status.CLOSED).get()
    assert smaller.linked_to == repaired()
    for name in ("alex", "sam"):
        page = words(client_for(name), reverse("rupture", args=[smaller.pk]))
        assert "Repeats an earlier one: Packing night, before Dad's procedure" in page


def test_everything_is_in_order_and_in_the_past(demo: None) -> None:
    now = timezone.now()
    for model, field in (
        (Pause, "created_at"),
        (Pause, "ended_at"),
        (PauseReturn, "created_at"),
        (Rupture, "created_at"),
        (Rupture, "happened_at"),
        (Rupture, "closed_at"),
        (Reflection, "updated_at"),
        (Turn, "created_at"),
        (Commitment, "created_at"),
        (FollowUp, "created_at"),
        (Closure, "created_at"),
        (Agreement, "updated_at"),
    ):
        assert not model.objects.filter(**{f"{field}__gte": now}).exists(), (model, field)
    for rupture in Rupture.objects.all():
        assert rupture.happened_at < rupture.created_at
        assert partners().created_at < rupture.happened_at
        assert all(t.created_at > rupture.created_at for t in rupture.turns.all())


def test_alex_sees_a_ratio_time_to_repair_and_commitments_kept(demo: None) -> None:
    alex = person("alex")
    insights = gather.for_circle(alex, partners(), "90d")
    assert insights.balance.ruptures == 2 and insights.balance.pauses == 2
    assert insights.balance.ratio is not None and insights.balance.ratio > 1
    assert insights.repairs.closed == 1 and insights.repairs.open == 1
    assert insights.repairs.trust_reestablished == 1
    assert insights.repairs.median_hours is not None
    assert 6 * 24 < insights.repairs.median_hours < 10 * 24
    assert insights.commitments.kept == 2

    page = words(client_for("alex"), f"/circles/{partners().pk}/insights/")
    assert "Packing night, before Dad's procedure" in page
    assert "middle time to repair was" in page


def test_the_counsellor_summary_waiting_for_alex_includes_the_repair(demo: None) -> None:
    request = SummaryRequest.objects.get(circle=partners())
    preview = summary_actions.preview(request)
    assert preview is not None
    titles = {r.title for r in preview.ruptures}
    assert "Packing night, before Dad's procedure" in titles
    [done] = [r for r in preview.ruptures if r.repaired]
    assert done.days_to_repair is not None and done.days_to_repair >= 6
    assert {c.author for c in done.closures} == {"Alex", "Sam"}
    assert all(c.trust_back for c in done.closures)
    assert len(preview.commitments) == 2
    # Private reflections are nobody's summary.
    text = str(preview.model_dump())
    for reflection in Reflection.objects.all():
        for part in (reflection.reality, reflection.triggers, reflection.my_part):
            assert not part or part not in text


def test_unshared_reflection_parts_stay_with_their_author(demo: None) -> None:
    rupture = repaired()
    sam_reflection = rupture.reflections.get(author=person("sam"))
    assert not sam_reflection.is_shared("triggers") and not sam_reflection.is_shared("my_part")
    page = words(client_for("alex"), reverse("rupture", args=[rupture.pk]))
    assert html.unescape(sam_reflection.reality) in page
    assert sam_reflection.triggers not in page
    assert sam_reflection.my_part not in page


def test_robin_sees_none_of_it(demo: None) -> None:
    robin = person("robin")
    assert not visibility.visible_entries(Rupture.objects.all(), robin).exists()
    assert not visibility.visible_entries(Pause.objects.all(), robin).exists()
    client = client_for("robin")
    for rupture in Rupture.objects.all():
        assert client.get(reverse("rupture", args=[rupture.pk])).status_code == 404
        assert client.get(reverse("rupture_plan", args=[rupture.pk])).status_code == 404
    for pause in Pause.objects.all():
        assert client.get(reverse("pause", args=[pause.pk])).status_code == 404
    for commitment in Commitment.objects.all():
        url = reverse("commitment_follow_up", args=[commitment.pk])
        assert client.get(url).status_code == 404
    pages = words(client, reverse("home")) + words(client, reverse("ruptures"))
    for rupture in Rupture.objects.all():
        assert rupture.title not in pages
    assert "Packing night" not in pages


def test_the_worker_right_after_the_demo_has_nothing_to_say_about_repair(demo: None) -> None:
    for later in (timedelta(0), timedelta(days=1), timedelta(days=8)):
        now = timezone.now() + later
        assert pause_nudges(now - timedelta(days=1), now) == []
        assert commitment_follow_ups(now - timedelta(days=1), now) == []
    schedule_due(timezone.now())
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert not kinds & {"pause_ready", "pause_overdue", "follow_up"}


def test_running_the_demo_again_adds_no_repair(demo: None) -> None:
    before = {m.__name__: m.objects.count() for m in REPAIR_MODELS}
    assert before["Rupture"] == 2 and before["Pause"] == 2
    out = StringIO()
    call_command("demo", stdout=out)
    assert out.getvalue().strip() == "Demo data is already here."
    assert {m.__name__: m.objects.count() for m in REPAIR_MODELS} == before
    call_command("demo", "--if-empty", stdout=StringIO())
    assert {m.__name__: m.objects.count() for m in REPAIR_MODELS} == before
