"""Changing a boundary: new words are a new version, and who sees it can change too."""

from __future__ import annotations

from django.urls import reverse

from conftest import Personas
from hearthside.boundaries import actions
from hearthside.boundaries.models import Boundary
from hearthside.boundaries.tests.conftest import ALEX_SHARED, ALEX_SHARED_WHY, Bounds, text_of


def url(boundary: Boundary) -> str:
    return reverse("boundary_edit", args=[boundary.pk])


def form(people: Personas, **changes: str) -> dict[str, str]:
    data = {
        "circle": str(people.partners.pk),
        "need": ALEX_SHARED,
        "why": ALEX_SHARED_WHY,
        "helps": "",
        "review_every": "3",
    }
    data.update(changes)
    return data


def test_the_form_holds_the_words_now_and_the_coach(people: Personas, bounds: Bounds) -> None:
    page = text_of(people.client("alex").get(url(bounds.alex_shared)))

    assert "Change a boundary" in page
    assert ALEX_SHARED in page and ALEX_SHARED_WHY in page
    assert f'<option value="{people.partners.pk}" selected>' in page
    assert 'id="coach-id_need"' in page


def test_new_words_are_saved_as_a_new_version_and_the_circle_is_asked_again(
    people: Personas, bounds: Bounds
) -> None:
    actions.acknowledge(people.sam, bounds.alex_shared)
    client = people.client("alex")

    response = client.post(url(bounds.alex_shared), form(people, need="I need half an hour"))

    boundary = Boundary.objects.get(pk=bounds.alex_shared.pk)
    assert response["Location"] == reverse("boundary", args=[boundary.pk])
    assert boundary.current is not None and boundary.current.need == "I need half an hour"
    assert boundary.versions.count() == 2
    page = text_of(client.get(response["Location"]))
    assert "Saved as a new version. Alex & Sam will be asked to read the new words." in page
    assert "I've read this and I'll respect it" in text_of(
        people.client("sam").get(response["Location"])
    )


def test_unchanged_words_save_quietly(people: Personas, bounds: Bounds) -> None:
    client = people.client("alex")
    response = client.post(url(bounds.alex_shared), form(people), follow=True)

    assert "Saved." in text_of(response)
    assert bounds.alex_shared.versions.count() == 1


def test_a_private_boundary_can_be_shared_later(people: Personas, bounds: Bounds) -> None:
    client = people.client("alex")
    data = form(people, need=bounds.alex_private.current.need, why="")  # type: ignore[union-attr]

    response = client.post(url(bounds.alex_private), data, follow=True)

    assert "Shared with Alex & Sam. They'll be asked to read it" in text_of(response)
    assert (
        people.client("sam").get(reverse("boundary", args=[bounds.alex_private.pk])).status_code
        == 200
    )


def test_a_shared_boundary_can_be_made_private_again(people: Personas, bounds: Bounds) -> None:
    response = people.client("alex").post(
        url(bounds.alex_shared), form(people, circle=""), follow=True
    )

    assert "It's private again — only you can see it now." in text_of(response)
    assert (
        people.client("sam").get(reverse("boundary", args=[bounds.alex_shared.pk])).status_code
        == 404
    )


def test_errors_keep_everything_typed(people: Personas, bounds: Bounds) -> None:
    response = people.client("alex").post(
        url(bounds.alex_shared), form(people, need="", helps="A gentle word")
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "Write what you need first" in page
    assert "A gentle word" in page
    assert bounds.alex_shared.versions.count() == 1


def test_a_retired_boundary_is_not_changed(people: Personas, bounds: Bounds) -> None:
    actions.retire_boundary(people.alex, bounds.alex_shared)
    client = people.client("alex")

    response = client.post(url(bounds.alex_shared), form(people, need="Again"), follow=True)

    assert "This boundary was retired. Its history stays as it was." in text_of(response)
    assert bounds.alex_shared.versions.count() == 1
