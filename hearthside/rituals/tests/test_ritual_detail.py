"""A ritual's page: its schedule in words, what's coming, what happened lately, and resting
it (archive) or bringing it back."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.rituals.models import Occurrence, ReminderSetting, Ritual


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def ritual(people: Personas) -> Ritual:
    return Ritual.objects.create(
        circle=people.partners,
        created_by=people.alex,
        title="Our Sunday reflection",
        description="A kind look back & ahead",
        freq="weekly",
        weekdays="6",
        at=time(19),
        time_zone="Europe/London",
        starts_on=date(2025, 12, 1),
        duration=40,
        agenda=["One thing you appreciated", "What went well?"],
        created_at=datetime(2025, 11, 30, tzinfo=UTC),
    )


def url(ritual: Ritual) -> str:
    return reverse("ritual", args=[ritual.pk])


def sunday(day: int, month: int = 2) -> datetime:
    return datetime(2026, month, day, 19, tzinfo=UTC)


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, ritual: Ritual, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(ritual)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, ritual: Ritual) -> None:
    response = people.client("anonymous").get(url(ritual))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(ritual)}"


@pytest.mark.parametrize("name", ["robin", "olive"])
def test_people_outside_the_circle_find_nothing(
    people: Personas, ritual: Ritual, name: str
) -> None:
    client = people.client(name)

    assert client.get(url(ritual)).status_code == 404
    assert client.post(url(ritual), {"action": "archive"}).status_code == 404
    ritual.refresh_from_db()
    assert ritual.archived_at is None


def test_a_ritual_that_does_not_exist_is_not_found(people: Personas) -> None:
    assert people.client("alex").get(reverse("ritual", args=[999])).status_code == 404


def test_it_describes_the_ritual(people: Personas, ritual: Ritual) -> None:
    page = text_of(people.client("sam").get(url(ritual)))

    assert "Our Sunday reflection" in page
    assert "A kind look back & ahead" in page
    assert "Every Sunday at 19:00" in page
    assert "About 40 minutes" in page
    assert "One thing you appreciated" in page
    assert "1 hour before" in page  # my reminders, until I choose otherwise


def test_it_lists_the_next_five_times_with_links(people: Personas, ritual: Ritual) -> None:
    page = text_of(people.client("alex").get(url(ritual)))

    for when, words in [
        ("20260308T1900Z", "Sunday 8 March, 19:00"),
        ("20260315T1900Z", "Sunday 15 March, 19:00"),
        ("20260322T1900Z", "Sunday 22 March, 19:00"),
        ("20260329T1800Z", "Sunday 29 March, 19:00"),  # British Summer Time
        ("20260405T1800Z", "Sunday 5 April, 19:00"),
    ]:
        assert reverse("occurrence", args=[ritual.pk, when]) in page
        assert words in page
    assert "Sunday 12 April" not in page


@pytest.mark.parametrize(
    ("schedule", "words"),
    [
        ({"freq": "daily", "weekdays": ""}, "Every day at 19:00"),
        ({"freq": "daily", "weekdays": "", "interval": 3}, "Every 3 days at 19:00"),
        ({"weekdays": "0,3"}, "Every Monday and Thursday at 19:00"),
        ({"weekdays": "6", "interval": 2}, "Every 2 weeks on Sunday at 19:00"),
        (
            {"freq": "monthly", "weekdays": "", "monthly_nth": 1, "monthly_day": 6},
            "On the first Sunday of every month at 19:00",
        ),
        (
            {"freq": "monthly", "weekdays": "", "monthly_nth": -1, "monthly_day": 4},
            "On the last Friday of every month at 19:00",
        ),
    ],
)
def test_the_schedule_is_said_in_words(
    people: Personas, ritual: Ritual, schedule: dict[str, Any], words: str
) -> None:
    Ritual.objects.filter(pk=ritual.pk).update(**schedule)

    assert words in text_of(people.client("alex").get(url(ritual)))


def test_recent_history_shows_done_skipped_and_moved(people: Personas, ritual: Ritual) -> None:
    done = Occurrence.objects.create(ritual=ritual, scheduled_for=sunday(1, 3), status="done")
    done.attendees.set([people.alex, people.sam])
    Occurrence.objects.create(ritual=ritual, scheduled_for=sunday(22), status="skipped")
    Occurrence.objects.create(
        ritual=ritual,
        scheduled_for=sunday(15),
        status="moved",
        moved_to=datetime(2026, 2, 17, 19, tzinfo=UTC),
    )

    page = text_of(people.client("sam").get(url(ritual)))

    assert "Done" in page
    assert "Skipped" in page
    assert "Moved to Tue 17 Feb, 19:00" in page
    assert "Not marked" in page  # 8 February: nobody said, and that's fine
    assert "1 of the last 10 Sundays" in page


def test_history_begins_when_the_ritual_was_made(people: Personas, ritual: Ritual) -> None:
    ritual.created_at = datetime(2026, 2, 20, tzinfo=UTC)
    ritual.save()

    page = text_of(people.client("alex").get(url(ritual)))

    assert "Sunday 22 February" in page
    assert "Sunday 15 February" not in page
    assert "The last 2 Sundays" not in page
    assert "It's been a little while — the next one is there whenever you are." in page


def test_it_shows_my_reminders_not_my_partners(people: Personas, ritual: Ritual) -> None:
    ReminderSetting.objects.create(person=people.sam, ritual=ritual, lead_minutes=[1440, 10])

    assert "a day before and 10 minutes before" in text_of(people.client("sam").get(url(ritual)))
    assert "a day before" not in text_of(people.client("alex").get(url(ritual)))


def test_either_partner_can_archive_it(people: Personas, ritual: Ritual) -> None:
    response = people.client("sam").post(url(ritual), {"action": "archive"}, follow=True)

    page = text_of(response)
    assert response.redirect_chain == [(url(ritual), 302)]
    assert "“Our Sunday reflection” is resting now" in page
    assert "Bring it back" in page
    assert "Coming up" not in page
    ritual.refresh_from_db()
    assert ritual.archived_at == CURRENT_TIME


def test_an_archived_ritual_can_come_back(people: Personas, ritual: Ritual) -> None:
    ritual.archived_at = CURRENT_TIME
    ritual.save()

    response = people.client("alex").post(url(ritual), {"action": "restore"}, follow=True)

    assert "“Our Sunday reflection” is back." in text_of(response)
    ritual.refresh_from_db()
    assert ritual.archived_at is None


def test_an_unknown_action_changes_nothing(people: Personas, ritual: Ritual) -> None:
    response = people.client("alex").post(url(ritual), {"action": "delete"})

    assert response.status_code == 400
    ritual.refresh_from_db()
    assert ritual.archived_at is None
