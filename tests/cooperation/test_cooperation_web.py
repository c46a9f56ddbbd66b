"""Cooperation pages: the board, the forms, match review, the initiative page, notices; refusals."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vanort.cooperation.models import Initiative, Match, Need, Offer

pytestmark = pytest.mark.django_db


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_partner_official_posts_a_need_in_ukrainian(partner_official: Any, partner_place: Any) -> None:
    response = _client(partner_official).post(
        "/uk/samarbete/behov/nytt/",
        {
            "place": partner_place.pk,
            "sector": "emergency",
            "form": "equipment",
            "title": "Потрібен генератор",
            "description": "Школі потрібен генератор.",
            "language": "uk",
            "urgency": "high",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    need = Need.objects.get()
    assert need.language == "uk"
    assert need.created_by == partner_official


def test_need_form_refuses_those_without_a_partner_place(case_officer: Any, partner_place: Any) -> None:
    response = _client(case_officer).post(
        "/samarbete/behov/nytt/",
        {
            "place": partner_place.pk,
            "sector": "emergency",
            "form": "equipment",
            "title": "x",
            "description": "y",
            "language": "uk",
            "urgency": "high",
        },
    )
    assert response.status_code == 403
    assert not Need.objects.exists()


def test_anonymous_is_sent_to_login_from_the_forms(db: Any) -> None:
    for url in ("/samarbete/behov/nytt/", "/samarbete/erbjudanden/nytt/", "/samarbete/matchningar/"):
        assert _client().get(url).status_code == 302


def test_offer_form_bad_input_is_a_form_error(case_officer: Any, huddinge: Any) -> None:
    response = _client(case_officer).post(
        "/samarbete/erbjudanden/nytt/",
        {
            "municipality": huddinge.pk,
            "sector": "emergency",
            "form": "equipment",
            "title": "",
            "description": "x\x00",
            "language": "sv",
        },
    )
    assert response.status_code == 400
    assert not Offer.objects.exists()


def test_board_filters_by_sector_urgency_and_oblast(need_factory: Any, partner_place: Any, db: Any) -> None:
    need_factory()
    need_factory(sector="energy", urgency="low", title="Генератори", description="Потрібні генератори")
    html = _client().get("/samarbete/behov/?sector=energy").content.decode()
    assert "Генератори" in html
    assert "пожежний автомобіль" not in html
    html = _client().get("/samarbete/behov/?urgency=high").content.decode()
    assert "Генератори" not in html
    assert "Потрібен пожежний автомобіль" in html
    hx = _client().get("/samarbete/behov/?urgency=low", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in hx
    assert "Генератори" in hx


def test_officer_sees_the_ukrainian_need_with_swedish_key_terms(need_factory: Any, case_officer: Any) -> None:
    need = need_factory()
    html = _client(case_officer).get(reverse("web:need_detail", args=[need.pk])).content.decode()
    assert "brandbil" in html  # the key term of «пожежний автомобіль» in the reader's language


def test_match_review_shows_reasons_and_legal_verdict_and_accepts(
    need_factory: Any, offer_factory: Any, case_officer: Any
) -> None:
    offer_factory()
    need_factory()
    client = _client(case_officer)
    html = client.get("/samarbete/matchningar/").content.decode()
    assert "Tillåtet med villkor" in html or "villkor" in html
    match = Match.objects.get()
    response = client.post(reverse("web:match_accept", args=[match.pk]), {"version": match.version})
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:initiative_detail", args=[initiative.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Villkor att bocka av före beslut" in page


def test_other_municipality_cannot_accept_in_the_web(need_factory: Any, offer_factory: Any, other_officer: Any) -> None:
    offer_factory()
    need_factory()
    match = Match.objects.get()
    response = _client(other_officer).post(reverse("web:match_accept", args=[match.pk]), {"version": match.version})
    assert response.status_code == 403
    assert not Initiative.objects.exists()
    assert Match.objects.get().status == "proposed"


@pytest.mark.parametrize("version", ["9223372036854775807", "0", "x"])
def test_a_version_no_match_can_have_is_refused_as_stale(
    version: str, need_factory: Any, offer_factory: Any, case_officer: Any
) -> None:
    offer_factory()
    need_factory()
    match = Match.objects.get()
    response = _client(case_officer).post(reverse("web:match_accept", args=[match.pk]), {"version": version})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:match_list")
    assert not Initiative.objects.exists()
    assert Match.objects.get().status == "proposed"


def test_initiative_page_walks_to_delivery(accepted: Any, case_officer: Any, partner_official: Any) -> None:
    initiative, _match = accepted
    client = _client(case_officer)
    contribution = initiative.contributions.get()
    for condition in contribution.conditions.all():
        client.post(reverse("web:condition_toggle", args=[condition.pk]), {"done": "on"})
    contribution.refresh_from_db()
    response = client.post(
        reverse("web:contribution_approve", args=[contribution.pk]),
        {
            f"c{contribution.pk}-decision_date": "2025-03-01",
            f"c{contribution.pk}-version": contribution.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    for action in ("agree", "start_delivery", "deliver"):
        initiative.refresh_from_db()
        response = client.post(
            reverse("web:initiative_transition", args=[initiative.pk]),
            {"action": action, "version": initiative.version},
        )
        assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.state == "delivered"
    contribution.refresh_from_db()
    page = client.get(reverse("web:initiative_detail", args=[initiative.pk])).content.decode()
    assert reverse("web:aid_assessment", args=[contribution.assessment_id]) in page
    html = _client(partner_official).get("/uk/samarbete/notiser/").content.decode()
    links = re.findall(r'<li[^>]*><time[^>]*>[^<]*</time> <a href="([^"]+)"', html)
    assert links == [f"/uk/samarbete/initiativ/{initiative.pk}/"] * 4


def test_partner_official_cannot_move_the_initiative(accepted: Any, partner_official: Any) -> None:
    initiative, _match = accepted
    response = _client(partner_official).post(
        reverse("web:initiative_transition", args=[initiative.pk]), {"action": "cancel", "version": initiative.version}
    )
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.state == "proposed"


def test_partner_official_logs_in_to_the_ukrainian_interface(partner_official: Any) -> None:
    response = Client().post("/logga-in/", {"username": partner_official.username, "password": "pw-Secret-123"})
    assert response.status_code == 302
    assert response["Location"].startswith("/uk/")


def test_pages_render_in_three_languages_with_bounded_queries(
    accepted: Any, need_factory: Any, django_assert_max_num_queries: Any
) -> None:
    initiative, match = accepted
    need_factory(title="Інша потреба")
    for prefix in ("", "/en", "/uk"):
        for url in (
            "/samarbete/behov/",
            "/samarbete/erbjudanden/",
            f"/samarbete/initiativ/{initiative.pk}/",
            "/samarbete/initiativ/",
            f"/samarbete/behov/{match.need_id}/",
        ):
            with django_assert_max_num_queries(40):
                assert _client().get(prefix + url).status_code == 200, prefix + url


def test_demo_is_idempotent_and_marks_example_data(demo: Any) -> None:
    from vanort.cooperation.demo import load_demo

    first = load_demo()
    assert first["initiatives"] == 2
    assert first["example_needs"] >= 5
    assert load_demo() == {"initiatives": 0, "example_needs": 0, "example_offers": 0}
    visit = Initiative.objects.get(actor__name="Kyiv School of Economics")
    assert visit.state == "closed"
    assert visit.source is not None
    assert visit.activities.count() == 1
    assert Need.objects.filter(is_example=False).count() == 0
    html = _client().get("/samarbete/behov/").content.decode()
    assert "Exempeldata" in html


def test_officer_proposes_a_contribution_and_logs_a_study_visit(
    case_officer: Any, huddinge: Any, partner_place: Any, other_officer: Any
) -> None:
    from vanort.cooperation import services

    initiative = services.initiative_create(
        user=case_officer, municipality=huddinge, title="Studiebesök om demokrati", partner_places=[partner_place]
    )
    url = reverse("web:contribution_create", args=[initiative.pk])
    body = {
        "new-form": "training",
        "new-purpose": "Utbildning i intern demokrati",
        "new-recipient_place": partner_place.pk,
        "new-recipient_entity": "foreign_public",
        "new-decision_body": "delegate",
        "new-value_sek": "12000",
    }
    assert _client(other_officer).post(url, body).status_code == 403
    assert not initiative.contributions.exists()
    response = _client(case_officer).post(url, body)
    assert response.status_code == 302
    assert initiative.contributions.get().outcome == "permitted_with_conditions"
    visit = {
        "visit-title": "Besök av kommunala chefer",
        "visit-kind": "study_visit_in",
        "visit-start": "2024",
        "visit-participants_count": "7",
        "visit-topics": "intern demokrati",
    }
    response = _client(case_officer).post(reverse("web:visit_create", args=[initiative.pk]), visit)
    assert response.status_code == 302
    assert initiative.activities.get().participants_count == 7
    bad = _client(case_officer).post(reverse("web:visit_create", args=[initiative.pk]), {**visit, "visit-start": "x"})
    assert bad.status_code == 400
    assert initiative.activities.count() == 1


def _visible_text(html: str) -> str:
    """What a reader sees: the page without tags, attributes, scripts and styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("prefix", ["", "/en", "/uk"])
