"""Cooperation endpoints: needs, offers, matches, initiatives.

Reads of published needs and offers and of initiatives are public; matches are for the parties;
writes need a token or a session and the same permissions as the web (other municipality → 403).
"""

import datetime
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from vanort.aid import normalise_lang
from vanort.api.auth import WRITE_AUTH, any_role, record_guard, viewer, write_auth
from vanort.api.errors import found as _load
from vanort.api.errors import no_such, not_found
from vanort.api.inputs import BoundedPagination, DbId, as_of_date
from vanort.api.pagination import Mapped
from vanort.cooperation import selectors, services
from vanort.cooperation.models import Form, Language, NeedStatus, Urgency
from vanort.cooperation.permissions import require_municipality, require_partner
from vanort.cooperation.states import allowed_actions
from vanort.core.bounds import MAX_ID
from vanort.legal.document import condition_text
from vanort.registry.models import Place
from vanort.registry.selectors import place_by_code, place_get

router = Router(tags=["cooperation"])


def _municipality_in(code: str) -> Place:
    """The municipality a write names by SCB code; an unknown code is a 422 on `municipality`."""
    try:
        return place_by_code(code)
    except Place.DoesNotExist as exc:
        raise no_such("municipality", code, "municipality") from exc


# Permission before the body is validated (api.auth): one guard per kind of record.
NEED_WRITE = write_auth(
    record_guard(lambda pk: _load(selectors.need_get, pk, "need"), lambda u, n: require_partner(u, n.place_id))
)
OFFER_WRITE = write_auth(
    record_guard(
        lambda pk: _load(selectors.offer_get, pk, "offer"), lambda u, o: require_municipality(u, o.municipality_id)
    )
)
MATCH_WRITE = write_auth(
    record_guard(
        lambda pk: _load(selectors.match_get, pk, "match"),
        lambda u, m: require_municipality(u, m.offer.municipality_id),
    )
)
INITIATIVE_WRITE = write_auth(
    record_guard(
        lambda pk: _load(selectors.initiative_get, pk, "initiative"),
        lambda u, i: require_municipality(u, i.municipality_id),
    )
)
CONTRIBUTION_WRITE = write_auth(
    record_guard(
        lambda pk: _load(selectors.contribution_get, pk, "contribution"),
        lambda u, c: require_municipality(u, c.initiative.municipality_id),
    )
)
CONDITION_WRITE = write_auth(
    record_guard(
        lambda pk: _load(selectors.condition_get, pk, "condition"),
        lambda u, c: require_municipality(u, c.contribution.initiative.municipality_id),
    )
)
CREATE = write_auth(any_role)


def _lang(value: str | None) -> str:
    """``?lang=`` when it is sv/en/uk, else the request's language (Accept-Language; Swedish)."""
    return value if value in ("sv", "en", "uk") else normalise_lang(get_language())


# --- needs and offers: what they share ------------------------------------------------------------


class PostingIn(Schema):
    """Fields a need and an offer are published with alike."""

    sector: str = Field(..., max_length=20)
    form: Form
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field(..., min_length=1, max_length=10_000)
    quantity: int | None = Field(None, ge=1, le=1_000_000)


def _posting_in(payload: Schema, date_field: str) -> dict[str, Any]:
    """The payload as the publish service's keyword arguments (its date checked)."""
    data = payload.dict()
    data[date_field] = as_of_date(data[date_field], date_field)
    return data


def _posting_out(record: Any, lang: str) -> dict[str, Any]:
    """Output keys a need and an offer share, with the key terms in the reader's language."""
    return {
        "sector": record.sector_id,
        "form": record.form,
        "title": record.title,
        "description": record.description,
        "language": record.language,
        "quantity": record.quantity,
        "status": record.status,
        "is_example": record.is_example,
        "version": record.version,
        "key_terms": selectors.key_terms(f"{record.title}\n{record.description}", record.language, lang),
    }


def _public(loader: Callable[[int], Any], pk: int, what: str, statuses: Iterable[str]) -> Any:
    """A need or an offer that anyone may read (withdrawn ones are not found)."""
    record = _load(loader, pk, what)
    if record.status not in statuses:
        raise not_found(what, pk)
    return record


# --- needs ---------------------------------------------------------------------------------------


class NeedOut(Schema):
    id: int
    place_id: int
    place: str
    country: str
    oblast: str | None
    sector: str
    form: str
    title: str
    description: str
    language: str
    quantity: int | None
    urgency: str
    deadline: date | None
    status: str
    is_example: bool
    version: int
    key_terms: list[tuple[str, str]]


