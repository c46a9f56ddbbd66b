"""`{% place_motions place %}`: the motions of a municipality or about a place, on its page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vanort.motions import selectors

register = template.Library()


#: A place page shows the latest motions and links to the full, filtered list.
PLACE_PAGE_MOTIONS = 10


@register.inclusion_tag("web/motions/_place_motions.html", takes_context=True)
def place_motions(context: Any, place: Any) -> dict[str, Any]:
    request = context.get("request")
    motions = selectors.motions_of_place(place.pk, viewer=getattr(request, "user", None), limit=PLACE_PAGE_MOTIONS)
    return {
        "motions": motions[:PLACE_PAGE_MOTIONS],
        "more": len(motions) > PLACE_PAGE_MOTIONS,
        "place": place,
    }


@register.simple_tag
def days_left(deadline: date | None, today: date) -> str:
    """ "12 dagar kvar", "i dag", "30 dagar försenad": how the one-year deadline stands today."""
    if deadline is None:
        return "–"
    days = (deadline - today).days
    if days == 0:
        return str(_("Sista dagen i dag"))
    if days > 0:
        return ngettext("%(n)s dag kvar", "%(n)s dagar kvar", days) % {"n": days}
    return ngettext("%(n)s dag försenad", "%(n)s dagar försenad", -days) % {"n": -days}
