"""Body of ``vanort aid-check [FILE|-] [--lang sv|en|uk] [--rules-only]``: JSON case in, JSON verdict out.

The checker is passed in: ``vanort.cli`` gives the database's country table (the one source
the web and API use) unless ``--rules-only`` asks for the shipped data files; this module stays
free of Django. Exit status: 0 with a verdict on stdout; 2 on invalid input with one line on stderr,
``aid-check: <field>: <problem>`` (or ``aid-check: <file>: ...`` for unreadable or invalid
JSON); 1 if the rules data files themselves are broken.

The error line is in the verdict's language (``--lang``): ``gettext`` translates the project's
catalogue (Swedish msgids) into it; without one the line is Swedish, the default language.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from vanort.aid import check_json
from vanort.aid.types import AidInputError, RuleBookError

EXIT_OK = 0
EXIT_BROKEN_RULES = 1
EXIT_INVALID_INPUT = 2

#: ``checker(data, today, lang)`` -> the verdict as a JSON-shaped dict (AidInputError on bad input)
Checker = Callable[[Any, date | None, str], dict[str, Any]]


def shipped_checker(data: Any, today: date | None, lang: str) -> dict[str, Any]:
    """The shipped rules and country table (``--rules-only``)."""
    return check_json(data, today=today, lang=lang)


def _same(message: str) -> str:
    return message


def run_aid_check(
    path: str | None,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
    *,
    lang: str = "sv",
    today: date | None = None,
    checker: Checker = shipped_checker,
    gettext: Callable[[str], str] = _same,
) -> int:
    """Read a case from ``path`` (``None`` or ``-``: stdin), print the verdict; the exit status."""
    name = "<stdin>" if path in (None, "-") else str(path)
    try:
        text = stdin.read() if path in (None, "-") else Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(stderr, f"{name}: {_unreadable(exc, gettext)}")
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        said = gettext("rad %(line)s, kolumn %(column)s: ogiltig JSON.") % {"line": exc.lineno, "column": exc.colno}
        return _fail(stderr, f"{name}: {said}")
    try:
        verdict = checker(data, today, lang)
    except AidInputError as exc:
        return _fail(stderr, f"{exc.field}: {exc.said(gettext)}")
    except RuleBookError as exc:
        said = gettext("Regelfilerna går inte att läsa (%(detail)s).") % {"detail": exc}
        stderr.write(_one_line(f"aid-check: {said}") + "\n")
        return EXIT_BROKEN_RULES
    stdout.write(json.dumps(verdict, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _unreadable(exc: OSError | UnicodeDecodeError, gettext: Callable[[str], str]) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return gettext("filen är inte UTF-8 (byte %(byte)s).") % {"byte": exc.start}
    if isinstance(exc, FileNotFoundError):
        return gettext("filen finns inte.")
    if isinstance(exc, IsADirectoryError):
        return gettext("det är en katalog, inte en fil.")
    if isinstance(exc, PermissionError):
        return gettext("filen kan inte läsas (behörighet saknas).")
    return gettext("filen kan inte läsas.")


def _fail(stderr: TextIO, message: str) -> int:
    stderr.write(_one_line(f"aid-check: {message}") + "\n")
    return EXIT_INVALID_INPUT


def _one_line(text: str) -> str:
    return " ".join(text.split())
