"""The plan page: takeaways, pause phrases and cool-off bounds (which become the circle's
agreements), what each will do next time, and the commitments list."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.repair import actions, steps
from hearthside.repair.models import Agreement, Draft, Rupture, Turn

PLAN = {
    "takeaways": "When I go quiet it isn't punishment; I'm overwhelmed.",
    "phrases": "Tea break, back soon.\nI love you, I need ten minutes.",
    "cool_off_min": "30",
    "cool_off_max": "180",
}


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The dishes, again")


def url(rupture: Rupture) -> str:
    return reverse("rupture_plan", args=[rupture.pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def finish_conversation(rupture: Rupture, *people: Any) -> None:
    for step in steps.STEPS:
        for person in people:
            Turn.objects.create(
                rupture=rupture, author=person, step=step, text=f"{person.name} at {step}"
            )


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, rupture: Rupture, method: str) -> None:
    assert getattr(people.client("sam"), method)(url(rupture)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, rupture: Rupture) -> None:
    target = url(rupture)

    response = people.client("anonymous").post(target, PLAN)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert Agreement.for_circle(people.partners).cool_off_min == 20


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(
    people: Personas, rupture: Rupture, persona: str
) -> None:
    client = people.client(persona)

    hidden = client.get(url(rupture))
    missing = client.get(reverse("rupture_plan", args=[987_654]))
    posted = client.post(url(rupture), PLAN)

    assert hidden.status_code == posted.status_code == 404
    assert hidden.content == missing.content
    rupture.refresh_from_db()
    assert rupture.takeaways == ""
    assert Agreement.for_circle(people.partners).cool_off_min == 20


def test_a_member_sees_the_plan_prefilled_from_the_circle_agreement(
    people: Personas, rupture: Rupture
) -> None:
    response = people.client("sam").get(url(rupture))

    assert response.status_code == 200
    page = text_of(response)
    assert "The dishes, again" in page
    assert "I need a breather. I'm coming back." in page
    assert 'name="cool_off_min" value="20"' in page
    assert 'name="cool_off_max" value="1440"' in page


def test_updating_phrases_and_bounds_changes_the_circle_agreement(
    people: Personas, rupture: Rupture
) -> None:
    response = people.client("sam").post(url(rupture), PLAN, follow=True)

    assert response.redirect_chain == [(url(rupture), 302)]
    assert "Plan saved." in text_of(response)
    agreement = Agreement.for_circle(people.partners)
    assert agreement.phrase_list == ["Tea break, back soon.", "I love you, I need ten minutes."]
    assert (agreement.cool_off_min, agreement.cool_off_max) == (30, 180)
    rupture.refresh_from_db()
    assert rupture.takeaways == PLAN["takeaways"]


def test_the_next_pause_uses_the_new_agreement(people: Personas, rupture: Rupture) -> None:
    people.client("alex").post(url(rupture), PLAN)

    pause = actions.start_pause(people.sam, people.partners)

    assert pause.phrase == "Tea break, back soon."
    assert (pause.max_until - pause.created_at).total_seconds() == 180 * 60


def test_a_shortest_cool_off_not_below_the_longest_is_refused_and_keeps_what_was_typed(
    people: Personas, rupture: Rupture
) -> None:
    response = people.client("alex").post(
        url(rupture), PLAN | {"cool_off_min": "120", "cool_off_max": "120"}
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "The longest cool-off needs to be longer than the shortest." in page
    assert PLAN["takeaways"] in page
    assert "Tea break, back soon." in page
    assert 'name="cool_off_min" value="120"' in page
    agreement = Agreement.for_circle(people.partners)
    assert (agreement.cool_off_min, agreement.cool_off_max) == (20, 1440)
    rupture.refresh_from_db()
    assert rupture.takeaways == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phrases", "   ", "Keep at least one phrase, so a pause always has words."),
        ("cool_off_min", "2", "Please make it at least 5 minutes."),
        ("cool_off_max", "99999", "Please make it at most 10080 minutes."),
        ("cool_off_min", "half an hour", "Please use a whole number of minutes."),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_changes(
    people: Personas, rupture: Rupture, field: str, value: str, message: str
) -> None:
    response = people.client("alex").post(url(rupture), PLAN | {field: value})

    assert response.status_code == 200
    page = text_of(response)
    assert message in page
    assert PLAN["takeaways"] in page
    assert Agreement.for_circle(people.partners).cool_off_min == 20


def test_it_shows_what_each_person_will_do_next_time(people: Personas, rupture: Rupture) -> None:
    finish_conversation(rupture, people.alex, people.sam)

    page = text_of(people.client("sam").get(url(rupture)))

    assert "Alex at plan" in page
    assert "Sam at plan" in page
    assert "Alex at feelings" not in page


def test_it_offers_my_turn_at_the_plan_step_when_it_is_open(
    people: Personas, rupture: Rupture
) -> None:
    for step in steps.STEPS[:-1]:
        for person in (people.alex, people.sam):
            Turn.objects.create(rupture=rupture, author=person, step=step, text="said")
    step_url = reverse("rupture_step", args=[rupture.pk, steps.PLAN])

    assert step_url in text_of(people.client("sam").get(url(rupture)))
    Turn.objects.create(rupture=rupture, author=people.sam, step=steps.PLAN, text="Ask first")
    assert step_url not in text_of(people.client("sam").get(url(rupture)))


def test_a_draft_fills_the_form_and_is_cleared_after_saving(
    people: Personas, rupture: Rupture
) -> None:
    key = f"rupture:{rupture.pk}:plan"
    Draft.objects.create(author=people.alex, key=key, data={"takeaways": "Half a thought"})
    client = people.client("alex")

    assert "Half a thought" in text_of(client.get(url(rupture)))
    client.post(url(rupture), PLAN)

    assert not Draft.objects.filter(author=people.alex, key=key).exists()
    assert "Half a thought" not in text_of(client.get(url(rupture)))


def test_a_closed_rupture_shows_a_read_only_plan_and_refuses_changes(
    people: Personas, rupture: Rupture
) -> None:
    rupture.takeaways = "We kept this."
    rupture.status = Rupture.Status.CLOSED
    rupture.save()
    client = people.client("sam")

    page = text_of(client.get(url(rupture)))
    response = client.post(url(rupture), PLAN)

    assert "We kept this." in page
    assert 'name="takeaways"' not in page
    assert 'name="text"' not in page
    assert response.status_code == 302
    assert response["Location"] == reverse("rupture", args=[rupture.pk])
    rupture.refresh_from_db()
    assert rupture.takeaways == "We kept this."
    assert Agreement.for_circle(people.partners).cool_off_min == 20
