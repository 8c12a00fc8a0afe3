"""One occurrence of a ritual: gone through one prompt at a time, with notes that are private
unless shared, then marked done (with who was there), skipped, or moved."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.circles.models import Membership
from hearthside.rituals.models import Occurrence, OccurrenceNote, Ritual

NEXT_SUNDAY = datetime(2026, 3, 8, 19, tzinfo=UTC)  # 19:00 in London


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def ritual(people: Personas) -> Ritual:
    return Ritual.objects.create(
        circle=people.partners,
        created_by=people.alex,
        title="Our Sunday reflection",
        freq="weekly",
        weekdays="6",
        at=time(19),
        time_zone="Europe/London",
        starts_on=date(2025, 12, 1),
        duration=40,
        agenda=["One thing you appreciated this week", "What went well for us?"],
        created_at=datetime(2025, 11, 30, tzinfo=UTC),
    )


def url(ritual: Ritual, when: str = "20260308T1900Z") -> str:
    return reverse("occurrence", args=[ritual.pk, when])


def ticked(page: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="(\d+)"[^>]*\bchecked', page)


def share_ticked(page: str) -> bool:
    return re.search(r'name="shared"[^>]*\bchecked', page) is not None


def note(ritual: Ritual, author: Any, text: str, *, shared: bool, prompt: int = 0) -> None:
    occurrence, _ = Occurrence.objects.get_or_create(ritual=ritual, scheduled_for=NEXT_SUNDAY)
    OccurrenceNote.objects.create(
        occurrence=occurrence, author=author, prompt=prompt, text=text, shared=shared
    )


# --- Who may come in ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, ritual: Ritual, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(ritual)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, ritual: Ritual) -> None:
    response = people.client("anonymous").post(url(ritual), {"action": "skip"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(ritual)}"
    assert not Occurrence.objects.exists()


@pytest.mark.parametrize("name", ["robin", "olive"])
@pytest.mark.parametrize(
    "post",
    [
        None,
        {"action": "skip"},
        {"action": "done", "attendees": ["1"]},
        {"action": "note", "prompt": "0", "text": "hello", "shared": "on"},
        {"action": "move", "to": "2026-03-09T19:00"},
    ],
    ids=["get", "skip", "done", "note", "move"],
)
def test_people_outside_the_circle_find_nothing(
    people: Personas, ritual: Ritual, name: str, post: dict[str, Any] | None
) -> None:
    client = people.client(name)
    response = client.get(url(ritual)) if post is None else client.post(url(ritual), post)

    assert response.status_code == 404
    assert not Occurrence.objects.exists()
    assert not OccurrenceNote.objects.exists()


@pytest.mark.parametrize(
    "when",
    [
        "20260308T1800Z",  # the right day, the wrong hour
        "20260309T1900Z",  # a Monday
        "20251130T1900Z",  # a Sunday before the ritual began
        "20260308T190Z",
        "2026-03-08",
        "tomorrow",
    ],
)
def test_a_time_that_is_not_in_the_schedule_is_not_found(
    people: Personas, ritual: Ritual, when: str
) -> None:
    client = people.client("alex")

    assert client.get(url(ritual, when)).status_code == 404
    assert client.post(url(ritual, when), {"action": "skip"}).status_code == 404
    assert not Occurrence.objects.exists()


def test_the_time_after_the_clocks_change_is_found_by_its_utc_time(
    people: Personas, ritual: Ritual
) -> None:
    client = people.client("alex")

    assert client.get(url(ritual, "20260329T1800Z")).status_code == 200  # 19:00 summer time
    assert client.get(url(ritual, "20260329T1900Z")).status_code == 404


# --- Going through it --------------------------------------------------------------------------


def test_the_start_shows_when_and_what_is_ahead(people: Personas, ritual: Ritual) -> None:
    response = people.client("sam").get(url(ritual))

    page = text_of(response)
    assert response.status_code == 200
    assert "Sunday 8 March, 19:00" in page
    assert "About 40 minutes" in page
    assert "One thing you appreciated this week" in page
    assert f'href="{url(ritual)}?step=1"' in page
    assert not Occurrence.objects.exists()  # looking is not acting


def test_each_prompt_has_its_own_step(people: Personas, ritual: Ritual) -> None:
    page = text_of(people.client("alex").get(f"{url(ritual)}?step=2"))

    assert "Prompt 2 of 2" in page
    assert "What went well for us?" in page
    assert 'name="prompt" value="1"' in page
    assert "Share with the circle" in page
    assert not share_ticked(page)  # private unless I choose


def test_the_last_step_asks_who_was_there_with_me_ticked(people: Personas, ritual: Ritual) -> None:
    page = text_of(people.client("sam").get(f"{url(ritual)}?step=3"))

    assert "Who was there?" in page
    assert "Alex" in page
    assert ticked(page, "attendees") == [str(people.sam.pk)]


@pytest.mark.parametrize(("step", "shows"), [("99", "Who was there?"), ("two", "Begin")])
def test_a_step_out_of_range_lands_somewhere_sensible(
    people: Personas, ritual: Ritual, step: str, shows: str
) -> None:
    response = people.client("alex").get(f"{url(ritual)}?step={step}")

    assert response.status_code == 200
    assert shows in text_of(response)


# --- Notes -------------------------------------------------------------------------------------


def test_a_note_is_private_by_default_and_moves_me_on(people: Personas, ritual: Ritual) -> None:
    response = people.client("alex").post(
        url(ritual),
        {"action": "note", "prompt": "0", "text": "Sam made soup on Tuesday", "go": "next"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{url(ritual)}?step=2"
    saved = OccurrenceNote.objects.get()
    assert (saved.author, saved.prompt, saved.shared) == (people.alex, 0, False)
    assert saved.text == "Sam made soup on Tuesday"
    assert saved.occurrence.scheduled_for == NEXT_SUNDAY
    assert saved.occurrence.status == "planned"


def test_going_back_also_keeps_my_note(people: Personas, ritual: Ritual) -> None:
    response = people.client("alex").post(
        url(ritual), {"action": "note", "prompt": "1", "text": "Walks", "go": "back"}
    )

    assert response["Location"] == f"{url(ritual)}?step=1"
    assert OccurrenceNote.objects.get().text == "Walks"


def test_my_private_note_is_never_shown_to_my_partner(people: Personas, ritual: Ritual) -> None:
    people.client("alex").post(
        url(ritual), {"action": "note", "prompt": "0", "text": "A private thought about Sam"}
    )
    sam = people.client("sam")

    for address in (url(ritual), f"{url(ritual)}?step=1", reverse("ritual", args=[ritual.pk])):
        assert "A private thought about Sam" not in text_of(sam.get(address))
    assert "A private thought about Sam" in text_of(people.client("alex").get(url(ritual)))


def test_a_shared_note_is_shown_to_my_partner(people: Personas, ritual: Ritual) -> None:
    people.client("alex").post(
        url(ritual),
        {"action": "note", "prompt": "0", "text": "Thank you for the soup", "shared": "on"},
    )

    step = text_of(people.client("sam").get(f"{url(ritual)}?step=1"))
    start = text_of(people.client("sam").get(url(ritual)))

    assert "Thank you for the soup" in step
    assert "Thank you for the soup" in start
    assert "Alex" in step


def test_a_shared_note_leaves_with_its_author(people: Personas, ritual: Ritual) -> None:
    note(ritual, people.alex, "Said before leaving", shared=True)
    Membership.objects.filter(circle=people.partners, person=people.alex).update(
        left_at=CURRENT_TIME
    )

    assert "Said before leaving" not in text_of(people.client("sam").get(f"{url(ritual)}?step=1"))


def test_someone_who_joins_later_does_not_see_notes_from_before(
    people: Personas, ritual: Ritual
) -> None:
    note(ritual, people.alex, "Said before Robin came", shared=True)
    Membership.objects.create(
        circle=people.partners, person=people.robin, joined_at=datetime(2026, 3, 5, tzinfo=UTC)
    )

    assert "Said before Robin came" not in text_of(
        people.client("robin").get(f"{url(ritual)}?step=1")
    )


def test_writing_again_changes_my_note_and_emptying_it_removes_it(
    people: Personas, ritual: Ritual
) -> None:
    client = people.client("alex")
    client.post(url(ritual), {"action": "note", "prompt": "0", "text": "First go"})
    client.post(url(ritual), {"action": "note", "prompt": "0", "text": "Second go", "shared": "on"})

    saved = OccurrenceNote.objects.get()
    assert (saved.text, saved.shared) == ("Second go", True)
    page = text_of(client.get(f"{url(ritual)}?step=1"))
    assert "Second go</textarea>" in page
    assert share_ticked(page)

    client.post(url(ritual), {"action": "note", "prompt": "0", "text": "   "})
    assert not OccurrenceNote.objects.exists()


def test_moving_on_without_a_note_leaves_no_trace(people: Personas, ritual: Ritual) -> None:
    response = people.client("alex").post(
        url(ritual), {"action": "note", "prompt": "0", "text": "", "go": "next"}
    )

    assert response["Location"] == f"{url(ritual)}?step=2"
    assert not Occurrence.objects.exists()


def test_a_note_that_is_too_long_is_refused_and_kept(people: Personas, ritual: Ritual) -> None:
    long_note = "so much to say " * 400

    response = people.client("alex").post(
        url(ritual), {"action": "note", "prompt": "1", "text": long_note, "shared": "on"}
    )

    page = text_of(response)
    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters" in page
    assert long_note.strip() in page
    assert "What went well for us?" in page  # still on the same prompt
    assert share_ticked(page)
    assert not OccurrenceNote.objects.exists()


@pytest.mark.parametrize("prompt", ["2", "-1", "first", ""])
def test_a_note_on_a_prompt_that_does_not_exist_is_refused(
    people: Personas, ritual: Ritual, prompt: str
) -> None:
    response = people.client("alex").post(
        url(ritual), {"action": "note", "prompt": prompt, "text": "Hello"}
    )

    assert response.status_code == 400
    assert not OccurrenceNote.objects.exists()


# --- Done, skipped, moved ----------------------------------------------------------------------


def test_marking_it_done_with_who_was_there(people: Personas, ritual: Ritual) -> None:
    response = people.client("alex").post(
        url(ritual),
        {"action": "done", "attendees": [str(people.alex.pk), str(people.sam.pk)]},
        follow=True,
    )

    page = text_of(response)
    assert response.redirect_chain == [(url(ritual), 302)]
    assert "Marked as done. Thank you for making the time." in page
    assert "Together: Alex, Sam." in page
    occurrence = Occurrence.objects.get()
    assert occurrence.status == "done"
    assert occurrence.completed_at == CURRENT_TIME
    assert set(occurrence.attendees.all()) == {people.alex, people.sam}


def test_done_counts_towards_kept_lately(people: Personas, ritual: Ritual) -> None:
    last_sunday = url(ritual, "20260301T1900Z")
    people.client("sam").post(last_sunday, {"action": "done", "attendees": [people.sam.pk]})

    page = text_of(people.client("alex").get(reverse("ritual", args=[ritual.pk])))

    assert "1 of the last 10 Sundays" in page


def test_done_needs_someone_who_was_there_and_keeps_my_ticks(
    people: Personas, ritual: Ritual
) -> None:
    response = people.client("alex").post(url(ritual), {"action": "done"})

    assert response.status_code == 200
    assert "Tick at least one person who was there." in text_of(response)
    assert not Occurrence.objects.exists()


def test_only_people_in_the_circle_can_be_there(people: Personas, ritual: Ritual) -> None:
    response = people.client("alex").post(
        url(ritual), {"action": "done", "attendees": [str(people.sam.pk), str(people.olive.pk)]}
    )

    page = text_of(response)
    assert response.status_code == 200
    assert "Choose from the people in this circle." in page
    assert "Olive" not in page
    assert ticked(page, "attendees") == [str(people.sam.pk)]
    assert not Occurrence.objects.exists()


def test_skipping_is_kind_and_recorded(people: Personas, ritual: Ritual) -> None:
    response = people.client("sam").post(url(ritual), {"action": "skip"}, follow=True)

    page = text_of(response)
    assert "Skipped this one. That's alright — see you next time." in page
    assert Occurrence.objects.get().status == "skipped"


def test_moving_it_shows_the_new_time_to_everyone(people: Personas, ritual: Ritual) -> None:
    people.sam.time_zone = "America/New_York"
    people.sam.save()

    response = people.client("alex").post(
        url(ritual), {"action": "move", "to": "2026-03-10T19:30"}, follow=True
    )

    assert "Moved to Tuesday 10 March, 19:30. Everyone in Alex & Sam will see the new time." in (
        text_of(response)
    )
    occurrence = Occurrence.objects.get()
    assert occurrence.status == "moved"
    assert occurrence.moved_to == datetime(2026, 3, 10, 19, 30, tzinfo=UTC)
    assert occurrence.scheduled_for == NEXT_SUNDAY  # its identity does not move
    # Sam reads it in New York time (daylight time has begun there).
    assert "moved to Tuesday 10 March, 15:30" in text_of(people.client("sam").get(url(ritual)))
    assert "Tuesday 10 March, 15:30" in text_of(people.client("sam").get(reverse("rituals")))


def test_moving_to_a_time_the_clocks_skip_lands_just_after(
    people: Personas, ritual: Ritual
) -> None:
    people.alex.time_zone = "America/New_York"
    people.alex.save()

    people.client("alex").post(url(ritual), {"action": "move", "to": "2026-03-08T02:30"})

    # 02:30 never happens in New York on 8 March; it becomes 03:30 daylight time.
    assert Occurrence.objects.get().moved_to == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize("to", ["next week", "", "2026-02-30T19:00"])
def test_a_new_time_that_makes_no_sense_is_explained_and_kept(
    people: Personas, ritual: Ritual, to: str
) -> None:
    response = people.client("alex").post(url(ritual), {"action": "move", "to": to})

    page = text_of(response)
    assert response.status_code == 200
    assert "Choose the new day and time." in page or "Write the new time like" in page
    assert f'value="{to}"' in page or not to
    assert not Occurrence.objects.exists()


def test_a_moved_one_can_still_be_marked_done(people: Personas, ritual: Ritual) -> None:
    client = people.client("alex")
    client.post(url(ritual), {"action": "move", "to": "2026-03-10T19:30"})
    client.post(url(ritual), {"action": "done", "attendees": [people.alex.pk]})

    occurrence = Occurrence.objects.get()
    assert occurrence.status == "done"
    assert occurrence.moved_to == datetime(2026, 3, 10, 19, 30, tzinfo=UTC)


def test_done_can_be_undone(people: Personas, ritual: Ritual) -> None:
    client = people.client("alex")
    client.post(url(ritual), {"action": "done", "attendees": [people.alex.pk]})

    response = client.post(url(ritual), {"action": "reopen"}, follow=True)

    assert "Unmarked — it's open again." in text_of(response)
    occurrence = Occurrence.objects.get()
    assert (occurrence.status, occurrence.completed_at) == ("planned", None)
    assert not occurrence.attendees.exists()


def test_an_unknown_action_is_refused(people: Personas, ritual: Ritual) -> None:
    assert people.client("alex").post(url(ritual), {"action": "explode"}).status_code == 400
    assert not Occurrence.objects.exists()


def test_history_is_reachable_after_the_schedule_changes(people: Personas, ritual: Ritual) -> None:
    Occurrence.objects.create(ritual=ritual, scheduled_for=NEXT_SUNDAY, status="skipped")
    Ritual.objects.filter(pk=ritual.pk).update(weekdays="5")  # now on Saturdays

    assert people.client("alex").get(url(ritual)).status_code == 200
    assert people.client("alex").get(url(ritual, "20260315T1900Z")).status_code == 404


def test_moving_it_back_to_its_own_time_undoes_the_move(people: Personas, ritual: Ritual) -> None:
    client = people.client("alex")
    client.post(url(ritual), {"action": "move", "to": "2026-03-10T19:30"})

    response = client.post(url(ritual), {"action": "move", "to": "2026-03-08T19:00"}, follow=True)

    assert "Back at its usual time, Sunday 8 March, 19:00." in text_of(response)
    occurrence = Occurrence.objects.get()
    assert (occurrence.status, occurrence.moved_to) == ("planned", None)


def test_skipping_a_moved_one_means_it_happens_nowhere(people: Personas, ritual: Ritual) -> None:
    client = people.client("alex")
    client.post(url(ritual), {"action": "move", "to": "2026-03-10T19:30"})
    client.post(url(ritual), {"action": "skip"})

    occurrence = Occurrence.objects.get()
    assert (occurrence.status, occurrence.moved_to) == ("skipped", None)
