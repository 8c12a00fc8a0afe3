"""A produced summary as Markdown, to hand to a facilitator: plain, readable as text, and safe to
open in any Markdown viewer.

Everything people wrote is escaped, so their words read as words: a line that starts with "#"
stays a line, `<b>` stays visible text rather than becoming markup, and `[a](b)` is not a
link. Pure: a `Snapshot` in, a string out, no database (Django only translates the words and
formats the dates).
"""

from __future__ import annotations

import re
from datetime import date

from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearthside.summary.snapshot import Snapshot

# Characters that can open or close inline markup anywhere in a line (emphasis, code, links,
# raw HTML, tables, strikethrough), and the ones that only matter at the start of a line
# (headings, quotes, lists, rules). "&" is left alone: an entity can only ever show a character.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^([#>+\-=])")
_NUMBERED = re.compile(r"^(\d+)([.)])")


def escape(text: str) -> str:
    """`text` as literal Markdown text, one line per line it had (indents dropped, so nothing
    turns into a code block)."""
    lines = []
    for raw in text.strip().splitlines():
        line = _INLINE.sub(r"\\\1", raw.strip())
        line = _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", line))
        lines.append(line)
    return "\n".join(lines)


def quote(text: str) -> str:
    """`text` as a block quote (people's own words), blank lines kept inside it."""
    return "\n".join(f"> {line}".rstrip() for line in escape(text).splitlines())


def day(value: date) -> str:
    return date_format(value, "j F Y")


def period(snapshot: Snapshot) -> str:
    return _("%(start)s to %(end)s") % {
        "start": day(snapshot.period_start),
        "end": day(snapshot.period_end),
    }


def filename(snapshot: Snapshot) -> str:
    """A safe download name: letters, digits and hyphens only, e.g.
    hearthside-summary-alex-sam-2026-02-01-to-2026-02-28.md"""
    circle = slugify(snapshot.circle)[:40].strip("-") or "circle"
    return (
        f"hearthside-summary-{circle}-{snapshot.period_start:%Y-%m-%d}-to-"
        f"{snapshot.period_end:%Y-%m-%d}.md"
    )


def _names(names: list[str]) -> str:
    return ", ".join(escape(n) for n in names)


def _shares(snapshot: Snapshot) -> list[str]:
    out = [f"## {_('What was shared')}", ""]
    if not snapshot.shares:
        return [*out, _("Nothing was shared in this period."), ""]
    for share in snapshot.shares:
        meta = [share.depth, share.wants]
        out.append(f"### {escape(share.author)}, {day(share.on)}")
        out.append("")
        out.append(f"*{escape(' · '.join(meta))}*")
        if share.feelings:
            out.append("")
            out.append(_("Feelings: %(words)s") % {"words": _names(share.feelings)})
        out += ["", quote(share.text), ""]
        for reply in share.replies:
            heard = f" — {_('felt heard')}" if reply.felt_heard else ""
            out.append(f"- **{escape(reply.author)}** {_('replied on')} {day(reply.on)}{heard}")
            for label, words in reply.parts:
                body = escape(words).replace("\n", "\n    ")
                out.append(f"    - *{escape(label)}:* {body}")
        if share.replies:
            out.append("")
    return out


def _moments(snapshot: Snapshot) -> list[str]:
    out = [f"## {_('Understanding moments')}", ""]
    if not snapshot.moments:
        return [*out, _("No one marked feeling heard in this period."), ""]
    for moment in snapshot.moments:
        words = _("%(sharer)s felt heard by %(listener)s") % {
            "sharer": moment.sharer,
            "listener": moment.listener,
        }
        out.append(f"- {day(moment.on)}: {escape(words)} ({escape('“' + moment.about + '”')})")
    return [*out, ""]


