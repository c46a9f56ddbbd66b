"""Property-based tests: no input crashes the engine; a restricting fact never loosens."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanort.aid import (
    FIELD_CHOICES,
    FIELDS,
    OUTCOME_RANK,
    AidCase,
    AidInputError,
    DecisionBody,
    GoodsType,
    RecipientEntity,
    RuleBook,
    Verdict,
    check,
    load_rulebook,
    most_restrictive,
    parse_case,
    relevant_fields,
)

RULEBOOK: RuleBook = load_rulebook()
INTERESTING = ["UA", "PS", "IQ", "MM", "ZW", "AF", "BY", "ML", "XK", "NO", "GL", "SE", "US", "SY"]
COUNTRIES = st.sampled_from(INTERESTING) | st.sampled_from(sorted(RULEBOOK.known_countries))
DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
JUNK = st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.lists(st.integers())
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _answer(draw: st.DrawFn, field: str) -> Any:
    if field == "recipient_country":
        return draw(COUNTRIES)
    if field == "decision_date":
        return draw(DATES).isoformat()
    return draw(st.sampled_from(FIELD_CHOICES[field]))


@st.composite
def guided_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Answers as the guided form collects them: ask what matters until nothing new is asked."""
    answers: dict[str, Any] = {}
    while True:
        open_fields = [f for f in relevant_fields(answers, rulebook=RULEBOOK) if f not in answers]
        if not open_fields:
            break
        answers[open_fields[0]] = _answer(draw, open_fields[0])
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):  # extra, unasked answers
        answers.setdefault(field, _answer(draw, field))
    return answers


@st.composite
def any_input(draw: st.DrawFn) -> Any:
    keys = st.sampled_from(FIELDS) | st.text(max_size=8)
    values = st.one_of(
        st.sampled_from([v for choices in FIELD_CHOICES.values() for v in choices]),
        COUNTRIES,
        DATES.map(date.isoformat),
        JUNK,
    )
    return draw(st.dictionaries(keys, values, max_size=16) | JUNK)


def _assert_well_formed(verdict: Verdict) -> None:
    data = verdict.to_dict()
    assert set(data) == {
        "outcome",
        "rules",
        "conditions",
        "citations",
        "aid_status",
        "explanation",
        "rules_version",
        "unverified",
    }
    assert set(verdict.unverified) <= set(verdict.rules)
    fired = [RULEBOOK.rule(rule_id).outcome for rule_id in verdict.rules]
    assert verdict.outcome == most_restrictive(fired)


@SETTINGS
@given(any_input())
def test_no_input_crashes_the_engine(data: Any) -> None:
    try:
        parsed = parse_case(data, rulebook=RULEBOOK)
    except AidInputError as error:
        problem = error
    else:
        _assert_well_formed(check(parsed, RULEBOOK))
        return
    assert problem.field
    assert "\n" not in str(problem)


@SETTINGS
@given(guided_answers())
def test_answering_the_guided_questions_gives_a_valid_case(answers: dict[str, Any]) -> None:
    verdict = check(parse_case(answers, rulebook=RULEBOOK), RULEBOOK)

    assert verdict.rules, "every complete case fires at least one rule"
    _assert_well_formed(verdict)


RESTRICTING_FACTS: list[dict[str, Any]] = [
    {"goods_type": GoodsType.MILITARY},
    {"use_verification_plan": False},
    {"decision_body": DecisionBody.NONE},
    {"recipient_entity": RecipientEntity.PRIVATE},
]


@SETTINGS
@given(guided_answers(), st.sampled_from(RESTRICTING_FACTS))
def test_a_restricting_fact_never_makes_the_outcome_more_permissive(
    answers: dict[str, Any], fact: dict[str, Any]
) -> None:
    case: AidCase = parse_case(answers, rulebook=RULEBOOK)
    before = check(case, RULEBOOK).outcome
    after = check(dataclasses.replace(case, **fact), RULEBOOK).outcome

    assert OUTCOME_RANK[after] >= OUTCOME_RANK[before]


@SETTINGS
@given(guided_answers(), st.sampled_from(RESTRICTING_FACTS))
def test_a_restricting_fact_given_as_json_never_loosens_either(answers: dict[str, Any], fact: dict[str, Any]) -> None:
    before = check(parse_case(answers, rulebook=RULEBOOK), RULEBOOK).outcome
    json_fact = {key: getattr(value, "value", value) for key, value in fact.items()}
    after = check(parse_case({**answers, **json_fact}, rulebook=RULEBOOK), RULEBOOK).outcome

    assert OUTCOME_RANK[after] >= OUTCOME_RANK[before]
