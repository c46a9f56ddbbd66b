"""Register endpoints: places, partnerships, activities. Reads are public."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from vanort.api.auth import any_role, record_guard, write_auth
from vanort.api.errors import found as _found
from vanort.api.errors import no_such, not_found
from vanort.api.inputs import MAX_ITEMS, BoundedPagination, Count, DbId, as_of_date, reject_nulls
from vanort.core.errors import ValidationFailed
from vanort.core.partial_dates import parse_optional
from vanort.registry import selectors, services
from vanort.registry.models import ActivityKind, Partnership, PartnershipKind, Place, PlaceKind
from vanort.registry.permissions import require_edit
from vanort.registry.status import Status as StatusCode

router = Router(tags=["register"])


class PlaceOut(Schema):
    id: int
    kind: str
    code: str
    name: str
    official_name: str
    country: str = Field(..., alias="country_id")
    parent_id: int | None
    wikidata_qid: str
    is_example: bool
    version: int


class PartnershipOut(Schema):
    """Built from a partnership read through `selectors.partnership_rows_with_status` (the status
    fields are SQL annotations, so a page of results costs a fixed number of queries)."""

    id: int
    a: str = Field(..., alias="place_a.name")
    b: str = Field(..., alias="place_b.name")
    a_id: int = Field(..., alias="place_a_id")
    b_id: int = Field(..., alias="place_b_id")
    a_code: str = Field(..., alias="place_a.code")
    b_code: str = Field(..., alias="place_b.code")
    a_country: str = Field(..., alias="place_a.country_id")
    b_country: str = Field(..., alias="place_b.country_id")
    kind: str
    start: str | None
    end: str | None
    end_reason: str
    status: str = Field(..., alias="effective_status")
    derived_status: str
    status_override: str
    status_override_reason: str
    areas: list[str]
    source: str | None
    version: int

    @staticmethod
    def resolve_start(obj: Partnership) -> str | None:
        return obj.start.edtf() if obj.start else None

    @staticmethod
    def resolve_end(obj: Partnership) -> str | None:
        return obj.end.edtf() if obj.end else None

    @staticmethod
    def resolve_areas(obj: Partnership) -> list[str]:
        return [s.code for s in obj.areas.all()]

    @staticmethod
    def resolve_source(obj: Partnership) -> str | None:
        return str(obj.source) if obj.source_id else None


class ActivityOut(Schema):
    id: int
    municipality_id: DbId
    partnership_id: int | None
    counterpart_id: int | None
    title: str
    kind: str
    start: str
    end: str | None
    participants_count: int | None
    participants_note: str
    topics: str
    organiser: str | None
    areas: list[str]
    source: str | None
    version: int

    @staticmethod
    def resolve_start(obj: Any) -> str:
        return str(obj.start.edtf())

    @staticmethod
    def resolve_end(obj: Any) -> str | None:
        return obj.end.edtf() if obj.end else None

    @staticmethod
    def resolve_organiser(obj: Any) -> str | None:
        return obj.organiser.name if obj.organiser_id else None

    @staticmethod
    def resolve_areas(obj: Any) -> list[str]:
        return [s.code for s in obj.areas.all()]

    @staticmethod
    def resolve_source(obj: Any) -> str | None:
        return str(obj.source) if obj.source_id else None


@router.get("/places", response=list[PlaceOut])
@paginate(BoundedPagination)
def list_places(
    request: HttpRequest, country: str | None = None, kind: PlaceKind | None = None, q: str | None = None
) -> Any:
    return selectors.place_list(country=country, kind=kind, q=q)


@router.get("/places/{place_id}", response=PlaceOut)
def get_place(request: HttpRequest, place_id: int) -> Any:
    return _found(selectors.place_by_id, place_id, "place")


class PartnershipQuery(Schema):
    place: str | None = Field(None, description="Official code of one of the places, e.g. 0126")
    country: str | None = None
    kind: PartnershipKind | None = None
    status: StatusCode | None = None
    area: str | None = None
    q: str | None = None
    as_of: date | None = None


@router.get("/partnerships", response=list[PartnershipOut])
@paginate(BoundedPagination)
def list_partnerships(request: HttpRequest, filters: Query[PartnershipQuery]) -> Any:
    place = None
    if filters.place:
        try:
            place = selectors.place_by_code(filters.place)
        except Place.DoesNotExist as exc:
            raise not_found("place", filters.place) from exc
    qs = selectors.partnership_list(
        selectors.PartnershipFilters(
            place=place,
            country=filters.country,
            kind=filters.kind,
            status=filters.status,
            area=filters.area,
            q=filters.q,
        ),
        as_of=as_of_date(filters.as_of),
    )
    return selectors.with_source(qs)


def _partnership(partnership_id: int) -> Partnership:
    return _found(selectors.partnership_by_id, partnership_id, "partnership")


# Permission before the body is validated (api.auth).
PARTNERSHIP_WRITE = write_auth(
    record_guard(_partnership, lambda user, p: require_edit(user, {p.place_a_id, p.place_b_id}))
)
CREATE = write_auth(any_role)


@router.get("/partnerships/{partnership_id}", response=PartnershipOut)
def get_partnership(request: HttpRequest, partnership_id: int) -> Any:
    return _found(selectors.partnership_get, partnership_id, "partnership")


@router.get("/activities", response=list[ActivityOut])
@paginate(BoundedPagination)
def list_activities(
    request: HttpRequest,
    place_id: int | None = None,
    partnership_id: int | None = None,
    kind: ActivityKind | None = None,
) -> Any:
    place = _found(selectors.place_by_id, place_id, "place") if place_id else None
    partnership = _found(selectors.partnership_by_id, partnership_id, "partnership") if partnership_id else None
    return selectors.with_areas(selectors.activity_list(municipality=place, partnership=partnership, kind=kind))


# --- writes ----------------------------------------------------------------------------


def _place(place_id: int, field: str) -> Place:
    try:
        return selectors.place_by_id(place_id)
    except Place.DoesNotExist as exc:
        raise no_such("place", place_id, field) from exc


class PartnershipIn(Schema):
    place_a_id: DbId
    place_b_id: DbId
    kind: PartnershipKind
    start: str | None = None
    start_note: str = ""
    end: str | None = None
    end_reason: str = ""
    end_note: str = ""
    areas: list[str] = Field([], max_length=MAX_ITEMS)
    agreement_reference: str = ""
    description: str = ""


class PartnershipPatch(Schema):
    version: int
    kind: PartnershipKind | None = None
    start: str | None = None
    start_note: str | None = None
    end: str | None = None
    end_reason: str | None = None
    end_note: str | None = None
    areas: list[str] | None = Field(None, max_length=MAX_ITEMS)
    agreement_reference: str | None = None
    description: str | None = None


class StatusIn(Schema):
    version: int
    status: str = ""
    reason: str = ""


@router.post("/partnerships", response={201: PartnershipOut}, auth=CREATE)
def create_partnership(request: HttpRequest, payload: PartnershipIn) -> Any:
    p = services.partnership_create(
        user=request.user,
        place_a=_place(payload.place_a_id, "place_a_id"),
        place_b=_place(payload.place_b_id, "place_b_id"),
        kind=payload.kind,
        start=parse_optional(payload.start, field="start"),
        start_note=payload.start_note,
        end=parse_optional(payload.end, field="end"),
        end_reason=payload.end_reason,
        end_note=payload.end_note,
        areas=payload.areas,
        agreement_reference=payload.agreement_reference,
        description=payload.description,
    )
    return Status(201, selectors.partnership_get(p.pk))


@router.patch("/partnerships/{partnership_id}", response=PartnershipOut, auth=PARTNERSHIP_WRITE)
def update_partnership(request: HttpRequest, partnership_id: int, payload: PartnershipPatch) -> Any:
    partnership = _found(selectors.partnership_by_id, partnership_id, "partnership")
    data = payload.dict(exclude_unset=True)
    reject_nulls(data, nullable={"start", "end"})
    version = data.pop("version")
    areas = data.pop("areas", None)
    for name in ("start", "end"):
        if name in data:
            data[name] = parse_optional(data[name], field=name)
    services.partnership_update(
        user=request.user, partnership=partnership, expected_version=version, areas=areas, **data
    )
    return selectors.partnership_get(partnership_id)


@router.post("/partnerships/{partnership_id}/status", response=PartnershipOut, auth=PARTNERSHIP_WRITE)
def override_status(request: HttpRequest, partnership_id: int, payload: StatusIn) -> Any:
    partnership = _found(selectors.partnership_by_id, partnership_id, "partnership")
    services.partnership_override_status(
        user=request.user,
        partnership=partnership,
        expected_version=payload.version,
        status=payload.status,
        reason=payload.reason,
    )
    return selectors.partnership_get(partnership_id)


class ActivityIn(Schema):
    municipality_id: DbId
    title: str = Field(..., min_length=1, max_length=300)
    kind: ActivityKind
    start: str
    end: str | None = None
    partnership_id: DbId | None = None
    counterpart_id: DbId | None = None
    participants_count: Count | None = None
    participants_note: str = ""
    topics: str = ""
    areas: list[str] = Field([], max_length=MAX_ITEMS)
    description: str = ""


@router.post("/activities", response={201: ActivityOut}, auth=CREATE)
def create_activity(request: HttpRequest, payload: ActivityIn) -> Any:
    partnership = None
    if payload.partnership_id:
        try:
            partnership = selectors.partnership_by_id(payload.partnership_id)
        except Partnership.DoesNotExist as exc:
            raise no_such("partnership", payload.partnership_id, "partnership_id") from exc
    start = parse_optional(payload.start, field="start")
    if start is None:
        raise ValidationFailed(_("Ange ett datum, t.ex. 2023-10."), field="start")
    activity = services.activity_create(
        user=request.user,
        municipality=_place(payload.municipality_id, "municipality_id"),
        title=payload.title,
        kind=payload.kind,
        start=start,
        end=parse_optional(payload.end, field="end"),
        partnership=partnership,
        counterpart=_place(payload.counterpart_id, "counterpart_id") if payload.counterpart_id else None,
        participants_count=payload.participants_count,
        participants_note=payload.participants_note,
        topics=payload.topics,
        areas=payload.areas,
        description=payload.description,
    )
    return Status(201, activity)
