"""Form field for partial dates: accepts EDTF and the phrases people write."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vanort.core.partial_dates import PartialDate, PartialDateError

_DECADE_PHRASE = re.compile(r"^(?:.*?\b)?(\d{3})0(?:-talet|s)$", re.IGNORECASE)


def parse_partial_date_input(text: str) -> PartialDate:
    """Accept `194X`, `1985`, `1989-01`, `1989-01-15`, `1940-talet`, `1940s`, `slutet av 1940-talet`."""
    value = text.strip()
    m = _DECADE_PHRASE.match(value)
    if m:
        return PartialDate.parse(f"{m.group(1)}X")
    return PartialDate.parse(value)


class PartialDateFormField(forms.CharField):
    default_error_messages = {
        "invalid": _("Ange ett datum som 194X, 1940-talet, 1985, 1989-01 eller 1989-01-15."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "40")

    def prepare_value(self, value: Any) -> Any:
        return value.edtf() if isinstance(value, PartialDate) else value

    def to_python(self, value: Any) -> PartialDate | None:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_partial_date_input(text)
        except PartialDateError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
