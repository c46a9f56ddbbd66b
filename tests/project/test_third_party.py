"""Every data or vendored file in the package has a row in THIRD_PARTY.md (issue 14).

A municipal lawyer reads the licence of each shipped file from that page, so a new data file
without a row is a failure, not a warning.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "vanort"
# Code, templates and catalogues are ours and covered by LICENSE; everything else is data,
# vendored code or static files and needs a row.
OWN_CODE = {".py", ".html", ".po", ".mo", ".pyc", ".md"}


def _listed_patterns() -> list[str]:
    text = (ROOT / "THIRD_PARTY.md").read_text(encoding="utf-8")
    patterns = []
    for line in text.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            patterns += re.findall(r"`([^`]+)`", first_cell)
    return patterns


def _shipped_data_files() -> list[str]:
    files = []
    for path in PACKAGE.rglob("*"):
        if path.is_file() and path.suffix not in OWN_CODE and "__pycache__" not in path.parts:
            files.append(path.relative_to(ROOT).as_posix())
    return sorted(files)


def test_every_data_and_vendored_file_has_a_row() -> None:
    patterns = _listed_patterns()
    missing = [f for f in _shipped_data_files() if not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert missing == []


def test_every_row_names_files_that_exist() -> None:
    stale = [p for p in _listed_patterns() if not list(ROOT.glob(p))]
    assert stale == []


def test_licence_is_the_full_eupl_text() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in text
    assert "Compatible Licences" in text
