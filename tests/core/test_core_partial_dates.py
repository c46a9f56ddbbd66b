from datetime import date

import pytest

from vanort.core.errors import ValidationFailed
from vanort.core.partial_dates import PartialDate, PartialDateError, Precision, parse_day, parse_human, parse_optional


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("194X", date(1940, 1, 1), date(1949, 12, 31), Precision.DECADE),
        ("1985", date(1985, 1, 1), date(1985, 12, 31), Precision.YEAR),
        ("1989-01", date(1989, 1, 1), date(1989, 1, 31), Precision.MONTH),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2023-10-04", date(2023, 10, 4), date(2023, 10, 4), Precision.DAY),
    ],
)
def test_parse_gives_bounds_and_round_trips(text, lower, upper, precision):
    value = PartialDate.parse(text)
    assert (value.lower, value.upper, value.precision) == (lower, upper, precision)
    assert value.edtf() == text


@pytest.mark.parametrize("text", ["", "19", "1989-13", "1989-02-30", "late 1940s", "194x5"])
def test_parse_refuses_what_is_not_a_partial_date(text):
    with pytest.raises(PartialDateError):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("text", "edtf"),
    [("1940-talet", "194X"), ("slutet av 1940-talet", "194X"), ("1940s", "194X"), ("1989-01", "1989-01")],
)
def test_form_input_accepts_the_phrases_people_write(text, edtf):
    assert parse_human(text).edtf() == edtf


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("12 mars 2027", "2027-03-12"),
        ("den 12 mars 2027", "2027-03-12"),
        ("2027-03-12", "2027-03-12"),
        ("2027-3-2", "2027-03-02"),
        ("12.03.2027", "2027-03-12"),
        ("mars 2027", "2027-03"),
        ("Mars 2027", "2027-03"),
        ("okt. 2027", "2027-10"),
        ("1940-talet", "194X"),
        ("slutet av 1940-talet", "194X"),
        ("1940s", "194X"),
        ("the 1940's", "194X"),
        ("12 March 2027", "2027-03-12"),
        ("March 12, 2027", "2027-03-12"),
        ("12th March 2027", "2027-03-12"),
        ("May 2027", "2027-05"),
        ("12 березня 2027", "2027-03-12"),
        ("12 березня 2027 року", "2027-03-12"),
        ("березень 2027", "2027-03"),
        ("1940-ві", "194X"),
        ("1940-ті", "194X"),
        ("1940-х років", "194X"),
        ("194x", "194X"),
        ("1985", "1985"),
        ("  1989-01  ", "1989-01"),
    ],
)
def test_dates_as_people_write_them(text, edtf):
    assert parse_human(text).edtf() == edtf


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12 smarch 2027",
        "30 februari 2027",
        "03/12/2027",
        "2027-13",
        "mars",
        "40-talet",
        "12 mars",
        "0 mars 2027",
        "1" * 60,
    ],
)
def test_what_cannot_be_read_with_certainty_is_refused(text):
    with pytest.raises(PartialDateError):
        parse_human(text)


def test_a_whole_day_is_required_where_a_day_is_meant():
    assert parse_day("12 mars 2027") == date(2027, 3, 12)
    with pytest.raises(PartialDateError):
        parse_day("mars 2027")


def test_there_is_one_date_parser():
    """Forms read dates only through `partial_dates`: no second copy of month names or decade phrases."""
    import pathlib
    import re

    src = pathlib.Path(__file__).resolve().parents[2] / "src" / "vanort"
    copies = [
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if p.name != "partial_dates.py"
        and re.search(r"-talet\|s|strptime\(|\bDateField\(", p.read_text())
        and ("forms" in p.name)
    ]
    assert copies == [], copies


@pytest.mark.parametrize("text", ["0001-01-01", "0001", "9999", "9999-12-31", "1899", "000X", "999X"])
def test_years_outside_the_registers_range_are_refused(text):
    """Year 0001 once reached the start page's timeline and broke it for everyone (QA, issue 8)."""
    with pytest.raises(PartialDateError):
        PartialDate.parse(text)


def test_the_range_includes_1900_and_2200():
    assert PartialDate.parse("1900").lower.year == 1900
    assert PartialDate.parse("2200-12-31").lower.year == 2200


@pytest.mark.parametrize("text", ["", None])
def test_parse_optional_reads_nothing_as_none(text):
    assert parse_optional(text, field="start") is None


def test_parse_optional_refuses_a_bad_date_naming_the_field():
    with pytest.raises(ValidationFailed) as err:
        parse_optional("2023-13", field="end")
    assert err.value.field == "end"
