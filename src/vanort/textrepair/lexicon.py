"""The Swedish lexicon: word forms, compound roles and frequencies, indexed by skeleton.

Built by :mod:`vanort.textrepair.build_lexicon` from the ``hunspell-sv`` dictionary and
``wordfreq``'s Swedish frequencies into ``data/sv_lexicon.txt.gz`` (shipped with the
package, so loading needs neither package nor network).
"""

from __future__ import annotations

import gzip
import threading
import time
from pathlib import Path
from typing import NamedTuple

from vanort.textrepair.confusion import skeleton, skeleton_bulk

LEXICON_PATH = Path(__file__).with_name("data") / "sv_lexicon.txt.gz"

WORD, BEGIN, MIDDLE, END, HUNSPELL = 1, 2, 4, 8, 16


class Entry(NamedTuple):
    """One word form (a named tuple: millions are decoded lazily, creation must be cheap)."""

    word: str
    roles: int  # bitmask of WORD, BEGIN, MIDDLE, END, HUNSPELL
    zipf: float  # wordfreq Zipf frequency; 0.0 when the form is only in Hunspell


class Lexicon:
    """Skeleton → entries. Entries of one skeleton are decoded on first use."""

    def __init__(self, groups: dict[str, str], load_seconds: float) -> None:
        self._groups = groups
        self._decoded: dict[str, tuple[Entry, ...]] = {}
        self.load_seconds = load_seconds  # CPU seconds (independent of other processes' load)

    def __len__(self) -> int:
        return len(self._groups)

    def entries(self, key: str) -> tuple[Entry, ...]:
        """All entries whose skeleton is ``key``."""
        found = self._decoded.get(key)
        if found is None:
            raw = self._groups.get(key)
            found = () if raw is None else tuple(_decode(item) for item in raw.split(" "))
            self._decoded[key] = found
        return found

    def get(self, word: str) -> Entry | None:
        for entry in self.entries(skeleton(word)):
            if entry.word == word:
                return entry
        return None

    def is_word(self, word: str) -> bool:
        entry = self.get(word)
        return entry is not None and bool(entry.roles & WORD)

    def zipf(self, word: str) -> float:
        entry = self.get(word)
        return 0.0 if entry is None else entry.zipf


def _decode(item: str) -> Entry:
    return Entry(item[:-2], ord(item[-2]) - ord("A"), (ord(item[-1]) - ord("0")) / 10)


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    start = time.process_time()
    with gzip.open(path, "rb") as fh:
        text = fh.read().decode("utf-8")
    lines = text.split("\n")[1:]
    # The key of a line is the skeleton of its first word (the entry minus its 2 code chars).
    keys = [line.partition(" ")[0][:-2] for line in skeleton_bulk(text).split("\n")[1:]]
    groups = dict(zip(keys, lines, strict=True))
    return Lexicon(groups, time.process_time() - start)


_LOCK = threading.Lock()
_LEXICON: Lexicon | None = None


def default_lexicon() -> Lexicon:
    """The shared lexicon, loaded once per process."""
    global _LEXICON
    with _LOCK:
        if _LEXICON is None:
            _LEXICON = load_lexicon()
        return _LEXICON
