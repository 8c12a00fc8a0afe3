"""A circle's values and goals: any member adds, rewords, lets go and brings back; nothing is
deleted; and how often the circle looks at them again."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from hearthside.circles.models import Membership
from hearthside.values.models import CircleValue, ValuesSettings
from hearthside.values.tests.conftest import (
    FRIENDS_VALUE,
    PARTNERS_GOAL,
    PARTNERS_VALUE,
    World,
    page_text,
    words,
)

if TYPE_CHECKING:
    from conftest import Personas


def circle_url(people: Personas) -> str:
    return reverse("values_circle", args=[people.partners.pk])


def test_the_circle_page_shows_its_values_and_goals_by_part_of_life(
    people: Personas, world: World
) -> None:
    page = words(people.client("sam").get(circle_url(people)))

    assert PARTNERS_VALUE in page
    assert f"Home {PARTNERS_GOAL}" in page
    assert FRIENDS_VALUE not in page
    assert "Every three months." in page


def test_the_overview_shows_each_of_my_circles(people: Personas, world: World) -> None:
    alex = words(people.client("alex").get(reverse("values")))
    assert PARTNERS_VALUE in alex and FRIENDS_VALUE in alex
    robin = words(people.client("robin").get(reverse("values")))
    assert FRIENDS_VALUE in robin and PARTNERS_VALUE not in robin


def test_any_member_adds_a_value(people: Personas, world: World) -> None:
    response = people.client("sam").post(
        circle_url(people), {"action": "add", "kind": "value", "area": "work", "text": " Play "}
    )

    assert response.status_code == 302
    item = CircleValue.objects.get(text="Play")
    assert (item.kind, item.area, item.added_by) == ("value", "", people.sam)
    assert "Play" in words(people.client("alex").get(circle_url(people)))


def test_a_goal_needs_a_part_of_life_and_nothing_typed_is_lost(
    people: Personas, world: World
) -> None:
    response = people.client("sam").post(
        circle_url(people), {"action": "add", "kind": "goal", "text": "Save for a van"}
    )

    assert response.status_code == 200
    page = page_text(response)
    assert "Choose which part of life this goal belongs to." in page
    assert 'value="Save for a van"' in page
    assert not CircleValue.objects.filter(text="Save for a van").exists()


def test_an_empty_value_is_refused_with_an_example(people: Personas, world: World) -> None:
    response = people.client("sam").post(
        circle_url(people), {"action": "add", "kind": "value", "text": "  "}
    )

    assert "Write a few words" in page_text(response)


def test_letting_go_keeps_it_in_the_history_and_it_can_come_back(
    people: Personas, world: World
) -> None:
    client = people.client("sam")
    client.post(circle_url(people), {"action": "retire", "item": world.partners_goal.pk})

    world.partners_goal.refresh_from_db()
    assert world.partners_goal.retired_by == people.sam
    assert world.partners_goal.retired_in == world.revisit  # a revisit is under way
    page = page_text(client.get(circle_url(people)))
    history = page.split('id="history-heading"')[1]
    assert PARTNERS_GOAL in history and "let go" in history

    client.post(circle_url(people), {"action": "restore", "item": world.partners_goal.pk})

    world.partners_goal.refresh_from_db()
    assert world.partners_goal.retired_at is None
    assert world.partners_goal.retired_in is None


def test_new_words_retire_the_old_ones_and_point_back(people: Personas, world: World) -> None:
    url = reverse("values_item_change", args=[world.partners_goal.pk])
    assert 'value="PARTNERS-GOAL: finish the spare room"' in page_text(
        people.client("sam").get(url)
    )

    people.client("sam").post(url, {"text": "Turn the spare room into a studio", "area": "home"})

    new = CircleValue.objects.get(text="Turn the spare room into a studio")
    assert new.replaces == world.partners_goal
    assert new.area == "home"
    world.partners_goal.refresh_from_db()
    assert world.partners_goal.retired_at is not None
    page = page_text(people.client("alex").get(circle_url(people)))
    assert "said differently" in page.split('id="history-heading"')[1]
    # The old wording can't come back beside the new one.
    people.client("alex").post(
        circle_url(people), {"action": "restore", "item": world.partners_goal.pk}
    )
    world.partners_goal.refresh_from_db()
    assert world.partners_goal.retired_at is not None


def test_words_already_let_go_cannot_be_changed(people: Personas, world: World) -> None:
    world.partners_value.retired_at = timezone.now()
    world.partners_value.save()

    url = reverse("values_item_change", args=[world.partners_value.pk])
    assert people.client("sam").get(url).status_code == 404


def test_an_unknown_action_is_a_bad_request(people: Personas, world: World) -> None:
    response = people.client("sam").post(circle_url(people), {"action": "shout"})
    assert response.status_code == 400


def test_someone_who_joins_later_sees_what_the_circle_holds(people: Personas, world: World) -> None:
    # Values and goals are the circle's as a whole, like its rituals.
    Membership.objects.create(
        circle=people.partners, person=people.olive, joined_at=timezone.now() + timedelta(days=1)
    )
    assert PARTNERS_VALUE in words(people.client("olive").get(circle_url(people)))


def test_choosing_how_often_to_look_again(people: Personas, world: World) -> None:
    url = reverse("values_cadence", args=[people.partners.pk])
    page = page_text(people.client("sam").get(url))
    assert re.search(r'name="every_months" value="3"[^>]*\bchecked', page)
    assert 'value="2026-06-04"' in page  # three months from today, suggested

    people.client("sam").post(url, {"every_months": "6", "next_due_on": "2026-04-01"})

    saved = ValuesSettings.objects.get(circle=people.partners)
    assert (saved.every_months, saved.next_due_on) == (6, date(2026, 4, 1))
    assert saved.updated_by == people.sam


def test_without_a_date_the_next_one_is_counted_from_today(people: Personas) -> None:
    url = reverse("values_cadence", args=[people.partners.pk])
    people.client("sam").post(url, {"every_months": "1"})

    assert ValuesSettings.objects.get().next_due_on == date(2026, 4, 4)


def test_no_schedule_means_no_next_date(people: Personas, world: World) -> None:
    url = reverse("values_cadence", args=[people.partners.pk])
    people.client("sam").post(url, {"every_months": "0", "next_due_on": "2026-04-01"})

    assert ValuesSettings.objects.get().next_due_on is None
    assert "No schedule yet." in words(people.client("alex").get(circle_url(people)))


def test_a_next_date_in_the_past_is_refused(people: Personas, world: World) -> None:
    url = reverse("values_cadence", args=[people.partners.pk])
    response = people.client("sam").post(url, {"every_months": "3", "next_due_on": "2026-01-01"})

    assert "Choose today or a day still to come." in page_text(response)
    assert ValuesSettings.objects.get().next_due_on is None
