"""A rupture's page: what happened, who is part of it, where the conversation stands and who
it waits for, the parts of reflections others chose to share, every turn so far by step, and —
once closed — a read-only summary."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.repair import actions, steps
from hearthside.repair.models import Agreement, Commitment, FollowUp, Rupture

HX = {"HX-Request": "true"}


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The Saturday plans")


def url(rupture: Rupture) -> str:
    return reverse("rupture", args=[rupture.pk])


def html_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def text_of(response: Any) -> str:
    """The page as a person reads it: no tags, whitespace collapsed."""
    words = re.sub(r"<[^>]+>", "", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(words))


TURN_FIELDS: dict[str, dict[str, Any]] = {
    steps.FEELINGS: {"feelings": ["hurt", "lonely"]},
    steps.REALITIES: {
        "text": "{name}: I saw plans change without me.",
        "reflect": "You felt left out.",
        "validation": "That makes sense.",
    },
    steps.TRIGGERS: {"text": "{name}: it reminded me of being left behind as a kid."},
    steps.RESPONSIBILITY: {
        "what_i_did": "changed the plan without asking",
        "impact": "left you feeling unimportant",
        "next_time": "ask you first",
    },
    steps.ACCEPTANCE: {"accepted": True},
    steps.PLAN: {"text": "{name}: I'll check in before changing plans."},
}


def take(person: Any, rupture: Rupture, step: str) -> None:
    fields = {
        k: v.format(name=person.name) if isinstance(v, str) else v
        for k, v in TURN_FIELDS[step].items()
    }
    actions.take_turn(person, rupture, step, **fields)


def talk_through(rupture: Rupture, *people: Any, upto: str | None = None) -> None:
    for step in steps.STEPS:
        if step == upto:
            return
        for person in people:
            take(person, rupture, step)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_only_answers_get(people: Personas, rupture: Rupture, method: str) -> None:
    assert getattr(people.client("sam"), method)(url(rupture)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, rupture: Rupture) -> None:
    response = people.client("anonymous").get(url(rupture))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(rupture)}"


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(
    people: Personas, rupture: Rupture, persona: str
) -> None:
    client = people.client(persona)

    hidden = client.get(url(rupture))
    missing = client.get(reverse("rupture", args=[987_654]))
    fragment = client.get(url(rupture), headers=HX)

    assert hidden.status_code == fragment.status_code == 404
    assert hidden.content == missing.content


def test_a_member_sees_what_happened_and_who_is_part_of_it(
    people: Personas, rupture: Rupture
) -> None:
    response = people.client("sam").get(url(rupture))

    assert response.status_code == 200
    page = text_of(response)
    assert "The Saturday plans" in page
    assert "Alex & Sam" in page
    assert "happened Wednesday 4 March, 10:30" in page
    assert "Part of it: Alex, you" in page
    assert "This isn't safe for me" in page


def test_it_shows_each_step_and_who_it_is_waiting_for(people: Personas, rupture: Rupture) -> None:
    take(people.alex, rupture, steps.FEELINGS)

    page = text_of(people.client("alex").get(url(rupture)))

    for title in ("How it felt", "How each of us saw it", "What it touched"):
        assert title in page
    assert "My part, and saying sorry" in page
    assert "Taking it in" in page
    assert "Next time" in page
    assert "Waiting for: Sam" in page
    assert "You've had your turn." in page
    assert "Step 1 of 6: How it felt" in page


def test_it_links_to_my_reflection_and_the_open_step(people: Personas, rupture: Rupture) -> None:
    talk_through(rupture, people.alex, people.sam, upto=steps.REALITIES)

    page = html_of(people.client("sam").get(url(rupture)))

    assert reverse("rupture_reflection", args=[rupture.pk]) in page
    assert "Reflect on your own first" in page
    assert reverse("rupture_step", args=[rupture.pk, steps.REALITIES]) in page
    assert "Take your turn" in page


def test_turns_so_far_are_shown_grouped_by_step(people: Personas, rupture: Rupture) -> None:
    talk_through(rupture, people.alex, people.sam, upto=steps.TRIGGERS)
    take(people.alex, rupture, steps.TRIGGERS)

    page = html_of(people.client("sam").get(url(rupture)))

    assert "hurt" in page and "lonely" in page
    assert "Alex: I saw plans change without me." in page
    assert "Sam: I saw plans change without me." in page
    assert "Alex: it reminded me of being left behind as a kid." in page
    feelings_at = page.index('id="step-feelings"')
    realities_at = page.index('id="step-realities"')
    triggers_at = page.index('id="step-triggers"')
    assert feelings_at < page.index("Alex: I saw plans") < triggers_at
    assert realities_at < page.index("Alex: it reminded me") > triggers_at


def test_in_turns_the_page_says_who_speaks_first(people: Personas, rupture: Rupture) -> None:
    agreement = Agreement.for_circle(people.partners)
    agreement.style = Agreement.Style.TURNS
    agreement.save()

    page = text_of(people.client("sam").get(url(rupture)))

    assert "In turns: Alex speaks first." in page
    assert "You've agreed to go in turns" in page


def test_only_the_parts_others_chose_to_share_appear(people: Personas, rupture: Rupture) -> None:
    actions.save_reflection(
        people.alex,
        rupture,
        feelings=["hurt"],
        reality="ALEX SHARED REALITY",
        triggers="ALEX PRIVATE TRIGGER",
        my_part="ALEX PRIVATE PART",
        unmet_needs=["to-be-heard"],
        unmet_note="ALEX PRIVATE NOTE",
        shared_parts=["reality"],
    )

    page = text_of(people.client("sam").get(url(rupture)))

    assert "Shared from their reflections" in page
    assert "ALEX SHARED REALITY" in page
    for private in ("ALEX PRIVATE TRIGGER", "ALEX PRIVATE PART", "ALEX PRIVATE NOTE"):
        assert private not in page
    assert "to be heard" not in page


def test_an_unshared_reflection_leaves_no_trace_on_the_others_page(
    people: Personas, rupture: Rupture
) -> None:
    actions.save_reflection(people.alex, rupture, reality="ALEX PRIVATE REALITY")

    page = text_of(people.client("sam").get(url(rupture)))

    assert "ALEX PRIVATE REALITY" not in page
    assert "Shared from their reflections" not in page


def test_my_own_reflection_shows_what_i_have_shared(people: Personas, rupture: Rupture) -> None:
    actions.save_reflection(
        people.sam, rupture, feelings=["hurt"], reality="Mine", shared_parts=["feelings"]
    )

    page = text_of(people.client("sam").get(url(rupture)))

    assert "You've shared:" in page
    assert "What I felt" in page
    assert "Go back to your reflection" in page


def test_the_steps_fragment_answers_htmx_polling(people: Personas, rupture: Rupture) -> None:
    take(people.alex, rupture, steps.FEELINGS)

    response = people.client("sam").get(url(rupture), headers=HX)

    assert response.status_code == 200
    assert "<html" not in html_of(response)
    assert "Waiting for: you" in text_of(response)


def test_a_linked_earlier_rupture_is_named(people: Personas) -> None:
    earlier = actions.open_rupture(people.sam, people.partners, "Dishes")
    later = actions.open_rupture(people.alex, people.partners, "Dishes, again", linked_to=earlier)

    response = people.client("sam").get(url(later))

    assert "Repeats an earlier one: Dishes" in text_of(response)
    assert reverse("rupture", args=[earlier.pk]) in html_of(response)


def test_a_finished_conversation_points_to_the_plan_and_closing(
    people: Personas, rupture: Rupture
) -> None:
    talk_through(rupture, people.alex, people.sam)

    page = html_of(people.client("sam").get(url(rupture)))

    assert "The conversation is done." in page
    assert reverse("rupture_plan", args=[rupture.pk]) in page
    assert reverse("rupture_close", args=[rupture.pk]) in page


def test_a_closed_rupture_is_a_read_only_summary(people: Personas, rupture: Rupture) -> None:
    talk_through(rupture, people.alex, people.sam)
    actions.update_plan(people.alex, rupture, takeaways="Plans are shared things.")
    commitment = Commitment.objects.create(
        rupture=rupture,
        author=people.sam,
        text="Say it out loud when plans shift",
        follow_up_on=date(2026, 3, 11),
    )
    FollowUp.objects.create(commitment=commitment, author=people.alex, answer="yes")
    actions.mark_closure(people.alex, rupture, trust=True)
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=30))
    Rupture.objects.filter(pk=rupture.pk).update(created_at=timezone.now() - timedelta(days=2))
    actions.mark_closure(people.sam, rupture, trust=True)

    response = people.client("sam").get(url(rupture))

    page = text_of(response)
    assert response.status_code == 200
    assert "What we kept from this" in page
    assert "Mended in 2 days" in page
    assert "Plans are shared things." in page
    assert "Alex: I'll check in before changing plans." in page
    assert "Say it out loud when plans shift" in page
    assert "check back 11 Mar 2026" in page
    assert "Alex: Yes, it happened" in page
    assert "hurt" in page
    assert "Take your turn" not in page
    assert "Reflect on your own first" not in page
    assert 'hx-trigger="every' not in html_of(response)
