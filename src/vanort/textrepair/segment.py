"""Segmentation of a municipal document into its title block and headed sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TRAILING_OK = ("?",)
_MAX_HEADING_WORDS = 8
_MAX_HEADING_CHARS = 70
_SENTENCE_END = re.compile(r"[.,;:!\u2014\u2013-]$")
#: Section headings of Swedish municipal documents, recognised even without a blank line.
KNOWN_HEADINGS = frozenset(
    h.lower()
    for h in (
        "Sammanfattning",
        "Sammanfattning av ärendet",
        "Beskrivning av ärendet",
        "Ärendet",
        "Ärendebeskrivning",
        "Bakgrund",
        "Förvaltningens synpunkter",
        "Förvaltningens bedömning",
        "Bedömning",
        "Överväganden",
        "Ekonomiska och juridiska konsekvenser",
        "Ekonomiska konsekvenser",
        "Juridiska konsekvenser",
        "Konsekvenser",
        "Barnkonsekvensanalys",
        "Bilaga",
        "Bilagor",
        "Beslutsunderlag",
        "Underlag",
        "Handlingar",
        "Beslutet ska skickas till",
        "Beslutet skickas till",
        "Skickas till",
        "Expedieras till",
        "Expediering",
        "Förslag till beslut",
        "Beslut",
        "Yrkande",
        "Yrkanden",
        "Motion",
        "Kommunstyrelsens förslag till kommunfullmäktige",
        "Kommunstyrelsens förslag till beslut",
        "Förslag till kommunfullmäktige",
        "Reservationer",
        "Protokollsanteckning",
        "Justering",
        "Närvarande",
        "Beslutsgång",
        "Propositionsordning",
    )
)


@dataclass(frozen=True)
class Section:
    heading: str  # "" for the title block at the top
    start_line: int  # 0-based, the heading's line (or the first line of the title block)
    end_line: int  # exclusive
    text: str  # the body, without the heading


def is_heading(line: str, previous: str, following: str) -> bool:
    """A short capitalised line that ends no sentence, after a blank line or a page break
    (the seed's page breaks left a leading space), and not the first of two name lines."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_HEADING_CHARS or not stripped[0].isupper():
        return False
    if _SENTENCE_END.search(stripped) and not stripped.endswith(_TRAILING_OK):
        return False
    words = stripped.split()
    if len(words) > _MAX_HEADING_WORDS or any(ch.isdigit() for ch in words[0]):
        return False
    if stripped.lower() in KNOWN_HEADINGS:
        return True
    if previous.strip() and not line.startswith(" "):
        return False
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        nxt = following.strip().split()
        if nxt and all(w[0].isupper() for w in nxt[:1]) and len(nxt) <= 6 and nxt[0] != "Den":
            return False  # a signature block: names over titles
    return True


def segment(text: str) -> tuple[Section, ...]:
    lines = text.split("\n")
    starts: list[int] = []
    seen_body = False
    for i, line in enumerate(lines):
        if not line.strip():
            if seen_body:
                seen_body = True
            continue
        if not seen_body:
            seen_body = True  # the first block is the title block
            continue
        prev = lines[i - 1] if i else ""
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        known = line.strip().lower() in KNOWN_HEADINGS
        if is_heading(line, prev, nxt) and _block_start(lines, i) and (known or _after_sentence(lines, i, starts)):
            starts.append(i)
    sections: list[Section] = []
    first = starts[0] if starts else len(lines)
    sections.append(Section("", 0, first, "\n".join(lines[:first]).strip("\n")))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = "\n".join(lines[start + 1 : end]).strip("\n")
        sections.append(Section(lines[start].strip(), start, end, body))
    return tuple(sections)


def _after_sentence(lines: list[str], i: int, starts: list[int]) -> bool:
    """The previous non-blank line closes a sentence or is itself a heading."""
    for j in range(i - 1, -1, -1):
        if lines[j].strip():
            return j in starts or lines[j].rstrip().endswith((".", "?", "!", ":", "”", ")"))
    return True


def _block_start(lines: list[str], i: int) -> bool:
    """The title block ends at the first blank line; headings come after it."""
    return any(not line.strip() for line in lines[:i])
