"""`vanort import-partnerships FILE [--dry-run]`: a national file of partnerships into the register.

Reads the formats of `vanort export partnerships` (CSV or JSON) and Wikidata SPARQL query
results (JSON, P190 "twinned administrative body" with P580/P582 start/end qualifiers; see
tests/insight/data/wikidata_p190_sample.json). Each row's places are matched by official code,
Wikidata id, or any spelling of a name (`vanort.names`: Cyrillic, KMU 2010, English and Swedish
forms). A partner place not yet in the register is created; a Swedish place never is.

All or nothing: every row is checked inside one transaction; if any row is refused, or on a
dry run, the transaction is rolled back and nothing is saved. Writes go through the registry's
services, as the operator ("system").
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from vanort.core.errors import ApplicationError
from vanort.core.partial_dates import parse_optional
from vanort.core.system import SYSTEM
from vanort.names import name_keys
from vanort.registry import services
from vanort.registry.models import Country, Partnership, PartnershipKind, Place, PlaceKind, PlaceName, Source

MAX_BYTES = 200_000_000
_QID = re.compile(r"(Q[1-9][0-9]{0,11})$")
_KINDS = {k.value for k in PartnershipKind}


class ImportFileError(Exception):
    """The file as a whole cannot be read (one line for the CLI)."""


@dataclass(frozen=True)
class Side:
    name: str
    code: str = ""
    country: str = ""
    qid: str = ""


@dataclass(frozen=True)
class Row:
    number: int
    a: Side
    b: Side
    kind: str = PartnershipKind.TWIN_TOWN.value
    start: str = ""
    end: str = ""
    status: str = ""
    areas: tuple[str, ...] = ()
    source: str = ""


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    places_created: list[str] = field(default_factory=list)
    saved: bool = False

    def lines(self) -> list[str]:
        out = [f"created: {x}" for x in self.created]
        out += [f"matched: {x}" for x in self.matched]
        out += [f"place created: {x}" for x in self.places_created]
        out += [f"refused: {x}" for x in self.refused]
        return out

    def summary(self) -> str:
        state = "saved" if self.saved else "nothing saved"
        return (
            f"{len(self.created)} created, {len(self.matched)} matched, {len(self.refused)} refused, "
            f"{len(self.places_created)} places created ({state})"
        )


# --- reading ------------------------------------------------------------------------------


def _qid(value: str) -> str:
    m = _QID.search(value.strip())
    return m.group(1) if m else ""


def _year(value: str) -> str:
    """A Wikidata time ("1985-01-01T00:00:00Z", "+1985-…") as a partial date: the year."""
    m = re.match(r"^\+?(\d{4})-", value.strip())
    return m.group(1) if m else value.strip()


def _export_row(number: int, raw: dict[str, Any]) -> Row:
    def text(key: str) -> str:
        value = raw.get(key)
        return "" if value is None else str(value).strip()

    areas = raw.get("areas") or []
    if isinstance(areas, str):
        areas = [a for a in areas.split(";") if a.strip()]
    a_code = text("a_code")
    return Row(
        number=number,
        a=Side(text("a"), a_code, "SE" if re.fullmatch(r"\d{4}", a_code) else text("a_country").upper()),
        b=Side(text("b"), text("b_code"), text("b_country").upper()),
        kind=text("kind") or PartnershipKind.TWIN_TOWN.value,
        start=text("start"),
        end=text("end"),
        status=text("status"),
        areas=tuple(str(a).strip() for a in areas),
        source=text("source"),
    )


def _binding(b: dict[str, Any], *names: str) -> str:
    for name in names:
        if name in b:
            return str(b[name].get("value", "")).strip()
    return ""


def _wikidata_row(number: int, b: dict[str, Any]) -> Row:
    item = _binding(b, "item", "place", "municipality")
    twin = _binding(b, "twin", "partner", "twinned")
    return Row(
        number=number,
        a=Side(
            _binding(b, "itemLabel", "placeLabel", "municipalityLabel") or _qid(item),
            _binding(b, "code", "itemCode", "scb"),
            (_binding(b, "country", "itemCountry", "itemCountryCode") or "SE").upper(),
            _qid(item),
        ),
        b=Side(
            _binding(b, "twinLabel", "partnerLabel", "twinnedLabel") or _qid(twin),
            _binding(b, "twinCode", "partnerCode"),
            _binding(b, "twinCountry", "twinCountryCode", "partnerCountry").upper(),
            _qid(twin),
        ),
        start=_year(_binding(b, "start", "startTime")),
        end=_year(_binding(b, "end", "endTime")),
        source=f"Wikidata {_qid(item)} P190 {_qid(twin)}".strip(),
    )


def read_rows(path: Path) -> tuple[str, list[Row]]:
    """(format, rows) of an export CSV/JSON file or Wikidata SPARQL JSON results."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"{path}: larger than {MAX_BYTES} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 (byte {exc.start})") from exc
    if "\x00" in text:
        raise ImportFileError(f"{path}: contains NUL bytes")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            doc = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from exc
        if isinstance(doc, dict) and isinstance(doc.get("results"), dict):
            bindings = doc["results"].get("bindings")
            if not isinstance(bindings, list) or not all(isinstance(x, dict) for x in bindings):
                raise ImportFileError(f"{path}: results.bindings: not a list of objects")
            return "wikidata", [_wikidata_row(i, b) for i, b in enumerate(bindings, start=1)]
        if isinstance(doc, list) and all(isinstance(x, dict) for x in doc):
            return "json", [_export_row(i, r) for i, r in enumerate(doc, start=1)]
        raise ImportFileError(f"{path}: JSON is neither a list of partnerships nor SPARQL results")
    reader = csv.DictReader(io.StringIO(text))
    header = set(reader.fieldnames or [])
    if not {"a", "b", "b_country"} <= header:
        raise ImportFileError(f"{path}: line 1: CSV header needs at least a, b, b_country (as vanort export writes)")
    return "csv", [_export_row(i, r) for i, r in enumerate(reader, start=2)]


