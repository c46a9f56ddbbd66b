"""The migration that makes a document's municipality required assigns the existing ones:
the uploader's only municipality, else the home municipality the extraction names; documents
under review that nobody owns are deleted (the file can be uploaded again)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("documents", "0001_initial")]
AFTER = [("documents", "0003_document_municipality_not_null")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_documents_without_municipality_are_assigned_or_removed(huddinge, botkyrka, user_factory):
    officer = user_factory(role="case_officer", municipality=botkyrka)
    old = _migrate(BEFORE)
    Document = old.get_model("documents", "SourceDocument")
    Extraction = old.get_model("documents", "Extraction")
    common = {"filename": "f.txt", "content": b"x", "size": 1, "source_kind": "txt", "document_kind": "other"}
    by_uploader = Document.objects.create(
        checksum="a" * 64, title="A", text="", repaired_text="", uploaded_by_id=officer.pk, **common
    )
    named = Document.objects.create(checksum="b" * 64, title="B", text="", repaired_text="", **common)
    Extraction.objects.create(document=named, fields={"partnership_facts": [{"a": "Huddinge", "b": "Vanda"}]})
    nobodys = Document.objects.create(checksum="c" * 64, title="C", text="", repaired_text="", **common)
    try:
        new = _migrate(AFTER)
    finally:
        _migrate(AFTER)
    Document = new.get_model("documents", "SourceDocument")
    assert Document.objects.get(pk=by_uploader.pk).municipality_id == botkyrka.pk
    assert Document.objects.get(pk=named.pk).municipality_id == huddinge.pk
    assert not Document.objects.filter(pk=nobodys.pk).exists()
