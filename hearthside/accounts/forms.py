from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hearthside.accounts.models import TIME_ZONE_CHOICES, Person


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


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES)

    class Meta:
        model = Person
        fields = ["display_name", "time_zone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
