"""Open-data rows for `vanort export` (the contract's columns and keys, DESIGN.md §5)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vanort.registry import selectors
from vanort.registry.models import Place, PlaceKind

PLACE_COLUMNS = ["code", "name", "kind", "county_code"]
PARTNERSHIP_COLUMNS = ["a", "b", "a_code", "b_code", "b_country", "kind", "start", "end", "status", "areas", "source"]
ACTIVITY_COLUMNS = [
    "id",
    "start",
    "end",
    "kind",
    "title",
    "municipality_code",
    "municipality",
    "counterpart",
    "counterpart_country",
    "partnership_id",
    "participants_count",
    "participants_note",
    "topics",
    "organiser",
    "areas",
    "source",
]


def _county_code(place: Place) -> str:
    if place.country_id == "SE" and place.kind == PlaceKind.REGION:
        return place.code
    if place.country_id == "SE" and place.kind == PlaceKind.KOMMUN and place.parent is not None:
        return place.parent.code
    return ""


def place_rows(*, country: str | None = None, code: str | None = None) -> Iterator[dict[str, Any]]:
    qs = selectors.place_list(country=country).select_related("parent")
    if code:
        qs = qs.filter(code=code)
    for place in qs.order_by("kind", "code", "name").iterator(chunk_size=2000):
        yield {"code": place.code, "name": place.name, "kind": place.kind, "county_code": _county_code(place)}


def partnership_rows(*, place: Place | None = None, country: str | None = None) -> Iterator[dict[str, Any]]:
    filters = selectors.PartnershipFilters(place=place, country=country)
    qs = selectors.partnership_list(filters).select_related("source")
    for p in qs.iterator(chunk_size=2000):
        a, b = p.place_a, p.place_b
        if place is not None and b.pk == place.pk:
            a, b = b, a
        yield {
            "a": a.name,
            "b": b.name,
            "a_code": a.code,
            "b_code": b.code,
            "b_country": b.country_id,
            "kind": p.kind,
            "start": p.start.edtf() if p.start else None,
            "end": p.end.edtf() if p.end else None,
            "status": p.effective_status,  # type: ignore[attr-defined]
            "areas": [s.code for s in p.areas.all()],
            "source": str(p.source) if p.source_id else None,
        }


def activity_rows(*, place: Place | None = None, country: str | None = None) -> Iterator[dict[str, Any]]:
    qs = selectors.activity_list(municipality=place).prefetch_related("areas")
    if country:
        qs = qs.filter(counterpart__country_id=country)
    for a in qs.iterator(chunk_size=2000):
        yield {
            "id": a.pk,
            "start": a.start.edtf(),
            "end": a.end.edtf() if a.end else None,
            "kind": a.kind,
            "title": a.title,
            "municipality_code": a.municipality.code,
            "municipality": a.municipality.name,
            "counterpart": a.counterpart.name if a.counterpart_id else None,
            "counterpart_country": a.counterpart.country_id if a.counterpart_id else None,
            "partnership_id": a.partnership_id,
            "participants_count": a.participants_count,
            "participants_note": a.participants_note,
            "topics": a.topics,
            "organiser": a.organiser.name if a.organiser_id else None,
            "areas": [s.code for s in a.areas.all()],
            "source": str(a.source) if a.source_id else None,
        }
