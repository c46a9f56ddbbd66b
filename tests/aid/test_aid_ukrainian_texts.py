"""Every text of a verdict has its own Ukrainian version in the rule book (not the Swedish or
English one copied), and a condition stored in Swedish is found again to be shown in Ukrainian."""

from __future__ import annotations

import pytest

from vanort.aid import RuleBook, load_rulebook

BOOK = load_rulebook()
TEXTS = [
    (f"{rule.id} {what}", text)
    for rule in BOOK.rules
    for what, text in [("text", rule.text), *((f"condition {i + 1}", c) for i, c in enumerate(rule.conditions))]
]
LABELS = [
    *((f"outcome {o.value}", t) for o, t in BOOK.outcome_labels.items()),
    *((f"status {k}", t) for k, t in BOOK.status_labels.items()),
    *((f"citation {k}", t) for k, t in BOOK.citation_texts.items()),
    *((f"note {k[:40]}", t) for k, t in BOOK.table_texts.items()),
]


@pytest.mark.parametrize(("where", "text"), TEXTS + LABELS, ids=[w for w, _t in TEXTS + LABELS])
def test_the_ukrainian_text_is_its_own(where: str, text: object) -> None:
    sv, en, uk = text.sv, text.en, text.uk  # type: ignore[attr-defined]
    assert uk.strip(), where
    assert uk not in (sv, en), where
    assert any("\u0400" <= char <= "\u04ff" for char in uk), where


def test_every_rule_with_conditions_is_covered() -> None:
    with_conditions = {rule.id for rule in BOOK.rules if rule.conditions}
    assert {"G2", "T1", "X1", "R4", "R5", "R1", "R2", "R3", "R7", "R11", "OV-NGO"} <= with_conditions


@pytest.mark.parametrize("stored", ["sv", "en"])
def test_a_stored_condition_is_found_in_any_language(rulebook: RuleBook, stored: str) -> None:
    for rule in rulebook.rules:
        for condition in rule.conditions:
            found = rulebook.condition(getattr(condition, stored))
            assert found is not None, rule.id
            assert found.get(stored) == getattr(condition, stored)
            assert found.uk == condition.uk or found.sv == condition.sv  # shared texts ("Beslut av behörigt organ.")


def test_a_text_that_is_no_condition_is_not_found(rulebook: RuleBook) -> None:
    assert rulebook.condition("Juridisk granskning är gjord och dokumenterad.") is None
    assert rulebook.condition(rulebook.rule("R1").text.sv) is None
