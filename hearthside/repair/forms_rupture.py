"""Forms and words for opening a rupture, the private reflection and each step of the repair
conversation. The rules (who may speak when, what a turn must hold) live in
`hearthside.repair.actions`; these forms only catch what can be caught before asking it, so a
person hears about a missing part next to the box it belongs in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from hearthside import vocab
from hearthside.accounts.models import Person
from hearthside.circles import visibility
from hearthside.circles.models import Circle
from hearthside.repair import steps
from hearthside.repair.models import Reflection, Rupture

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A phone's clock and the server's can disagree by a little; "just now" must never be refused.
FUTURE_SLACK = timedelta(minutes=10)


@dataclass(frozen=True)
class StepWords:
    title: StrOrPromise
    guidance: StrOrPromise


# The conversation follows the shape of talking through a regrettable incident after the fact:
# feelings, then each person's reality, what it touched, each person's part, taking it in, and
# what to do next time. The words are ours.
STEP_WORDS: dict[str, StepWords] = {
    steps.FEELINGS: StepWords(
        _("How it felt"),
        _(
            "Just the feelings for now — no story and no reasons yet. Pick the words that fit "
            "how you felt while it was happening. Everyone's feelings are allowed here."
        ),
    ),
    steps.REALITIES: StepWords(
        _("How each of us saw it"),
        _(
            "Each of you noticed different things, and each view holds some truth. Describe "
            "what you saw and what you needed as your experience, not as the facts. If someone "
            "has already spoken, start by saying back what you heard and what makes sense in "
            "it — you don't have to agree to understand."
        ),
    ),
    steps.TRIGGERS: StepWords(
        _("What it touched"),
        _(
            "A moment can sting more because it echoes something older — from growing up, or "
            "from before this relationship. If it did, say what it reminded you of. Listen to "
            "the others' without debating them."
        ),
    ),
    steps.RESPONSIBILITY: StepWords(
        _("My part, and saying sorry"),
        _(
            "Think about what set you up for it (tired, stretched, already hurting) and one "
            "thing you wish you had done differently. Then say sorry in a way that can land: "
            "what you did, how it affected them, and what you'll do next time."
        ),
    ),
    steps.ACCEPTANCE: StepWords(
        _("Taking it in"),
        _(
            "Let the apology reach you if it can. If something is still missing, say what you "
            "still need — telling them is a gift, not a failure."
        ),
    ),
    steps.PLAN: StepWords(
        _("Next time"),
        _(
            "Name one thing you'll do next time something like this starts. The rest of the "
            "plan — pause phrases, cool-off times, commitments — lives on the plan page."
        ),
    ),
}


def _words_field(
    choices: list[tuple[str, str]], label: StrOrPromise, help_text: StrOrPromise = ""
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("“%(value)s” isn't one of the words on the list.")},
    )


def _flat(grouped: list[tuple[str, list[tuple[str, str]]]]) -> list[tuple[str, str]]:
    return [choice for _group, choices in grouped for choice in choices]


def _text(
    label: StrOrPromise,
    *,
    help_text: StrOrPromise = "",
    rows: int = 3,
    max_length: int = 5000,
    placeholder: StrOrPromise = "",
    required: bool = False,
    required_message: StrOrPromise = "",
) -> forms.CharField:
    attrs: dict[str, Any] = {"rows": rows}
    if placeholder:
        attrs["placeholder"] = placeholder
    messages: dict[str, Any] = {
        "max_length": _("That's a lot — please keep it under %(limit_value)d characters.")
    }
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs=attrs),
        error_messages=messages,
    )


# --- Opening a rupture ----------------------------------------------------------------------


class _RuptureChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        when = formats.date_format(timezone.localtime(obj.happened_at), "j M Y")
        return f"{obj.title} — {obj.circle}, {when}"


class RuptureForm(forms.Form):
    circle: forms.ModelChoiceField[Circle] = forms.ModelChoiceField(
        queryset=Circle.objects.none(),  # set per person in __init__
        label=_("Circle"),
        help_text=_("Everyone in this circle is part of the repair, and only they see it."),
        empty_label=None,
        error_messages={
            "required": _("Choose the circle this happened in."),
            "invalid_choice": _("You can only open a repair in a circle you're part of."),
        },
    )
    title = forms.CharField(
        label=_("A short, neutral name for what happened"),
        help_text=_("Something you'd all recognise, without blame — “The Saturday plans”."),
        max_length=120,
        error_messages={
            "required": _("Give it a short name, so you can all find it again."),
            "max_length": _("Please keep the name under %(limit_value)d characters."),
        },
    )
    happened_at = forms.DateTimeField(
        label=_("When it happened"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Say roughly when it happened — a guess is fine."),
            "invalid": _("That doesn't look like a date and time."),
        },
    )
    linked_to = _RuptureChoice(
        queryset=Rupture.objects.none(),
        required=False,
        label=_("Has this happened before?"),
        help_text=_(
            "If it repeats an earlier rupture, link them so you can see the pattern. The old "
            "one stays closed; this is a new conversation."
        ),
        empty_label=_("No — this is new"),
        error_messages={"invalid_choice": _("Choose one of your earlier ruptures.")},
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        circles = visibility.circles_of(person)
        self.fields["circle"].queryset = circles  # type: ignore[attr-defined]
        self.fields["linked_to"].queryset = (  # type: ignore[attr-defined]
            visibility.visible_entries(Rupture.objects.all(), person)
            .filter(circle__in=circles)
            .select_related("circle")
            .order_by("-happened_at", "-id")
        )

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(
                _("Give it a short name, so you can all find it again."), code="required"
            )
        return title

    def clean_happened_at(self) -> Any:
        when = self.cleaned_data["happened_at"]
        if when > timezone.now() + FUTURE_SLACK:
            raise forms.ValidationError(
                _("That's still in the future — when did it happen?"), code="future"
            )
        return when

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        circle, linked = data.get("circle"), data.get("linked_to")
        if circle is not None and linked is not None and linked.circle_id != circle.pk:
            self.add_error(
                "linked_to",
                _("Link it to an earlier rupture in the same circle, or leave this empty."),
            )
        return data


# --- The private reflection -----------------------------------------------------------------


PART_LABELS: dict[str, StrOrPromise] = {
    "feelings": _("What I felt"),
    "reality": _("My reality"),
    "triggers": _("What it touched from before"),
    "my_part": _("My part"),
    "unmet_needs": _("The need that went unmet"),
}


class ReflectionForm(forms.Form):
    feelings = _words_field(
        _flat(vocab.feeling_choices()),
        PART_LABELS["feelings"],
        _("Feelings only, for now. The story can come later."),
    )
    reality = _text(
        PART_LABELS["reality"],
        help_text=_("What you noticed, and what you needed in that moment."),
        rows=4,
    )
    triggers = _text(
        PART_LABELS["triggers"],
        help_text=_("Older experiences this brought back, if any."),
    )
    my_part = _text(
        PART_LABELS["my_part"],
        help_text=_("What set you up to react as you did, and what you regret."),
    )
    unmet_needs = _words_field(
        _flat(vocab.need_choices()),
        PART_LABELS["unmet_needs"],
        _("What you were missing underneath it all."),
    )
    unmet_note = _text(_("About that need"), rows=2, max_length=2000)

    share_feelings = forms.BooleanField(required=False, label=_("Share what I felt"))
    share_reality = forms.BooleanField(required=False, label=_("Share my reality"))
    share_triggers = forms.BooleanField(required=False, label=_("Share what it touched"))
    share_my_part = forms.BooleanField(required=False, label=_("Share my part"))
    share_unmet_needs = forms.BooleanField(required=False, label=_("Share the need"))

    @classmethod
    def initial_from(cls, reflection: Reflection | None) -> dict[str, Any]:
        if reflection is None:
            return {}
        initial: dict[str, Any] = {
            name: getattr(reflection, name)
            for name in ("feelings", "reality", "triggers", "my_part", "unmet_needs", "unmet_note")
        }
        for part in Reflection.PARTS:
            initial[f"share_{part}"] = reflection.is_shared(part)
        return initial

    def _filled(self, part: str) -> bool:
        data = self.cleaned_data
        if part == "unmet_needs":
            return bool(data.get("unmet_needs") or (data.get("unmet_note") or "").strip())
        value = data.get(part)
        return bool(value.strip() if isinstance(value, str) else value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if not any(self._filled(part) for part in Reflection.PARTS):
            raise forms.ValidationError(
                _("Write or pick at least one thing — even one feeling is a start."),
                code="empty",
            )
        for part in Reflection.PARTS:
            if data.get(f"share_{part}") and not self._filled(part):
                self.add_error(f"share_{part}", _("There's nothing in this part to share yet."))
        return data

    def parts(self) -> dict[str, Any]:
        """Keyword arguments for `actions.save_reflection`."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            name: data[name]
            for name in ("feelings", "reality", "triggers", "my_part", "unmet_needs", "unmet_note")
        }
        values["shared_parts"] = [p for p in Reflection.PARTS if data.get(f"share_{p}")]
        return values


