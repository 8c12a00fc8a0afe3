"""Forms for bringing a file in and for deleting an account."""

from __future__ import annotations

from typing import Any

from allauth.core import ratelimit
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hearthside.data.deletion import CONFIRM_PHRASE
from hearthside.data.sources import MAX_UPLOAD, ImportProblem, check_size

SOURCE_CHOICES = [
    ("hearthside", _("A Hearthside export (.json, or the .zip)")),
    ("jrnl", _("jrnl (the JSON from “jrnl --export json”)")),
    ("daylio", _("Daylio (the CSV from Export entries)")),
]


class ImportForm(forms.Form):
    source = forms.ChoiceField(
        label=_("What kind of file is it?"),
        choices=SOURCE_CHOICES,
        initial="hearthside",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of file this is.")},
    )
    file = forms.FileField(
        label=_("The file"),
        help_text=_("Up to 20 MB. Nothing is brought in until you've seen what's in it."),
        error_messages={
            "required": _("Choose a file to bring in."),
            "empty": _("That file is empty. Choose the file your export made."),
        },
    )
    apply_settings = forms.BooleanField(
        label=_("Also use the settings in a Hearthside export (name, time zone, quiet hours)"),
        required=False,
        initial=True,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except ImportProblem as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload

    def read(self) -> bytes:
        upload = self.cleaned_data["file"]
        return b"".join(upload.chunks())[: MAX_UPLOAD + 1]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your password, so we know it's you.")},
    )
    confirm = forms.CharField(
        label=_("Type “%(phrase)s” to confirm") % {"phrase": CONFIRM_PHRASE},
        error_messages={"required": _("Type the words above to confirm.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, request: HttpRequest, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.person = person

    def clean_confirm(self) -> str:
        typed = " ".join(self.cleaned_data["confirm"].split()).casefold()
        if typed != CONFIRM_PHRASE:
            raise forms.ValidationError(
                _("Type exactly “%(phrase)s”. Nothing has been deleted.")
                % {"phrase": CONFIRM_PHRASE}
            )
        return typed

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        try:
            right = check_password(self.request, self.person, password)
        except TooManyTries as exc:
            raise forms.ValidationError(
                _("Too many tries. Wait a minute, then try again. Nothing has been deleted.")
            ) from exc
        if not right:
            raise forms.ValidationError(
                _("That isn't your password. Nothing has been deleted; try again.")
            )
        return password


class TooManyTries(Exception):
    """Too many wrong passwords in a minute."""


def check_password(request: HttpRequest, person: Any, password: str) -> bool:
    """Whether `password` is the person's, with allauth's "reauthenticate" rate limit (10 wrong
    tries a minute per person) so a borrowed session or token can't guess it."""
    if not ratelimit.consume(request, action="reauthenticate", user=person, dry_run=True):
        raise TooManyTries
    if person.check_password(password):
        return True
    ratelimit.consume(request, action="reauthenticate", user=person)
    return False
