"""The demo household's boundaries: Alex's shared one, changed once and acknowledged both times;
Sam's private one, with a look coming up in a few days."""

from __future__ import annotations

import html
from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearthside.accounts.models import Person
from hearthside.boundaries.models import Acknowledgement, Boundary


def test_the_demo_partners_have_boundaries_with_a_story(db: None) -> None:
    call_command("demo")
    alex, sam, robin = (
        Person.objects.get(email=f"{name}@example.com") for name in ("alex", "sam", "robin")
    )

    (shared,) = Boundary.objects.filter(author=alex)
    assert shared.circle is not None and shared.circle.name == "Alex & Sam"
    assert shared.versions.count() == 2
    assert list(
        Acknowledgement.objects.filter(author=sam).values_list("version__number", flat=True)
    ) == [1, 2]
    assert shared.reviews.get().decision == "change"
    assert shared.next_review_on is not None and shared.next_review_on > timezone.localdate()

    (private,) = Boundary.objects.filter(author=sam)
    assert private.circle is None
    assert private.next_review_on is not None
    assert timezone.localdate() < private.next_review_on <= timezone.localdate() + timedelta(days=7)

    # Everything is dated after the people were in the circle, so the rule lets Sam see it.
    sam_client, robin_client = Client(), Client()
    sam_client.force_login(sam)
    robin_client.force_login(robin)
    page = html.unescape(sam_client.get(reverse("boundary", args=[shared.pk])).content.decode())
    assert "You told Alex you've read this and you'll respect it" in page
    assert robin_client.get(reverse("boundary", args=[shared.pk])).status_code == 404
    alex_client = Client()
    alex_client.force_login(alex)
    assert alex_client.get(reverse("boundary", args=[private.pk])).status_code == 404
