"""Search text: what is stored for a record and what a query becomes (pure Python).

Both databases get the same tokens, so both behave alike: every word is folded (lower case,
no accents: "vänort" = "vanort"), Cyrillic is also written in Latin (KMU 2010), and each word is
stored with its Swedish stem (Snowball) and its spelling key (`vanort.names`: Trostianets =
Trostyanets = Trostjanets = Тростянець). A query word matches any of its forms, as a prefix.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer
import yaml

from vanort.names import fold, generic_words, name_keys, translit_uk

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8


@cache
def _stemmer() -> Any:
    return snowballstemmer.stemmer("swedish")


@cache
def kind_words() -> dict[str, Any]:
    with (Path(__file__).with_name("kind_words.yaml")).open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


@lru_cache(maxsize=50_000)
def _name_keys(name: str) -> frozenset[str]:
    return frozenset(name_keys(name))


def words(text: str) -> list[str]:
    """Folded words, Cyrillic written in Latin (KMU 2010); other scripts kept as they are.

    Done per whitespace-separated piece, cached: pieces repeat across records (a 300-word
    document has few distinct ones), and neither transliteration nor folding looks across
    whitespace, so the result is the same as for the whole text at once."""
    return [w for piece in text.split() for w in _piece_words(piece)]


@lru_cache(maxsize=200_000)
def _piece_words(piece: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"\w+", fold(translit_uk(piece))) if "_" not in w)


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> frozenset[str]:
    """The word, its Swedish stem and its spelling keys (cached: words repeat across records)."""
    forms = {word}
    if word.isascii():
        forms.add(_stemmer().stemWord(word))
        if len(word) >= 3 and not word.isdigit():
            forms |= name_keys(word)
    return frozenset(f for f in forms if f)


def document_terms(*texts: str, names: tuple[str, ...] = ()) -> str:
    """The stored search text: every form of every word, space separated, each once. `names`
    (place names) also get their whole-name keys, so "Тростянецька міська громада" finds
    Trostianets."""
    seen: dict[str, None] = {}
    for text in (*texts, *names):
        for w in words(text):
            for form in sorted(word_forms(w)):
                seen.setdefault(form.replace(" ", ""), None)
    for name in names:
        for key in _name_keys(name):
            seen.setdefault(key.replace(" ", ""), None)
    return " ".join(seen)


def query_groups(q: str) -> list[list[str]]:
    """The query as AND-ed groups of OR-ed forms (each form matched as a prefix)."""
    q = q[:MAX_QUERY_CHARS]
    groups: list[list[str]] = []
    all_words = words(q)
    proper = [w for w in all_words if w not in generic_words()] or all_words
    for w in proper[:MAX_QUERY_WORDS]:
        forms = sorted(f.replace(" ", "") for f in word_forms(w))
        if forms not in groups:
            groups.append(forms)
    if len(proper) < len(all_words):
        keys = sorted(k.replace(" ", "") for k in name_keys(q))
        if keys and len(proper) == 1:
            groups = [sorted(set(groups[0]) | set(keys))]
    return groups
