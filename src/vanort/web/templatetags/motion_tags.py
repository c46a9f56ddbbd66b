"""`{% place_motions place %}`: the motions of a municipality or about a place, on its page."""

from __future__ import annotations

from typing import Any

from django import template

from vanort.motions import selectors

register = template.Library()


@register.inclusion_tag("web/motions/_place_motions.html", takes_context=True)
def place_motions(context: Any, place: Any) -> dict[str, Any]:
    request = context.get("request")
    return {"motions": selectors.motions_of_place(place.pk, viewer=getattr(request, "user", None))}
