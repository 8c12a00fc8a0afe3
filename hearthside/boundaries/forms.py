"""Forms for writing, changing and reviewing a boundary. Errors say what to do next, and a form
that comes back with an error keeps every word that was typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearthside.accounts.models import Person
from hearthside.boundaries.actions import Words
from hearthside.boundaries.models import BoundaryVersion, Cadence, Review
from hearthside.circles.models import Circle
from hearthside.circles.visibility import circles_of

NEED_MAX = 1000
WHY_MAX = HELPS_MAX = NOTE_MAX = 2000
# Filled in by Django's length check with the limit and how long the text is now.
TOO_LONG = _(
    "This is a little long: please keep it to %(limit_value)d characters (it's %(show_value)d "
    "now). Everything you wrote is still here."
)


class WordsForm(forms.Form):
    """The words of a boundary and how often to look at it again."""

    need = forms.CharField(
        label=_("What I need"),
        max_length=NEED_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Say it about you, plainly: “I need an hour to myself when I get home before we "
            "talk about plans.”"
        ),
        error_messages={
            "required": _("Write what you need first — one sentence is enough."),
            "max_length": TOO_LONG,
        },
    )
    why = forms.CharField(
        label=_("Why it matters to me"),
        required=False,
        max_length=WHY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. A little of the why helps people respect it gladly."),
        error_messages={"max_length": TOO_LONG},
    )
    helps = forms.CharField(
        label=_("What helps when it's close to being crossed"),
        required=False,
        max_length=HELPS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. A word, a signal, a gentle reminder — whatever makes it easy."),
        error_messages={"max_length": TOO_LONG},
    )
    review_every = forms.TypedChoiceField(
        label=_("Look at it again"),
        coerce=int,
        choices=Cadence.choices,
        initial=Cadence.QUARTERLY,
        widget=forms.RadioSelect,
        help_text=_(
            "Limits change as life does. We'll remind you on the day, and you decide whether "
            "to keep it, change it or let it go."
        ),
        error_messages={"required": _("Choose how often you'd like to look at it again.")},
    )

    def words(self) -> Words:
        data = self.cleaned_data
        return Words.clean(data["need"], data.get("why", ""), data.get("helps", ""))


class BoundaryForm(WordsForm):
    """A new boundary, or a change to one: the words, who sees it, and the review cadence."""

    circle = forms.ModelChoiceField(
        label=_("Who sees it"),
        queryset=Circle.objects.none(),
        required=False,
        empty_label=_("Just me — keep it private"),
        help_text=_(
            "Private is the default. Share it with a circle and its members can say they'll "
            "respect it. You can change this later."
        ),
        error_messages={"invalid_choice": _("You can only share with a circle you're part of.")},
    )

    field_order = ["circle", "need", "why", "helps", "review_every"]

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["circle"].queryset = circles_of(person)  # type: ignore[attr-defined]


class ReviewForm(WordsForm):
    """Looking at a boundary again. One form, three buttons: the new words are only read (and
    only checked) when the person chose to change it."""

    # Set by whichever of the three buttons was pressed.
    decision = forms.ChoiceField(
        choices=Review.Decision.choices,
        error_messages={
            "required": _("Choose whether to keep it, change it or let it go."),
            "invalid_choice": _("Choose whether to keep it, change it or let it go."),
        },
    )
    note = forms.CharField(
        label=_("A note for yourself"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, and only ever seen by you: how it's been going, what you noticed."),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, current: BoundaryVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = current
        if self.data.get("decision") != Review.Decision.CHANGE:
            for name in ("need", "why", "helps"):
                self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == Review.Decision.CHANGE and data.get("need"):
            words = self.words()
            if self.current.same_words(words.need, words.why, words.helps):
                self.add_error(
                    "need",
                    _(
                        "These are the same words as before. If nothing needs to change, "
                        "“Keep it as it is” says so."
                    ),
                )
        return data
