from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.needs import actions
from hearthside.needs.models import KIND_HINTS, Kind, Met, Response
from hearthside.zones import zone_named

# The gentle shape of a request, offered under the field and as its placeholder.
OUTLINE = _("When …, I feel … because I need …. Would you be willing to …?")
# A proposed time further off than this is not "not now", it's "no".
LATEST_PROPOSAL = timedelta(days=366)


def in_zone(moment: datetime, time_zone: str) -> datetime:
    """A wall-clock time (naive) read in the person's zone (UTC if theirs is unknown). fold=0:
    a time in a spring-forward gap moves forward; a repeated one is the first."""
    zone = zone_named(time_zone)
    return moment.replace(tzinfo=zone, fold=0)


class WallClockField(BaseTemporalField):
    """A date and time as typed in a datetime-local box, without a zone; the form places it
    in the person's own zone. (Django's DateTimeField refuses a time in a spring-forward gap;
    here it moves forward by the gap, as ritual times do.)"""

    widget = forms.DateTimeInput
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
    default_error_messages = {"invalid": _("Write the time like 2026-03-08 19:00.")}

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        parsed: datetime | None = super().to_python(value)
        return parsed

    def strptime(self, value: str, format: str) -> datetime:
        return datetime.strptime(value, format)


def _person_choices(person: Person) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices, one group per circle: "<circle>-<person>" → the person's name, with the
    circle's name too when they share more than one circle with me (a closed select shows only
    the option, not its group)."""
    groups = [
        (circle, actions.askable(person, circle))
        for circle in visibility.circles_of(person).order_by("name", "id")
    ]
    seen: dict[int, int] = {}
    for _circle, members in groups:
        for m in members:
            seen[m.pk] = seen.get(m.pk, 0) + 1
    return [
        (
            circle.name,
            [
                (f"{circle.pk}-{m.pk}", f"{m.name} ({circle.name})" if seen[m.pk] > 1 else m.name)
                for m in members
            ],
        )
        for circle, members in groups
        if members
    ]


class AskForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Who would you like to ask?"),
        help_text=_("Only the two of you will see this — not the rest of the circle."),
        error_messages={
            "required": _("Choose who you'd like to ask."),
            "invalid_choice": _("You can ask someone who shares a circle with you."),
        },
    )
    kind = forms.ChoiceField(
        label=_("What do you need?"),
        widget=forms.RadioSelect,
        choices=[
            (value, format_lazy("{} — {}", label, KIND_HINTS[value]))
            for value, label in Kind.choices
        ],
        error_messages={
            "required": _("Pick the kind of thing you need — “something else” fits anything."),
            "invalid_choice": _("Pick one of the kinds listed — “something else” fits anything."),
        },
    )
    text = forms.CharField(
        label=_("In your own words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": OUTLINE}),
        help_text=format_lazy(
            "{} “{}”",
            _(
                "Say what you feel and need, and what would help — without blame. "
                "One shape that works:"
            ),
            OUTLINE,
        ),
        error_messages={
            "required": _("Write a few words so they know what you're asking for."),
            "max_length": _(
                "Please keep it under %(limit_value)d characters — shorter asks land more softly."
            ),
        },
    )
    by_when = forms.DateField(
        label=_("By when? (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write the day like 2026-03-08, or leave it empty.")},
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        choices = _person_choices(person)
        self.has_people = bool(choices)
        to = self.fields["to"]
        to.choices = [("", _("Choose someone")), *choices]  # type: ignore[attr-defined]

    def clean_to(self) -> tuple[Circle, Person]:
        value: str = self.cleaned_data["to"]
        circle_id, _sep, person_id = value.partition("-")
        circle = visibility.circles_of(self.person).filter(pk=circle_id).first()
        recipient = None
        if circle is not None:
            recipient = next(
                (m for m in actions.askable(self.person, circle) if str(m.pk) == person_id), None
            )
        if circle is None or recipient is None:
            raise forms.ValidationError(
                _("You can ask someone who shares a circle with you."), code="invalid_choice"
            )
        return circle, recipient

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(
                _("Write a few words so they know what you're asking for."), code="required"
            )
        return text

    def clean_by_when(self) -> date | None:
        day: date | None = self.cleaned_data["by_when"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(
                _("That day has already passed. Choose today or later, or leave it empty."),
                code="past",
            )
        return day


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=Response.choices,
        error_messages={
            "required": _("Choose an answer — “let's talk” is always fine."),
            "invalid_choice": _("Choose one of the answers listed."),
        },
    )
    proposed_for = WallClockField(
        label=_("When would work?"),
        required=False,
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        help_text=_("For “not now”: a time you can give this your attention."),
    )
    note = forms.CharField(
        label=_("A few words (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Please keep it under %(limit_value)d characters.")},
    )

    def __init__(self, *args: Any, time_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone

    def clean_proposed_for(self) -> datetime | None:
        moment: datetime | None = self.cleaned_data["proposed_for"]
        if moment is None:
            return None
        return in_zone(moment, self.time_zone)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("response") != Response.NOT_NOW:
            data["proposed_for"] = None
            return data
        moment = data.get("proposed_for")
        if "proposed_for" in self.errors:
            return data
        now = timezone.now()
        if moment is None:
            self.add_error(
                "proposed_for",
                forms.ValidationError(
                    _("Suggest a time that would work — a rough one is fine."), code="required"
                ),
            )
        elif moment <= now:
            self.add_error(
                "proposed_for",
                forms.ValidationError(_("Choose a time that's still to come."), code="past"),
            )
        elif moment > now + LATEST_PROPOSAL:
            self.add_error(
                "proposed_for",
                forms.ValidationError(_("Choose a time within the next year."), code="too_far"),
            )
        return data


class MetForm(forms.Form):
    met = forms.ChoiceField(
        label=_("How did it go?"),
        widget=forms.RadioSelect,
        choices=Met.choices,
        error_messages={
            "required": _("Choose one — “partly” and “not yet” are honest answers too."),
            "invalid_choice": _("Choose one of the answers listed."),
        },
    )
    note = forms.CharField(
        label=_("A few words (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("They'll see this too. What helped, or what would still help?"),
        error_messages={"max_length": _("Please keep it under %(limit_value)d characters.")},
    )
