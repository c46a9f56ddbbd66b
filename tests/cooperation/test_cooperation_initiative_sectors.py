"""An initiative's sectors (service, API, web, accepted match) and its partner places (abroad only)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from vanort.accounts.services import api_token_create
from vanort.cooperation import services
from vanort.cooperation.models import Initiative
from vanort.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def _auth(user: Any) -> dict[str, str]:
    _token, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _create(case_officer: Any, huddinge: Any, **extra: Any) -> Initiative:
    return services.initiative_create(user=case_officer, municipality=huddinge, title="Projekt", **extra)


# --- sectors -------------------------------------------------------------------------------------


def test_an_initiative_keeps_its_sectors(case_officer: Any, huddinge: Any) -> None:
    initiative = _create(case_officer, huddinge, sectors=["water", "education", "water"])
    assert sorted(s.code for s in initiative.sectors.all()) == ["education", "water"]


def test_an_unknown_sector_is_refused_and_nothing_is_created(case_officer: Any, huddinge: Any) -> None:
    with pytest.raises(ValidationFailed) as exc:
        _create(case_officer, huddinge, sectors=["water", "astrology"])
    assert exc.value.field == "sectors"
    assert not Initiative.objects.exists()


def test_an_accepted_match_gives_the_initiative_the_needs_sector(accepted: Any) -> None:
    initiative, match = accepted
    assert [s.code for s in initiative.sectors.all()] == [match.need.sector_id] == ["emergency"]


def test_api_creates_an_initiative_with_sectors_and_returns_them(case_officer: Any, huddinge: Any) -> None:
    body = {"municipality": "0126", "title": "Vattenprojekt", "sectors": ["water"]}
    response = Client().post("/api/initiatives", body, content_type="application/json", **_auth(case_officer))
    assert response.status_code == 201, response.content
    assert response.json()["sectors"] == ["water"]
    assert Client().get(f"/api/initiatives/{response.json()['id']}").json()["sectors"] == ["water"]


def test_api_refuses_an_unknown_sector_with_422(case_officer: Any, huddinge: Any) -> None:
    body = {"municipality": "0126", "title": "Projekt", "sectors": ["astrology"]}
    response = Client().post("/api/initiatives", body, content_type="application/json", **_auth(case_officer))
    assert response.status_code == 422
    assert response.json()["field"] == "sectors"
    assert not Initiative.objects.exists()


def test_api_lists_initiatives_of_a_sector(case_officer: Any, huddinge: Any) -> None:
    water = _create(case_officer, huddinge, sectors=["water"])
    _create(case_officer, huddinge, sectors=["culture"])
    items = Client().get("/api/initiatives?sector=water").json()["items"]
    assert [i["id"] for i in items] == [water.pk]


def test_web_form_creates_an_initiative_with_sectors(case_officer: Any, huddinge: Any) -> None:
    body = {"municipality": huddinge.pk, "title": "Skolprojekt", "sectors": ["education", "culture"]}
    response = _client(case_officer).post("/samarbete/initiativ/nytt/", body)
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert sorted(s.code for s in initiative.sectors.all()) == ["culture", "education"]


def test_web_detail_shows_the_sectors_in_the_readers_language(case_officer: Any, huddinge: Any) -> None:
    initiative = _create(case_officer, huddinge, sectors=["water"])
    page = Client().get(f"/en/samarbete/initiativ/{initiative.pk}/").content.decode()
    assert "Water" in page


def test_web_list_filters_initiatives_by_sector(case_officer: Any, huddinge: Any) -> None:
    services.initiative_create(user=case_officer, municipality=huddinge, title="Vattenverket", sectors=["water"])
    services.initiative_create(user=case_officer, municipality=huddinge, title="Teaterutbyte", sectors=["culture"])
    page = Client().get("/samarbete/initiativ/?sector=water").content.decode()
    assert "Vattenverket" in page
    assert "Teaterutbyte" not in page


# --- partner places: abroad only -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "kind"), [("SE", "region"), ("SE", "kommun"), ("SE", "city"), ("UA", "oblast"), ("FI", "region")]
)
def test_a_partner_place_that_is_not_a_municipality_abroad_is_refused(
    case_officer: Any, huddinge: Any, place_factory: Any, country: str, kind: str
) -> None:
    place = place_factory(name="Fel ort", country=country, kind=kind)
    with pytest.raises(ValidationFailed) as exc:
        _create(case_officer, huddinge, partner_places=[place])
    assert (exc.value.field, exc.value.code) == ("partner_places", "partner_not_foreign")
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(("country", "kind"), [("UA", "hromada"), ("FI", "city"), ("NO", "kommun")])
def test_a_municipality_abroad_is_a_partner_place(
    case_officer: Any, huddinge: Any, place_factory: Any, country: str, kind: str
) -> None:
    place = place_factory(name="Partnerort", country=country, kind=kind)
    assert list(_create(case_officer, huddinge, partner_places=[place]).partner_places.all()) == [place]


def test_api_refuses_a_swedish_region_as_partner_place_with_422(
    case_officer: Any, huddinge: Any, place_factory: Any
) -> None:
    region = place_factory(name="Region Testland", country="SE", kind="region")
    body = {"municipality": "0126", "title": "Projekt", "partner_place_ids": [region.pk]}
    response = Client().post("/api/initiatives", body, content_type="application/json", **_auth(case_officer))
    assert response.status_code == 422
    assert (response.json()["field"], response.json()["code"]) == ("partner_places", "partner_not_foreign")
    assert not Initiative.objects.exists()


def test_a_partnership_with_a_swedish_place_is_refused(
    case_officer: Any, huddinge: Any, botkyrka: Any, partnership_factory: Any
) -> None:
    partnership = partnership_factory(b=botkyrka, kind="other")
    with pytest.raises(ValidationFailed) as exc:
        _create(case_officer, huddinge, partnership=partnership)
    assert (exc.value.field, exc.value.code) == ("partnership", "partner_not_foreign")
    assert not Initiative.objects.exists()


def test_web_form_does_not_offer_a_swedish_partner_and_refuses_one(
    case_officer: Any, huddinge: Any, botkyrka: Any, partnership_factory: Any
) -> None:
    partnership_factory(b=botkyrka, kind="other")
    page = _client(case_officer).get("/samarbete/initiativ/nytt/").content.decode()
    assert botkyrka.name not in page
    body = {"municipality": huddinge.pk, "title": "Projekt", "partner_places": [botkyrka.pk]}
    response = _client(case_officer).post("/samarbete/initiativ/nytt/", body)
    assert response.status_code == 400
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("pk", [str(2**63), "1" + "0" * 30])
def test_web_form_refuses_a_partner_id_beyond_any_record_with_a_form_error(
    case_officer: Any, huddinge: Any, pk: str
) -> None:
    body = {"municipality": huddinge.pk, "title": "Projekt", "partner_places": [pk]}
    response = _client(case_officer).post("/samarbete/initiativ/nytt/", body)
    assert response.status_code == 400
    assert not Initiative.objects.exists()


def test_another_municipalitys_officer_cannot_create_a_huddinge_initiative_with_a_key(other_officer: Any) -> None:
    from vanort.cooperation.models import IdempotencyKey

    body = {"municipality": "0126", "title": "Vattenprojekt", "sectors": ["water"]}
    headers = {**_auth(other_officer), "HTTP_IDEMPOTENCY_KEY": "k1"}
    response = Client().post("/api/initiatives", body, content_type="application/json", **headers)
    assert response.status_code == 403
    assert not Initiative.objects.exists()
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize("sector", ["wat\x00er", "x" * 60_000])
def test_a_nul_or_huge_sector_filter_is_a_4xx(sector: str) -> None:
    response = Client().get("/api/initiatives", {"sector": sector})
    assert 400 <= response.status_code < 500
