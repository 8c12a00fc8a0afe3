"""Forms for intentions, values and goals, the revisit cadence, revisit notes and honesty
moments. Every message says what to do next, and nothing typed is lost when one shows."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hearthside.circles.models import Circle
from hearthside.values.models import (
    ITEM_MAX,
    MOMENT_NOTE_MAX,
    NOTE_MAX,
    TAKEAWAY_MAX,
    TEXT_MAX,
    CircleValue,
    Intention,
)
from hearthside.values.words import AREAS, CADENCES, HOPES

HOPE_CHOICES = [(h.slug, format_lazy("{} — {}", h.label, h.hint)) for h in HOPES]
CADENCE_CHOICES = [(str(months), label) for months, label in CADENCES]


class IntentionForm(forms.ModelForm):
    """What I hope opening up brings. The circle is chosen once, when writing it: sharing an
    old private one later would show it only to some of the people there (see visibility)."""

    hopes = forms.MultipleChoiceField(
        label=_("What I hope it brings"),
        help_text=_("Pick any that fit — or none, and say it in your own words."),
        choices=HOPE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the hopes listed.")},
    )
    circle = forms.ModelChoiceField(
        label=_("Who sees it"),
        queryset=Circle.objects.none(),
        required=False,
        empty_label=_("Just me — keep it private"),
        help_text=_("Private unless you choose a circle. You can take a shared one back later."),
        error_messages={"invalid_choice": _("Choose one of your own circles, or just you.")},
    )

    class Meta:
        model = Intention
        fields = ["circle", "hopes", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX})}
        labels = {"text": _("In your own words")}
        help_texts = {
            "text": _("Optional. “I hope that if I say more of what I feel, we…”"),
        }
        error_messages = {
            "text": {
                "max_length": _("Keep it to %(limit_value)s characters — this has %(show_value)s.")
            }
        }

    def __init__(self, *args: Any, circles: QuerySet[Circle] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if circles is None:
            del self.fields["circle"]
        else:
            self.fields["circle"].queryset = circles  # type: ignore[attr-defined]

    def clean_hopes(self) -> list[str]:
        chosen = set(self.cleaned_data["hopes"])
        # Keep our list's order whatever order they arrive in.
        return [h.slug for h in HOPES if h.slug in chosen]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("hopes") and not (data.get("text") or "").strip() and not self.errors:
            raise forms.ValidationError(
                _("Pick at least one hope, or write a few words of your own."), code="empty"
            )
        return data


class ItemForm(forms.Form):
    """A new value or goal for the circle."""

    kind = forms.ChoiceField(
        label=_("Is it a value or a goal?"),
        choices=[
            ("value", _("A value — how we want to be with each other")),
            ("goal", _("A goal — something we're working toward")),
        ],
        initial="value",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether this is a value or a goal.")},
    )
    area = forms.ChoiceField(
        label=_("Part of life (for goals)"),
        choices=[("", _("Choose one…")), *AREAS],
        required=False,
        error_messages={"invalid_choice": _("Choose one of the parts of life listed.")},
    )
    text = forms.CharField(
        label=_("In a few words"),
        max_length=ITEM_MAX,
        widget=forms.TextInput(attrs={"maxlength": ITEM_MAX, "autocomplete": "off"}),
        error_messages={
            "required": _("Write a few words — “honesty, even when it's awkward” is plenty."),
            "max_length": _("Keep it short — %(limit_value)s characters at most."),
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "goal" and not data.get("area"):
            self.add_error("area", _("Choose which part of life this goal belongs to."))
        if data.get("kind") == "value":
            data["area"] = ""
        return data


class ChangeForm(forms.Form):
    """New words for a value or goal (the old ones stay in the history)."""

    text = forms.CharField(
        label=_("New words"),
        max_length=ITEM_MAX,
        widget=forms.TextInput(attrs={"maxlength": ITEM_MAX, "autocomplete": "off"}),
        error_messages={
            "required": _("Write the new words, or go back to keep it as it is."),
            "max_length": _("Keep it short — %(limit_value)s characters at most."),
        },
    )
    area = forms.ChoiceField(
        label=_("Part of life"),
        choices=AREAS,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the parts of life listed.")},
    )

    def __init__(self, *args: Any, item: CircleValue, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"text": item.text, "area": item.area})
        super().__init__(*args, **kwargs)
        self.item = item
        if item.kind == CircleValue.Kind.VALUE:
            del self.fields["area"]

    def clean_area(self) -> str:
        return self.cleaned_data.get("area") or self.item.area or "other"


class CadenceForm(forms.Form):
    every_months = forms.TypedChoiceField(
        label=_("How often shall we look at these together?"),
        choices=CADENCE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often — or “no schedule”.")},
    )
    next_due_on = forms.DateField(
        label=_("Next time"),
        required=False,
        help_text=_("A reminder comes that morning. Leave it empty and we'll count from today."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date like 2026-06-01.")},
    )

    def clean_next_due_on(self) -> date | None:
        day: date | None = self.cleaned_data.get("next_due_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a day still to come."), code="past")
        return day


class NoteForm(forms.Form):
    """My note at one prompt of a revisit: seen by the circle unless I keep it to myself."""

    text = forms.CharField(
        label=_("Your note"),
        help_text=_(
            "Optional, and short is fine. Change it or empty it any time until you finish."
        ),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX}),
        error_messages={"max_length": _("Keep it to %(limit_value)s characters — a few lines.")},
    )
    just_for_me = forms.BooleanField(label=_("Keep this note just for me"), required=False)


class FinishForm(forms.Form):
    takeaway = forms.CharField(
        label=_("What we take from this"),
        help_text=_("Optional: a line or two the circle will see next time."),
        required=False,
        max_length=TAKEAWAY_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TAKEAWAY_MAX}),
        error_messages={"max_length": _("Keep it to %(limit_value)s characters.")},
    )
    every_months = forms.TypedChoiceField(
        label=_("When shall we look again?"),
        choices=CADENCE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when to look again — or “no schedule”.")},
    )


class MomentForm(forms.Form):
    note = forms.CharField(
        label=_("A few words for yourself"),
        help_text=_("Optional. What did you understand, or feel understood in? Only you see this."),
        required=False,
        max_length=MOMENT_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MOMENT_NOTE_MAX}),
        error_messages={"max_length": _("Keep it to %(limit_value)s characters.")},
    )
