"""Background import jobs (progress, failure, retry, nothing half-written), documents always
belonging to a municipality, and the checksum check per municipality (issue 8 and 9)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from vanort.core.errors import ValidationFailed
from vanort.documents import services
from vanort.documents.models import Extraction, ImportJob, Repair, SourceDocument

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, name: str = "seed.txt", municipality=None):
    payload = {"file": SimpleUploadedFile(name, data, "application/octet-stream")}
    if municipality is not None:
        payload["municipality"] = municipality.pk
    return client.post(reverse("web:document_upload"), payload)


def test_upload_without_municipality_is_refused_and_writes_nothing(client, admin_user, reference_data, seed_bytes):
    client.force_login(admin_user)  # an administrator belongs to no single municipality
    response = _upload(client, seed_bytes)
    assert response.status_code == 400
    assert SourceDocument.objects.count() == 0
    assert ImportJob.objects.count() == 0


def test_service_refuses_a_document_without_municipality(admin_user, reference_data, pdf_bytes):
    with pytest.raises(ValidationFailed) as caught:
        services.import_job_start(user=admin_user, data=pdf_bytes, filename="m.pdf", municipality=None)
    assert caught.value.field == "municipality"
    assert ImportJob.objects.count() == 0


def test_upload_into_another_municipality_is_refused(client, case_officer, botkyrka, seed_bytes):
    client.force_login(case_officer)
    response = _upload(client, seed_bytes, municipality=botkyrka)
    assert response.status_code == 400
    assert SourceDocument.objects.count() == 0


def test_same_bytes_as_another_municipalitys_private_document_reveal_nothing(
    client, case_officer, other_officer, huddinge, botkyrka, seed_bytes
):
    client.force_login(case_officer)
    first = _upload(client, seed_bytes, municipality=huddinge)
    hidden = SourceDocument.objects.get()
    assert first.status_code == 302
    client.force_login(other_officer)
    response = _upload(client, seed_bytes, municipality=botkyrka)
    assert response.status_code == 302
    assert response["Location"] != reverse("web:document_detail", args=[hidden.pk])
    ours = SourceDocument.objects.exclude(pk=hidden.pk).get()
    assert ours.municipality_id == botkyrka.pk
    assert response["Location"] == reverse("web:document_detail", args=[ours.pk])
    assert client.get(reverse("web:document_detail", args=[hidden.pk])).status_code == 404


def test_upload_runs_a_job_that_ends_in_the_review(client, case_officer, huddinge, seed_bytes):
    client.force_login(case_officer)
    response = _upload(client, seed_bytes, municipality=huddinge)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE
    assert job.attempts == 1
    assert bytes(job.content) == b""  # the bytes are stored once, in the document
    assert response["Location"] == reverse("web:document_detail", args=[job.document_id])


def test_job_page_polls_with_htmx_and_redirects_when_done(client, case_officer, huddinge, seed_bytes):
    job = ImportJob.objects.create(
        municipality=huddinge, uploaded_by=case_officer, filename="seed.txt", content=seed_bytes, checksum="x" * 64
    )
    client.force_login(case_officer)
    html = client.get(reverse("web:document_job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "<script" not in html.split("</head>", 1)[1]  # no inline script in the body
    services.import_job_run(job.pk)
    fragment = client.get(reverse("web:document_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    job.refresh_from_db()
    assert fragment["HX-Redirect"] == reverse("web:document_detail", args=[job.document_id])
    assert "hx-trigger" not in fragment.content.decode()


def test_another_municipalitys_job_is_not_found(client, case_officer, other_officer, huddinge, seed_bytes):
    job = ImportJob.objects.create(
        municipality=huddinge, uploaded_by=case_officer, filename="seed.txt", content=seed_bytes, checksum="x" * 64
    )
    client.force_login(other_officer)
    assert client.get(reverse("web:document_job", args=[job.pk])).status_code == 404
    assert client.post(reverse("web:document_job_retry", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.attempts == 0


def test_failed_job_leaves_nothing_half_written_and_can_be_retried(
    case_officer, huddinge, seed_bytes, monkeypatch: pytest.MonkeyPatch
):
    real = services._store

    def crash_after_writing(**kwargs):
        real(**kwargs)  # the document, its repairs and its extraction are written …
        raise RuntimeError("worker killed")  # … and then the job dies

    monkeypatch.setattr(services, "_store", crash_after_writing)
    job, _ = services.import_job_start(user=case_officer, data=seed_bytes, filename="seed.txt", municipality=huddinge)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error
    assert (SourceDocument.objects.count(), Repair.objects.count(), Extraction.objects.count()) == (0, 0, 0)
    monkeypatch.setattr(services, "_store", real)
    services.import_job_retry(user=case_officer, job=job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.attempts == 2
    assert SourceDocument.objects.get().pk == job.document_id


def test_killed_job_is_retried_once_it_is_stale(case_officer, huddinge, seed_bytes):
    job = ImportJob.objects.create(
        municipality=huddinge,
        uploaded_by=case_officer,
        filename="seed.txt",
        content=seed_bytes,
        checksum="y" * 64,
        status=ImportJob.Status.RUNNING,
    )
    with pytest.raises(Exception, match="pågår"):
        services.import_job_retry(user=case_officer, job=job)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    job.refresh_from_db()
    services.import_job_retry(user=case_officer, job=job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert SourceDocument.objects.filter(pk=job.document_id).exists()


def test_bad_file_is_refused_at_upload(client, case_officer, huddinge):
    client.force_login(case_officer)
    response = _upload(client, b"%PDF-1.7\n1 0 obj << /Length 5 >> broken", "x.pdf", huddinge)
    assert response.status_code == 400
    assert ImportJob.objects.count() == 0


def test_cli_import_of_a_document_naming_no_municipality_is_one_line_and_exit_2(capsys, reference_data, tmp_path):
    from vanort.cli import main

    path = tmp_path / "note.txt"
    path.write_text("Minnesanteckning om ett möte.\n\nInget om någon kommun här.\n", encoding="utf-8")
    assert main(["import-document", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "names no Swedish municipality" in err[0]
    assert SourceDocument.objects.count() == 0
