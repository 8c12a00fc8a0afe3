"""Writing a boundary: private by default, or shared with one of my circles."""

from __future__ import annotations

from django.urls import reverse

from conftest import Personas
from hearthside.boundaries.models import Boundary
from hearthside.boundaries.tests.conftest import text_of

URL = reverse("boundary_new")


def form(**changes: str) -> dict[str, str]:
    data = {
        "circle": "",
        "need": "I need an hour to myself when I get home",
        "why": "Work leaves me frayed",
        "helps": "A cup of tea and a closed door",
        "review_every": "3",
    }
    data.update(changes)
    return data


def test_the_form_starts_private_with_the_coach_under_each_text(people: Personas) -> None:
    page = text_of(people.client("alex").get(URL))

    assert '<option value="" selected>Just me — keep it private</option>' in page
    assert "Alex &amp; Sam" in people.client("alex").get(URL).content.decode()
    assert "Climbing friends" in page
    for field in ("need", "why", "helps"):
        assert f'id="coach-id_{field}"' in page
    assert '"context": "request"' in page
    assert 'value="3" id="id_review_every_1" required checked' in page


def test_a_private_boundary_is_written_for_me_alone(people: Personas) -> None:
    response = people.client("alex").post(URL, form())

    boundary = Boundary.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("boundary", args=[boundary.pk])
    assert boundary.author == people.alex and boundary.circle is None
    assert boundary.current is not None
    assert boundary.current.helps == "A cup of tea and a closed door"
    page = text_of(people.client("alex").get(response["Location"]))
    assert "Written down. It's private — only you can see it." in page


def test_a_shared_boundary_goes_to_the_circle_i_chose(people: Personas) -> None:
    response = people.client("alex").post(
        URL, form(circle=str(people.partners.pk), review_every="12")
    )

    boundary = Boundary.objects.get()
    assert boundary.circle == people.partners
    assert boundary.review_every == 12
    page = text_of(people.client("alex").get(response["Location"]))
    assert "Shared with Alex & Sam. They'll be asked to read it when they're ready." in page


def test_a_circle_can_be_chosen_from_a_link(people: Personas) -> None:
    page = text_of(people.client("alex").get(f"{URL}?circle={people.friends.pk}"))

    assert f'<option value="{people.friends.pk}" selected>Climbing friends</option>' in page


def test_missing_words_are_asked_for_kindly_and_nothing_typed_is_lost(people: Personas) -> None:
    response = people.client("alex").post(URL, form(need="   ", review_every=""))

    page = text_of(response)
    assert response.status_code == 200
    assert "Write what you need first — one sentence is enough." in page
    assert "Choose how often you'd like to look at it again." in page
    assert "Work leaves me frayed" in page
    assert "A cup of tea and a closed door" in page
    assert not Boundary.objects.exists()


def test_words_that_are_too_long_say_by_how_much(people: Personas) -> None:
    response = people.client("alex").post(URL, form(need="x" * 1001))

    page = text_of(response)
    assert "please keep it to 1000 characters (it's 1001 now)" in page
    assert not Boundary.objects.exists()


def test_i_cannot_share_with_a_circle_i_am_not_in(people: Personas) -> None:
    response = people.client("robin").post(URL, form(circle=str(people.partners.pk)))

    assert response.status_code == 200
    assert "You can only share with a circle you're part of." in text_of(response)
    assert "I need an hour to myself when I get home" in text_of(response)
    assert not Boundary.objects.exists()
