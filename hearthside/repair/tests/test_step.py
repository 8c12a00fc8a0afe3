"""One step of the repair conversation: its guidance, who it waits for, the turns so far
(polled by htmx), and my turn's form — feelings, realities (reflect and validate first when
someone has spoken), triggers, the apology builder with its live pitfall check, acceptance and
one thing for next time."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import include, path, reverse

from conftest import Personas
from hearthside.repair import actions, steps
from hearthside.repair.models import Agreement, Draft, Rupture, Turn
from hearthside.repair.views import rupture as rupture_views

HX = {"HX-Request": "true"}
CHECK_PATH = "/ruptures/apology-check/"

# The live apology check's URL line is added to repair/urls.py by the lead; until then these
# tests mount it themselves (`pytest.mark.urls(__name__)`), after which this changes nothing.
urlpatterns = [
    path(CHECK_PATH.strip("/") + "/", rupture_views.apology_check, name="apology_check"),
    path("", include("hearthside.urls")),
]
with_check_url = pytest.mark.urls(__name__)


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The Saturday plans")


def url(rupture: Rupture, step: str) -> str:
    return reverse("rupture_step", args=[rupture.pk, step])


def html_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def text_of(response: Any) -> str:
    words = re.sub(r"<[^>]+>", "", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(words))


def in_turns(people: Personas) -> None:
    agreement = Agreement.for_circle(people.partners)
    agreement.style = Agreement.Style.TURNS
    agreement.save()


def finish(rupture: Rupture, step_upto: str, *people: Any) -> None:
    """Every step before `step_upto` done by everyone, straight through the actions."""
    fields: dict[str, dict[str, Any]] = {
        steps.FEELINGS: {"feelings": ["hurt"]},
        steps.REALITIES: {"text": "seen", "reflect": "heard", "validation": "fair"},
        steps.TRIGGERS: {"text": "old"},
        steps.RESPONSIBILITY: {"what_i_did": "left", "impact": "hurt you"},
        steps.ACCEPTANCE: {"accepted": True},
        steps.PLAN: {"text": "pause"},
    }
    for step in steps.STEPS:
        if step == step_upto:
            return
        for person in people:
            actions.take_turn(person, rupture, step, **fields[step])


# --- Who may come in ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, rupture: Rupture, method: str) -> None:
    client = people.client("alex")
    assert getattr(client, method)(url(rupture, steps.FEELINGS)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, rupture: Rupture) -> None:
    target = url(rupture, steps.FEELINGS)
    client = people.client("anonymous")

    for response in (client.get(target), client.post(target, {"feelings": ["hurt"]})):
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={target}"
    assert not Turn.objects.exists()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(
    people: Personas, rupture: Rupture, persona: str
) -> None:
    client = people.client(persona)
    target = url(rupture, steps.FEELINGS)

    hidden = client.get(target)
    missing = client.get(reverse("rupture_step", args=[987_654, steps.FEELINGS]))
    polled = client.get(target, headers=HX)
    posted = client.post(target, {"feelings": ["hurt"]})

    assert hidden.status_code == polled.status_code == posted.status_code == 404
    assert hidden.content == missing.content
    assert not Turn.objects.exists()


def test_a_step_that_does_not_exist_is_not_found(people: Personas, rupture: Rupture) -> None:
    response = people.client("alex").get(reverse("rupture_step", args=[rupture.pk, "blame"]))

    assert response.status_code == 404


# --- The whole conversation -----------------------------------------------------------------


def test_alex_and_sam_talk_it_through_all_six_steps(people: Personas, rupture: Rupture) -> None:
    alex, sam = people.client("alex"), people.client("sam")

    # Feelings: just the words.
    page = text_of(alex.get(url(rupture, steps.FEELINGS)))
    assert "Just the feelings for now" in page
    response = alex.post(url(rupture, steps.FEELINGS), {"feelings": ["hurt", "lonely"]})
    assert response["Location"] == url(rupture, steps.FEELINGS)
    assert "Waiting for: Sam" in text_of(alex.get(url(rupture, steps.FEELINGS)))
    response = sam.post(url(rupture, steps.FEELINGS), {"feelings": ["frustrated"]})
    assert response["Location"] == url(rupture, steps.REALITIES)

    # Realities: Alex goes first; Sam reflects and validates before answering.
    alex.post(url(rupture, steps.REALITIES), {"text": "ALEX: I heard the plan had changed."})
    page = text_of(sam.get(url(rupture, steps.REALITIES)))
    assert "How Alex saw it ALEX: I heard the plan had changed." in page
    assert "What I heard you say" in page
    response = sam.post(
        url(rupture, steps.REALITIES),
        {
            "reflect": "You found out last and felt left out.",
            "validation": "It makes sense you'd feel dropped.",
            "text": "SAM: I thought we'd agreed it on Thursday.",
        },
    )
    assert response["Location"] == url(rupture, steps.TRIGGERS)

    # Triggers.
    alex.post(url(rupture, steps.TRIGGERS), {"text": "ALEX: being left out as a kid."})
    sam.post(url(rupture, steps.TRIGGERS), {"text": "SAM: being told I'm unreliable."})

    # Responsibility: the apology builder composes the apology.
    alex.post(
        url(rupture, steps.RESPONSIBILITY),
        {
            "what_i_did": "went quiet instead of telling you I was hurt",
            "impact": "left you guessing",
            "next_time": "tell you what's going on",
        },
    )
    response = sam.post(
        url(rupture, steps.RESPONSIBILITY),
        {
            "what_i_did": "changed the plan without asking you",
            "impact": "made you feel like an afterthought",
            "next_time": "check with you before I say yes to anything",
        },
    )
    assert response["Location"] == url(rupture, steps.ACCEPTANCE)

    # Acceptance: one accepts, one says what they still need.
    alex.post(url(rupture, steps.ACCEPTANCE), {"answer": "not-yet", "text": "A hug, and time."})
    sam.post(url(rupture, steps.ACCEPTANCE), {"answer": "accept"})

    # Plan: one thing each; the last turn leads on to the plan page.
    alex.post(url(rupture, steps.PLAN), {"text": "Say when I'm hurt, the same day."})
    response = sam.post(url(rupture, steps.PLAN), {"text": "Ask before I change our plans."})
    assert response["Location"] == reverse("rupture_plan", args=[rupture.pk])

    state, _members = actions.conversation_state(rupture)
    assert state.finished
    assert Turn.objects.filter(rupture=rupture).count() == 12
    apology = Turn.objects.get(step=steps.RESPONSIBILITY, author=people.sam)
    assert apology.text == (
        "I'm sorry that I changed the plan without asking you. "
        "I can see it made you feel like an afterthought. "
        "Next time I will check with you before I say yes to anything."
    )
    assert apology.what_i_did == "changed the plan without asking you"
    reflected = Turn.objects.get(step=steps.REALITIES, author=people.sam)
    assert reflected.reflect == "You found out last and felt left out."
    needing = Turn.objects.get(step=steps.ACCEPTANCE, author=people.alex)
    assert (needing.accepted, needing.text) == (False, "A hug, and time.")
    assert Turn.objects.get(step=steps.ACCEPTANCE, author=people.sam).accepted is True
    assert Turn.objects.get(step=steps.FEELINGS, author=people.alex).feelings == [
        "hurt",
        "lonely",
    ]

    page = text_of(sam.get(reverse("rupture", args=[rupture.pk])))
    assert "A hug, and time." in page
    assert "I'm sorry that I went quiet instead of telling you I was hurt." in page


def test_a_turn_is_thanked_and_shown_on_the_step(people: Personas, rupture: Rupture) -> None:
    response = people.client("alex").post(
        url(rupture, steps.FEELINGS), {"feelings": ["hurt"]}, follow=True
    )

    page = text_of(response)
    assert "Thank you. Your turn is in." in page
    assert "You've had your turn." in page
    assert "You" in page and "hurt" in page


# --- Turns and waiting ----------------------------------------------------------------------


def test_in_turns_sam_waits_for_alex(people: Personas, rupture: Rupture) -> None:
    in_turns(people)
    sam = people.client("sam")

    page = text_of(sam.get(url(rupture, steps.FEELINGS)))
    response = sam.post(url(rupture, steps.FEELINGS), {"feelings": ["frustrated", "tired"]})

    assert "In turns: Alex speaks first." in page
    assert "Waiting for: Alex, you" in page
    assert "Send my turn" not in page
    assert response.status_code == 200
    refused = html_of(response)
    assert "It's someone else's turn first. This page will show when it's yours." in refused
    assert 'value="frustrated" checked' in refused  # nothing Sam picked is lost
    assert 'value="tired" checked' in refused
    assert not Turn.objects.exists()

    people.client("alex").post(url(rupture, steps.FEELINGS), {"feelings": ["hurt"]})
    page = text_of(sam.get(url(rupture, steps.FEELINGS)))
    assert "It's your turn." in page
    assert "Send my turn" in page
    sam.post(url(rupture, steps.FEELINGS), {"feelings": ["frustrated"]})
    assert Turn.objects.filter(step=steps.FEELINGS).count() == 2


def test_a_second_turn_in_the_same_step_is_refused_kindly(
    people: Personas, rupture: Rupture
) -> None:
    alex = people.client("alex")
    alex.post(url(rupture, steps.FEELINGS), {"feelings": ["hurt"]})

    response = alex.post(url(rupture, steps.FEELINGS), {"feelings": ["lonely"]})

    assert "You've already taken your turn in this step." in text_of(response)
    assert Turn.objects.get().feelings == ["hurt"]


def test_a_step_that_is_not_open_yet_takes_no_turns(people: Personas, rupture: Rupture) -> None:
    client = people.client("alex")

    page = text_of(client.get(url(rupture, steps.TRIGGERS)))
    response = client.post(url(rupture, steps.TRIGGERS), {"text": "Something from long ago"})

    assert "This opens once the steps before it are done." in page
    assert "Send my turn" not in page
    assert "That step isn't open right now." in text_of(response)
    assert "Something from long ago" in text_of(response)
    assert not Turn.objects.exists()


def test_polling_returns_the_step_status_with_turns_so_far(
    people: Personas, rupture: Rupture
) -> None:
    people.client("alex").post(url(rupture, steps.FEELINGS), {"feelings": ["hurt"]})

    response = people.client("sam").get(url(rupture, steps.FEELINGS), headers=HX)

    assert response.status_code == 200
    assert "<html" not in html_of(response)
    page = text_of(response)
    assert "Waiting for: you" in page
    assert "Alex" in page and "hurt" in page
    assert "Take your turn" in page


def test_polling_from_a_page_with_the_form_does_not_offer_it_again(
    people: Personas, rupture: Rupture
) -> None:
    response = people.client("sam").get(f"{url(rupture, steps.FEELINGS)}?form=1", headers=HX)

    assert "It's your turn." in text_of(response)
    assert "Take your turn" not in text_of(response)


def test_the_step_page_polls_every_ten_seconds(people: Personas, rupture: Rupture) -> None:
    page = html_of(people.client("sam").get(url(rupture, steps.FEELINGS)))

    assert f'hx-get="{url(rupture, steps.FEELINGS)}?form=1&reflect=0"' in page
    assert 'hx-trigger="every 10s"' in page


def test_polling_stops_once_the_step_is_done(people: Personas, rupture: Rupture) -> None:
    finish(rupture, steps.REALITIES, people.alex, people.sam)

    response = people.client("sam").get(url(rupture, steps.FEELINGS), headers=HX)

    assert response.status_code == 286
    page = text_of(response)
    assert "Everyone has had their turn here." in page
    assert "On to: How each of us saw it" in page


# --- Realities ------------------------------------------------------------------------------


def test_the_first_to_speak_at_realities_has_nothing_to_reflect_yet(
    people: Personas, rupture: Rupture
) -> None:
    finish(rupture, steps.REALITIES, people.alex, people.sam)

    page = text_of(people.client("alex").get(url(rupture, steps.REALITIES)))
    people.client("alex").post(url(rupture, steps.REALITIES), {"text": "How I saw it"})

    assert "What I heard you say" not in page
    assert Turn.objects.get(step=steps.REALITIES).text == "How I saw it"


def test_the_second_speaker_must_reflect_and_validate_first(
    people: Personas, rupture: Rupture
) -> None:
    finish(rupture, steps.REALITIES, people.alex, people.sam)
    people.client("alex").post(url(rupture, steps.REALITIES), {"text": "ALEX SIDE"})

    response = people.client("sam").post(
        url(rupture, steps.REALITIES), {"text": "SAM SIDE, typed with care"}
    )

    page = text_of(response)
    assert response.status_code == 200
    assert "Before your side, say back something of what you heard." in page
    assert "Say at least one part of their side that makes sense to you." in page
    assert "SAM SIDE, typed with care" in page
    assert "How Alex saw it ALEX SIDE" in page
    assert not Turn.objects.filter(author=people.sam, step=steps.REALITIES).exists()


def test_reflecting_without_validating_is_not_enough(people: Personas, rupture: Rupture) -> None:
    finish(rupture, steps.REALITIES, people.alex, people.sam)
    people.client("alex").post(url(rupture, steps.REALITIES), {"text": "ALEX SIDE"})

    response = people.client("sam").post(
        url(rupture, steps.REALITIES), {"reflect": "You felt dropped.", "text": "SAM SIDE"}
    )

    assert "Say at least one part of their side that makes sense to you." in text_of(response)
    assert "You felt dropped." in text_of(response)
    assert not Turn.objects.filter(author=people.sam, step=steps.REALITIES).exists()


# --- Responsibility: the apology builder ----------------------------------------------------

SORRY_IF = {
    "what_i_did": "raised my voice, sorry if it came out wrong",
    "impact": "scared you",
    "next_time": "take a breath first",
}


def test_the_builder_shows_the_composed_apology_and_flags_sorry_if(
    people: Personas, rupture: Rupture
) -> None:
    finish(rupture, steps.RESPONSIBILITY, people.alex, people.sam)

    response = people.client("alex").post(
        url(rupture, steps.RESPONSIBILITY), SORRY_IF | {"check": "1"}
    )

    page = text_of(response)
    assert "How it will read" in page
    assert "I'm sorry that I raised my voice, sorry if it came out wrong." in page
    assert "“sorry if” — “Sorry if…” can sound" in page
    assert "Perhaps: “" in page  # another way to say it
    assert "you can also send it as it is" in page
    assert not Turn.objects.filter(step=steps.RESPONSIBILITY).exists()


def test_the_pitfall_check_never_blocks_sending(people: Personas, rupture: Rupture) -> None:
    finish(rupture, steps.RESPONSIBILITY, people.alex, people.sam)

    response = people.client("alex").post(url(rupture, steps.RESPONSIBILITY), SORRY_IF)

    assert response.status_code == 302
    turn = Turn.objects.get(step=steps.RESPONSIBILITY)
    assert turn.text == (
        "I'm sorry that I raised my voice, sorry if it came out wrong. "
        "I can see it scared you. Next time I will take a breath first."
    )


def test_a_clean_apology_gets_a_quiet_word_not_a_flag(people: Personas, rupture: Rupture) -> None:
    finish(rupture, steps.RESPONSIBILITY, people.alex, people.sam)

    response = people.client("alex").post(
        url(rupture, steps.RESPONSIBILITY),
        {"what_i_did": "walked out", "impact": "left you alone", "check": "1"},
    )

    page = text_of(response)
    assert "Nothing here that usually trips an apology up." in page
    assert "I'm sorry that I walked out. I can see it left you alone." in page


def test_the_apology_needs_what_i_did_and_its_impact(people: Personas, rupture: Rupture) -> None:
    finish(rupture, steps.RESPONSIBILITY, people.alex, people.sam)

    response = people.client("alex").post(
        url(rupture, steps.RESPONSIBILITY), {"next_time": "KEEP THIS: slow down"}
    )

    page = text_of(response)
    assert "Start with what you did, in one plain sentence." in page
    assert "Say how it affected them — that's the part that helps most." in page
    assert "KEEP THIS: slow down" in page
    assert not Turn.objects.filter(step=steps.RESPONSIBILITY).exists()


@with_check_url
def test_the_live_check_composes_and_flags_while_typing(people: Personas, rupture: Rupture) -> None:
    response = people.client("alex").post(
        CHECK_PATH, {"what_i_did": "snapped", "impact": "I'm sorry you feel hurt"}, headers=HX
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "<html" not in html_of(response)
    assert "I'm sorry that I snapped." in page
    assert "“I'm sorry you feel” — “Sorry you feel…” puts the problem in their feelings" in page


@with_check_url
def test_the_live_check_is_wired_into_the_builder(people: Personas, rupture: Rupture) -> None:
    finish(rupture, steps.RESPONSIBILITY, people.alex, people.sam)

    page = html_of(people.client("alex").get(url(rupture, steps.RESPONSIBILITY)))

    assert f'hx-post="{CHECK_PATH}"' in page
    assert 'hx-target="#apology-check"' in page


@with_check_url
def test_the_live_check_only_answers_a_signed_in_post(people: Personas) -> None:
    assert people.client("alex").get(CHECK_PATH).status_code == 405
    anonymous = people.client("anonymous").post(CHECK_PATH, {"what_i_did": "left"})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))


# --- Acceptance and plan --------------------------------------------------------------------


def test_not_yet_needs_a_word_about_what_is_still_needed(
    people: Personas, rupture: Rupture
) -> None:
    finish(rupture, steps.ACCEPTANCE, people.alex, people.sam)

    response = people.client("sam").post(url(rupture, steps.ACCEPTANCE), {"answer": "not-yet"})
    unanswered = people.client("sam").post(url(rupture, steps.ACCEPTANCE), {"text": "Time"})

    assert "Say what you still need, so the others can offer it." in text_of(response)
    assert "Choose “I accept”, or say what you still need." in text_of(unanswered)
    assert "Time" in text_of(unanswered)
    assert not Turn.objects.filter(step=steps.ACCEPTANCE).exists()


def test_the_plan_step_asks_for_one_thing_and_points_to_the_plan_page(
    people: Personas, rupture: Rupture
) -> None:
    finish(rupture, steps.PLAN, people.alex, people.sam)

    page = html_of(people.client("sam").get(url(rupture, steps.PLAN)))
    response = people.client("sam").post(url(rupture, steps.PLAN), {"text": "  "})

    assert "One thing I'll do next time" in page
    assert reverse("rupture_plan", args=[rupture.pk]) in page
    assert "Name one thing — small is good." in text_of(response)


# --- Drafts and closure ---------------------------------------------------------------------


def test_a_half_written_turn_comes_back_and_is_cleared_once_sent(
    people: Personas, rupture: Rupture
) -> None:
    key = f"rupture:{rupture.pk}:feelings"
    Draft.objects.create(author=people.alex, key=key, data={"feelings": ["lonely"]})
    client = people.client("alex")

    page = html_of(client.get(url(rupture, steps.FEELINGS)))
    client.post(url(rupture, steps.FEELINGS), {"feelings": ["lonely"]})

    assert 'value="lonely" checked' in page
    assert f'hx-post="{reverse("draft_save", args=[key])}"' in page
    assert not Draft.objects.filter(key=key).exists()


def test_a_closed_rupture_takes_no_more_turns(people: Personas, rupture: Rupture) -> None:
    finish(rupture, "", people.alex, people.sam)
    actions.mark_closure(people.alex, rupture, trust=True)
    actions.mark_closure(people.sam, rupture, trust=True)

    page = text_of(people.client("sam").get(url(rupture, steps.PLAN)))
    response = people.client("sam").post(url(rupture, steps.PLAN), {"text": "One more"})
    polled = people.client("sam").get(url(rupture, steps.PLAN), headers=HX)

    assert "This repair is closed" in page
    assert "Send my turn" not in page
    assert "This repair is closed; its summary is kept as it was." in text_of(response)
    assert polled.status_code == 286
    assert Turn.objects.filter(step=steps.PLAN).count() == 2


def test_an_open_realities_form_reloads_once_the_other_has_told_their_side(
    people: Personas,
) -> None:
    rupture = Rupture.objects.create(author=people.alex, circle=people.partners, title="Late")
    for person in (people.alex, people.sam):
        Turn.objects.create(rupture=rupture, author=person, step="feelings", feelings=["hurt"])
    Turn.objects.create(rupture=rupture, author=people.alex, step="realities", text="My side")
    step_url = reverse("rupture_step", args=[rupture.pk, "realities"])
    sam = people.client("sam")

    stale = sam.get(step_url, {"form": "1", "reflect": "0"}, headers=HX)
    fresh = sam.get(step_url, {"form": "1", "reflect": "1"}, headers=HX)

    assert stale.headers.get("HX-Refresh") == "true"
    assert "HX-Refresh" not in fresh.headers
