from pathlib import Path

import pytest

SEED = Path(__file__).with_name("seed_000.txt")


@pytest.fixture
def seed_bytes():
    return SEED.read_bytes()


@pytest.fixture
def pdf_bytes():
    """A small PDF with a text layer and Swedish letters, made here (no file shipped)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in ["Motion om vänort med Irpin i Ukraina", "Förslagsställaren anser att kommunen bör stödja Irpin."]:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
