from datetime import date

import pytest

from vanort.core.forms import parse_partial_date_input
from vanort.core.partial_dates import PartialDate, PartialDateError, Precision


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
    assert parse_partial_date_input(text).edtf() == edtf