def need_out(n: Any, lang: str) -> dict[str, Any]:
    return {
        "id": n.pk,
        "place_id": n.place_id,
        "place": n.place.name,
        "country": n.place.country_id,
        "oblast": n.place.parent.name if n.place.parent_id else None,
        "urgency": n.urgency,
        "deadline": n.deadline,
    } | _posting_out(n, lang)


@router.get("/needs", response=list[NeedOut])
@paginate(BoundedPagination)
def list_needs(
    request: HttpRequest,
    sector: str | None = None,
    oblast: int | None = Query(None, ge=1, le=MAX_ID),  # type: ignore[assignment]
    urgency: Urgency | None = None,
    lang: str | None = None,
) -> Any:
    filters = selectors.NeedFilters(sector=sector, oblast=oblast, urgency=urgency)
    target = _lang(lang)
    return Mapped(selectors.need_list(filters), lambda n: need_out(n, target))


@router.get("/needs/{need_id}", response=NeedOut)
def get_need(request: HttpRequest, need_id: int, lang: str | None = None) -> Any:
    return need_out(_public(selectors.need_get, need_id, "need", selectors.PUBLIC_NEED_STATUSES), _lang(lang))


class NeedIn(PostingIn):
    place_id: DbId
    language: Language
    urgency: Urgency = Urgency.NORMAL
    deadline: date | None = None


# The header in the OpenAPI document of each creating operation (read by `_idempotency_key`).
IDEMPOTENCY_HEADER = {
    "parameters": [
        {
            "in": "header",
            "name": "Idempotency-Key",
            "required": False,
            "schema": {"type": "string", "maxLength": 100},
            "description": (
                "Optional, up to 100 visible ASCII characters. Sending the same request again with the same key"
                " (a retry) returns the record the first one created, with status 200 instead of 201; the same"
                " key with another body is refused (422 `idempotency_key_reused`). Keys are kept for 7 days."
            ),
        }
    ]
}


def _idempotency_key(request: HttpRequest) -> str | None:
    """The ``Idempotency-Key`` header: a repeated create with it returns the first record (200)."""
    return request.headers.get("Idempotency-Key")


def _created(once: Any, out: dict[str, Any]) -> Status:
    """201 for the record this request created, 200 for the one an earlier request with its key created."""
    return Status(201 if once.created else 200, out)


@router.post("/needs", response={201: NeedOut, 200: NeedOut}, auth=CREATE, openapi_extra=IDEMPOTENCY_HEADER)
def create_need(request: HttpRequest, payload: NeedIn) -> Any:
    data = _posting_in(payload, "deadline")
    place = _load(place_get, data.pop("place_id"), "place")
    once = services.need_publish_once(idempotency_key=_idempotency_key(request), user=request.user, place=place, **data)
    return _created(once, need_out(selectors.need_get(once.record.pk), _lang(None)))


class NeedStatusIn(Schema):
    status: NeedStatus
    version: int = Field(..., ge=1, le=2**31)


@router.post("/needs/{need_id}/status", response=NeedOut, auth=NEED_WRITE)
def set_need_status(request: HttpRequest, need_id: int, payload: NeedStatusIn) -> Any:
    need = _load(selectors.need_get, need_id, "need")
    services.need_set_status(user=request.user, need=need, status=payload.status, expected_version=payload.version)
    return need_out(selectors.need_get(need.pk), _lang(None))


# --- offers --------------------------------------------------------------------------------------


class OfferOut(Schema):
    id: int
    municipality: str
    municipality_code: str
    sector: str
    form: str
    title: str
    description: str
    language: str
    quantity: int | None
    remaining: int | None  # what is still free of quantity after accepted matches
    spare: bool
    available_until: date | None
    status: str
    is_example: bool
    version: int
    key_terms: list[tuple[str, str]]


def offer_out(o: Any, lang: str) -> dict[str, Any]:
    return {
        "id": o.pk,
        "municipality": o.municipality.name,
        "municipality_code": o.municipality.code,
        "remaining": o.remaining,
        "spare": o.spare,
        "available_until": o.available_until,
    } | _posting_out(o, lang)


