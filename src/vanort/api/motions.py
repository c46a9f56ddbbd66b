"""Motion endpoints. Reads are public; writes need a registrar's or case officer's token or session."""

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, create_model

from vanort.api.auth import any_role, record_guard, viewer, write_auth
from vanort.api.errors import no_such, not_found
from vanort.api.inputs import MAX_ITEMS, BoundedPagination, DbId, as_of_date, reject_nulls
from vanort.api.pagination import Mapped
from vanort.core.errors import NotFound
from vanort.core.http import download_response
from vanort.motions import pdf, selectors, services
from vanort.motions.models import Attachment, Motion, Referral
from vanort.motions.permissions import require_motion_handler
from vanort.motions.states import Action, InputKind, Outcome, State, all_inputs, allowed_actions
from vanort.registry.models import Partnership, Place, PlaceKind
from vanort.registry.selectors import partnerships_by_ids, place_by_code, places_by_ids

router = Router(tags=["motions"])


class ProposerSchema(Schema):
    name: str
    party: str = ""


#: One history event: {"at", "from", "to", "action", "by", "note"} ("from" is a Python keyword,
#: so the shape is documented here rather than as a schema class).
EventOut = dict[str, Any]


class ReferralOut(Schema):
    id: int
    committee: str
    sent_on: date
    due_on: date
    answered_on: date | None
    answer: str
    version: int


class DecisionOut(Schema):
    body: str
    date: date
    paragraph: str
    outcome: str


class DispatchOut(Schema):
    date: date
    recipients: list[str]


class MotionOut(Schema):
    id: int
    diarienummer: str
    title: str
    municipality: str
    municipality_code: str
    proposers: list[ProposerSchema]
    filed_date: date
    raised_date: date | None
    deadline: date | None
    overdue: bool
    state: str
    allowed_actions: list[str]
    recommendation: str | None
    outcome: str | None
    recipients: list[str]
    att_clauses: list[str]
    body: str
    text: str
    places: list[int]
    partnerships: list[int]
    is_example: bool
    version: int


class MotionDetailOut(MotionOut):
    referrals: list[ReferralOut]
    decisions: list[DecisionOut]
    dispatches: list[DispatchOut]
    attachments: list[str]
    events: list[EventOut]


def _event(e: Any) -> dict[str, Any]:
    return {
        "at": e.at.isoformat(),
        "from": e.from_state or None,
        "to": e.to_state,
        "action": e.action,
        "by": e.actor_label,
        "note": e.note,
    }


def motion_out(m: Motion, *, detail: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": m.pk,
        "diarienummer": m.diarienummer,
        "title": m.title,
        "municipality": m.municipality.name,
        "municipality_code": m.municipality.code,
        "proposers": [{"name": p.name, "party": p.party} for p in m.proposers.all()],
        "filed_date": m.filed_date,
        "raised_date": m.raised_on,
        "deadline": m.deadline,
        "overdue": selectors.overdue(m),
        "state": m.state,
        "allowed_actions": allowed_actions(m.state),
        "recommendation": m.recommendation or None,
        "outcome": m.outcome or None,
        "recipients": m.recipients,
        "att_clauses": m.att_clauses,
        "body": m.body,
        "text": m.text,
        "is_example": m.is_example,
        "places": [p.pk for p in m.places.all()],
        "partnerships": [p.pk for p in m.partnerships.all()],
        "version": m.version,
    }
    if detail:
        out.update(
            {
                "referrals": list(m.referrals.all()),
                "decisions": list(m.decisions.all()),
                "dispatches": list(m.dispatches.all()),
                "attachments": [a.title for a in m.attachments.all()],
                "events": [_event(e) for e in m.events.all()],
            }
        )
    return out


def _get(motion_id: int, viewer: Any, *, bare: bool = False) -> Motion:
    """The motion with everything its answer shows, or with `bare` the row alone (a permission
    check or a write reads what it needs itself); 404 if the viewer may not see it."""
    read = selectors.motion_get_for_write if bare else selectors.motion_get
    try:
        return read(motion_id, viewer=viewer)
    except Motion.DoesNotExist as exc:
        raise not_found("motion", motion_id) from exc


