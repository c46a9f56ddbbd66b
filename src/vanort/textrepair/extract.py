"""Text extraction: a PDF's text layer (pypdf) or a text file whose encoding is detected
from evidence in the bytes (BOM, UTF-8 validity, use of the 0x80-0x9F range)."""

from __future__ import annotations

import io
from dataclasses import dataclass

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
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1" or "pdf"
    source_kind: str  # "pdf" | "txt"
    evidence: str  # why this encoding was chosen


def extract_text(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> ExtractedText:
    """Extract the text of a PDF or TXT file; raises :class:`DocumentError` for bad files."""
    if not data:
        raise DocumentError("empty", f"{filename}: the file is empty")
    if len(data) > max_bytes:
        raise DocumentError("too_large", f"{filename}: {len(data)} bytes is over the limit of {max_bytes} bytes")
    if data.lstrip()[:5] == b"%PDF-" or (filename.lower().endswith(".pdf") and b"%PDF-" in data[:1024]):
        return _pdf(data, filename)
    if filename.lower().endswith(".pdf"):
        raise DocumentError("broken_pdf", f"{filename}: no PDF header (%PDF-) in the file")
    return _txt(data, filename)


def _pdf(data: bytes, filename: str) -> ExtractedText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported crypto
                raise DocumentError("encrypted", f"{filename}: the PDF is encrypted ({exc})") from exc
            if not opened:
                raise DocumentError("encrypted", f"{filename}: the PDF is password protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError("broken_pdf", f"{filename}: the PDF cannot be read ({exc})") from exc
    text = "\n".join(page.replace("\r\n", "\n").replace("\r", "\n") for page in pages)
    if not text.strip():
        raise DocumentError("no_text", f"{filename}: the PDF has no text layer (scanned without OCR?)")
    return ExtractedText(text, "pdf", "pdf", f"PDF text layer, {len(pages)} page(s)")


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
