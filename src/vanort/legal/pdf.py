"""A saved aid assessment as PDF, with fpdf2 like the motions' proposal PDF.

Font choice: unlike the proposal PDF (Helvetica, Windows-1252), an assessment is read in
Swedish, English or Ukrainian, so it embeds DejaVu Sans (shipped in ``fonts/``, from Debian's
fonts-dejavu-core; licence in ``fonts/LICENSE-DejaVu.txt``), which holds Latin and Cyrillic.
fpdf2 embeds only the glyphs used; the text layer extracts back exactly (tested with pypdf).
"""

from __future__ import annotations

from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from vanort.legal.document import VerdictDocument

FONT_DIR = Path(__file__).resolve().parent / "fonts"
_FONT = "DejaVu"


class _Pdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self.add_font(_FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(_FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.footer_text = footer_text
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(auto=True, margin=20)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(_FONT, "", 8)
        self.cell(0, 5, self.footer_text, align="L")
        self.cell(0, 5, f"{self.page_no()}", align="R")


def render(doc: VerdictDocument, *, title: str, municipality: str, saved_on: str) -> bytes:
    """The assessment as a PDF document in the document's language."""
    with translation.override(doc.lang):
        footer = " · ".join(x for x in (municipality, _("Stödbedömning"), saved_on) if x)
        pdf = _Pdf(footer)
        pdf.set_title(title)
        pdf.set_lang(doc.lang)
        pdf.add_page()
        width = pdf.epw

        def text(body: str, size: float = 10.5, style: str = "", gap: float = 1.5) -> None:
            pdf.set_font(_FONT, style, size)
            pdf.multi_cell(width, size * 0.5, body, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(gap)

        def heading(body: str) -> None:
            pdf.ln(2)
            text(body, 12, "B", 1)

        def items(lines: list[str]) -> None:
            for line in lines:
                text(f"• {line}")

        text(title, 16, "B", 2)
        text(" · ".join(x for x in (municipality, _("Sparad %(date)s") % {"date": saved_on}) if x), 9, "", 3)
        text(f"{_('Bedömning')}: {doc.outcome_label}", 14, "B", 3)
        heading(_("Skäl") if doc.negative else _("Grunder"))
        items([r.text + (f" ({'; '.join(r.citations)})" if r.citations else "") for r in doc.reasons])
        if doc.conditions:
            heading(_("Villkor"))
            items(list(doc.conditions))
        heading(_("Lagrum"))
        items(list(doc.citations))
        if doc.unverified_note:
            text(doc.unverified_note, 9.5, "", 2)
        heading(_("Mottagarlandets biståndsstatus på beslutsdagen"))
        text(f"{doc.country}, {doc.decision_date}: {doc.status_label}")
        if doc.status_period:
            text(f"{_('Gäller')}: {doc.status_period}")
        text(f"{_('Källa')}: {doc.status_source}, {_('kontrollerad %(date)s') % {'date': doc.status_checked_at}}")
        text(f"{_('Tabellens anteckning')}: {doc.status_basis}", 9)
        heading(_("Ärendet"))
        for question, answer in doc.facts:
            text(question, 9.5, "B", 0.5)
            text(answer, 10, "", 1.5)
        text(_("Regelversion %(v)s.") % {"v": doc.rules_version}, 8.5, "", 0)
        return bytes(pdf.output())
