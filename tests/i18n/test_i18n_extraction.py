"""Every user-facing string in the code and templates is in both catalogues.

The strings are extracted the way `makemessages` does it (Django's `templatize` for templates,
xgettext with Django's keywords for both), into a temporary POT, and compared with the .po files:
a string added to the code without `make messages` and a translation fails here, not in front of a
Ukrainian reader."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.i18n.helpers_i18n import LANGUAGES, parse_po, po_path

SRC = Path(__file__).resolve().parents[2] / "src" / "vanort"
KEYWORDS = [  # django.core.management.commands.makemessages, for the "django" domain
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
]


@pytest.fixture(autouse=True)
def _xgettext() -> None:
    """gettext is needed (as by `make messages`; .ci/run installs it): missing, the test fails, never skips."""
    assert shutil.which("xgettext"), "xgettext is missing: install Debian's gettext package"


def _sources(tmp: Path) -> list[Path]:
    """The Python files as they are, and each template turned into xgettext-readable source."""
    from django.utils.translation.template import templatize

    files = [p for p in SRC.rglob("*.py") if "locale" not in p.parts and "migrations" not in p.parts]
    for template in sorted(SRC.rglob("templates/**/*.html")):
        target = tmp / (str(template.relative_to(SRC)).replace("/", "__") + ".py")
        target.write_text(templatize(template.read_text(encoding="utf-8"), origin=str(template)), encoding="utf-8")
        files.append(target)
    return files


def extracted_messages(tmp: Path) -> set[tuple[str | None, str]]:
    pot = tmp / "django.pot"
    listing = tmp / "files.txt"
    listing.write_text("\n".join(str(p) for p in _sources(tmp)), encoding="utf-8")
    subprocess.run(
        [
            "xgettext",
            "--language=Python",
            "--from-code=UTF-8",
            *KEYWORDS,
            f"--files-from={listing}",
            f"--output={pot}",
            "--no-location",
        ],
        check=True,
        capture_output=True,
    )
    _, entries = parse_po(pot)
    return {(e.msgctxt, e.msgid) for e in entries if e.msgid}


def test_extraction_finds_the_strings_of_code_and_templates(tmp_path: Path) -> None:
    found = extracted_messages(tmp_path)
    assert (None, "Hoppa till innehållet") in found  # a template
    assert ("navigation", "Start") in found  # a template with a context
    assert (None, "Ange motionens rubrik.") in found  # Python code
    assert len(found) > 600


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path: Path, lang: str) -> None:
    _, entries = parse_po(po_path(lang))
    catalogue = {(e.msgctxt, e.msgid) for e in entries}
    missing = sorted(extracted_messages(tmp_path) - catalogue, key=lambda m: (m[0] or "", m[1]))
    assert missing == [], f"{len(missing)} strings are not in {lang}/django.po: run `make messages` and translate"
