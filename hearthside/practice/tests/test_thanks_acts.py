"""The small acts vocabulary and the rules `acts.send` and `acts.set_favourite` keep whoever
calls them (pages and API alike)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import Personas
from hearthside.circles.models import Membership
from hearthside.practice import acts
from hearthside.practice.models import Appreciation, Favourite
from hearthside.repair.models import Rupture


def test_act_slugs_are_unique_and_storable() -> None:
    slugs = [act.slug for act in acts.ACTS]
    assert len(slugs) == len(set(slugs)) >= 10
    # Stored in a WordsField: no spaces, nothing that needs escaping.
    assert all(slug == slug.lower() and " " not in slug and slug.isascii() for slug in slugs)


def test_act_words_speak_to_the_person_thanked() -> None:
    labels = [str(act.label) for act in acts.ACTS]
    assert len(labels) == len(set(labels))
    assert all(label.startswith("You ") for label in labels)
    for wanted in ("You listened", "You followed through", "You made space for me"):
        assert wanted in labels


def test_an_act_no_longer_in_the_list_still_reads_as_itself() -> None:
    assert acts.act_label("listened") == "You listened"
    assert acts.act_label("brought-soup") == "brought soup"


def test_a_thank_you_shows_its_acts_in_words(people: Personas) -> None:
    thanks = Appreciation(acts=["stayed-calm", "made-me-laugh"])
    assert thanks.act_labels == ["You stayed calm", "You made me laugh"]


def _send(people: Personas, **kw: object) -> Appreciation:
    fields: dict[str, object] = {
        "circle": people.partners,
        "recipient": people.sam,
        "text": "Thank you",
    }
    fields.update(kw)
    return acts.send(people.alex, **fields)  # type: ignore[arg-type]


def test_send_keeps_known_acts_once_in_order(people: Personas) -> None:
    thanks = _send(people, acts=["noticed", "nonsense", "listened", "noticed"], text="  Hi  ")
    assert thanks.acts == ["noticed", "listened"]
    assert thanks.text == "Hi"


def test_send_needs_an_act_or_a_word(people: Personas) -> None:
    with pytest.raises(acts.Empty):
        _send(people, text="  ", acts=["nonsense"])


@pytest.mark.parametrize(
    "change",
    [
        {"recipient": "alex"},  # myself
        {"recipient": "robin"},  # not in the partners circle
        {"circle": "friends"},  # Sam is not in the friends circle
    ],
)
def test_send_refuses_anyone_outside_the_circle(people: Personas, change: dict[str, str]) -> None:
    kw = {key: getattr(people, value) for key, value in change.items()}
    with pytest.raises(acts.NotAllowed):
        _send(people, **kw)
    assert not Appreciation.objects.exists()


def test_send_after_a_repair_only_once_it_is_closed_and_in_its_circle(people: Personas) -> None:
    rupture = Rupture.objects.create(author=people.alex, circle=people.partners, title="Plans")
    with pytest.raises(acts.NotAllowed):
        _send(people, rupture=rupture)
    Rupture.objects.filter(pk=rupture.pk).update(status="closed", closed_at=timezone.now())
    rupture.refresh_from_db()
    with pytest.raises(acts.NotAllowed):
        _send(people, circle=people.friends, recipient=people.robin, rupture=rupture)
    assert _send(people, rupture=rupture).rupture == rupture


def test_only_the_recipient_can_keep_a_thank_you(people: Personas) -> None:
    thanks = _send(people)
    for other in (people.alex, people.robin):
        with pytest.raises(acts.NotAllowed):
            acts.set_favourite(other, thanks, True)
    assert acts.set_favourite(people.sam, thanks, True) is True
    assert acts.set_favourite(people.sam, thanks, True) is True
    assert Favourite.objects.count() == 1
    assert acts.set_favourite(people.sam, thanks, False) is False
    assert not Favourite.objects.exists()


def test_received_marks_only_my_own_favourites(people: Personas) -> None:
    thanks = _send(people)
    acts.set_favourite(people.sam, thanks, True)
    assert [a.favourite for a in acts.received(people.sam)] == [True]  # type: ignore[attr-defined]
    assert list(acts.favourites(people.sam)) == [thanks]
    # Nothing of this reaches the author's side.
    assert list(acts.favourites(people.alex)) == []
    assert not hasattr(acts.sent(people.alex).get(), "favourite")


def test_a_person_deleted_takes_their_favourites_with_them(people: Personas) -> None:
    thanks = _send(people)
    acts.set_favourite(people.sam, thanks, True)
    people.sam.delete()
    assert not Favourite.objects.exists()
    assert not Appreciation.objects.exists()


def test_favourites_go_when_the_thank_you_goes(people: Personas) -> None:
    thanks = _send(people)
    acts.set_favourite(people.sam, thanks, True)
    people.alex.delete()
    assert not Favourite.objects.exists()


def test_visible_ruptures_names_only_repairs_i_can_see(people: Personas) -> None:
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=1))
    rupture = Rupture.objects.create(
        author=people.alex,
        circle=people.partners,
        title="Plans",
        status="closed",
        closed_at=timezone.now(),
        created_at=timezone.now() - timedelta(hours=1),
    )
    thanks = _send(people, rupture=rupture)
    assert acts.visible_ruptures(people.sam, [thanks]) == {rupture.pk: rupture}
    assert acts.visible_ruptures(people.robin, [thanks]) == {}
    assert acts.visible_ruptures(people.sam, []) == {}
