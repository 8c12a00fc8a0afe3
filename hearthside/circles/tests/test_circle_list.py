"""The circles page: the circles I'm in, and the form to start a new one."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from hearthside.circles.actions import leave_circle
from hearthside.circles.models import Circle, Membership

URL = "/circles/"


def page(response: Any) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def checked_kind(text: str) -> str | None:
    """The value of the radio button that is selected for "Who is it for?"."""
    for tag in re.findall(r'<input type="radio" name="kind"[^>]*>', text):
        if re.search(r"\bchecked\b", tag):
            return re.search(r'value="([^"]*)"', tag).group(1)  # type: ignore[union-attr]
    return None


def members_line(text: str, circle: str) -> str:
    """What the list says about who is in `circle`, e.g. "Alex, Sam"."""
    pattern = rf'>{re.escape(circle)}</a></h2>\s*<p class="meta">[^·<]*· ([^<]*)</p>'
    match = re.search(pattern, text)
    assert match, f"{circle} is listed"
    return match.group(1)


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_refuses_other_methods(people, method):
    response = getattr(people.client("alex"), method)(URL)
    assert response.status_code == 405


def test_it_sends_anonymous_visitors_to_sign_in(people):
    response = people.client("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_it_does_not_let_anonymous_visitors_create_a_circle(people):
    response = people.client("anonymous").post(URL, {"name": "Sneaky", "kind": "friends"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Circle.objects.filter(name="Sneaky").exists()


def test_it_lists_my_circles_with_their_members(people):
    text = page(people.client("alex").get(URL))
    assert "Alex & Sam" in text
    assert "Climbing friends" in text
    # Membership has no ordering, so only who is listed matters, not in which order.
    assert sorted(members_line(text, "Alex & Sam").split(", ")) == ["Alex", "Sam"]
    assert sorted(members_line(text, "Climbing friends").split(", ")) == ["Alex", "Robin"]


def test_it_hides_circles_i_am_not_in(people):
    text = page(people.client("sam").get(URL))
    assert "Alex & Sam" in text
    assert "Climbing friends" not in text
    assert "Robin" not in text


def test_it_shows_the_outsider_no_circles_at_all(people):
    text = page(people.client("olive").get(URL))
    assert "You're not in any circle yet." in text
    assert "Alex & Sam" not in text
    assert "Climbing friends" not in text


def test_it_hides_a_circle_i_left(people):
    leave_circle(people.sam, people.partners)
    text = page(people.client("sam").get(URL))
    assert "Alex & Sam" not in text
    assert "You're not in any circle yet." in text


def test_it_leaves_out_members_who_left(people):
    leave_circle(people.robin, people.friends)
    text = page(people.client("alex").get(URL))
    assert "Climbing friends" in text
    assert "Robin" not in text


def test_it_lists_the_remaining_members_without_a_stray_comma(people):
    leave_circle(people.robin, people.friends)
    text = page(people.client("alex").get(URL))
    assert members_line(text, "Climbing friends") == "Alex"


def test_creating_a_circle_makes_me_its_only_member_and_opens_it(people):
    response = people.client("olive").post(URL, {"name": "  Garden club ", "kind": "friends"})
    circle = Circle.objects.get(name="Garden club")
    assert response.status_code == 302
    assert response["Location"] == f"/circles/{circle.pk}/"
    assert circle.kind == "friends"
    assert circle.created_by == people.olive
    assert list(
        Membership.objects.active().filter(circle=circle).values_list("person", flat=True)
    ) == [people.olive.pk]


def test_creating_a_circle_welcomes_me_on_its_page(people):
    response = people.client("olive").post(
        URL, {"name": "Garden club", "kind": "friends"}, follow=True
    )
    text = page(response)
    assert "Your circle is ready. Invite someone to join you." in text
    assert "<h1>Garden club</h1>" in text
    assert "Olive (you)" in text


def test_the_new_circle_appears_only_in_my_list(people):
    people.client("olive").post(URL, {"name": "Garden club", "kind": "family"})
    assert "Garden club" in page(people.client("olive").get(URL))
    assert "Garden club" not in page(people.client("alex").get(URL))


def test_an_empty_name_gets_a_kind_message_and_keeps_my_choice(people):
    response = people.client("olive").post(URL, {"name": "   ", "kind": "family"})
    text = page(response)
    assert response.status_code == 200
    assert "Give your circle a name — you can change it later." in text
    assert "Everything you wrote is still here." in text
    assert checked_kind(text) == "family"
    assert not Circle.objects.filter(created_by=people.olive).exists()


def test_a_missing_kind_keeps_the_name_i_typed(people):
    response = people.client("olive").post(URL, {"name": "Garden club", "kind": "strangers"})
    text = page(response)
    assert response.status_code == 200
    assert 'value="Garden club"' in text
    assert "Select a valid choice." in text
    assert not Circle.objects.filter(name="Garden club").exists()
