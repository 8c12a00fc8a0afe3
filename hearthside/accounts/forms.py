from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hearthside.accounts.models import TIME_ZONE_CHOICES, Person

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form: the name others in a circle will see."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=60,
        help_text=_("How people in your circles will see you. A first name is plenty."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIME_ZONE_CHOICES,
        initial="UTC",
        required=False,
        widget=forms.Select(attrs={"data-detect-timezone": "true"}),
    )

    def signup(self, request: HttpRequest, user: Person) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.time_zone = self.cleaned_data.get("time_zone") or "UTC"
        user.save(update_fields=["display_name", "time_zone"])


def _quiet_field(label: StrOrPromise) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        error_messages={"invalid": _("Write the time like 22:00.")},
    )


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES)
    # Quiet hours are the person's, not a ritual's: reminders wait until they end.
    quiet_from = _quiet_field(_("Quiet from"))
    quiet_until = _quiet_field(_("Quiet until"))
    coach_enabled = forms.BooleanField(
        label=_("Gentle wording notes"),
        required=False,
        help_text=_(
            "Gentle notes under what you type, suggesting softer wording. They never stop you "
            "sending. The coach reads your words on this server only to make the notes; it "
            "keeps nothing and sends nothing anywhere else."
        ),
    )

    class Meta:
        model = Person
        fields = ["display_name", "time_zone", "quiet_from", "quiet_until", "coach_enabled"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("quiet_from"), data.get("quiet_until")
        if "quiet_from" in data and "quiet_until" in data and (start is None) != (end is None):
            self.add_error(
                "quiet_until" if end is None else "quiet_from",
                _("Set both a start and an end for quiet hours, or leave both empty."),
            )
        elif start is not None and start == end:
            self.add_error("quiet_until", _("Quiet hours need to end at a different time."))
        return data
