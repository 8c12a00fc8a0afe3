"""Appreciations: the small acts of support people notice, and what people do with thank-yous.

The pages (`thanks_views`) and the API (`hearthside.api.appreciation_routes`) both call these,
after asking `hearthside.circles.visibility` whether the person may see what they act on.

Favourites are the recipient's alone. Every query here that touches them starts from the
person asking, so nothing written for an author (their sent list, the circle page, the API's
sent route) can learn that a thank-you was kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.practice.actions import NotAllowed
from hearthside.practice.models import Appreciation, CheckIn, Favourite
from hearthside.repair.models import Rupture

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from hearthside.accounts.models import Person

__all__ = [
    "ACTS",
    "Empty",
    "NotAllowed",
    "act_choices",
    "act_label",
    "act_slugs",
    "favourites",
    "kept_for_a_hard_day",
    "received",
    "send",
    "sent",
    "set_favourite",
    "visible_ruptures",
]


class Act(NamedTuple):
    slug: str
    label: StrOrPromise


# Small, ordinary kindnesses, said the way you'd say them to the person. Slugs are stored;
# labels may be reworded or translated freely. Keep slugs free of spaces (WordsField).
ACTS: tuple[Act, ...] = (
    Act("listened", _("You listened")),
    Act("followed-through", _("You followed through")),
    Act("made-space", _("You made space for me")),
    Act("noticed", _("You noticed how I was")),
    Act("lightened-load", _("You took something off my plate")),
    Act("stayed-calm", _("You stayed calm")),
    Act("apologised-well", _("You apologised well")),
    Act("came-back", _("You came back to talk")),
    Act("asked-first", _("You asked before deciding")),
    Act("remembered", _("You remembered what mattered to me")),
    Act("showed-up", _("You showed up for me")),
    Act("was-patient", _("You were patient with me")),
    Act("said-it-kindly", _("You said a hard thing kindly")),
    Act("made-me-laugh", _("You made me laugh")),
)
_LABELS = {act.slug: act.label for act in ACTS}

# A check-in at or below this mood ("Low") within HARD_DAY_WINDOW makes today a hard day.
HARD_DAY_MOOD = 2
HARD_DAY_WINDOW = timedelta(hours=18)


def act_slugs() -> frozenset[str]:
    return frozenset(_LABELS)


def act_choices() -> list[tuple[str, StrOrPromise]]:
    return [(act.slug, act.label) for act in ACTS]


def act_label(slug: str) -> str:
    """The words for a stored act; an act retired from the list still reads as itself."""
    label = _LABELS.get(slug)
    return str(label) if label is not None else slug.replace("-", " ")


class Empty(ValueError):
    """A thank-you with neither an act nor a word in it."""


# --- Reading ---------------------------------------------------------------------------------


def received(person: Person) -> QuerySet[Appreciation]:
    """Thank-yous to `person` that they may see, newest first, each with `favourite` (whether
    `person` kept it). Only ever call this for the person asking."""
    return visibility.visible_entries(
        Appreciation.objects.filter(recipient=person), person
    ).annotate(favourite=_kept_by(person))


def favourites(person: Person) -> QuerySet[Appreciation]:
    """The thank-yous to `person` that they kept for hard days, newest first."""
    return received(person).filter(_kept_by(person))


def _kept_by(person: Person) -> Exists:
    return Exists(Favourite.objects.filter(person=person, appreciation=OuterRef("pk")))


def sent(person: Person) -> QuerySet[Appreciation]:
    """Thank-yous `person` wrote, newest first. Says nothing about favourites, by design."""
    return visibility.own_entries(Appreciation.objects.all(), person)


def get_received_or_404(person: Person, pk: object) -> Appreciation:
    """A thank-you to `person` they may see, or 404: nobody else (its author included) can
    even address its favourite."""
    return visibility.get_visible_or_404(received(person).select_related("author"), person, pk=pk)


def visible_ruptures(person: Person, appreciations: Iterable[Appreciation]) -> dict[int, Rupture]:
    """The repairs these thank-yous followed, as far as `person` may see them (one query)."""
    ids = {a.rupture_id for a in appreciations if a.rupture_id}
    if not ids:
        return {}
    return {r.pk: r for r in visibility.visible_entries(Rupture.objects.filter(pk__in=ids), person)}


def kept_for_a_hard_day(person: Person) -> Appreciation | None:
    """One of `person`'s favourites, when their latest check-in says today is hard — what
    favourites are for. None on ordinary days or when nothing is kept."""
    since = timezone.now() - HARD_DAY_WINDOW
    latest = (
        visibility.own_entries(CheckIn.objects.filter(created_at__gte=since), person)
        .exclude(mood__isnull=True)
        .values_list("mood", flat=True)
        .first()
    )
    if latest is None or latest > HARD_DAY_MOOD:
        return None
    # A different one each day when there are several, the same one all day.
    # Favourites are few (a person keeps a handful), so they are read in one go.
    kept = list(favourites(person).select_related("author").order_by("pk"))
    if not kept:
        return None
    return kept[timezone.localdate().toordinal() % len(kept)]


# --- Doing -----------------------------------------------------------------------------------


def send(
    person: Person,
    *,
    circle: Circle,
    recipient: Person,
    text: str,
    acts: Iterable[str] = (),
    rupture: Rupture | None = None,
) -> Appreciation:
    """Thank `recipient`, shared with `circle` (which both must belong to). The caller has
    already checked that `person` may see `circle` and `rupture`; this checks the rest."""
    words = text.strip()
    chosen = list(dict.fromkeys(a for a in acts if a in _LABELS))
    if not words and not chosen:
        raise Empty
    if recipient.pk == person.pk:
        raise NotAllowed(gettext("A thank-you goes to someone else."))
    if not (visibility.is_member(person, circle) and visibility.is_member(recipient, circle)):
        raise NotAllowed(gettext("You can only thank someone in a circle you share."))
    if rupture is not None and (rupture.circle_id != circle.pk or not rupture.is_closed):
        raise NotAllowed(
            gettext("A thank-you can follow a repair once it has closed, in its circle.")
        )
    return Appreciation.objects.create(
        author=person, circle=circle, recipient=recipient, text=words, acts=chosen, rupture=rupture
    )


def set_favourite(person: Person, appreciation: Appreciation, keep: bool) -> bool:
    """Keep a thank-you for hard days, or let it go. Only its recipient can; doing it twice is
    the same as once. Returns whether it is kept now."""
    if appreciation.recipient_id != person.pk:
        raise NotAllowed
    if not keep:
        Favourite.objects.filter(person=person, appreciation=appreciation).delete()
        return False
    try:
        with transaction.atomic():
            Favourite.objects.get_or_create(person=person, appreciation=appreciation)
    except IntegrityError:
        pass  # Kept from another tab at the same moment: it's kept either way.
    return True


def take_back(person: Person, appreciation: Appreciation) -> Appreciation:
    """Withdraw a thank-you `person` sent (every entry can be withdrawn): from now on only its
    author sees it. Its recipient's "kept for hard days" mark goes with it — the words were
    taken back, so there is nothing left to keep, and the author still never learns whether it
    was kept (taking back looks the same either way). Doing it twice is the same as once."""
    if appreciation.author_id != person.pk:
        raise NotAllowed
    with transaction.atomic():
        if appreciation.withdrawn_at is None:
            appreciation.withdrawn_at = timezone.now()
            appreciation.save(update_fields=["withdrawn_at"])
        Favourite.objects.filter(appreciation=appreciation).delete()
    return appreciation