@router.get("/offers", response=list[OfferOut])
@paginate(BoundedPagination)
def list_offers(
    request: HttpRequest,
    municipality: str | None = Query(None, max_length=10),  # type: ignore[assignment]
    sector: str | None = None,
    lang: str | None = None,
) -> Any:
    mid = None
    if municipality:
        try:
            mid = place_by_code(municipality).pk
        except Place.DoesNotExist as exc:
            raise not_found("municipality", municipality) from exc
    target = _lang(lang)
    return Mapped(
        selectors.offer_list(municipality_id=mid, sector=sector, viewer=viewer(request)), lambda o: offer_out(o, target)
    )


@router.get("/offers/{offer_id}", response=OfferOut)
def get_offer(request: HttpRequest, offer_id: int, lang: str | None = None) -> Any:
    return offer_out(_public(selectors.offer_get, offer_id, "offer", selectors.PUBLIC_OFFER_STATUSES), _lang(lang))


class OfferIn(PostingIn):
    municipality: str = Field(..., max_length=10, description="SCB code, e.g. 0126")
    language: Language = Language.SV
    spare: bool = False
    available_until: date | None = None


@router.post("/offers", response={201: OfferOut, 200: OfferOut}, auth=CREATE, openapi_extra=IDEMPOTENCY_HEADER)
def create_offer(request: HttpRequest, payload: OfferIn) -> Any:
    data = _posting_in(payload, "available_until")
    municipality = _municipality_in(data.pop("municipality"))
    once = services.offer_publish_once(
        idempotency_key=_idempotency_key(request), user=request.user, municipality=municipality, **data
    )
    return _created(once, offer_out(selectors.offer_get(once.record.pk), _lang(None)))


class VersionIn(Schema):
    version: int = Field(..., ge=1, le=2**31)


@router.post("/offers/{offer_id}/withdraw", response=OfferOut, auth=OFFER_WRITE)
def withdraw_offer(request: HttpRequest, offer_id: int, payload: VersionIn) -> Any:
    offer = _load(selectors.offer_get, offer_id, "offer")
    services.offer_withdraw(user=request.user, offer=offer, expected_version=payload.version)
    return offer_out(selectors.offer_get(offer.pk), _lang(None))


# --- matches -------------------------------------------------------------------------------------


class MatchOut(Schema):
    id: int
    need_id: int
    offer_id: int
    score: float
    rank: int
    reasons: list[str]
    reason_codes: list[dict[str, Any]]
    legal_outcome: str
    legal_rules: list[str]
    status: str
    initiative_id: int | None
    quantity: int | None  # units of the offer given when accepted
    version: int


def match_out(m: Any, lang: str) -> dict[str, Any]:
    return {
        "id": m.pk,
        "need_id": m.need_id,
        "offer_id": m.offer_id,
        "score": m.score,
        "rank": m.rank,
        "reasons": selectors.explain(m, lang),
        "reason_codes": m.reasons,
        "legal_outcome": m.legal_outcome,
        "legal_rules": list(m.legal_verdict.get("rules", [])),
        "status": m.status,
        "initiative_id": m.initiative_id,
        "quantity": m.quantity,
        "version": m.version,
    }


@router.get("/matches", response=list[MatchOut], auth=WRITE_AUTH)
@paginate(BoundedPagination)
def list_matches(request: HttpRequest, status: str | None = "proposed", lang: str | None = None) -> Any:
    target = _lang(lang)
    return Mapped(selectors.matches_for_viewer(request.user, status=status or None), lambda m: match_out(m, target))


class RecomputeIn(Schema):
    municipality: str = Field(..., max_length=10)


# Declared before "/matches/{match_id}" so that the literal path is not taken for a match id.
@router.post("/matches/recompute", response=dict[str, int], auth=CREATE)
def recompute_matches(request: HttpRequest, payload: RecomputeIn) -> Any:
    municipality = _municipality_in(payload.municipality)
    return {"proposed": services.matches_recompute(user=request.user, municipality=municipality)}


def _visible_match(request: HttpRequest, match_id: int) -> Any:
    match = _load(selectors.match_get, match_id, "match")
    if not selectors.match_visible(match, request.user):
        raise not_found("match", match_id)
    return match


@router.get("/matches/{match_id}", response=MatchOut, auth=WRITE_AUTH)
def get_match(request: HttpRequest, match_id: int, lang: str | None = None) -> Any:
    return match_out(_visible_match(request, match_id), _lang(lang))


class DecisionIn(Schema):
    version: int | None = Field(None, ge=1, le=2**31)


