"""Every persona against every boundaries page: exactly the status the privacy rule allows, a
refused request changes nothing, and no page carries words its reader may not see.

Alex's shared boundary is for Alex & Sam, the friends one for Alex & Robin; private ones are
their author's alone; Olive shares no circle with anyone. Changing, reviewing and retiring are
the author's alone: to everyone else — the partner who can read it included — those pages do not
exist (404), exactly like a boundary that was never written. Signed-out visitors are sent to
sign in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.boundaries.models import Acknowledgement, Boundary, BoundaryVersion, Review
from hearthside.boundaries.tests.conftest import Bounds, leaks

PEOPLE = ["alex", "sam", "robin", "olive"]
PERSONAS = [*PEOPLE, "anonymous"]
MISSING = 999_999


@dataclass(frozen=True)
class Page:
    method: str
    name: str
    of: str | None  # which boundary (a Bounds attribute, or "missing"), if any
    expect: dict[str, int]
    data: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.name}({self.of or ''})"


def only(status: int, who: set[str], others: int = 404) -> dict[str, int]:
    return {p: status if p in who else others for p in PEOPLE}


WORDS = {"need": "New words", "why": "", "helps": "", "review_every": "3"}

PAGES = [
    Page("get", "boundaries", None, only(200, set(PEOPLE))),
    Page("get", "boundary_new", None, only(200, set(PEOPLE))),
    Page("post", "boundary_new", None, only(302, set(PEOPLE)), {**WORDS, "circle": ""}),
    # Sharing with a circle that isn't yours is a form error on your own form, not a 404.
    Page(
        "post",
        "boundary_new",
        None,
        only(302, {"alex", "sam"}, 200),
        {**WORDS, "circle": "{partners}"},
    ),
    Page("get", "boundary", "alex_shared", only(200, {"alex", "sam"})),
    Page("get", "boundary", "alex_private", only(200, {"alex"})),
    Page("get", "boundary", "alex_friends", only(200, {"alex", "robin"})),
    Page("get", "boundary", "sam_shared", only(200, {"alex", "sam"})),
    Page("get", "boundary", "sam_private", only(200, {"sam"})),
    Page("get", "boundary", "missing", only(200, set())),
    Page("get", "boundary_edit", "alex_shared", only(200, {"alex"})),
    Page("get", "boundary_edit", "sam_private", only(200, {"sam"})),
    Page("get", "boundary_edit", "missing", only(200, set())),
    Page(
        "post",
        "boundary_edit",
        "alex_shared",
        only(302, {"alex"}),
        {**WORDS, "circle": "{partners}"},
    ),
    Page("post", "boundary_edit", "alex_friends", only(302, {"alex"}), {**WORDS, "circle": ""}),
    Page("post", "boundary_edit", "sam_private", only(302, {"sam"}), {**WORDS, "circle": ""}),
    Page("get", "boundary_review", "alex_shared", only(200, {"alex"})),
    Page("get", "boundary_review", "sam_private", only(200, {"sam"})),
    Page(
        "post", "boundary_review", "alex_shared", only(302, {"alex"}), {**WORDS, "decision": "keep"}
    ),
    Page(
        "post",
        "boundary_review",
        "alex_friends",
        only(302, {"alex"}),
        {**WORDS, "decision": "retire"},
    ),
    Page(
        "post", "boundary_review", "sam_shared", only(302, {"sam"}), {**WORDS, "decision": "change"}
    ),
    Page("post", "boundary_review", "missing", only(302, set()), {**WORDS, "decision": "keep"}),
    # Members acknowledge; the author has nothing to acknowledge (409); others can't see it.
    Page("post", "boundary_acknowledge", "alex_shared", {**only(302, {"sam"}), "alex": 409}),
    Page("post", "boundary_acknowledge", "alex_friends", {**only(302, {"robin"}), "alex": 409}),
    Page("post", "boundary_acknowledge", "sam_shared", {**only(302, {"alex"}), "sam": 409}),
    Page("post", "boundary_acknowledge", "alex_private", {**only(404, set()), "alex": 409}),
    Page("post", "boundary_acknowledge", "missing", only(302, set())),
]


def _url(page: Page, bounds: Bounds) -> str:
    if page.of is None:
        return reverse(page.name)
    pk = MISSING if page.of == "missing" else getattr(bounds, page.of).pk
    return reverse(page.name, args=[pk])


def _state() -> list[Any]:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Boundary, BoundaryVersion, Review, Acknowledgement)
    ]


CASES = [
    pytest.param(persona, page, id=f"{persona}-{page.label}-{i}")
    for i, page in enumerate(PAGES)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("persona", "page"), CASES)
def test_each_persona_gets_exactly_what_the_privacy_rule_allows(
    people: Personas, bounds: Bounds, persona: str, page: Page
) -> None:
    before = _state()
    data = {k: str(people.partners.pk) if v == "{partners}" else v for k, v in page.data.items()}
    client = people.client(persona)
    url = _url(page, bounds)
    response = client.post(url, data) if page.method == "post" else client.get(url)

    body = response.content.decode()
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert _state() == before
    else:
        expected = page.expect[persona]
        assert response.status_code == expected, body[:500]
        if expected in (404, 409) or (page.name == "boundary_new" and expected == 200):
            assert _state() == before, "a refused request changed something"
    assert leaks(persona, body) == []


def test_the_matrix_covers_every_boundaries_page() -> None:
    from hearthside.boundaries import urls

    assert {p.name for p in urls.urlpatterns} == {page.name for page in PAGES}


@pytest.mark.parametrize(
    ("name", "methods"),
    [
        ("boundaries", ["post", "put", "delete"]),
        ("boundary_new", ["put", "delete"]),
        ("boundary", ["post", "put", "delete"]),
        ("boundary_edit", ["put", "delete"]),
        ("boundary_review", ["put", "delete"]),
        ("boundary_acknowledge", ["get", "put", "delete"]),
    ],
)
def test_pages_answer_only_their_methods(
    people: Personas, bounds: Bounds, name: str, methods: list[str]
) -> None:
    args = [] if name in ("boundaries", "boundary_new") else [bounds.alex_shared.pk]
    for method in methods:
        response = getattr(people.client("alex"), method)(reverse(name, args=args))
        assert response.status_code == 405, (name, method)


@pytest.mark.parametrize(("persona", "visible"), [("robin", {"alex_friends"}), ("olive", set())])
def test_guessing_ids_finds_only_boundaries_i_may_see(
    people: Personas, bounds: Bounds, persona: str, visible: set[str]
) -> None:
    allowed = {getattr(bounds, name).pk for name in visible}
    highest = Boundary.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for guess in range(1, highest + 3):
        response = people.client(persona).get(reverse("boundary", args=[guess]))
        assert response.status_code == (200 if guess in allowed else 404), guess
        assert leaks(persona, response.content.decode()) == []


def test_a_member_who_left_sees_the_circles_boundaries_no_more(
    people: Personas, bounds: Bounds
) -> None:
    from django.utils import timezone

    from hearthside.circles.models import Membership

    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=timezone.now()
    )
    client = people.client("sam")
    assert client.get(reverse("boundary", args=[bounds.alex_shared.pk])).status_code == 404
    assert (
        client.post(reverse("boundary_acknowledge", args=[bounds.alex_shared.pk])).status_code
        == 404
    )
    page = client.get(reverse("boundaries")).content.decode()
    assert re.search("ALEX-SHARED", page) is None
    # …and Alex no longer sees what Sam shared there, while Sam still has their own.
    assert (
        people.client("alex").get(reverse("boundary", args=[bounds.sam_shared.pk])).status_code
        == 404
    )
    assert client.get(reverse("boundary", args=[bounds.sam_shared.pk])).status_code == 200
