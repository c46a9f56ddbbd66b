"""Build the compiled Swedish word-form lexicon from the installed Hunspell dictionary.

Regenerate with::

    .venv/bin/python -m vanort.textrepair.build_lexicon

Input: ``sv_SE.dic``/``sv_SE.aff`` from the ``hunspell-sv`` package (LGPL-3.0, built from
SFOL 2.42, SALDO/SALDOM, Folkets lexikon and SAOL 15), found under the Python environment's
``share/hunspell`` directory, and the Swedish ``large`` list of the ``wordfreq`` package.
Output: ``data/sv_lexicon.txt.gz`` — after a header line, one line per OCR skeleton (see
:func:`vanort.textrepair.confusion.skeleton`) listing the words that share it, separated by
spaces, each written as the word, one character for its roles and one for its frequency
(:func:`encode_entry`).  Roles: ``w`` stands alone as a word, ``b`` may begin a compound,
``m`` may be a middle part, ``e`` may end a compound, ``h`` is a Hunspell form (without it,
the word is only in wordfreq, which also holds names, foreign words and OCR debris).
Frequency: wordfreq's Zipf value times ten (0 = not in wordfreq).  Grouping by skeleton lets
the runtime build its candidate index in one pass (well under the 2 s budget).

The affix expansion follows the Hunspell file format (SFX/PFX blocks, continuation flags,
cross products); compound roles follow the COMPOUNDBEGIN/MIDDLE/END, ONLYINCOMPOUND and
COMPOUNDPERMITFLAG declarations of the .aff file.
"""

from __future__ import annotations

import gzip
import math
import os
import re
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from vanort.textrepair.confusion import skeleton

DATA_DIR = Path(__file__).with_name("data")
OUTPUT = DATA_DIR / "sv_lexicon.txt.gz"
HEADER = "# vanort sv lexicon v1: hunspell-sv (LGPL-3.0) forms + wordfreq (sv, large) zipf*10"


@dataclass(frozen=True)
class AffixRule:
    strip: str
    add: str
    flags: str
    condition: re.Pattern[str]


@dataclass(frozen=True)
class AffixClass:
    kind: str  # "SFX" or "PFX"
    cross: bool
    rules: tuple[AffixRule, ...]


@dataclass(frozen=True)
class AffDecl:
    classes: dict[str, AffixClass]
    begin: str
    middle: str
    end: str
    only_in_compound: str
    permit: str
    need_affix: str
    forbidden: str


def hunspell_dir() -> Path:
    """Where pip installed hunspell-sv's data files (``<prefix>/share/hunspell``)."""
    candidates = [
        Path(sysconfig.get_path("data")) / "share" / "hunspell",
        Path(sys.prefix) / "share" / "hunspell",
        Path("/usr/share/hunspell"),
    ]
    for path in candidates:
        if (path / "sv_SE.dic").exists():
            return path
    raise FileNotFoundError("sv_SE.dic not found; install the hunspell-sv package")


def _condition(kind: str, cond: str) -> re.Pattern[str]:
    if cond == ".":
        return re.compile("")
    return re.compile(cond + "$") if kind == "SFX" else re.compile("^" + cond)


def parse_aff(text: str) -> AffDecl:
    classes: dict[str, AffixClass] = {}
    decl: dict[str, str] = {}
    lines = [line.split("#", 1)[0].split() for line in text.splitlines()]
    i = 0
    while i < len(lines):
        parts = lines[i]
        i += 1
        if not parts:
            continue
        key = parts[0]
        if key in ("SFX", "PFX") and len(parts) == 4 and parts[3].isdigit():
            flag, cross, count = parts[1], parts[2] == "Y", int(parts[3])
            rules = []
            for parts2 in lines[i : i + count]:
                strip = "" if parts2[2] == "0" else parts2[2]
                add, _, flags = parts2[3].partition("/")
                add = "" if add == "0" else add
                cond = parts2[4] if len(parts2) > 4 else "."
                rules.append(AffixRule(strip, add, flags, _condition(key, cond)))
            i += count
            classes[flag] = AffixClass(key, cross, tuple(rules))
        elif len(parts) == 2:
            decl[key] = parts[1]
    return AffDecl(
        classes=classes,
        begin=decl.get("COMPOUNDBEGIN", "\0"),
        middle=decl.get("COMPOUNDMIDDLE", "\0"),
        end=decl.get("COMPOUNDEND", "\0"),
        only_in_compound=decl.get("ONLYINCOMPOUND", "\0"),
        permit=decl.get("COMPOUNDPERMITFLAG", "\0"),
        need_affix=decl.get("NEEDAFFIX", "\0"),
        forbidden=decl.get("FORBIDDENWORD", "\0"),
    )


def _apply(rule: AffixRule, kind: str, word: str) -> str | None:
    if not rule.condition.search(word):
        return None
    if kind == "SFX":
        if rule.strip and not word.endswith(rule.strip):
            return None
        base = word[: len(word) - len(rule.strip)] if rule.strip else word
        return base + rule.add
    if rule.strip and not word.startswith(rule.strip):
        return None
    return rule.add + word[len(rule.strip) :]