def _ruptures(snapshot: Snapshot) -> list[str]:
    out = [f"## {_('Ruptures and repair')}", ""]
    if not snapshot.ruptures:
        return [*out, _("No ruptures were opened or mended in this period."), ""]
    for rupture in snapshot.ruptures:
        out += [f"### {escape(rupture.title)}", ""]
        out.append(f"- {_('Happened')}: {day(rupture.happened_on)}")
        if rupture.repaired and rupture.repaired_on:
            took = rupture.days_to_repair or 0
            span = (
                ngettext("%(n)s day", "%(n)s days", took) % {"n": took}
                if took
                else _("less than a day")
            )
            out.append(
                f"- {_('Repaired')}: {day(rupture.repaired_on)} "
                f"({escape(_('after %(span)s') % {'span': span})})"
            )
        else:
            out.append(f"- {_('Still being repaired')}")
        for felt in rupture.felt:
            out.append(
                f"- {_('How it felt for %(name)s') % {'name': escape(felt.author)}}: "
                f"{_names(felt.feelings)}"
            )
        if rupture.takeaways:
            out += ["", f"**{_('What we take from it')}**", "", quote(rupture.takeaways)]
        if rupture.next_time:
            out += ["", f"**{_('Next time')}**", ""]
            out += [f"- {escape(s.author)}: {escape(s.text)}" for s in rupture.next_time]
        if rupture.closures:
            out += ["", f"**{_('Where trust stands')}**", ""]
            for c in rupture.closures:
                where = _("trust feels back") if c.trust_back else _("not yet")
                note = f" — {escape(c.note)}" if c.note else ""
                out.append(f"- {escape(c.author)}: {where}{note}")
        out.append("")
    return out


def _commitments(snapshot: Snapshot) -> list[str]:
    out = [f"## {_('Commitments and follow-through')}", ""]
    if not snapshot.commitments:
        return [*out, _("No commitments were made in this period."), ""]
    for c in snapshot.commitments:
        context = _("after “%(title)s”, made %(made)s, check back %(back)s") % {
            "title": escape(c.rupture),
            "made": day(c.made_on),
            "back": day(c.check_back_on),
        }
        out.append(f"- **{escape(c.author)}**: {escape(c.text)} ({context})")
        if c.follow_ups:
            for f in c.follow_ups:
                out.append(f"    - {escape(f.author)}: {escape(f.answer)}")
        else:
            out.append(f"    - {_('No follow-up yet.')}")
    return [*out, ""]


def _rituals(snapshot: Snapshot) -> list[str]:
    out = [f"## {_('Rituals kept')}", ""]
    if not snapshot.rituals:
        return [*out, _("No ritual was due in this period."), ""]
    for r in snapshot.rituals:
        kept = ngettext("kept %(kept)s of %(of)s time", "kept %(kept)s of %(of)s times", r.of) % {
            "kept": r.kept,
            "of": r.of,
        }
        out.append(f"- **{escape(r.title)}** ({escape(r.schedule)}): {kept}")
    return [*out, ""]


def _appreciations(snapshot: Snapshot) -> list[str]:
    out = [f"## {_('Thank-yous')}", ""]
    if not snapshot.appreciations:
        return [*out, _("No thank-yous were written in this period."), ""]
    for a in snapshot.appreciations:
        who = _("%(author)s to %(recipient)s") % {"author": a.author, "recipient": a.recipient}
        out.append(f"- **{escape(who)}**, {day(a.on)}")
        if a.acts:
            out.append(f"    - {_('Noticed')}: {_names(a.acts)}")
        if a.text:
            out.append(f"    - {escape(a.text).replace(chr(10), ' ')}")
    return [*out, ""]


def render(snapshot: Snapshot) -> str:
    """The whole summary as one Markdown document, ending in a newline."""
    title = _("Summary for %(circle)s") % {"circle": snapshot.circle}
    intro = [
        f"# {escape(title)}",
        "",
        f"- {_('Period')}: {period(snapshot)} "
        f"({escape(_('%(zone)s time') % {'zone': snapshot.time_zone})})",
        f"- {_('Members, who all consented')}: {_names(snapshot.members)}",
    ]
    if snapshot.produced_on:
        intro.append(f"- {_('Made on')}: {day(snapshot.produced_on)}")
    intro += [
        "",
        escape(
            _(
                "This summary holds only what every member could see and agreed to hand over. "
                "Private check-ins, private reflections and anything withdrawn are never in it."
            )
        ),
        "",
    ]
    sections = (_shares, _moments, _ruptures, _commitments, _rituals, _appreciations)
    lines = intro + [line for section in sections for line in section(snapshot)]
    return "\n".join(lines).rstrip() + "\n"