def _referral(referral_id: int) -> Referral:
    try:
        return selectors.referral_get(referral_id)
    except Referral.DoesNotExist as exc:
        raise not_found("referral", referral_id) from exc


# Permission before the body is validated (api.auth).
MOTION_WRITE = write_auth(
    record_guard(
        lambda pk: pk, lambda user, pk: require_motion_handler(user, _get(pk, user, bare=True).municipality_id)
    )
)
REFERRAL_WRITE = write_auth(
    record_guard(_referral, lambda user, referral: require_motion_handler(user, referral.motion.municipality_id))
)
CREATE = write_auth(any_role)


def _municipality(code: str) -> Place:
    try:
        return place_by_code(code, kind=PlaceKind.KOMMUN)
    except Place.DoesNotExist as exc:
        raise not_found("municipality", code) from exc


def _municipality_id(code: str | None) -> int | None:
    return _municipality(code).pk if code else None


@router.get("/motions", response=list[MotionOut])
@paginate(BoundedPagination)
def list_motions(
    request: HttpRequest, municipality: str | None = None, state: State | None = None, q: str | None = None
) -> Any:
    qs = selectors.motion_list(
        selectors.MotionFilters(
            municipality_id=_municipality_id(municipality),
            state=state,
            q=q,
        ),
        viewer=viewer(request),
    )
    qs = selectors.with_links(qs)
    return Mapped(qs, motion_out)


class DeadlinesOut(Schema):
    as_of: date
    days: int
    overdue: list[MotionOut]
    due_soon: list[MotionOut]


@router.get("/motions/deadlines", response=DeadlinesOut)
def motion_deadlines(
    request: HttpRequest,
    municipality: str | None = None,
    as_of: date | None = None,
    days: int = Query(selectors.DUE_SOON_DAYS, ge=0, le=3660),
) -> Any:  # type: ignore[assignment]
    mid = _municipality_id(municipality)
    as_of = as_of_date(as_of) or selectors.today()
    return {
        "as_of": as_of,
        "days": days,
        "overdue": [
            motion_out(m) for m in selectors.with_links(selectors.motions_overdue(municipality_id=mid, as_of=as_of))
        ],
        "due_soon": [
            motion_out(m)
            for m in selectors.with_links(selectors.motions_due_soon(municipality_id=mid, as_of=as_of, days=days))
        ],
    }


@router.get("/motions/{motion_id}", response=MotionDetailOut)
def get_motion(request: HttpRequest, motion_id: int) -> Any:
    return motion_out(_get(motion_id, viewer(request)), detail=True)


@router.get("/motions/{motion_id}/events", response=list[EventOut])
def motion_events(request: HttpRequest, motion_id: int) -> Any:
    return [_event(e) for e in _get(motion_id, viewer(request)).events.all()]


@router.get("/motions/{motion_id}/proposal.pdf")
def motion_proposal_pdf(request: HttpRequest, motion_id: int) -> HttpResponse:
    return HttpResponse(pdf.proposal_pdf(_get(motion_id, viewer(request))), content_type="application/pdf")


class CommitteeOut(Schema):
    name: str
    is_committee: bool
    source: str | None


@router.get("/municipalities/{code}/committees", response=list[CommitteeOut])
def municipality_committees(request: HttpRequest, code: str) -> Any:
    mid = _municipality_id(code)
    assert mid is not None
    return [
        {"name": c.name, "is_committee": c.is_committee, "source": str(c.source) if c.source_id else None}
        for c in selectors.committees_of(mid)
    ]


# --- writes ----------------------------------------------------------------------------------


class MotionIn(Schema):
    municipality: str = Field(..., min_length=4, max_length=4, description="SCB code of the municipality, e.g. 0126")
    title: str = Field(..., min_length=1, max_length=300)
    filed_date: date
    proposers: list[ProposerSchema] = Field(..., min_length=1, max_length=MAX_ITEMS)
    body: str = ""
    att_clauses: list[str] = Field([], max_length=MAX_ITEMS)
    text: str = ""
    recipients: list[str] = Field([], max_length=MAX_ITEMS)
    places: list[DbId] = Field([], max_length=MAX_ITEMS)
    partnerships: list[DbId] = Field([], max_length=MAX_ITEMS)


