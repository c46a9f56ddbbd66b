"""Synthetic OCR damage for measuring the repair on text it was not developed on.

:func:`damage` applies a scan-like confusion process to clean Swedish text: each å, ä and ö
is lost with probability ``rate`` and then read as a plain letter, another glyph, a split
glyph or nothing; the word "i" is sometimes read as "1" and a word-initial "l" as "1".  Its
probabilities are set independently of the repair model's (they are a different, rougher
guess of the same family), so the benchmark does not grade the model on its own numbers.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

GLYPHS: dict[str, tuple[tuple[str, float], ...]] = {
    "ä": (
        ("a", 0.42),
        ("i", 0.15),
        ("d", 0.1),
        ("é", 0.15),
        ("&", 0.03),
        ("4", 0.02),
        ("éa", 0.04),
        ("éi", 0.03),
        ("ii", 0.02),
        ("d&", 0.02),
        ("", 0.02),
    ),
    "å": (("a", 0.55), ("é", 0.18), ("d", 0.12), ("&", 0.05), ("i", 0.04), ("", 0.03), ("éa", 0.03)),
    "ö": (("o", 0.5), ("é", 0.15), ("6", 0.14), ("0", 0.07), ("d", 0.12), ("", 0.02)),
}
CAPITALS = {"Ä": (("A", 0.9), ("Å", 0.1)), "Å": (("A", 1.0),), "Ö": (("O", 0.85), ("0", 0.15))}
I_AS_ONE = 0.25
L_AS_ONE = 0.03
WRAP = 82


@dataclass(frozen=True)
class CorpusDocument:
    name: str
    clean: str
    damaged: str


def _pick(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random() * sum(p for _, p in options)
    for glyph, p in options:
        roll -= p
        if roll <= 0:
            return glyph
    return options[-1][0]


def damage(text: str, *, seed: int = 0, rate: float = 0.8) -> str:
    """Damage ``text`` like a bad scan; the line structure is kept."""
    rng = random.Random(seed)
    out: list[str] = []
    for piece in re.split(r"(\W+)", text):
        if piece == "i" and rng.random() < I_AS_ONE:
            out.append("1")
            continue
        chars = []
        for index, ch in enumerate(piece):
            if ch in GLYPHS and rng.random() < rate:
                chars.append(_pick(rng, GLYPHS[ch]))
            elif ch in CAPITALS and rng.random() < rate:
                chars.append(_pick(rng, CAPITALS[ch]))
            elif ch == "l" and index == 0 and rng.random() < L_AS_ONE:
                chars.append("1")
            else:
                chars.append(ch)
        out.append("".join(chars))
    return "".join(out)


def wrap(text: str, width: int = WRAP) -> str:
    """Wrap paragraphs like a scanned page (short lines are kept as they are)."""
    lines: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
        else:
            lines.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(lines)


def load_corpus(directory: Path, *, seed: int = 2024, rate: float = 0.8) -> list[CorpusDocument]:
    """Every ``*.txt`` in ``directory``, wrapped and damaged with a per-file seed."""
    docs = []
    for number, path in enumerate(sorted(directory.glob("*.txt"))):
        clean = wrap(path.read_text(encoding="utf-8"))
        docs.append(CorpusDocument(path.stem, clean, damage(clean, seed=seed + number, rate=rate)))
    return docs
