"""Stray specks on bad copies, read as `.`, `:`, `|`, `'` alone or glued to words.

Each fix says how sure it is: a lone speck between words is almost never text (Swedish puts
no space before `.` or `:`), a glued one is removed only when the lexicon then sees a word,
and the doubtful ones (a `.` before a lower-case word) are only flagged for review.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

SPECKS = ".:;,|'`´‘’·"
LONE_RE = re.compile(r"(?:^|(?<=\s))([.:;,|'`´‘’·]{1,3})(?=\s|$)")
LEADING_RE = re.compile(r"(?:^|(?<=\s))([|'`´‘])([a-zåäöéü]{2,})")
TRAILING_RE = re.compile(r"([a-zåäöA-ZÅÄÖ]{2,})([|`´])(?=\s|$)")
INNER_DOT_RE = re.compile(r"(?:^|(?<=\s))([a-zåäö]+)[.·]([a-zåäö]+)(?=[\s,.;:]|$)")
DOT_BEFORE_LOWER_RE = re.compile(r"([a-zåäö]{4,})\.(?=\s+[a-zåäö]{2})")
# abbreviations that end in a dot or hold one (t.ex., bl.a.) are not specks
ABBREVIATIONS = frozenset(
    [
        "t",
        "ex",
        "bl",
        "a",
        "m",
        "m",
        "fr",
        "o",
        "s",
        "k",
        "d",
        "v",
        "s",
        "kap",
        "st",
        "p",
        "nr",
        "ca",
        "resp",
        "osv",
        "dvs",
        "jfr",
        "kl",
        "tel",
        "ang",
        "enl",
        "inkl",
        "exkl",
        "bil",
        "fig",
        "forts",
        "gm",
        "mfl",
        "sek",
        "tkr",
        "mkr",
        "milj",
        "mnkr",
        "obs",
        "proc",
    ]
)


@dataclass(frozen=True)
class SpeckFix:
    start: int
    end: int
    after: str
    confidence: float


def speck_fixes(line: str, is_word: Callable[[str], bool], *, sentence_start: bool) -> list[SpeckFix]:
    """``sentence_start``: whether the text before ``line`` ended a sentence (or there was none)."""
    fixes: list[SpeckFix] = []
    for match in LONE_RE.finditer(line):
        speck = match.group(1)
        if speck in {"...", "…"}:
            continue
        before = line[: match.start()].rstrip()
        after_text = line[match.end() :].lstrip()
        next_word = re.match(r"[^\W\d_]+", after_text)
        if speck == "|" and next_word:  # most often the word "i"/"I" with its dot lost
            starts = (not before and sentence_start) or before.endswith((".", "!", "?", ":"))
            sure = starts and next_word.group().islower()
            fixes.append(SpeckFix(match.start(1), match.end(1), "I" if starts else "i", 0.8 if sure else 0.6))
            continue
        # remove the speck and the space before it (or after it at the start of the line)
        if before:
            start, end = len(before), match.end(1)
        else:
            start, end = match.start(1), match.end(1) + (len(line[match.end(1) :]) - len(after_text))
        fixes.append(SpeckFix(start, end, "", 0.85))
    for match in LEADING_RE.finditer(line):
        glyph, rest = match.group(1), match.group(2)
        options = [rest] if glyph != "|" else [w for w in (rest, "i" + rest, "l" + rest) if is_word(w)]
        if glyph != "|" and not is_word(rest):
            continue
        if len(options) == 1 and is_word(options[0]):
            replacement = "" if options[0] == rest else options[0][0]
            fixes.append(SpeckFix(match.start(1), match.end(1), replacement, 0.8))
    for match in TRAILING_RE.finditer(line):  # a "|" or backtick ending a word is never text
        fixes.append(SpeckFix(match.start(2), match.end(2), "", 0.8))
    for match in INNER_DOT_RE.finditer(line):
        left, right = match.group(1), match.group(2)
        if left in ABBREVIATIONS or right in ABBREVIATIONS or len(left) + len(right) < 5:
            continue
        if is_word(left) and is_word(right) and not is_word(left + right):
            fixes.append(SpeckFix(match.end(1), match.start(2), " ", 0.75))
    for match in DOT_BEFORE_LOWER_RE.finditer(line):
        word = match.group(1)
        if word.lower() not in ABBREVIATIONS and is_word(word.lower()):
            fixes.append(SpeckFix(match.end(1), match.end(1) + 1, "", 0.6))
    fixes.sort(key=lambda fix: fix.start)
    kept: list[SpeckFix] = []
    for fix in fixes:  # no two fixes may touch the same characters
        if not kept or fix.start >= kept[-1].end:
            kept.append(fix)
    return kept
