from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hearthside import vocab
from hearthside.accounts.models import Person
from hearthside.circles.visibility import circles_of
from hearthside.practice.models import CheckIn, Share

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _words_field(choices: list[tuple[str, str]], label: StrOrPromise) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


def _flat(grouped: list[tuple[str, list[tuple[str, str]]]]) -> list[tuple[str, str]]:
    return [choice for _group, choices in grouped for choice in choices]


class CheckInForm(forms.ModelForm):
    feelings = _words_field(_flat(vocab.feeling_choices()), _("Feelings"))
    body_signals = _words_field(vocab.body_signal_choices(), _("In my body"))
    needs = _words_field(_flat(vocab.need_choices()), _("What I need"))

    class Meta:
        model = CheckIn
        fields = ["mood", "energy", "feelings", "body_signals", "needs", "situation", "note"]
        widgets = {
            "mood": forms.RadioSelect,
            "energy": forms.RadioSelect,
            "situation": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"mood": _("Mood"), "energy": _("Energy"), "situation": _("What's happening")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # ModelForm adds an empty "---------" radio for optional choices; a person simply
        # leaves the scale untouched instead.
        for name in ("mood", "energy"):
            field = self.fields[name]
            field.choices = [c for c in field.choices if c[0] != ""]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(
            data.get(name)
            for name in ("mood", "energy", "feelings", "body_signals", "needs", "situation", "note")
        ):
            raise forms.ValidationError(
                _("A check-in needs at least one thing — a mood, a feeling, or a few words."),
                code="empty",
            )
        return data


class ShareForm(forms.ModelForm):
    feelings = _words_field(_flat(vocab.feeling_choices()), _("Feelings"))

    class Meta:
        model = Share
        fields = ["circle", "text", "feelings", "depth", "wants"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "depth": forms.RadioSelect,
            "wants": forms.RadioSelect,
        }
        labels = {
            "circle": _("Share with"),
            "text": _("What you'd like to share"),
            "depth": _("How deep does this go?"),
            "wants": _("What would help from them?"),
        }
        error_messages = {
            "text": {"required": _("Write a few words first — even one sentence is enough.")},
        }

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        circle_field = self.fields["circle"]
        circle_field.queryset = circles_of(person)  # type: ignore[attr-defined]
        circle_field.required = True
        circle_field.help_text = _("Only the people in this circle will see it.")
        circle_field.empty_label = None  # type: ignore[attr-defined]
        circle_field.error_messages["required"] = _("Choose who to share this with.")
        circle_field.error_messages["invalid_choice"] = _(
            "You can only share with a circle you're part of."
        )
        # Each choice carries its one-line meaning, so nobody has to guess what "deep" means.
        for name, options in (("depth", vocab.SHARE_DEPTHS), ("wants", vocab.SHARE_WANTS)):
            self.fields[name].choices = [  # type: ignore[attr-defined]
                (slug, format_lazy("{} — {}", _(label), _(help_text)))
                for slug, label, help_text in options
            ]


class ReplyForm(forms.Form):
    reflect = forms.CharField(
        label=_("What I hear"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say back, in your own words, what you heard — especially the feelings."),
    )
    validation = forms.CharField(
        label=_("It makes sense that…"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Let them know their feelings make sense, even if you see it differently."),
    )
    question = forms.CharField(
        label=_("A question, to understand better"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. Curious, not leading: “What was the hardest part?”"),
    )
    # Set by the "send it as it is" button after a nudge, so a nudge never blocks anybody.
    send_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(k) or "").strip() for k in ("reflect", "validation", "question")):
            raise forms.ValidationError(
                _("Write at least one part — even one line saying what you heard."), code="empty"
            )
        return data


class ThankForm(forms.Form):
    text = forms.CharField(
        label=_("Your thank-you"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a few words of thanks, or skip this for now.")},
    )


class JournalFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    feeling = forms.ChoiceField(
        label=_("Feeling"),
        required=False,
        choices=[("", _("Any feeling")), *vocab.feeling_choices()],
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    # The paging cursor: show entries written before this moment.
    before = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("start")
        end: date | None = data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        return data
