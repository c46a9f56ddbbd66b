"""Text from Tesseract's TSV output: lines in reading order, a blank line where the page has a
vertical gap (paragraphs, headings), and stray specks of toner left out by their size."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

DASHES = frozenset("-–—=_~")
SPECK_HEIGHT = 0.45  # of the median word height: a one-glyph "word" smaller than this is a speck
SPECK_CONF = 60.0
PARAGRAPH_GAP = 0.8  # of the median line height: a larger gap between lines is a blank line


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
    line_height = statistics.median(max(w.top + w.height for w in ln) - min(w.top for w in ln) for ln in lines)
    out: list[str] = []
    previous_bottom: int | None = None
    for line in lines:
        kept = [w for w in line if not is_speck(w, median_height)]
        top = min(w.top for w in line)
        if previous_bottom is not None and top - previous_bottom > PARAGRAPH_GAP * line_height and out:
            out.append("")
        previous_bottom = max(w.top + w.height for w in line)
        if kept:
            out.append(" ".join(w.text for w in kept))
        elif out and out[-1] != "":
            out.append("")  # a line of specks only: keep the gap it stood in
    return "\n".join(out).strip("\n")
