"""The only thing the toolkit asks: how strong it feels, 0 to 10, before and after. Optional."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearthside.calm import tools

SCALE = [(n, str(n)) for n in range(tools.DISTRESS_MIN, tools.DISTRESS_MAX + 1)]


def _distress_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Pick a number from 0 to 10, or leave it blank — that's fine too.")
        },
    )


class BeforeForm(forms.Form):
    distress = _distress_field(_("How strong is it right now?"))


class AfterForm(forms.Form):
    distress = _distress_field(_("And now?"))
