"""Small template helpers shared by the register pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from vanort.web.forms import STATUS_LABELS

register = template.Library()


@register.simple_tag
def status_badge(status: str) -> str:
    """A coloured status label; one call instead of an include per table row."""
    return format_html('<span class="status status-{}">{}</span>', status, STATUS_LABELS.get(status, status))


@register.filter
def partnership_kind_label(code: str) -> str:
    from vanort.registry.models import PartnershipKind

    try:
        return str(PartnershipKind(code).label)
    except ValueError:
        return code


@register.filter
def localized(obj: object) -> str:
    """A country's name or a sector's label in the active language (Swedish by default)."""
    from django.utils.translation import get_language

    language = (get_language() or "sv")[:2]
    for method in ("name_for", "label_for"):
        if hasattr(obj, method):
            return str(getattr(obj, method)(language))
    return str(obj)


@register.filter
def end_reason_label(code: str) -> str:
    """The end reason's label ("Lämnat", "Pausat", "Avslutat" as in *terminated*)."""
    from vanort.web.forms import END_REASONS

    return str(dict(END_REASONS).get(code, "")) if code else ""


@register.filter
def end_reason_sentence(code: str) -> str:
    from vanort.web.forms import END_REASON_SENTENCES

    return str(END_REASON_SENTENCES.get(code, "")) if code else ""  # type: ignore[call-overload]


@register.filter
def is_planned(activity: object) -> bool:
    """An activity that has not happened yet (it starts after today)."""
    from django.utils import timezone

    start = getattr(activity, "start", None)
    return bool(start and start.lower > timezone.localdate())


@register.filter
def place_name(place: Any) -> str:
    """The place's name in the reader's language and script where the register knows it
    (Тростянець in Ukrainian, Trostianets in English, Vanda in Swedish); else its register name.

    Uses the place's prefetched `names` (no query per place); without them, the register name."""
    from django.utils.translation import get_language

    language = (get_language() or "sv")[:2]
    cache = getattr(place, "_prefetched_objects_cache", {})
    if "names" not in cache:
        return str(getattr(place, "name", place))
    for other in cache["names"]:
        if other.language == language:
            return str(other.name)
    return str(place.name)
