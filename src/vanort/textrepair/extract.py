"""Text extraction: a PDF's text layer (pypdf), a text file whose encoding is detected from
evidence in the bytes (BOM, UTF-8 validity, use of the 0x80-0x9F range), or — through an
:class:`OcrEngine` passed in by the caller — the OCR of scanned pages and images.

This module runs no OCR itself: the engine (``vanort.ocr.TesseractOcr``) lives outside the
pure core, and without one a scan is refused with a clear error.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

MAX_BYTES = 20_000_000
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")


class DocumentError(Exception):
    """A file that cannot be read as a document; ``code`` is stable, ``message`` one line."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ExtractedText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "pdf" or "ocr"
    source_kind: str  # "pdf" | "txt" | "image"
    evidence: str  # why this encoding was chosen / which pages were read by OCR
    pages: int = 1
    ocr_pages: int = 0  # pages whose text came from OCR


Progress = Callable[[int, int], None]  # (pages done, pages in all)


class OcrEngine(Protocol):
    """What the pipeline needs from an OCR engine (``vanort.ocr.TesseractOcr`` is one)."""

    def pdf_pages(self, data: bytes, filename: str, indexes: Sequence[int], progress: Progress | None) -> list[str]:
        """The text of the given PDF pages (0-based), one string per page."""
        ...

    def image_pages(self, data: bytes, filename: str, progress: Progress | None) -> list[str]:
        """The text of every page (frame) of a PNG, JPEG or TIFF image."""
        ...


_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
# a text layer is "good" when it has enough letters and few signs of a broken font mapping
_MIN_LAYER_LETTERS = 20
_BROKEN_GLYPHS_RE = re.compile(r"\(cid:\d+\)|\ufffd|[\ue000-\uf8ff]")


def image_kind(data: bytes) -> str | None:
    """The image type ("PNG", "JPEG" or "TIFF") from the file's magic bytes, else None."""
    for magic, kind in _IMAGE_MAGIC:
        if data.startswith(magic):
            return kind
    return None


def good_text_layer(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    if letters < _MIN_LAYER_LETTERS:
        return False
    broken = len(_BROKEN_GLYPHS_RE.findall(text))
    visible = sum(not ch.isspace() for ch in text)
    return broken * 20 < visible and letters * 2 >= visible


# A file named like an image must be one: a text file called scan.png is a mistake to report.
_IMAGE_SUFFIXES = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "tif": "TIFF", "tiff": "TIFF"}


def extract_text(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = MAX_BYTES,
    ocr: OcrEngine | None = None,
    progress: Progress | None = None,
) -> ExtractedText:
    """Extract the text of a PDF, TXT or image file; raises :class:`DocumentError` for bad files.

    Scanned pages and images need ``ocr``; ``progress(done, total)`` is called per OCR page.
    """
    if not data:
        raise DocumentError("empty", f"{filename}: the file is empty")
    if len(data) > max_bytes:
        raise DocumentError("too_large", f"{filename}: {len(data)} bytes is over the limit of {max_bytes} bytes")
    if data.lstrip()[:5] == b"%PDF-" or (filename.lower().endswith(".pdf") and b"%PDF-" in data[:1024]):
        return _pdf(data, filename, ocr, progress)
    if filename.lower().endswith(".pdf"):
        raise DocumentError("broken_pdf", f"{filename}: no PDF header (%PDF-) in the file")
    kind = image_kind(data)
    if kind is not None:
        return _image(data, filename, kind, ocr, progress)
    named = _IMAGE_SUFFIXES.get(filename.lower().rsplit(".", 1)[-1]) if "." in filename else None
    if named is not None:
        raise DocumentError("broken_image", f"{filename}: not a {named} image (its first bytes say otherwise)")
    return _txt(data, filename)


def _image(data: bytes, filename: str, kind: str, ocr: OcrEngine | None, progress: Progress | None) -> ExtractedText:
    if ocr is None:
        raise DocumentError("needs_ocr", f"{filename}: a {kind} image can only be read with OCR")
    pages = ocr.image_pages(data, filename, progress)
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError("no_text", f"{filename}: OCR found no text in the {kind} image")
    return ExtractedText(text, "ocr", "image", f"{kind}, {len(pages)} page(s) read by OCR", len(pages), len(pages))


