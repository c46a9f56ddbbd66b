"""Done-criterion of issue 9: the seed, printed and scanned as an image-only PDF, imports end
to end through the CLI and the web with the same fields as from its OCR text.

The scan is generated here (DejaVu on A4 at 200 dpi, skewed, specks, blur), so nothing is
fitted to a shipped image."""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import shutil
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from tests.documents.conftest import SEED
from vanort.cli import main
from vanort.documents.models import ImportJob, SourceDocument
from vanort.ocr import synthetic
from vanort.ocr.engine import TesseractOcr
from vanort.textrepair import analyse_document

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"),
    pytest.mark.xdist_group("scanned_seed"),  # one worker, so the second import reuses Tesseract's pages
]

# fields that OCR of a print can legitimately change: the token count (specks, hyphens)
_COMPARED = ("document", "motion", "laws_cited", "places", "partnership_facts")


@pytest.fixture(scope="module")
def scanned_seed() -> bytes:
    pages = synthetic.scanned_pages(SEED.read_text(encoding="utf-8"), dpi=200, skew=1.2, specks=40, blur=0.4, seed=9)
    pdf = synthetic.to_pdf(pages, dpi=200)
    assert all(not (p.extract_text() or "").strip() for p in PdfReader(io.BytesIO(pdf)).pages)  # image-only
    return pdf


@pytest.fixture(scope="module", autouse=True)
def tesseract_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tesseract reads each page image once in this test run: the CLI and the web import the same
    scan, and what differs between them (rasterising, deskew, progress, layout, extraction, the
    records written) still runs in each. The pages read are kept in the run's base directory, which
    the xdist workers share (the parent of their own), as the two tests may run in either worker.
    Tesseract itself on scans is tested in tests/ocr."""
    read = TesseractOcr._tesseract
    base = tmp_path_factory.getbasetemp()
    pages = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "scanned-seed-pages"
    pages.mkdir(exist_ok=True)

    def once(self: TesseractOcr, binary: str, image: bytes, dpi: int, filename: str, number: int) -> str:
        key = f"{self.languages} {self.psm} {hashlib.sha256(image).hexdigest()} {dpi}"  # languages, mode, image, dpi
        page = pages / hashlib.sha256(key.encode()).hexdigest()
        with page.with_suffix(".lock").open("w") as lock:  # the other worker waits for the page
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not page.exists():
                page.write_text(read(self, binary, image, dpi, filename, number), encoding="utf-8")
        return page.read_text(encoding="utf-8")

    TesseractOcr._tesseract = once  # type: ignore[method-assign]
    yield
    TesseractOcr._tesseract = read  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def text_fields() -> dict:
    return analyse_document(SEED.read_bytes(), "seed.txt").to_contract_dict()


def test_cli_imports_the_scanned_seed_with_the_fields_of_its_text(
    capsys, reference_data, tmp_path, scanned_seed, text_fields
):
    path = tmp_path / "seed-scan.pdf"
    path.write_bytes(scanned_seed)
    assert main(["import-document", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert "page 4/4" in captured.err  # the progress bar
    for key in _COMPARED:
        assert payload[key] == text_fields[key], key
    document = SourceDocument.objects.get()
    assert document.source_kind == "pdf"
    assert document.ocr_pages == 4
    assert document.municipality.name == "Huddinge"


def test_web_imports_the_scanned_seed_with_the_fields_of_its_text(
    client, case_officer, huddinge, scanned_seed, text_fields
):
    client.force_login(case_officer)
    response = client.post(
        reverse("web:document_upload"),
        {"file": SimpleUploadedFile("seed-scan.pdf", scanned_seed, "application/pdf"), "municipality": huddinge.pk},
    )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE, job.error
    assert (job.pages_done, job.pages_total) == (4, 4)
    assert response["Location"] == reverse("web:document_detail", args=[job.document_id])
    fields = SourceDocument.objects.get().extraction.fields
    for key in _COMPARED:
        assert fields[key] == text_fields[key], key
    html = client.get(response["Location"]).content.decode()
    assert "Bo Källström (L)" in html
