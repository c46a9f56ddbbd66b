"""Reads: the rule book with the database's country table; what would change now."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max, Q, QuerySet

from vanort import aid
from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.audit.models import AuditEntry
from vanort.audit.selectors import audit_entries
from vanort.legal.models import AidAssessment, CountryAidStatus
from vanort.registry.models import Place

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
    """Every saved assessment (administrators' and internal use; see ``assessments_visible``)."""
    qs = AidAssessment.objects.select_related("municipality", "created_by")
    return qs.filter(municipality_id=municipality_id) if municipality_id else qs


def assessments_visible(viewer: Any) -> QuerySet[AidAssessment]:
    """What ``viewer`` may read: published ones, their own municipalities' ones; all for admins."""
    qs = assessments()
    if is_admin(viewer):
        return qs
    own = user_municipality_ids(viewer)
    return qs.filter(Q(public=True) | Q(municipality_id__in=own)) if own else qs.filter(public=True)


def assessment_visible(viewer: Any, pk: int) -> AidAssessment | None:
    """One assessment if ``viewer`` may read it (``None`` also for ids out of range)."""
    if not 0 < pk < 2**63:
        return None
    return assessments_visible(viewer).filter(pk=pk).first()


def may_see_saver(viewer: Any, assessment: AidAssessment) -> bool:
    """The saver's name is never public: only administrators and the municipality's own staff."""
    return is_admin(viewer) or (
        assessment.municipality_id is not None and assessment.municipality_id in user_municipality_ids(viewer)
    )


def saving_municipalities(user: Any) -> QuerySet[Place]:
    """The municipalities ``user`` may save an assessment for (her roles; none for others)."""
    return Place.objects.filter(pk__in=user_municipality_ids(user)).order_by("name")


def may_save_assessment(user: Any) -> bool:
    """Case officers and registrars (of any municipality) and administrators."""
    return is_admin(user) or bool(user_municipality_ids(user))


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
