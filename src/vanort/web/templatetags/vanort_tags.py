"""Small template helpers shared by the register pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from vanort.web.registry.forms import STATUS_LABELS

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
    from vanort.web.registry.forms import END_REASONS

    return str(dict(END_REASONS).get(code, "")) if code else ""


@register.filter
def end_reason_sentence(code: str) -> str:
    from vanort.web.registry.forms import END_REASON_SENTENCES

    return str(END_REASON_SENTENCES.get(code, "")) if code else ""  # type: ignore[call-overload]


@register.filter
def is_planned(activity: object) -> bool:
    """An activity that has not happened yet (it starts after today)."""
    from django.utils import timezone

    start = getattr(activity, "start", None)
    return bool(start and start.lower > timezone.localdate())


@register.filter
def place_name(place: Any, names: Any = None) -> str:
    """The place's name in the reader's language and script where the register knows it
    (Тростянець in Ukrainian, Trostianets in English, Vanda in Swedish); else its register name.
    `names` is the page's `place_names` (one query per page, made only when a page shows a place)."""
    if place is None:
        return ""
    try:
        return str(names[place.pk]) if names is not None and place.pk in names else str(place.name)
    except (TypeError, KeyError):
        return str(place.name)


@register.filter
def human_date(value: Any) -> str:
    """A date or partial date in the reader's words: "12 mars 2027" / "12 March 2027" / "12 березня 2027",
    "mars 2027", "1940-talet" / "the 1940s" / "1940-ві роки"; "" for nothing."""
    from datetime import date

    from django.utils.dateformat import format as date_format
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    from vanort.core.partial_dates import PartialDate, Precision

    if not value:
        return ""
    if isinstance(value, date):
        value = PartialDate.from_date(value)
    if not isinstance(value, PartialDate):
        return str(value)
    lower = value.lower
    if value.precision is Precision.DECADE:
        return _("%(decade)s-talet") % {"decade": lower.year}
    if value.precision is Precision.YEAR:
        return str(lower.year)
    english = (get_language() or "sv").startswith("en")
    if value.precision is Precision.MONTH:
        text = date_format(lower, "F Y")
        return text if english else text[:1].lower() + text[1:]
    text = date_format(lower, "j F Y" if english else "j E Y")
    return text if english else text.lower()


@register.filter
def swedish_path(path: str) -> str:
    """The same page in Swedish (the default language has no prefix): /uk/partnerskap/3/ → /partnerskap/3/."""
    for prefix in ("/en/", "/uk/"):
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
    return path