# --- matching -----------------------------------------------------------------------------


class PlaceIndex:
    """Places by (country, code), Wikidata id and (country, name key) — read once per import."""

    def __init__(self) -> None:
        self.by_code: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_qid: dict[str, int] = {}
        self.by_key: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.places: dict[int, Place] = {}
        for place in Place.objects.all().only("id", "name", "code", "kind", "country_id", "wikidata_qid"):
            self._add_place(place)
        for place_id, name, country in PlaceName.objects.values_list("place_id", "name", "place__country_id"):
            for key in name_keys(name):
                self.by_key[(country, key)].add(place_id)

    def _add_place(self, place: Place) -> None:
        self.places[place.pk] = place
        if place.code:
            self.by_code[(place.country_id, place.code)].append(place.pk)
        if place.wikidata_qid:
            self.by_qid[place.wikidata_qid] = place.pk
        for key in name_keys(place.name):
            self.by_key[(place.country_id, key)].add(place.pk)

    def add(self, place: Place, names: list[str]) -> None:
        self._add_place(place)
        for name in names:
            for key in name_keys(name):
                self.by_key[(place.country_id, key)].add(place.pk)

    def find(self, side: Side) -> tuple[Place | None, str]:
        """(place, "") or (None, why): by code, then Wikidata id, then name."""
        if side.code:
            ids = self.by_code.get((side.country, side.code), [])
            if ids:
                kommuner = [i for i in ids if self.places[i].kind == PlaceKind.KOMMUN]
                return self.places[(kommuner or ids)[0]], ""
        if side.qid and side.qid in self.by_qid:
            return self.places[self.by_qid[side.qid]], ""
        if not side.name:
            return None, "no name"
        found: set[int] = set()
        for key in name_keys(side.name):
            found |= self.by_key.get((side.country, key), set())
        if len(found) > 1:
            kommuner = {i for i in found if self.places[i].kind == PlaceKind.KOMMUN}
            found = kommuner if len(kommuner) == 1 else found
        if len(found) > 1:
            names = ", ".join(sorted(self.places[i].name for i in found)[:3])
            return None, f"'{side.name}' matches several places in {side.country} ({names}); give its code"
        if found:
            return self.places[found.pop()], ""
        return None, f"no place '{side.name}' in {side.country}" + (f" with code {side.code}" if side.code else "")


# --- the import ---------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def _label(row: Row, a: Place, b: Place) -> str:
    return f"row {row.number}: {a.name} – {b.name} ({b.country_id})"


def _import_row(row: Row, index: PlaceIndex, existing: set[tuple[int, int]], report: Report, source_title: str) -> None:
    if row.kind not in _KINDS:
        raise ValueError(f"kind: unknown kind '{row.kind}' ({', '.join(sorted(_KINDS))})")
    for side, label in ((row.a, "a"), (row.b, "b")):
        if not side.country or not Country.objects.filter(pk=side.country).exists():
            raise ValueError(f"{label}_country: unknown or missing country '{side.country}' for '{side.name}'")
    start, end = parse_optional(row.start, field="start"), parse_optional(row.end, field="end")
    a, why = index.find(row.a)
    if a is None:
        raise ValueError(f"a: {why}")
    b, why_b = index.find(row.b)
    if b is None and row.b.country == "SE":
        raise ValueError(f"b: {why_b}")  # Swedish places come from reference data, never from a file
    if b is None and why_b.startswith("'"):
        raise ValueError(f"b: {why_b}")
    new_place = b is None
    if b is None and len(row.b.name) > 200:
        raise ValueError(f"b: the name has {len(row.b.name)} characters; a place name has at most 200")
    if b is None:
        kind = PlaceKind.HROMADA if row.b.country == "UA" else PlaceKind.CITY
        b = services.place_upsert(
            kind=kind,
            country_code=row.b.country,
            name=row.b.name,
            code=row.b.code[:30],
            wikidata_qid=row.b.qid,
        )
    pair = (min(a.pk, b.pk), max(a.pk, b.pk))
    if pair in existing:
        report.matched.append(_label(row, a, b))
        return
    end_reason = "left" if row.status == "ended" and end is None else ""
    source = services.source_get_or_create(
        title=source_title, kind=Source.Kind.CITATION, citation=row.source[:1000], locator=f"rad {row.number}"
    )
    services.partnership_create(
        user=SYSTEM,
        place_a=a,
        place_b=b,
        kind=row.kind,
        start=start,
        end=end,
        end_reason=end_reason,
        areas=row.areas,
        source=source,
    )
    existing.add(pair)
    if new_place:
        index.add(b, [row.b.name])
        report.places_created.append(f"row {row.number}: {b.name} ({b.country_id})")
    report.created.append(_label(row, a, b))


def import_partnerships(path: Path, *, dry_run: bool = False) -> Report:
    """Read, match and create in one transaction; roll back on any refusal or a dry run."""
    fmt, rows = read_rows(path)
    report = Report()
    source_title = f"Import {path.name} ({fmt})"[:300]
    try:
        with transaction.atomic():
            index = PlaceIndex()
            existing = set(Partnership.objects.values_list("place_a_id", "place_b_id"))
            for row in rows:
                try:
                    with transaction.atomic():
                        _import_row(row, index, existing, report, source_title)
                except (ValueError, ApplicationError) as exc:
                    report.refused.append(f"row {row.number}: {exc}")
            if dry_run or report.refused:
                raise _Rollback
            report.saved = True
    except _Rollback:
        report.saved = False
    return report
