"""The form for a circle's agreements: cool-off bounds, pause phrases and repair style."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearthside.repair.models import Agreement, Pause

# A pause carries its phrase, so each phrase must fit there.
PHRASE_MAX = Pause._meta.get_field("phrase").max_length or 300
MAX_PHRASES = 10
EMPTY_PHRASES = _("Add at least one phrase, so a pause always has words to go with it.")


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["phrases", "cool_off_min", "cool_off_max", "style"]
        widgets = {
            "phrases": forms.Textarea(attrs={"rows": 3}),
            "cool_off_min": forms.NumberInput(attrs={"min": 5, "max": 24 * 60, "step": 1}),
            "cool_off_max": forms.NumberInput(attrs={"min": 10, "max": 7 * 24 * 60, "step": 1}),
            "style": forms.RadioSelect,
        }
        labels = {
            "phrases": _("Words that mean “pause, not leave”"),
            "cool_off_min": _("Shortest cool-off, in minutes"),
            "cool_off_max": _("Longest cool-off, in minutes"),
            "style": _("How we like to talk it through"),
        }
        help_texts = {
            "phrases": _(
                "One per line. Whoever calls a pause picks one, "
                "and the others see it straight away."
            ),
            "cool_off_min": _(
                "A racing heart takes about 20 minutes to settle, so that's a good place to start."
            ),
            "cool_off_max": _(
                "After this long we'll gently remind you both to come back. "
                "A day is 1440 minutes; an hour is 60."
            ),
        }
        error_messages = {
            "phrases": {"required": EMPTY_PHRASES},
            "cool_off_min": {
                "required": _("Say how long the shortest cool-off should be, in minutes."),
                "min_value": _("Give it at least 5 minutes — a body needs time to calm down."),
                "max_value": _("The shortest cool-off can be a day (1440 minutes) at most."),
                "invalid": _("Write a whole number of minutes, like 20."),
            },
            "cool_off_max": {
                "required": _("Say how long the longest cool-off should be, in minutes."),
                "min_value": _("Make the longest cool-off at least 10 minutes."),
                "max_value": _("The longest cool-off can be a week (10080 minutes) at most."),
                "invalid": _("Write a whole number of minutes, like 1440."),
            },
        }

    def clean_phrases(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["phrases"].splitlines()]
        phrases = [line for line in lines if line]
        if not phrases:
            raise forms.ValidationError(EMPTY_PHRASES, code="empty")
        if len(phrases) > MAX_PHRASES:
            raise forms.ValidationError(
                _("Keep it to %(count)d phrases or fewer — fewer is easier to reach for."),
                code="too_many",
                params={"count": MAX_PHRASES},
            )
        if any(len(phrase) > PHRASE_MAX for phrase in phrases):
            raise forms.ValidationError(
                _("Each phrase can be up to %(limit)d characters. Shorter ones are easier to say."),
                code="too_long",
                params={"limit": PHRASE_MAX},
            )
        return "\n".join(phrases)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shortest, longest = data.get("cool_off_min"), data.get("cool_off_max")
        if shortest is not None and longest is not None and shortest >= longest:
            self.add_error(
                "cool_off_max",
                forms.ValidationError(
                    _(
                        "The longest cool-off needs to be longer than the shortest one, "
                        "so there's time to come back in between."
                    ),
                    code="min_not_below_max",
                ),
            )
        return data
