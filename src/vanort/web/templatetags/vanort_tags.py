"""Small template helpers shared by the register pages."""

from __future__ import annotations

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
