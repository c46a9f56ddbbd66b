"""Every row and every override of the decision table, and the worked examples of LEGAL_RULES.md."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from vanort.aid import RuleBook, check, check_json, most_restrictive, parse_case

Case = Callable[..., dict[str, Any]]

FIN = {"form": "financial", "equipment_origin": None, "goods_type": None}
TRANSPORT = {**FIN, "fin_purpose": "transport_setup", "goods_type": "civil"}
NON_AID = {"recipient_country": "NO"}
UNCERTAIN = {"recipient_country": "PS"}  # paused since 2023-10
BOLAG = {"giver": "kommunalt_bolag", "decision_body": "bolagsstyrelse"}
TWINNING = {"activity": "twinning_exchange", "form": None, "equipment_origin": None}
EXPORT = {"activity": "service_export", "form": None, "equipment_origin": None}

# (id, changes to the base case: spare civil equipment to Ukraine, expected rules, outcome)
TABLE: list[tuple[str, dict[str, Any], list[str], str]] = [
    ("G1 bolag", {**BOLAG, "owner_authorised": False}, ["G1", "R1"], "not_permitted"),
    (
        "G1 förbund",
        {"giver": "kommunalforbund", "owner_authorised": False},
        ["G1", "R1"],
        "not_permitted",
    ),
    ("G2", {**BOLAG, "owner_authorised": True}, ["G2", "R1"], "permitted_with_conditions"),
    (
        "R11-NO-ROW after the Ukraine strategy",
        {"decision_date": "2028-01-01"},
        ["R1", "R11", "R11-NO-ROW"],
        "needs_legal_review",
    ),
    ("T1", TWINNING, ["T1"], "permitted"),
    ("T1 non-aid country", {**TWINNING, **NON_AID}, ["T1"], "permitted"),
    ("T1 uncertain country", {**TWINNING, **UNCERTAIN}, ["T1"], "permitted"),
    ("X1", EXPORT, ["X1"], "permitted_with_conditions"),
    ("X1 non-aid country", {**EXPORT, **NON_AID}, ["X1"], "permitted_with_conditions"),
    ("R6", {**FIN, "fin_purpose": "other"}, ["R6"], "not_permitted"),
    (
        "R4",
        {**FIN, "fin_purpose": "training_advice_costs"},
        ["R4"],
        "permitted_with_conditions",
    ),
    (
        "R5 transport",
        {**TRANSPORT, "linked_equipment_permitted": True},
        ["R5"],
        "permitted_with_conditions",
    ),
    (
        "R5 commissioning",
        {**TRANSPORT, "fin_purpose": "commissioning_personnel", "linked_equipment_permitted": True},
        ["R5"],
        "permitted_with_conditions",
    ),
    ("R5x", {**TRANSPORT, "linked_equipment_permitted": False}, ["R5x"], "not_permitted"),
    (
        "R1b",
        {"equipment_origin": "purchased_for_donation"},
        ["R1b"],
        "needs_legal_review",
    ),
    ("R1 spare", {}, ["R1"], "permitted_with_conditions"),
    ("R1 in use", {"equipment_origin": "in_use"}, ["R1"], "permitted_with_conditions"),
    (
        "R2 advice",
        {"form": "advice", "equipment_origin": None},
        ["R2"],
        "permitted_with_conditions",
    ),
    (
        "R2 training",
        {"form": "training", "equipment_origin": None},
        ["R2"],
        "permitted_with_conditions",
    ),
    (
        "R3",
        {"form": "other_in_kind", "equipment_origin": None},
        ["R3"],
        "permitted_with_conditions",
    ),
    ("R7", {**NON_AID, "disaster": True}, ["R7"], "permitted_with_conditions"),
    ("R8", {**NON_AID, "disaster": False}, ["R8"], "needs_legal_review"),
    (
        "R9 advice",
        {**NON_AID, "form": "advice", "equipment_origin": None},
        ["R9"],
        "not_permitted_without_government_permission",
    ),
    (
        "R9 training, country not in the table",
        {"recipient_country": "US", "form": "training", "equipment_origin": None},
        ["R9"],
        "not_permitted_without_government_permission",
    ),
    (
        "R9 other in kind",
        {**NON_AID, "form": "other_in_kind", "equipment_origin": None},
        ["R9"],
        "not_permitted_without_government_permission",
    ),
    (
        "R9 equipment in use",
        {**NON_AID, "equipment_origin": "in_use"},
        ["R9"],
        "not_permitted_without_government_permission",
    ),
    (
        "R9 purchased equipment",
        {**NON_AID, "equipment_origin": "purchased_for_donation"},
        ["R9"],
        "not_permitted_without_government_permission",
    ),
    (
        "R10 training costs",
        {**NON_AID, **FIN, "fin_purpose": "training_advice_costs"},
        ["R10"],
        "not_permitted",
    ),
    ("R10 other", {**NON_AID, **FIN, "fin_purpose": "other"}, ["R10"], "not_permitted"),
    (
        "R10 with transport",
        {**NON_AID, **TRANSPORT, "linked_equipment_permitted": True},
        ["R5", "R10"],
        "not_permitted",
    ),
    ("R11 equipment", UNCERTAIN, ["R1", "R11"], "needs_legal_review"),
    (
        "R11 advice",
        {**UNCERTAIN, "form": "advice", "equipment_origin": None},
        ["R2", "R11"],
        "needs_legal_review",
    ),
    (
        "R11 cash grant",
        {**UNCERTAIN, **FIN, "fin_purpose": "other"},
        ["R6", "R11"],
        "not_permitted",
    ),
    (
        "R11 transport",
        {**UNCERTAIN, **TRANSPORT, "linked_equipment_permitted": True},
        ["R5", "R11"],
        "needs_legal_review",
    ),
]

OVERRIDES: list[tuple[str, dict[str, Any], list[str], str]] = [
    ("military", {"goods_type": "military"}, ["R1", "OV-MILITARY"], "not_permitted"),
    ("dual use", {"goods_type": "dual_use"}, ["R1", "OV-DUAL-USE"], "needs_legal_review"),
    (
        "no verification plan",
        {"use_verification_plan": False},
        ["R1", "OV-NO-VERIFICATION"],
        "needs_legal_review",
    ),
    (
        "no decision body",
        {"decision_body": "none"},
        ["R1", "OV-NO-DECISION-BODY"],
        "needs_legal_review",
    ),
    (
        "company board deciding for a kommun",
        {"decision_body": "bolagsstyrelse"},
        ["R1", "OV-BODY-NOT-COMPETENT"],
        "needs_legal_review",
    ),
    (
        "council deciding for a company",
        {**BOLAG, "owner_authorised": True, "decision_body": "fullmaktige"},
        ["G2", "R1", "OV-BODY-NOT-COMPETENT"],
        "needs_legal_review",
    ),
    (
        "private recipient",
        {"recipient_entity": "private"},
        ["R1", "OV-PRIVATE"],
        "needs_legal_review",
    ),
    (
        "ngo channel",
        {"recipient_entity": "ngo_channel"},
        ["R1", "OV-NGO"],
        "permitted_with_conditions",
    ),
    # An override caps from below only: it never loosens a stricter outcome.
    (
        "military on a cash grant",
        {**FIN, "fin_purpose": "other", "goods_type": "military"},
        ["R6", "OV-MILITARY"],
        "not_permitted",
    ),
    (
        "private recipient where government permission is needed",
        {**NON_AID, "equipment_origin": "in_use", "recipient_entity": "private"},
        ["R9", "OV-PRIVATE"],
        "not_permitted_without_government_permission",
    ),
    # Overrides outside aid: decision body and goods apply to every activity, the plan only to aid.
    (
        "twinning without decision",
        {**TWINNING, "decision_body": "none"},
        ["T1", "OV-NO-DECISION-BODY"],
        "needs_legal_review",
    ),
    ("twinning without plan", {**TWINNING, "use_verification_plan": False}, ["T1"], "permitted"),
    (
        "export of military goods",
        {**EXPORT, "goods_type": "military"},
        ["X1", "OV-MILITARY"],
        "not_permitted",
    ),
    (
        "military training",
        {"form": "training", "equipment_origin": None, "goods_type": "military"},
        ["R2", "OV-MILITARY"],
        "not_permitted",
    ),
]


@pytest.mark.parametrize(
    ("changes", "rules", "outcome"),
    [pytest.param(c, r, o, id=i) for i, c, r, o in TABLE + OVERRIDES],
)
def test_rule_fires_with_outcome(
    case: Case, rulebook: RuleBook, changes: dict[str, Any], rules: list[str], outcome: str
) -> None:
    verdict = check_json(case(**changes), rulebook=rulebook)

    assert verdict["rules"] == rules
    assert verdict["outcome"] == outcome


def test_the_table_covers_every_rule_and_override(rulebook: RuleBook) -> None:
    fired = {rule for _, _, rules, _ in TABLE + OVERRIDES for rule in rules}

    assert fired == {rule.id for rule in rulebook.rules}


def test_outcome_is_the_most_restrictive_of_the_fired_rules(case: Case, rulebook: RuleBook) -> None:
    for _, changes, _, _ in TABLE + OVERRIDES:
        verdict = check(parse_case(case(**changes), rulebook=rulebook), rulebook)
        fired = [rulebook.rule(rule_id).outcome for rule_id in verdict.rules]

        assert verdict.outcome == most_restrictive(fired)


def test_ngo_channel_adds_its_condition(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(case(recipient_entity="ngo_channel"), rulebook=rulebook, lang="en")

    assert "The municipality stays the giver; goods earmarked; use verified." in verdict["conditions"]


def test_g2_adds_the_owner_condition(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(case(**BOLAG, owner_authorised=True), rulebook=rulebook)

    assert any("ägardirektivet" in condition for condition in verdict["conditions"])


# --- worked examples of LEGAL_RULES.md -------------------------------------------------------


def test_example_used_fire_engine_and_paid_transport(case: Case, rulebook: RuleBook) -> None:
    # One contribution, two cases: the donation itself, and the money for its transport.
    engine = check_json(case(equipment_origin="spare"), rulebook=rulebook)
    transport = check_json(case(**TRANSPORT, linked_equipment_permitted=True), rulebook=rulebook, lang="en")

    assert (engine["rules"], engine["outcome"]) == (["R1"], "permitted_with_conditions")
    assert (transport["rules"], transport["outcome"]) == (["R5"], "permitted_with_conditions")
    assert transport["conditions"] == ['Only to a reasonable extent ("i skälig omfattning").']


def test_example_course_fees(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(case(**FIN, fin_purpose="training_advice_costs"), rulebook=rulebook)

    assert (verdict["rules"], verdict["outcome"]) == (["R4"], "permitted_with_conditions")


def test_example_cash_grant_to_partner_budget(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(case(**FIN, fin_purpose="other"), rulebook=rulebook)

    assert (verdict["rules"], verdict["outcome"]) == (["R6"], "not_permitted")


def test_example_generators_bought_to_donate(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(case(equipment_origin="purchased_for_donation"), rulebook=rulebook)

    assert (verdict["rules"], verdict["outcome"]) == (["R1b"], "needs_legal_review")


def test_example_housing_company_spare_radiators(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(
        case(giver="kommunalt_bolag", owner_authorised=True, decision_body="bolagsstyrelse"),
        rulebook=rulebook,
    )

    assert (verdict["rules"], verdict["outcome"]) == (["G2", "R1"], "permitted_with_conditions")


# --- output -------------------------------------------------------------------------------


def test_verdict_has_exactly_the_documented_shape(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(case(), rulebook=rulebook)

    assert list(verdict) == [
        "outcome",
        "rules",
        "conditions",
        "citations",
        "aid_status",
        "explanation",
        "rules_version",
        "unverified",
    ]
    assert list(verdict["aid_status"]) == ["country", "status", "basis", "source", "checked_at"]
    assert list(verdict["explanation"]) == ["sv", "en", "uk"]
    assert verdict["rules_version"] == rulebook.version


def test_unverified_rules_are_listed_and_flagged_in_the_explanation(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(case(), rulebook=rulebook)

    assert verdict["unverified"] == ["R1"]
    assert "paragrafnumreringen ska bekräftas" in verdict["explanation"]["sv"]
    assert "paragraph numbering to be confirmed" in verdict["explanation"]["en"]


def test_verified_rules_carry_no_numbering_warning(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(case(**TWINNING), rulebook=rulebook)

    assert verdict["unverified"] == []
    assert "paragrafnumreringen" not in verdict["explanation"]["sv"]
    assert "paragraph numbering" not in verdict["explanation"]["en"]


def test_citations_are_merged_without_duplicates(case: Case, rulebook: RuleBook) -> None:
    verdict = check_json(case(**BOLAG, owner_authorised=False), rulebook=rulebook)

    assert verdict["citations"] == [
        "lag (2009:47) 5 kap. 9 § (antagen numrering)",
        "lag (2001:151) 1 §",
        "lag (2009:47) 5 kap. 4 § (antagen numrering)",
        "lag (2001:151) 5 §",
    ]


def test_conditions_follow_the_language(case: Case, rulebook: RuleBook) -> None:
    sv = check_json(case(), rulebook=rulebook, lang="sv")["conditions"]
    en = check_json(case(), rulebook=rulebook, lang="en")["conditions"]

    uk = check_json(case(), rulebook=rulebook, lang="uk")["conditions"]

    assert sv[0] == "Förvissa dig om att utrustningen används för avsett ändamål."
    assert en[0] == "Make sure the equipment is used as intended."
    assert uk[0] == "Переконайтеся, що обладнання використовується за призначенням."


@pytest.mark.parametrize(("tag", "expected"), [("uk-UA", "uk"), ("en-GB", "en"), ("de", "sv"), ("", "sv")])
def test_language_tags_fall_back_to_swedish(case: Case, rulebook: RuleBook, tag: str, expected: str) -> None:
    conditions = check_json(case(), rulebook=rulebook, lang=tag)["conditions"]

    assert conditions == check_json(case(), rulebook=rulebook, lang=expected)["conditions"]


def test_explanation_is_given_in_three_languages(case: Case, rulebook: RuleBook) -> None:
    explanation = check_json(case(), rulebook=rulebook)["explanation"]

    assert explanation["sv"].startswith("Bedömning: tillåtet med villkor.")
    assert explanation["en"].startswith("Outcome: permitted with conditions.")
    assert explanation["uk"].startswith("Висновок: дозволено за умов.")
