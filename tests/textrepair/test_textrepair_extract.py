"""Text extraction: encodings detected with evidence, PDFs, and clear errors for bad files."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from vanort.textrepair import DocumentError, extract_text

SAMPLE = "Gör Huddinge till vänortskommun — svar på motion\nÅr 1985 blev Seyðisfjörður vänskapsort.\n"


@pytest.mark.parametrize(
    ("data", "encoding", "evidence"),
    [
        (SAMPLE.encode("utf-8"), "utf-8", "valid UTF-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig", "UTF-8 BOM"),
        (SAMPLE.encode("utf-16"), "utf-16", "UTF-16 BOM"),
        (SAMPLE.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16", "big-endian"),
        ("Vänort – år 2023 “citat”\n".encode("cp1252"), "cp1252", "0x80-0x9F"),
        ("Vänort år 2023\n".encode("latin-1"), "latin-1", "no byte in 0x80-0x9F"),
    ],
)
def test_text_encodings_are_detected_with_evidence(data: bytes, encoding: str, evidence: str) -> None:
    extracted = extract_text(data, "doc.txt")
    assert extracted.encoding == encoding
    assert evidence in extracted.evidence
    assert extracted.source_kind == "txt"
    assert "Vänort" in extracted.text or "vänortskommun" in extracted.text


def test_crlf_is_normalised() -> None:
    assert extract_text(b"rad ett\r\nrad tv\xc3\xa5\r\n", "a.txt").text == "rad ett\nrad två\n"


def _pdf(text: str | None, *, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text is not None:
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, text)
    raw = bytes(pdf.output())
    if password is None:
        return raw
    writer = PdfWriter(clone_from=io.BytesIO(raw))
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_text_layer_is_extracted() -> None:
    extracted = extract_text(_pdf("Motion om vanort med Vanda\nav Bo Kallstrom (L)"), "m.pdf")
    assert extracted.source_kind == "pdf"
    assert "Vanda" in extracted.text
    assert "1 page" in extracted.evidence


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "empty.txt", "empty"),
        (b"  \n\n", "blank.txt", "empty"),
        (b"\x00\x01\x02binary\x00", "x.txt", "binary"),
        (b"abc\x81\x8ddef\xff", "x.txt", "undecodable"),
        (b"\xef\xbb\xbfbad \xff utf8", "x.txt", "undecodable"),
        (b"%PDF-1.7\nthis is not a pdf", "x.pdf", "broken_pdf"),
        (b"plain text called pdf", "x.pdf", "broken_pdf"),
        ("a" * 101, "big.txt", "too_large"),
    ],
)
def test_bad_files_get_a_clear_error(data: bytes | str, filename: str, code: str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(DocumentError) as info:
        extract_text(raw, filename, max_bytes=100)
    assert info.value.code == code
    assert filename in info.value.message
    assert "\n" not in info.value.message


def test_encrypted_pdf_is_refused() -> None:
    with pytest.raises(DocumentError) as info:
        extract_text(_pdf("hemligt", password="secret"), "locked.pdf")
    assert info.value.code == "encrypted"


def test_pdf_without_text_layer_is_refused() -> None:
    with pytest.raises(DocumentError) as info:
        extract_text(_pdf(None), "scan.pdf")
    assert info.value.code == "no_text"


# -- malformed PDFs: a clear DocumentError, never a crash (issue 8) ---------------------------


def _raw_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


_PAGE = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
    b"<< /Length 0 >>\nstream\n\nendstream",
]


def test_unsupported_encryption_is_a_document_error() -> None:
    crypt = b"<< /Filter /Standard /V 7 /R 9 /O <00> /U <00> /P -4 >>"
    data = _raw_pdf([*_PAGE, crypt], b"/Encrypt 5 0 R /ID [<00><00>] ")
    with pytest.raises(DocumentError) as caught:
        extract_text(data, "locked.pdf")
    assert caught.value.code == "encrypted"
    assert "locked.pdf" in caught.value.message


@pytest.mark.parametrize(
    "error",
    [
        RecursionError("maximum recursion depth exceeded"),
        NotImplementedError("Encryption V=7 NOT supported"),
        "LimitReachedError",
        MemoryError(),
        AttributeError("'NullObject' object has no attribute 'get'"),
    ],
)
def test_any_parser_failure_is_a_document_error(monkeypatch: pytest.MonkeyPatch, error: object) -> None:
    """The class of bug: whatever pypdf raises on a hostile file (deep nesting, Flate bombs,
    absurd /Length, unsupported crypto) becomes a DocumentError."""
    import pypdf
    from pypdf.errors import LimitReachedError

    exc = LimitReachedError("Declared size 99999999999 exceeds the limit") if error == "LimitReachedError" else error

    class Hostile:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise exc  # type: ignore[misc]

    monkeypatch.setattr(pypdf, "PdfReader", Hostile)
    with pytest.raises(DocumentError) as caught:
        extract_text(_raw_pdf(_PAGE), "hostile.pdf")
    assert caught.value.code in {"broken_pdf", "encrypted"}
    assert caught.value.message.startswith("hostile.pdf: ")


def test_a_text_file_named_like_an_image_is_refused():
    with pytest.raises(DocumentError) as refused:
        extract_text(b"just some text\n", "fake.png")
    assert "not a PNG image" in str(refused.value)
