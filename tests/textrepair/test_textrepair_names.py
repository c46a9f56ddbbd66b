"""Names in the extracted fields: committees with `é` for `ä` in dispatch lists, surnames in
signature blocks, and a motion whose first line is just "MOTION" (the title follows)."""

from __future__ import annotations

from vanort.textrepair import analyse_document

ANSWER = """Gor Huddinge till vanortskommun med Irpin — svar pa motion av Lena Akesson (C)

Kommunstyrelsens forslag till kommunfullmaktige

Motionen anses besvarad.

Sammanfattning

Den 3 mars 2024 vickte Lena Akesson (C) motionen ”Vanort med Irpin” i kommunfullmaktige.

Goran Oberg Asa Sjéstrom
Kommundirektor Forvaltningschef

Beslutet ska skickas till
Socialnémnden
Kultur- och fritidsnimnden
Utbildningsnédmnden
"""


def _fields(text: str) -> dict:
    return analyse_document(text.encode(), "doc.txt").to_contract_dict()


def test_committee_names_in_the_dispatch_list_are_repaired() -> None:
    assert _fields(ANSWER)["motion"]["recipients"] == [
        "Socialnämnden",
        "Kultur- och fritidsnämnden",
        "Utbildningsnämnden",
    ]


def test_surnames_in_the_signature_block_are_repaired() -> None:
    assert _fields(ANSWER)["motion"]["signatories"] == [
        {"name": "Göran Öberg", "title": "Kommundirektör"},
        {"name": "Åsa Sjöström", "title": "Förvaltningschef"},
    ]


MOTION = """MOTION

Om vanortssamarbete med Bucha i Ukraina

Kommunfullmaktige i Huddinge kommun
2024-03-11

Vi foreslar att kommunfullmaktige beslutar

att kommunen inleder ett vanortssamarbete med Bucha.

Anna Lindqvist (S)
"""


def test_motion_whose_first_line_is_motion_takes_the_next_heading_as_title() -> None:
    fields = _fields(MOTION)
    assert fields["document"] == {"kind": "motion", "title": "Om vänortssamarbete med Bucha i Ukraina"}
    assert fields["motion"]["title"] == "Om vänortssamarbete med Bucha i Ukraina"


def test_motion_label_and_title_in_one_paragraph() -> None:
    fields = _fields(MOTION.replace("MOTION\n\n", "MOTION\n"))
    assert fields["motion"]["title"] == "Om vänortssamarbete med Bucha i Ukraina"


def test_diaeresis_read_as_an_accent_of_its_own() -> None:
    """The English model reads ö as "oé" or "6é"."""
    from vanort.textrepair import repair_text

    assert repair_text("Bo Kallstroém bor i Groénland; det beh6évs.").text == "Bo Källström bor i Grönland; det behövs."


def test_a_name_spelt_one_way_most_of_the_time_is_made_consistent() -> None:
    from vanort.textrepair import repair_text

    text = "Trostyanets ar en stad. Trostyanets har skolor. Trostyanets kom. Avtal med Trostyånets."
    assert repair_text(text).text.endswith("Avtal med Trostyanets.")
