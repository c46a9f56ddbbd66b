"""Two gaps closed (issue 15): dates no aid-status row covers, and a body that cannot decide.

Boundaries: the day before and after every row of the shipped table, a gap between two rows,
every giver x decision body pair; and properties that neither rule loosens any verdict.
"""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.aid.test_aid_properties import RULEBOOK, guided_answers
from vanort.aid import (
    OUTCOME_RANK,
    AidInputError,
    AidStatus,
    AidStatusKind,
    DecisionBody,
    Giver,
    Outcome,
    RuleBook,
    StatusRow,
    check,
    check_json,
    load_rulebook,
    lookup_status,
    parse_case,
)
from vanort.aid.engine import compile_rules
from vanort.aid.loader import STATUS_PATH

BASE: dict[str, Any] = {  # spare civil equipment to Ukraine, as in conftest.make_case
    "giver": "kommun",
    "recipient_country": "UA",
    "decision_date": "2026-03-01",
    "activity": "aid",
    "form": "equipment",
    "equipment_origin": "spare",
    "goods_type": "civil",
    "recipient_entity": "foreign_public",
    "use_verification_plan": True,
    "decision_body": "fullmaktige",
}


def make_case(**changes: Any) -> dict[str, Any]:
    return {key: value for key, value in {**BASE, **changes}.items() if value is not None}


NO_ROW = "no aid-status row covers this date; check the table"
NEW_RULES = ("R11-NO-ROW", "OV-BODY-NOT-COMPETENT")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _edges() -> list[tuple[str, date]]:
    """(country, day) for the day before each row's start and the day after each row's end."""
    edges = []
    for country, rows in sorted(RULEBOOK.status_table.items()):
        for row in rows:
            if row.valid_from is not None:
                edges.append((country, row.valid_from - timedelta(days=1)))
            if row.valid_to is not None:
                edges.append((country, row.valid_to + timedelta(days=1)))
    return edges


EDGES = _edges()


def test_the_shipped_table_has_edges_to_test() -> None:
    assert ("UA", date(2028, 1, 1)) in EDGES
    assert ("UA", date(2023, 7, 12)) in EDGES


@pytest.mark.parametrize(("country", "day"), EDGES, ids=[f"{c}-{d}" for c, d in EDGES])
def test_each_row_edge_is_a_neighbour_row_or_no_row_never_none(country: str, day: date) -> None:
    status = lookup_status(RULEBOOK, country, day)
    neighbours = [row for row in RULEBOOK.status_table[country] if row.covers(day)]
    verdict = check_json(
        make_case(recipient_country=country, decision_date=day.isoformat(), disaster=True), rulebook=RULEBOOK
    )

    if neighbours:
        assert status == neighbours[0]
        assert "R11-NO-ROW" not in verdict["rules"]
    else:
        assert (status.status, status.row, status.basis) == (None, StatusRow.NONE_FOR_DATE, NO_ROW)
        assert {"R11", "R11-NO-ROW"} <= set(verdict["rules"])
        assert verdict["aid_status"]["status"] == "no_row"
        assert verdict["outcome"] == "needs_legal_review"


@pytest.mark.parametrize(
    ("day", "status", "rules"),
    [
        ("2023-07-12", "regional_strategy_only", ["R2", "R11"]),
        ("2023-07-13", "bilateral_strategy", ["R2"]),
        ("2027-12-31", "bilateral_strategy", ["R2"]),
        ("2028-01-01", "no_row", ["R2", "R11", "R11-NO-ROW"]),
    ],
)
def test_ukraine_training_around_the_strategy_end(day: str, status: str, rules: list[str]) -> None:
    case = make_case(form="training", equipment_origin=None, goods_type=None, decision_date=day)

    verdict = check_json(case, rulebook=RULEBOOK)

    assert (verdict["aid_status"]["status"], verdict["rules"]) == (status, rules)
    assert verdict["outcome"] != "not_permitted_without_government_permission"


def test_no_row_reason_in_every_language() -> None:
    case = make_case(decision_date="2028-01-01")
    texts = {lang: check_json(case, rulebook=RULEBOOK, lang=lang) for lang in ("sv", "en", "uk")}

    assert "Kontrollera landtabellen för beslutsdagen" in texts["sv"]["conditions"][-1]
    assert "Check the country table for the decision date" in texts["en"]["conditions"][-1]
    assert "Перевірте таблицю країн на дату рішення" in texts["uk"]["conditions"][-1]
    assert "No aid-status row covers this date; check the table." in texts["sv"]["explanation"]["en"]
    assert "Ingen rad i landtabellen täcker beslutsdagen" in texts["en"]["explanation"]["sv"]


def test_country_without_any_row_still_does_not_receive_aid() -> None:
    status = lookup_status(RULEBOOK, "US", date(2026, 3, 1))

    assert (status.status, status.row) == (AidStatusKind.NONE, StatusRow.COUNTRY_NOT_LISTED)


@pytest.fixture(scope="module")
def gap_book(tmp_path_factory: pytest.TempPathFactory) -> RuleBook:
    """The shipped table plus a country (Kenya) whose two rows leave 2025-01-01..2025-12-31 open."""
    text = "\n".join(
        line for line in STATUS_PATH.read_text(encoding="utf-8").splitlines() if not line.startswith("KE,")
    )
    text += (
        "\nKE,bilateral_strategy,test row,2020-01-01,2024-12-31,test,2026-11-26"
        "\nKE,none,test row,2026-01-01,,test,2026-11-26\n"
    )
    path: Path = tmp_path_factory.mktemp("gap") / "status.csv"
    path.write_text(text, encoding="utf-8")
    return load_rulebook(RULEBOOK.known_countries, status_path=path)


