"""Open data: the datasets of `vanort export` and `GET /data/<name>.<format>` — one way.

The rows come from the owning apps' export functions (registry.export, motions.export); this
module only resolves the filters, counts, and writes CSV or JSON a chunk at a time so a
100k-row download never sits whole in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils.translation import gettext as _

from vanort.core.errors import ValidationFailed
from vanort.motions import selectors as motion_selectors
from vanort.motions.export import MOTION_COLUMNS, motion_rows
from vanort.registry import export
from vanort.registry import selectors as registry
from vanort.registry.models import Activity, Country, Partnership, Place

FORMATS = ("csv", "json")
CHUNK_ROWS = 500


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: list[str]
    rows: Callable[..., Iterator[dict[str, Any]]]


DATASETS: dict[str, Dataset] = {
    "places": Dataset(
        "places",
        export.PLACE_COLUMNS,
        lambda place, country: export.place_rows(country=country, code=place.code if place is not None else None),
    ),
    "partnerships": Dataset(
        "partnerships",
        export.PARTNERSHIP_COLUMNS,
        lambda place, country: export.partnership_rows(place=place, country=country),
    ),
    "activities": Dataset(
        "activities", export.ACTIVITY_COLUMNS, lambda place, country: export.activity_rows(place=place, country=country)
    ),
    "motions": Dataset("motions", MOTION_COLUMNS, lambda place, country: motion_rows(place=place, country=country)),
}


@dataclass(frozen=True)
class Filters:
    country: str | None = None
    place: Place | None = None


def _clean(value: str | None, field: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 30 or "\x00" in value or not value.isprintable():
        raise ValidationFailed(_("Värdet är inte en giltig kod."), field=field, code="bad_filter")
    return value


def resolve_filters(*, dataset: str, country: str | None, place: str | None) -> Filters:
    """The `country` (ISO alpha-2) and `place` (official code) filters, checked; a bad value is
    a `ValidationFailed` naming the field (HTTP 400 on /data/, exit 2 in the CLI)."""
    if dataset not in DATASETS:
        raise ValidationFailed(_("Okänd datamängd."), field="dataset", code="unknown_dataset")
    code = _clean(country, "country")
    if code is not None:
        code = code.upper()
        if not Country.objects.filter(pk=code).exists():
            raise ValidationFailed(
                _("Okänd landskod '%(code)s' (ISO 3166-1 alfa-2, t.ex. SE).") % {"code": code},
                field="country",
                code="bad_filter",
            )
    place_code = _clean(place, "place")
    found = None
    if place_code is not None:
        # Swedish codes first (a kommun's partnerships filtered by partner country), then the
        # filtered country's own codes (places in UA by KATOTTG).
        for land in dict.fromkeys(["SE", code or "SE"]):
            try:
                found = registry.place_by_code(place_code, country=land)
                break
            except Place.DoesNotExist:
                continue
        if found is None:
            raise ValidationFailed(
                _("Ingen ort har koden '%(code)s'.") % {"code": place_code}, field="place", code="bad_filter"
            )
    return Filters(country=code, place=found)


def rows(dataset: str, filters: Filters) -> Iterator[dict[str, Any]]:
    return DATASETS[dataset].rows(filters.place, filters.country)


def csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def csv_chunks(records: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for i, row in enumerate(records, start=1):
        writer.writerow([csv_cell(row.get(column)) for column in columns])
        if i % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array, one object per line."""
    parts: list[str] = []
    first = True
    yield "["
    for row in records:
        parts.append(("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False, default=str))
        first = False
        if len(parts) >= CHUNK_ROWS:
            yield "".join(parts)
            parts.clear()
    parts.append("\n]\n")
    yield "".join(parts)


def chunks(dataset: str, fmt: str, filters: Filters) -> Iterator[str]:
    records = rows(dataset, filters)
    return csv_chunks(records, DATASETS[dataset].columns) if fmt == "csv" else json_chunks(records)


# --- the /data/ page ---------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    rows: int
    updated: datetime | None
    columns: list[str]


def _count_and_updated(name: str) -> tuple[int, datetime | None]:
    if name == "places":
        qs: Any = Place.objects.all()
    elif name == "partnerships":
        qs = Partnership.objects.all()
    elif name == "activities":
        qs = Activity.objects.all()
    else:
        qs = motion_selectors.motion_list().order_by()
    agg = qs.aggregate(updated=Max("updated_at"))
    return qs.count(), agg["updated"]


def dataset_infos() -> list[DatasetInfo]:
    infos = []
    for name, ds in DATASETS.items():
        n, updated = _count_and_updated(name)
        infos.append(DatasetInfo(name, n, updated, ds.columns))
    return infos


def licence() -> dict[str, str]:
    return {
        "name": settings.VANORT_OPEN_DATA_LICENCE,
        "url": settings.VANORT_OPEN_DATA_LICENCE_URL,
        "source": settings.VANORT_OPEN_DATA_SOURCE
        or _("Vänort-registret. Varje rad anger sin källa (t.ex. ett protokoll eller en rapport) där den är känd."),
    }
