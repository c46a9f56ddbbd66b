"""Text from Tesseract's TSV output: lines in reading order, a blank line where the page has a
vertical gap (paragraphs, headings), and stray specks of toner left out by their size.

A gap is measured against the page's own line pitch (top to top of consecutive lines), not the
height of a line: a page printed with 1.5 or double line spacing has wide gaps between all its
lines, and only a pitch clearly wider than the usual one is a paragraph break."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from itertools import pairwise

DASHES = frozenset("-–—=_~")
SPECK_HEIGHT = 0.45  # of the median word height: a one-glyph "word" smaller than this is a speck
SPECK_CONF = 60.0
PARAGRAPH_PITCH = 1.5  # of the page's usual line pitch: a wider step to the next line is a blank line


@dataclass(frozen=True)
class Word:
    block: int
    par: int
    line: int
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str


def parse_tsv(tsv: str) -> list[Word]:
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
            left, top, width, height = int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9])
            conf = float(cols[10])
        except ValueError:
            continue
        words.append(Word(block, par, line, left, top, width, height, conf, cols[11].strip()))
    return words


def is_speck(word: Word, median_height: float) -> bool:
    text = word.text
    if len(text) > 2 or any(ch in DASHES for ch in text) or text.isdigit():
        return False
    alnum = any(ch.isalnum() for ch in text)
    if word.height < SPECK_HEIGHT * median_height and len(text) == 1:
        return True
    return not alnum and word.conf < SPECK_CONF


def page_text(tsv: str) -> str:
    words = parse_tsv(tsv)
    if not words:
        return ""
    median_height = statistics.median(w.height for w in words)
    lines: list[list[Word]] = []
    key = None
    for word in words:
        if (word.block, word.par, word.line) != key:
            lines.append([])
            key = (word.block, word.par, word.line)
        lines[-1].append(word)
    tops = [min(w.top for w in line) for line in lines]
    usual = _usual_pitch(tops)
    out: list[str] = []
    for index, line in enumerate(lines):
        kept = [w for w in line if not is_speck(w, median_height)]
        if index and out and usual and tops[index] - tops[index - 1] > PARAGRAPH_PITCH * usual:
            out.append("")
        if kept:
            out.append(" ".join(w.text for w in kept))
        elif out and out[-1] != "":
            out.append("")  # a line of specks only: keep the gap it stood in
    return "\n".join(out).strip("\n")


def _usual_pitch(tops: list[int]) -> float:
    """The page's usual step from one line to the next: the lower quartile of the steps down
    (paragraph gaps and headings only make some steps longer); 0 with fewer than two steps."""
    steps = sorted(b - a for a, b in pairwise(tops) if b > a)
    return float(steps[len(steps) // 4]) if len(steps) >= 2 else 0.0
