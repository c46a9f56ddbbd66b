"""Golden files: OCR'd documents of the genre → the import-document JSON (DESIGN.md §5)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from vanort.textrepair import analyse_document, segment
from vanort.textrepair.cli import run_import_document_dry, run_repair_text

GOLDEN = Path(__file__).parent / "golden"
DOCUMENTS = ["seed_000", "answer_bifall_irpin", "answer_avslag_tromso", "motion_katastrofhjalp"]
KEYS = ["document", "repair", "motion", "laws_cited", "places", "partnership_facts"]


def _analyse(name: str) -> dict[str, object]:
    data = (GOLDEN / f"{name}_ocr.txt").read_bytes()
    return analyse_document(data, f"{name}_ocr.txt").to_contract_dict()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_fields_match_golden(name: str) -> None:
    expected = json.loads((GOLDEN / f"{name}_expected.json").read_text(encoding="utf-8"))
    got = _analyse(name)
    assert list(got) == KEYS
    for key in KEYS:
        if key == "repair":
            assert got["repair"]["tokens"] == expected["repair"]["tokens"]  # type: ignore[index]
        else:
            assert got[key] == expected[key], key


def test_seed_fields() -> None:
    got = _analyse("seed_000")
    motion = got["motion"]
    assert isinstance(motion, dict)
    assert motion["title"] == "Gör Huddinge till vänortskommun med Trostyanets i Ukraina"
    assert motion["proposers"] == [{"name": "Bo Källström", "party": "L"}]
    assert (motion["filed_date"], motion["opinion_date"]) == ("2023-02-13", "2023-10-04")
    assert motion["proposed_decision"] == "besvarad"
    assert motion["att_clauses"] == [
        "att Huddinge kommun skyndsamt inleder arbetet med att teckna ett vänortsavtal med Trostyanets"
    ]
    assert motion["recipients"] == ["Samtliga nämnder"]
    assert motion["signatories"] == [
        {"name": "Camilla Broo", "title": "Kommundirektör"},
        {"name": "Anna Tengelin Skoog", "title": "Biträdande kommundirektör"},
    ]
    assert got["laws_cited"] == ["2009:47"]
    places = {p["name"]: p["country"] for p in got["places"]}  # type: ignore[attr-defined]
    assert {
        "Trostyanets": "UA",
        "Vanda": "FI",
        "Askim": "NO",
        "Lyngby-Taarbæk": "DK",
        "Seyðisfjörður": "IS",
        "Nuuk": "GL",
    }.items() <= places.items()
    facts = {
        f["b"]: (f["a"], f["country"], f["kind"], f["start"], f["end"], f["status"]) for f in got["partnership_facts"]
    }  # type: ignore[attr-defined]
    assert facts == {
        "Vanda": ("Huddinge", "FI", "twin_town", "194X", None, "active"),
        "Askim": ("Huddinge", "NO", "twin_town", "194X", None, "ended"),
        "Lyngby-Taarbæk": ("Huddinge", "DK", "twin_town", "194X", None, "ended"),
        "Seyðisfjörður": ("Huddinge", "IS", "friendship_town", "1985", None, "ended"),
        "Nuuk": ("Huddinge", "GL", "twin_town", "1989", None, "ended"),
    }


def test_seed_sections() -> None:
    text = (GOLDEN / "seed_000_corrected.txt").read_text(encoding="utf-8")
    headings = [s.heading for s in segment(text)]
    assert headings[0] == ""
    for heading in [
        "Sammanfattning",
        "Beskrivning av ärendet",
        "Historik",
        "Förvaltningens synpunkter",
        "Ekonomiska och juridiska konsekvenser",
        "Bilaga",
        "Beslutet ska skickas till",
    ]:
        assert heading in headings


def test_cli_import_document_json(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run_import_document_dry(str(GOLDEN / "seed_000_ocr.txt"), as_json=True, stdout=out, stderr=err)
    assert code == 0
    assert json.loads(out.getvalue())["motion"]["proposers"][0]["name"] == "Bo Källström"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()
    assert run_import_document_dry(str(empty), as_json=True, stdout=out, stderr=err) != 0
    assert out.getvalue() == ""
    assert err.getvalue().count("\n") == 1
    assert "empty.txt" in err.getvalue()


def test_cli_repair_text_from_stdin() -> None:
    out, err = io.StringIO(), io.StringIO()
    stdin = io.BytesIO("Det dr ocksé férre samarbeten\n1 Ukraina.\n".encode("cp1252"))
    assert run_repair_text("-", stdin, out, err) == 0
    assert out.getvalue() == "Det är också färre samarbeten\ni Ukraina.\n"
    assert err.getvalue() == ""  # three changes, none listed: stderr is for a scan's progress and errors
