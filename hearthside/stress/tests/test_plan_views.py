"""The stress plan pages: picking a circle, the plan itself, and changing each part of it —
in place with htmx, or as an ordinary form that keeps everything typed when it comes back."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearthside.circles.models import Membership
from hearthside.stress.models import HeavyThing, Routine, Support, Task
from hearthside.stress.tests.conftest import THIS_WEEK, Plan

if TYPE_CHECKING:
    from conftest import Personas

HX = {"HX-Request": "true"}


def page(people: Personas, persona: str, url: str) -> str:
    response = people.client(persona).get(url)
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def plan_url(people: Personas, circle: str = "partners", week: str = "") -> str:
    url = reverse("stress_plan", args=[getattr(people, circle).pk])
    return f"{url}?week={week}" if week else url


# --- Picking a circle -------------------------------------------------------------------------


def test_someone_in_several_circles_picks_one(people: Personas) -> None:
    body = page(people, "alex", reverse("stress"))
    assert "Which circle's plan?" in body
    assert reverse("stress_plan", args=[people.partners.pk]) in body
    assert reverse("stress_plan", args=[people.friends.pk]) in body


def test_someone_in_one_circle_goes_straight_to_its_plan(people: Personas) -> None:
    response = people.client("sam").get(reverse("stress"))
    assert response.status_code == 302
    assert response["Location"] == reverse("stress_plan", args=[people.partners.pk])


def test_someone_in_no_circle_is_shown_how_to_start_one(people: Personas) -> None:
    body = page(people, "olive", reverse("stress"))
    assert "needs a circle first" in body
    assert reverse("circles") in body


# --- The plan ---------------------------------------------------------------------------------


def test_the_plan_shows_every_part_to_a_member(people: Personas, plan: Plan) -> None:
    body = page(people, "sam", plan_url(people))
    for text in (
        "ALEX-HEAVY: the deadline",
        "SAM-HEAVY: Dad's tests",
        "ALEX-ROUTINE: headphones, then a walk",
        "SAM-ROUTINE: shower and tea",
        "PARTNERS-TASK: school run",
        "PARTNERS-SUPPORT: Mum",
        "Can take the kids on Tuesdays",
        "Alex is stretched thin",
    ):
        assert text in body, text
    # Another circle's plan is its own space.
    for text in ("ROBIN-HEAVY", "FRIENDS-TASK", "FRIENDS-SUPPORT", "ROBIN-SIGNAL"):
        assert text not in body
    # Last week's list is last week's.
    assert "PARTNERS-LAST-WEEK" not in body


def test_only_my_own_heavy_things_have_buttons_for_me(people: Personas, plan: Plan) -> None:
    body = page(people, "alex", plan_url(people))
    assert reverse("stress_heavy_act", args=[plan.alex_heavy.pk]) in body
    assert reverse("stress_heavy_edit", args=[plan.alex_heavy.pk]) in body
    assert reverse("stress_heavy_act", args=[plan.sam_heavy.pk]) not in body


def test_the_week_can_be_looked_back_on(people: Personas, plan: Plan) -> None:
    body = page(people, "alex", plan_url(people, week="2026-W09"))
    assert "PARTNERS-LAST-WEEK: big food shop" in body
    assert "PARTNERS-TASK" not in body
    assert "1 of 1 done" in body
    assert "week of 23 Feb" in body


def test_the_plan_costs_a_steady_number_of_queries(people: Personas, plan: Plan) -> None:
    url = plan_url(people)
    people.client("alex").get(url)  # the session and the like, once
    with CaptureQueriesContext(connection) as few:
        people.client("alex").get(url)
    for n in range(10):
        HeavyThing.objects.create(author=people.sam, circle=people.partners, text=f"more {n}")
        Task.objects.create(circle=people.partners, week=THIS_WEEK, text=f"task {n}")
        Support.objects.create(circle=people.partners, name=f"helper {n}", kind="friend")
    with CaptureQueriesContext(connection) as many:
        people.client("alex").get(url)
    assert len(many) == len(few)
    assert len(few) <= 20


def test_htmx_asks_for_just_the_week(people: Personas, plan: Plan) -> None:
    response = people.client("alex").get(
        plan_url(people, week="2026-W09") + "&part=week", headers=HX
    )
    body = response.content.decode()
    assert 'id="stress-week"' in body
    assert "<html" not in body
    assert "ALEX-HEAVY" not in body


@pytest.mark.parametrize("week", ["2026-W54", "soon", "2026-W1", "1990-W01"])
def test_a_week_that_isnt_one_is_not_found(people: Personas, week: str) -> None:
    assert people.client("alex").get(plan_url(people, week=week)).status_code == 404


@pytest.mark.parametrize("name", ["stress", "stress_plan"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_pages_only_answer_get(people: Personas, name: str, method: str) -> None:
    args = [people.partners.pk] if name == "stress_plan" else []
    response = getattr(people.client("alex"), method)(reverse(name, args=args))
    assert response.status_code == 405


# --- What's heavy -----------------------------------------------------------------------------


def test_adding_a_heavy_thing_in_place(people: Personas) -> None:
    url = reverse("stress_heavy_new", args=[people.partners.pk])
    response = people.client("sam").post(
        url, {"heavy-text": "  Thirty reports by Friday  ", "heavy-size": "medium"}, headers=HX
    )
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert 'id="stress-heavy"' in body and "<html" not in body
    assert "Thirty reports by Friday" in body
    assert "Added. Everyone in Alex & Sam can see it." in body
    thing = HeavyThing.objects.get()
    assert (thing.author, thing.circle, thing.text, thing.size) == (
        people.sam,
        people.partners,
        "Thirty reports by Friday",
        "medium",
    )


def test_adding_without_javascript_goes_back_to_the_plan(people: Personas) -> None:
    url = reverse("stress_heavy_new", args=[people.partners.pk])
    response = people.client("sam").post(url, {"heavy-text": "The boiler", "heavy-size": ""})
    assert response.status_code == 302
    assert response["Location"] == plan_url(people) + "#stress-heavy"
    assert HeavyThing.objects.get().size == ""


def test_an_empty_heavy_thing_asks_for_words_and_keeps_the_size(people: Personas) -> None:
    url = reverse("stress_heavy_new", args=[people.partners.pk])
    response = people.client("sam").post(url, {"heavy-text": "   ", "heavy-size": "heavy"})
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Write a few words about what's weighing on you." in body
    assert re.search(r'<input type="radio" name="heavy-size" value="heavy"[^>]* checked>', body)
    assert not HeavyThing.objects.exists()


def test_a_too_long_heavy_thing_keeps_what_was_typed(people: Personas) -> None:
    words = "weighing " * 80
    url = reverse("stress_heavy_new", args=[people.partners.pk])
    response = people.client("sam").post(url, {"heavy-text": words}, headers=HX)
    body = html.unescape(response.content.decode())
    assert "Keep it to 500 characters" in body
    assert words.strip() in body


def test_lighter_now_moves_it_to_what_has_eased_and_back(people: Personas, plan: Plan) -> None:
    url = reverse("stress_heavy_act", args=[plan.alex_heavy.pk])
    client = people.client("alex")
    body = html.unescape(client.post(url, {"action": "lighter"}, headers=HX).content.decode())
    plan.alex_heavy.refresh_from_db()
    assert plan.alex_heavy.resolved_at is not None
    assert "Lighter now (1)" in body
    client.post(url, {"action": "heavy-again"}, headers=HX)
    plan.alex_heavy.refresh_from_db()
    assert plan.alex_heavy.resolved_at is None


def test_taking_a_heavy_thing_off_the_plan_hides_it_from_everyone(
    people: Personas, plan: Plan
) -> None:
    people.client("alex").post(
        reverse("stress_heavy_act", args=[plan.alex_heavy.pk]), {"action": "remove"}
    )
    for persona in ("alex", "sam"):
        assert "ALEX-HEAVY" not in page(people, persona, plan_url(people))


def test_an_unknown_action_is_a_bad_request(people: Personas, plan: Plan) -> None:
    url = reverse("stress_heavy_act", args=[plan.alex_heavy.pk])
    assert people.client("alex").post(url, {"action": "shred"}).status_code == 400


def test_only_the_author_changes_a_heavy_thing(people: Personas, plan: Plan) -> None:
    url = reverse("stress_heavy_edit", args=[plan.alex_heavy.pk])
    assert people.client("sam").get(url).status_code == 404
    response = people.client("alex").post(
        url, {"text": "ALEX-HEAVY: the deadline moved", "size": "light"}
    )
    assert response.status_code == 302
    plan.alex_heavy.refresh_from_db()
    assert (plan.alex_heavy.text, plan.alex_heavy.size) == (
        "ALEX-HEAVY: the deadline moved",
        "light",
    )


# --- Routines ---------------------------------------------------------------------------------


def test_writing_rewriting_and_removing_my_routine(people: Personas) -> None:
    url = reverse("stress_routine", args=[people.partners.pk])
    client = people.client("sam")
    body = html.unescape(client.post(url, {"routine-text": "A bath."}, headers=HX).content.decode())
    assert "The others in Alex & Sam can see how you come down." in body
    client.post(url, {"routine-text": "A bath, then a film."}, headers=HX)
    assert Routine.objects.get().text == "A bath, then a film."
    body = html.unescape(client.post(url, {"routine-text": ""}, headers=HX).content.decode())
    assert "Your routine is off the plan." in body
    assert not Routine.objects.exists()


def test_my_routine_is_mine_alone_to_write(people: Personas, plan: Plan) -> None:
    people.client("sam").post(
        reverse("stress_routine", args=[people.partners.pk]), {"routine-text": "Tea."}
    )
    plan.alex_routine.refresh_from_db()
    assert plan.alex_routine.text == "ALEX-ROUTINE: headphones, then a walk"
    assert Routine.objects.get(author=people.sam, circle=people.partners).text == "Tea."


# --- Who carries what -------------------------------------------------------------------------


def test_adding_a_task_for_a_member(people: Personas) -> None:
    url = reverse("stress_task_new", args=[people.partners.pk])
    data = {
        "week": "2026-W10",
        "task-text": "Cook Monday to Wednesday",
        "task-carrier": str(people.sam.pk),
    }
    body = html.unescape(people.client("alex").post(url, data, headers=HX).content.decode())
    assert "Added to the week, with Sam carrying it." in body
    assert "Sam is carrying this" in body
    task = Task.objects.get()
    assert (task.week, task.carrier, task.created_by) == (THIS_WEEK, people.sam, people.alex)


def test_a_task_can_wait_for_someone_to_take_it(people: Personas) -> None:
    url = reverse("stress_task_new", args=[people.partners.pk])
    data = {"week": "2026-W11", "task-text": "Ring the plumber", "task-carrier": ""}
    people.client("alex").post(url, data, headers=HX)
    task = Task.objects.get()
    assert task.carrier is None and task.week.isoformat() == "2026-03-09"
    body = html.unescape(
        people.client("sam")
        .post(reverse("stress_task_act", args=[task.pk]), {"action": "take"}, headers=HX)
        .content.decode()
    )
    assert "It's yours this week." in body
    task.refresh_from_db()
    assert task.carrier == people.sam


def test_a_task_cannot_go_to_someone_outside_the_circle(people: Personas) -> None:
    url = reverse("stress_task_new", args=[people.partners.pk])
    data = {"week": "2026-W10", "task-text": "Walk the dog", "task-carrier": str(people.robin.pk)}
    body = html.unescape(people.client("alex").post(url, data).content.decode())
    assert "Choose someone who is in this circle now, or leave it open." in body
    assert "Walk the dog" in body  # kept
    assert not Task.objects.exists()


def test_marking_done_and_undoing(people: Personas, plan: Plan) -> None:
    url = reverse("stress_task_act", args=[plan.task.pk])
    body = html.unescape(
        people.client("sam").post(url, {"action": "done"}, headers=HX).content.decode()
    )
    assert "1 of 1 done" in body
    plan.task.refresh_from_db()
    assert plan.task.done_at is not None
    people.client("alex").post(url, {"action": "undo"}, headers=HX)
    plan.task.refresh_from_db()
    assert plan.task.done_at is None


def test_bringing_last_weeks_list_forward_once(people: Personas, plan: Plan) -> None:
    url = reverse("stress_task_copy", args=[people.partners.pk])
    client = people.client("sam")
    body = html.unescape(client.post(url, {"week": "2026-W10"}, headers=HX).content.decode())
    assert "Brought last week's list forward: 1 to carry this week." in body
    # Nothing left to bring: the button has done its job.
    assert "Bring last week's list forward" not in body
    copied = Task.objects.get(week=THIS_WEEK, copied_from=plan.last_week_task)
    assert copied.text == "PARTNERS-LAST-WEEK: big food shop"
    assert copied.carrier == people.alex and copied.done_at is None
    body = html.unescape(client.post(url, {"week": "2026-W10"}, headers=HX).content.decode())
    assert "Everything from last week is already on this week's list." in body
    assert Task.objects.filter(circle=people.partners, week=THIS_WEEK).count() == 2


def test_copying_forward_leaves_out_someone_who_left(people: Personas, plan: Plan) -> None:
    Task.objects.filter(pk=plan.last_week_task.pk).update(carrier=people.sam)
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=plan.task.created_at
    )
    people.client("alex").post(
        reverse("stress_task_copy", args=[people.partners.pk]), {"week": "2026-W10"}
    )
    assert Task.objects.get(week=THIS_WEEK, copied_from__isnull=False).carrier is None


def test_someone_who_left_carries_nothing_on_the_plan(people: Personas, plan: Plan) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=plan.task.created_at
    )
    body = page(people, "alex", plan_url(people))
    assert "PARTNERS-TASK: school run" in body
    assert "Sam is carrying this" not in body
    assert "Not decided yet" in body


def test_changing_a_task(people: Personas, plan: Plan) -> None:
    url = reverse("stress_task_edit", args=[plan.task.pk])
    assert "Change who carries what" in page(people, "alex", url)
    response = people.client("alex").post(
        url, {"text": "School run, both ways", "carrier": str(people.alex.pk)}
    )
    assert response.status_code == 302
    plan.task.refresh_from_db()
    assert (plan.task.text, plan.task.carrier) == ("School run, both ways", people.alex)


def test_removing_a_task(people: Personas, plan: Plan) -> None:
    people.client("sam").post(reverse("stress_task_act", args=[plan.task.pk]), {"action": "remove"})
    assert not Task.objects.filter(pk=plan.task.pk).exists()


# --- Outside support --------------------------------------------------------------------------


def test_adding_changing_and_removing_support(people: Personas) -> None:
    client = people.client("alex")
    url = reverse("stress_support_new", args=[people.partners.pk])
    data = {
        "support-name": "Our counsellor",
        "support-kind": "professional",
        "support-reach": "",
        "support-note": "Thursdays",
    }
    body = html.unescape(client.post(url, data, headers=HX).content.decode())
    assert "Our counsellor is on your list of support." in body
    assert "Counsellor or therapist" in body
    item = Support.objects.get()
    edit = reverse("stress_support_edit", args=[item.pk])
    response = people.client("sam").post(
        edit,
        {
            "name": "Jo, our counsellor",
            "kind": "professional",
            "reach": "jo@example.org",
            "note": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.name, item.reach, item.note) == ("Jo, our counsellor", "jo@example.org", "")
    body = html.unescape(
        client.post(reverse("stress_support_remove", args=[item.pk]), headers=HX).content.decode()
    )
    assert "Jo, our counsellor is off the list." in body
    assert not Support.objects.exists()


def test_support_needs_a_name_and_keeps_the_rest(people: Personas) -> None:
    url = reverse("stress_support_new", args=[people.partners.pk])
    data = {"support-name": "", "support-kind": "family", "support-note": "Sunday lunches"}
    body = html.unescape(people.client("alex").post(url, data).content.decode())
    assert "Say who this is — a first name is fine." in body
    assert "Sunday lunches" in body
    assert not Support.objects.exists()
