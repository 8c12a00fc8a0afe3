from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hearthside.accounts.models import TIME_ZONE_CHOICES, Person
from hearthside.circles.models import Circle
from hearthside.rituals.models import Ritual
from hearthside.rituals.recurrence import place
from hearthside.rituals.templates import BY_SLUG, RitualTemplate

WEEKDAY_CHOICES = [(str(day), WEEKDAYS[day]) for day in range(7)]
NTH_CHOICES = [
    ("", _("Which one?")),
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]
ZONE_CHOICES = [("UTC", "UTC"), *TIME_ZONE_CHOICES]
MAX_PROMPTS = 12
MAX_PROMPT_LENGTH = 300
LEAD_CHOICES = [
    ("10", _("10 minutes before")),
    ("30", _("30 minutes before")),
    ("60", _("1 hour before")),
    ("180", _("3 hours before")),
    ("1440", _("a day before")),
]


class RitualForm(forms.ModelForm):
    """A ritual's name, schedule and agenda. `circle` is chosen only when creating: moving a
    ritual to another circle would show its history to people who weren't there."""

    template = forms.ChoiceField(
        choices=[(slug, slug) for slug in BY_SLUG], required=False, widget=forms.HiddenInput
    )
    freq = forms.ChoiceField(
        label=_("How often"), choices=Ritual.Freq.choices, widget=forms.RadioSelect
    )
    interval = forms.IntegerField(
        label=_("Repeat every"),
        help_text=_("1 means every time; 2 means every other day, week or month."),
        min_value=1,
        max_value=8,
        error_messages={
            "required": _("Choose how often it repeats — 1 means every time."),
            "invalid": _("Choose a number between 1 and 8."),
            "min_value": _("Choose a number between 1 and 8."),
            "max_value": _("Choose a number between 1 and 8."),
        },
        widget=forms.NumberInput(attrs={"min": 1, "max": 8, "inputmode": "numeric"}),
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On these days"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    monthly_nth = forms.TypedChoiceField(
        label=_("Which week"),
        choices=NTH_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    monthly_day = forms.TypedChoiceField(
        label=_("Which day"),
        choices=[("", _("Which day?")), *WEEKDAY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    at = forms.TimeField(
        label=_("At"),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        error_messages={
            "required": _("Choose a time of day."),
            "invalid": _("Write the time like 19:00."),
        },
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=ZONE_CHOICES,
        help_text=_("The time above is the time in this zone, through summer and winter."),
    )
    starts_on = forms.DateField(
        label=_("Starting"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date like 2026-03-08.")},
    )
    duration = forms.IntegerField(
        label=_("How long, in minutes"),
        min_value=5,
        max_value=240,
        error_messages={
            "required": _("Say roughly how long it takes — a guess is fine."),
            "invalid": _("Write the minutes as a number, like 20."),
            "min_value": _("Give it at least 5 minutes."),
            "max_value": _("Keep it to 4 hours (240 minutes) at most."),
        },
        widget=forms.NumberInput(attrs={"min": 5, "max": 240, "inputmode": "numeric"}),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        help_text=_("One prompt per line. You'll go through them one at a time."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    class Meta:
        model = Ritual
        fields = [
            "circle",
            "title",
            "description",
            "freq",
            "interval",
            "weekdays",
            "monthly_nth",
            "monthly_day",
            "at",
            "time_zone",
            "starts_on",
            "duration",
            "agenda",
        ]
        labels = {"circle": _("For which circle"), "title": _("Name")}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "title": {"required": _("Give your ritual a name — anything you'll recognise.")},
        }

    def __init__(
        self,
        *args: Any,
        person: Person,
        circles: QuerySet[Circle] | None = None,
        template: RitualTemplate | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].label = _("What it's for")
        if circles is None:
            del self.fields["circle"]
            del self.fields["template"]
        else:
            circle_field = self.fields["circle"]
            circle_field.queryset = circles  # type: ignore[attr-defined]
            circle_field.empty_label = None  # type: ignore[attr-defined]
            circle_field.help_text = _("Everyone in this circle will see it and can join in.")
            circle_field.error_messages["required"] = _("Choose a circle for this ritual.")
            circle_field.error_messages["invalid_choice"] = _("Choose one of your own circles.")
        if self.instance.pk:
            self.initial["weekdays"] = [str(d) for d in self.instance.weekday_list()]
            self.initial["agenda"] = "\n".join(self.instance.agenda)
        else:
            self._prefill(person, template or BY_SLUG["custom"])

    def _prefill(self, person: Person, template: RitualTemplate) -> None:
        # Template words are ours, marked with N_; they are stored in the person's language.
        self.initial.setdefault("template", template.slug)
        self.initial.setdefault("title", gettext(template.title))
        self.initial.setdefault(
            "description", gettext(template.description) if template.description else ""
        )
        self.initial.setdefault("freq", template.freq)
        self.initial.setdefault("interval", 1)
        self.initial.setdefault("weekdays", [str(d) for d in template.weekdays])
        self.initial.setdefault("at", template.at)
        zone = person.time_zone if person.time_zone in dict(ZONE_CHOICES) else "UTC"
        self.initial.setdefault("time_zone", zone)
        self.initial.setdefault("starts_on", timezone.localdate())
        self.initial.setdefault("duration", template.duration)
        self.initial.setdefault("agenda", "\n".join(gettext(p) for p in template.agenda))

    def clean_template(self) -> str:
        return self.cleaned_data.get("template") or "custom"

    def clean_at(self) -> time:
        # Occurrences are named by the minute (in URLs and calendars), so seconds go.
        at: time = self.cleaned_data["at"]
        return at.replace(second=0, microsecond=0)

    def clean_weekdays(self) -> str:
        # Stored as "0,6" (0=Monday … 6=Sunday), the model's own format.
        return ",".join(sorted(set(self.cleaned_data["weekdays"]), key=int))

    def clean_agenda(self) -> list[str]:
        prompts = [line.strip() for line in self.cleaned_data["agenda"].splitlines()]
        prompts = [p for p in prompts if p]
        if len(prompts) > MAX_PROMPTS:
            raise forms.ValidationError(
                _("Keep the agenda to %(most)s prompts — fewer is often better."),
                code="too_many",
                params={"most": MAX_PROMPTS},
            )
        if any(len(p) > MAX_PROMPT_LENGTH for p in prompts):
            raise forms.ValidationError(
                _("Each prompt can be up to %(most)s characters. Try splitting a long one."),
                code="too_long",
                params={"most": MAX_PROMPT_LENGTH},
            )
        return prompts

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        freq = data.get("freq")
        if freq == Ritual.Freq.WEEKLY:
            if "weekdays" in data and not data["weekdays"]:
                self.add_error("weekdays", _("Choose at least one day of the week."))
        else:
            data["weekdays"] = ""
        if freq == Ritual.Freq.MONTHLY:
            if data.get("monthly_nth") is None or data.get("monthly_day") is None:
                self.add_error(
                    "monthly_nth",
                    _("Choose which week and which day — for example, the first Sunday."),
                )
        else:
            data["monthly_nth"] = data["monthly_day"] = None
        return data


class ReminderForm(forms.Form):
    lead_minutes = forms.TypedMultipleChoiceField(
        label=_("Remind me"),
        help_text=_("Leave them all unticked for no reminders."),
        choices=LEAD_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the times listed.")},
    )

    def clean_lead_minutes(self) -> list[int]:
        return sorted(set(self.cleaned_data["lead_minutes"]), reverse=True)


class NoteForm(forms.Form):
    """My note on one agenda prompt: private unless I tick the box."""

    text = forms.CharField(
        label=_("Your note"),
        help_text=_("Optional. Only you will see it unless you share it."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    shared = forms.BooleanField(label=_("Share with the circle"), required=False)


class DoneForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who was there?"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one person who was there."),
            "invalid_choice": _("Choose from the people in this circle."),
            "invalid_pk_value": _("Choose from the people in this circle."),
        },
    )

    def __init__(self, *args: Any, members: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attendees"]
        field.queryset = members  # type: ignore[attr-defined]
        field.label_from_instance = lambda person: person.name  # type: ignore[attr-defined]


class WallClockField(BaseTemporalField):
    """A date and time as typed, without a zone: the form places it in the right one. (Django's
    DateTimeField reads it in the current zone and refuses a time in a spring-forward gap
    instead of moving it forward, as the schedule does.)"""

    widget = forms.DateTimeInput

    def strptime(self, value: str, format: str) -> datetime:
        return datetime.strptime(value, format)


class MoveForm(forms.Form):
    """A new time for one occurrence, in the mover's own time zone."""

    to = WallClockField(
        label=_("Move to"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        error_messages={
            "required": _("Choose the new day and time."),
            "invalid": _("Write the new time like 2026-03-08 19:00."),
        },
    )

    def __init__(self, *args: Any, time_zone: str, **kwargs: Any) -> None:
        self.time_zone = time_zone
        super().__init__(*args, **kwargs)

    def clean_to(self) -> datetime:
        moment: datetime = self.cleaned_data["to"]
        # Read as a wall-clock time in the person's zone; a time in a spring-forward gap
        # moves forward, as it does for the schedule itself.
        return place(moment, self.time_zone)


def lead_words(minutes: int) -> str:
    return str(dict(LEAD_CHOICES).get(str(minutes), minutes))