def test_cooperation_pages_show_no_internal_codes(
    prefix: str, accepted: Any, case_officer: Any, partner_official: Any
) -> None:
    initiative, match = accepted
    client = _client(case_officer)
    contribution = initiative.contributions.get()
    for condition in contribution.conditions.all():
        client.post(reverse("web:condition_toggle", args=[condition.pk]), {"done": "on"})
    contribution.refresh_from_db()
    client.post(
        reverse("web:contribution_approve", args=[contribution.pk]),
        {f"c{contribution.pk}-decision_date": "2025-03-01", f"c{contribution.pk}-version": contribution.version},
    )
    for action in ("agree", "start_delivery"):
        initiative.refresh_from_db()
        client.post(
            reverse("web:initiative_transition", args=[initiative.pk]),
            {"action": action, "version": initiative.version},
        )
    initiative.refresh_from_db()
    assert initiative.state == "in_delivery"
    pages = [
        f"/samarbete/initiativ/{initiative.pk}/",
        "/samarbete/initiativ/",
        f"/samarbete/behov/{match.need_id}/",
        f"/samarbete/erbjudanden/{match.offer_id}/",
        "/samarbete/matchningar/?status=",
    ]
    for reader in (client, _client(partner_official)):
        for url in pages:
            response = reader.get(prefix + url)
            assert response.status_code == 200, prefix + url
            text = _visible_text(response.content.decode())
            for code in ("in_delivery", "permitted_with_conditions", "(R1)", "R1:", "foreign_public"):
                assert code not in text, (prefix + url, code)
            if prefix == "/uk":
                assert "permitted with conditions" not in text, url
    if prefix == "/uk":
        page = _visible_text(
            _client(partner_official).get(f"/uk/samarbete/initiativ/{initiative.pk}/").content.decode()
        )
        assert "дозволено за умов" in page


def test_outsider_gets_403_before_the_approval_form_is_validated(accepted: Any, other_officer: Any) -> None:
    initiative, _match = accepted
    contribution = initiative.contributions.get()
    response = _client(other_officer).post(reverse("web:contribution_approve", args=[contribution.pk]), {})
    assert response.status_code == 403
    contribution.refresh_from_db()
    assert contribution.status == "proposed"
    assert contribution.approved_at is None
