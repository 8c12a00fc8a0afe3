"""My private reflection on a rupture: only I can see it, until I choose to share a part of it;
then the others see just that part, and unticking takes it back."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.repair import actions, steps
from hearthside.repair.models import Draft, Reflection, Rupture

FULL: dict[str, Any] = {
    "feelings": ["hurt", "lonely"],
    "reality": "ALEX REALITY: I saw the plans change and I needed to be asked.",
    "triggers": "ALEX TRIGGER: being the one left out at school.",
    "my_part": "ALEX PART: I was exhausted and went quiet instead of saying so.",
    "unmet_needs": ["to-be-heard"],
    "unmet_note": "ALEX NOTE: I wanted my say.",
}
PRIVATE_NOTE = "Only you can see this until you share a part."


@pytest.fixture
def rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The Saturday plans")


def url(rupture: Rupture) -> str:
    return reverse("rupture_reflection", args=[rupture.pk])


def html_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def text_of(response: Any) -> str:
    words = re.sub(r"<[^>]+>", "", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(words))


def sams_view(people: Personas, rupture: Rupture) -> str:
    return html_of(people.client("sam").get(reverse("rupture", args=[rupture.pk])))


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_only_answers_get_and_post(people: Personas, rupture: Rupture, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(rupture)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas, rupture: Rupture) -> None:
    client = people.client("anonymous")

    for response in (client.get(url(rupture)), client.post(url(rupture), FULL)):
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={url(rupture)}"
    assert not Reflection.objects.exists()


@pytest.mark.parametrize("persona", ["robin", "olive"])
def test_people_outside_the_circle_get_not_found(
    people: Personas, rupture: Rupture, persona: str
) -> None:
    client = people.client(persona)

    hidden = client.get(url(rupture))
    missing = client.get(reverse("rupture_reflection", args=[987_654]))
    posted = client.post(url(rupture), FULL)

    assert hidden.status_code == posted.status_code == 404
    assert hidden.content == missing.content
    assert not Reflection.objects.exists()


def test_the_page_says_plainly_that_it_is_private(people: Personas, rupture: Rupture) -> None:
    response = people.client("sam").get(url(rupture))

    assert response.status_code == 200
    page = text_of(response)
    assert PRIVATE_NOTE in page
    for label in ("What I felt", "My reality", "What it touched from before", "My part"):
        assert label in page
    assert "The need that went unmet" in page
    assert "Share what I felt" in page
    assert "Share my reality" in page


def test_a_member_saves_a_private_reflection(people: Personas, rupture: Rupture) -> None:
    response = people.client("alex").post(url(rupture), FULL, follow=True)

    reflection = Reflection.objects.get()
    assert (reflection.rupture, reflection.author) == (rupture, people.alex)
    assert reflection.feelings == ["hurt", "lonely"]
    assert reflection.reality == FULL["reality"]
    assert reflection.unmet_needs == ["to-be-heard"]
    assert reflection.shared_parts == []
    assert response.redirect_chain == [(reverse("rupture", args=[rupture.pk]), 302)]
    assert "Saved. Only you can see it." in text_of(response)


def test_sams_page_never_shows_alexs_unshared_parts(people: Personas, rupture: Rupture) -> None:
    people.client("alex").post(url(rupture), FULL)

    for page in (
        sams_view(people, rupture),
        html_of(people.client("sam").get(url(rupture))),
        html_of(people.client("sam").get(reverse("ruptures"))),
    ):
        for secret in ("ALEX REALITY", "ALEX TRIGGER", "ALEX PART", "ALEX NOTE"):
            assert secret not in page


def test_a_shared_part_appears_for_the_others_and_nothing_else(
    people: Personas, rupture: Rupture
) -> None:
    response = people.client("alex").post(
        url(rupture), FULL | {"share_reality": "on", "share_feelings": "on"}, follow=True
    )

    assert "The parts you ticked are shared with Alex & Sam" in text_of(response)
    page = sams_view(people, rupture)
    assert FULL["reality"] in page
    assert "lonely" in page
    for secret in ("ALEX TRIGGER", "ALEX PART", "ALEX NOTE"):
        assert secret not in page


def test_sharing_the_unmet_need_shares_its_note_too(people: Personas, rupture: Rupture) -> None:
    people.client("alex").post(url(rupture), FULL | {"share_unmet_needs": "on"})

    page = sams_view(people, rupture)

    assert "to be heard" in page
    assert "ALEX NOTE: I wanted my say." in page
    assert "ALEX REALITY" not in page


def test_unticking_a_part_takes_it_back(people: Personas, rupture: Rupture) -> None:
    client = people.client("alex")
    client.post(url(rupture), FULL | {"share_reality": "on"})
    assert "ALEX REALITY" in sams_view(people, rupture)

    client.post(url(rupture), FULL)

    assert "ALEX REALITY" not in sams_view(people, rupture)
    assert Reflection.objects.get().shared_parts == []


def test_robin_never_sees_a_shared_part_of_the_partners_rupture(
    people: Personas, rupture: Rupture
) -> None:
    people.client("alex").post(url(rupture), FULL | {"share_reality": "on"})

    assert people.client("robin").get(reverse("rupture", args=[rupture.pk])).status_code == 404
    assert "ALEX REALITY" not in html_of(people.client("robin").get(reverse("ruptures")))


def test_my_reflection_comes_back_as_i_left_it(people: Personas, rupture: Rupture) -> None:
    people.client("alex").post(url(rupture), FULL | {"share_triggers": "on"})

    page = html_of(people.client("alex").get(url(rupture)))

    assert FULL["reality"] in page
    assert 'value="hurt" checked' in page
    assert re.search(r'name="share_triggers"[^>]*checked', page)
    assert not re.search(r'name="share_reality"[^>]*checked', page)


def test_sams_reflection_page_is_sams_own(people: Personas, rupture: Rupture) -> None:
    people.client("alex").post(url(rupture), FULL | {"share_reality": "on"})

    page = html_of(people.client("sam").get(url(rupture)))

    assert "ALEX REALITY" not in page
    assert 'value="hurt" checked' not in page


def test_an_empty_reflection_gets_a_gentle_message(people: Personas, rupture: Rupture) -> None:
    response = people.client("alex").post(url(rupture), {"reality": "   "})

    assert response.status_code == 200
    assert "Write or pick at least one thing — even one feeling is a start." in text_of(response)
    assert not Reflection.objects.exists()


def test_sharing_an_empty_part_is_refused_and_the_rest_is_kept(
    people: Personas, rupture: Rupture
) -> None:
    response = people.client("alex").post(
        url(rupture), {"reality": "ALEX REALITY typed", "share_triggers": "on"}
    )

    page = text_of(response)
    assert "There's nothing in this part to share yet." in page
    assert "ALEX REALITY typed" in page
    assert not Reflection.objects.exists()


def test_a_word_not_on_the_list_is_refused_and_the_text_is_kept(
    people: Personas, rupture: Rupture
) -> None:
    response = people.client("alex").post(
        url(rupture), {"feelings": ["abandoned-by-you"], "reality": "ALEX REALITY typed"}
    )

    page = text_of(response)
    assert "“abandoned-by-you” isn't one of the words on the list." in page
    assert "ALEX REALITY typed" in page
    assert not Reflection.objects.exists()


def test_text_that_is_too_long_is_refused_and_kept(people: Personas, rupture: Rupture) -> None:
    long_text = "so much " * 700

    response = people.client("alex").post(url(rupture), {"reality": long_text})

    assert "please keep it under 5000 characters" in text_of(response)
    assert long_text.strip() in html_of(response)
    assert not Reflection.objects.exists()


def test_a_half_written_reflection_comes_back_from_its_draft(
    people: Personas, rupture: Rupture
) -> None:
    Draft.objects.create(
        author=people.alex,
        key=f"rupture:{rupture.pk}:reflection",
        data={"reality": "DRAFTED BUT NOT SAVED"},
    )

    assert "DRAFTED BUT NOT SAVED" in html_of(people.client("alex").get(url(rupture)))
    assert "DRAFTED BUT NOT SAVED" not in html_of(people.client("sam").get(url(rupture)))

    people.client("alex").post(url(rupture), FULL)

    assert not Draft.objects.filter(author=people.alex).exists()


def test_a_closed_rupture_keeps_the_reflection_as_it_was(
    people: Personas, rupture: Rupture
) -> None:
    people.client("alex").post(url(rupture), FULL)
    for step in steps.STEPS:
        for person in (people.alex, people.sam):
            rupture.turns.create(author=person, step=step, text="done")
    actions.mark_closure(people.alex, rupture, trust=True)
    actions.mark_closure(people.sam, rupture, trust=True)

    page = text_of(people.client("alex").get(url(rupture)))
    response = people.client("alex").post(url(rupture), FULL | {"reality": "A rewrite"})

    assert "your reflection is kept as it was" in page
    assert FULL["reality"] in page
    assert response.status_code == 200
    assert "This repair is closed; its summary is kept as it was." in text_of(response)
    assert Reflection.objects.get().reality == FULL["reality"]
