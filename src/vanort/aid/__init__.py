"""May the municipality give this support? The aid check of lag (2009:47) 5 kap., pure Python.

The rules (``rules.yaml``) and the dated country aid-status table (``country_aid_status.csv``)
are data files a lawyer can read and edit; this package validates a case, looks up the aid
status for the decision date, fires every matching rule and override, and returns the most
restrictive outcome with conditions, citations, explanation (sv/en), the rules version and the
ids of the fired rules that are not verified (``unverified``: rule ids, e.g. ``["R1", "R5"]``).

Public API (other packages use only these names, never the submodules)::

    parse_case(data, *, today=None, rulebook=None) -> AidCase  # AidInputError(field, message)
    check(case, rulebook=None) -> Verdict                       # Verdict.to_dict(lang="sv")
    check_json(data, *, today=None, rulebook=None, lang="sv") -> dict   # lang: sv, en or uk
    load_rulebook(known_countries=None, *, rules_path=None, status_path=None) -> RuleBook
    shipped_status_table() -> dict[country, tuple[AidStatus, ...]]  # the shipped CSV
    relevant_fields(answers, *, today=None, rulebook=None) -> list[str]
    normalise_lang(tag) -> "sv" | "en" | "uk"
    OUTCOME_ORDER, FIELDS, FIELD_CHOICES, LANGUAGES, NO_ROW_STATUS

The required-field policy is documented in :mod:`vanort.aid.case`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from vanort.aid import engine
from vanort.aid.case import FIELD_CHOICES, FIELDS, parse_case, relevant_fields
from vanort.aid.engine import lookup_status, most_restrictive
from vanort.aid.loader import load_rulebook
from vanort.aid.types import (
    LANGUAGES,
    NO_ROW_STATUS,
    OUTCOME_ORDER,
    OUTCOME_RANK,
    Activity,
    AidCase,
    AidInputError,
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
    RuleBookError,
    StatusRow,
    Text,
    Verdict,
    normalise_lang,
)

__all__ = [
    "FIELDS",
    "FIELD_CHOICES",
    "LANGUAGES",
    "NO_ROW_STATUS",
    "OUTCOME_ORDER",
    "OUTCOME_RANK",
    "Activity",
    "AidCase",
    "AidInputError",
    "AidStatus",
    "AidStatusKind",
    "DecisionBody",
    "EquipmentOrigin",
    "FinPurpose",
    "Form",
    "Giver",
    "GoodsType",
    "Outcome",
    "RecipientAid",
    "RecipientEntity",
    "Rule",
    "RuleBook",
    "RuleBookError",
    "StatusRow",
    "Text",
    "Verdict",
    "check",
    "check_json",
    "load_rulebook",
    "lookup_status",
    "most_restrictive",
    "normalise_lang",
    "parse_case",
    "relevant_fields",
    "shipped_status_table",
]


def check(case: AidCase, rulebook: RuleBook | None = None) -> Verdict:
    """The verdict for a parsed case; the shipped rule book when none is given."""
    return engine.check(case, rulebook or load_rulebook())


def shipped_status_table() -> dict[str, tuple[AidStatus, ...]]:
    """The country aid-status rows of the shipped data file, by country (validated)."""
    return dict(load_rulebook().status_table)


def check_json(
    data: Any,
    *,
    today: date | None = None,
    rulebook: RuleBook | None = None,
    lang: str = "sv",
) -> dict[str, Any]:
    """Parse and check a JSON-shaped case; the verdict as a JSON-shaped dict."""
    book = rulebook or load_rulebook()
    return check(parse_case(data, today=today, rulebook=book), book).to_dict(lang)
