"""Sector and form compatibility (``data/neighbours.csv``): 1.0 for the same code, the table's
weight for neighbours, 0 otherwise."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vanort.refdata import form_codes, sector_codes

NEIGHBOURS_FILE = Path(__file__).resolve().parent / "data" / "neighbours.csv"


class TableError(ValueError):
    """The neighbour table is malformed; the message names the file and line."""


@dataclass(frozen=True, eq=False)  # hashed by identity (cached reasons)
class Compatibility:
    sectors: dict[tuple[str, str], float]
    forms: dict[tuple[str, str], float]

    def sector(self, a: str, b: str) -> float:
        return 1.0 if a == b else self.sectors.get((a, b), 0.0)

    def form(self, a: str, b: str) -> float:
        return 1.0 if a == b else self.forms.get((a, b), 0.0)

    def sector_neighbours(self, code: str) -> list[tuple[str, float]]:
        """Neighbouring sectors of ``code``, closest first."""
        found = [(b, w) for (a, b), w in self.sectors.items() if a == code]
        return sorted(found, key=lambda item: (-item[1], item[0]))


def parse_neighbours(lines: list[str], name: str = NEIGHBOURS_FILE.name) -> Compatibility:
    tables: dict[str, dict[tuple[str, str], float]] = {"sector": {}, "form": {}}
    codes = {"sector": sector_codes(), "form": form_codes()}
    rows = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    reader = csv.reader([line for _, line in rows])
    header = next(reader, None)
    if header is None or header[:4] != ["kind", "a", "b", "weight"]:
        raise TableError(f"{name}: header must start with kind,a,b,weight")
    for (lineno, _), row in zip(rows[1:], reader, strict=True):
        if len(row) < 4:
            raise TableError(f"{name}: line {lineno}: expected kind,a,b,weight,note")
        kind, a, b = row[0].strip(), row[1].strip(), row[2].strip()
        if kind not in tables:
            raise TableError(f"{name}: line {lineno}: kind must be 'sector' or 'form', not '{kind}'")
        for code in (a, b):
            if code not in codes[kind]:
                raise TableError(f"{name}: line {lineno}: unknown {kind} code '{code}'")
        try:
            weight = float(row[3])
        except ValueError as exc:
            raise TableError(f"{name}: line {lineno}: weight '{row[3]}' is not a number") from exc
        if not 0.0 < weight < 1.0:
            raise TableError(f"{name}: line {lineno}: weight must be between 0 and 1 (exclusive)")
        tables[kind][(a, b)] = weight
        tables[kind][(b, a)] = weight
    return Compatibility(tables["sector"], tables["form"])


@lru_cache(maxsize=1)
def default_compatibility() -> Compatibility:
    return parse_neighbours(NEIGHBOURS_FILE.read_text(encoding="utf-8").splitlines())
