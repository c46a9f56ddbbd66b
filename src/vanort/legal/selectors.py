"""Reads: the rule book with the database's country table; what would change now."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max, QuerySet

from vanort import aid
from vanort.audit.models import AuditEntry
from vanort.audit.selectors import audit_entries
from vanort.legal.models import AidAssessment, CountryAidStatus

_cache: dict[str, Any] = {"key": None, "rulebook": None}


def _row(r: CountryAidStatus) -> aid.AidStatus:
    return aid.AidStatus(
        country=r.country,
        status=aid.AidStatusKind(r.status),
        basis=r.basis,
        valid_from=r.valid_from,
        valid_to=r.valid_to,
        source=r.source,
        checked_at=r.checked_at.isoformat(),
    )


def current_rulebook() -> aid.RuleBook:
    """The shipped rules with the country table as it stands in the database.

    Rebuilt only when the table changed (its newest change marker moves), so a check costs
    one small aggregate query.
    """
    key = CountryAidStatus.objects.aggregate(m=Max("updated_at"), n=Max("id"))
    key_t = (key["m"], key["n"], CountryAidStatus.objects.count()) if key["n"] else None
    base = aid.load_rulebook()
    if key_t is None:
        return base
    if _cache["key"] != key_t:
        table: dict[str, list[aid.AidStatus]] = {}
        for r in CountryAidStatus.objects.order_by("country", "valid_from"):
            table.setdefault(r.country, []).append(_row(r))
        checked = max((s.checked_at for rows in table.values() for s in rows), default=base.table_checked_at)
        _cache["rulebook"] = dataclasses.replace(
            base, status_table={c: tuple(rows) for c, rows in table.items()}, table_checked_at=checked
        )
        _cache["key"] = key_t
    rulebook: aid.RuleBook = _cache["rulebook"]
    return rulebook


def status_rows(country: str | None = None) -> QuerySet[CountryAidStatus]:
    qs = CountryAidStatus.objects.order_by("country", "valid_from")
    return qs.filter(country=country.upper()) if country else qs


def status_history(limit: int = 50) -> QuerySet[AuditEntry]:
    """The newest changes of the country table (from the register's audit log)."""
    return audit_entries(record_type=CountryAidStatus._meta.label_lower)[:limit]


def assessments(*, municipality_id: int | None = None) -> QuerySet[AidAssessment]:
    qs = AidAssessment.objects.select_related("municipality", "created_by")
    return qs.filter(municipality_id=municipality_id) if municipality_id else qs


@dataclass(frozen=True)
class Drift:
    assessment: AidAssessment
    stored_outcome: str
    stored_rules: list[str]
    now_outcome: str
    now_rules: list[str]
    now_version: str


def assessments_that_would_differ() -> list[Drift]:
    """Saved verdicts whose outcome or fired rules differ under today's rules and table.

    The case is re-run with its own decision date, so only rule or table changes count.
    """
    rulebook = current_rulebook()
    drifts = []
    for a in AidAssessment.objects.select_related("municipality").order_by("-created_at"):
        try:
            case = aid.parse_case(a.case, rulebook=rulebook)
        except aid.AidInputError:
            drifts.append(Drift(a, a.outcome, a.verdict.get("rules", []), "invalid_now", [], rulebook.version))
            continue
        now = aid.check(case, rulebook)
        if now.outcome.value != a.outcome or list(now.rules) != list(a.verdict.get("rules", [])):
            drifts.append(
                Drift(a, a.outcome, a.verdict.get("rules", []), now.outcome.value, list(now.rules), rulebook.version)
            )
    return drifts


def case_with_date(data: dict[str, Any]) -> dict[str, Any]:
    """A stored case always carries its decision date, so re-checks are about rules, not time."""
    return {**data, "decision_date": data.get("decision_date") or date.today().isoformat()}
