"""The inbox: my notifications, newest first; opening one marks it read and goes to its page."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from conftest import CURRENT_TIME, Personas
from hearthside.notify.context import unread
from hearthside.notify.models import Notification

URL = "/inbox/"
HOUR = timedelta(hours=1)


def note(person: Any, subject: str, *, ago: timedelta = HOUR, **extra: Any) -> Notification:
    fields = {
        "recipient": person,
        "kind": "ritual",
        "key": f"test:{person.pk}:{subject}",
        "subject": subject,
        "body": f"About {subject}.",
        "url": "/rituals/",
        "due_at": CURRENT_TIME - ago,
    }
    return Notification.objects.create(**(fields | extra))


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def open_url(notification: Notification) -> str:
    return f"/inbox/{notification.pk}/"


# --- The list -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    note(people.alex, "Sunday reflection")
    client = people.client("anonymous")

    for response in (client.get(URL), client.post(f"{URL}?all=1")):
        assert response.status_code == 302
        assert response["Location"].startswith(f"/accounts/login/?next={URL}")
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_it_shows_my_notifications_newest_first(people: Personas) -> None:
    note(people.alex, "Older one", ago=3 * HOUR)
    note(people.alex, "Newest one", ago=HOUR)
    note(people.alex, "Middle one", ago=2 * HOUR)

    text = page(people.client("alex").get(URL))

    assert text.index("Newest one") < text.index("Middle one") < text.index("Older one")


def test_unread_ones_are_marked_new(people: Personas) -> None:
    note(people.alex, "Unread one")
    note(people.alex, "Read one", read_at=CURRENT_TIME)

    text = page(people.client("alex").get(URL))

    assert text.count('<span class="badge">New</span>') == 1
    assert 'Unread one</a> <span class="badge">New</span>' in text
    assert "Mark all as read" in text


def test_i_never_see_anyone_elses_notifications(people: Personas) -> None:
    note(people.sam, "Sam's reminder")
    note(people.alex, "Alex's reminder")

    text = page(people.client("alex").get(URL))

    assert "Alex's reminder" in text
    assert "Sam's reminder" not in text


def test_what_is_not_due_yet_waits(people: Personas) -> None:
    note(people.alex, "Later on", ago=-HOUR)

    text = page(people.client("alex").get(URL))

    assert "Later on" not in text
    assert "Nothing here yet." in text


def test_mark_all_read_marks_only_mine(people: Personas) -> None:
    note(people.alex, "One")
    note(people.alex, "Two")
    sams = note(people.sam, "Sam's")

    response = people.client("alex").post(f"{URL}?all=1", follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "All caught up." in page(response)
    assert not Notification.objects.filter(recipient=people.alex, read_at__isnull=True)
    sams.refresh_from_db()
    assert sams.read_at is None


def test_a_post_without_all_changes_nothing(people: Personas) -> None:
    note(people.alex, "One")

    assert people.client("alex").post(URL).status_code == 400
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


# --- Opening one ----------------------------------------------------------------------------


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(people: Personas) -> None:
    mine = note(people.alex, "Sunday reflection", url="/rituals/7/")

    response = people.client("alex").get(open_url(mine))

    assert response.status_code == 302
    assert response["Location"] == "/rituals/7/"
    mine.refresh_from_db()
    assert mine.read_at == CURRENT_TIME


def test_opening_it_again_keeps_when_it_was_first_read(people: Personas) -> None:
    earlier = CURRENT_TIME - HOUR
    mine = note(people.alex, "Sunday reflection", read_at=earlier)

    people.client("alex").get(open_url(mine))

    mine.refresh_from_db()
    assert mine.read_at == earlier


def test_a_link_out_of_the_app_goes_to_the_inbox_instead(people: Personas) -> None:
    mine = note(people.alex, "Odd one", url="https://elsewhere.example/")
    empty = note(people.alex, "No link", url="")

    assert people.client("alex").get(open_url(mine))["Location"] == URL
    assert people.client("alex").get(open_url(empty))["Location"] == URL


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_nobody_else_can_open_mine(people: Personas, persona: str) -> None:
    mine = note(people.alex, "Sunday reflection")

    assert people.client(persona).get(open_url(mine)).status_code == 404
    mine.refresh_from_db()
    assert mine.read_at is None


def test_opening_one_that_does_not_exist_is_not_found(people: Personas) -> None:
    assert people.client("alex").get("/inbox/987654/").status_code == 404


def test_opening_only_answers_get(people: Personas) -> None:
    mine = note(people.alex, "Sunday reflection")

    assert people.client("alex").post(open_url(mine)).status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


def test_opening_sends_anonymous_visitors_to_sign_in(people: Personas) -> None:
    mine = note(people.alex, "Sunday reflection")

    response = people.client("anonymous").get(open_url(mine))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={open_url(mine)}"


# --- The unread count (context processor) ---------------------------------------------------


def test_the_unread_count_is_mine_and_due_and_unread(people: Personas) -> None:
    note(people.alex, "One")
    note(people.alex, "Two")
    note(people.alex, "Read", read_at=CURRENT_TIME)
    note(people.alex, "Later", ago=-HOUR)
    note(people.sam, "Sam's")
    request = RequestFactory().get("/")
    request.user = people.alex

    with CaptureQueriesContext(connection) as queries:
        assert unread(request) == {"unread_count": 2}
    assert len(queries.captured_queries) == 1


def test_the_unread_count_is_zero_for_anonymous_visitors(db: None) -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    with CaptureQueriesContext(connection) as queries:
        assert unread(request) == {"unread_count": 0}
    assert not queries.captured_queries
