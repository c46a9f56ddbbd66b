"""OCR of scans: images, multi-page TIFF, image-only and mixed PDFs, deskew, specks, missing
Tesseract. Pages are generated here (Pillow + DejaVu), so no test reads a document we tuned on."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageDraw

from vanort.ocr import OCR_PACKAGES, TesseractOcr, deskew_angle, layout, synthetic
from vanort.ocr.raster import prepare
from vanort.textrepair import DocumentError, extract_text
from vanort.textrepair.cli import run_repair_text

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")

TEXT = "Kommunfullmäktige beslutar\n\natt anta förslaget om vänort med Irpin."


def _page(text: str = TEXT, **scan: object) -> Image.Image:
    return synthetic.scanned_pages(text, dpi=200, lines_per_page=12, **scan)[0]  # type: ignore[arg-type]


@pytest.mark.parametrize("skew", [2.5, -3.5])
def test_deskew_finds_the_angle_of_the_lines(skew: float) -> None:
    page = synthetic.render_pages("En rad med vanlig svensk text på sidan.\n" * 30, dpi=120)[0]
    tilted = synthetic.scan(page, skew=skew)
    assert deskew_angle(tilted) == pytest.approx(skew, abs=0.3)
    assert abs(deskew_angle(prepare(tilted, 120).image)) <= 0.3


def test_layout_leaves_out_specks_and_keeps_paragraph_gaps() -> None:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t100\t100\t120\t30\t95\tSammanfattning",
        "5\t1\t1\t1\t1\t2\t240\t110\t5\t6\t40\t.",  # a speck
        "5\t1\t1\t2\t1\t1\t100\t200\t50\t30\t95\tDen",
        "5\t1\t1\t2\t1\t2\t160\t200\t60\t30\t95\ttredje",
        "5\t1\t1\t2\t1\t3\t230\t212\t7\t7\t30\tå",  # a speck read as a letter
        "5\t1\t1\t2\t2\t1\t100\t240\t20\t30\t95\ti",
        "5\t1\t1\t2\t2\t2\t130\t240\t60\t30\t95\tUkraina",
        "5\t1\t1\t2\t2\t3\t200\t250\t30\t4\t90\t—",  # a dash is no speck
    ]
    assert layout.page_text("\n".join([head, *rows])) == "Sammanfattning\n\nDen tredje\ni Ukraina —"


def test_missing_tesseract_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    png = synthetic.to_image(_page())
    with pytest.raises(DocumentError) as caught:
        extract_text(png, "scan.png", ocr=TesseractOcr())
    assert caught.value.code == "ocr_unavailable"
    for package in OCR_PACKAGES.split():
        assert package in caught.value.message


def test_missing_language_model_names_its_package() -> None:
    with pytest.raises(DocumentError) as caught:
        TesseractOcr(languages="swe+xyz", binary=shutil.which("tesseract") or "/nonexistent").check()
    assert "tesseract-ocr-xyz" in caught.value.message or "tesseract-ocr" in caught.value.message


def test_image_without_ocr_engine_is_a_clear_error() -> None:
    with pytest.raises(DocumentError) as caught:
        extract_text(synthetic.to_image(_page()), "scan.png")
    assert caught.value.code == "needs_ocr"


@needs_tesseract
@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_image_is_read_by_tesseract(fmt: str) -> None:
    data = synthetic.to_image(_page(skew=1.5, specks=30), fmt)
    extracted = extract_text(data, f"scan.{fmt.lower()}", ocr=TesseractOcr())
    assert extracted.source_kind == "image"
    assert "Kommunfullmäktige beslutar" in extracted.text
    assert "vänort med Irpin" in extracted.text


@needs_tesseract
def test_multi_page_tiff_reads_every_page() -> None:
    pages = [_page("Första sidan om Irpin."), _page("Andra sidan om Bucha.")]
    seen: list[tuple[int, int]] = []
    extracted = extract_text(
        synthetic.to_tiff(pages), "scan.tiff", ocr=TesseractOcr(), progress=lambda d, t: seen.append((d, t))
    )
    assert extracted.pages == extracted.ocr_pages == 2
    assert "Första sidan om Irpin." in extracted.text
    assert "Andra sidan om Bucha." in extracted.text
    assert seen == [(0, 2), (1, 2), (2, 2)]


@needs_tesseract
def test_mixed_pdf_uses_the_text_layer_where_it_is_good() -> None:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    layer = FPDF()
    layer.add_page()
    layer.set_font("Helvetica", size=12)
    layer.cell(0, 10, "Sidan med textlager: motion om vänort med Irpin i Ukraina.")
    scanned = synthetic.to_pdf([_page("Den skannade sidan handlar om Bucha.")])
    writer = PdfWriter()
    for part in (bytes(layer.output()), scanned):
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    extracted = extract_text(out.getvalue(), "mixed.pdf", ocr=TesseractOcr())
    assert extracted.ocr_pages == 1
    assert "OCR on page(s) 2" in extracted.evidence
    assert "Sidan med textlager: motion om vänort med Irpin i Ukraina." in extracted.text
    assert "Den skannade sidan handlar om Bucha." in extracted.text


@needs_tesseract
def test_cli_repair_text_reads_a_scan_and_draws_progress(tmp_path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(synthetic.to_pdf([_page("Kommunen har fem vanorter.")]))
    out, err = io.StringIO(), io.StringIO()
    assert run_repair_text(str(path), io.BytesIO(), out, err) == 0
    assert "Kommunen har fem vänorter." in out.getvalue()
    assert "page 1/1" in err.getvalue()


def test_cli_missing_tesseract_is_one_line_and_exit_2(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    path = tmp_path / "scan.png"
    path.write_bytes(synthetic.to_image(_page()))
    out, err = io.StringIO(), io.StringIO()
    assert run_repair_text(str(path), io.BytesIO(), out, err) == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in lines[0]


def _spaced_page(lines: list[str], leading: float) -> bytes:
    """A page printed with ``leading`` × the font size between baselines ("" = an empty line)."""
    dpi, size = 200, 31
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    face = synthetic._font(size)
    for row, line in enumerate(lines):
        draw.text((180, 180 + round(row * leading * size)), line, fill=0, font=face)
    return synthetic.to_image(page, "PNG", dpi)


SPACED = [
    "Kommunfullmäktige beslutar att motionen",
    "ska anses besvarad efter beredning.",
    "Huddinge har vänorter i Norden.",
    "",
    "Trostyanets ligger i Sumy oblast.",
    "Staden befriades i mars 2022.",
]


@needs_tesseract
@pytest.mark.parametrize("leading", [1.2, 1.5, 2.0])
def test_cli_repair_text_of_a_png_keeps_the_page_lines_and_ends_with_a_newline(tmp_path, leading: float) -> None:
    path = tmp_path / "page.png"
    path.write_bytes(_spaced_page(SPACED, leading))
    out, err = io.StringIO(), io.StringIO()
    assert run_repair_text(str(path), io.BytesIO(), out, err) == 0
    assert out.getvalue().endswith("\n")
    assert out.getvalue().splitlines() == SPACED
