"""Legal references in OCR text: restore `§` and `–`, and read the references.

Tesseract's Swedish model has no `§` and no en dash: `§` comes out as `8`, `$`, `&` or `5`,
`§§` as `88` or `$$`, and `4–9` as `4-9`. A sign is restored only where the context says it is
a section sign — a section number after "N kap.", a number followed by a word that follows
section numbers in Swedish legal writing ("lagen", "första stycket", "och 5 §", a law's name
or SFS number), or a protocol paragraph heading ("§ 142" opening a short line). The rules are
about the genre, not about any one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What OCR makes of "§" and "§§" (one glyph each; "5" only where the context is strong)
_ONE = r"(?:8|\$|&|5|S)"
_TWO = r"(?:88|\$\$|&&|8\$|\$8|55|SS|§8|8§|§\$|\$§)"
_SIGN = rf"(?P<sign>{_TWO}|{_ONE}|§§|§)"
_NUM = r"\d{1,3}(?:\s?[a-h]\b)?"
# words that follow a section reference
_FOLLOWERS = (
    r"(?:lagen|lag|förordningen|förordning|kommunallagen|befogenhetslagen|förvaltningslagen|"
    r"offentlighets-|första|andra|tredje|fjärde|femte|st\.?|stycket|p\.|punkt|punkten|"
    r"(?:och|eller|samt)\s\d{1,3}\s?(?:§|\$|&|8)|KL\b|FL\b|FvL\b|OSL\b|LOU\b|SoL\b|LSS\b|PBL\b|\(\d{4}:\d+\))"
)
_CHAPTER = r"(?P<chapter>\d{1,3}\s?[a-h]?)\s?kap\.?\s+"
_RANGE = rf"(?P<first>{_NUM})\s?(?P<dash>-|–|—)\s?(?P<last>{_NUM})"

# "5 kap. 4 8", "5 kap. 4-9 88": a chapter before the section number is context enough
CHAPTER_RE = re.compile(rf"\b{_CHAPTER}(?:{_RANGE}|(?P<num>{_NUM}))\s{_SIGN}(?=[\s,.;:)]|$)")
# "4 $ lagen", "4-9 88 befogenhetslagen", "12 & första stycket"
FOLLOWED_RE = re.compile(rf"\b(?:{_RANGE}|(?P<num>{_NUM}))\s{_SIGN}(?=\s+{_FOLLOWERS})", re.IGNORECASE)
# "§ 142" opening a protocol paragraph (a short line, or a capitalised title after it)
# a reference broken over two lines: "… 5 kap 4-9" / "88 lagen (2009:47) …"
RANGE_AT_END_RE = re.compile(rf"\b{_RANGE}\s*$")
SIGNS_AT_START_RE = re.compile(rf"^\s*(?P<sign>{_TWO}|§§)(?=\s+{_FOLLOWERS})", re.IGNORECASE)
HEADING_RE = re.compile(rf"^\s*(?P<sign>{_ONE}|§)\s?(?P<num>\d{{1,4}})(?=\s*$|\s+[A-ZÅÄÖ])")
SFS_RE = re.compile(r"\((?P<sfs>\d{4}:\d{1,4})\)|\bSFS\s(?P<sfs2>\d{4}:\d{1,4})\b")
REFERENCE_RE = re.compile(
    rf"(?:(?P<chapter>\d{{1,3}}\s?[a-h]?)\s?kap\.?\s+)?"
    rf"(?P<sections>{_NUM}(?:\s?[-–]\s?{_NUM})?(?:\s?(?:,|och)\s?{_NUM})*)\s?(?P<sign>§§|§)"
)


@dataclass(frozen=True)
class SignFix:
    start: int
    end: int
    after: str
    confidence: float


def _sign_fix(match: re.Match[str], plural: bool, confidence: float) -> list[SignFix]:
    fixes: list[SignFix] = []
    sign = match.group("sign")
    want = "§§" if plural else "§"
    if sign != want:
        # a single-glyph misreading of "§§" after a range ("4-9 8") is still two signs
        fixes.append(SignFix(match.start("sign"), match.end("sign"), want, confidence))
    dash = match.groupdict().get("dash")
    if dash and dash != "–":
        fixes.append(SignFix(match.start("dash"), match.end("dash"), "–", confidence))
    return fixes


def section_sign_fixes(line: str, previous: str = "", following: str = "") -> list[SignFix]:
    """Where ``line`` has a misread `§`/`§§` or a hyphen for the en dash of a section range
    (``previous`` and ``following`` lines: for a reference broken over two lines)."""
    fixes: dict[int, SignFix] = {}
    start = SIGNS_AT_START_RE.match(line)
    if start and RANGE_AT_END_RE.search(previous) and start.group("sign") != "§§":
        fixes[start.start("sign")] = SignFix(start.start("sign"), start.end("sign"), "§§", 0.9)
    end = RANGE_AT_END_RE.search(line)
    if end and end.group("dash") != "–" and re.match(rf"^\s*(?:{_TWO}|§§)\s", following):
        fixes[end.start("dash")] = SignFix(end.start("dash"), end.end("dash"), "–", 0.9)
    for regex, confidence in ((CHAPTER_RE, 0.95), (FOLLOWED_RE, 0.9)):
        for match in regex.finditer(line):
            sign = match.group("sign")
            is_range = match.groupdict().get("first") is not None
            if regex is FOLLOWED_RE and sign in {"5", "S"} and not is_range:
                continue  # "5 lagar": too common as itself without a chapter
            plural = is_range or len(sign) == 2
            for fix in _sign_fix(match, plural, confidence):
                fixes.setdefault(fix.start, fix)
    heading = HEADING_RE.match(line)
    if heading and heading.group("sign") in {"$", "&", "8", "S"} and len(line.strip()) <= 80:
        # "8 142" could be a number; a protocol heading opens its line with "§ NNN"
        confidence = 0.9 if heading.group("sign") in {"$", "&"} else 0.8
        fixes.setdefault(heading.start("sign"), SignFix(heading.start("sign"), heading.end("sign"), "§", confidence))
    return sorted(fixes.values(), key=lambda fix: fix.start)


@dataclass(frozen=True)
class LegalReference:
    sfs: str | None  # "2009:47" when the reference names its SFS number
    chapter: str | None  # "5"
    sections: str  # "4–9", "4", "2 och 3"
    text: str  # the reference as written


def legal_references(text: str) -> tuple[LegalReference, ...]:
    """The section references (`5 kap. 4–9 §§ lagen (2009:47)`) in repaired text, each with the
    SFS number that follows it in the same sentence, if any."""
    out: list[LegalReference] = []
    flat = text.replace("\n", " ")
    for match in REFERENCE_RE.finditer(flat):
        rest = flat[match.end() : match.end() + 160]
        sentence_end = re.search(r"[.!?](?:\s|$)(?![^()]*\))", rest)
        window = rest[: sentence_end.start()] if sentence_end else rest
        sfs = SFS_RE.search(window)
        sections = re.sub(r"\s?-\s?", "–", match.group("sections")).strip()
        out.append(
            LegalReference(
                sfs=(sfs.group("sfs") or sfs.group("sfs2")) if sfs else None,
                chapter=(match.group("chapter") or "").replace(" ", "") or None,
                sections=sections,
                text=match.group(0).strip(),
            )
        )
    return tuple(out)
