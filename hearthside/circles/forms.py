from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hearthside.circles.models import Circle


class CircleForm(forms.ModelForm):
    class Meta:
        model = Circle
        fields = ["name", "kind"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"name": _("Name your circle"), "kind": _("Who is it for?")}
        help_texts = {
            "name": _("Something warm you'll both recognise, like “Us” or “Sunday walkers”.")
        }
        error_messages = {
            "name": {"required": _("Give your circle a name — you can change it later.")}
        }
