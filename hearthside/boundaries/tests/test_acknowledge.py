"""'I've read this and I'll respect it': a member's answer to a shared boundary's words."""

from __future__ import annotations

from django.urls import reverse

from conftest import Personas
from hearthside.boundaries.models import Acknowledgement
from hearthside.boundaries.tests.conftest import Bounds, text_of


def url(bounds: Bounds) -> str:
    return reverse("boundary_acknowledge", args=[bounds.alex_shared.pk])


def test_acknowledging_records_the_words_i_read(people: Personas, bounds: Bounds) -> None:
    response = people.client("sam").post(url(bounds), follow=True)

    ack = Acknowledgement.objects.get()
    assert (ack.author, ack.version) == (people.sam, bounds.alex_shared.current)
    assert "Thank you. Alex will see that you'll respect it." in text_of(response)


def test_with_htmx_only_the_answer_is_swapped_in(people: Personas, bounds: Bounds) -> None:
    response = people.client("sam").post(url(bounds), HTTP_HX_REQUEST="true")

    page = text_of(response)
    assert response.status_code == 200
    assert "<html" not in page
    assert "You told Alex you've read this and you'll respect it" in page
    assert "Thank you — that means a lot." in page


def test_saying_it_twice_keeps_the_first_moment(people: Personas, bounds: Bounds) -> None:
    client = people.client("sam")
    client.post(url(bounds), follow=True)
    response = client.post(url(bounds), follow=True)

    assert Acknowledgement.objects.count() == 1
    assert "Thank you. Alex will see" not in text_of(response)


def test_the_author_has_nothing_to_acknowledge(people: Personas, bounds: Bounds) -> None:
    assert people.client("alex").post(url(bounds)).status_code == 409
    assert not Acknowledgement.objects.exists()