# --- The conversation, one form per step ----------------------------------------------------


class TurnForm(forms.Form):
    def turn_fields(self) -> dict[str, Any]:
        """Keyword arguments for `actions.take_turn`."""
        return dict(self.cleaned_data)


class FeelingsTurnForm(TurnForm):
    feelings = _words_field(_flat(vocab.feeling_choices()), _("What I felt"))

    def clean_feelings(self) -> list[str]:
        feelings: list[str] = self.cleaned_data["feelings"]
        if not feelings:
            raise forms.ValidationError(
                _("Pick at least one feeling — just the feelings for now."), code="required"
            )
        return feelings


class RealitiesTurnForm(TurnForm):
    reflect = _text(
        _("What I heard you say"),
        help_text=_("In your own words, the part of their side you took in."),
        max_length=3000,
    )
    validation = _text(
        _("What makes sense to me in it"),
        help_text=_("“It makes sense you'd feel … because …” — understanding, not agreeing."),
        max_length=3000,
        rows=2,
    )
    text = _text(
        _("How I saw it"),
        help_text=_("What you noticed and what you needed. “I saw… I needed…”, not “you did…”."),
        rows=5,
        required=True,
        required_message=_("Write a few words about how you saw it."),
    )

    def __init__(self, *args: Any, reflect_first: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reflect_first = reflect_first

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.reflect_first:
            if not (data.get("reflect") or "").strip() and "reflect" not in self.errors:
                self.add_error(
                    "reflect", _("Before your side, say back something of what you heard.")
                )
            if not (data.get("validation") or "").strip() and "validation" not in self.errors:
                self.add_error(
                    "validation", _("Say at least one part of their side that makes sense to you.")
                )
        return data


class TriggersTurnForm(TurnForm):
    text = _text(
        _("What it touched for me"),
        help_text=_("If nothing older came up, you can say that too."),
        rows=4,
        required=True,
        required_message=_("Write a few words — even “nothing older, I think” is fine."),
    )


class ApologyTurnForm(TurnForm):
    what_i_did = _text(
        _("What I did"),
        help_text=_("Specific and plain. It will read: “I'm sorry that I …”."),
        placeholder=_("walked away while you were still talking"),
        max_length=3000,
        rows=2,
        required=True,
        required_message=_("Start with what you did, in one plain sentence."),
    )
    impact = _text(
        _("The impact on you"),
        help_text=_("How it landed for them. It will read: “I can see it …”."),
        placeholder=_("left you feeling alone with the problem"),
        max_length=3000,
        rows=2,
        required=True,
        required_message=_("Say how it affected them — that's the part that helps most."),
    )
    next_time = _text(
        _("What I'll do differently"),
        help_text=_("Something small and real. It will read: “Next time I will …”."),
        placeholder=_("tell you I need a minute, and come back"),
        max_length=3000,
        rows=2,
    )


class AcceptanceTurnForm(TurnForm):
    ACCEPT = "accept"
    NOT_YET = "not-yet"

    answer = forms.ChoiceField(
        label=_("Where I am"),
        choices=[(ACCEPT, _("I accept")), (NOT_YET, _("Not yet — I still need something"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose “I accept”, or say what you still need.")},
    )
    text = _text(
        _("What I still need is…"),
        help_text=_("Optional if you accept; a few words if you don't yet."),
        rows=3,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == self.NOT_YET and not (data.get("text") or "").strip():
            self.add_error("text", _("Say what you still need, so the others can offer it."))
        return data

    def turn_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"accepted": data["answer"] == self.ACCEPT, "text": data.get("text", "")}


class PlanTurnForm(TurnForm):
    text = _text(
        _("One thing I'll do next time"),
        help_text=_("Small enough to remember in the moment."),
        rows=3,
        max_length=3000,
        required=True,
        required_message=_("Name one thing — small is good."),
    )


TURN_FORMS: dict[str, type[TurnForm]] = {
    steps.FEELINGS: FeelingsTurnForm,
    steps.REALITIES: RealitiesTurnForm,
    steps.TRIGGERS: TriggersTurnForm,
    steps.RESPONSIBILITY: ApologyTurnForm,
    steps.ACCEPTANCE: AcceptanceTurnForm,
    steps.PLAN: PlanTurnForm,
}


def turn_form(
    step: str, data: Any = None, *, initial: Any = None, reflect_first: bool = False
) -> TurnForm:
    cls = TURN_FORMS[step]
    if cls is RealitiesTurnForm:
        return RealitiesTurnForm(data, initial=initial, reflect_first=reflect_first)
    return cls(data, initial=initial)
