"""The demo motion (the seed's), its proposal as HTML and PDF, and the export."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from vanort.motions import demo, document, pdf, selectors
from vanort.motions.models import Committee, Motion, MotionEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_motion(demo: None) -> Motion:  # `demo` (root conftest) loads the register demo first
    from vanort.motions.demo import load_demo

    load_demo()
    return Motion.objects.get(title="Gör Huddinge till vänortskommun med Trostyanets i Ukraina")


def test_demo_motion_is_the_seed(seed_motion: Motion) -> None:
    m = seed_motion
    assert (m.state, m.recommendation, m.outcome) == ("board_proposal", "besvarad", "")
    assert (m.filed_date, m.raised_on, m.deadline) == (date(2023, 2, 13), date(2023, 2, 13), date(2024, 2, 13))
    assert [(p.name, p.party) for p in m.proposers.all()] == [("Bo Källström", "L")]
    assert m.recipients == ["Samtliga nämnder"]
    assert [s.heading for s in m.opinion.sections.all()] == [
        "Sammanfattning",
        "Beskrivning av ärendet",
        "Förvaltningens synpunkter",
        "Ekonomiska och juridiska konsekvenser",
    ]
    assert [s.name for s in m.opinion.signatories.all()] == ["Camilla Broo", "Anna Tengelin Skoog"]
    assert {p.name for p in m.places.all()} >= {"Trostyanets"}
    assert selectors.overdue(m, as_of=date(2024, 2, 14))
    assert MotionEvent.objects.filter(motion=m).count() == 8  # 7 transitions and the officer report
    assert "Huddinge" in str(m.source)


def test_demo_is_idempotent(seed_motion: Motion) -> None:
    counts = (Motion.objects.count(), MotionEvent.objects.count(), Committee.objects.count(), seed_motion.version)
    assert demo.load_demo() == {"motions_created": 0, "committees_created": 0}
    assert (
        Motion.objects.count(),
        MotionEvent.objects.count(),
        Committee.objects.count(),
        Motion.objects.get(pk=seed_motion.pk).version,
    ) == counts


def test_samtliga_nämnder_expands_to_huddinges_committees(seed_motion: Motion) -> None:
    names = selectors.expand_recipients(seed_motion.municipality_id, ["Samtliga nämnder"])
    assert "Kommunstyrelsen" in names
    assert "Socialnämnden" in names
    assert len(names) >= 8


def test_proposal_document_follows_the_seed(seed_motion: Motion) -> None:
    doc = document.build(selectors.motion_get(seed_motion.pk))
    assert doc.title == "Gör Huddinge till vänortskommun med Trostyanets i Ukraina – svar på motion av Bo Källström (L)"
    assert doc.heading == "Kommunstyrelsens förslag till kommunfullmäktige"
    assert doc.decision_sentence.startswith("Mot bakgrund av vad som framgår av kommunstyrelsens förvaltnings")
    assert doc.decision_sentence.endswith("anses motionen besvarad.")
    assert doc.attachments == ("Bilaga 1. Motion – Gör Huddinge till vänortskommun med Trostyanets i Ukraina",)
    assert doc.recipients == ("Samtliga nämnder",)


def test_proposal_pdf_has_correct_swedish_letters(seed_motion: Motion) -> None:
    response = Client().get(f"/motioner/{seed_motion.pk}/forslag.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "Källström",
        "förslag",
        "Kommunstyrelsens förslag till kommunfullmäktige",
        "anses motionen besvarad",
        "Förvaltningens synpunkter",
        "Biträdande kommundirektör",
        "Beslutet ska skickas till",
        "Samtliga nämnder",
        "5 kap. 4–9 §§",
    ):
        assert expected in text, expected


def test_pdf_safe_keeps_swedish_and_replaces_the_rest() -> None:
    assert pdf.pdf_safe("Åsa Öberg – ”här” §") == "Åsa Öberg – ”här” §"
    assert pdf.pdf_safe("Тростянець") == "?" * len("Тростянець")
    assert pdf.pdf_safe("Łódź") == "?ódz"  # ó is in Windows-1252, ź loses its accent, Ł has no base letter


def test_proposal_html(seed_motion: Motion) -> None:
    page = Client().get(f"/motioner/{seed_motion.pk}/forslag/").content.decode()
    assert "Kommunstyrelsens förslag till kommunfullmäktige" in page
    assert "svar på motion av Bo Källström (L)" in page


def test_demo_motion_on_the_list(seed_motion: Motion) -> None:
    assert "Gör Huddinge till vänortskommun" in Client().get("/motioner/").content.decode()


def test_export_json(seed_motion: Motion) -> None:
    from vanort.cli import main

    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        code = main(["export", "motions", "--format", "json"])
    assert code == 0
    rows = json.loads(out.getvalue())
    row = next(r for r in rows if r["title"] == seed_motion.title)
    assert row["proposers"] == [{"name": "Bo Källström", "party": "L"}]
    assert (row["filed_date"], row["deadline"], row["state"], row["recommendation"], row["outcome"]) == (
        "2023-02-13",
        "2024-02-13",
        "board_proposal",
        "besvarad",
        None,
    )
    assert row["recipients"] == ["Samtliga nämnder"]
    assert row["diarienummer"] == "KS 2023/0001"
    assert [(e["from"], e["to"]) for e in row["events"]][-1] == ("opinion_ready", "board_proposal")
    assert set(row["events"][0]) == {"at", "from", "to"}


def test_export_csv(seed_motion: Motion, capsys: Any) -> None:
    from vanort.cli import main

    assert main(["export", "motions", "--place", "0126"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("diarienummer,title,proposers,filed_date")
    assert "Bo Källström (L)" in lines[1]
