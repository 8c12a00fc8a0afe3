"""/circles/<pk>/insights/: what a circle's practice adds up to, from what was shared there and
is visible to the person looking. Outsiders get 404, like a circle that doesn't exist."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import Personas
from hearthside.circles.models import Circle, Membership
from hearthside.insights import gather
from hearthside.insights.tests.conftest import (
    ALEX_TRIGGER,
    RUPTURE_TITLE,
    SAM_ONLY,
    Story,
    local,
    words_of,
)
from hearthside.needs.models import Request
from hearthside.practice.models import Appreciation
from hearthside.repair.models import Pause, Rupture


def url(circle: Circle) -> str:
    return reverse("circle_insights", args=[circle.pk])


MATRIX = [
    ("partners", "alex", 200),
    ("partners", "sam", 200),
    ("partners", "robin", 404),
    ("partners", "olive", 404),
    ("friends", "alex", 200),
    ("friends", "robin", 200),
    ("friends", "sam", 404),
    ("friends", "olive", 404),
]


@pytest.mark.parametrize(("circle", "persona", "status"), MATRIX)
def test_only_members_see_a_circles_insights(
    people: Personas, story: Story, circle: str, persona: str, status: int
) -> None:
    target = getattr(people, circle)
    response = people.client(persona).get(url(target))
    assert response.status_code == status
    if status == 404:
        missing = people.client(persona).get(reverse("circle_insights", args=[987_654]))
        assert response.content == missing.content
        assert RUPTURE_TITLE not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(people: Personas) -> None:
    target = url(people.partners)
    response = people.client("anonymous").get(target)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={target}"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(url(people.partners)).status_code == 405


def test_someone_who_left_the_circle_no_longer_sees_it(people: Personas, story: Story) -> None:
    Membership.objects.filter(circle=people.partners, person=people.sam).update(
        left_at=local(date(2026, 3, 3))
    )
    assert people.client("sam").get(url(people.partners)).status_code == 404


def test_the_balance_of_moments_beside_the_research_reference(
    people: Personas, story: Story
) -> None:
    text = words_of(people.client("sam").get(url(people.partners)))

    # 3 felt heard + 4 thank-yous + 1 need met + 8 rituals kept, against 2 ruptures + 1 pause.
    assert "Understanding moments (“I felt heard”) 3" in text
    assert "Thank-yous 4" in text  # the withdrawn one is not counted
    assert "Needs met 1 Rituals kept 8 Ruptures 2 Pauses 1" in text
    assert "5.3 : 1" in text
    assert (
        "About 5.3 positive moments for every difficult one in this period "
        "(16 positive, 3 difficult)." in text
    )
    assert "(Gottman & Levenson, 1992)" in text
    assert "not a score or a target for your relationship" in text


def test_no_difficult_moments_is_said_plainly_not_as_a_huge_ratio(
    people: Personas, story: Story
) -> None:
    Rupture.objects.all().delete()
    Pause.objects.all().delete()
    text = words_of(people.client("alex").get(url(people.partners)))
    assert (
        "16 positive moments and no ruptures or pauses in this period, so there is no ratio" in text
    )
    assert " : 1" not in text


def test_ruptures_with_time_to_repair_trust_and_commitments(people: Personas, story: Story) -> None:
    text = words_of(people.client("alex").get(url(people.partners)))

    assert (
        "1 of 2 ruptures were repaired, 1 with trust re-established; "
        "the middle time to repair was about 26 hours." in text
    )
    assert f"{RUPTURE_TITLE} 17 Feb 2026 18 Feb 2026 about 26 hours re-established" in text
    assert "Phones at dinner 1 Mar 2026 not yet" in text
    assert "1 of 2 commitments checked back on were kept, by what each of you said." in text
    assert "Kept 1 Partly 1 Not yet 0 Waiting to check back 0 Not due yet 1" in text


def test_rituals_kept_read_as_on_the_rituals_page(people: Personas, story: Story) -> None:
    text = words_of(people.client("sam").get(url(people.partners)))
    assert "Sunday reflection 8 of the last 9 Sundays" in text


def test_a_circle_page_counts_only_that_circle(people: Personas, story: Story) -> None:
    text = words_of(people.client("alex").get(url(people.friends)))
    assert (
        "Understanding moments (“I felt heard”) 1 Thank-yous 1 Needs met 0 Rituals kept 0" in text
    )
    assert RUPTURE_TITLE not in text
    assert "Sunday reflection" not in text


def test_nothing_private_is_on_a_circle_page(people: Personas, story: Story) -> None:
    for persona in ("alex", "sam"):
        text = words_of(people.client(persona).get(url(people.partners) + "?period=all"))
        for secret in (*SAM_ONLY, ALEX_TRIGGER, "furious", "belonging"):
            assert secret not in text


def test_someone_who_joined_later_sees_only_what_came_after(people: Personas, story: Story) -> None:
    # Robin joins Alex & Sam's circle on 16 February: the pause and the repaired rupture of the
    # 17th and what came after are for Robin too; the thank-yous, the felt-heard replies and
    # the request before are not.
    Membership.objects.create(
        circle=people.partners, person=people.robin, joined_at=local(date(2026, 2, 16))
    )
    Appreciation.objects.create(
        author=people.sam,
        recipient=people.robin,
        circle=people.partners,
        text="Welcome",
        created_at=local(date(2026, 2, 20)),
    )

    robin = gather.for_circle(people.robin, people.partners, "1y").balance
    sam = gather.for_circle(people.sam, people.partners, "1y").balance

    assert (robin.understanding, robin.appreciations, robin.needs_met) == (0, 1, 0)
    assert (robin.ruptures, robin.pauses, robin.rituals_kept) == (2, 1, 8)
    assert (sam.understanding, sam.appreciations, sam.needs_met) == (3, 5, 1)
    text = words_of(people.client("robin").get(url(people.partners)))
    assert "Understanding moments (“I felt heard”) 0 Thank-yous 1 Needs met 0" in text
    assert "Needs met counts only requests between you and one other member." in text


def test_a_third_member_does_not_count_a_request_between_two_others(
    people: Personas, story: Story
) -> None:
    Membership.objects.create(
        circle=people.partners, person=people.robin, joined_at=local(date(2026, 1, 1))
    )
    Request.objects.create(
        author=people.sam,
        recipient=people.alex,
        circle=people.partners,
        kind="space",
        text="An evening to myself",
        created_at=local(date(2026, 2, 22)),
        met="met",
        met_at=local(date(2026, 2, 23)),
    )
    assert gather.for_circle(people.robin, people.partners, "1y").balance.needs_met == 0
    assert gather.for_circle(people.alex, people.partners, "1y").balance.needs_met == 2


def test_leaving_takes_my_moments_off_the_page(people: Personas, story: Story) -> None:
    # Someone who leaves takes what they shared with them: Robin's thank-you and share go.
    Membership.objects.filter(circle=people.friends, person=people.robin).update(
        left_at=local(date(2026, 3, 1))
    )
    balance = gather.for_circle(people.alex, people.friends, "1y").balance
    assert (balance.understanding, balance.appreciations) == (0, 0)


def test_the_period_switcher_buckets_by_week_for_ninety_days(
    people: Personas, story: Story
) -> None:
    ninety = gather.for_circle(people.alex, people.partners, "90d")
    assert ninety.period.granularity == "week"
    assert all(b.start.weekday() == 0 for b in ninety.series)
    # The open rupture of Sunday 1 March falls in the week that began on Monday 23 February.
    by_week = {b.start: b.ruptures for b in ninety.series}
    assert (by_week[date(2026, 2, 23)], by_week[date(2026, 3, 2)]) == (1, 0)
    response = people.client("alex").get(url(people.partners) + "?period=90d")
    assert 'aria-current="page">90 days' in response.content.decode()
    assert "Showing the last 90 days." in words_of(response)