def _roles(aff: AffDecl, stem_flags: str, affix_flags: str | None) -> str:
    """Roles of one form. ``affix_flags`` is None for the bare stem."""
    flags = stem_flags if affix_flags is None else affix_flags
    only = aff.only_in_compound in flags
    roles = []
    if not only and aff.need_affix not in (flags if affix_flags is None else ""):
        roles.append("w")
    in_compound_ok = affix_flags is None or aff.permit in affix_flags
    if in_compound_ok:
        both = stem_flags + (affix_flags or "")
        if aff.begin in both:
            roles.append("b")
        if aff.middle in both:
            roles.append("m")
    if aff.end in stem_flags and (affix_flags is None or aff.only_in_compound not in affix_flags):
        roles.append("e")
    return "".join(roles)


def expand(aff: AffDecl, stem: str, flags: str) -> dict[str, str]:
    out: dict[str, str] = {}

    def add(form: str, roles: str) -> None:
        if form and roles:
            out[form] = "".join(sorted(set(out.get(form, "") + roles)))

    add(stem, _roles(aff, flags, None))
    suffixed: list[tuple[str, str]] = []
    for flag in flags:
        cls = aff.classes.get(flag)
        if cls is None or cls.kind != "SFX":
            continue
        for rule in cls.rules:
            form = _apply(rule, "SFX", stem)
            if form is None:
                continue
            add(form, _roles(aff, flags, rule.flags))
            suffixed.append((form, rule.flags))
            for flag2 in rule.flags:  # two-level suffixes
                cls2 = aff.classes.get(flag2)
                if cls2 is None or cls2.kind != "SFX":
                    continue
                for rule2 in cls2.rules:
                    form2 = _apply(rule2, "SFX", form)
                    if form2 is not None:
                        add(form2, _roles(aff, flags, rule2.flags))
    for flag in flags:
        cls = aff.classes.get(flag)
        if cls is None or cls.kind != "PFX":
            continue
        for rule in cls.rules:
            form = _apply(rule, "PFX", stem)
            if form is not None:
                add(form, _roles(aff, flags, rule.flags))
            if cls.cross:
                for sform, sflags in suffixed:
                    pform = _apply(rule, "PFX", sform)
                    if pform is not None:
                        add(pform, _roles(aff, flags, sflags))
    return out


def build_forms(directory: Path) -> dict[str, str]:
    aff = parse_aff((directory / "sv_SE.aff").read_text(encoding="utf-8"))
    forms: dict[str, str] = {}
    forbidden: set[str] = set()
    for name in ("sv_SE.dic", "sv_SE_expanded.dic"):
        path = directory / name
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        for line in lines:
            entry = line.split("\t", 1)[0].strip()
            if not entry:
                continue
            stem, _, flags = entry.partition("/")
            if aff.forbidden in flags:
                forbidden.add(stem)
                continue
            for form, roles in expand(aff, stem, flags).items():
                forms[form] = "".join(sorted(set(forms.get(form, "") + roles)))
    for word in forbidden:
        forms.pop(word, None)
    return forms


def merge_frequencies(forms: dict[str, str]) -> dict[str, tuple[str, int]]:
    """Add wordfreq's Swedish frequencies (zipf x 10) and its words missing from Hunspell."""
    import wordfreq

    merged: dict[str, tuple[str, int]] = {}
    for word, freq in wordfreq.get_frequency_dict("sv", "large").items():
        if not word.isalpha() or len(word) > 40:
            continue
        zipf10 = max(1, round((math.log10(freq) + 9) * 10))
        merged[word] = (forms[word] + "h" if word in forms else "w", zipf10)
    for word, roles in forms.items():
        if word not in merged and word.isalpha():
            merged[word] = (roles + "h", 0)
    return merged


ROLE_BITS = {"w": 1, "b": 2, "m": 4, "e": 8, "h": 16}


def encode_entry(word: str, roles: str, zipf10: int) -> str:
    """``word`` + one character for the roles bitmask + one for zipf x 10 (``0``-based)."""
    mask = sum(ROLE_BITS[r] for r in roles)
    return word + chr(ord("A") + mask) + chr(ord("0") + min(zipf10, 90))


def write_lexicon(entries: dict[str, tuple[str, int]], output: Path) -> None:
    """One line per skeleton: the encoded entries sharing it, joined by spaces."""
    groups: dict[str, list[str]] = {}
    for word, (roles, zipf10) in sorted(entries.items()):
        groups.setdefault(skeleton(word), []).append(encode_entry(word, roles, zipf10))
    lines = [HEADER] + [" ".join(groups[key]) for key in sorted(groups)]
    output.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(output, "wb", mtime=0, compresslevel=9) as fh:
        fh.write("\n".join(lines).encode("utf-8"))


def main() -> int:
    directory = Path(os.environ.get("VANORT_HUNSPELL_DIR", "")) or hunspell_dir()
    if not (directory / "sv_SE.dic").exists():
        directory = hunspell_dir()
    entries = merge_frequencies(build_forms(directory))
    write_lexicon(entries, OUTPUT)
    print(f"{len(entries)} words -> {OUTPUT} ({OUTPUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
