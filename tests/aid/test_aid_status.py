"""The dated country aid-status table: lookup by decision date, and the table itself."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from vanort.aid import AidStatusKind, RuleBook, StatusRow, check_json, lookup_status, parse_case
from vanort.aid.engine import NO_ROW_FOR_DATE_BASIS, NOT_IN_TABLE_BASIS
from vanort.aid.loader import STATUS_COLUMNS, STATUS_PATH

Case = Callable[..., dict[str, Any]]

OLDER_LIST_OF_36 = [
    "AF",
    "AL",
    "AM",
    "BD",
    "BY",
    "BO",
    "BA",
    "BF",
    "CO",
    "ET",
    "GE",
    "GT",
    "IQ",
    "KH",
    "KE",
    "CD",
    "XK",
    "CU",
    "LR",
    "ML",
    "MD",
    "MZ",
    "MM",
    "MK",
    "PS",
    "RW",
    "RS",
    "SO",
    "SD",
    "SS",
    "TZ",
    "TR",
    "UG",
    "UA",
    "ZM",
    "ZW",
]


@pytest.mark.parametrize(
    ("country", "day", "status", "rules", "outcome"),
    [
        ("UA", "2023-07-12", "regional_strategy_only", ["R1", "R11"], "needs_legal_review"),
        ("UA", "2023-07-13", "bilateral_strategy", ["R1"], "permitted_with_conditions"),
        ("UA", "2027-12-31", "bilateral_strategy", ["R1"], "permitted_with_conditions"),
        ("PS", "2023-09-30", "bilateral_strategy", ["R1"], "permitted_with_conditions"),
        ("PS", "2023-10-01", "paused", ["R1", "R11"], "needs_legal_review"),
        ("IQ", "2023-12-31", "bilateral_strategy", ["R1"], "permitted_with_conditions"),
        ("IQ", "2024-01-01", "phase_out", ["R1", "R11"], "needs_legal_review"),
        ("ZW", "2025-12-31", "bilateral_strategy", ["R1"], "permitted_with_conditions"),
        ("ZW", "2026-01-01", "phase_out", ["R1", "R11"], "needs_legal_review"),
        ("MM", "2026-06-30", "phase_out", ["R1", "R11"], "needs_legal_review"),
        ("AF", "2021-08-15", "paused", ["R1", "R11"], "needs_legal_review"),
    ],
)
def test_aid_status_depends_on_the_decision_date(
    case: Case,
    rulebook: RuleBook,
    country: str,
    day: str,
    status: str,
    rules: list[str],
    outcome: str,
) -> None:
    verdict = check_json(case(recipient_country=country, decision_date=day), rulebook=rulebook)

    assert verdict["aid_status"]["status"] == status
    assert (verdict["rules"], verdict["outcome"]) == (rules, outcome)


@pytest.mark.parametrize(("disaster", "rule"), [(True, "R7"), (False, "R8")])
def test_myanmar_after_the_wind_down_counts_as_no_aid(
    case: Case, rulebook: RuleBook, disaster: bool, rule: str
) -> None:
    verdict = check_json(
        case(recipient_country="MM", decision_date="2026-07-01", disaster=disaster),
        rulebook=rulebook,
    )

    assert verdict["aid_status"]["status"] == "none"
    assert verdict["rules"] == [rule]


@pytest.mark.parametrize("country", ["ZW", "TZ", "MZ", "LR", "BO"])
def test_countries_phased_out_from_2026(rulebook: RuleBook, country: str) -> None:
    before = lookup_status(rulebook, country, date(2025, 12, 31))
    after = lookup_status(rulebook, country, date(2026, 1, 1))

    assert (before.status, after.status) == (
        AidStatusKind.BILATERAL_STRATEGY,
        AidStatusKind.PHASE_OUT,
    )


def test_country_not_in_the_table_does_not_receive_aid(rulebook: RuleBook) -> None:
    status = lookup_status(rulebook, "US", date(2026, 3, 1))

    assert status.status is AidStatusKind.NONE
    assert status.basis == NOT_IN_TABLE_BASIS
    assert status.checked_at == rulebook.table_checked_at


def test_date_outside_every_row_of_a_listed_country_is_not_none(rulebook: RuleBook) -> None:
    status = lookup_status(rulebook, "UA", date(2028, 1, 1))

    assert (status.status, status.row, status.basis) == (
        None,
        StatusRow.NONE_FOR_DATE,
        "no aid-status row covers this date; check the table",
    )
    assert status.basis == NO_ROW_FOR_DATE_BASIS


@pytest.mark.parametrize("country", ["NO", "IS", "DK", "FI", "DE", "GL", "SE"])
def test_explicit_none_rows(rulebook: RuleBook, country: str) -> None:
    rows = rulebook.status_table[country]

    assert [row.status for row in rows] == [AidStatusKind.NONE]


def test_decision_date_defaults_to_today(case: Case, rulebook: RuleBook) -> None:
    parsed = parse_case(case(decision_date=None), today=date(2023, 1, 1), rulebook=rulebook)

    assert parsed.decision_date == date(2023, 1, 1)
    assert lookup_status(rulebook, "UA", parsed.decision_date).status is AidStatusKind.REGIONAL_STRATEGY_ONLY


def test_every_country_of_the_older_list_has_rows(rulebook: RuleBook) -> None:
    missing = [code for code in OLDER_LIST_OF_36 if code not in rulebook.status_table]

    assert len(OLDER_LIST_OF_36) == 36
    assert missing == []


def test_status_file_has_exactly_the_documented_columns_and_full_rows() -> None:
    with Path(STATUS_PATH).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)

    assert tuple(reader.fieldnames or ()) == STATUS_COLUMNS
    for row in rows:
        assert row["basis"], row["country"]
        assert row["source"], row["country"]
        assert row["checked_at"], row["country"]


def test_status_rows_of_a_country_do_not_overlap(rulebook: RuleBook) -> None:
    for rows in rulebook.status_table.values():
        for before, after in itertools.pairwise(rows):
            assert before.valid_to is not None
            assert after.valid_from is not None
            assert before.valid_to < after.valid_from
