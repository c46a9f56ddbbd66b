"""Form field for partial dates: accepts EDTF and the phrases people write (`partial_dates.parse_human`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vanort.core.bounds import MAX_ID
from vanort.core.partial_dates import PartialDate, PartialDateError, parse_day, parse_human


class PartialDateFormField(forms.CharField):
    default_error_messages = {
        "invalid": _("Ange ett datum som 12 mars 2027, 2027-03-12, mars 2027, 1985 eller 1940-talet."),
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
            return parse_human(text)
        except PartialDateError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class DayFormField(forms.DateField):
    """A whole day, read by the same parser as partial dates ("12 mars 2027", "2027-03-12", "12.03.2027")."""

    default_error_messages = {"invalid": _("Ange ett datum som 12 mars 2027 eller 2027-03-12.")}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_day(str(value))
        except PartialDateError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class RecordsField(forms.ModelMultipleChoiceField):
    """Ids beyond what a bigint key holds are an invalid choice (a form error), not a database error."""

    def _check_values(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            if str(pk).isdigit() and int(pk) > MAX_ID:
                message = self.error_messages["invalid_choice"]
                raise ValidationError(message, code="invalid_choice", params={"value": pk})
        return super()._check_values(value)
