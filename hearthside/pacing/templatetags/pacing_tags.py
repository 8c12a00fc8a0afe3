"""`{% pacing_home %}` for the Today page, `{% pacing_ask_button %}` for the share form, and
the `moment` filter ("today at 20:00")."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import template
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from hearthside.circles import visibility
from hearthside.pacing import actions
from hearthside.pacing.glue import ask_url
from hearthside.pacing.models import Answer, Knock

register = template.Library()

HOME_KNOCKS = 5


@register.inclusion_tag("pacing/_home.html", takes_context=True)
def pacing_home(context: template.Context) -> dict[str, Any]:
    """Knocks waiting for my answer, and my own knocks that have a time. Three small queries
    (one more per share that goes out because its moment came while nobody was looking)."""
    user = context["user"]
    if not getattr(user, "is_authenticated", False):
        return {"show": False}
    actions.publish_due_for(user)
    answered = Answer.objects.filter(knock=OuterRef("pk"), author=user)
    for_me = list(
        visibility.shared_with_me(Knock.objects.filter(status__in=Knock.OPEN), user)
        .filter(~Exists(answered))
        .select_related("author", "circle")
        .order_by("created_at")[:HOME_KNOCKS]
    )
    mine = list(
        visibility.own_entries(Knock.objects.filter(status=Knock.Status.PROPOSED), user)
        .select_related("circle")
        .order_by("goes_out_at")[:HOME_KNOCKS]
    )
    return {"show": bool(for_me or mine), "for_me": for_me, "mine": mine}


@register.inclusion_tag("pacing/_ask_button.html", takes_context=True)
def pacing_ask_button(context: template.Context) -> dict[str, Any]:
    """A second submit button for any form with the share fields: it takes the words to
    /pacing/ask/ instead, to ask the circle for a good moment first."""
    return {"url": ask_url(context.get("checkin"))}


@register.filter
def moment(value: datetime | None) -> str:
    """ "today at 20:00", "tomorrow at 08:30", "Thursday 12 March at 19:00" — in the viewer's
    own time zone (the middleware activates it)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    today = timezone.localdate()
    at = time_format(local, "H:i")
    if local.date() == today:
        return _("today at %(time)s") % {"time": at}
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": at}
    if local.date() == today - timedelta(days=1):
        return _("yesterday at %(time)s") % {"time": at}
    return _("%(day)s at %(time)s") % {"day": date_format(local, "l j F"), "time": at}
