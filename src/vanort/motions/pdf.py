"""The board's proposal as PDF, with fpdf2 (a pure-Python wheel: no system packages).

Font choice: the PDF core font Helvetica with the Windows-1252 encoding. It needs no font
file, and Windows-1252 holds every Swedish letter (å ä ö Å Ä Ö é) and the typographic marks
of such documents (– ” § …). Characters outside it (e.g. Cyrillic place names) are written
as their closest Latin form or "?", never dropped silently: `pdf_safe` is the one place that
decides. The text layer extracts back exactly (tested with pypdf).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.cache import cache
from fpdf import FPDF

from vanort.motions.document import ATTACHMENTS, SEND_TO, ProposalDocument, build, cache_key

ENCODING = "windows-1252"
_FONT = "Helvetica"


def pdf_safe(text: str) -> str:
    """Text that Windows-1252 can hold: accents kept where possible, else stripped, else "?"."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            char.encode(ENCODING)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(base or "?")
        else:
            out.append(char)
    return "".join(out)


class _Pdf(FPDF):
    def __init__(self, footer_text: str, header_text: str = "") -> None:
        super().__init__(format="A4")
        self.core_fonts_encoding = ENCODING
        self.footer_text = footer_text
        self.header_text = header_text
        self.set_margins(25, 20, 25)
        self.set_auto_page_break(auto=True, margin=20)

    def header(self) -> None:
        if self.header_text:
            self.set_font(_FONT, "", 9)
            self.cell(0, 5, self.header_text, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(_FONT, "", 8)
        self.cell(0, 5, self.footer_text, align="L")
        self.cell(0, 5, f"{self.page_no()}", align="R")


def render(doc: ProposalDocument) -> bytes:
    pdf = _Pdf(pdf_safe(" · ".join(x for x in (doc.municipality, doc.diarienummer) if x)), pdf_safe(doc.header()))
    pdf.set_title(pdf_safe(doc.title))
    pdf.set_lang("sv")
    pdf.add_page()
    width = pdf.epw

    def para(text: str, size: float = 11, style: str = "", gap: float = 3) -> None:
        pdf.set_font(_FONT, style, size)
        for block in text.split("\n\n"):
            pdf.multi_cell(width, size * 0.5, pdf_safe(block.strip()), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(gap)

    para(doc.title, 15, "B", 5)
    para(doc.heading, 12, "B")
    if doc.decision_sentence:
        para(doc.decision_sentence)
    for section in doc.sections:
        para(section.heading, 12, "B", 1)
        para(section.body)
    if doc.signatories:
        pdf.ln(6)
        for name, title in doc.signatories:
            para(name, 11, "", 0)
            para(title, 10, "", 3)
    if doc.attachments:
        para(ATTACHMENTS, 12, "B", 1)
        para("\n\n".join(doc.attachments), gap=1)
        pdf.ln(2)
    if doc.recipients:
        para(SEND_TO, 12, "B", 1)
        para("\n\n".join(doc.recipients), gap=1)
    return bytes(pdf.output())


def proposal_pdf(motion: Any) -> bytes:
    """The proposal PDF of a motion loaded with `selectors.motion_get`, cached per version of
    everything it shows (rendering a long proposal takes seconds; serving it again must not)."""
    key = cache_key(motion)
    data = cache.get(key)
    if data is None:
        data = render(build(motion))
        cache.set(key, data, timeout=24 * 3600)
    return data
