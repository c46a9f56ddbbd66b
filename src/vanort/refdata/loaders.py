"""Typed, cached loaders for the reference data files of this package."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, TypeVar

from . import _files
from ._files import OPTIONAL, TEXT
from .errors import RefDataError
from .records import Country, Form, LocalizedText, Municipality, Region, Sector, Term, UaOblast

COUNTRIES = "countries.csv"
MUNICIPALITIES = "se_municipalities.csv"
REGIONS = "se_regions.csv"
UA_OBLASTS = "ua_oblasts.csv"
TAXONOMY = "sectors.yaml"
SOURCES = "SOURCES.yaml"

COUNTRY_COLUMNS = {"code": "[A-Z]{2}", "name_sv": TEXT, "name_en": TEXT, "name_uk": TEXT}
MUNICIPALITY_COLUMNS = {
    "code": "[0-9]{4}",
    "name": TEXT,
    "county_code": "[0-9]{2}",
    "official_name": TEXT,
}
REGION_COLUMNS = {"code": "[0-9]{2}", "name": TEXT, "official_name": TEXT, "county_name": TEXT}
UA_OBLAST_COLUMNS = {
    "code": "UA-[0-9]{2}",
    "name_uk": TEXT,
    "name_en": TEXT,
    "name_sv": TEXT,
    "kind": "oblast|autonomous_republic|city_special_status",
    "katottg": "UA[0-9]{17}" + OPTIONAL,
}
LABEL_LANGS = ("sv", "en", "uk")
DESCRIPTION_LANGS = ("sv", "en")
SOURCE_KEYS = ("source", "as_of", "licence", "notes")

T = TypeVar("T", Country, Municipality, Region, UaOblast, Sector, Form)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """All ISO 3166-1 alpha-2 countries, plus user-assigned codes listed in SOURCES.yaml (XK)."""
    extra = set(_entry_list(sources()[COUNTRIES].get("extra_codes", []), COUNTRIES))
    return tuple(
        Country(
            row["code"],
            row["name_sv"],
            row["name_en"],
            row["name_uk"],
            iso_assigned=row["code"] not in extra,
        )
        for _, row in _files.read_csv(COUNTRIES, COUNTRY_COLUMNS)
    )


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    return frozenset(country.code for country in countries())


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """The 21 Swedish regions/län, by SCB county code."""
    return tuple(
        Region(row["code"], row["name"], row["official_name"], row["county_name"])
        for _, row in _files.read_csv(REGIONS, REGION_COLUMNS)
    )


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    """The 290 Swedish kommuner, by SCB code; each county code is checked against regions()."""
    county_codes = {region.code for region in regions()}
    result = []
    for line, row in _files.read_csv(MUNICIPALITIES, MUNICIPALITY_COLUMNS):
        if row["county_code"] not in county_codes:
            raise RefDataError(MUNICIPALITIES, f"unknown county_code {row['county_code']!r}", line=line)
        result.append(Municipality(row["code"], row["name"], row["official_name"], row["county_code"]))
    return tuple(result)


@lru_cache(maxsize=1)
def ua_oblasts() -> tuple[UaOblast, ...]:
    """Ukraine's 24 oblasts, Crimea, Kyiv and Sevastopol, by ISO 3166-2:UA code."""
    return tuple(
        UaOblast(
            row["code"],
            row["name_uk"],
            row["name_en"],
            row["name_sv"],
            row["kind"],
            row["katottg"] or None,
        )
        for _, row in _files.read_csv(UA_OBLASTS, UA_OBLAST_COLUMNS)
    )


@lru_cache(maxsize=1)
def sectors() -> tuple[Sector, ...]:
    """The fixed sector codes (also partnership areas) with sv/en/uk labels."""
    return tuple(Sector(t.code, t.labels, t.description) for t in _taxonomy("sectors"))


@lru_cache(maxsize=1)
def sector_codes() -> frozenset[str]:
    return frozenset(sector.code for sector in sectors())


