"""Open-data rows for `vanort export` (the contract's columns and keys, DESIGN.md §5)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import Any

from django.db.models import CharField, Max
from django.db.models.functions import Cast

from vanort.core.partial_dates import PartialDate
from vanort.registry import selectors
from vanort.registry.models import Activity, Partnership, Place, PlaceKind, Source
from vanort.registry.status import derive_status

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


# Rows are read this many at a time; each chunk costs four queries (partnerships, their places,
# latest activities, areas), never one per row.
EXPORT_CHUNK = 2000
# `start` and `end` as their stored EDTF text (what the export writes), not parsed PartialDates.
_PARTNERSHIP_FIELDS = (
    "pk",
    "place_a_id",
    "place_b_id",
    "kind",
    "start_text",
    "end_text",
    "end_reason",
    "status_override",
    "source_id",
)


def _chunked(values: Iterator[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    while chunk := list(islice(values, size)):
        yield chunk


def _statuses(chunk: list[tuple[Any, ...]], as_of: date) -> dict[int, str]:
    """Effective status per partnership of the chunk: one grouped query for the latest
    activities, then the pure rule (`status.derive_status`) — the same rule as the SQL twin."""
    latest = dict(
        Activity.objects.filter(partnership_id__in=[row[0] for row in chunk], occurred_on__lte=as_of)
        .values("partnership_id")
        .annotate(latest=Max("occurred_on"))
        .values_list("partnership_id", "latest")
        .order_by()
    )
    return {
        pk: override
        or derive_status(
            as_of=as_of,
            end_lower=PartialDate.parse(end).lower if end else None,
            end_reason=end_reason,
            last_activity_on=latest.get(pk),
        ).value
        for pk, _a, _b, _kind, _start, end, end_reason, override, _source in chunk
    }


def _areas(ids: list[int]) -> dict[int, list[str]]:
    through = Partnership.areas.through
    out: dict[int, list[str]] = {}
    rows = through.objects.filter(partnership_id__in=ids).order_by("sector__position", "sector_id")
    for pid, code in rows.values_list("partnership_id", "sector_id"):
        out.setdefault(pid, []).append(code)
    return out


def partnership_rows(
    *, place: Place | None = None, country: str | None = None, as_of: date | None = None
) -> Iterator[dict[str, Any]]:
    """The partnerships of `selectors.partnership_list` (same filters and order) as export rows,
    read in chunks of plain values: 100k rows stream in seconds, not minutes."""
    as_of = as_of or selectors.today()
    filters = selectors.PartnershipFilters(place=place, country=country)
    qs = (
        selectors.partnership_list(filters, as_of=as_of)
        .prefetch_related(None)
        .annotate(start_text=Cast("start", CharField()), end_text=Cast("end", CharField()))
        .values_list(*_PARTNERSHIP_FIELDS)
    )
    places: dict[int, tuple[str, str, str]] = {}
    sources: dict[int, str] = {}
    for chunk in _chunked(qs.iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK):
        ids = [row[0] for row in chunk]
        wanted = {pid for row in chunk for pid in row[1:3]} - places.keys()
        places |= {
            pk: (name, code, cc)
            for pk, name, code, cc in Place.objects.filter(pk__in=wanted).values_list(
                "pk", "name", "code", "country_id"
            )
        }
        new_sources = {row[8] for row in chunk if row[8]} - sources.keys()
        sources |= {s.pk: str(s) for s in Source.objects.filter(pk__in=new_sources)}
        statuses = _statuses(chunk, as_of)
        areas = _areas(ids)
        for pk, a_id, b_id, kind, start, end, _reason, _override, source_id in chunk:
            if place is not None and b_id == place.pk:
                a_id, b_id = b_id, a_id
            a, b = places[a_id], places[b_id]
            yield {
                "a": a[0],
                "b": b[0],
                "a_code": a[1],
                "b_code": b[1],
                "b_country": b[2],
                "kind": kind,
                "start": start or None,
                "end": end or None,
                "status": statuses[pk],
                "areas": areas.get(pk, []),
                "source": sources[source_id] if source_id else None,
            }
        if len(places) > 50_000:  # a national register: keep memory flat
            places.clear()


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