@router.post("/matches/{match_id}/accept", response={201: dict[str, Any]}, auth=MATCH_WRITE)
def accept_match(request: HttpRequest, match_id: int, payload: DecisionIn) -> Any:
    match = _load(selectors.match_get, match_id, "match")
    initiative = services.match_accept(user=request.user, match=match, expected_version=payload.version)
    return Status(201, initiative_out(selectors.initiative_get(initiative.pk), _lang(None)))


@router.post("/matches/{match_id}/reject", response=MatchOut, auth=MATCH_WRITE)
def reject_match(request: HttpRequest, match_id: int, payload: DecisionIn) -> Any:
    match = _load(selectors.match_get, match_id, "match")
    services.match_reject(user=request.user, match=match, expected_version=payload.version)
    return match_out(selectors.match_get(match.pk), _lang(None))


# --- initiatives ---------------------------------------------------------------------------------


def _condition(c: Any, lang: str) -> dict[str, Any]:
    return {
        "id": c.pk,
        "text": condition_text(c.text_sv, c.text_en, lang=lang),
        "done": c.done_at is not None,
        "done_at": c.done_at.isoformat() if c.done_at else None,
        "done_by": c.done_by.get_username() if c.done_by_id else None,
    }


def _contribution(c: Any, lang: str) -> dict[str, Any]:
    return {
        "id": c.pk,
        "form": c.form,
        "purpose": c.purpose,
        "value_sek": str(c.value_sek) if c.value_sek is not None else None,
        "recipient_place_id": c.recipient_place_id,
        "recipient_place": c.recipient_place.name,
        "recipient_entity": c.recipient_entity,
        "date": c.planned_on.isoformat() if c.planned_on else None,
        "status": c.status,
        "legal_outcome": c.outcome,
        "legal_rules": list(c.verdict.get("rules", [])),
        "rules_version": c.rules_version,
        "decision_date": c.decision_date.isoformat() if c.decision_date else None,
        "conditions": [_condition(x, lang) for x in c.conditions.all()],
        "version": c.version,
        "checks": [
            {
                "stage": k.stage,
                "decision_date": k.decision_date.isoformat(),
                "outcome": k.outcome,
                "rules_version": k.rules_version,
            }
            for k in c.checks.all()
        ],
    }


class InitiativeOut(Schema):
    id: int
    title: str
    municipality: str
    municipality_code: str
    actor: str | None
    partner_places: list[int]
    sectors: list[str]  # sector codes (DESIGN.md §5)
    partnership_id: int | None
    motion_id: int | None
    period_start: date | None
    period_end: date | None
    state: str
    allowed_actions: list[str]
    is_example: bool
    version: int
    contributions: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []


def initiative_out(i: Any, lang: str, *, detail: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": i.pk,
        "title": i.title,
        "municipality": i.municipality.name,
        "municipality_code": i.municipality.code,
        "actor": i.actor.name if i.actor_id else None,
        "partner_places": [p.pk for p in i.partner_places.all()],
        "sectors": [x.code for x in i.sectors.all()],
        "partnership_id": i.partnership_id,
        "motion_id": i.motion_id,
        "period_start": i.period_start,
        "period_end": i.period_end,
        "state": i.state,
        "allowed_actions": [a.value for a in allowed_actions(i.state)],
        "is_example": i.is_example,
        "version": i.version,
    }
    if detail:
        out["contributions"] = [_contribution(c, lang) for c in i.contributions.all()]
        out["events"] = [
            {
                "at": e.at.isoformat(),
                "from": e.from_state or None,
                "to": e.to_state,
                "action": e.action,
                "by": e.actor_label,
                "note": e.note,
            }
            for e in i.events.all()
        ]
    return out


@router.get("/initiatives", response=list[InitiativeOut])
@paginate(BoundedPagination)
def list_initiatives(request: HttpRequest, sector: str | None = Query(None, max_length=20)) -> Any:  # type: ignore[assignment]
    target = _lang(None)
    return Mapped(selectors.initiative_list(sector=sector), lambda i: initiative_out(i, target, detail=False))


@router.get("/initiatives/{initiative_id}", response=InitiativeOut)
def get_initiative(request: HttpRequest, initiative_id: int, lang: str | None = None) -> Any:
    return initiative_out(_load(selectors.initiative_get, initiative_id, "initiative"), _lang(lang))


class InitiativeIn(Schema):
    municipality: str = Field(..., max_length=10, description="SCB code, e.g. 0126")
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=20_000)
    actor_id: DbId | None = Field(None, description="a known (vetted) actor")
    partner_place_ids: list[DbId] = Field([], max_length=50)
    sectors: list[str] = Field([], max_length=20, description="sector codes, e.g. water")
    partnership_id: DbId | None = None
    motion_id: DbId | None = None
    period_start: date | None = None
    period_end: date | None = None


