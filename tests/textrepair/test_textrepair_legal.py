"""`§` and en dash restored in legal references from context; references read with their SFS."""

from __future__ import annotations

import pytest

from vanort.textrepair import extract_fields, repair_text
from vanort.textrepair.legal import legal_references


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("enligt 5 kap. 4 8 lagen om vissa", "enligt 5 kap. 4 § lagen om vissa"),
        ("enligt 5 kap. 4 $ lagen om vissa", "enligt 5 kap. 4 § lagen om vissa"),
        ("enligt 2 kap. 1 5 kommunallagen", "enligt 2 kap. 1 § kommunallagen"),
        ("I 5 kap. 4-9 88 lagen (2009:47) om", "I 5 kap. 4–9 §§ lagen (2009:47) om"),
        ("I 5 kap. 4-9 $$ lagen (2009:47) om", "I 5 kap. 4–9 §§ lagen (2009:47) om"),
        ("enligt 4 & första stycket", "enligt 4 § första stycket"),
        ("$ 142 Motion om vänort", "§ 142 Motion om vänort"),
        ("& 17", "§ 17"),
    ],
)
def test_section_signs_are_restored(ocr: str, expected: str) -> None:
    assert repair_text(ocr).text == expected


@pytest.mark.parametrize(
    "clean",
    [
        "Kommunen har 8 orter och 5 kommuner.",
        "Vänorten grundades år 1958 och med Akureyri år 1987.",
        "Det kostar 5 $ per månad och 8 & 9 är siffror.",
        "Vi träffades 4-9 maj.",
        "Han fick 8 i betyg.",
    ],
)
def test_numbers_without_legal_context_are_left_alone(clean: str) -> None:
    assert repair_text(clean).text == clean


def test_references_are_read_with_chapter_sections_and_sfs() -> None:
    text = (
        "I 5 kap. 4–9 §§ lagen (2009:47) om vissa kommunala befogenheter finns regler.\n"
        "Enligt 2 kap. 1 § kommunallagen (2017:725) får kommunen."
    )
    refs = legal_references(text)
    assert [(r.chapter, r.sections, r.sfs) for r in refs] == [("5", "4–9", "2009:47"), ("2", "1", "2017:725")]
    fields = extract_fields(text)
    assert fields.laws_cited == ("2009:47", "2017:725")
    assert "references" not in fields.to_dict()  # the §5 JSON contract is unchanged


def test_reference_broken_over_two_lines() -> None:
    ocr = "I 5 kap 4-9\n88 lagen (2009:47) om vissa kommunala befogenheter\nDet var 4-9\nmaj."
    assert repair_text(ocr).text == (
        "I 5 kap 4–9\n§§ lagen (2009:47) om vissa kommunala befogenheter\nDet var 4-9\nmaj."
    )


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("En vänort i Tromsg i Norge.", "En vänort i Tromsø i Norge."),
        ("Lyngby-Taarbeek kommune i Danmark.", "Lyngby-Taarbæk kommune i Danmark."),
    ],
)
def test_nordic_letters_the_ocr_model_lacks_are_restored_in_place_names(ocr: str, expected: str) -> None:
    assert repair_text(ocr).text == expected
