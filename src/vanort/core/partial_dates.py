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

from vanort.core.errors import ValidationFailed


class Precision(StrEnum):
    DECADE = "decade"
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_EDTF = re.compile(r"^(?P<dec>\d{3})X$|^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


class PartialDateError(ValueError):
    pass


# The years a register fact can have (one bound for the whole app; `core.bounds` reads it):
# nothing before 1900 or after 2200 is a real partnership, activity or decision, and years such
# as 0001 or 9999 break date arithmetic downstream (timelines, "+ 1 year").
MIN_YEAR = 1900
MAX_YEAR = 2200


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to some precision; `lower` and `upper` bound the real day."""

    lower: date
    precision: Precision

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.lower.year <= MAX_YEAR:
            raise PartialDateError(f"{self.lower.year}: the year must be between {MIN_YEAR} and {MAX_YEAR}")

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


# --- dates as people write them ------------------------------------------------------------------
# The one parser behind every form that takes a date: "12 mars 2027", "2027-03-12", "mars 2027",
# "1940-talet", "slutet av 1940-talet", "March 2027", "12 березня 2027", "1940-ві", "12.03.2027".

#: Month names and common abbreviations in Swedish, English and Ukrainian (nominative and the
#: genitive used after a day: "березень 2027" but "12 березня 2027").
MONTH_NAMES: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "januari jan january січень січня",
            "februari feb february лютий лютого",
            "mars mar march березень березня",
            "april apr квітень квітня",
            "maj may травень травня",
            "juni jun june червень червня",
            "juli jul july липень липня",
            "augusti aug august серпень серпня",
            "september sep sept вересень вересня",
            "oktober okt oct october жовтень жовтня",
            "november nov листопад листопада",
            "december dec грудень грудня",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = "(?P<month>[^\\W\\d_]+)"
_NOISE = re.compile(r"\s*(?:року|рік|р\.|г\.)$|^(?:den|the|on)\s+|,")
_ISO = re.compile(r"^(?P<year>\d{4})[-/](?P<month>\d{1,2})(?:[-/](?P<day>\d{1,2}))?$")
_DOTTED = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})$")
_DAY_MONTH_YEAR = re.compile(rf"^(?P<day>\d{{1,2}})(?:\.|st|nd|rd|th|-?го)?\s+{_MONTH}\.?\s+(?P<year>\d{{4}})$")
_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<year>\d{{4}})$")
_MONTH_YEAR = re.compile(rf"^{_MONTH}\.?\s+(?P<year>\d{{4}})$")
#: "1940-talet", "slutet av 1940-talet", "1940s", "the 1940's", "1940-ті", "1940-ві", "1940-х (років)".
_DECADE = re.compile(r"^(?:.*?\s)?(?P<dec>\d{3})0(?:-?talet|-?tal|'?s|-(?:ті|ві|і|х)(?:\s+рок(?:и|ів))?)$")


def _month(name: str) -> int:
    number = MONTH_NAMES.get(name.casefold().rstrip("."))
    if number is None:
        raise PartialDateError(f"'{name}' is not a month name")
    return number


def _build(year: str, month: int | str, day: str | None = None) -> PartialDate:
    try:
        if day is None:
            return PartialDate(date(int(year), int(month), 1), Precision.MONTH)
        return PartialDate(date(int(year), int(month), int(day)), Precision.DAY)
    except ValueError as exc:
        raise PartialDateError(f"not a valid date: {exc}") from exc


def parse_optional(text: str | None, *, field: str) -> PartialDate | None:
    """A stored or exchanged partial date (EDTF: "2023-10", "198X") or None when empty. What the API,
    imports and document facts read; a bad value is refused naming `field` (ValidationFailed)."""
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except PartialDateError as exc:
        raise ValidationFailed(str(exc), field=field) from exc


def parse_human(text: str) -> PartialDate:
    """A partial date from what a person typed (Swedish, English or Ukrainian); EDTF too.

    Raises `PartialDateError` for anything it cannot read with certainty (it never guesses
    between day and month order: "03/12/2027" is refused, "12.03.2027" is day.month.year)."""
    value = " ".join(text.split()).casefold()
    value = _NOISE.sub("", _NOISE.sub("", value)).strip()
    if m := _EDTF.match(value.upper()):
        return PartialDate.parse(value.upper())
    if m := _ISO.match(value):
        return _build(m["year"], m["month"], m["day"])
    if m := _DOTTED.match(value):
        return _build(m["year"], m["month"], m["day"])
    if m := _DAY_MONTH_YEAR.match(value) or _MONTH_DAY_YEAR.match(value):
        return _build(m["year"], _month(m["month"]), m["day"])
    if m := _MONTH_YEAR.match(value):
        return _build(m["year"], _month(m["month"]))
    if m := _DECADE.match(value):
        return PartialDate.parse(f"{m['dec']}X")
    raise PartialDateError(f"'{text}' is not a date this parser can read")


def parse_day(text: str) -> date:
    """A whole day (for dates that must be exact): "12 mars 2027", "2027-03-12", "12.03.2027"."""
    value = parse_human(text)
    if value.precision is not Precision.DAY:
        raise PartialDateError(f"'{text}' is not a whole day")
    return value.lower