def _pdf_layers(data: bytes, filename: str) -> list[str]:
    """The text layer of every page. Any failure of the parser is a broken PDF, never a crash:
    malformed files raise RecursionError (deep nesting), NotImplementedError (unsupported
    encryption), LimitReachedError (Flate bombs, absurd /Length) and more."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported crypto
                raise DocumentError("encrypted", f"{filename}: the PDF is encrypted ({exc})") from exc
            if not opened:
                raise DocumentError("encrypted", f"{filename}: the PDF is password protected")
        return [(page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n") for page in reader.pages]
    except DocumentError:
        raise
    except NotImplementedError as exc:
        raise DocumentError("encrypted", f"{filename}: the PDF uses an unsupported encryption ({exc})") from exc
    except RecursionError as exc:
        raise DocumentError("broken_pdf", f"{filename}: the PDF is nested too deeply to read") from exc
    except MemoryError as exc:
        raise DocumentError("broken_pdf", f"{filename}: the PDF needs too much memory to read") from exc
    except Exception as exc:  # pypdf's PdfReadError, LimitReachedError, and plain ValueError etc.
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise DocumentError("broken_pdf", f"{filename}: the PDF cannot be read ({reason})") from exc


def _pdf(data: bytes, filename: str, ocr: OcrEngine | None, progress: Progress | None) -> ExtractedText:
    pages = _pdf_layers(data, filename)
    scanned = [index for index, layer in enumerate(pages) if not good_text_layer(layer)]
    if scanned and ocr is not None:
        for index, text in zip(scanned, ocr.pdf_pages(data, filename, scanned, progress), strict=True):
            if text.strip() or not pages[index].strip():
                pages[index] = text
    elif ocr is None and not any(layer.strip() for layer in pages):
        raise DocumentError("no_text", f"{filename}: the PDF has no text layer (scanned without OCR?)")
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError("no_text", f"{filename}: the PDF has no text, not even by OCR")
    if scanned and ocr is not None:
        read = ", ".join(str(i + 1) for i in scanned[:20]) + ("…" if len(scanned) > 20 else "")
        evidence = f"PDF, {len(pages)} page(s); OCR on page(s) {read}, text layer on the others"
        return ExtractedText(text, "ocr", "pdf", evidence, len(pages), len(scanned))
    return ExtractedText(text, "pdf", "pdf", f"PDF text layer, {len(pages)} page(s)", len(pages), 0)


def _txt(data: bytes, filename: str) -> ExtractedText:
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding, evidence = _decode(data[3:], "utf-8", filename), "utf-8-sig", "UTF-8 BOM"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _decode(data, "utf-16", filename), "utf-16"
        evidence = "UTF-16 BOM (" + ("little" if data[:1] == b"\xff" else "big") + "-endian)"
    else:
        if b"\x00" in data:
            raise DocumentError("binary", f"{filename}: NUL bytes; this is not a text file")
        try:
            text = data.decode("utf-8")
            multibyte = sum(1 for b in data if b >= 0xC0)
            encoding = "utf-8"
            evidence = f"valid UTF-8 ({multibyte} multi-byte sequences)"
        except UnicodeDecodeError as exc:
            high = {b for b in data if 0x80 <= b <= 0x9F}
            if high & _CP1252_UNDEFINED:
                raise DocumentError(
                    "undecodable",
                    f"{filename}: not UTF-8 (byte {exc.start}) and bytes undefined in cp1252",
                ) from exc
            if high:
                text, encoding = data.decode("cp1252"), "cp1252"
                evidence = (
                    f"not UTF-8 (byte {exc.start}); {len(high)} distinct byte(s) in 0x80-0x9F, "
                    "printable in cp1252, control codes in latin-1"
                )
            else:
                text, encoding = data.decode("latin-1"), "latin-1"
                evidence = f"not UTF-8 (byte {exc.start}); no byte in 0x80-0x9F (latin-1)"
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    if controls > max(2, len(text) // 100):
        raise DocumentError("binary", f"{filename}: {controls} control characters; not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError("empty", f"{filename}: the file has no text")
    return ExtractedText(text, encoding, "txt", evidence)


def _decode(data: bytes, encoding: str, filename: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError("undecodable", f"{filename}: invalid {encoding} at byte {exc.start}") from exc
