"""Read ``rules.yaml`` and ``country_aid_status.csv`` into a validated :class:`RuleBook`.

Both files are data a lawyer can read and edit. Everything is checked on load: an unknown key,
fact, value, outcome, status, date or country is a :class:`RuleBookError` naming file and place.
"""

from __future__ import annotations

import csv
import functools
import itertools
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from vanort.aid.engine import CONDITION_FACTS, NO_ROW_FOR_DATE_BASIS, NOT_IN_TABLE_BASIS, compile_rules
from vanort.aid.types import (
    LANGUAGES,
    NO_ROW_STATUS,
    AidStatus,
    AidStatusKind,
    Outcome,
    Rule,
    RuleBook,
    RuleBookError,
    Text,
)

DATA_DIR = Path(__file__).resolve().parent
RULES_PATH = DATA_DIR / "rules.yaml"
STATUS_PATH = DATA_DIR / "country_aid_status.csv"
STATUS_COLUMNS = ("country", "status", "basis", "valid_from", "valid_to", "source", "checked_at")

_HEADER_KEYS = {
    "version",
    "source",
    "as_of",
    "outcome_labels",
    "status_labels",
    "citation_texts",
    "assumed_marks",
    "table_texts",
    "rules",
    "overrides",
}
_LANGS = frozenset(LANGUAGES)
_RULE_KEYS = {"id", "when", "outcome", "text", "conditions", "citations", "basis", "verified"}


