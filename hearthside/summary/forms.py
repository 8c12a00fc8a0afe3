from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.summary import actions

# The period offered first: the last four weeks, today included.
DEFAULT_DAYS = 28


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProposeForm(forms.Form):
    circle = forms.TypedChoiceField(
        label=_("Which circle?"),
        coerce=int,
        error_messages={
            "required": _("Choose the circle the summary is about."),
            "invalid_choice": _("Choose one of your circles."),
        },
    )
    start = forms.DateField(
        label=_("From"),
        widget=DateInput(),
        error_messages={
            "required": _("Choose the first day of the period."),
            "invalid": _("Write the date like 2026-02-01."),
        },
    )
    end = forms.DateField(
        label=_("To (included)"),
        widget=DateInput(),
        error_messages={
            "required": _("Choose the last day of the period."),
            "invalid": _("Write the date like 2026-02-28."),
        },
    )

    def __init__(self, *args: Any, person: Any, **kwargs: Any) -> None:
        self.person = person
        self.today = actions.local_today(person)
        kwargs.setdefault(
            "initial",
            {"start": self.today - timedelta(days=DEFAULT_DAYS - 1), "end": self.today},
        )
        super().__init__(*args, **kwargs)
        self.circles = {c.pk: c for c in visibility.circles_of(person).order_by("name", "id")}
        field = self.fields["circle"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(pk, c.name) for pk, c in self.circles.items()]
        if len(self.circles) == 1:
            field.initial = next(iter(self.circles))
        for name in ("start", "end"):
            self.fields[name].widget.attrs["max"] = self.today.isoformat()

    @property
    def has_circles(self) -> bool:
        return bool(self.circles)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("start")
        end: date | None = data.get("end")
        if start and end:
            problem = actions.period_problem(start, end, self.today)
            if problem:
                self.add_error("end", problem)
        return data

    def chosen_circle(self) -> Circle:
        return self.circles[self.cleaned_data["circle"]]
