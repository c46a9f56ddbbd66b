"""Partial dates: "the 1940s", "1985", "1989-01", "1989-01-15".

History in a twin-town register is known to the decade, the year or the month. We keep the
precision instead of inventing a day, and write them as EDTF-style strings (`194X`, `1985`,
`1989-01`), which sort sensibly as text and are the contract's export format.
Pure Python: no Django import.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    DECADE = "decade"
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_EDTF = re.compile(r"^(?P<dec>\d{3})X$|^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


class PartialDateError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to some precision; `lower` and `upper` bound the real day."""

    lower: date
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        value = text.strip()
        m = _EDTF.match(value)
        if not m:
            raise PartialDateError(f"'{text}' is not a partial date (use 194X, 1985, 1989-01 or 1989-01-15)")
        try:
            if m["dec"]:
                return cls(date(int(m["dec"]) * 10, 1, 1), Precision.DECADE)
            year = int(m["year"])
            if m["day"]:
                return cls(date(year, int(m["month"]), int(m["day"])), Precision.DAY)
            if m["month"]:
                return cls(date(year, int(m["month"]), 1), Precision.MONTH)
            return cls(date(year, 1, 1), Precision.YEAR)
        except ValueError as exc:
            raise PartialDateError(f"'{text}' is not a valid date: {exc}") from exc

    @classmethod
    def from_date(cls, day: date) -> PartialDate:
        return cls(day, Precision.DAY)

    @property
    def upper(self) -> date:
        y = self.lower.year
        if self.precision is Precision.DECADE:
            return date(y + 9, 12, 31)
        if self.precision is Precision.YEAR:
            return date(y, 12, 31)
        if self.precision is Precision.MONTH:
            return date(y, self.lower.month, calendar.monthrange(y, self.lower.month)[1])
        return self.lower

    def edtf(self) -> str:
        if self.precision is Precision.DECADE:
            return f"{self.lower.year // 10:03d}X"
        if self.precision is Precision.YEAR:
            return f"{self.lower.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.lower.year:04d}-{self.lower.month:02d}"
        return self.lower.isoformat()

    def __str__(self) -> str:
        return self.edtf()
