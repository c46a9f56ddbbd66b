"""A small reader for gettext .po files (stdlib only), enough to check Vänort's catalogues."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[2] / "src" / "vanort" / "locale"
LANGUAGES = ("en", "uk")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%|&[#\w]+;")
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"


def parse_block(lines: list[str]) -> Entry:
    """One entry: keyword lines ('msgid "..."', 'msgstr[1] "..."') and their continuation lines."""
    values: dict[str, str] = {}
    flags: set[str] = set()
    key = ""
    for line in lines:
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith('"') and key:
            values[key] += ast.literal_eval(line)
        elif match := KEYWORD.match(line):
            word, index, value = match.groups()
            key = f"msgstr[{index or 0}]" if word.startswith("msgstr") else word
            values[key] = ast.literal_eval(value)
    msgstr = {int(k[7:-1]): v for k, v in values.items() if k.startswith("msgstr[")}
    return Entry(values.get("msgid", ""), values.get("msgid_plural"), values.get("msgctxt"), msgstr, flags)


def parse_po(path: Path) -> tuple[Entry, list[Entry]]:
    """Return (header, entries); obsolete (#~) entries are left out."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    entries = []
    for block in blocks:
        lines = [line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#~")]
        if any(KEYWORD.match(line) for line in lines):
            entries.append(parse_block(lines))
    header = entries[0]
    assert header.msgid == "", "the header must come first"
    return header, entries[1:]


def header_fields(header: Entry) -> dict[str, str]:
    pairs = (line.partition(":") for line in header.msgstr[0].splitlines())
    return {name.strip(): value.strip() for name, _, value in pairs}


def nplurals(header: Entry) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", header_fields(header)["Plural-Forms"])
    assert match
    return int(match.group(1))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))
