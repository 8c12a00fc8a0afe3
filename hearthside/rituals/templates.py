"""Ritual templates: starting points a circle can adopt and then change. Pure data; the words
are ours (marked with N_ for translation where shown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from hearthside.vocab.words import N_


@dataclass(frozen=True)
class RitualTemplate:
    slug: str
    title: str
    description: str
    freq: str
    weekdays: tuple[int, ...]
    at: time
    duration: int
    agenda: tuple[str, ...]


TEMPLATES: tuple[RitualTemplate, ...] = (
    RitualTemplate(
        "after-work",
        N_("Check-in after work"),
        N_("Twenty minutes to land after the day, each of you, before anything else."),
        "daily",
        (),
        time(18, 30),
        20,
        (
            N_("What's still buzzing from today? Say it out loud so it can settle."),
            N_("Take turns: the listener is on your side — no advice unless asked."),
            N_("What would help you unwind tonight?"),
        ),
    ),
    RitualTemplate(
        "weekly-reflection",
        N_("Sunday reflection"),
        N_("A weekly look back and ahead, kind and short."),
        "weekly",
        (6,),
        time(19, 0),
        40,
        (
            N_("One thing you appreciated about each other this week."),
            N_("What went well for us?"),
            N_("One thing to work on, gently — just one."),
            N_("What could I do next week to help you feel loved?"),
        ),
    ),
    RitualTemplate(
        "weekly-walk",
        N_("Weekly walk"),
        N_("Side by side is easier for some conversations. Walk, notice, talk if you like."),
        "weekly",
        (5,),
        time(10, 0),
        45,
        (
            N_("How are you, really, this week?"),
            N_("Is there anything you've been carrying that you'd like to put down?"),
        ),
    ),
    RitualTemplate("custom", N_("Our own ritual"), "", "weekly", (), time(19, 0), 30, ()),
)

BY_SLUG = {t.slug: t for t in TEMPLATES}
