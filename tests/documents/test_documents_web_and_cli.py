import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vanort.cli import main
from vanort.documents.models import SourceDocument

pytestmark = pytest.mark.django_db


def test_upload_then_review_page_shows_diff_and_fields(client, case_officer, huddinge, seed_bytes):
    client.force_login(case_officer)
    response = client.post(
        reverse("web:document_upload"),
        {"file": SimpleUploadedFile("seed.txt", seed_bytes, "text/plain"), "municipality": huddinge.pk},
    )
    document = SourceDocument.objects.get()
    assert response.status_code == 302
    html = client.get(reverse("web:document_detail", args=[document.pk])).content.decode()
    assert "<del>Kallstrom</del><ins" in html
    assert "Bo Källström (L)" in html
    assert "Godkänn fälten och skapa ärenden" in html


def test_bad_upload_is_a_form_error(client, case_officer):
    client.force_login(case_officer)
    response = client.post(
        reverse("web:document_upload"), {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.7 garbage", "application/pdf")}
    )
    assert response.status_code == 400
    assert SourceDocument.objects.count() == 0


def test_apply_from_the_web(client, case_officer, seed_bytes):
    from vanort.core.system import SYSTEM
    from vanort.documents.services import document_import

    document, _ = document_import(user=SYSTEM, data=seed_bytes, filename="seed.txt")
    client.force_login(case_officer)
    response = client.post(reverse("web:document_apply", args=[document.pk]), {"version": 1})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "applied"


def test_search_finds_words_in_document_text(client, case_officer, seed_bytes):
    from vanort.core.system import SYSTEM
    from vanort.documents.services import document_import

    document_import(user=SYSTEM, data=seed_bytes, filename="seed.txt")
    client.force_login(case_officer)  # under review: visible to the municipality's reviewers
    results = client.get("/api/search?q=Kyiv School of Economics").json()["results"]
    assert any(r["type"] == "document" and "Kyiv School of Economics" in r["snippet"] for r in results)


def test_cli_import_json_contract(capsys, reference_data, tmp_path, seed_bytes):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)
    assert main(["import-document", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"document", "repair", "motion", "laws_cited", "places", "partnership_facts"}
    assert SourceDocument.objects.count() == 1


def test_cli_dry_run_writes_nothing(capsys, reference_data, tmp_path, seed_bytes):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)
    assert main(["import-document", str(path), "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["motion"]["filed_date"] == "2023-02-13"
    assert SourceDocument.objects.count() == 0


def test_cli_bad_file_is_one_line_and_exit_2(capsys, reference_data, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["import-document", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "empty.txt" in err


def test_apply_with_garbage_input_is_a_message_not_a_crash(client, case_officer, seed_bytes):
    from vanort.core.system import SYSTEM
    from vanort.documents.services import document_import

    document, _ = document_import(user=SYSTEM, data=seed_bytes, filename="seed.txt")
    client.force_login(case_officer)
    response = client.post(reverse("web:document_apply", args=[document.pk]), {"version": "abc", "municipality": "x"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "review"


def test_documents_under_review_are_not_public(client, case_officer, other_officer, seed_bytes):
    from vanort.core.system import SYSTEM
    from vanort.documents.services import document_import, extraction_apply

    document, _ = document_import(user=SYSTEM, data=seed_bytes, filename="seed.txt")
    url = reverse("web:document_detail", args=[document.pk])
    assert client.get(url).status_code == 404
    assert not [r for r in client.get("/api/search?q=Kyiv").json()["results"] if r["type"] == "document"]
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    client.force_login(case_officer)
    assert client.get(url).status_code == 200
    extraction_apply(user=case_officer, document=document, expected_version=1)
    client.logout()
    assert client.get(url).status_code == 200
