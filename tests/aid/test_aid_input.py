"""Validation of a case: errors name the field; which fields are required; the guided questions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from vanort.aid import FIELD_CHOICES, AidInputError, Giver, RuleBook, parse_case, relevant_fields

Case = Callable[..., dict[str, Any]]
FIN = {"form": "financial", "equipment_origin": None, "goods_type": None}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"giver": None}, "giver"),
        ({"recipient_country": None}, "recipient_country"),
        ({"activity": None}, "activity"),
        ({"decision_body": None}, "decision_body"),
        ({"giver": "kommunalt_bolag"}, "owner_authorised"),
        ({"giver": "kommunalforbund"}, "owner_authorised"),
        ({"form": None}, "form"),
        ({"recipient_entity": None}, "recipient_entity"),
        ({"use_verification_plan": None}, "use_verification_plan"),
        ({"equipment_origin": None}, "equipment_origin"),
        ({"goods_type": None}, "goods_type"),
        (FIN, "fin_purpose"),
        ({**FIN, "fin_purpose": "transport_setup"}, "linked_equipment_permitted"),
        ({**FIN, "fin_purpose": "commissioning_personnel"}, "linked_equipment_permitted"),
        (
            {**FIN, "fin_purpose": "transport_setup", "linked_equipment_permitted": True},
            "goods_type",
        ),
        ({"recipient_country": "NO"}, "disaster"),
        ({"activity": "service_export", "form": None, "goods_type": None}, "goods_type"),
    ],
)
def test_missing_required_field_is_named(case: Case, rulebook: RuleBook, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(AidInputError) as error:
        parse_case(case(**changes), rulebook=rulebook)

    assert error.value.field == field
    assert error.value.message.startswith("missing")


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"disaster": None}, id="disaster for a country that receives aid"),
        pytest.param({"form": "advice", "equipment_origin": None, "goods_type": None}, id="goods for advice"),
        pytest.param(
            {
                "activity": "twinning_exchange",
                "form": None,
                "equipment_origin": None,
                "goods_type": None,
                "recipient_entity": None,
                "use_verification_plan": None,
            },
            id="aid questions for twinning",
        ),
        pytest.param({"decision_date": None}, id="decision date"),
        pytest.param({"recipient_entity": None, "activity": "service_export"}, id="entity for export"),
    ],
)
def test_fields_that_do_not_matter_are_not_required(case: Case, rulebook: RuleBook, changes: dict[str, Any]) -> None:
    assert parse_case(case(**changes), rulebook=rulebook).giver is Giver.KOMMUN


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"colour": "red"}, "colour", "unknown field"),
        ({"giver": "staten"}, "giver", "unknown value 'staten'"),
        ({"form": "cash"}, "form", "unknown value 'cash'"),
        ({"use_verification_plan": "true"}, "use_verification_plan", "allowed: true, false"),
        ({"disaster": 1}, "disaster", "unknown value 1"),
        ({"recipient_country": "ZZ"}, "recipient_country", "unknown country code 'ZZ'"),
        ({"recipient_country": 46}, "recipient_country", "unknown country code 46"),
        ({"decision_date": "2026-02-30"}, "decision_date", "not a valid date"),
        ({"decision_date": "20260101"}, "decision_date", "not a valid date"),
        ({"decision_date": "1/3/2026"}, "decision_date", "not a valid date"),
        ({"goods_type": ["civil"]}, "goods_type", "unknown value"),
    ],
)
def test_bad_input_names_the_field(
    case: Case, rulebook: RuleBook, changes: dict[str, Any], field: str, fragment: str
) -> None:
    with pytest.raises(AidInputError) as error:
        parse_case(case(**changes), rulebook=rulebook)

    assert error.value.field == field
    assert fragment in error.value.message
    assert str(error.value).startswith(f"{field}: ")


def test_input_that_is_not_an_object_is_rejected(rulebook: RuleBook) -> None:
    with pytest.raises(AidInputError) as error:
        parse_case(["giver", "kommun"], rulebook=rulebook)  # type: ignore[arg-type]

    assert error.value.field == "case"


def test_country_code_is_normalised_and_null_counts_as_missing(case: Case, rulebook: RuleBook) -> None:
    parsed = parse_case({**case(recipient_country=" ua "), "disaster": None}, rulebook=rulebook)

    assert (parsed.recipient_country, parsed.disaster) == ("UA", None)
    assert parsed.decision_date == date(2026, 3, 1)


def test_field_choices_cover_the_choice_fields() -> None:
    assert FIELD_CHOICES["giver"] == ("kommun", "region", "kommunalt_bolag", "kommunalforbund")
    assert FIELD_CHOICES["disaster"] == (True, False)
    assert "recipient_country" not in FIELD_CHOICES


# --- the guided form -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, ["giver", "recipient_country", "decision_date", "activity", "decision_body"]),
        (
            {"giver": "kommunalt_bolag"},
            [
                "giver",
                "owner_authorised",
                "recipient_country",
                "decision_date",
                "activity",
                "decision_body",
            ],
        ),
        (
            {"giver": "stat", "activity": "twinning_exchange"},
            ["giver", "recipient_country", "decision_date", "activity", "decision_body"],
        ),
        (
            {"activity": "aid"},
            [
                "giver",
                "recipient_country",
                "decision_date",
                "activity",
                "form",
                "recipient_entity",
                "use_verification_plan",
                "decision_body",
            ],
        ),
        (
            {"activity": "aid", "form": "financial", "fin_purpose": "transport_setup"},
            [
                "giver",
                "recipient_country",
                "decision_date",
                "activity",
                "form",
                "fin_purpose",
                "linked_equipment_permitted",
                "goods_type",
                "recipient_entity",
                "use_verification_plan",
                "decision_body",
            ],
        ),
        (
            {
                "recipient_country": "UA",
                "activity": "aid",
                "form": "equipment",
                "equipment_origin": "spare",
            },
            [
                "giver",
                "recipient_country",
                "decision_date",
                "activity",
                "form",
                "equipment_origin",
                "goods_type",
                "recipient_entity",
                "use_verification_plan",
                "decision_body",
            ],
        ),
        (
            {
                "recipient_country": "NO",
                "activity": "aid",
                "form": "equipment",
                "equipment_origin": "spare",
            },
            [
                "giver",
                "recipient_country",
                "decision_date",
                "activity",
                "form",
                "equipment_origin",
                "disaster",
                "goods_type",
                "recipient_entity",
                "use_verification_plan",
                "decision_body",
            ],
        ),
        (
            {"activity": "service_export"},
            [
                "giver",
                "recipient_country",
                "decision_date",
                "activity",
                "goods_type",
                "decision_body",
            ],
        ),
    ],
)
def test_relevant_fields_ask_only_what_matters(
    rulebook: RuleBook, answers: dict[str, Any], expected: list[str]
) -> None:
    assert relevant_fields(answers, today=date(2026, 3, 1), rulebook=rulebook) == expected


def test_relevant_fields_use_the_decision_date(rulebook: RuleBook) -> None:
    answers = {
        "recipient_country": "MM",
        "activity": "aid",
        "form": "equipment",
        "equipment_origin": "spare",
    }

    before = relevant_fields({**answers, "decision_date": "2026-06-30"}, rulebook=rulebook)
    after = relevant_fields({**answers, "decision_date": "2026-07-01"}, rulebook=rulebook)

    assert "disaster" not in before
    assert "disaster" in after
