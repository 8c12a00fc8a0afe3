"""The revisit reminder: on the day a circle's revisit is due, at 09:00 in each member's own
time zone, once, with neutral words and nothing the circle holds."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.core.management import call_command

from hearthside.circles.models import Membership
from hearthside.notify.models import Channel, Delivery, Notification
from hearthside.notify.schedule import schedule_due
from hearthside.values import actions, jobs
from hearthside.values.models import Revisit, ValuesSettings
from hearthside.values.tests.conftest import READERS, World

if TYPE_CHECKING:
    from conftest import Personas

DUE_DAY = date(2026, 6, 4)  # London is on summer time: 09:00 there is 08:00 UTC


def run(at: datetime) -> int:
    with time_machine.travel(at, tick=False):
        return schedule_due(at)


def due_partners(people: Personas, day: date = DUE_DAY) -> ValuesSettings:
    settings, _created = ValuesSettings.objects.update_or_create(
        circle=people.partners, defaults={"every_months": 3, "next_due_on": day}
    )
    return settings


def reminders() -> list[Notification]:
    return list(Notification.objects.filter(kind="values_revisit").order_by("recipient_id"))


def test_nothing_before_nine_in_the_morning(people: Personas) -> None:
    due_partners(people)
    run(datetime(2026, 6, 4, 7, 59, tzinfo=UTC))
    assert reminders() == []


def test_each_member_hears_at_nine_their_time_and_only_once(people: Personas) -> None:
    due_partners(people)
    run(datetime(2026, 6, 4, 8, 0, 30, tzinfo=UTC))
    run(datetime(2026, 6, 4, 8, 5, tzinfo=UTC))
    run(datetime(2026, 6, 4, 12, 0, tzinfo=UTC))

    sent = reminders()
    assert [n.recipient for n in sent] == [people.alex, people.sam]
    assert {n.due_at for n in sent} == {datetime(2026, 6, 4, 8, 0, tzinfo=UTC)}
    assert sent[0].url == f"/values/circles/{people.partners.pk}/"


def test_a_member_far_away_hears_at_their_own_nine(people: Personas) -> None:
    people.sam.time_zone = "America/New_York"
    people.sam.save()
    due_partners(people)

    run(datetime(2026, 6, 4, 8, 1, tzinfo=UTC))
    assert [n.recipient for n in reminders()] == [people.alex]
    run(datetime(2026, 6, 4, 13, 1, tzinfo=UTC))  # 09:01 in New York
    assert [n.recipient for n in reminders()] == [people.alex, people.sam]


def test_the_words_name_the_circle_and_nothing_it_holds(people: Personas, world: World) -> None:
    due_partners(people)
    run(datetime(2026, 6, 4, 8, 1, tzinfo=UTC))
    # The world has a revisit under way; finish it so the reminder goes out.
    assert reminders() == []
    Revisit.objects.filter(pk=world.revisit.pk).update(finished_at=datetime(2026, 6, 1, tzinfo=UTC))
    run(datetime(2026, 6, 4, 8, 2, tzinfo=UTC))

    sent = reminders()
    assert len(sent) == 2
    for notification in sent:
        assert notification.subject == "Time to look at your values again"
        assert "Alex & Sam" in notification.body
        for text in READERS:
            assert text not in notification.subject + notification.body


def test_nobody_outside_the_circle_hears_and_leavers_dont(people: Personas) -> None:
    due_partners(people)
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=datetime(2026, 6, 1, tzinfo=UTC)
    )
    run(datetime(2026, 6, 4, 8, 1, tzinfo=UTC))
    assert [n.recipient for n in reminders()] == [people.alex]


def test_no_schedule_no_reminder(people: Personas) -> None:
    ValuesSettings.objects.create(circle=people.partners, every_months=0, next_due_on=DUE_DAY)
    run(datetime(2026, 6, 4, 8, 1, tzinfo=UTC))
    assert reminders() == []


def test_a_worker_that_was_down_catches_up_on_the_last_day_only(people: Personas) -> None:
    due_partners(people)
    run(datetime(2026, 6, 5, 7, 0, tzinfo=UTC))
    assert len(reminders()) == 2
    Notification.objects.all().delete()
    run(datetime(2026, 6, 6, 9, 0, tzinfo=UTC))
    assert reminders() == []


def test_the_gate_lets_only_current_members_through(people: Personas) -> None:
    gate = jobs.GATES[jobs.GATE]
    ids = [people.partners.pk, people.friends.pk]
    assert set(gate(people.sam, ids).values_list("pk", flat=True)) == {people.partners.pk}
    assert list(gate(people.olive, ids)) == []


def test_due_is_pure_and_can_be_asked_twice(people: Personas) -> None:
    due_partners(people)
    now = datetime(2026, 6, 4, 8, 30, tzinfo=UTC)
    first = jobs.due(now - timedelta(days=1), now)
    second = jobs.due(now - timedelta(days=1), now)
    assert [d.key for d in first] == [d.key for d in second]
    assert {d.key for d in first} == {
        f"values-revisit:{people.partners.pk}:2026-06-04:{people.alex.pk}",
        f"values-revisit:{people.partners.pk}:2026-06-04:{people.sam.pk}",
    }
    assert jobs.act(now) == 0


@pytest.mark.parametrize("how", ["finish", "move", "stop"])
def test_a_reminder_waiting_out_quiet_hours_stays_quiet_once_done_or_moved(
    people: Personas, mailbox: Any, how: str
) -> None:
    # Both of Alex's circles are due today; Alex sleeps until 10:00, so both 09:00 reminders
    # wait. Before then Alex & Sam do their revisit (or move it, or stop them): only the
    # climbers' reminder is still true by 10:00.
    people.alex.quiet_from, people.alex.quiet_until = time(22, 0), time(10, 0)
    people.alex.save()
    Channel.objects.create(person=people.alex, kind="email")
    due_partners(people)
    ValuesSettings.objects.create(circle=people.friends, every_months=3, next_due_on=DUE_DAY)
    with time_machine.travel(datetime(2026, 6, 4, 8, 0, 30, tzinfo=UTC), tick=False):
        call_command("worker", "--once")
    assert Delivery.objects.filter(status="pending").count() == 2

    with time_machine.travel(datetime(2026, 6, 4, 8, 30, tzinfo=UTC), tick=False):
        if how == "finish":
            revisit = actions.start_revisit(people.sam, people.partners)
            actions.finish_revisit(people.sam, revisit, takeaway="")
        else:
            actions.set_cadence(
                people.sam,
                people.partners,
                every_months=3 if how == "move" else 0,
                next_due_on=date(2026, 6, 11) if how == "move" else None,
            )

    with time_machine.travel(datetime(2026, 6, 4, 9, 1, tzinfo=UTC), tick=False):
        call_command("worker", "--once")
    (body,) = mailbox.bodies()
    assert "Today is the day Climbing friends chose" in body
    # The inbox keeps what was said; only the email that would now be wrong stays unsent.
    assert len([n for n in reminders() if n.recipient == people.alex]) == 2
