"""Every kind of thing a person writes, described once so that the JSON export, the Markdown
archive, the importer and the fingerprints all read the same list.

A `Kind` says which rows are the person's (`mine`), which model fields go into the file as they
are (`fields`), which fields point at other things in the file (`refs`), and what needs a word
of its own (`dump_extra` / `load_extra`: names of other people, "was this me", draft keys).

The rule for what is the person's: what they wrote (author), what they set for themselves
(settings, channels, reminders), and the circle things they started (rituals, values, tasks,
support contacts, revisits) in circles they are still in. Nothing anyone else wrote is ever in
the file: a reply I gave to Sam's share carries only "on Sam's share of 2 March" as context,
never Sam's words. See docs/export-format.md.

Kinds are ordered so that anything an item *needs* (a reply needs its share) comes before it;
links that may point forward or at the same kind (a boundary's current version, a rupture linked
to an earlier one) are optional and set once everything exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearthside.api.models import PersonalToken
from hearthside.boundaries.models import Acknowledgement, Boundary, BoundaryVersion, Review
from hearthside.calm.models import CalmSession
from hearthside.circles import visibility
from hearthside.needs.models import Answer as RequestAnswer
from hearthside.needs.models import Request
from hearthside.notify.models import Channel, Notification
from hearthside.pacing.models import Answer as KnockAnswer
from hearthside.pacing.models import Comfort, Knock
from hearthside.practice.fields import WordsField
from hearthside.practice.models import Appreciation, CheckIn, Favourite, Reply, Share
from hearthside.repair.models import (
    Closure,
    Commitment,
    Draft,
    FollowUp,
    Pause,
    PauseReturn,
    Reflection,
    Rupture,
    Turn,
)
from hearthside.rituals.models import (
    CalendarFeed,
    Occurrence,
    OccurrenceNote,
    ReminderSetting,
    Ritual,
)
from hearthside.stress.models import HeavyThing, Offer, Routine, Signal, Support, Task
from hearthside.values.models import CircleValue, HonestyMoment, Intention, Revisit, RevisitNote

try:  # The facilitator summary is optional: exported when its app is installed.
    from hearthside.summary.models import Consent, SummaryRequest
except ImportError:  # pragma: no cover - the app ships with Hearthside today
    Consent = SummaryRequest = None  # type: ignore[assignment,misc]

Person = Any  # hearthside.accounts.models.Person; Any keeps lambdas below readable

# Reasons an item cannot come back into a new place, shown in the import preview.
NEEDS_OTHERS = _("it belongs to something someone else wrote, which isn't in your file")
NOT_RESTORED = _("kept in the file for your records; not brought back")


@dataclass(frozen=True)
class Ref:
    """A field pointing at another item of the file (by its export `id`). `virtual` refs are not
    model fields: `dump_extra` writes them and `load_extra` reads them (draft keys)."""

    field: str
    kind: str
    required: bool = False
    virtual: bool = False


@dataclass
class ExportContext:
    person: Person
    ids: dict[str, set[int]] = field(default_factory=dict)
    circles: set[int] = field(default_factory=set)

    def ref(self, kind: str, pk: int | None) -> int | None:
        return pk if pk is not None and pk in self.ids.get(kind, set()) else None


@dataclass
class ImportContext:
    person: Person
    # Export id -> the row it is here now, per kind (new rows and ones already here).
    rows: dict[str, dict[int, int]] = field(default_factory=dict)
    # Export circle id -> circle here, and the other members of each (for names in the file).
    circles: dict[int, Any] = field(default_factory=dict)
    members: dict[int, dict[str, Any]] = field(default_factory=dict)

    def row(self, kind: str, export_id: Any) -> int | None:
        if export_id is None:
            return None
        return self.rows.get(kind, {}).get(export_id)

    def member_named(self, circle_id: int | None, name: Any) -> Any:
        if circle_id is None or not isinstance(name, str):
            return None
        return self.members.get(circle_id, {}).get(name)


@dataclass(frozen=True)
class Kind:
    key: str
    one: str
    many: str
    model: type[models.Model]
    # The rows that are this person's.
    mine: Callable[[Person], models.QuerySet[Any]]
    fields: tuple[str, ...]
    refs: tuple[Ref, ...] = ()
    # The field set to the importing person on a new row (None: set by load_extra).
    owner: str | None = "author"
    # How to find who wrote an item of this kind (for "on Sam's share" context).
    author_path: str = "author"
    circle: bool = False  # has a `circle` field
    circle_required: bool = False
    dump_extra: Callable[[Any, ExportContext], dict[str, Any]] | None = None
    # Sets what `fields` and `refs` don't on a new row; returns a reason to skip it, or None.
    load_extra: Callable[[Any, dict[str, Any], ImportContext], str | None] | None = None
    after_save: Callable[[Any, dict[str, Any], ImportContext], None] | None = None
    # More for the item's `context` (informational: never read back as data).
    more_context: Callable[[Any, ExportContext], dict[str, Any]] | None = None
    # None: it can come back; otherwise why not.
    not_restored: Any = None
    date_field: str = "created_at"
    title_field: str | None = None
    select: tuple[str, ...] = ()
    # What makes an item "the same one" (hearthside.data.fingerprint); empty: when it was
    # written, what it belongs to, its circle and its title. Kinds people can edit in the app
    # leave out what editing changes.
    identity: tuple[str, ...] = ()

    @property
    def identity_fields(self) -> tuple[str, ...]:
        if self.identity:
            return self.identity
        parents = tuple(r.field for r in self.refs if r.required)
        title = (self.title_field,) if self.title_field else ()
        return (self.date_field, *parents, *(("circle",) if self.circle else ()), *title)

    def queryset(self, person: Person) -> models.QuerySet[Any]:
        related = [*self.select]
        related += [f"{r.field}__circle" for r in self.refs if _has_circle(self.model, r)]
        return self.mine(person).select_related(*related).order_by(self.date_field, "pk")


def _has_circle(model: type[models.Model], ref: Ref) -> bool:
    if ref.virtual:
        return False
    target = model._meta.get_field(ref.field).related_model
    return any(f.name == "circle" for f in target._meta.get_fields())  # type: ignore[union-attr]


# --- Small helpers for the kinds below -------------------------------------------------------


def _name(person: Any) -> str | None:
    return person.name if person is not None else None


def _by_me(path: str) -> Callable[[Any, ExportContext], dict[str, Any]]:
    """`<path>_me`: whether `path` (a person field) is the exporting person."""

    def dump(obj: Any, ctx: ExportContext) -> dict[str, Any]:
        return {f"{path}_me": getattr(obj, f"{path}_id") == ctx.person.pk}

    return dump


def _in_my_circles(person: Person) -> models.QuerySet[Any]:
    return visibility.circles_of(person)


def _recipient_out(obj: Any, ctx: ExportContext) -> dict[str, Any]:
    return {"recipient": _name(obj.recipient)}


def _recipient_in(obj: Any, item: dict[str, Any], ctx: ImportContext) -> str | None:
    """A thank-you or request is addressed to one person: it comes back only where someone of
    that name is in the circle with the importer."""
    recipient = ctx.member_named(item.get("circle"), item.get("recipient"))
    if recipient is None:
        return str(_("it was for someone who isn't in that circle here"))
    obj.recipient = recipient
    return None


# --- Repair drafts: their key names the form and the thing it is for --------------------------

DRAFT_KEY = re.compile(r"^(rupture|commitment):(\d+):([\w-]{1,60})$")
DRAFT_KINDS = {"rupture": "ruptures", "commitment": "commitments"}


def _draft_out(obj: Any, ctx: ExportContext) -> dict[str, Any]:
    match = DRAFT_KEY.match(obj.key)
    if not match:
        return {"form": obj.key, "rupture": None, "commitment": None}
    on, pk, form = match.groups()
    out: dict[str, Any] = {"form": f"{on}:{{}}:{form}", "rupture": None, "commitment": None}
    out[on] = ctx.ref(DRAFT_KINDS[on], int(pk))
    return out


def _draft_in(obj: Any, item: dict[str, Any], ctx: ImportContext) -> str | None:
    form = item.get("form")
    if not isinstance(form, str) or not form or len(form) > 120:
        return str(_("the draft doesn't say which form it belongs to"))
    match = re.match(r"^(rupture|commitment):\{\}:([\w-]{1,60})$", form)
    if match is None:
        if "{}" in form or DRAFT_KEY.match(form):
            return str(_("the draft doesn't say which form it belongs to"))
        obj.key = form
        return None
    on, part = match.groups()
    pk = ctx.row(DRAFT_KINDS[on], item.get(on))
    if pk is None:
        return str(NEEDS_OTHERS)
    obj.key = f"{on}:{pk}:{part}"
    return None


# --- Occurrences, revisits, circle values, tasks: who did what --------------------------------


def _occurrence_out(obj: Any, ctx: ExportContext) -> dict[str, Any]:
    return {"attended": any(p.pk == ctx.person.pk for p in obj.attendees.all())}


def _occurrence_after(obj: Any, item: dict[str, Any], ctx: ImportContext) -> None:
    if item.get("attended") is True:
        obj.attendees.add(ctx.person)


def _revisit_out(obj: Any, ctx: ExportContext) -> dict[str, Any]:
    mine = obj.finished_by_id == ctx.person.pk
    return {
        "started_by_me": obj.started_by_id == ctx.person.pk,
        "finished_by_me": mine,
        # Whoever finishes a revisit writes its takeaway: someone else's words stay out.
        "takeaway": obj.takeaway if mine else "",
    }


def _revisit_in(obj: Any, item: dict[str, Any], ctx: ImportContext) -> str | None:
    obj.started_by = ctx.person if item.get("started_by_me") is True else None
    obj.finished_by = ctx.person if item.get("finished_by_me") is True else None
    takeaway = item.get("takeaway", "")
    if not isinstance(takeaway, str) or len(takeaway) > 1000:
        return str(_("its takeaway can't be read"))
    obj.takeaway = takeaway
    return None


def _retired_in(obj: Any, item: dict[str, Any], ctx: ImportContext) -> str | None:
    obj.retired_by = ctx.person if item.get("retired_by_me") is True else None
    return None


def _task_out(obj: Any, ctx: ExportContext) -> dict[str, Any]:
    return {"carried_by_me": obj.carrier_id == ctx.person.pk}


def _task_in(obj: Any, item: dict[str, Any], ctx: ImportContext) -> str | None:
    if item.get("carried_by_me") is True:
        obj.carrier = ctx.person
    else:
        context = item.get("context") or {}
        name = context.get("carrier") if isinstance(context, dict) else None
        obj.carrier = ctx.member_named(item.get("circle"), name)
    return None


def _task_context(obj: Any, ctx: ExportContext) -> dict[str, Any]:
    if obj.carrier_id is None or obj.carrier_id == ctx.person.pk:
        return {}
    return {"carrier": _name(obj.carrier)}


def _honesty_in(obj: Any, item: dict[str, Any], ctx: ImportContext) -> str | None:
    if obj.share_id is None and obj.checkin_id is None:
        return str(NEEDS_OTHERS)
    return None


# --- The list ---------------------------------------------------------------------------------

ENTRY = ("created_at", "withdrawn_at")


def _k(**kwargs: Any) -> Kind:
    return Kind(**kwargs)


KINDS: tuple[Kind, ...] = (
    # Practice: check-ins, shares, replies, thank-yous.
    _k(
        key="checkins",
        identity=("created_at", "note"),
        one=_("check-in"),
        many=_("Check-ins"),
        model=CheckIn,
        mine=lambda p: CheckIn.objects.filter(author=p),
        fields=(*ENTRY, "mood", "energy", "feelings", "body_signals", "needs", "situation", "note"),
        circle=True,
    ),
    _k(
        key="shares",
        one=_("share"),
        many=_("Shares"),
        model=Share,
        mine=lambda p: Share.objects.filter(author=p),
        fields=(*ENTRY, "text", "feelings", "depth", "wants"),
        refs=(Ref("checkin", "checkins"),),
        circle=True,
        title_field="text",
    ),
    _k(
        key="replies",
        one=_("listening reply"),
        many=_("Listening replies"),
        model=Reply,
        mine=lambda p: Reply.objects.filter(author=p),
        fields=("created_at", "reflect", "validation", "question", "felt_heard_at"),
        refs=(Ref("share", "shares", required=True),),
        select=("share__author",),
    ),
    # Repair.
    _k(
        key="pauses",
        one=_("pause"),
        many=_("Pauses"),
        model=Pause,
        mine=lambda p: Pause.objects.filter(author=p),
        fields=(*ENTRY, "phrase", "min_until", "max_until", "ended_at"),
        circle=True,
        circle_required=True,
        title_field="phrase",
    ),
    _k(
        key="pause_returns",
        one=_("“ready to come back”"),
        many=_("Coming back after a pause"),
        model=PauseReturn,
        mine=lambda p: PauseReturn.objects.filter(author=p),
        fields=("created_at",),
        refs=(Ref("pause", "pauses", required=True),),
        select=("pause__author",),
    ),
    _k(
        key="ruptures",
        one=_("repair"),
        many=_("Repairs"),
        model=Rupture,
        mine=lambda p: Rupture.objects.filter(author=p),
        fields=(*ENTRY, "title", "happened_at", "status", "closed_at", "takeaways"),
        refs=(Ref("pause", "pauses"), Ref("linked_to", "ruptures")),
        circle=True,
        circle_required=True,
        title_field="title",
        select=("pause__author", "linked_to__author"),
    ),
    _k(
        key="reflections",
        identity=("rupture",),
        one=_("reflection"),
        many=_("Private reflections"),
        model=Reflection,
        mine=lambda p: Reflection.objects.filter(author=p),
        fields=(
            "updated_at",
            "feelings",
            "reality",
            "triggers",
            "my_part",
            "unmet_needs",
            "unmet_note",
            "shared_parts",
        ),
        refs=(Ref("rupture", "ruptures", required=True),),
        date_field="updated_at",
        select=("rupture__author",),
    ),
    _k(
        key="turns",
        one=_("turn"),
        many=_("Turns in repair conversations"),
        model=Turn,
        mine=lambda p: Turn.objects.filter(author=p),
        fields=(
            "created_at",
            "step",
            "feelings",
            "text",
            "reflect",
            "validation",
            "what_i_did",
            "impact",
            "next_time",
            "accepted",
        ),
        refs=(Ref("rupture", "ruptures", required=True),),
        title_field="step",
        select=("rupture__author",),
    ),
    _k(
        key="commitments",
        one=_("commitment"),
        many=_("Commitments"),
        model=Commitment,
        mine=lambda p: Commitment.objects.filter(author=p),
        fields=("created_at", "text", "follow_up_on"),
        refs=(Ref("rupture", "ruptures", required=True),),
        title_field="text",
        select=("rupture__author",),
    ),
    _k(
        key="follow_ups",
        one=_("follow-up"),
        many=_("Follow-ups on commitments"),
        model=FollowUp,
        mine=lambda p: FollowUp.objects.filter(author=p),
        fields=("created_at", "answer", "note"),
        refs=(Ref("commitment", "commitments", required=True),),
        select=("commitment__author",),
    ),
    _k(
        key="closures",
        one=_("closing word"),
        many=_("Closing a repair"),
        model=Closure,
        mine=lambda p: Closure.objects.filter(author=p),
        fields=("created_at", "trust_reestablished", "note"),
        refs=(Ref("rupture", "ruptures", required=True),),
        select=("rupture__author",),
    ),
    _k(
        key="repair_drafts",
        identity=("form", "rupture", "commitment"),
        one=_("draft"),
        many=_("Unsent drafts in repairs"),
        model=Draft,
        mine=lambda p: Draft.objects.filter(author=p),
        fields=("updated_at", "data"),
        refs=(
            Ref("rupture", "ruptures", virtual=True),
            Ref("commitment", "commitments", virtual=True),
        ),
        dump_extra=_draft_out,
        load_extra=_draft_in,
        date_field="updated_at",
    ),
    _k(
        key="appreciations",
        one=_("thank-you"),
        many=_("Thank-yous"),
        model=Appreciation,
        mine=lambda p: Appreciation.objects.filter(author=p),
        fields=(*ENTRY, "text", "acts"),
        refs=(Ref("reply", "replies"), Ref("rupture", "ruptures")),
        circle=True,
        dump_extra=_recipient_out,
        load_extra=_recipient_in,
        title_field="text",
        select=("recipient", "reply__author", "rupture__author"),
    ),
    _k(
        key="favourites",
        one=_("kept thank-you"),
        many=_("Thank-yous you kept"),
        model=Favourite,
        mine=lambda p: Favourite.objects.filter(person=p),
        fields=("created_at",),
        refs=(Ref("appreciation", "appreciations", required=True),),
        owner="person",
        author_path="person",
        not_restored=NEEDS_OTHERS,
        select=("appreciation__author",),
    ),
    # Rituals.
    _k(
        key="rituals",
        identity=("created_at", "circle"),
        one=_("ritual"),
        many=_("Rituals you started"),
        model=Ritual,
        mine=lambda p: Ritual.objects.filter(created_by=p, circle__in=_in_my_circles(p)),
        fields=(
            "created_at",
            "archived_at",
            "template",
            "title",
            "description",
            "freq",
            "interval",
            "weekdays",
            "monthly_day",
            "monthly_nth",
            "at",
            "time_zone",
            "starts_on",
            "until",
            "duration",
            "agenda",
        ),
        circle=True,
        circle_required=True,
        owner="created_by",
        author_path="created_by",
        title_field="title",
    ),
    _k(
        key="occurrences",
        identity=("ritual", "scheduled_for"),
        one=_("time a ritual happened"),
        many=_("Times your rituals happened"),
        model=Occurrence,
        mine=lambda p: Occurrence.objects.filter(
            ritual__created_by=p, ritual__circle__in=_in_my_circles(p)
        ).prefetch_related("attendees"),
        fields=("scheduled_for", "status", "moved_to", "completed_at", "updated_at"),
        refs=(Ref("ritual", "rituals", required=True),),
        owner=None,
        author_path="ritual__created_by",
        dump_extra=_occurrence_out,
        after_save=_occurrence_after,
        date_field="scheduled_for",
        title_field="status",
    ),
    _k(
        key="ritual_notes",
        one=_("ritual note"),
        many=_("Notes at rituals"),
        model=OccurrenceNote,
        mine=lambda p: OccurrenceNote.objects.filter(author=p),
        fields=("created_at", "prompt", "text", "shared"),
        refs=(Ref("occurrence", "occurrences", required=True),),
        select=("occurrence__ritual__created_by", "occurrence__ritual__circle"),
        title_field="text",
    ),
    _k(
        key="reminder_settings",
        identity=("ritual",),
        one=_("reminder setting"),
        many=_("Ritual reminders"),
        model=ReminderSetting,
        mine=lambda p: ReminderSetting.objects.filter(person=p),
        fields=("updated_at", "lead_minutes"),
        refs=(Ref("ritual", "rituals", required=True),),
        owner="person",
        author_path="person",
        date_field="updated_at",
        select=("ritual__created_by", "ritual__circle"),
    ),
    _k(
        key="calendar_feeds",
        one=_("calendar feed"),
        many=_("Calendar feeds"),
        model=CalendarFeed,
        mine=lambda p: CalendarFeed.objects.filter(person=p),
        # Never the secret: only a hash is stored, and not even that leaves.
        fields=("created_at", "revoked_at"),
        owner="person",
        author_path="person",
        not_restored=_("its secret address can't be carried over; make a new one in Settings"),
    ),
    # Notifications.
    _k(
        key="channels",
        identity=("created_at", "kind"),
        one=_("notification channel"),
        many=_("Where notifications go"),
        model=Channel,
        mine=lambda p: Channel.objects.filter(person=p),
        # The Apprise URL is the person's own secret and theirs to take (the page says so).
        fields=("created_at", "kind", "label", "url", "enabled"),
        owner="person",
        author_path="person",
        title_field="label",
    ),
    _k(
        key="notifications",
        one=_("notification"),
        many=_("Your inbox"),
        model=Notification,
        mine=lambda p: Notification.objects.filter(recipient=p),
        fields=("created_at", "due_at", "read_at", "kind", "subject", "body", "url"),
        owner="recipient",
        author_path="recipient",
        not_restored=NOT_RESTORED,
        title_field="subject",
    ),
    # Needs and requests.
    _k(
        key="requests",
        one=_("request"),
        many=_("Requests you made"),
        model=Request,
        mine=lambda p: Request.objects.filter(author=p),
        fields=(
            *ENTRY,
            "kind",
            "text",
            "by_when",
            "response",
            "proposed_for",
            "answered_at",
            "met",
            "met_note",
            "met_at",
        ),
        circle=True,
        circle_required=True,
        dump_extra=_recipient_out,
        load_extra=_recipient_in,
        title_field="text",
        select=("recipient",),
    ),
    _k(
        key="request_answers",
        one=_("answer to a request"),
        many=_("Your answers to requests"),
        model=RequestAnswer,
        mine=lambda p: RequestAnswer.objects.filter(author=p),
        fields=("created_at", "response", "proposed_for", "note"),
        refs=(Ref("request", "requests", required=True),),
        select=("request__author",),
    ),
    # Boundaries.
    _k(
        key="boundaries",
        one=_("boundary"),
        many=_("Boundaries"),
        model=Boundary,
        mine=lambda p: Boundary.objects.filter(author=p),
        fields=(*ENTRY, "review_every", "next_review_on", "shared_at", "retired_at"),
        refs=(Ref("current", "boundary_versions"),),
        circle=True,
    ),
    _k(
        key="boundary_versions",
        one=_("boundary wording"),
        many=_("Boundary wordings"),
        model=BoundaryVersion,
        mine=lambda p: BoundaryVersion.objects.filter(boundary__author=p),
        fields=("created_at", "number", "need", "why", "helps"),
        refs=(Ref("boundary", "boundaries", required=True),),
        owner=None,
        author_path="boundary__author",
        title_field="need",
    ),
    _k(
        key="boundary_reviews",
        one=_("boundary review"),
        many=_("Looking at boundaries again"),
        model=Review,
        mine=lambda p: Review.objects.filter(boundary__author=p),
        fields=("created_at", "decision", "note", "due_on"),
        refs=(
            Ref("boundary", "boundaries", required=True),
            Ref("version", "boundary_versions"),
        ),
        owner=None,
        author_path="boundary__author",
        title_field="decision",
    ),
    _k(
        key="acknowledgements",
        one=_("acknowledgement"),
        many=_("Boundaries you acknowledged"),
        model=Acknowledgement,
        mine=lambda p: Acknowledgement.objects.filter(author=p),
        fields=("created_at",),
        refs=(Ref("version", "boundary_versions", required=True),),
        select=("version__boundary__author",),
    ),
    # Intentions, values and goals.
    _k(
        key="intentions",
        identity=("created_at",),
        one=_("intention"),
        many=_("Intentions"),
        model=Intention,
        mine=lambda p: Intention.objects.filter(author=p),
        fields=(*ENTRY, "updated_at", "hopes", "text"),
        circle=True,
        title_field="text",
    ),
    _k(
        key="revisits",
        one=_("revisit"),
        many=_("Revisits of values and goals"),
        model=Revisit,
        mine=lambda p: (
            Revisit.objects.filter(circle__in=_in_my_circles(p))
            .filter(Q(started_by=p) | Q(finished_by=p) | Q(notes__author=p))
            .distinct()
        ),
        fields=("started_at", "finished_at"),
        circle=True,
        circle_required=True,
        owner=None,
        author_path="started_by",
        dump_extra=_revisit_out,
        load_extra=_revisit_in,
        date_field="started_at",
    ),
    _k(
        key="revisit_notes",
        identity=("revisit", "prompt"),
        one=_("revisit note"),
        many=_("Your notes in revisits"),
        model=RevisitNote,
        mine=lambda p: RevisitNote.objects.filter(author=p),
        fields=(*ENTRY, "prompt", "text"),
        refs=(Ref("revisit", "revisits", required=True),),
        circle=True,
        title_field="text",
        select=("revisit__started_by",),
    ),
    _k(
        key="circle_values",
        one=_("value or goal"),
        many=_("Values and goals you added"),
        model=CircleValue,
        mine=lambda p: CircleValue.objects.filter(added_by=p, circle__in=_in_my_circles(p)),
        fields=("created_at", "retired_at", "kind", "area", "text"),
        refs=(
            Ref("replaces", "circle_values"),
            Ref("added_in", "revisits"),
            Ref("retired_in", "revisits"),
        ),
        circle=True,
        circle_required=True,
        owner="added_by",
        author_path="added_by",
        dump_extra=_by_me("retired_by"),
        load_extra=_retired_in,
        title_field="text",
    ),
    _k(
        key="honesty_moments",
        one=_("honesty moment"),
        many=_("Honesty moments"),
        model=HonestyMoment,
        mine=lambda p: HonestyMoment.objects.filter(person=p),
        fields=("created_at", "note"),
        refs=(Ref("share", "shares"), Ref("checkin", "checkins")),
        owner="person",
        author_path="person",
        load_extra=_honesty_in,
        title_field="note",
        select=("share__author",),
    ),
    # Weathering stress together.
    _k(
        key="heavy_things",
        identity=("created_at", "circle"),
        one=_("heavy thing"),
        many=_("What's heavy"),
        model=HeavyThing,
        mine=lambda p: HeavyThing.objects.filter(author=p),
        fields=(*ENTRY, "text", "size", "resolved_at"),
        circle=True,
        circle_required=True,
        title_field="text",
    ),
    _k(
        key="routines",
        identity=("circle",),
        one=_("decompression routine"),
        many=_("How you decompress"),
        model=Routine,
        mine=lambda p: Routine.objects.filter(author=p),
        fields=(*ENTRY, "updated_at", "text"),
        circle=True,
        circle_required=True,
        title_field="text",
    ),
    _k(
        key="tasks",
        identity=("created_at", "circle", "week"),
        one=_("task"),
        many=_("Tasks you added"),
        model=Task,
        mine=lambda p: Task.objects.filter(created_by=p, circle__in=_in_my_circles(p)),
        fields=("created_at", "week", "text", "done_at"),
        refs=(Ref("copied_from", "tasks"),),
        circle=True,
        circle_required=True,
        owner="created_by",
        author_path="created_by",
        dump_extra=_task_out,
        load_extra=_task_in,
        more_context=_task_context,
        title_field="text",
        select=("carrier",),
    ),
    _k(
        key="supports",
        identity=("created_at", "circle"),
        one=_("support contact"),
        many=_("Outside support you added"),
        model=Support,
        mine=lambda p: Support.objects.filter(created_by=p, circle__in=_in_my_circles(p)),
        fields=("created_at", "updated_at", "name", "kind", "reach", "note"),
        circle=True,
        circle_required=True,
        owner="created_by",
        author_path="created_by",
        title_field="name",
    ),
    _k(
        key="signals",
        one=_("“stretched thin” signal"),
        many=_("“I'm stretched thin”"),
        model=Signal,
        mine=lambda p: Signal.objects.filter(author=p),
        fields=(*ENTRY, "helps", "text", "closed_at"),
        circle=True,
        circle_required=True,
        title_field="text",
    ),
    _k(
        key="offers",
        one=_("offer"),
        many=_("Offers when someone was stretched"),
        model=Offer,
        mine=lambda p: Offer.objects.filter(author=p),
        fields=("created_at", "choice", "text", "accepted_at"),
        refs=(Ref("signal", "signals", required=True),),
        title_field="text",
        select=("signal__author",),
    ),
    # Self-regulation.
    _k(
        key="calm_sessions",
        one=_("calm session"),
        many=_("Calm sessions"),
        model=CalmSession,
        mine=lambda p: CalmSession.objects.filter(author=p),
        fields=(
            "started_at",
            "finished_at",
            "tool",
            "pattern",
            "distress_before",
            "distress_after",
        ),
        refs=(Ref("pause", "pauses"),),
        date_field="started_at",
        title_field="tool",
        select=("pause__author",),
    ),
    # Pacing.
    _k(
        key="comforts",
        identity=("circle",),
        one=_("comfortable depth"),
        many=_("How deep you're comfortable going"),
        model=Comfort,
        mine=lambda p: Comfort.objects.filter(person=p),
        fields=("updated_at", "depth"),
        circle=True,
        circle_required=True,
        owner="person",
        author_path="person",
        date_field="updated_at",
        title_field="depth",
    ),
    _k(
        key="knocks",
        identity=("created_at", "circle"),
        one=_("“is now a good time?”"),
        many=_("Asking for a good moment first"),
        model=Knock,
        mine=lambda p: Knock.objects.filter(author=p),
        fields=(
            *ENTRY,
            "status",
            "hint",
            "text",
            "feelings",
            "depth",
            "wants",
            "goes_out_at",
            "published_at",
            "shared_early",
        ),
        refs=(Ref("checkin", "checkins"), Ref("share", "shares")),
        circle=True,
        circle_required=True,
        title_field="text",
    ),
    _k(
        key="knock_answers",
        one=_("good moment you proposed"),
        many=_("Good moments you proposed"),
        model=KnockAnswer,
        mine=lambda p: KnockAnswer.objects.filter(author=p),
        fields=("created_at", "updated_at", "at", "now_is_good"),
        refs=(Ref("knock", "knocks", required=True),),
        select=("knock__author",),
    ),
    # The API.
    _k(
        key="api_tokens",
        one=_("API token"),
        many=_("Personal API tokens"),
        model=PersonalToken,
        mine=lambda p: PersonalToken.objects.filter(person=p),
        # Names and dates only: never the token, its hash or its prefix.
        fields=("created_at", "last_used_at", "revoked_at", "name"),
        owner="person",
        author_path="person",
        not_restored=_("tokens are secrets; make new ones in Settings"),
        title_field="name",
    ),
)

if SummaryRequest is not None:
    KINDS = (
        *KINDS,
        _k(
            key="summary_requests",
            one=_("facilitator summary request"),
            many=_("Facilitator summaries you asked for"),
            model=SummaryRequest,
            # Only when and for what period: the summary itself holds others' words.
            mine=lambda p: SummaryRequest.objects.filter(asked_by=p),
            fields=(
                "created_at",
                "period_start",
                "period_end",
                "time_zone",
                "produced_at",
                "cancelled_at",
            ),
            circle=True,
            circle_required=True,
            owner="asked_by",
            author_path="asked_by",
            not_restored=NOT_RESTORED,
        ),
        _k(
            key="summary_consents",
            identity=("request",),
            one=_("consent to a summary"),
            many=_("Your consents to facilitator summaries"),
            model=Consent,
            mine=lambda p: Consent.objects.filter(person=p),
            fields=("given_at", "withdrawn_at"),
            refs=(Ref("request", "summary_requests", required=True),),
            owner="person",
            author_path="person",
            not_restored=NOT_RESTORED,
            date_field="id",
            select=("request__asked_by", "request__circle"),
        ),
    )

BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}
ORDER: dict[str, int] = {kind.key: i for i, kind in enumerate(KINDS)}


# --- Values in and out ------------------------------------------------------------------------


def dump_value(model_field: Any, value: Any) -> Any:
    """A model value as plain JSON: aware datetimes in UTC ISO 8601 (to the microsecond, so a
    round trip is exact), dates and times in ISO 8601, word lists as lists."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(model_field, WordsField):
        return list(value)
    return value


def plain_fields(kind: Kind) -> Iterable[tuple[str, Any]]:
    for name in kind.fields:
        yield name, kind.model._meta.get_field(name)
