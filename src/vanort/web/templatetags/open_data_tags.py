"""`{% open_data_links "partnerships" %}`: download links for a public list page, carrying the
page's `country` and `place` filters over to `/data/<name>.<format>`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template

register = template.Library()


@register.inclusion_tag("web/_downloads.html", takes_context=True)
def open_data_links(context: dict[str, Any], dataset: str) -> dict[str, Any]:
    request = context.get("request")
    params = {}
    if request is not None:
        for key in ("country", "place"):
            value = (request.GET.get(key) or "").strip()
            if value and len(value) <= 30 and value.isprintable():
                params[key] = value
    return {"dataset": dataset, "data_query": urlencode(params)}
