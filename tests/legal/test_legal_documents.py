"""The aid verdict as a document (issue 12) and saved assessments that respect roles (issue 8)."""

import html as html_lib
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from vanort import aid
from vanort.legal import services
from vanort.legal.models import AidAssessment

pytestmark = pytest.mark.django_db

INTERNAL = [
    "bilateral_strategy",
    "regional_strategy_only",
    "permitted_with_conditions",
    "needs_legal_review",
    "not_permitted",
    "OV-",
    "R11",
    "equipment_origin",
    "use_verification_plan",
    "spare",
    "LEGAL_RULES.md",
    "country_aid_status.csv",
    "True",
    "antagen numrering",
]


def _query(case):
    return {k: ("true" if v is True else "false" if v is False else v) for k, v in case.items()}


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _check_page(client, case, lang="sv"):
    with translation.override(lang):
        url = reverse("web:aid_check")
    response = client.get(url, _query(case))
    assert response.status_code == 200
    return _visible_text(response.content.decode())


@pytest.mark.parametrize("lang", ["sv", "en", "uk"])
@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"goods_type": "military"},
        {"decision_date": "2028-03-01"},
        {"decision_body": "bolagsstyrelse"},
        {"form": "financial", "fin_purpose": "other", "equipment_origin": None, "goods_type": None},
    ],
    ids=["permitted", "military", "no-row", "wrong-body", "cash"],
)
def test_verdict_page_shows_no_internal_codes(client, aid_table, reference_data, fire_engine_case, lang, changes):
    case = {k: v for k, v in {**fire_engine_case, **changes}.items() if v is not None}

    text = _check_page(client, case, lang)

    found = [code for code in INTERNAL if code in text]
    assert found == []
    assert " UA " not in text


@pytest.mark.parametrize(
    ("lang", "law", "status", "unverified"),
    [
        (
            "sv",
            "5 kap. 4 § lagen (2009:47) om vissa kommunala befogenheter",
            "bilateral strategi för utvecklingssamarbete",
            "Paragrafnumren i 5 kap. lagen (2009:47) är inte kontrollerade",
        ),
        (
            "en",
            "Chapter 5, Section 4, Act on Certain Municipal Powers (SFS 2009:47)",
            "bilateral development cooperation strategy",
            "The section numbers of Chapter 5 of the Act (2009:47) have not been checked",
        ),
        (
            "uk",
            "глава 5, § 4 Закону Швеції «Про окремі повноваження муніципалітетів» (SFS 2009:47)",
            "двостороння стратегія співпраці",
            "Нумерацію параграфів глави 5 Закону (2009:47) не звірено",
        ),
    ],
)
def test_verdict_in_the_readers_language_with_law_and_source(
    client, aid_table, reference_data, fire_engine_case, lang, law, status, unverified
):
    text = _check_page(client, fire_engine_case, lang)

    assert law in text
    assert status in text
    assert text.count(unverified) == 1
    source = "Government of Sweden: Strategy for Sweden's reconstruction and reform cooperation with Ukraine 2023–2027"
    assert aid.load_rulebook().table_text(source + ", decided 13 July 2023").get(lang) in text
    assert "2026-11-26" in text


def test_ukrainian_reader_gets_ukrainian_rule_texts(client, aid_table, reference_data, fire_engine_case):
    text = _check_page(client, fire_engine_case, "uk")

    assert "Допомога у формі обладнання країні, яка отримує урядову допомогу Швеції на розвиток." in text
    assert "Переконайтеся, що обладнання використовується за призначенням." in text
    assert "Україна" in text


def test_not_permitted_lists_reasons_not_conditions(client, aid_table, reference_data, fire_engine_case):
    text = _check_page(client, {**fire_engine_case, "goods_type": "military"})

    assert "Skäl" in text
    assert "Krigsmateriel kan inte lämnas som kommunalt bistånd." in text
    assert "Villkor" not in text
    assert "Förvissa dig om att utrustningen används" not in text


def test_show_button_marks_the_result_for_focus(client, aid_table, reference_data, fire_engine_case):
    html = client.get(reverse("web:aid_check"), {**_query(fire_engine_case), "visa": "1"}).content.decode()
    plain = client.get(reverse("web:aid_check"), _query(fire_engine_case)).content.decode()

    assert 'id="aid-result" aria-live="polite" data-focus-on-load' in html
    assert "data-focus-on-load" not in plain
    assert 'id="aid-result-h" tabindex="-1"' in html


# --- saving: roles, publication, privacy, CSRF ----------------------------------------------


def _save(client, case, **extra):
    return client.post(reverse("web:aid_save"), {**_query(case), "title": "Brandbil", **extra})


def test_user_without_a_role_cannot_save(client, aid_table, user_factory, huddinge, fire_engine_case):
    client.force_login(user_factory())

    response = _save(client, fire_engine_case, municipality=huddinge.pk)

    assert response.status_code == 302
    assert AidAssessment.objects.count() == 0


def test_user_without_a_role_is_refused_by_the_service(aid_table, user_factory, huddinge, fire_engine_case):
    from vanort.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.assessment_save(user=user_factory(), title="x", case=fire_engine_case, municipality=huddinge)
    assert AidAssessment.objects.count() == 0


