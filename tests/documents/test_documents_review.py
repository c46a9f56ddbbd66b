"""Reviewing in the web: type the right word, rejecting says what happened, correct fields
before applying, a summary of every record created or linked, translated document kinds,
the review table before the apply button, long documents paged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vanort.core.system import SYSTEM
from vanort.documents import services
from vanort.documents.models import Repair

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_document(seed_bytes, reference_data):
    from vanort.motions.demo import load_committees

    load_committees()
    document, _ = services.document_import(user=SYSTEM, data=seed_bytes, filename="seed.txt")
    return document


def _detail(client, document, **params):
    return client.get(reverse("web:document_detail", args=[document.pk]), params).content.decode()


def test_reviewer_types_the_right_word(client, case_officer, seed_document):
    repair = seed_document.repairs.get(before="Kallstrom")
    client.force_login(case_officer)
    url = reverse("web:repair_decide", args=[seed_document.pk, repair.pk])
    response = client.post(url, {"correction": "Källströmm"}, follow=True)
    repair.refresh_from_db()
    assert (repair.after, repair.decision) == ("Källströmm", Repair.Decision.ACCEPTED)
    assert "Källströmm" in response.content.decode()
    seed_document.refresh_from_db()
    assert "Källströmm" in seed_document.repaired_text


def test_empty_or_multiline_correction_is_refused_and_changes_nothing(client, case_officer, seed_document):
    repair = seed_document.repairs.get(before="Kallstrom")
    client.force_login(case_officer)
    url = reverse("web:repair_decide", args=[seed_document.pk, repair.pk])
    for bad in ("   ", "två\nrader", "x" * 201, "nul\x00"):
        client.post(url, {"correction": bad})
    fresh = Repair.objects.get(pk=repair.pk)
    assert (fresh.after, fresh.decision) == (repair.after, repair.decision)


def test_reject_says_what_happened(client, case_officer, seed_document):
    repair = seed_document.repairs.get(before="Kallstrom")
    client.force_login(case_officer)
    response = client.post(
        reverse("web:repair_decide", args=[seed_document.pk, repair.pk]), {"accept": "0"}, follow=True
    )
    html = response.content.decode()
    assert "förslaget «Källström» avvisades; «Kallstrom» står kvar" in html


def test_other_municipality_cannot_correct(client, other_officer, seed_document):
    repair = seed_document.repairs.get(before="Kallstrom")
    client.force_login(other_officer)
    client.post(reverse("web:repair_decide", args=[seed_document.pk, repair.pk]), {"correction": "X"})
    assert Repair.objects.get(pk=repair.pk).after == repair.after


def test_fields_are_corrected_before_applying_and_survive_a_repair_decision(client, case_officer, seed_document):
    client.force_login(case_officer)
    version = seed_document.extraction.version
    client.post(
        reverse("web:document_edit_fields", args=[seed_document.pk]),
        {
            "version": version,
            "title": "Gör Huddinge till vänort med Trostianets",
            "filed_date": "2023-02-14",
            "opinion_date": "2023-10-04",
            "proposed_decision": "avslag",
            "att_clauses": "att teckna avtal\n\natt rapportera",
            "recipients": "Kommunstyrelsen",
        },
    )
    seed_document.extraction.refresh_from_db()
    motion = seed_document.extraction.fields["motion"]
    assert motion["title"] == "Gör Huddinge till vänort med Trostianets"
    assert (motion["filed_date"], motion["proposed_decision"]) == ("2023-02-14", "avslag")
    assert motion["att_clauses"] == ["att teckna avtal", "att rapportera"]
    assert motion["proposers"][0]["name"] == "Bo Källström"  # untouched fields stay
    repair = seed_document.repairs.get(before="Kallstrom")
    services.repair_decide(user=case_officer, repair=repair, accept=True)
    seed_document.extraction.refresh_from_db()
    assert seed_document.extraction.fields["motion"]["title"] == "Gör Huddinge till vänort med Trostianets"


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", ""), ("filed_date", "2023-13-45"), ("filed_date", "0001-01-01"), ("proposed_decision", "kanske")],
)
def test_bad_field_values_are_refused_and_change_nothing(client, case_officer, seed_document, field, value):
    client.force_login(case_officer)
    before = dict(seed_document.extraction.fields)
    data = {"version": seed_document.extraction.version, "title": "T", "filed_date": "2023-02-13", field: value}
    response = client.post(reverse("web:document_edit_fields", args=[seed_document.pk]), data, follow=True)
    assert response.status_code == 200
    seed_document.extraction.refresh_from_db()
    assert seed_document.extraction.fields == before


def test_stale_field_edit_is_refused(client, case_officer, seed_document):
    client.force_login(case_officer)
    data = {"version": seed_document.extraction.version - 1, "title": "Ny", "filed_date": "2023-02-13"}
    client.post(reverse("web:document_edit_fields", args=[seed_document.pk]), data)
    seed_document.extraction.refresh_from_db()
    assert seed_document.extraction.fields["motion"]["title"] != "Ny"


def test_apply_summary_lists_every_record_with_links(client, case_officer, seed_document):
    client.force_login(case_officer)
    response = client.post(
        reverse("web:document_apply", args=[seed_document.pk]),
        {"version": seed_document.extraction.version},
        follow=True,
    )
    html = response.content.decode()
    result = seed_document.extraction.__class__.objects.get(pk=seed_document.extraction.pk).result
    assert reverse("web:motion_detail", args=[result["motion"]["motion"]]) in html
    partnerships = [r for r in result["partnerships"] if r.get("partnership")]
    assert partnerships
    for row in partnerships:
        assert reverse("web:partnership_detail", args=[row["partnership"]]) in html
        assert reverse("web:place_detail", args=[row["place"]]) in html
    assert "Skapat" in html


def test_kind_is_a_translated_word_and_the_review_table_comes_first(client, case_officer, seed_document):
    client.force_login(case_officer)
    html = _detail(client, seed_document)
    assert "Svar på motion" in html
    assert "motion_answer" not in html
    assert html.index('id="h-pending"') < html.index("Godkänn fälten och skapa ärenden")
    english = client.get("/en" + reverse("web:document_detail", args=[seed_document.pk])).content.decode()
    assert "motion_answer" not in english


def test_long_documents_are_paged(client, case_officer, huddinge):
    text = "\n".join(f"Rad {n} om vanorter i Ukraina." for n in range(1, 401)).encode()
    document, _ = services.document_import(user=case_officer, data=text, filename="lang.txt", municipality=huddinge)
    client.force_login(case_officer)
    first = _detail(client, document)
    assert 'id="line-150"' in first
    assert 'id="line-151"' not in first
    third = _detail(client, document, rader=3)
    assert 'id="line-400"' in third
    assert 'id="line-1"' not in third
