"""Honesty moments: a person marks a share (theirs, or one shared with them) or their own
check-in as a moment when being honest led to understanding. Nobody else ever learns of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from hearthside.circles.models import Membership
from hearthside.values.models import HonestyMoment
from hearthside.values.tests.conftest import (
    ALEX_CHECKIN,
    ALEX_SHARE,
    SAM_MOMENT,
    World,
    page_text,
    words,
)

if TYPE_CHECKING:
    from conftest import Personas

MARK = reverse("values_honesty_mark")
HTMX = {"HX-Request": "true"}


def button(person: object, thing: object) -> str:
    request = RequestFactory().get("/")
    request.user = person  # type: ignore[assignment]
    template = Template("{% load values_tags %}{% honesty_moment_button thing %}")
    return template.render(Context({"user": person, "request": request, "thing": thing}))


# --- The button other pages place -------------------------------------------------------------


def test_the_button_offers_to_mark_a_share_for_its_sharer_and_its_listener(
    people: Personas, world: World
) -> None:
    for person in (people.alex, people.robin):
        HonestyMoment.objects.filter(person=person).delete()
    alex = button(people.alex, world.share)
    assert "Mark as an honesty moment" in alex
    assert f'name="share" value="{world.share.pk}"' in alex
    assert 'hx-post="/values/honesty/"' in alex
    assert 'aria-live="polite"' in alex


def test_the_button_shows_my_own_mark_and_nobody_elses(people: Personas, world: World) -> None:
    sam = button(people.sam, world.share)
    assert "An honesty moment for you" in sam
    assert "Unmark" in sam
    # Sam marked Alex's share; Alex, the sharer, sees only an unmarked button.
    alex = button(people.alex, world.share)
    assert "An honesty moment for you" not in alex
    assert SAM_MOMENT not in alex and SAM_MOMENT not in sam


def test_the_button_is_not_offered_on_someone_elses_check_in(
    people: Personas, world: World
) -> None:
    assert button(people.sam, world.checkin).strip() == ""
    assert "Mark as an honesty moment" in button(people.alex, world.checkin)


# --- Marking ----------------------------------------------------------------------------------


def test_marking_a_share_shared_with_me_in_place(people: Personas, world: World) -> None:
    HonestyMoment.objects.all().delete()
    response = people.client("sam").post(MARK, {"share": world.share.pk}, headers=HTMX)

    assert response.status_code == 200
    fragment = page_text(response)
    assert "An honesty moment for you" in fragment
    assert "<main" not in fragment
    moment = HonestyMoment.objects.get()
    assert (moment.person, moment.share, moment.checkin) == (people.sam, world.share, None)


def test_marking_twice_keeps_one_mark(people: Personas, world: World) -> None:
    people.client("sam").post(MARK, {"share": world.share.pk})
    people.client("sam").post(MARK, {"share": world.share.pk})

    moment = HonestyMoment.objects.get(person=people.sam)
    assert moment.note == SAM_MOMENT  # the words already there stay


def test_without_htmx_marking_returns_to_the_share(people: Personas, world: World) -> None:
    response = people.client("alex").post(MARK, {"share": world.share.pk})

    assert response["Location"] == reverse("share", args=[world.share.pk])
    assert HonestyMoment.objects.filter(person=people.alex, share=world.share).exists()


def test_marking_my_own_check_in(people: Personas, world: World) -> None:
    response = people.client("alex").post(MARK, {"checkin": world.checkin.pk})

    assert response["Location"] == reverse("checkin", args=[world.checkin.pk])
    page = words(people.client("alex").get(reverse("values")))
    assert ALEX_CHECKIN in page
    assert "your check-in" in page


def test_a_mark_needs_exactly_one_thing(people: Personas, world: World) -> None:
    client = people.client("alex")
    assert client.post(MARK, {}).status_code == 400
    both = {"share": world.share.pk, "checkin": world.checkin.pk}
    assert client.post(MARK, both).status_code == 400
    assert client.post(MARK, {"share": "x"}).status_code == 400


def test_nobody_marks_what_they_cannot_see(people: Personas, world: World) -> None:
    assert people.client("robin").post(MARK, {"share": world.share.pk}).status_code == 404
    assert people.client("sam").post(MARK, {"checkin": world.checkin.pk}).status_code == 404
    assert HonestyMoment.objects.count() == 1


# --- Keeping them -----------------------------------------------------------------------------


def test_my_moments_are_listed_with_my_words_for_me_alone(people: Personas, world: World) -> None:
    sam = words(people.client("sam").get(reverse("values")))
    assert SAM_MOMENT in sam
    assert ALEX_SHARE in sam
    assert "shared by Alex" in sam

    alex = words(people.client("alex").get(reverse("values")))
    assert SAM_MOMENT not in alex
    assert "None yet." in alex


def test_writing_a_few_words_about_a_moment(people: Personas, world: World) -> None:
    url = reverse("values_honesty", args=[world.sam_moment.pk])
    assert SAM_MOMENT in page_text(people.client("sam").get(url))

    people.client("sam").post(url, {"note": "  When Alex said it out loud.  "})

    world.sam_moment.refresh_from_db()
    assert world.sam_moment.note == "When Alex said it out loud."


def test_unmarking_from_the_share_page_swaps_the_button_back(
    people: Personas, world: World
) -> None:
    url = reverse("values_honesty_unmark", args=[world.sam_moment.pk])
    response = people.client("sam").post(url, headers=HTMX)

    assert "Mark as an honesty moment" in page_text(response)
    assert not HonestyMoment.objects.exists()


def test_unmarking_from_my_list_returns_to_it(people: Personas, world: World) -> None:
    url = reverse("values_honesty_unmark", args=[world.sam_moment.pk])
    response = people.client("sam").post(url, {"from": "values"})

    assert response["Location"] == reverse("values")


def test_a_withdrawn_share_keeps_my_mark_but_not_its_words(people: Personas, world: World) -> None:
    world.share.withdrawn_at = timezone.now()
    world.share.save()

    page = words(people.client("sam").get(reverse("values")))
    assert SAM_MOMENT in page
    assert ALEX_SHARE not in page
    assert "isn't shared with you any more" in page
    detail = page_text(
        people.client("sam").get(reverse("values_honesty", args=[world.sam_moment.pk]))
    )
    assert ALEX_SHARE not in detail


def test_when_the_sharer_leaves_the_share_goes_from_my_moments(
    people: Personas, world: World
) -> None:
    Membership.objects.filter(circle=people.partners, person=people.alex).update(
        left_at=timezone.now()
    )
    assert ALEX_SHARE not in words(people.client("sam").get(reverse("values")))