@pytest.mark.parametrize(
    ("day", "status", "rule_r11"),
    [
        ("2024-12-31", "bilateral_strategy", False),
        ("2025-01-01", "no_row", True),
        ("2025-07-01", "no_row", True),
        ("2025-12-31", "no_row", True),
        ("2026-01-01", "none", False),
        ("2019-12-31", "no_row", True),
    ],
)
def test_a_gap_between_rows_is_uncertain(gap_book: RuleBook, day: str, status: str, rule_r11: bool) -> None:
    verdict = check_json(make_case(recipient_country="KE", decision_date=day, disaster=True), rulebook=gap_book)

    assert verdict["aid_status"]["status"] == status
    assert ("R11-NO-ROW" in verdict["rules"]) is rule_r11


COMPETENT: dict[Giver, set[DecisionBody]] = {
    Giver.KOMMUN: {DecisionBody.FULLMAKTIGE, DecisionBody.STYRELSE_OR_NAMND, DecisionBody.DELEGATE},
    Giver.REGION: {DecisionBody.FULLMAKTIGE, DecisionBody.STYRELSE_OR_NAMND, DecisionBody.DELEGATE},
    Giver.KOMMUNALFORBUND: {DecisionBody.FULLMAKTIGE, DecisionBody.STYRELSE_OR_NAMND, DecisionBody.DELEGATE},
    Giver.KOMMUNALT_BOLAG: {DecisionBody.BOLAGSSTYRELSE, DecisionBody.DELEGATE},
}
PAIRS = list(itertools.product(Giver, DecisionBody))


@pytest.mark.parametrize(("giver", "body"), PAIRS, ids=[f"{g.value}-{b.value}" for g, b in PAIRS])
def test_every_giver_and_decision_body_pair(giver: Giver, body: DecisionBody) -> None:
    owner = {} if giver in (Giver.KOMMUN, Giver.REGION) else {"owner_authorised": True}
    verdict = check_json(make_case(giver=giver.value, decision_body=body.value, **owner), rulebook=RULEBOOK)

    not_competent = body is not DecisionBody.NONE and body not in COMPETENT[giver]
    assert ("OV-BODY-NOT-COMPETENT" in verdict["rules"]) is not_competent
    assert ("OV-NO-DECISION-BODY" in verdict["rules"]) is (body is DecisionBody.NONE)
    expected = "permitted_with_conditions" if body in COMPETENT[giver] else "needs_legal_review"
    assert verdict["outcome"] == expected


def test_body_reason_in_every_language() -> None:
    case = make_case(decision_body="bolagsstyrelse")

    verdict = check_json(case, rulebook=RULEBOOK, lang="uk")

    assert "Beslutet har fattats av ett organ som inte kan besluta för den här givaren." in verdict["explanation"]["sv"]
    assert "The decision was taken by a body that cannot decide for this giver." in verdict["explanation"]["en"]
    assert "Рішення ухвалив орган, який не може ухвалювати рішення за цього надавача." in verdict["explanation"]["uk"]


# --- properties: neither new rule makes any verdict more permissive ---------------------------


def _without(book: RuleBook, ids: tuple[str, ...]) -> RuleBook:
    rules = tuple(rule for rule in book.rules if rule.id not in ids)
    return dataclasses.replace(book, rules=rules, compiled=compile_rules(rules))


WITHOUT_NEW = _without(RULEBOOK, NEW_RULES)
DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2032, 12, 31))


@SETTINGS
@given(guided_answers(), DAYS)
def test_the_new_rules_never_loosen_a_verdict(answers: dict[str, Any], day: date) -> None:
    try:
        case = parse_case({**answers, "decision_date": day.isoformat()}, rulebook=RULEBOOK)
    except AidInputError:  # a new date may ask a new question (disaster)
        assume(False)
        return
    with_rules = check(case, RULEBOOK).outcome
    without = check(case, WITHOUT_NEW).outcome

    assert OUTCOME_RANK[with_rules] >= OUTCOME_RANK[without]


@SETTINGS
@given(guided_answers(), st.sampled_from(list(DecisionBody)))
def test_a_body_that_cannot_decide_never_loosens(answers: dict[str, Any], body: DecisionBody) -> None:
    case = parse_case(answers, rulebook=RULEBOOK)
    competent = next(iter(sorted(COMPETENT[case.giver])))
    before = check(dataclasses.replace(case, decision_body=competent), RULEBOOK).outcome

    after = check(dataclasses.replace(case, decision_body=body), RULEBOOK).outcome

    assert OUTCOME_RANK[after] >= OUTCOME_RANK[before]


def _receives_on(country: str, day: date) -> RuleBook:
    row = AidStatus(country, AidStatusKind.BILATERAL_STRATEGY, "test", day, day, "test", "2026-11-26")
    return dataclasses.replace(RULEBOOK, status_table={**RULEBOOK.status_table, country: (row,)})


@SETTINGS
@given(guided_answers())
def test_an_uncovered_date_is_never_more_permissive_than_receiving_aid(answers: dict[str, Any]) -> None:
    case = parse_case({**answers, "recipient_country": "UA", "decision_date": "2030-06-01"}, rulebook=RULEBOOK)

    uncovered = check(case, RULEBOOK)
    receiving = check(case, _receives_on("UA", case.decision_date))

    assert OUTCOME_RANK[uncovered.outcome] >= OUTCOME_RANK[receiving.outcome]
    if case.activity.value == "aid":
        assert OUTCOME_RANK[uncovered.outcome] >= OUTCOME_RANK[Outcome.NEEDS_LEGAL_REVIEW]
        assert "R11-NO-ROW" in uncovered.rules
