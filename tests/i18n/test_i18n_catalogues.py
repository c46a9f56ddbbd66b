"""The English and Ukrainian catalogues are complete, keep every placeholder and are compiled."""

from __future__ import annotations

import gettext

import pytest

from tests.i18n.helpers_i18n import LANGUAGES, Entry, mo_path, nplurals, parse_po, placeholders, po_path


@pytest.fixture(params=LANGUAGES)
def catalogue(request: pytest.FixtureRequest) -> tuple[Entry, list[Entry]]:
    return parse_po(po_path(request.param))


def test_catalogue_has_entries_and_no_fuzzy_header(catalogue):
    header, entries = catalogue
    assert len(entries) > 500
    assert "fuzzy" not in header.flags


def test_no_entry_is_fuzzy_or_untranslated(catalogue):
    header, entries = catalogue
    forms = nplurals(header)
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    empty = [
        e.msgid
        for e in entries
        if not e.msgstr
        or any(not s.strip() for s in e.msgstr.values())
        or (e.msgid_plural is not None and sorted(e.msgstr) != list(range(forms)))
    ]
    assert fuzzy == []
    assert empty == []


def test_translations_keep_every_placeholder(catalogue):
    _, entries = catalogue
    broken = []
    for e in entries:
        for index, text in e.msgstr.items():
            source = e.msgid if (e.msgid_plural is None or index == 0) else e.msgid_plural
            if placeholders(text) != placeholders(source) and placeholders(text) != placeholders(e.msgid):
                broken.append((e.msgid, index, text))
    assert broken == []


def test_ukrainian_keeps_the_plural_rule_django_writes():
    header, _ = parse_po(po_path("uk"))
    assert nplurals(header) == 4


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(lang):
    """Every msgid of the .po is in the .mo with the same text, so the .mo is not stale."""
    _, entries = parse_po(po_path(lang))
    with mo_path(lang).open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    stale = []
    for e in entries:
        msgid = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            if compiled.get(msgid) != e.msgstr[0]:
                stale.append(e.msgid)
        elif any(compiled.get((msgid, i)) != text for i, text in e.msgstr.items()):
            stale.append(e.msgid)
    assert stale == []
