"""Intentions: what each person hopes opening up brings, private unless shared with one circle,
changed, taken back or deleted by their author alone."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from hearthside.circles.models import Membership
from hearthside.values.models import Intention
from hearthside.values.tests.conftest import (
    ALEX_FRIENDS_HOPE,
    ALEX_PARTNERS_HOPE,
    ALEX_PRIVATE_HOPE,
    SAM_PARTNERS_HOPE,
    World,
    page_text,
    words,
)

if TYPE_CHECKING:
    from conftest import Personas

NEW = reverse("values_intention_new")
INDEX = reverse("values")


def test_my_page_shows_my_intentions_and_those_shared_with_me(
    people: Personas, world: World
) -> None:
    alex = words(people.client("alex").get(INDEX))
    assert ALEX_PRIVATE_HOPE in alex
    assert ALEX_FRIENDS_HOPE in alex
    assert SAM_PARTNERS_HOPE in alex

    sam = words(people.client("sam").get(INDEX))
    assert ALEX_PARTNERS_HOPE in sam
    assert ALEX_PRIVATE_HOPE not in sam
    assert ALEX_FRIENDS_HOPE not in sam

    robin = words(people.client("robin").get(INDEX))
    assert ALEX_FRIENDS_HOPE in robin
    assert ALEX_PARTNERS_HOPE not in robin and SAM_PARTNERS_HOPE not in robin


def test_a_private_intention_says_so_and_its_hopes_read_as_words(
    people: Personas, world: World
) -> None:
    page = words(people.client("alex").get(INDEX))
    assert "Only you" in page
    assert "Less hiding" in page  # the hope's label, not its slug


def test_writing_a_private_intention(people: Personas) -> None:
    response = people.client("sam").post(
        NEW, {"hopes": ["relief", "trust"], "text": "  To say it sooner.  "}
    )

    assert response.status_code == 302
    intention = Intention.objects.get()
    assert (intention.author, intention.circle) == (people.sam, None)
    assert intention.hopes == ["relief", "trust"]
    assert intention.text == "To say it sooner."
    assert "Saved, just for you." in page_text(people.client("sam").get(INDEX))
    assert "To say it sooner." not in page_text(people.client("alex").get(INDEX))


def test_sharing_an_intention_with_one_circle(people: Personas) -> None:
    people.client("alex").post(
        NEW, {"circle": people.partners.pk, "hopes": ["closeness"], "text": "Nearer."}
    )

    assert Intention.objects.get().circle == people.partners
    assert "Nearer." in words(people.client("sam").get(INDEX))
    assert "Nearer." not in words(people.client("robin").get(INDEX))


def test_hopes_come_back_in_our_order_whatever_order_they_were_ticked(people: Personas) -> None:
    people.client("alex").post(NEW, {"hopes": ["trust", "closeness", "relief"]})

    assert Intention.objects.get().hopes == ["closeness", "relief", "trust"]


def test_an_empty_intention_is_refused_kindly_and_keeps_the_choice_of_circle(
    people: Personas,
) -> None:
    response = people.client("alex").post(NEW, {"circle": people.partners.pk, "text": "   "})

    assert response.status_code == 200
    assert "Pick at least one hope, or write a few words of your own." in page_text(response)
    assert f'<option value="{people.partners.pk}" selected>' in page_text(response)
    assert not Intention.objects.exists()


def test_too_many_words_are_refused_and_none_are_lost(people: Personas) -> None:
    text = "so much to say " * 200
    response = people.client("alex").post(NEW, {"hopes": ["courage"], "text": text})

    page = page_text(response)
    assert "Keep it to 2000 characters" in page
    assert text.strip() in page
    assert 'value="courage" id="id_hopes_6" checked' in page
    assert not Intention.objects.exists()


def test_a_hope_we_dont_know_is_refused(people: Personas) -> None:
    response = people.client("alex").post(NEW, {"hopes": ["world-peace"]})

    assert "Choose from the hopes listed." in page_text(response)
    assert not Intention.objects.exists()


def test_someone_elses_circle_cannot_be_chosen(people: Personas) -> None:
    response = people.client("robin").post(NEW, {"circle": people.partners.pk, "text": "Hi"})

    assert "Choose one of your own circles, or just you." in page_text(response)
    assert "Alex &amp; Sam" not in response.content.decode()
    assert not Intention.objects.exists()


def test_the_form_offers_only_my_circles_and_the_coach(people: Personas) -> None:
    page = page_text(people.client("sam").get(NEW))

    assert "Alex & Sam" in page
    assert "Climbing friends" not in page
    assert 'data-coach-for="id_text"' in page


def test_changing_my_words_keeps_where_it_was_shared(people: Personas, world: World) -> None:
    url = reverse("values_intention_edit", args=[world.alex_partners.pk])
    page = page_text(people.client("alex").get(url))
    assert 'name="circle"' not in page  # where it is shared is settled when it's written
    assert ALEX_PARTNERS_HOPE in page

    people.client("alex").post(url, {"hopes": ["trust"], "text": "Closer, and braver."})

    world.alex_partners.refresh_from_db()
    assert world.alex_partners.hopes == ["trust"]
    assert world.alex_partners.text == "Closer, and braver."
    assert world.alex_partners.circle == people.partners
    assert "Closer, and braver." in words(people.client("sam").get(INDEX))


def test_taking_an_intention_back_hides_it_from_the_circle(people: Personas, world: World) -> None:
    people.client("alex").post(reverse("values_intention_withdraw", args=[world.alex_partners.pk]))

    assert ALEX_PARTNERS_HOPE not in words(people.client("sam").get(INDEX))
    mine = words(people.client("alex").get(INDEX))
    assert ALEX_PARTNERS_HOPE in mine
    assert "Taken back — only you" in mine


def test_deleting_asks_first_then_it_is_gone(people: Personas, world: World) -> None:
    url = reverse("values_intention_delete", args=[world.alex_partners.pk])
    confirm = words(people.client("alex").get(url))
    assert "Delete this intention?" in confirm
    assert ALEX_PARTNERS_HOPE in confirm
    assert Intention.objects.filter(pk=world.alex_partners.pk).exists()

    people.client("alex").post(url)

    assert not Intention.objects.filter(pk=world.alex_partners.pk).exists()
    assert ALEX_PARTNERS_HOPE not in words(people.client("sam").get(INDEX))


def test_someone_who_joins_later_does_not_see_what_was_shared_before(
    people: Personas, world: World
) -> None:
    Membership.objects.create(
        circle=people.partners, person=people.olive, joined_at=timezone.now() + timedelta(seconds=1)
    )

    olive = words(people.client("olive").get(INDEX))
    assert ALEX_PARTNERS_HOPE not in olive
    assert SAM_PARTNERS_HOPE not in olive


def test_when_the_author_leaves_their_shared_intention_goes_with_them(
    people: Personas, world: World
) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )

    assert SAM_PARTNERS_HOPE not in words(people.client("alex").get(INDEX))