@router.post(
    "/initiatives", response={201: InitiativeOut, 200: InitiativeOut}, auth=CREATE, openapi_extra=IDEMPOTENCY_HEADER
)
def create_initiative(request: HttpRequest, payload: InitiativeIn) -> Any:
    municipality = _municipality_in(payload.municipality)
    refs = selectors.initiative_refs(
        actor_id=payload.actor_id,
        place_ids=payload.partner_place_ids,
        partnership_id=payload.partnership_id,
        motion_id=payload.motion_id,
    )
    once = services.initiative_create_once(
        idempotency_key=_idempotency_key(request),
        user=request.user,
        municipality=municipality,
        title=payload.title,
        description=payload.description,
        period_start=as_of_date(payload.period_start, "period_start"),
        period_end=as_of_date(payload.period_end, "period_end"),
        sectors=payload.sectors,
        **refs,
    )
    return _created(once, initiative_out(selectors.initiative_get(once.record.pk), _lang(None)))


class ContributionIn(Schema):
    form: Form
    purpose: str = Field(..., min_length=1, max_length=5000)
    value_sek: Decimal | None = Field(None, ge=0, le=10**12, max_digits=15, decimal_places=2)
    recipient_place_id: DbId
    recipient_entity: str = Field("foreign_public", max_length=30)
    date: datetime.date | None = None
    equipment_origin: str = Field("", max_length=30)
    fin_purpose: str = Field("", max_length=30)
    linked_equipment_permitted: bool | None = None
    goods_type: str = Field("civil", max_length=10)
    disaster: bool = True
    use_verification_plan: bool = True
    decision_body: str = Field("delegate", max_length=20)


@router.post("/initiatives/{initiative_id}/contributions", response={201: dict[str, Any]}, auth=INITIATIVE_WRITE)
def propose_contribution(request: HttpRequest, initiative_id: int, payload: ContributionIn) -> Any:
    initiative = _load(selectors.initiative_get, initiative_id, "initiative")
    data = payload.dict()
    recipient = _load(place_get, data.pop("recipient_place_id"), "place")
    data["planned_on"] = as_of_date(data.pop("date"), "date")
    contribution = services.contribution_propose(
        user=request.user, initiative=initiative, recipient_place=recipient, **data
    )
    return Status(201, _contribution(selectors.contribution_get(contribution.pk), _lang(None)))


class InitiativeTransitionIn(Schema):
    action: str = Field(..., max_length=30)
    version: int = Field(..., ge=1, le=2**31)
    note: str = Field("", max_length=2000)


@router.post("/initiatives/{initiative_id}/transitions", response=InitiativeOut, auth=INITIATIVE_WRITE)
def transition_initiative(request: HttpRequest, initiative_id: int, payload: InitiativeTransitionIn) -> Any:
    initiative = _load(selectors.initiative_get, initiative_id, "initiative")
    services.initiative_transition(
        user=request.user,
        initiative=initiative,
        action=payload.action,
        expected_version=payload.version,
        note=payload.note,
    )
    return initiative_out(selectors.initiative_get(initiative.pk), _lang(None))


class ApproveIn(Schema):
    decision_date: date
    version: int = Field(..., ge=1, le=2**31)


@router.post("/contributions/{contribution_id}/approve", response=dict[str, Any], auth=CONTRIBUTION_WRITE)
def approve_contribution(request: HttpRequest, contribution_id: int, payload: ApproveIn) -> Any:
    contribution = _load(selectors.contribution_get, contribution_id, "contribution")
    services.contribution_approve(
        user=request.user,
        contribution=contribution,
        decision_date=as_of_date(payload.decision_date, "decision_date") or date.today(),
        expected_version=payload.version,
    )
    return _contribution(selectors.contribution_get(contribution.pk), _lang(None))


class ConditionIn(Schema):
    done: bool
    note: str = Field("", max_length=500)


@router.post("/conditions/{condition_id}", response=dict[str, Any], auth=CONDITION_WRITE)
def set_condition(request: HttpRequest, condition_id: int, payload: ConditionIn) -> Any:
    condition = _load(selectors.condition_get, condition_id, "condition")
    services.condition_set(user=request.user, condition=condition, done=payload.done, note=payload.note)
    return _condition(selectors.condition_get(condition.pk), _lang(None))