@lru_cache(maxsize=1)
def forms() -> tuple[Form, ...]:
    """The fixed contribution forms with sv/en/uk labels."""
    return tuple(Form(t.code, t.labels, t.description) for t in _taxonomy("forms"))


@lru_cache(maxsize=1)
def form_codes() -> frozenset[str]:
    return frozenset(form.code for form in forms())


def sources() -> dict[str, dict[str, Any]]:
    """SOURCES.yaml: data file name -> {source, as_of, licence, notes, ...} (a fresh copy)."""
    return copy.deepcopy(_sources())


def data_files() -> tuple[str, ...]:
    """Names of the data files in this package (each must have an entry in sources())."""
    return _files.data_files()


def by_code(items: Iterable[T]) -> Mapping[str, T]:
    """Index records by code: ``by_code(countries())["SE"]``."""
    return {item.code: item for item in items}


def clear_caches() -> None:
    """Forget loaded data (for tests that swap files)."""
    for loader in (
        countries,
        country_codes,
        regions,
        municipalities,
        ua_oblasts,
        sectors,
        sector_codes,
        forms,
        form_codes,
        _sources,
        _taxonomy_file,
    ):
        loader.cache_clear()


@lru_cache(maxsize=1)
def _sources() -> dict[str, dict[str, Any]]:
    data, _ = _files.read_yaml(SOURCES)
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        raise RefDataError(SOURCES, "top-level key 'files' must be a mapping")
    result: dict[str, dict[str, Any]] = {}
    for name, entry in files.items():
        missing = [key for key in SOURCE_KEYS if not isinstance(entry, dict) or not entry.get(key)]
        if missing:
            raise RefDataError(SOURCES, f"entry {name!r} lacks {', '.join(missing)}")
        result[str(name)] = {str(key): value for key, value in entry.items()}
    return result


def _taxonomy(kind: str) -> tuple[Term, ...]:
    return _taxonomy_file()[kind]


@lru_cache(maxsize=1)
def _taxonomy_file() -> dict[str, tuple[Term, ...]]:
    data, lines = _files.read_yaml(TAXONOMY)
    if not isinstance(data, dict):
        raise RefDataError(TAXONOMY, "must be a mapping with keys source, as_of, sectors, forms")
    for key in ("source", "as_of"):
        if not data.get(key):
            raise RefDataError(TAXONOMY, f"missing header key {key!r}")
    return {kind: _terms(data.get(kind), lines.get(kind, []), kind) for kind in ("sectors", "forms")}


def _terms(entries: object, lines: list[int], kind: str) -> tuple[Term, ...]:
    if not isinstance(entries, list) or not entries:
        raise RefDataError(TAXONOMY, f"{kind!r} must be a non-empty list")
    terms: list[Term] = []
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else None
        term = _term(entry, line)
        if any(t.code == term.code for t in terms):
            raise RefDataError(TAXONOMY, f"duplicate {kind} code {term.code!r}", line=line)
        terms.append(term)
    return tuple(terms)


def _term(entry: object, line: int | None) -> Term:
    if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
        raise RefDataError(TAXONOMY, "entry must be a mapping with a string 'code'", line=line)
    code: str = entry["code"]
    if not code.isidentifier() or not code.islower():
        raise RefDataError(TAXONOMY, f"bad code {code!r}", line=line)
    labels = _texts(entry.get("labels"), LABEL_LANGS, f"{code}.labels", line)
    description = _texts(entry.get("description"), DESCRIPTION_LANGS, f"{code}.description", line)
    return Term(code, labels, description)


def _texts(value: object, langs: tuple[str, ...], where: str, line: int | None) -> LocalizedText:
    if not isinstance(value, dict):
        raise RefDataError(TAXONOMY, f"{where} must be a mapping", line=line)
    for lang in langs:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise RefDataError(TAXONOMY, f"{where} lacks a {lang!r} text", line=line)
    return LocalizedText.of({str(lang): str(text) for lang, text in value.items()})


def _entry_list(value: object, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RefDataError(SOURCES, f"{name}: extra_codes must be a list of strings")
    return list(value)
