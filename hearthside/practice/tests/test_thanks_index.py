"""/thanks/: the thank-yous people sent me (newest first), the ones I kept for hard days, and
the ones I sent — each person sees only their own lists, and nothing says what was kept except
to the person who kept it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.practice.models import Appreciation, Favourite
from hearthside.repair.models import Rupture

URL = reverse("thanks")


@dataclass
class World:
    alex_to_sam: Appreciation
    sam_to_alex: Appreciation
    robin_to_alex: Appreciation
    alex_to_robin: Appreciation


def thank(author: Any, recipient: Any, circle: Any, text: str, ago: int, **kw: Any) -> Appreciation:
    return Appreciation.objects.create(
        author=author,
        recipient=recipient,
        circle=circle,
        text=text,
        created_at=timezone.now() - timedelta(hours=ago),
        **kw,
    )


@pytest.fixture
def world(people: Personas) -> World:
    # Everyone has been in their circles for a while, so older thank-yous are theirs to see.
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=30))
    return World(
        thank(people.alex, people.sam, people.partners, "ALEX-THANKS-SAM: Sunday", 5),
        thank(
            people.sam,
            people.alex,
            people.partners,
            "SAM-THANKS-ALEX: dinner was a gift",
            3,
            acts=["lightened-load", "noticed"],
        ),
        thank(people.robin, people.alex, people.friends, "ROBIN-THANKS-ALEX: the belay", 1),
        thank(people.alex, people.robin, people.friends, "ALEX-THANKS-ROBIN: calm up there", 2),
    )


ALL_TEXTS = (
    "ALEX-THANKS-SAM",
    "SAM-THANKS-ALEX",
    "ROBIN-THANKS-ALEX",
    "ALEX-THANKS-ROBIN",
)


def page(people: Personas, persona: str, query: str = "") -> str:
    response = people.client(persona).get(URL + query)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def words(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def shown(text: str) -> list[str]:
    """The marker texts on a page, in the order they appear."""
    return [m for m in re.findall(r"[A-Z]+-THANKS-[A-Z]+", text)]


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, world: World) -> None:
    response = people.client("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


@pytest.mark.parametrize(
    ("persona", "mine"),
    [
        ("alex", ["ROBIN-THANKS-ALEX", "SAM-THANKS-ALEX"]),
        ("sam", ["ALEX-THANKS-SAM"]),
        ("robin", ["ALEX-THANKS-ROBIN"]),
        ("olive", []),
    ],
)
def test_each_person_sees_only_the_thank_yous_sent_to_them_newest_first(
    people: Personas, world: World, persona: str, mine: list[str]
) -> None:
    text = page(people, persona)
    assert shown(text) == mine
    if not mine:
        assert "No thank-yous yet." in text


@pytest.mark.parametrize(
    ("persona", "mine"),
    [
        ("alex", ["ALEX-THANKS-ROBIN", "ALEX-THANKS-SAM"]),
        ("sam", ["SAM-THANKS-ALEX"]),
        ("robin", ["ROBIN-THANKS-ALEX"]),
        ("olive", []),
    ],
)
def test_the_sent_view_lists_only_what_i_wrote(
    people: Personas, world: World, persona: str, mine: list[str]
) -> None:
    text = page(people, persona, "?show=sent")
    assert shown(text) == mine
    assert 'aria-current="page">You sent' in text


def test_a_received_thank_you_shows_who_where_and_the_small_acts(
    people: Personas, world: World
) -> None:
    text = words(page(people, "alex"))
    assert "You took something off my plate You noticed how I was" in text
    assert "SAM-THANKS-ALEX: dinner was a gift From Sam · Alex & Sam · 3 hours ago" in text


def test_the_small_acts_stay_separate_words_without_styles(people: Personas, world: World) -> None:
    # Copying the note, reader mode, or a page whose stylesheet hasn't loaded reads the bare text:
    # the chips must not run together into "…off my plateYou noticed…".
    bare = " ".join(re.sub(r"<[^>]+>", "", page(people, "alex")).split())
    assert "You took something off my plate You noticed how I was" in bare


def test_a_sent_thank_you_says_who_it_went_to(people: Personas, world: World) -> None:
    text = words(page(people, "sam", "?show=sent"))
    assert "To Alex · Alex & Sam" in text


def test_favourites_for_hard_days_lists_only_what_i_kept(people: Personas, world: World) -> None:
    Favourite.objects.create(person=people.alex, appreciation=world.sam_to_alex)

    text = page(people, "alex", "?show=favourites")

    assert shown(text) == ["SAM-THANKS-ALEX"]
    assert "Only you can see what you keep here." in text
    assert "Kept for hard days" in text
    assert 'aria-pressed="true"' in text


def test_with_nothing_kept_the_favourites_view_says_how_to_keep_one(
    people: Personas, world: World
) -> None:
    text = page(people, "alex", "?show=favourites")
    assert shown(text) == []
    assert "Nothing kept yet." in text


def test_someone_elses_favourite_never_shows_in_my_lists(people: Personas, world: World) -> None:
    # Sam keeps Alex's thank-you; Alex (its author) sees no sign of it anywhere on /thanks/.
    Favourite.objects.create(person=people.sam, appreciation=world.alex_to_sam)
    for query in ("", "?show=sent", "?show=favourites"):
        text = page(people, "alex", query)
        assert "Kept for hard days" not in text
        assert 'aria-pressed="true"' not in text
    assert shown(page(people, "alex", "?show=favourites")) == []


def test_the_keep_button_is_only_on_thank_yous_to_me(people: Personas, world: World) -> None:
    received = page(people, "alex")
    sent = page(people, "alex", "?show=sent")
    assert received.count("Keep for hard days") == 2
    assert reverse("thanks_favourite", args=[world.sam_to_alex.pk]) in received
    assert "Keep for hard days" not in sent
    assert "thanks_favourite" not in sent and "/favourite/" not in sent


def test_an_unknown_view_falls_back_to_what_was_sent_to_me(people: Personas, world: World) -> None:
    assert shown(page(people, "alex", "?show=everything")) == [
        "ROBIN-THANKS-ALEX",
        "SAM-THANKS-ALEX",
    ]


def test_a_thank_you_from_someone_who_left_the_circle_goes_with_them(
    people: Personas, world: World
) -> None:
    Favourite.objects.create(person=people.alex, appreciation=world.sam_to_alex)
    Membership.objects.filter(person=people.sam, circle=people.partners).update(
        left_at=timezone.now()
    )
    assert "SAM-THANKS-ALEX" not in page(people, "alex")
    assert "SAM-THANKS-ALEX" not in page(people, "alex", "?show=favourites")


def test_another_member_of_the_circle_does_not_get_it_on_their_thanks_page(
    people: Personas, world: World
) -> None:
    # A thank-you is shared with its circle (the circle page shows it to everyone there), but
    # /thanks/ is personal: it lists what was sent to me and what I sent.
    Membership.objects.create(
        circle=people.partners, person=people.olive, joined_at=timezone.now() - timedelta(days=1)
    )
    for query in ("", "?show=sent", "?show=favourites"):
        assert shown(page(people, "olive", query)) == []


def test_a_thank_you_after_a_repair_links_to_it_when_i_can_see_it(
    people: Personas, world: World
) -> None:
    rupture = Rupture.objects.create(
        author=people.sam,
        circle=people.partners,
        title="The Saturday plans",
        status=Rupture.Status.CLOSED,
        closed_at=timezone.now(),
        created_at=timezone.now() - timedelta(days=2),
    )
    Appreciation.objects.filter(pk=world.sam_to_alex.pk).update(rupture=rupture)

    text = words(page(people, "alex"))
    assert "after repairing The Saturday plans" in text
    assert reverse("rupture", args=[rupture.pk]) in page(people, "alex")

    # Once the rupture is hidden from Alex (Sam withdrew it), its title goes too.
    Rupture.objects.filter(pk=rupture.pk).update(withdrawn_at=timezone.now())
    assert "The Saturday plans" not in page(people, "alex")


def test_a_thank_you_after_feeling_heard_says_so(people: Personas, world: World) -> None:
    from hearthside.practice.models import Reply, Share

    share = Share.objects.create(author=people.sam, circle=people.partners, text="Hard day")
    reply = Reply.objects.create(share=share, author=people.alex, reflect="Heavy")
    Appreciation.objects.filter(pk=world.sam_to_alex.pk).update(reply=reply)

    assert "for listening" in words(page(people, "alex"))
    assert "after you felt heard" in words(page(people, "sam", "?show=sent"))


def test_it_pages_older_thank_yous_without_repeating_any(people: Personas) -> None:
    from hearthside.practice import thanks_views

    Membership.objects.update(joined_at=timezone.now() - timedelta(days=30))
    for n in range(thanks_views.PAGE + 5):
        thank(people.sam, people.alex, people.partners, f"SAM-THANKS-ALEX{n:03d}", n + 1)
    # Two at the very same moment, on the page boundary: neither is lost or repeated.
    Appreciation.objects.filter(text__in=["SAM-THANKS-ALEX029", "SAM-THANKS-ALEX030"]).update(
        created_at=timezone.now() - timedelta(hours=30)
    )

    first = page(people, "alex")
    seen = re.findall(r"SAM-THANKS-ALEX\d{3}", first)
    assert len(seen) == thanks_views.PAGE
    older = re.search(r'href="(\?show=received&before=\d+)"', first)
    assert older, "no link to older thank-yous"
    second = page(people, "alex", older.group(1))
    more = re.findall(r"SAM-THANKS-ALEX\d{3}", second)
    assert sorted(seen + more) == sorted(f"SAM-THANKS-ALEX{n:03d}" for n in range(35))
    assert "Older thank-yous" not in second


def test_a_cursor_i_cannot_see_starts_from_the_top(people: Personas, world: World) -> None:
    assert shown(page(people, "sam", f"?before={world.alex_to_robin.pk}")) == ["ALEX-THANKS-SAM"]
    assert shown(page(people, "sam", "?before=nonsense")) == ["ALEX-THANKS-SAM"]


def test_the_page_offers_to_say_thank_you(people: Personas, world: World) -> None:
    assert reverse("thanks_new") in page(people, "sam")
    # Olive has no circle, so there is no one to thank yet.
    assert reverse("thanks_new") not in page(people, "olive")


def test_the_page_stays_a_few_queries_however_many_thank_yous(
    people: Personas, world: World, django_assert_max_num_queries: Any
) -> None:
    for n in range(20):
        thank(people.sam, people.alex, people.partners, f"more {n}", 10 + n)
    client = people.client("alex")
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(8):
        client.get(URL)
