"""Each chart's one-sentence reading, in plain words, and the labels the charts use.

The numbers come from `hearthside.insights.compute`; the words live here, in one place, so the
pages and their tables say the same thing. Only Django's translation is used: no database.
A reading never claims more than the numbers hold: below the thresholds it says so, and a
comparison says what went together, never what caused what.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearthside import vocab
from hearthside.calm.tools import TOOL_NAMES
from hearthside.insights import compute

# A difference in mean mood smaller than this (on a 1-5 scale) reads as "about the same".
SAME_MOOD = 0.25


def num(value: float, places: int = 1) -> str:
    """A number as people write it here: "3.5", "4" (no trailing .0)."""
    text = number_format(round(value, places), places)
    return text.rstrip("0").rstrip(".,") if "." in text or "," in text else text


def mood_label(level: int | None) -> str:
    labels = dict(vocab.MOOD_SCALE)
    return _(labels[level]) if level in labels else _("No mood given")


def feeling_label(slug: str) -> str:
    word = vocab.feeling(slug)
    return _(word.label) if word else slug


def need_label(slug: str) -> str:
    word = vocab.need(slug)
    return _(word.label) if word else slug


def body_label(slug: str) -> str:
    word = vocab.body_signal(slug)
    return _(word.label) if word else slug


def tool_label(tool: str) -> str:
    return str(TOOL_NAMES.get(tool, tool))


def bucket_label(start: date, granularity: str) -> str:
    """A bucket as a chart or table names it: "week of 2 Mar", "Mar 2026"."""
    if granularity == "week":
        return _("week of %(day)s") % {"day": date_format(start, "j M")}
    return date_format(start, "M Y")


def bucket_words(start: date, granularity: str) -> str:
    """A bucket inside a sentence: "the week of 2 March", "March 2026"."""
    if granularity == "week":
        return _("the week of %(day)s") % {"day": date_format(start, "j F")}
    return date_format(start, "F Y")


def period_words(period: compute.Period) -> str:
    if period.key == "90d":
        return _("the last 90 days")
    if period.key == "1y":
        return _("the last 12 months")
    return _("everything since %(day)s") % {"day": date_format(period.first, "j F Y")}


# --- For me ---------------------------------------------------------------------------------


def weather(summary: compute.WeatherSummary) -> str:
    if not summary.days_checked_in:
        return _(
            "Your weather map fills in as you check in: each day takes the colour of your mood."
        )
    level = summary.most_common_level
    if level is None:
        return ngettext(
            "You checked in on %(n)s day in this period, without a mood yet.",
            "You checked in on %(n)s days in this period, without a mood yet.",
            summary.days_checked_in,
        ) % {"n": summary.days_checked_in}
    # No "of these 365 days": a count of missed days reads like a broken streak, and nobody
    # owes the app a check-in.
    return ngettext(
        "You checked in on %(n)s day in this period; your mood was most often “%(mood)s”.",
        "You checked in on %(n)s days in this period; your mood was most often “%(mood)s”.",
        summary.days_checked_in,
    ) % {"n": summary.days_checked_in, "mood": mood_label(level)}


def recurring_feelings(words: Sequence[compute.WordCount]) -> str:
    if not words:
        return _("No feeling has come up on more than one day yet in this period.")
    top = words[0]
    return ngettext(
        "“%(word)s” came up most often, on %(n)s day.",
        "“%(word)s” came up most often, on %(n)s days.",
        top.count,
    ) % {"word": feeling_label(top.slug), "n": top.count}


def mood_over_time(buckets: Sequence[compute.MoodBucket], granularity: str) -> str:
    rated = [b for b in buckets if b.mood is not None]
    if not rated:
        return _("No moods in this period yet.")
    latest = rated[-1]
    values = {"mood": num(latest.mood or 0), "when": bucket_words(latest.start, granularity)}
    if len(rated) == 1:
        return _("Your mood averaged %(mood)s out of 5 in %(when)s.") % values
    before = rated[-2]
    values |= {"before": num(before.mood or 0), "then": bucket_words(before.start, granularity)}
    change = (latest.mood or 0) - (before.mood or 0)
    if abs(change) < SAME_MOOD:
        return (
            _("Your mood averaged %(mood)s out of 5 in %(when)s, about the same as %(then)s.")
            % values
        )
    if change > 0:
        return (
            _("Your mood averaged %(mood)s out of 5 in %(when)s, up from %(before)s in %(then)s.")
            % values
        )
    return (
        _("Your mood averaged %(mood)s out of 5 in %(when)s, down from %(before)s in %(then)s.")
        % values
    )


def feeling_balance(buckets: Sequence[compute.FeelingBucket]) -> str:
    pleasant = sum(b.pleasant for b in buckets)
    total = pleasant + sum(b.unpleasant for b in buckets)
    if not total:
        return _("No feelings named in this period yet.")
    share = round(100 * pleasant / total)
    return _(
        "Of the feelings you named in this period, %(share)s%% were pleasant ones and the rest "
        "harder ones; both kinds are worth noticing."
    ) % {"share": share}


def needs_over_time(series: Sequence[compute.WordSeries]) -> str:
    if not series:
        return _("No needs named in this period yet.")
    top = series[0]
    return ngettext(
        "The need you named most was “%(need)s”, on %(n)s day.",
        "The need you named most was “%(need)s”, on %(n)s days.",
        top.total,
    ) % {"need": need_label(top.slug), "n": top.total}


def triggers(themes: compute.TriggerThemes) -> str:
    if not themes.reflections:
        return _(
            "After a rupture, your private reflections gather here: what they touched from "
            "before, and the needs that went unmet. Only you see this."
        )
    if themes.needs:
        top = themes.needs[0]
        return ngettext(
            "Across %(n)s reflection, the need that went unmet most often was “%(need)s” "
            "(%(k)s times).",
            "Across %(n)s reflections, the need that went unmet most often was “%(need)s” "
            "(%(k)s times).",
            themes.reflections,
        ) % {"n": themes.reflections, "need": need_label(top.slug), "k": top.count}
    return ngettext(
        "%(n)s reflection so far; name the need that went unmet and patterns will show here.",
        "%(n)s reflections so far; name the need that went unmet and patterns will show here.",
        themes.reflections,
    ) % {"n": themes.reflections}


def calm(changes: Sequence[compute.ToolChange]) -> str:
    ready = [c for c in changes if c.enough and c.drop is not None]
    if not ready:
        rated = sum(c.rated for c in changes)
        if not rated:
            return _(
                "Rate how strong things feel before and after a calm tool; after three rated "
                "sessions with one tool you'll see what it tends to change."
            )
        return ngettext(
            "%(n)s rated session so far; after three with one tool you'll see what it changes.",
            "%(n)s rated sessions so far; after three with one tool you'll see what it changes.",
            rated,
        ) % {"n": rated}
    best = max(ready, key=lambda c: c.drop or 0)
    values = {
        "tool": tool_label(best.tool),
        "before": num(best.before or 0),
        "after": num(best.after or 0),
        "n": best.rated,
    }
    if (best.drop or 0) > 0:
        return (
            ngettext(
                "“%(tool)s” helped most: on average from %(before)s before to %(after)s "
                "after, over %(n)s rated session.",
                "“%(tool)s” helped most: on average from %(before)s before to %(after)s "
                "after, over %(n)s rated sessions.",
                best.rated,
            )
            % values
        )
    return _(
        "So far no tool has eased things on average; noticing that is useful too, and a "
        "different one may suit you better."
    )


def rituals(items: Sequence[object], kept_in_period: int) -> str:
    if not items:
        return _("When one of your circles starts a ritual, how it's kept shows here.")
    return ngettext(
        "Your circles kept a ritual %(n)s time in this period.",
        "Your circles kept rituals %(n)s times in this period.",
        kept_in_period,
    ) % {"n": kept_in_period}


def comparison_subject(key: str) -> str:
    """What a comparison is about, as the start of "days …"."""
    if key == "rituals":
        return _("days one of your circles kept a ritual")
    if key == "stress":
        return _("days you'd said you were stretched thin")
    if key.startswith("body:"):
        return _("days you noted “%(signal)s”") % {"signal": body_label(key.removeprefix("body:"))}
    if key.startswith("need:"):
        return _("days you named a need for “%(need)s”") % {
            "need": need_label(key.removeprefix("need:"))
        }
    return key


def comparison(item: compute.Comparison) -> str:
    values = {
        "subject": comparison_subject(item.key),
        "a": item.with_days,
        "b": item.without_days,
        "min": item.min_days,
    }
    if not item.enough:
        return (
            _(
                "Not enough data yet: %(a)s %(subject)s and %(b)s other days with a mood; it "
                "takes %(min)s of each."
            )
            % values
        )
    values |= {"x": num(item.with_mood or 0), "y": num(item.without_mood or 0)}
    difference = item.difference or 0
    if abs(difference) < SAME_MOOD:
        return (
            _(
                "About the same: your mood averaged %(x)s on %(subject)s and %(y)s on other "
                "days (%(a)s and %(b)s days)."
            )
            % values
        )
    values["d"] = num(abs(difference))
    if difference > 0:
        return (
            _(
                "Your mood averaged %(x)s on %(subject)s and %(y)s on other days, %(d)s higher "
                "(%(a)s and %(b)s days)."
            )
            % values
        )
    return (
        _(
            "Your mood averaged %(x)s on %(subject)s and %(y)s on other days, %(d)s lower "
            "(%(a)s and %(b)s days)."
        )
        % values
    )


def comparisons_chart(items: Sequence[compute.Comparison]) -> str:
    ready = [c for c in items if c.enough]
    if not ready:
        return _("Nothing to compare yet: each comparison needs enough days on both sides.")
    biggest = max(ready, key=lambda c: abs(c.difference or 0))
    return comparison(biggest)


# --- For a circle ---------------------------------------------------------------------------


def circle_moments(balance: compute.Balance) -> str:
    if not balance.positive and not balance.difficult:
        return _("Nothing logged here in this period yet.")
    return _(
        "In this period: %(u)s understanding moments, %(a)s thank-yous, %(m)s needs met and "
        "%(r)s rituals kept, beside %(x)s ruptures and %(p)s pauses."
    ) % {
        "u": balance.understanding,
        "a": balance.appreciations,
        "m": balance.needs_met,
        "r": balance.rituals_kept,
        "x": balance.ruptures,
        "p": balance.pauses,
    }


def balance(value: compute.Balance) -> str:
    if not value.positive and not value.difficult:
        return _("Nothing to weigh yet in this period.")
    if value.ratio is None:
        return ngettext(
            "%(p)s positive moment and no ruptures or pauses in this period, so there is no "
            "ratio to show.",
            "%(p)s positive moments and no ruptures or pauses in this period, so there is no "
            "ratio to show.",
            value.positive,
        ) % {"p": value.positive}
    return _(
        "About %(r)s positive moments for every difficult one in this period (%(p)s positive, "
        "%(d)s difficult)."
    ) % {"r": num(value.ratio), "p": value.positive, "d": value.difficult}


def duration(hours: float) -> str:
    if hours < 1:
        return _("under an hour")
    if hours < 36:
        n = round(hours)
        return ngettext("about %(n)s hour", "about %(n)s hours", n) % {"n": n}
    days = round(hours / 24)
    return ngettext("about %(n)s day", "about %(n)s days", days) % {"n": days}


def repairs(summary: compute.RepairSummary) -> str:
    if not summary.ruptures:
        return _("No ruptures in this period.")
    if not summary.closed:
        return ngettext(
            "%(n)s rupture in this period, still being repaired.",
            "%(n)s ruptures in this period, none repaired yet.",
            summary.ruptures,
        ) % {"n": summary.ruptures}
    return ngettext(
        "%(closed)s of %(n)s rupture was repaired, %(trust)s with trust re-established; the "
        "middle time to repair was %(time)s.",
        "%(closed)s of %(n)s ruptures were repaired, %(trust)s with trust re-established; the "
        "middle time to repair was %(time)s.",
        summary.ruptures,
    ) % {
        "closed": summary.closed,
        "n": summary.ruptures,
        "trust": summary.trust_reestablished,
        "time": duration(summary.median_hours or 0),
    }


def commitments(summary: compute.CommitmentSummary) -> str:
    if not summary.total:
        return _("No commitments from repairs in this period.")
    if not summary.checked:
        return ngettext(
            "%(n)s commitment, not checked back on yet.",
            "%(n)s commitments, none checked back on yet.",
            summary.total,
        ) % {"n": summary.total}
    return ngettext(
        "%(kept)s of %(checked)s commitment checked back on was kept, by what each of you said.",
        "%(kept)s of %(checked)s commitments checked back on were kept, by what each of you said.",
        summary.checked,
    ) % {"kept": summary.kept, "checked": summary.checked}
