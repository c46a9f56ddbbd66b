"""What fits: the one set of input bounds that web forms, the API, the CLI and services share.

SQLite stores any integer and any year; PostgreSQL refuses what exceeds the column. Checking
against these bounds everywhere gives the same 4xx on both databases instead of a 500 on one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 12, 31)
MAX_ID = 2**63 - 1  # bigint primary keys
MAX_QUERY_CHARS = 200  # search text beyond this is cut (SQLite: "LIKE pattern too complex")

_INT_RANGES: dict[type[models.Field[Any, Any]], tuple[int, int]] = {
    models.PositiveSmallIntegerField: (0, 32767),
    models.SmallIntegerField: (-32768, 32767),
    models.PositiveIntegerField: (0, 2147483647),
    models.IntegerField: (-2147483648, 2147483647),
    models.PositiveBigIntegerField: (0, MAX_ID),
    models.BigIntegerField: (-MAX_ID - 1, MAX_ID),
}


def day_error(value: date) -> str | None:
    if EARLIEST_DAY <= value <= LATEST_DAY:
        return None
    return _("Datumet måste ligga mellan %(first)s och %(last)s.") % {"first": EARLIEST_DAY, "last": LATEST_DAY}


def int_range(field: models.Field[Any, Any]) -> tuple[int, int] | None:
    for kind in type(field).__mro__:
        if kind in _INT_RANGES:
            return _INT_RANGES[kind]
    return None


def check_fields(instance: models.Model) -> None:
    """Raise ValidationError for dates and integers of `instance` outside what every database stores."""
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.AutoField | models.ForeignKey):
            continue
        value = getattr(instance, field.attname, None)
        if isinstance(value, date):
            day = value.date() if hasattr(value, "date") and callable(value.date) else value
            message = day_error(day)
            if message:
                errors[field.name] = [message]
        elif isinstance(value, int) and not isinstance(value, bool):
            bounds = int_range(field)
            if bounds and not bounds[0] <= value <= bounds[1]:
                errors[field.name] = [_("Talet är för stort.") if value > bounds[1] else _("Talet är för litet.")]
    if errors:
        raise ValidationError(errors)


def search_text(q: str | None) -> str:
    """Search text as the selectors use it: stripped and bounded."""
    return (q or "").strip()[:MAX_QUERY_CHARS]


def parse_id(text: str | None) -> int | None:
    """A record id from a query parameter, or None when it is not one (not digits, or too big)."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None