def default_known_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes plus XK, from ``vanort.refdata`` (imported lazily)."""
    from vanort import refdata  # lazy: keeps the pure core free of it until needed

    codes: frozenset[str] = refdata.country_codes()
    return codes


def load_rulebook(
    known_countries: Iterable[str] | None = None,
    *,
    rules_path: Path | None = None,
    status_path: Path | None = None,
) -> RuleBook:
    """The rule book (cached per arguments: files are read once per process)."""
    countries = frozenset(known_countries) if known_countries is not None else default_known_countries()
    return _load_cached(countries, rules_path or RULES_PATH, status_path or STATUS_PATH)


@functools.lru_cache(maxsize=8)
def _load_cached(known_countries: frozenset[str], rules_path: Path, status_path: Path) -> RuleBook:
    header = _read_yaml(rules_path)
    table = read_status_table(status_path, known_countries)
    rules = tuple(
        _rule(rules_path, kind, item)
        for kind, key in (("rule", "rules"), ("override", "overrides"))
        for item in _list(header, key, rules_path)
    )
    _check_unique_ids(rules, rules_path)
    citation_texts = _citation_texts(header, rules, rules_path)
    checked = max((row.checked_at for rows in table.values() for row in rows), default="")
    return RuleBook(
        version=_str(header, "version", rules_path),
        source=_str(header, "source", rules_path),
        as_of=_str(header, "as_of", rules_path),
        rules=rules,
        outcome_labels=_outcome_labels(header, rules_path),
        status_labels=_status_labels(header, rules_path),
        citation_texts=citation_texts,
        status_table=table,
        assumed_marks=_text_map(header, "assumed_marks", rules_path),
        table_texts=_table_texts(header, rules_path),
        known_countries=known_countries,
        table_checked_at=checked,
        compiled=compile_rules(rules),
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise RuleBookError(f"{path.name}: expected a mapping at the top level")
    unknown = sorted(set(data) - _HEADER_KEYS)
    if unknown:
        raise RuleBookError(f"{path.name}: unknown key {unknown[0]!r}")
    return data


def _str(data: Mapping[str, Any], key: str, where: Path | str) -> str:
    value = data.get(key)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        name = where.name if isinstance(where, Path) else where
        raise RuleBookError(f"{name}: {key}: expected a non-empty text")
    return value.strip()


def _list(data: Mapping[str, Any], key: str, path: Path) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise RuleBookError(f"{path.name}: {key}: expected a list")
    return value


def _text(value: Any, where: str) -> Text:
    if not isinstance(value, dict) or set(value) != _LANGS:
        raise RuleBookError(f"{where}: expected exactly the keys sv, en and uk")
    return Text(sv=_str(value, "sv", where), en=_str(value, "en", where), uk=_str(value, "uk", where))


def _outcome_labels(header: Mapping[str, Any], path: Path) -> dict[Outcome, Text]:
    raw = header.get("outcome_labels")
    if not isinstance(raw, dict) or set(raw) != {o.value for o in Outcome}:
        raise RuleBookError(f"{path.name}: outcome_labels: expected one label per outcome")
    return {Outcome(key): _text(value, f"{path.name}: outcome_labels.{key}") for key, value in raw.items()}


def _status_labels(header: Mapping[str, Any], path: Path) -> dict[str, Text]:
    raw = header.get("status_labels")
    expected = {s.value for s in AidStatusKind} | {NO_ROW_STATUS}
    if not isinstance(raw, dict) or set(raw) != expected:
        raise RuleBookError(f"{path.name}: status_labels: expected one label per status and {NO_ROW_STATUS}")
    return {key: _text(value, f"{path.name}: status_labels.{key}") for key, value in raw.items()}


def _citation_texts(header: Mapping[str, Any], rules: tuple[Rule, ...], path: Path) -> dict[str, Text]:
    """Every citation a rule uses, as it reads in a document (sv, en, uk)."""
    raw = header.get("citation_texts")
    if not isinstance(raw, dict):
        raise RuleBookError(f"{path.name}: citation_texts: expected a mapping")
    for rule in rules:
        for citation in rule.citations:
            if citation not in raw:
                raise RuleBookError(f"{path.name}: {rule.id}: citation without citation_texts: {citation!r}")
    return {str(key): _text(value, f"{path.name}: citation_texts.{key}") for key, value in raw.items()}


def _text_map(header: Mapping[str, Any], key: str, path: Path) -> dict[str, Text]:
    raw = header.get(key)
    if not isinstance(raw, dict):
        raise RuleBookError(f"{path.name}: {key}: expected a mapping")
    return {str(name): _text(value, f"{path.name}: {key}.{name}") for name, value in raw.items()}


def _table_texts(header: Mapping[str, Any], path: Path) -> dict[str, Text]:
    """The table's notes and sources and the engine's own notes in sv, en and uk. A row without
    them (a lawyer's new row) is printed as written; a test keeps the shipped table covered."""
    texts = _text_map(header, "table_texts", path)
    missing = sorted({NOT_IN_TABLE_BASIS, NO_ROW_FOR_DATE_BASIS} - set(texts))
    if missing:
        raise RuleBookError(f"{path.name}: table_texts: no translation of {missing[0]!r}")
    return texts


def _rule(path: Path, kind: str, item: Any) -> Rule:
    if not isinstance(item, dict):
        raise RuleBookError(f"{path.name}: {kind}: expected a mapping")
    rule_id = _str(item, "id", f"{path.name}: {kind}")
    where = f"{path.name}: {rule_id}"
    unknown = sorted(set(item) - _RULE_KEYS)
    missing = sorted(_RULE_KEYS - set(item))
    if unknown or missing:
        problem = f"unknown key {unknown[0]!r}" if unknown else f"missing key {missing[0]!r}"
        raise RuleBookError(f"{where}: {problem}")
    if item["outcome"] not in Outcome.__members__.values():
        raise RuleBookError(f"{where}: outcome: unknown value {item['outcome']!r}")
    if not isinstance(item["verified"], bool):
        raise RuleBookError(f"{where}: verified: expected true or false")
    citations = item["citations"]
    if not isinstance(citations, list) or not citations:
        raise RuleBookError(f"{where}: citations: expected a non-empty list")
    conditions = item["conditions"]
    if not isinstance(conditions, list):
        raise RuleBookError(f"{where}: conditions: expected a list")
    return Rule(
        id=rule_id,
        kind=kind,
        when=_when(item["when"], where),
        outcome=Outcome(item["outcome"]),
        text=_text(item["text"], f"{where}: text"),
        conditions=tuple(_text(c, f"{where}: conditions") for c in conditions),
        citations=tuple(_str({"c": c}, "c", f"{where}: citations") for c in citations),
        basis=_str(item, "basis", where),
        verified=item["verified"],
    )


def _when(raw: Any, where: str) -> tuple[tuple[tuple[str, frozenset[Any]], ...], ...]:
    alternatives = raw if isinstance(raw, list) else [raw]
    if not alternatives:
        raise RuleBookError(f"{where}: when: expected at least one condition set")
    return tuple(_alternative(alt, where) for alt in alternatives)


def _alternative(raw: Any, where: str) -> tuple[tuple[str, frozenset[Any]], ...]:
    if not isinstance(raw, dict) or not raw:
        raise RuleBookError(f"{where}: when: expected a mapping of fact to value(s)")
    pairs = []
    for fact, value in raw.items():
        allowed = CONDITION_FACTS.get(fact)
        if allowed is None:
            raise RuleBookError(f"{where}: when: unknown fact {fact!r}")
        values = value if isinstance(value, list) else [value]
        for one in values:
            if one not in allowed:
                raise RuleBookError(f"{where}: when.{fact}: unknown value {one!r}")
        pairs.append((fact, frozenset(allowed[one] for one in values)))
    return tuple(pairs)


def _check_unique_ids(rules: tuple[Rule, ...], path: Path) -> None:
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleBookError(f"{path.name}: {rule.id}: duplicate id")
        seen.add(rule.id)


def read_status_table(path: Path, known_countries: frozenset[str]) -> dict[str, tuple[AidStatus, ...]]:
    """The aid-status rows by country, sorted by ``valid_from``; overlapping rows are an error."""
    rows: dict[str, list[AidStatus]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != STATUS_COLUMNS:
            raise RuleBookError(f"{path.name}: columns must be exactly {','.join(STATUS_COLUMNS)}")
        for line, record in enumerate(reader, start=2):
            row = _status_row(record, f"{path.name}: line {line}", known_countries)
            rows.setdefault(row.country, []).append(row)
    table = {}
    for country, items in rows.items():
        items.sort(key=lambda r: r.valid_from or date.min)
        for before, after in itertools.pairwise(items):
            if before.valid_to is None or after.valid_from is None or before.valid_to >= after.valid_from:
                raise RuleBookError(f"{path.name}: {country}: rows overlap")
        table[country] = tuple(items)
    return table


def _status_row(record: Mapping[str, str | None], where: str, known: frozenset[str]) -> AidStatus:
    values = {key: (value or "").strip() for key, value in record.items() if key is not None}
    country = values["country"]
    if country not in known:
        raise RuleBookError(f"{where}: country: unknown country code {country!r}")
    if values["status"] not in AidStatusKind.__members__.values():
        raise RuleBookError(f"{where}: status: unknown value {values['status']!r}")
    for key in ("basis", "source", "checked_at"):
        if not values[key]:
            raise RuleBookError(f"{where}: {key}: must not be empty")
    row = AidStatus(
        country=country,
        status=AidStatusKind(values["status"]),
        basis=values["basis"],
        valid_from=_date(values["valid_from"], f"{where}: valid_from"),
        valid_to=_date(values["valid_to"], f"{where}: valid_to"),
        source=values["source"],
        checked_at=values["checked_at"],
    )
    _date(row.checked_at, f"{where}: checked_at")
    if row.valid_from and row.valid_to and row.valid_from > row.valid_to:
        raise RuleBookError(f"{where}: valid_to: before valid_from")
    return row


def _date(text: str, where: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleBookError(f"{where}: not a date (YYYY-MM-DD): {text!r}") from None
