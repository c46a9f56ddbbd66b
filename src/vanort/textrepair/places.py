"""Reference place names (gazetteer) used to protect and repair place names.

Sources: ``vanort.refdata`` (Swedish kommuner, countries with Swedish and English names) and
``data/nordic_places.csv`` (common partner towns in the Nordic countries and Ukraine, with
sources in its header).  Foreign names are legitimately spelled with æ, ø, ð and so on; an
OCR reading such as ``Taarbaek`` or ``Seydisfjérdur`` is matched through an ASCII fold plus
the OCR skeleton.
"""

from __future__ import annotations

import csv
import threading
from dataclasses import dataclass
from pathlib import Path

from vanort.textrepair.confusion import skeleton

PLACES_PATH = Path(__file__).with_name("data") / "nordic_places.csv"

_FOLD = str.maketrans(
    {
        "æ": "ae",
        "ø": "o",
        "ð": "d",
        "þ": "th",
        "ü": "u",
        "á": "a",
        "í": "i",
        "ó": "o",
        "ú": "u",
        "ý": "y",
        "è": "e",
        "ê": "e",
    }
)


# How Tesseract's Swedish and English models (which have no ø, æ, ð) read those letters in
# Nordic place names: "Tromsø" comes out as "Tromsg", "Taarbæk" as "Taarbeek".
OCR_READINGS = {"ø": ("g", "o", "0"), "æ": ("ee", "ae", "e", "a"), "ð": ("d", "6", "o")}
MAX_VARIANTS = 16


def ocr_variants(name: str) -> list[str]:
    """``name`` with its ø/æ/ð read as OCR engines without those letters read them."""
    variants = [name]
    for char, readings in OCR_READINGS.items():
        if char in name.lower():
            variants = [
                v.replace(char, r).replace(char.upper(), r.upper()) for v in variants for r in (char, *readings)
            ][:MAX_VARIANTS]
    return variants


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    kind: str  # "place" | "country"


def fold_key(name: str) -> str:
    """Case-, diacritic- and OCR-insensitive key of a place name."""
    return skeleton(name.lower().translate(_FOLD))


class Gazetteer:
    def __init__(self, places: list[tuple[str, Place]]) -> None:
        self._exact: dict[str, Place] = {}
        self._fuzzy: dict[str, set[Place]] = {}
        for spelling, place in places:
            self._exact.setdefault(spelling.lower(), place)
            for variant in ocr_variants(spelling):
                self._fuzzy.setdefault(fold_key(variant), set()).add(place)

    def exact(self, name: str) -> Place | None:
        return self._exact.get(name.lower())

    def fuzzy(self, name: str) -> Place | None:
        """The one place whose name could be ``name`` read through OCR damage, if unique."""
        found = self._fuzzy.get(fold_key(name), set())
        return next(iter(found)) if len(found) == 1 else None

    def find(self, name: str) -> Place | None:
        return self.exact(name) or self.fuzzy(name)


def _reference_places() -> list[tuple[str, Place]]:
    out: list[tuple[str, Place]] = []
    try:
        from vanort import refdata
    except ImportError:  # pragma: no cover - refdata ships with the project
        return out
    for country in refdata.countries():
        place = Place(country.name_sv, country.code, "country")
        out.append((country.name_sv, place))
        out.append((country.name_en, place))
    for kommun in refdata.municipalities():
        out.append((kommun.name, Place(kommun.name, "SE", "place")))
    return out


def _partner_towns() -> list[tuple[str, Place]]:
    out: list[tuple[str, Place]] = []
    with PLACES_PATH.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            place = Place(row["name"], row["country"] or None, "place")
            out.append((row["name"], place))
            out.extend((alt, place) for alt in row["other_names"].split("|") if alt)
    return out


_LOCK = threading.Lock()
_GAZETTEER: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    global _GAZETTEER
    with _LOCK:
        if _GAZETTEER is None:
            _GAZETTEER = Gazetteer(_partner_towns() + _reference_places())
        return _GAZETTEER
