"""Taking back a thank-you I sent: like every entry, it can be withdrawn. Only its author can;
afterwards nobody else sees it anywhere (the recipient's lists, favourites, Today, the circle
page, the API), the recipient's "kept" mark goes with it, and the author still sees it, marked."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from hearthside.api.tests.helpers import auth
from hearthside.circles.models import Membership
from hearthside.practice import acts
from hearthside.practice.actions import NotAllowed
from hearthside.practice.models import Appreciation, Favourite

WORDS = "SAM-THANKS-ALEX: you made space for me"


@pytest.fixture
def thanks(people: Personas) -> Appreciation:
    # Robin is a third member of Alex & Sam, to check a circle-mate stops seeing it too.
    Membership.objects.create(
        circle=people.partners, person=people.robin, joined_at=timezone.now() - timedelta(days=9)
    )
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=30))
    return Appreciation.objects.create(
        author=people.sam,
        recipient=people.alex,
        circle=people.partners,
        text=WORDS,
        acts=["made-space"],
        created_at=timezone.now() - timedelta(hours=2),
    )


def url(appreciation: Appreciation) -> str:
    return reverse("thanks_take_back", args=[appreciation.pk])


def text(people: Personas, persona: str, path: str) -> str:
    response = people.client(persona).get(path)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def everywhere_alex_looks(people: Personas) -> list[str]:
    return [
        text(people, "alex", reverse("thanks")),
        text(people, "alex", reverse("thanks") + "?show=favourites"),
        text(people, "alex", reverse("home")),
        text(people, "alex", reverse("circle", args=[people.partners.pk])),
    ]


def test_the_author_takes_it_back_and_sees_it_marked(
    people: Personas, thanks: Appreciation
) -> None:
    sent = text(people, "sam", reverse("thanks") + "?show=sent")
    assert "Take it back" in sent

    response = people.client("sam").post(url(thanks))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('thanks')}?show=sent#thanks-{thanks.pk}"
    thanks.refresh_from_db()
    assert thanks.withdrawn_at is not None
    sent = text(people, "sam", response["Location"])
    assert "Taken back. Only you can see it now." in sent
    assert WORDS in sent
    assert "Taken back — only you can see this" in sent
    assert "Take it back" not in sent


def test_the_recipient_and_the_circle_no_longer_see_it(
    people: Personas, thanks: Appreciation
) -> None:
    # A low-mood check-in, so Today would bring a kept note back.
    people.alex.checkin_entries.create(mood=1)
    acts.set_favourite(people.alex, thanks, keep=True)
    assert all(WORDS in page for page in everywhere_alex_looks(people))
    assert WORDS in text(people, "robin", reverse("circle", args=[people.partners.pk]))

    people.client("sam").post(url(thanks))

    assert not any(WORDS in page for page in everywhere_alex_looks(people))
    assert WORDS not in text(people, "robin", reverse("circle", args=[people.partners.pk]))
    api = people.client("alex").get("/api/v1/appreciations/received", **auth(people.alex))
    assert api.status_code == 200
    assert api.json() == []


def test_the_kept_mark_goes_with_it(people: Personas, thanks: Appreciation) -> None:
    acts.set_favourite(people.alex, thanks, keep=True)

    people.client("sam").post(url(thanks))

    assert not Favourite.objects.exists()


def test_taking_it_back_looks_the_same_whether_or_not_it_was_kept(
    people: Personas, thanks: Appreciation
) -> None:
    other = Appreciation.objects.create(
        author=people.sam,
        recipient=people.alex,
        circle=people.partners,
        text="ANOTHER",
        acts=thanks.acts,
        created_at=thanks.created_at,
    )
    acts.set_favourite(people.alex, thanks, keep=True)

    kept = people.client("sam").post(url(thanks))
    not_kept = people.client("sam").post(url(other))

    assert kept.status_code == not_kept.status_code == 302
    page = text(people, "sam", reverse("thanks") + "?show=sent")

    def item(appreciation: Appreciation) -> str:
        found = re.search(rf'<article[^>]*id="thanks-{appreciation.pk}".*?</article>', page, re.S)
        assert found
        words = found.group().replace(appreciation.text, "…")
        # Its id, in its anchor and its links, is the one thing that may differ.
        return re.sub(rf"(thanks-|/){appreciation.pk}\b", r"\1#", words)

    assert item(thanks) == item(other)


@pytest.mark.parametrize("persona", ["alex", "robin", "olive"])
def test_nobody_else_can_take_it_back_not_even_its_recipient(
    people: Personas, thanks: Appreciation, persona: str
) -> None:
    response = people.client(persona).post(url(thanks))

    assert response.status_code == 404
    thanks.refresh_from_db()
    assert thanks.withdrawn_at is None


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, thanks: Appreciation) -> None:
    response = people.client("anonymous").post(url(thanks))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    thanks.refresh_from_db()
    assert thanks.withdrawn_at is None


def test_it_only_answers_post(people: Personas, thanks: Appreciation) -> None:
    assert people.client("sam").get(url(thanks)).status_code == 405


def test_taking_it_back_twice_keeps_the_first_moment(
    people: Personas, thanks: Appreciation
) -> None:
    people.client("sam").post(url(thanks))
    thanks.refresh_from_db()
    first = thanks.withdrawn_at

    response = people.client("sam").post(url(thanks))

    assert response.status_code == 302
    thanks.refresh_from_db()
    assert thanks.withdrawn_at == first


def test_the_action_refuses_anyone_but_the_author(people: Personas, thanks: Appreciation) -> None:
    with pytest.raises(NotAllowed):
        acts.take_back(people.alex, thanks)
