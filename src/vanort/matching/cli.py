"""``vanort match --needs NEEDS.csv --offers OFFERS.csv [--top K] [--json]`` (DESIGN.md §5).

No database: the CSV files are read, checked, ranked by :func:`rank_matches` with the aid
engine as legal filter (assumptions in :mod:`vanort.matching.legal`), and printed as JSON
``{"matches": [{"need_id", "offer_id", "score", "rank", "reasons", "legal_outcome"}]}`` or
as a table. Reasons are English sentences. Errors: exit 2 and one line on stderr naming the
file, row and column.

Needs columns: ``id,place,country,sector,form,title,description,language``; optional
``quantity``, ``urgency``, ``deadline``. Offers columns:
``id,municipality_code,sector,form,title,description,quantity,spare``; optional
``available_until``, ``language``. ``spare`` accepts true/false, yes/no, ja/nej, 1/0 or empty.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from vanort.matching.engine import rank_matches
from vanort.matching.explain import explain
from vanort.matching.legal import aid_legal_check, known_countries
from vanort.matching.types import LANGUAGES, URGENCIES, MatchResult, NeedInput, OfferInput
from vanort.refdata import form_codes, sector_codes

NEED_COLUMNS = ("id", "place", "country", "sector", "form", "title", "description", "language")
OFFER_COLUMNS = ("id", "municipality_code", "sector", "form", "title", "description", "quantity", "spare")
MAX_FIELD = 100_000
_TRUE = {"true", "yes", "ja", "1", "y", "j"}
_FALSE = {"false", "no", "nej", "0", "n", ""}
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
PROGRESS_MIN_PAIRS = 2_000_000  # show a progress bar when needs × offers is at least this


class MatchInputError(ValueError):
    """One line naming the file, row and column."""


def _rows(path: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise MatchInputError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MatchInputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise MatchInputError(f"{path}: line {line}: NUL byte in file")
    csv.field_size_limit(MAX_FIELD + 1)
    reader = csv.DictReader(text.splitlines(keepends=True))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise MatchInputError(f"{path}: line 1: bad CSV header ({exc})") from exc
    if not header:
        raise MatchInputError(f"{path}: empty file (expected header {','.join(required)})")
    columns = [h.strip() for h in header]
    reader.fieldnames = columns
    for column in required:
        if column not in columns:
            raise MatchInputError(f"{path}: missing column '{column}' (header: {','.join(columns)})")
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            if None in row:
                raise MatchInputError(f"{path}: row {reader.line_num}: more fields than columns in the header")
            if not any((v or "").strip() for v in row.values()):
                continue
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as exc:
        raise MatchInputError(f"{path}: row {reader.line_num}: bad CSV ({exc})") from exc
    return rows


def _where(path: str, line: int, column: str) -> str:
    return f"{path}: row {line}, column '{column}'"


def _code(row: dict[str, str], column: str, allowed: frozenset[str] | tuple[str, ...], path: str, line: int) -> str:
    value = row.get(column, "")
    if value not in allowed:
        shown = value if len(value) <= 40 else value[:37] + "..."
        raise MatchInputError(
            f"{_where(path, line, column)}: unknown code '{shown}' (allowed: {', '.join(sorted(allowed))})"
        )
    return value


def _text(row: dict[str, str], column: str, path: str, line: int, *, required: bool) -> str:
    value = row.get(column, "")
    if required and not value:
        raise MatchInputError(f"{_where(path, line, column)}: must not be empty")
    if len(value) > MAX_FIELD:
        raise MatchInputError(f"{_where(path, line, column)}: longer than {MAX_FIELD} characters")
    return value


def _quantity(row: dict[str, str], path: str, line: int) -> int | None:
    value = row.get("quantity", "")
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        raise MatchInputError(
            f"{_where(path, line, 'quantity')}: expected a whole number 0–999999999, not '{value[:20]}'"
        )
    return int(value) or None


def _date(row: dict[str, str], column: str, path: str, line: int) -> date | None:
    value = row.get(column, "")
    if not value:
        return None
    try:
        if not _DATE_RE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise MatchInputError(f"{_where(path, line, column)}: not a date YYYY-MM-DD: '{value[:20]}'") from exc


def _unique(seen: set[str], value: str, path: str, line: int) -> None:
    if value in seen:
        raise MatchInputError(f"{_where(path, line, 'id')}: duplicate id '{value[:40]}'")
    seen.add(value)


def read_needs(path: str) -> list[NeedInput]:
    sectors, forms, countries = sector_codes(), form_codes(), known_countries()
    needs: list[NeedInput] = []
    seen: set[str] = set()
    for line, row in _rows(path, NEED_COLUMNS):
        need_id = _text(row, "id", path, line, required=True)
        _unique(seen, need_id, path, line)
        country = row.get("country", "").upper()
        if country not in countries:
            where, shown = _where(path, line, "country"), row.get("country", "")[:20]
            raise MatchInputError(f"{where}: unknown country code '{shown}' (ISO 3166-1 alpha-2, e.g. UA)")
        needs.append(
            NeedInput(
                id=need_id,
                place=_text(row, "place", path, line, required=True),
                country=country,
                sector=_code(row, "sector", sectors, path, line),
                form=_code(row, "form", forms, path, line),
                title=_text(row, "title", path, line, required=True),
                description=_text(row, "description", path, line, required=False),
                language=_code(row, "language", LANGUAGES, path, line),
                quantity=_quantity(row, path, line),
                urgency=_code(row, "urgency", URGENCIES, path, line) if row.get("urgency") else "normal",
                deadline=_date(row, "deadline", path, line),
            )
        )
    return needs


def read_offers(path: str) -> list[OfferInput]:
    sectors, forms = sector_codes(), form_codes()
    offers: list[OfferInput] = []
    seen: set[str] = set()
    for line, row in _rows(path, OFFER_COLUMNS):
        offer_id = _text(row, "id", path, line, required=True)
        _unique(seen, offer_id, path, line)
        spare = row.get("spare", "").lower()
        if spare not in _TRUE and spare not in _FALSE:
            raise MatchInputError(f"{_where(path, line, 'spare')}: expected true or false, not '{spare[:20]}'")
        offers.append(
            OfferInput(
                id=offer_id,
                municipality_code=_text(row, "municipality_code", path, line, required=True),
                sector=_code(row, "sector", sectors, path, line),
                form=_code(row, "form", forms, path, line),
                title=_text(row, "title", path, line, required=True),
                description=_text(row, "description", path, line, required=False),
                quantity=_quantity(row, path, line),
                spare=spare in _TRUE,
                available_until=_date(row, "available_until", path, line),
                language=_code(row, "language", LANGUAGES, path, line) if row.get("language") else "sv",
            )
        )
    return offers


class ProgressBar:
    """A text progress bar on stderr (redrawn in place on a terminal, every 10 % otherwise)."""

    def __init__(self, stream: TextIO, label: str = "match") -> None:
        self.stream = stream
        self.label = label
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.last = -1
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        step = percent if self.tty else percent // 10 * 10
        if step == self.last:
            return
        self.last = step
        filled = percent * 30 // 100
        bar = f"{self.label} [{'#' * filled}{'.' * (30 - filled)}] {percent:3d}% {done}/{total} needs"
        bar += f" {time.monotonic() - self.started:.1f}s"
        self.stream.write(("\r" + bar) if self.tty else bar + "\n")
        if self.tty and done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _as_json(results: list[MatchResult]) -> dict[str, Any]:
    return {
        "matches": [
            {
                "need_id": r.need_id,
                "offer_id": r.offer_id,
                "score": r.score,
                "rank": r.rank,
                "reasons": explain(r, "en"),
                "legal_outcome": r.legal_outcome,
            }
            for r in results
        ]
    }


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(results: list[MatchResult], needs: list[NeedInput], offers: list[OfferInput], out: TextIO) -> None:
    need_by_id = {n.id: n for n in needs}
    offer_by_id = {o.id: o for o in offers}
    out.write(f"{'need':<28} {'rank':>4} {'offer':<34} {'score':>5}  {'legal outcome':<27} why\n")
    for r in results:
        need = need_by_id[r.need_id]
        offer = offer_by_id[r.offer_id]
        why = explain(r, "en")[0] if r.reasons else ""
        out.write(
            f"{_short(need.id + ' ' + need.title, 28):<28} {r.rank:>4} {_short(offer.id + ' ' + offer.title, 34):<34} "
            f"{r.score:>5.3f}  {(r.legal_outcome or '-'):<27} {_short(why, 90)}\n"
        )
    out.write(f"{len(results)} matches for {len(needs)} needs and {len(offers)} offers\n")


def run_match(
    needs_path: str,
    offers_path: str,
    *,
    top: int,
    as_json: bool,
    stdout: TextIO,
    stderr: TextIO,
    today: date | None = None,
) -> int:
    """The command body; returns the exit code (2 with one line on stderr for bad input)."""
    try:
        if top < 1 or top > 1000:
            raise MatchInputError(f"--top: must be between 1 and 1000, not {top}")
        needs = read_needs(needs_path)
        offers = read_offers(offers_path)
    except MatchInputError as exc:
        stderr.write(f"match: {exc}\n")
        return 2
    day = today or date.today()
    progress: Callable[[int, int], None] | None = None
    if len(needs) * len(offers) >= PROGRESS_MIN_PAIRS:
        progress = ProgressBar(stderr)
    results = rank_matches(
        needs,
        offers,
        top_k=top,
        today=day,
        legal_check=aid_legal_check(day),
        progress=progress,
        workers=min(2, os.cpu_count() or 1),  # large runs only; a command-line process may fork
    )
    if as_json:
        json.dump(_as_json(results), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        _table(results, needs, offers, stdout)
    return 0


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - used through vanort.cli
    import argparse

    parser = argparse.ArgumentParser(prog="vanort match")
    parser.add_argument("--needs", required=True)
    parser.add_argument("--offers", required=True)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    return run_match(args.needs, args.offers, top=args.top, as_json=args.json, stdout=sys.stdout, stderr=sys.stderr)
