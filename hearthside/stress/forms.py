"""Forms for the stress plan and the stretched-thin signal. Each keeps everything typed when
it comes back with something to fix, and says what to fix in plain words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hearthside.accounts.models import Person
from hearthside.circles.models import Circle
from hearthside.stress import words
from hearthside.stress.models import NOTE_MAX, ROUTINE_MAX, TEXT_MAX

NOBODY = ""


class HeavyForm(forms.Form):
    text = forms.CharField(
        label=_("What's heavy right now"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A few words is plenty: “Dad's hospital appointments”, “the deadline”."),
        error_messages={
            "required": _("Write a few words about what's weighing on you."),
            "max_length": _("Keep it to %(limit_value)s characters — the short version is enough."),
        },
    )
    size = forms.ChoiceField(
        label=_("How heavy does it feel?"),
        choices=[(NOBODY, _("Rather not say")), *words.SIZES],
        required=False,
        widget=forms.RadioSelect,
    )


class RoutineForm(forms.Form):
    text = forms.CharField(
        label=_("How I come down after a hard day"),
        max_length=ROUTINE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What helps you land, and what the others can do (or leave be): “Twenty minutes "
            "alone after work, then a walk.” Leave it empty to take it away."
        ),
        error_messages={
            "max_length": _("Keep it to %(limit_value)s characters — the short version is enough.")
        },
    )


def _member_choices(members: list[Person], me: Person) -> list[tuple[str, str]]:
    return [(NOBODY, str(_("Not decided yet")))] + [
        (str(m.pk), str(_("Me")) if m.pk == me.pk else m.name) for m in members
    ]


class TaskForm(forms.Form):
    text = forms.CharField(
        label=_("What needs doing"),
        max_length=200,
        help_text=_("“School run”, “Cook Monday to Wednesday”, “Ring the plumber”."),
        error_messages={
            "required": _("Write what needs doing — a few words is enough."),
            "max_length": _("Keep it to %(limit_value)s characters."),
        },
    )
    carrier = forms.ChoiceField(label=_("Who's taking it"), required=False)

    def __init__(self, *args: Any, members: list[Person], me: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {m.pk: m for m in members}
        field = self.fields["carrier"]
        field.choices = _member_choices(members, me)  # type: ignore[attr-defined]
        field.error_messages["invalid_choice"] = _(
            "Choose someone who is in this circle now, or leave it open."
        )

    def clean_carrier(self) -> Person | None:
        value = self.cleaned_data.get("carrier") or ""
        return self.members.get(int(value)) if value.isdigit() else None


class SupportForm(forms.Form):
    name = forms.CharField(
        label=_("Who"),
        max_length=100,
        help_text=_("“Mum”, “Priya next door”, “Our counsellor”."),
        error_messages={"required": _("Say who this is — a first name is fine.")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of support"),
        choices=words.SUPPORT_KINDS,
        error_messages={"required": _("Choose the kind that fits best — “Someone else” is fine.")},
    )
    reach = forms.CharField(
        label=_("How to reach them"),
        max_length=200,
        required=False,
        help_text=_("A phone number, an email, “message first”, or “drop round”."),
    )
    note = forms.CharField(
        label=_("A note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What they can help with, and when: “Can take the kids on Tuesdays.”"),
    )


class SignalForm(forms.Form):
    circle = forms.ModelChoiceField(
        label=_("Who to tell"),
        queryset=Circle.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who to tell."),
            "invalid_choice": _("You can only tell a circle you're part of."),
        },
    )
    helps = forms.MultipleChoiceField(
        label=_("What would help"),
        choices=words.HELPS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose any that fit. Only these go in the notification the others get."),
    )
    text = forms.CharField(
        label=_("Anything else, in your own words"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Only the people in the circle see this, in the app."),
    )

    def __init__(self, *args: Any, circles: QuerySet[Circle], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["circle"].queryset = circles  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("helps") and not (data.get("text") or "").strip():
            raise forms.ValidationError(
                _("Choose what would help, or say it in a few words — either is enough."),
                code="empty",
            )
        return data


class OfferForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("A quick offer"),
        choices=[(NOBODY, ""), *words.QUICK_OFFERS],
        required=False,
        error_messages={"invalid_choice": _("Choose one of the offers shown.")},
    )
    text = forms.CharField(
        label=_("Or in your own words"),
        max_length=TEXT_MAX,
        required=False,
        error_messages={"max_length": _("Keep it to %(limit_value)s characters.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("choice") and not (data.get("text") or "").strip():
            raise forms.ValidationError(
                _("Pick one of the quick offers, or write a few words of your own."), code="empty"
            )
        return data
