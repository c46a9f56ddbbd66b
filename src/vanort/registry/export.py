"""Open-data rows for `vanort export` (the contract's columns and keys, DESIGN.md §5)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import groupby, islice
from operator import itemgetter
from typing import Any

from django.db.models import CharField
from django.db.models.functions import Cast

from vanort.core.partial_dates import PartialDate
from vanort.registry import selectors
from vanort.registry.models import Place, PlaceKind, Source
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


# Rows are read this many at a time. The whole export is one query (and one per chunk with new
# sources): the partnerships with their places' names and codes, their latest activity (a
# correlated subquery) and their areas (a row per area, in the sectors' order), so no id lists for
# the ORM and the driver to spell out per chunk, and one snapshot (issue 11: 11k → 33k rows/s).
EXPORT_CHUNK = 2000
# `start` and `end` as their stored EDTF text (what the export writes), not parsed PartialDates.
_PARTNERSHIP_FIELDS = (
    "pk",
    "place_b_id",
    "place_a__name",
    "place_a__code",
    "place_a__country_id",
    "place_b__name",
    "place_b__code",
    "place_b__country_id",
    "kind",
    "start_text",
    "end_text",
    "end_reason",
    "status_override",
    "last_activity_on",
    "source_id",
    "areas__code",
)


def _chunked(values: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(values, size)):
        yield chunk


def _with_areas(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[tuple[Any, ...], list[str]]]:
    """One (row, sector codes) per partnership from the query's row per area (consecutive, as
    the query orders by partnership first); a partnership without areas has one row, code NULL."""
    for _pk, group in groupby(rows, key=itemgetter(0)):
        same = list(group)
        yield same[0][:-1], [row[-1] for row in same if row[-1] is not None]


def partnership_rows(
    *, place: Place | None = None, country: str | None = None, as_of: date | None = None
) -> Iterator[dict[str, Any]]:
    """The partnerships of `selectors.partnership_list` (same filters and order) as export rows,
    with the status by the pure rule (`status.derive_status`), the same rule as the SQL twin."""
    as_of = as_of or selectors.today()
    filters = selectors.PartnershipFilters(place=place, country=country)
    qs = (
        selectors.partnership_list(filters, as_of=as_of)
        .prefetch_related(None)
        .annotate(start_text=Cast("start", CharField()), end_text=Cast("end", CharField()))
        .order_by("start", "id", "areas__position", "areas__code")
        .values_list(*_PARTNERSHIP_FIELDS)
    )
    sources: dict[int, str] = {}
    for chunk in _chunked(_with_areas(qs.iterator(chunk_size=EXPORT_CHUNK)), EXPORT_CHUNK):
        new_sources = {row[-1] for row, _areas in chunk if row[-1]} - sources.keys()
        sources |= {s.pk: str(s) for s in Source.objects.filter(pk__in=new_sources)}
        for (_pk, b_id, *names, kind, start, end, end_reason, override, latest, source_id), areas in chunk:
            a_name, a_code, a_country, b_name, b_code, b_country = names
            if place is not None and b_id == place.pk:
                a_name, a_code, b_name, b_code, b_country = b_name, b_code, a_name, a_code, a_country
            yield {
                "a": a_name,
                "b": b_name,
                "a_code": a_code,
                "b_code": b_code,
                "b_country": b_country,
                "kind": kind,
                "start": start or None,
                "end": end or None,
                "status": override
                or derive_status(
                    as_of=as_of,
                    end_lower=PartialDate.parse(end).lower if end else None,
                    end_reason=end_reason,
                    last_activity_on=latest,
                ).value,
                "areas": areas,
                "source": sources[source_id] if source_id else None,
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
