"""Deleting an account: the person's entries go with them (deleted, not anonymised), nothing
anywhere still points at them, and everyone else keeps their own words."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle, Membership
from hearthside.data import deletion
from hearthside.data.tests.conftest import World

pytestmark = pytest.mark.django_db


def _references_to(person_id: int) -> dict[str, int]:
    """Rows in any table with a foreign key (or many-to-many row) pointing at `person_id`."""
    found: dict[str, int] = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if not isinstance(field, models.ForeignKey) or field.related_model is not Person:
                # Many-to-many fields are checked through their auto-created through models.
                continue
            count = model._default_manager.filter(**{field.attname: person_id}).count()
            if count:
                found[f"{model._meta.label}.{field.name}"] = count
    return found


def test_the_checker_does_find_references_before_deletion(world: World) -> None:
    found = _references_to(world.people.alex.pk)
    assert {"practice.CheckIn.author", "rituals.Occurrence_attendees.person"} <= set(found)


def test_after_deletion_no_row_anywhere_references_the_person(world: World) -> None:
    alex_id = world.people.alex.pk

    deletion.delete_account(world.people.alex)

    assert _references_to(alex_id) == {}
    assert not Person.objects.filter(pk=alex_id).exists()


def test_sams_own_entries_in_their_shared_circle_survive(world: World) -> None:
    from hearthside.practice.models import CheckIn, Share
    from hearthside.repair.models import Rupture
    from hearthside.stress.models import Signal

    sam = world.people.sam
    deletion.delete_account(world.people.alex)

    assert CheckIn.objects.filter(author=sam).count() == 1
    assert list(Share.objects.filter(author=sam).values_list("text", flat=True)) == [
        "Sam shares: the new job is scary"
    ]
    assert Rupture.objects.filter(author=sam).exists()
    assert Signal.objects.filter(author=sam).exists()
    assert Circle.objects.filter(pk=world.people.partners.pk).exists()
    assert Membership.objects.filter(person=sam, left_at__isnull=True).count() == 1


def test_alexs_shares_and_replies_are_gone_for_sam(world: World) -> None:
    from hearthside.practice.models import Reply, Share

    sam = world.people.client("sam")
    share_page = f"/shares/{world.alex['share'].pk}/"
    sams_share_page = f"/shares/{world.sam['share'].pk}/"
    assert sam.get(share_page).status_code == 200
    assert "Alex replies to Sam" in sam.get(sams_share_page).content.decode()

    deletion.delete_account(world.people.alex)

    assert sam.get(share_page).status_code == 404
    page = sam.get(sams_share_page).content.decode()
    assert "Alex replies to Sam" not in page
    assert not Share.objects.filter(text__startswith="Alex").exists()
    assert not Reply.objects.filter(reflect__startswith="Alex").exists()
    # Sam's reply to Alex's share went with the share it answered.
    assert not Reply.objects.filter(pk=world.sam["reply"].pk).exists()
    journal = sam.get("/").content.decode() + sam.get("/journal/").content.decode()
    assert "Alex shares" not in journal


def test_a_circle_only_alex_was_ever_in_goes_and_one_sam_left_stays(world: World) -> None:
    from django.utils import timezone

    from hearthside.circles.actions import create_circle
    from hearthside.practice.models import Share

    alex, sam = world.people.alex, world.people.sam
    alone = create_circle(alex, "Just me", "other")
    was_shared = create_circle(alex, "Book club", "friends")
    Membership.objects.create(circle=was_shared, person=sam, left_at=timezone.now())
    Share.objects.create(author=sam, circle=was_shared, text="Sam's words in the book club")

    deletion.delete_account(alex)

    assert not Circle.objects.filter(pk=alone.pk).exists()
    assert Circle.objects.filter(pk=was_shared.pk).exists()
    assert Share.objects.filter(text="Sam's words in the book club").exists()


def test_what_the_circle_keeps_together_stays_for_the_others_without_alexs_name(
    world: World,
) -> None:
    from hearthside.rituals.models import Ritual
    from hearthside.stress.models import Support, Task
    from hearthside.values.models import CircleValue

    deletion.delete_account(world.people.alex)

    ritual = Ritual.objects.get(title="Alex's Sunday walk")
    assert ritual.created_by is None
    assert Support.objects.filter(name="Alex's therapist", created_by=None).exists()
    assert Task.objects.filter(created_by=None).count() == 2
    assert CircleValue.objects.filter(added_by=None).count() == 2


def test_things_others_addressed_only_to_alex_go_too(world: World) -> None:
    from hearthside.needs.models import Request
    from hearthside.practice.models import Appreciation

    deletion.delete_account(world.people.alex)

    assert not Appreciation.objects.filter(pk=world.sam["thanks"].pk).exists()
    assert not Request.objects.filter(pk=world.sam["request"].pk).exists()


def test_a_stored_facilitator_summary_alex_took_part_in_is_erased(world: World) -> None:
    from hearthside.summary.models import SummaryRequest

    deletion.delete_account(world.people.alex)

    assert list(SummaryRequest.objects.values_list("markdown", flat=True)) in ([], [""])


def test_the_audit_counts_what_was_removed_per_kind(world: World) -> None:
    removed = {r.label: r.count for r in deletion.delete_account(world.people.alex)}

    assert next(iter(removed)) == "Your account"
    assert removed["Your account"] == 1
    assert removed["Check-ins"] == 1
    assert removed["Shares"] == 2
    # Alex's three replies and Sam's reply to Alex's share.
    assert removed["Listening replies (yours, and others' to your shares)"] == 3
    assert removed["Repairs"] == 2
    assert removed["Personal API tokens"] == 1
    assert removed["Where notifications go"] == 1
    assert removed["Places in circles"] == 2
    assert all(count > 0 for count in removed.values())


def test_deleting_one_account_leaves_everyone_elses_counts_alone(world: World) -> None:
    from hearthside.practice.models import CheckIn

    robin_before = _references_to(world.people.robin.pk)
    deletion.delete_account(world.people.alex)

    assert CheckIn.objects.filter(author=world.people.sam).count() == 1
    # Robin loses only what lived inside Alex's entries: nothing of Robin's own was there.
    assert _references_to(world.people.robin.pk) == robin_before