@pytest.mark.parametrize("title", ["a\x00b", "x" * 60_000])
def test_bad_titles_are_refused_without_a_trace(aid_table, case_officer, huddinge, fire_engine_case, title):
    from vanort.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.assessment_save(user=case_officer, title=title, case=fire_engine_case, municipality=huddinge)
    assert AidAssessment.objects.count() == 0


def test_officer_cannot_save_for_another_municipality(client, aid_table, case_officer, botkyrka, fire_engine_case):
    client.force_login(case_officer)

    _save(client, fire_engine_case, municipality=botkyrka.pk)

    assert AidAssessment.objects.count() == 0


def test_saved_assessment_is_not_public_by_default(client, aid_table, case_officer, huddinge, fire_engine_case):
    client.force_login(case_officer)

    response = _save(client, fire_engine_case, municipality=huddinge.pk)

    saved = AidAssessment.objects.get()
    assert response["Location"] == reverse("web:aid_assessment_detail", args=[saved.pk])
    assert (saved.public, saved.municipality, saved.created_by) == (False, huddinge, case_officer)


def test_publication_is_a_choice_when_saving(client, aid_table, registrar, huddinge, fire_engine_case):
    client.force_login(registrar)

    _save(client, fire_engine_case, municipality=huddinge.pk, public="on")

    assert AidAssessment.objects.get().public is True


@pytest.fixture
def unpublished(aid_table, case_officer, huddinge, fire_engine_case):
    return services.assessment_save(user=case_officer, title="Intern", case=fire_engine_case, municipality=huddinge)


@pytest.fixture
def published(aid_table, case_officer, huddinge, fire_engine_case):
    return services.assessment_save(
        user=case_officer, title="Publik", case=fire_engine_case, municipality=huddinge, public=True
    )


@pytest.mark.parametrize("route", ["web:aid_assessment_detail", "web:aid_assessment_pdf"])
def test_unpublished_assessment_is_hidden_from_anonymous_and_other_municipalities(
    client, unpublished, other_officer, route
):
    url = reverse(route, args=[unpublished.pk])

    anonymous = client.get(url).status_code
    client.force_login(other_officer)
    other = client.get(url).status_code
    listing = client.get(reverse("web:aid_assessments")).content.decode()

    assert (anonymous, other) == (404, 404)
    assert "Intern" not in listing


def test_own_municipality_reads_unpublished_assessment_with_the_savers_name(client, unpublished, registrar):
    client.force_login(registrar)

    html = client.get(reverse("web:aid_assessment_detail", args=[unpublished.pk])).content.decode()

    assert unpublished.created_by.username in html
    assert "Intern" in client.get(reverse("web:aid_assessments")).content.decode()


def test_savers_name_is_never_public(client, published):
    page = client.get(reverse("web:aid_assessment_detail", args=[published.pk])).content.decode()
    listing = client.get(reverse("web:aid_assessments")).content.decode()
    pdf = client.get(reverse("web:aid_assessment_pdf", args=[published.pk]))

    name = published.created_by.username
    assert "Publik" in listing
    assert name not in page
    assert name not in listing
    assert name not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)


def test_incomplete_case_on_save_never_puts_the_csrf_token_in_the_url(
    aid_table, case_officer, huddinge, fire_engine_case
):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(case_officer)
    client.get(reverse("web:aid_check"))
    token = client.cookies["csrftoken"].value
    incomplete = {k: v for k, v in _query(fire_engine_case).items() if k != "decision_body"}

    response = client.post(
        reverse("web:aid_save"),
        {**incomplete, "title": "Brandbil", "municipality": huddinge.pk, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    location = response["Location"]
    assert "csrf" not in location.lower()
    assert set(parse_qs(urlsplit(location).query)) == set(incomplete)
    assert AidAssessment.objects.count() == 0


# --- PDF ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", ["Bedömning: tillåtet med villkor", "5 kap. 4 § lagen (2009:47)", "Förvissa dig om"]),
        ("en", ["Assessment: permitted with conditions", "Chapter 5, Section 4"]),
        ("uk", ["Оцінка: дозволено за умов", "Переконайтеся, що обладнання", "Україна"]),
    ],
)
def test_pdf_of_a_saved_assessment_in_the_readers_language(client, reference_data, published, lang, expected):
    with translation.override(lang):
        url = reverse("web:aid_assessment_pdf", args=[published.pk])

    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="stodbedomning-{published.pk}-{lang}.pdf"'
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    for part in expected:
        assert part in text
    assert "permitted_with_conditions" not in text
    assert "bilateral_strategy" not in text


def test_assessment_page_links_its_pdf(client, published):
    html = client.get(reverse("web:aid_assessment_detail", args=[published.pk])).content.decode()

    assert reverse("web:aid_assessment_pdf", args=[published.pk]) in html


@pytest.mark.parametrize("pk", [0, 2**63, 10**30])
def test_out_of_range_ids_are_404(client, aid_table, pk):
    assert client.get(f"/stod/bedomningar/{pk}/").status_code == 404
    assert client.get(f"/stod/bedomningar/{pk}/pdf/").status_code == 404
