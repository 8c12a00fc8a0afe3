from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hearthside.pacing import actions
from hearthside.pacing.models import DEFAULT_COMFORT
from hearthside.rituals.forms import WallClockField as _WallClockField
from hearthside.rituals.recurrence import place
from hearthside.zones import zone_named

# What each comfort setting means for the people sharing with me, in my words.
COMFORT_CHOICES = [
    ("light", _("Light"), _("Ask me first before anything medium or deep.")),
    ("medium", _("Medium"), _("Ask me first before something deep.")),
    ("deep", _("Deep"), _("Share whenever you like; no need to ask.")),
]

EVENING = time(20, 0)


class WallClockField(_WallClockField):
    """Optional here: a request without the field at all is simply "no time typed"."""

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        return super().to_python(value)  # type: ignore[no-any-return]


class ComfortForm(forms.Form):
    depth = forms.ChoiceField(
        label=_("How deep can a share go without asking you first?"),
        choices=[
            (slug, format_lazy("{} — {}", label, help)) for slug, label, help in COMFORT_CHOICES
        ],
        widget=forms.RadioSelect,
        initial=DEFAULT_COMFORT,
        error_messages={
            "required": _("Choose one of the three."),
            "invalid_choice": _("Choose one of the three."),
        },
    )


class HintForm(forms.Form):
    hint = forms.CharField(
        label=_("A hint of what it's about (optional)"),
        required=False,
        max_length=80,
        help_text=_(
            "Only if you'd like them to know, e.g. “about my mum”. They see it in the app, "
            "never in an email. Your words stay with you until the moment comes."
        ),
        error_messages={"max_length": _("Keep the hint to a few words (80 letters at most).")},
    )


class AnswerForm(forms.Form):
    """A listener's "when", read in their own time zone."""

    WHEN = [
        ("now", _("Now is good")),
        ("hour", _("In an hour")),
        ("evening", _("This evening")),
        ("tomorrow", _("Tomorrow evening")),
        ("at", _("Suggest this time")),
    ]

    when = forms.ChoiceField(choices=WHEN, widget=forms.HiddenInput)
    at = WallClockField(
        label=_("Or choose a day and time"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        error_messages={"invalid": _("Write the time like 2026-03-08 19:00.")},
    )

    def __init__(self, *args: Any, time_zone: str, now: datetime, author_name: str, **kwargs: Any):
        self.time_zone = time_zone
        self.now = now
        self.author_name = author_name
        super().__init__(*args, **kwargs)

    def presets(self) -> list[tuple[str, str]]:
        """The quick choices that make sense at this hour (no "this evening" late at night)."""
        return [(v, str(label)) for v, label in self.WHEN[1:4] if self.moment_for(v) is not None]

    def moment_for(self, when: str) -> datetime | None:
        local = self.now.astimezone(zone_named(self.time_zone)).replace(tzinfo=None)
        if when == "hour":
            return self.now + timedelta(hours=1)
        if when == "evening":
            if local.time() >= time(19, 0):
                return None
            return place(datetime.combine(local.date(), EVENING), zone_named(self.time_zone).key)
        if when == "tomorrow":
            tomorrow = local.date() + timedelta(days=1)
            return place(datetime.combine(tomorrow, EVENING), zone_named(self.time_zone).key)
        return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        when = data.get("when")
        if when is None:
            raise forms.ValidationError(_("Choose when would be good for you."), code="when")
        moment: datetime | None
        if when == "now":
            moment = None
        elif when == "at":
            typed = data.get("at")
            if typed is None:
                if "at" not in self.errors:
                    self.add_error("at", _("Choose the day and time that would suit you."))
                return data
            moment = place(typed, zone_named(self.time_zone).key)
        else:
            moment = self.moment_for(when)
            if moment is None:
                raise forms.ValidationError(
                    _("That choice has passed for today — pick another moment."), code="preset"
                )
        if moment is not None:
            problem = actions.moment_problem(moment, self.now)
            if problem == "past":
                self.add_error(
                    "at" if when == "at" else None,
                    _("That time has already passed — choose a moment ahead, or say now is good."),
                )
            elif problem == "far":
                self.add_error(
                    "at" if when == "at" else None,
                    _(
                        "That's more than two weeks away. Pick something sooner, or talk it "
                        "over with %(name)s in person."
                    )
                    % {"name": self.author_name},
                )
        data["moment"] = moment
        return data
