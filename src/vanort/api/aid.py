"""`POST /api/aid/check`: the aid check, public and without side effects (LEGAL_RULES.md)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Body, Router, Schema

from vanort import aid
from vanort.legal import selectors, services

router = Router(tags=["aid"])


class AidStatusOut(Schema):
    country: str
    status: str
    basis: str
    source: str
    checked_at: str


class VerdictOut(Schema):
    outcome: str
    rules: list[str]
    conditions: list[str]
    citations: list[str]
    aid_status: AidStatusOut
    explanation: dict[str, str]
    rules_version: str
    unverified: list[str]


@router.post("/aid/check", response=VerdictOut, summary="May we give this support?")
def aid_check(request: HttpRequest, case: dict[str, Any] = Body(...), lang: str | None = None) -> Any:  # noqa: B008
    """The case JSON of LEGAL_RULES.md §Input; 422 with the field named when it is invalid.

    Conditions come in the language of ``?lang=`` (sv, en, uk) or else of the Accept-Language
    header (Swedish by default; ``api.language``); ``explanation`` always carries sv, en and uk.
    """
    chosen = aid.normalise_lang(lang) if lang else aid.normalise_lang(get_language())
    return services.check_case(case, lang=chosen)


class StatusRowOut(Schema):
    country: str
    status: str
    basis: str
    valid_from: str | None
    valid_to: str | None
    source: str
    checked_at: str


@router.get("/aid/countries", response=list[StatusRowOut], summary="The country aid-status table")
def aid_countries(request: HttpRequest, country: str | None = None) -> Any:
    return [
        {
            "country": r.country,
            "status": r.status,
            "basis": r.basis,
            "valid_from": r.valid_from.isoformat() if r.valid_from else None,
            "valid_to": r.valid_to.isoformat() if r.valid_to else None,
            "source": r.source,
            "checked_at": r.checked_at.isoformat(),
        }
        for r in selectors.status_rows(country)
    ]
