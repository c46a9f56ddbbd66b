import json
from datetime import date

import pytest
from django.urls import reverse

from vanort.audit.models import AuditEntry
from vanort.legal import selectors, services
from vanort.legal.models import AidAssessment, CountryAidStatus

pytestmark = pytest.mark.django_db


def _check(client, case):
    return client.post("/api/aid/check", data=json.dumps(case), content_type="application/json")


def test_api_check_returns_the_contract_shape(client, aid_table, fire_engine_case):
    body = _check(client, fire_engine_case).json()
    assert set(body) == {
        "outcome",
        "rules",
        "conditions",
        "citations",
        "aid_status",
        "explanation",
        "rules_version",
        "unverified",
    }
    assert (body["outcome"], body["rules"]) == ("permitted_with_conditions", ["R1"])
    assert set(body["aid_status"]) == {"country", "status", "basis", "source", "checked_at"}


def test_api_check_has_no_side_effects(client, aid_table, fire_engine_case):
    before = (AidAssessment.objects.count(), AuditEntry.objects.count())
    _check(client, fire_engine_case)
    assert (AidAssessment.objects.count(), AuditEntry.objects.count()) == before


def test_api_check_names_the_missing_field(client, aid_table):
    response = _check(client, {"giver": "kommun", "activity": "aid"})
    assert response.status_code == 422
    assert response.json()["field"] == "recipient_country"


def test_api_check_refuses_unknown_country(client, aid_table, fire_engine_case):
    response = _check(client, {**fire_engine_case, "recipient_country": "ZZ"})
    assert (response.status_code, response.json()["field"]) == (422, "recipient_country")


def test_guided_form_asks_only_relevant_questions(client, aid_table):
    html = client.get(reverse("web:aid_check"), {"giver": "kommun", "activity": "twinning_exchange"}).content.decode()
    assert 'name="form"' not in html
    html = client.get(
        reverse("web:aid_check"), {"giver": "kommun", "activity": "aid", "form": "financial"}
    ).content.decode()
    assert 'name="fin_purpose"' in html
    assert 'name="equipment_origin"' not in html


def test_guided_form_shows_verdict_with_unverified_citations(client, aid_table, fire_engine_case):
    query = {k: ("true" if v is True else v) for k, v in fire_engine_case.items()}
    html = client.get(reverse("web:aid_check"), query).content.decode()
    assert "tillåtet med villkor" in html
    assert "Paragrafnumren i 5 kap. lagen (2009:47) är inte kontrollerade" in html
    assert "Strategi för Sveriges återuppbyggnads" in html  # the aid-status row's basis, in Swedish
    assert "Strategy for Sweden" not in html


def test_saving_requires_login(client, aid_table, fire_engine_case):
    response = client.post(reverse("web:aid_save"), {**fire_engine_case, "title": "Brandbil"})
    assert response.status_code == 302
    assert AidAssessment.objects.count() == 0


def test_case_officer_saves_assessment(client, aid_table, case_officer, fire_engine_case):
    client.force_login(case_officer)
    query = {k: ("true" if v is True else v) for k, v in fire_engine_case.items()}
    response = client.post(reverse("web:aid_save"), {**query, "title": "Begagnad brandbil till Trostyanets"})
    saved = AidAssessment.objects.get()
    assert response.status_code == 302
    assert (saved.outcome, saved.rules_version, saved.case["decision_date"]) == (
        "permitted_with_conditions",
        saved.verdict["rules_version"],
        "2025-05-01",
    )


def test_table_change_shows_which_saved_verdicts_would_differ(aid_table, admin_user, fire_engine_case):
    services.assessment_save(user=admin_user, title="Brandbil", case=fire_engine_case)
    assert selectors.assessments_that_would_differ() == []
    row = CountryAidStatus.objects.get(country="UA", status="bilateral_strategy")
    services.status_row_update(
        user=admin_user, row=row, expected_version=row.version, status="paused", note="test: paused"
    )
    drift = selectors.assessments_that_would_differ()
    assert [(d.stored_outcome, d.now_outcome) for d in drift] == [("permitted_with_conditions", "needs_legal_review")]


def test_only_admin_edits_the_table_and_history_is_kept(aid_table, case_officer, admin_user):
    row = CountryAidStatus.objects.get(country="UA", status="bilateral_strategy")
    row_before_checked = row.checked_at.isoformat()
    from vanort.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.status_row_update(user=case_officer, row=row, expected_version=row.version, basis="x")
    services.status_row_update(user=admin_user, row=row, expected_version=row.version, checked_at=date(2026, 11, 1))
    change = AuditEntry.objects.get(record_type="legal.countryaidstatus")
    assert (change.action, change.actor, change.record_id) == ("updated", admin_user, row.pk)
    assert change.changes == {"checked_at": [row_before_checked, "2026-11-01"]}


def test_overlapping_rows_are_refused(aid_table, admin_user):
    from vanort.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.status_row_create(
            user=admin_user,
            country="UA",
            status="none",
            basis="b",
            source="s",
            valid_from=date(2025, 1, 1),
            valid_to=None,
            checked_at=date(2026, 1, 1),
        )
    assert CountryAidStatus.objects.filter(country="UA").count() == 2


def test_country_table_page_shows_source_and_check_date(client, aid_table):
    html = client.get(reverse("web:aid_countries"), {"country": "UA"}).content.decode()
    assert "2027-12-31" in html
    assert "Strategi för Sveriges återuppbyggnads- och reformsamarbete med Ukraina" in html
    assert "LEGAL_RULES.md" not in html


def test_country_table_notes_are_in_the_readers_language(client, aid_table):
    english = client.get("/en/stod/lander/", {"country": "UA"}).content.decode()
    ukrainian = client.get("/uk/stod/lander/", {"country": "UA"}).content.decode()
    assert "Strategy for Sweden&#x27;s reconstruction and reform cooperation with Ukraine" in english
    assert "Стратегія Швеції щодо співпраці з Україною" in ukrainian
    assert "Strategy for Sweden" not in ukrainian
