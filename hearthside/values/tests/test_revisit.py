"""A revisit: a short guided conversation about the circle's values and goals, one prompt at a
time, with everyone's notes appearing as they're written, and a finish that records what
changed and when to look again."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone

from hearthside.circles.models import Membership
from hearthside.values.models import CircleValue, Revisit, RevisitNote, ValuesSettings
from hearthside.values.tests.conftest import (
    ALEX_NOTE,
    ALEX_PRIVATE_NOTE,
    PARTNERS_GOAL,
    PARTNERS_VALUE,
    SAM_NOTE,
    World,
    page_text,
    words,
)

if TYPE_CHECKING:
    from conftest import Personas


def url(revisit: Revisit, step: int | None = None) -> str:
    base = reverse("values_revisit", args=[revisit.pk])
    return base if step is None else f"{base}?step={step}"


def note(client: Any, revisit: Revisit, prompt: int, text: str, **extra: Any) -> Any:
    data = {"action": "note", "prompt": str(prompt), "text": text, "go": "next", **extra}
    return client.post(url(revisit), data)


def poll(client: Any, revisit: Revisit, prompt: int, seen: str = "") -> Any:
    return client.get(
        f"{url(revisit, prompt + 1)}&part=notes&seen={seen}", headers={"HX-Request": "true"}
    )


def seen_of(page: str) -> str:
    match = re.search(r"&amp;seen=(\w+)", page) or re.search(r"&seen=(\w+)", page)
    assert match, "the notes list polls with what it has seen"
    return match.group(1)


# --- Starting ---------------------------------------------------------------------------------


def test_starting_a_revisit_opens_the_first_prompt(people: Personas) -> None:
    response = people.client("sam").post(reverse("values_revisit_start", args=[people.partners.pk]))

    revisit = Revisit.objects.get()
    assert (revisit.circle, revisit.started_by, revisit.finished_at) == (
        people.partners,
        people.sam,
        None,
    )
    assert response["Location"] == url(revisit, 1)


def test_a_second_start_joins_the_one_under_way(people: Personas, world: World) -> None:
    response = people.client("alex").post(
        reverse("values_revisit_start", args=[people.partners.pk])
    )

    assert Revisit.objects.count() == 1
    assert response["Location"] == url(world.revisit, 1)


# --- One prompt at a time ---------------------------------------------------------------------


def test_the_start_lists_the_prompts_and_what_the_circle_holds(
    people: Personas, world: World
) -> None:
    page = words(people.client("alex").get(url(world.revisit)))

    for prompt in ("What still fits?", "What's changed?", "One thing we want more of"):
        assert prompt in page
    assert PARTNERS_VALUE in page and PARTNERS_GOAL in page


def test_each_prompt_shows_the_others_shared_notes_and_my_own_in_the_form(
    people: Personas, world: World
) -> None:
    sam = page_text(people.client("sam").get(url(world.revisit, 1)))
    assert "Prompt 1 of 4" in sam
    assert "What still fits?" in sam and "What's changed?" not in sam
    others = sam.split('class="others-notes"')[1].split("</form>")[0]
    assert ALEX_NOTE in others.split("<form")[0]
    assert f"{SAM_NOTE}</textarea>" in sam  # mine, ready to change

    alex_second = page_text(people.client("alex").get(url(world.revisit, 2)))
    assert f"{ALEX_PRIVATE_NOTE}</textarea>" in alex_second
    assert re.search(r'name="just_for_me"[^>]*\bchecked', alex_second)
    sam_second = page_text(people.client("sam").get(url(world.revisit, 2)))
    assert ALEX_PRIVATE_NOTE not in sam_second


def test_a_note_is_shared_with_the_circle_unless_kept_just_for_me(
    people: Personas, world: World
) -> None:
    response = note(people.client("sam"), world.revisit, 2, "More slow mornings")
    assert response["Location"] == url(world.revisit, 4)
    note(people.client("sam"), world.revisit, 3, "Only for me", just_for_me="on")

    shared = RevisitNote.objects.get(text="More slow mornings")
    assert shared.circle == people.partners
    assert RevisitNote.objects.get(text="Only for me").circle is None
    alex = page_text(people.client("alex").get(url(world.revisit, 3)))
    assert "More slow mornings" in alex
    assert "Only for me" not in page_text(people.client("alex").get(url(world.revisit, 4)))


def test_writing_again_changes_my_note_and_emptying_it_takes_it_back(
    people: Personas, world: World
) -> None:
    note(people.client("sam"), world.revisit, 0, "Still all of them")
    assert RevisitNote.objects.get(author=people.sam, prompt=0).text == "Still all of them"

    note(people.client("sam"), world.revisit, 0, "   ")
    assert not RevisitNote.objects.filter(author=people.sam, prompt=0).exists()
    assert SAM_NOTE not in page_text(people.client("alex").get(url(world.revisit, 1)))


def test_going_back_saves_and_shows_the_previous_prompt(people: Personas, world: World) -> None:
    response = note(people.client("sam"), world.revisit, 2, "Walks", go="back")

    assert response["Location"] == url(world.revisit, 2)


def test_a_long_note_is_refused_and_kept(people: Personas, world: World) -> None:
    text = "a " * 600
    response = note(people.client("sam"), world.revisit, 2, text)

    assert response.status_code == 200
    page = page_text(response)
    assert "Keep it to 1000 characters" in page
    assert text.strip() in page
    assert "Prompt 3 of 4" in page


def test_a_prompt_that_does_not_exist_is_a_bad_request(people: Personas, world: World) -> None:
    assert note(people.client("sam"), world.revisit, 4, "x").status_code == 400


# --- Notes appearing for the others -----------------------------------------------------------


def test_notes_appear_for_the_others_as_they_are_written(people: Personas, world: World) -> None:
    alex = people.client("alex")
    first = page_text(alex.get(url(world.revisit, 3)))
    assert 'hx-trigger="every 4s"' in first
    seen = seen_of(first)

    quiet = poll(alex, world.revisit, 2, seen)
    assert quiet.status_code == 204  # nothing new: nothing swapped, nothing re-read aloud

    note(people.client("sam"), world.revisit, 2, "Sunday pancakes")
    fresh = poll(alex, world.revisit, 2, seen)
    assert fresh.status_code == 200
    assert "Sunday pancakes" in page_text(fresh)
    assert "<main" not in page_text(fresh)
    assert seen_of(page_text(fresh)) != seen


def test_the_notes_poll_carries_nothing_private(people: Personas, world: World) -> None:
    response = poll(people.client("sam"), world.revisit, 1)
    assert ALEX_PRIVATE_NOTE not in page_text(response)


# --- Who was there ----------------------------------------------------------------------------


def test_someone_who_joins_sees_the_revisit_but_not_what_was_said_before(
    people: Personas, world: World
) -> None:
    Membership.objects.create(
        circle=people.partners, person=people.olive, joined_at=timezone.now() + timedelta(seconds=1)
    )
    olive = people.client("olive")
    page = words(olive.get(url(world.revisit, 1)))
    assert "What still fits?" in page
    assert ALEX_NOTE not in page and SAM_NOTE not in page

    # What Olive says now, the others (who were there first) can read.
    with_clock = timezone.now() + timedelta(seconds=2)
    RevisitNote.objects.create(
        revisit=world.revisit,
        author=people.olive,
        circle=people.partners,
        prompt=1,
        text="OLIVE-NOTE: new here",
        created_at=with_clock,
    )
    assert "OLIVE-NOTE: new here" in page_text(people.client("sam").get(url(world.revisit, 2)))


# --- Keep, change or let go -------------------------------------------------------------------


def test_the_last_prompt_offers_keep_change_or_let_go(people: Personas, world: World) -> None:
    page = page_text(people.client("alex").get(url(world.revisit, 4)))

    assert "Keep, change or let go" in page
    assert f'href="{reverse("values_item_change", args=[world.partners_goal.pk])}' in page
    assert f"?revisit={world.revisit.pk}" in page


def test_changes_made_during_a_revisit_are_what_it_changed(people: Personas, world: World) -> None:
    sam = people.client("sam")
    sam.post(url(world.revisit), {"action": "retire", "item": world.partners_goal.pk})
    sam.post(
        url(world.revisit), {"action": "add", "kind": "goal", "area": "fun", "text": "A canoe"}
    )
    change = reverse("values_item_change", args=[world.partners_value.pk])
    response = sam.post(f"{change}?revisit={world.revisit.pk}", {"text": "Kindness first"})
    assert response["Location"] == url(world.revisit, 4)

    wrap = words(sam.get(url(world.revisit, 5)))
    assert f"Let go: {PARTNERS_GOAL}" in wrap
    assert "New goal: A canoe" in wrap
    assert f"Said differently: “{PARTNERS_VALUE}” became “Kindness first”" in wrap


def test_a_goal_without_a_part_of_life_comes_back_on_the_last_prompt(
    people: Personas, world: World
) -> None:
    response = people.client("sam").post(
        url(world.revisit), {"action": "add", "kind": "goal", "text": "A canoe"}
    )

    page = page_text(response)
    assert "Prompt 4 of 4" in page
    assert "Choose which part of life this goal belongs to." in page
    assert 'value="A canoe"' in page
    assert '<details class="values-add-more" open>' in page


# --- Finishing --------------------------------------------------------------------------------


def test_finishing_records_the_takeaway_and_rolls_the_next_one_forward(
    people: Personas, world: World
) -> None:
    response = people.client("alex").post(
        url(world.revisit),
        {"action": "finish", "takeaway": "Less rushing, more asking.", "every_months": "6"},
    )

    assert response["Location"] == url(world.revisit)
    world.revisit.refresh_from_db()
    assert world.revisit.finished_by == people.alex
    assert world.revisit.takeaway == "Less rushing, more asking."
    saved = ValuesSettings.objects.get(circle=people.partners)
    assert (saved.every_months, saved.next_due_on) == (6, date(2026, 9, 4))

    summary = words(people.client("sam").get(url(world.revisit, 2)))
    assert "Less rushing, more asking." in summary
    assert "Everything stayed as it was." in summary
    assert ALEX_NOTE in summary and SAM_NOTE in summary
    assert ALEX_PRIVATE_NOTE not in summary
    assert "Prompt 2 of 4" not in summary  # a finished revisit is one page


def test_the_wrap_up_offers_the_circles_cadence(people: Personas, world: World) -> None:
    page = page_text(people.client("alex").get(url(world.revisit, 5)))
    assert re.search(r'name="every_months" value="3"[^>]*\bchecked', page)
    assert 'data-coach-for="id_takeaway"' in page


def test_a_finished_revisit_takes_no_more_notes_or_changes(people: Personas, world: World) -> None:
    people.client("alex").post(url(world.revisit), {"action": "finish", "every_months": "3"})

    note(people.client("sam"), world.revisit, 0, "Too late")
    people.client("sam").post(
        url(world.revisit), {"action": "retire", "item": world.partners_value.pk}
    )

    assert not RevisitNote.objects.filter(text="Too late").exists()
    assert CircleValue.objects.get(pk=world.partners_value.pk).retired_at is None


def test_after_finishing_a_new_revisit_can_start(people: Personas, world: World) -> None:
    people.client("alex").post(url(world.revisit), {"action": "finish", "every_months": "3"})
    people.client("sam").post(reverse("values_revisit_start", args=[people.partners.pk]))

    assert Revisit.objects.filter(finished_at__isnull=True).count() == 1
    assert Revisit.objects.count() == 2
    circle = words(people.client("sam").get(reverse("values_circle", args=[people.partners.pk])))
    assert "Earlier revisits" in circle
