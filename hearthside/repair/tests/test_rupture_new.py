"""Opening a rupture: a short neutral name, when it happened, the circle (only mine), and an
optional link to an earlier rupture in the same circle; from a pause or afterwards."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse

from conftest import CURRENT_TIME, Personas
from hearthside.repair import actions
from hearthside.repair.models import Rupture

URL = reverse("rupture_new")


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def form(people: Personas, **overrides: Any) -> dict[str, Any]:
    data = {
        "circle": people.partners.pk,
        "title": "The Saturday plans",
        "happened_at": "2026-03-04T09:15",
        "linked_to": "",
    }
    return data | overrides


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    client = people.client("anonymous")
    for response in (client.get(URL), client.post(URL, form(people))):
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={URL}"
    assert not Rupture.objects.exists()


def test_a_member_opens_a_rupture_and_lands_on_its_page(people: Personas) -> None:
    response = people.client("alex").post(URL, form(people), follow=True)

    rupture = Rupture.objects.get()
    assert (rupture.author, rupture.circle) == (people.alex, people.partners)
    assert rupture.title == "The Saturday plans"
    # Alex's time zone is London, on GMT in March.
    assert rupture.happened_at == datetime(2026, 3, 4, 9, 15, tzinfo=UTC)
    assert rupture.status == Rupture.Status.OPEN
    assert response.redirect_chain == [(reverse("rupture", args=[rupture.pk]), 302)]
    page = text_of(response)
    assert "It's open. Everyone in Alex & Sam can see it and take part." in page
    assert "The Saturday plans" in page


def test_every_member_of_the_circle_is_part_of_it(people: Personas) -> None:
    people.client("alex").post(URL, form(people))
    rupture = Rupture.objects.get()

    page = text_of(people.client("sam").get(reverse("rupture", args=[rupture.pk])))

    assert "The Saturday plans" in page
    assert "Sam" in page and "Alex" in page


def test_when_it_happened_is_read_in_the_persons_own_time_zone(people: Personas) -> None:
    people.sam.time_zone = "America/New_York"
    people.sam.save()

    people.client("sam").post(URL, form(people, happened_at="2026-03-03T20:00"))

    assert Rupture.objects.get().happened_at == datetime(2026, 3, 4, 1, 0, tzinfo=UTC)


def test_the_form_offers_only_my_circles(people: Personas) -> None:
    page = text_of(people.client("sam").get(URL))

    assert "Alex & Sam" in page
    assert "Climbing friends" not in page
    assert "Open a rupture" in page


def test_someone_outside_a_circle_cannot_open_a_rupture_in_it(people: Personas) -> None:
    robin = people.client("robin").post(URL, form(people))
    olive = people.client("olive").post(URL, form(people))

    assert robin.status_code == olive.status_code == 200
    page = text_of(robin)
    assert "You can only open a repair in a circle you're part of." in page
    assert "The Saturday plans" in page  # what Robin typed is still there
    assert "Repairs happen inside a circle, and you're not in one yet." in text_of(olive)
    assert not Rupture.objects.exists()


def test_someone_with_no_circle_is_told_where_repairs_happen(people: Personas) -> None:
    page = text_of(people.client("olive").get(URL))

    assert "Repairs happen inside a circle, and you're not in one yet." in page


def test_a_missing_title_gets_a_clear_message_and_keeps_the_rest(people: Personas) -> None:
    response = people.client("alex").post(URL, form(people, title="   "))

    page = text_of(response)
    assert response.status_code == 200
    assert "Give it a short name, so you can all find it again." in page
    assert 'value="2026-03-04T09:15"' in page
    assert not Rupture.objects.exists()


def test_a_time_in_the_future_is_refused_kindly(people: Personas) -> None:
    response = people.client("alex").post(
        URL, form(people, happened_at="2026-03-05T09:00", title="Tomorrow's row")
    )

    page = text_of(response)
    assert "That's still in the future — when did it happen?" in page
    assert "Tomorrow's row" in page
    assert not Rupture.objects.exists()


def test_a_date_that_is_not_a_date_gets_a_clear_message(people: Personas) -> None:
    response = people.client("alex").post(URL, form(people, happened_at="last tuesday-ish"))

    page = text_of(response)
    assert "That doesn't look like a date and time." in page
    assert "The Saturday plans" in page
    assert not Rupture.objects.exists()


def test_a_title_that_is_too_long_is_refused_with_the_text_kept(people: Personas) -> None:
    long_title = "word " * 30

    response = people.client("alex").post(URL, form(people, title=long_title))

    page = text_of(response)
    assert "Please keep the name under 120 characters." in page
    assert long_title.strip() in page
    assert not Rupture.objects.exists()


def test_a_new_rupture_can_be_linked_to_an_earlier_one_in_the_same_circle(
    people: Personas,
) -> None:
    earlier = actions.open_rupture(people.sam, people.partners, "Dishes")

    people.client("alex").post(URL, form(people, title="Dishes, again", linked_to=earlier.pk))

    assert Rupture.objects.get(title="Dishes, again").linked_to == earlier


def test_a_link_to_a_rupture_in_another_circle_is_refused(people: Personas) -> None:
    other = actions.open_rupture(people.alex, people.friends, "The climbing trip")

    response = people.client("alex").post(URL, form(people, linked_to=other.pk))

    page = text_of(response)
    assert "Link it to an earlier rupture in the same circle, or leave this empty." in page
    assert "The Saturday plans" in page
    assert not Rupture.objects.filter(title="The Saturday plans").exists()


def test_a_link_to_a_rupture_i_cannot_see_is_refused(people: Personas) -> None:
    hidden = actions.open_rupture(people.alex, people.partners, "Between Alex and Sam")

    response = people.client("robin").post(
        URL, form(people, circle=people.friends.pk, linked_to=hidden.pk)
    )

    assert "Choose one of your earlier ruptures." in text_of(response)
    assert not Rupture.objects.filter(title="The Saturday plans").exists()


def test_only_ruptures_i_can_see_are_offered_as_earlier_ones(people: Personas) -> None:
    actions.open_rupture(people.alex, people.partners, "Between Alex and Sam")
    actions.open_rupture(people.alex, people.friends, "The climbing trip")

    page = text_of(people.client("robin").get(URL))

    assert "The climbing trip" in page
    assert "Between Alex and Sam" not in page


def test_a_circle_in_the_address_is_chosen_for_me(people: Personas) -> None:
    page = text_of(people.client("alex").get(f"{URL}?circle={people.friends.pk}"))

    assert f'<option value="{people.friends.pk}" selected>' in page


def test_opening_from_a_pause_fills_in_the_circle_and_the_time(people: Personas) -> None:
    pause = actions.start_pause(people.sam, people.partners)
    target = f"{URL}?pause={pause.pk}"

    page = text_of(people.client("alex").get(target))
    assert f'<option value="{people.partners.pk}" selected>' in page
    assert 'value="2026-03-04T10:30"' in page
    assert "This starts from your pause." in page

    people.client("alex").post(target, form(people, happened_at="2026-03-04T10:25"))

    rupture = Rupture.objects.get()
    assert rupture.pause == pause
    assert rupture.happened_at == CURRENT_TIME - timedelta(minutes=5)


def test_a_pause_i_cannot_see_is_not_found(people: Personas) -> None:
    pause = actions.start_pause(people.sam, people.partners)

    for persona in ("robin", "olive"):
        client = people.client(persona)
        assert client.get(f"{URL}?pause={pause.pk}").status_code == 404
        response = client.post(f"{URL}?pause={pause.pk}", form(people, circle=people.friends.pk))
        assert response.status_code == 404
    assert people.client("alex").get(f"{URL}?pause=nonsense").status_code == 404
    assert not Rupture.objects.exists()