class MotionPatch(Schema):
    version: int
    title: str | None = Field(None, min_length=1, max_length=300)
    filed_date: date | None = None
    proposers: list[ProposerSchema] | None = Field(None, max_length=MAX_ITEMS)
    body: str | None = None
    att_clauses: list[str] | None = Field(None, max_length=MAX_ITEMS)
    text: str | None = None
    recipients: list[str] | None = Field(None, max_length=MAX_ITEMS)
    places: list[DbId] | None = Field(None, max_length=MAX_ITEMS)
    partnerships: list[DbId] | None = Field(None, max_length=MAX_ITEMS)


_INPUT_TYPES: dict[InputKind, Any] = {
    InputKind.DATE: date,
    InputKind.OUTCOME: Outcome,
    InputKind.TEXT: str,
    InputKind.LINES: list[str],
    InputKind.NUMBER: int,
}


class _TransitionBase(Schema):
    model_config = ConfigDict(extra="forbid")  # a key no action takes is refused, not ignored

    action: Action
    version: int
    note: str = ""


def _transition_schema() -> type[Schema]:
    """The body of a transition: action, version, note and each action's inputs from `states.TRANSITIONS`.

    Every input is optional here: which ones an action takes and needs is checked by the service
    (`motion_transition`) from the same spec, so the API refuses exactly what the web form does."""
    fields = {
        spec.name: (
            _INPUT_TYPES[spec.kind] | None,
            Field(None, ge=spec.minimum, le=spec.maximum, max_length=spec.max_length),
        )
        for spec in all_inputs().values()
    }
    return create_model("TransitionIn", __base__=_TransitionBase, **fields)


TransitionIn = _transition_schema()


def _places(ids: list[int]) -> list[Place]:
    return places_by_ids(ids, field="places")


def _partnerships(ids: list[int]) -> list[Partnership]:
    return partnerships_by_ids(ids, field="partnerships")


def _proposers(items: list[ProposerSchema]) -> list[services.ProposerIn]:
    return [services.ProposerIn(p.name, p.party) for p in items]


@router.post("/motions", response={201: MotionDetailOut}, auth=CREATE)
def create_motion(request: HttpRequest, payload: MotionIn) -> Any:
    try:
        municipality = _municipality(payload.municipality)
    except NotFound as exc:
        raise no_such("municipality", payload.municipality, "municipality") from exc
    motion = services.motion_create(
        user=request.user,
        municipality=municipality,
        title=payload.title,
        filed_date=payload.filed_date,
        proposers=_proposers(payload.proposers),
        body=payload.body,
        att_clauses=payload.att_clauses,
        text=payload.text,
        recipients=payload.recipients,
        places=_places(payload.places),
        partnerships=_partnerships(payload.partnerships),
    )
    return Status(201, motion_out(_get(motion.pk, viewer(request)), detail=True))


@router.patch("/motions/{motion_id}", response=MotionDetailOut, auth=MOTION_WRITE)
def update_motion(request: HttpRequest, motion_id: int, payload: MotionPatch) -> Any:
    motion = _get(motion_id, viewer(request))
    data = payload.dict(exclude_unset=True)
    reject_nulls(data)
    version = data.pop("version")
    proposers = _proposers(payload.proposers) if data.pop("proposers", None) is not None else None
    places = _places(data.pop("places")) if data.get("places") is not None else data.pop("places", None)
    partnerships = (
        _partnerships(data.pop("partnerships"))
        if data.get("partnerships") is not None
        else data.pop("partnerships", None)
    )
    services.motion_update(
        user=request.user,
        motion=motion,
        expected_version=version,
        proposers=proposers,
        places=places,
        partnerships=partnerships,
        **data,
    )
    return motion_out(_get(motion_id, viewer(request)), detail=True)


