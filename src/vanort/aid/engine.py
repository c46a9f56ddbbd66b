"""The decision engine: aid-status lookup, rule firing, combination of outcomes.

Semantics (LEGAL_RULES.md): every rule of the table and every override whose ``when`` holds
fires; the verdict's outcome is the most restrictive outcome of the fired rules (order
:data:`OUTCOME_ORDER`). An override that "caps" an outcome at ``needs_legal_review`` is a rule with
that outcome; a rule that only adds a condition (G2, T1, OV-NGO) has the outcome ``permitted``.
If no rule fires (only possible with an edited rules file) the outcome is ``needs_legal_review``.

The aid status of the recipient country on the decision date gives the derived fact
``recipient_aid``: ``bilateral_strategy`` -> ``receives``, ``none`` -> ``does_not_receive``,
any other status -> ``uncertain`` (R11 fires, and the "receives aid" rows also fire, so that the
verdict shows what would apply if the country counts as receiving aid). A date that none of a
listed country's rows covers is ``uncertain`` too, never ``none``; the derived fact
``status_row`` (``found`` / ``none_for_date`` / ``country_not_listed``) lets a rule give that
reason. A country without any row is not known to receive aid: ``does_not_receive``.

This module never reads files: the rule book is passed in (``vanort.aid.check`` supplies the
shipped one by default), so the loader may import the engine and not the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vanort.aid.types import (
    NO_ROW_STATUS,
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
    StatusRow,
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
    "status_row": _enum_values(StatusRow),
}
_FACT_INDEX = {name: index for index, name in enumerate(CONDITION_FACTS)}

STATUS_MEANING: dict[AidStatusKind, RecipientAid] = {
    **dict.fromkeys(AidStatusKind, RecipientAid.UNCERTAIN),
    AidStatusKind.BILATERAL_STRATEGY: RecipientAid.RECEIVES,
    AidStatusKind.NONE: RecipientAid.DOES_NOT_RECEIVE,
}

NOT_IN_TABLE_BASIS = "not in the table: not known to receive Swedish bilateral aid"
NO_ROW_FOR_DATE_BASIS = "no aid-status row covers this date; check the table"
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
        tuple(tuple((_FACT_INDEX[fact], values) for fact, values in alt) for alt in rule.when) for rule in rules
    )
    return CompiledRules(rules=rules, predicates=predicates)


def recipient_aid(status: AidStatus) -> RecipientAid:
    """``receives`` / ``does_not_receive`` / ``uncertain`` for a looked-up row."""
    if status.status is None:
        return RecipientAid.UNCERTAIN
    return STATUS_MEANING[status.status]


def lookup_status(rulebook: RuleBook, country: str, day: date) -> AidStatus:
    """The aid-status row for ``country`` on ``day``.

    A country without rows gets a ``none`` row (``row=country_not_listed``); a listed country
    whose rows do not cover ``day`` gets a row with ``status=None`` (``row=none_for_date``),
    which the engine treats as uncertain (R11), never as ``none``.
    """
    rows = rulebook.status_table.get(country)
    if rows is None:
        return AidStatus(
            country=country,
            status=AidStatusKind.NONE,
            basis=NOT_IN_TABLE_BASIS,
            valid_from=None,
            valid_to=None,
            source=TABLE_SOURCE,
            checked_at=rulebook.table_checked_at,
            row=StatusRow.COUNTRY_NOT_LISTED,
        )
    for row in rows:
        if row.covers(day):
            return row
    return AidStatus(
        country=country,
        status=None,
        basis=NO_ROW_FOR_DATE_BASIS,
        valid_from=None,
        valid_to=None,
        source=TABLE_SOURCE,
        checked_at=max((row.checked_at for row in rows), default=rulebook.table_checked_at),
        row=StatusRow.NONE_FOR_DATE,
    )


def fired_rules(case: AidCase, status: AidStatus, compiled: CompiledRules) -> tuple[int, ...]:
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
        recipient_aid(status),
        status.row,
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


def check(case: AidCase, rulebook: RuleBook) -> Verdict:
    """The verdict for a parsed case (see :func:`vanort.aid.parse_case`)."""
    compiled: CompiledRules = rulebook.compiled
    status = lookup_status(rulebook, case.recipient_country, case.decision_date)
    fired = fired_rules(case, status, compiled)
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


def _assemble(rulebook: RuleBook, compiled: CompiledRules, fired: tuple[int, ...], status: AidStatus) -> Verdict:
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
        citation_lines=tuple(rulebook.citation_line(c) for c in citations),
        status_basis=rulebook.table_text(status.basis),
        status_source=rulebook.table_text(status.source),
    )


_NO_RULE = Text(
    sv="Ingen regel i regelboken passar fallet; det ska bedömas juridiskt.",
    en="No rule of the rule book fits the case; it needs legal review.",
    uk="Жодне правило не підходить до цього випадку; потрібна юридична оцінка.",
)
_PHRASES: dict[str, tuple[str, str, str]] = {
    # key: (sv, en, uk); {x} placeholders are filled per language
    "outcome": ("Bedömning: {x}.", "Outcome: {x}.", "Висновок: {x}."),
    "status": (
        "Biståndsstatus {x}.",
        "Aid status {x}.",
        "Статус допомоги {x}.",
    ),
    "unverified": (
        "Obs: paragrafnumreringen ska bekräftas ({x}).",
        "Note: paragraph numbering to be confirmed ({x}).",
        "Увага: нумерацію параграфів ще треба підтвердити ({x}).",
    ),
}


def _phrase(key: str, lang_index: int, value: str) -> str:
    return _PHRASES[key][lang_index].replace("{x}", value)


def _explain(
    rulebook: RuleBook,
    rules: list[Rule],
    outcome: Outcome,
    status: AidStatus,
    unverified: tuple[str, ...],
) -> Text:
    label = rulebook.outcome_labels[outcome]
    status_key = status.status.value if status.status is not None else NO_ROW_STATUS
    status_label = rulebook.status_labels[status_key]
    texts = []
    for index, lang in enumerate(("sv", "en", "uk")):
        reasons = " ".join(f"{rule.id}: {rule.text.get(lang)}" for rule in rules) if rules else _NO_RULE.get(lang)
        status_line = f"{status.country}: {status_label.get(lang)} ({rulebook.table_text(status.basis).get(lang)})"
        parts = [
            _phrase("outcome", index, label.get(lang)),
            reasons,
            _phrase("status", index, status_line),
        ]
        if unverified:
            parts.append(_phrase("unverified", index, ", ".join(unverified)))
        texts.append(" ".join(parts))
    return Text(sv=texts[0], en=texts[1], uk=texts[2])
