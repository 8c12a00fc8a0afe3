"""Drafts: what a person types into a repair form is kept as they go, for them alone."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.repair import actions, drafts
from hearthside.repair.models import Draft, Rupture

HX = {"HX-Request": "true"}
TYPED = {"takeaways": "I go quiet when I'm scared, not when I'm angry", "cool_off_min": "25"}


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The dishes, again")


def key_for(rupture: Rupture) -> str:
    return f"rupture:{rupture.pk}:plan"


def url(key: str) -> str:
    return reverse("draft_save", args=[key])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_only_answers_post(people: Personas, rupture: Rupture, method: str) -> None:
    response = getattr(people.client("alex"), method)(url(key_for(rupture)))
    assert response.status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, rupture: Rupture) -> None:
    target = url(key_for(rupture))

    response = people.client("anonymous").post(target, TYPED, headers=HX)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={quote(target, safe='/')}"
    assert not Draft.objects.exists()


def test_a_draft_is_saved_and_comes_back_to_its_author(people: Personas, rupture: Rupture) -> None:
    client = people.client("alex")

    response = client.post(
        url(key_for(rupture)), TYPED | {"csrfmiddlewaretoken": "not-kept"}, headers=HX
    )

    assert response.status_code == 204
    assert response.content == b""
    draft = Draft.objects.get(author=people.alex, key=key_for(rupture))
    assert draft.data == TYPED
    page = text_of(client.get(reverse("rupture_plan", args=[rupture.pk])))
    assert TYPED["takeaways"] in page
    assert 'name="cool_off_min" value="25"' in page


def test_saving_again_replaces_the_draft(people: Personas, rupture: Rupture) -> None:
    client = people.client("alex")

    client.post(url(key_for(rupture)), {"takeaways": "I go"}, headers=HX)
    client.post(url(key_for(rupture)), TYPED, headers=HX)

    assert Draft.objects.get().data == TYPED


def test_several_ticked_choices_are_kept_as_a_list(people: Personas) -> None:
    people.client("sam").post(
        url("rupture:1:reflection"), {"feelings": ["hurt", "scared"], "reality": "x"}
    )

    assert drafts.load_draft(people.sam, "rupture:1:reflection") == {
        "feelings": ["hurt", "scared"],
        "reality": "x",
    }


@pytest.mark.parametrize("persona", ["sam", "robin", "olive"])
def test_another_person_never_sees_my_draft(
    people: Personas, rupture: Rupture, persona: str
) -> None:
    people.client("alex").post(url(key_for(rupture)), TYPED, headers=HX)

    page = text_of(people.client(persona).get(reverse("rupture_plan", args=[rupture.pk])))

    assert TYPED["takeaways"] not in page
    assert drafts.load_draft(getattr(people, persona), key_for(rupture)) == {}


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_a_draft_opens_no_door_to_a_rupture_outside_my_circles(
    people: Personas, rupture: Rupture, persona: str
) -> None:
    client = people.client(persona)

    saved = client.post(url(key_for(rupture)), {"takeaways": "Sneaking in"}, headers=HX)
    plan = client.get(reverse("rupture_plan", args=[rupture.pk]))

    # The draft is only ever theirs: it reveals nothing and reaches nothing.
    assert saved.status_code == 204
    assert plan.status_code == 404
    assert "Sneaking in" not in text_of(
        people.client("alex").get(reverse("rupture_plan", args=[rupture.pk]))
    )


@pytest.mark.parametrize(
    "key", ["Rupture:1:plan", "rupture 1", "rupture/1", "a" * 121, "rupture:1:plan!"]
)
def test_an_invalid_key_is_not_found(people: Personas, key: str) -> None:
    response = people.client("alex").post(f"/drafts/{key}/", TYPED, headers=HX)

    assert response.status_code == 404
    assert not Draft.objects.exists()


def test_a_draft_larger_than_any_form_is_refused(people: Personas) -> None:
    response = people.client("alex").post(url("rupture:1:plan"), {"takeaways": "x" * 70_000})

    assert response.status_code == 413
    assert not Draft.objects.exists()


def test_clearing_a_draft_leaves_other_peoples_alone(people: Personas) -> None:
    Draft.objects.create(author=people.alex, key="rupture:1:plan", data={"takeaways": "a"})
    Draft.objects.create(author=people.sam, key="rupture:1:plan", data={"takeaways": "s"})

    drafts.clear_draft(people.alex, "rupture:1:plan")

    assert drafts.load_draft(people.alex, "rupture:1:plan") == {}
    assert drafts.load_draft(people.sam, "rupture:1:plan") == {"takeaways": "s"}


def test_a_form_that_autosaves_posts_to_its_draft(people: Personas, rupture: Rupture) -> None:
    page = text_of(people.client("alex").get(reverse("rupture_plan", args=[rupture.pk])))

    assert f'hx-post="{url(key_for(rupture))}"' in page
    assert 'hx-trigger="input changed delay:800ms, change delay:800ms"' in page
