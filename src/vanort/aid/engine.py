"""The decision engine: aid-status lookup, rule firing, combination of outcomes.

Semantics (LEGAL_RULES.md): every rule of the table and every override whose ``when`` holds
fires; the verdict's outcome is the most restrictive outcome of the fired rules (order
:data:`OUTCOME_ORDER`). An override that "caps" an outcome at ``needs_legal_review`` is a rule with
that outcome; a rule that only adds a condition (G2, T1, OV-NGO) has the outcome ``permitted``.
If no rule fires (only possible with an edited rules file) the outcome is ``needs_legal_review``.

The aid status of the recipient country on the decision date gives the derived fact
``recipient_aid``: ``bilateral_strategy`` -> ``receives``, ``none`` -> ``does_not_receive``,
any other status -> ``uncertain`` (R11 fires, and the "receives aid" rows also fire, so that the
verdict shows what would apply if the country counts as receiving aid).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vanort.aid.types import (
    OUTCOME_RANK,
    Activity,
    AidCase,
    AidStatus,
    AidStatusKind,
    DecisionBody,
    EquipmentOrigin,
    FinPurpose,
    Form,
    Giver,
    GoodsType,
    Outcome,
    RecipientAid,
    RecipientEntity,
    Rule,
    RuleBook,
    Text,
    Verdict,
)

_BOOL: dict[Any, Any] = {True: True, False: False}


def _enum_values(enum: Any) -> dict[Any, Any]:
    return {member.value: member for member in enum}


#: Facts a rule may test, each with its allowed values (as written in rules.yaml -> Python value).
#: The order is the order of the value tuple the compiled predicates index into.
CONDITION_FACTS: dict[str, dict[Any, Any]] = {
    "giver": _enum_values(Giver),
    "owner_authorised": _BOOL,
    "activity": _enum_values(Activity),
    "form": _enum_values(Form),
    "fin_purpose": _enum_values(FinPurpose),
    "linked_equipment_permitted": _BOOL,
    "equipment_origin": _enum_values(EquipmentOrigin),
    "disaster": _BOOL,
    "goods_type": _enum_values(GoodsType),
    "recipient_entity": _enum_values(RecipientEntity),
    "use_verification_plan": _BOOL,
    "decision_body": _enum_values(DecisionBody),
    "recipient_aid": _enum_values(RecipientAid),
}
_FACT_INDEX = {name: index for index, name in enumerate(CONDITION_FACTS)}

STATUS_MEANING: dict[AidStatusKind, RecipientAid] = {
    **dict.fromkeys(AidStatusKind, RecipientAid.UNCERTAIN),
    AidStatusKind.BILATERAL_STRATEGY: RecipientAid.RECEIVES,
    AidStatusKind.NONE: RecipientAid.DOES_NOT_RECEIVE,
}

NOT_IN_TABLE_BASIS = "not in the table: not known to receive Swedish bilateral aid"
NO_ROW_FOR_DATE_BASIS = (
    "no row of the table covers the decision date: treated as not known to receive Swedish "
    "bilateral aid; check the table"
)
TABLE_SOURCE = "country_aid_status.csv"

_MEMO_LIMIT = 65_536

_Predicate = tuple[tuple[tuple[int, frozenset[Any]], ...], ...]


@dataclass(slots=True)
class CompiledRules:
    """Rules as index-based predicates, plus a memo of assembled verdict parts."""

    rules: tuple[Rule, ...]
    predicates: tuple[_Predicate, ...]
    memo: dict[tuple[Any, ...], Verdict] = field(default_factory=dict)


def compile_rules(rules: tuple[Rule, ...]) -> CompiledRules:
    predicates = tuple(
        tuple(tuple((_FACT_INDEX[fact], values) for fact, values in alt) for alt in rule.when)
        for rule in rules
    )
    return CompiledRules(rules=rules, predicates=predicates)


def recipient_aid(status: AidStatusKind) -> RecipientAid:
    return STATUS_MEANING[status]


def lookup_status(rulebook: RuleBook, country: str, day: date) -> AidStatus:
    """The aid-status row for ``country`` on ``day`` (a ``none`` row if the table has none)."""
    rows = rulebook.status_table.get(country)
    if rows is None:
        basis = NOT_IN_TABLE_BASIS
    else:
        for row in rows:
            if row.covers(day):
                return row
        basis = NO_ROW_FOR_DATE_BASIS
    return AidStatus(
        country=country,
        status=AidStatusKind.NONE,
        basis=basis,
        valid_from=None,
        valid_to=None,
        source=TABLE_SOURCE,
        checked_at=rulebook.table_checked_at,
    )


def fired_rules(case: AidCase, recipient: RecipientAid, compiled: CompiledRules) -> tuple[int, ...]:
    """Indexes (in file order) of the rules whose ``when`` holds for the case."""
    values = (
        case.giver,
        case.owner_authorised,
        case.activity,
        case.form,
        case.fin_purpose,
        case.linked_equipment_permitted,
        case.equipment_origin,
        case.disaster,
        case.goods_type,
        case.recipient_entity,
        case.use_verification_plan,
        case.decision_body,
        recipient,
    )
    fired = []
    for index, alternatives in enumerate(compiled.predicates):
        for alternative in alternatives:
            for fact, allowed in alternative:
                if values[fact] not in allowed:
                    break
            else:
                fired.append(index)
                break
    return tuple(fired)


def check(case: AidCase, rulebook: RuleBook | None = None) -> Verdict:
    """The verdict for a parsed case (see :func:`vanort.aid.parse_case`)."""
    if rulebook is None:
        from vanort.aid.loader import load_rulebook  # lazy: the loader imports this module

        rulebook = load_rulebook()
    compiled: CompiledRules = rulebook.compiled
    status = lookup_status(rulebook, case.recipient_country, case.decision_date)
    fired = fired_rules(case, STATUS_MEANING[status.status], compiled)
    key = (fired, status)
    verdict = compiled.memo.get(key)
    if verdict is None:
        verdict = _assemble(rulebook, compiled, fired, status)
        if len(compiled.memo) >= _MEMO_LIMIT:
            compiled.memo.clear()
        compiled.memo[key] = verdict
    return verdict


def most_restrictive(outcomes: Iterable[Outcome]) -> Outcome:
    """The most restrictive outcome; ``needs_legal_review`` when there is none."""
    return max(outcomes, key=OUTCOME_RANK.__getitem__, default=Outcome.NEEDS_LEGAL_REVIEW)


def _assemble(
    rulebook: RuleBook, compiled: CompiledRules, fired: tuple[int, ...], status: AidStatus
) -> Verdict:
    rules = [compiled.rules[index] for index in fired]
    outcome = most_restrictive(rule.outcome for rule in rules)
    conditions = tuple(dict.fromkeys(c for rule in rules for c in rule.conditions))
    citations = tuple(dict.fromkeys(c for rule in rules for c in rule.citations))
    unverified = tuple(rule.id for rule in rules if not rule.verified)
    return Verdict(
        outcome=outcome,
        rules=tuple(rule.id for rule in rules),
        conditions=conditions,
        citations=citations,
        aid_status=status,
        explanation=_explain(rulebook, rules, outcome, status, unverified),
        rules_version=rulebook.version,
        unverified=unverified,
    )


def _explain(
    rulebook: RuleBook,
    rules: list[Rule],
    outcome: Outcome,
    status: AidStatus,
    unverified: tuple[str, ...],
) -> Text:
    label = rulebook.outcome_labels[outcome]
    status_line = f"{status.country}: {status.status.value} ({status.basis})"
    if rules:
        sv_rules = " ".join(f"{rule.id}: {rule.text.sv}" for rule in rules)
        en_rules = " ".join(f"{rule.id}: {rule.text.en}" for rule in rules)
    else:
        sv_rules = "Ingen regel i regelboken passar fallet; det ska bedömas juridiskt."
        en_rules = "No rule of the rule book fits the case; it needs legal review."
    sv = f"Bedömning: {label.sv}. {sv_rules} Biståndsstatus {status_line}."
    en = f"Outcome: {label.en}. {en_rules} Aid status {status_line}."
    if unverified:
        ids = ", ".join(unverified)
        sv += f" Obs: paragrafnumreringen ska bekräftas ({ids})."
        en += f" Note: paragraph numbering to be confirmed ({ids})."
    return Text(sv=sv, en=en)
