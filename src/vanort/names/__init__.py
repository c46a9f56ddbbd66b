"""Place names across scripts and spellings (pure Python, no Django).

`translit_uk` writes Cyrillic in the national Ukrainian Latin standard (KMU 2010, a data file).
`name_key` reduces any spelling to a key shared by its common variants: the national
standard (Trostianets), the English (Trostyanets) and Swedish (Trostjanets) forms and the
Cyrillic (Тростянець, and the hromada's title Тростянецька міська громада) all give
"trostianec". Keys are for matching, never shown.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@cache
def _table() -> tuple[dict[str, str], dict[str, str]]:
    medial: dict[str, str] = {}
    initial: dict[str, str] = {}
    with (_HERE / "uk_latin_kmu2010.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            medial[row["cyrillic"]] = row["latin"]
            initial[row["cyrillic"]] = row["initial"] or row["latin"]
    return medial, initial


@cache
def generic_words() -> frozenset[str]:
    with (_HERE / "generic_words.csv").open(encoding="utf-8", newline="") as f:
        return frozenset(row["word"] for row in csv.DictReader(f))


def translit_uk(text: str) -> str:
    """Cyrillic → Latin (KMU 2010); other characters unchanged; case kept on the first letter."""
    medial, initial = _table()
    out: list[str] = []
    prev = ""
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in medial:
            out.append(ch)
            prev = ch
            continue
        at_start = prev == "" or (not prev.isalpha() and prev not in "'’ʼ")
        latin = "gh" if low == "г" and prev.lower() == "з" else (initial if at_start else medial)[low]
        if ch != low and latin:
            nxt = text[i + 1 : i + 2]
            latin = latin.upper() if nxt.isupper() else latin[0].upper() + latin[1:]
        out.append(latin)
        prev = ch
    return "".join(out)


def fold(text: str) -> str:
    """Lower case without accents (Vänort ~ vanort, Seyðisfjörður ~ seydisfjordur)."""
    text = text.replace("ð", "d").replace("Ð", "D").replace("æ", "ae").replace("Æ", "AE")
    text = text.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("þ", "th").replace("Þ", "TH")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SPELLING = [
    (re.compile(r"shch|sjtj"), "sc"),
    (re.compile(r"sh|sj"), "s"),
    (re.compile(r"zh|zj"), "z"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ch"), "c"),
    (re.compile(r"ts|tz"), "c"),
    (re.compile(r"[yji](?=[aeiou])"), "i"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
]


_SWEDISH_TJ = re.compile(r"tj")  # Swedish ч (Tjernihiv), but also т + я (Trostjanets): both keys


def _word_keys(word: str) -> set[str]:
    keys = set()
    for variant in {word, _SWEDISH_TJ.sub("ch", word)}:
        for pattern, repl in _SPELLING:
            variant = pattern.sub(repl, variant)
        keys.add(variant)
    return keys


def name_words(text: str) -> list[str]:
    """Folded Latin words of a name, transliterated from Cyrillic."""
    return re.findall(r"[a-z0-9]+", fold(translit_uk(text)))


def name_keys(text: str) -> set[str]:
    """The keys of a name, shared by its spellings (usually one; two when a Swedish "tj" may be
    either ч or т + я). Generic words (kommun, hromada, міська) are dropped; when there were
    any, a Ukrainian adjective ending (-ska, -cka) on the name is dropped too
    ("Trostianetska miska hromada" → "trostianec")."""
    words = name_words(text)
    proper = [w for w in words if w not in generic_words()] or words
    keys = [""]
    for i, word in enumerate(proper):
        variants = _word_keys(word)
        if i == 0 and len(proper) < len(words):
            variants = {re.sub(r"(?<=[a-z]{4})s?ka$", "", v) for v in variants}
        keys = [f"{k} {v}".strip() for k in keys for v in sorted(variants)][:8]
    return set(keys)


def name_key(text: str) -> str:
    """The first of `name_keys` (stable), for display-free grouping."""
    return sorted(name_keys(text))[0]