@router.post("/motions/{motion_id}/transitions", response=MotionDetailOut, auth=MOTION_WRITE)
def transition_motion(request: HttpRequest, motion_id: int, payload: TransitionIn) -> Any:  # type: ignore[valid-type]
    """Move the motion one step; refused (422 `invalid_transition`) when the step is not allowed
    from its state, and 409 `stale_edit` when `version` is not the current one."""
    motion = _get(motion_id, viewer(request), bare=True)
    data = payload.dict(exclude={"action", "version", "note"}, exclude_none=True)
    services.motion_transition(
        user=request.user,
        motion=motion,
        action=payload.action,
        expected_version=payload.version,
        note=payload.note,
        **data,
    )
    return motion_out(_get(motion_id, viewer(request)), detail=True)


class ReferralIn(Schema):
    committee: str = Field(..., min_length=1, max_length=200)
    sent_on: date
    due_on: date


class ReferralAnswerIn(Schema):
    version: int
    answered_on: date
    answer: str = Field(..., min_length=1)


@router.post("/motions/{motion_id}/referrals", response={201: ReferralOut}, auth=MOTION_WRITE)
def create_referral(request: HttpRequest, motion_id: int, payload: ReferralIn) -> Any:
    motion = _get(motion_id, viewer(request))
    return Status(201, services.referral_create(user=request.user, motion=motion, **payload.dict()))


@router.post("/referrals/{referral_id}/answer", response=ReferralOut, auth=REFERRAL_WRITE)
def answer_referral(request: HttpRequest, referral_id: int, payload: ReferralAnswerIn) -> Any:
    referral = _referral(referral_id)
    return services.referral_answer(
        user=request.user,
        referral=referral,
        expected_version=payload.version,
        answered_on=payload.answered_on,
        answer=payload.answer,
    )


class SectionSchema(Schema):
    heading: str
    body: str


class SignatorySchema(Schema):
    name: str
    title: str = ""


class OpinionIn(Schema):
    date: date
    department: str = "Kommunstyrelsens förvaltning"
    decision_sentence: str = ""
    sections: list[SectionSchema] = Field([], max_length=MAX_ITEMS)
    signatories: list[SignatorySchema] = Field([], max_length=MAX_ITEMS)
    version: int | None = None


class OpinionOut(Schema):
    date: date
    department: str
    decision_sentence: str
    sections: list[SectionSchema]
    signatories: list[SignatorySchema]
    version: int


@router.put("/motions/{motion_id}/opinion", response=OpinionOut, auth=MOTION_WRITE)
def save_opinion(request: HttpRequest, motion_id: int, payload: OpinionIn) -> Any:
    opinion = services.opinion_save(
        user=request.user,
        motion=_get(motion_id, viewer(request)),
        date=payload.date,
        department=payload.department,
        decision_sentence=payload.decision_sentence,
        sections=[(s.heading, s.body) for s in payload.sections],
        signatories=[(s.name, s.title) for s in payload.signatories],
        expected_version=payload.version,
    )
    return {
        "date": opinion.date,
        "department": opinion.department,
        "decision_sentence": opinion.decision_sentence,
        "sections": list(opinion.sections.all()),
        "signatories": list(opinion.signatories.all()),
        "version": opinion.version,
    }


class AttachmentIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)


@router.post("/motions/{motion_id}/attachments", response={201: dict[str, Any]}, auth=MOTION_WRITE)
def add_attachment(request: HttpRequest, motion_id: int, payload: AttachmentIn) -> Any:
    motion = _get(motion_id, viewer(request))
    attachment = services.attachment_add(user=request.user, motion=motion, title=payload.title)
    return Status(201, {"id": attachment.pk, "title": attachment.title, "position": attachment.position})


@router.get("/motions/{motion_id}/attachments/{attachment_id}/file")
def attachment_file(request: HttpRequest, motion_id: int, attachment_id: int) -> HttpResponse:
    """The attachment's file as a download (404 when the motion is not readable or there is no file)."""
    try:
        attachment = selectors.attachment_get(motion_id, attachment_id, viewer=viewer(request))
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc
    if not attachment.has_file:
        raise Http404
    return download_response(attachment.content, filename=attachment.filename, content_type=attachment.content_type)
