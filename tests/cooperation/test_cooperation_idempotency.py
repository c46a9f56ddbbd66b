"""Creating once: a double-clicked form or a retried API POST (same user, same key) creates one record."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.cooperation.test_cooperation_api import OFFER
from vanort.accounts.services import api_token_create
from vanort.cooperation import services
from vanort.cooperation.models import IdempotencyKey, Initiative, Need, Offer
from vanort.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def _offer_once(user: Any, municipality: Any, key: str | None, **extra: Any) -> Any:
    fields = {
        "sector": "emergency",
        "form": "equipment",
        "title": "Begagnad brandbil",
        "description": "En brandbil i gott skick.",
    } | extra
    return services.offer_publish_once(idempotency_key=key, user=user, municipality=municipality, **fields)


def _auth(user: Any, key: str | None = None) -> dict[str, str]:
    _token, raw = api_token_create(user=user, name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return headers


def _api_post(url: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post(url, body, content_type="application/json", **headers)


# --- the service -----------------------------------------------------------------------------------


def test_the_same_key_gets_the_first_offer_back(case_officer: Any, huddinge: Any) -> None:
    first = _offer_once(case_officer, huddinge, "k1")
    again = _offer_once(case_officer, huddinge, "k1")
    assert (first.created, again.created) == (True, False)
    assert again.record.pk == first.record.pk
    assert Offer.objects.count() == 1


def test_a_key_older_than_a_week_is_forgotten_and_its_row_deleted(case_officer: Any, huddinge: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from vanort.cooperation.idempotency import KEEP

    first = _offer_once(case_officer, huddinge, "k-old")
    IdempotencyKey.objects.filter(key="k-old").update(created_at=timezone.now() - KEEP - timedelta(minutes=1))
    again = _offer_once(case_officer, huddinge, "k-old")
    assert again.created
    assert again.record.pk != first.record.pk
    assert IdempotencyKey.objects.filter(key="k-old").count() == 1


def test_the_key_is_stored_with_user_target_and_record(case_officer: Any, huddinge: Any) -> None:
    offer = _offer_once(case_officer, huddinge, "k1").record
    row = IdempotencyKey.objects.get()
    assert (row.user, row.key, row.target, row.target_id) == (case_officer, "k1", "offer", offer.pk)
    assert row.created_at is not None


def test_the_same_key_with_other_fields_is_refused_and_nothing_is_created(case_officer: Any, huddinge: Any) -> None:
    _offer_once(case_officer, huddinge, "k1")
    with pytest.raises(ValidationFailed) as exc:
        _offer_once(case_officer, huddinge, "k1", title="Ambulans")
    assert (exc.value.code, exc.value.status) == ("idempotency_key_reused", 422)
    assert Offer.objects.count() == 1


def test_choices_repeated_or_reordered_are_the_same_request() -> None:
    from vanort.cooperation.idempotency import fingerprint

    assert fingerprint("initiative", {"sectors": ["water", "health", "water"]}) == fingerprint(
        "initiative", {"sectors": ["health", "water"]}
    )
    assert fingerprint("initiative", {"sectors": ["water"]}) != fingerprint("initiative", {"sectors": ["health"]})


def test_the_same_key_for_another_kind_of_record_is_refused(
    case_officer: Any, huddinge: Any, partner_official: Any, partner_place: Any
) -> None:
    _offer_once(case_officer, huddinge, "k1")
    with pytest.raises(ValidationFailed):
        services.initiative_create_once(idempotency_key="k1", user=case_officer, municipality=huddinge, title="X")
    assert not Initiative.objects.exists()


def test_another_users_key_is_her_own(case_officer: Any, huddinge: Any, user_factory: Any) -> None:
    colleague = user_factory(role="case_officer", municipality=huddinge)
    _offer_once(case_officer, huddinge, "k1")
    assert _offer_once(colleague, huddinge, "k1").created
    assert Offer.objects.count() == 2


def test_without_a_key_every_request_creates(case_officer: Any, huddinge: Any) -> None:
    _offer_once(case_officer, huddinge, None)
    _offer_once(case_officer, huddinge, None)
    assert Offer.objects.count() == 2


def test_a_refused_create_keeps_no_key_and_may_be_retried(case_officer: Any, huddinge: Any) -> None:
    with pytest.raises(ValidationFailed):
        _offer_once(case_officer, huddinge, "k1", sector="astrology")
    assert not IdempotencyKey.objects.exists()
    assert _offer_once(case_officer, huddinge, "k1").created


def test_a_key_that_is_too_long_or_not_ascii_is_refused(case_officer: Any, huddinge: Any) -> None:
    for key in ("x" * 101, "nyckel å", "a\nb"):
        with pytest.raises(ValidationFailed) as exc:
            _offer_once(case_officer, huddinge, key)
        assert exc.value.field == "idempotency_key"
    assert not Offer.objects.exists()


def test_needs_are_created_once_by_the_same_mechanism(partner_official: Any, partner_place: Any) -> None:
    def publish() -> Any:
        return services.need_publish_once(
            idempotency_key="n1",
            user=partner_official,
            place=partner_place,
            sector="water",
            form="equipment",
            title="Насос",
            description="Потрібен насос для водогону.",
            language="uk",
        )

    assert [publish().created, publish().created] == [True, False]
    assert Need.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_create_one_offer(at_once: Any, case_officer: Any, huddinge: Any) -> None:
    outcomes = at_once(*[lambda: lambda: _offer_once(case_officer, huddinge, "k1")] * 2)
    assert outcomes == ["accepted", "accepted"]
    assert Offer.objects.count() == 1


# --- the API -----------------------------------------------------------------------------------------


def test_api_retry_with_the_same_key_is_200_with_the_same_offer(case_officer: Any) -> None:
    first = _api_post("/api/offers", OFFER, _auth(case_officer, "retry-1"))
    again = _api_post("/api/offers", OFFER, _auth(case_officer, "retry-1"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Offer.objects.count() == 1


def test_api_key_reused_with_another_body_is_422_json(case_officer: Any) -> None:
    _api_post("/api/offers", OFFER, _auth(case_officer, "retry-1"))
    response = _api_post("/api/offers", {**OFFER, "quantity": 2}, _auth(case_officer, "retry-1"))
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("idempotency_key_reused", "idempotency_key")
    assert Offer.objects.count() == 1


def test_api_need_retry_with_the_same_key_is_200(partner_official: Any, partner_place: Any) -> None:
    body = {
        "place_id": partner_place.pk,
        "sector": "water",
        "form": "equipment",
        "title": "Насос",
        "description": "Потрібен насос для водогону.",
        "language": "uk",
    }
    codes = [_api_post("/api/needs", body, _auth(partner_official, "need-1")).status_code for _ in range(2)]
    assert codes == [201, 200]
    assert Need.objects.count() == 1


def test_api_without_a_key_creates_twice(case_officer: Any) -> None:
    assert [_api_post("/api/offers", OFFER, _auth(case_officer)).status_code for _ in range(2)] == [201, 201]
    assert Offer.objects.count() == 2


# --- the web form ------------------------------------------------------------------------------------


def _officer(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form_token(page: str) -> str:
    found = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page)
    assert found, "the form carries a one-time token"
    return found.group(1)


def _offer_form(huddinge: Any, token: str, **extra: Any) -> dict[str, Any]:
    return {
        "municipality": huddinge.pk,
        "sector": "emergency",
        "form": "equipment",
        "title": "Begagnad brandbil",
        "description": "En brandbil i gott skick.",
        "language": "sv",
        "idempotency_key": token,
    } | extra


def test_a_double_submitted_offer_form_creates_one_offer_and_leads_to_it(case_officer: Any, huddinge: Any) -> None:
    client = _officer(case_officer)
    token = _form_token(client.get("/samarbete/erbjudanden/nytt/").content.decode())
    first = client.post("/samarbete/erbjudanden/nytt/", _offer_form(huddinge, token))
    again = client.post("/samarbete/erbjudanden/nytt/", _offer_form(huddinge, token))
    offer = Offer.objects.get()
    assert first["Location"] == again["Location"] == f"/samarbete/erbjudanden/{offer.pk}/"


def test_each_form_page_has_its_own_token(case_officer: Any) -> None:
    client = _officer(case_officer)
    pages = [client.get("/samarbete/erbjudanden/nytt/").content.decode() for _ in range(2)]
    assert _form_token(pages[0]) != _form_token(pages[1])


def test_a_changed_form_with_a_used_token_is_refused_with_a_fresh_token(case_officer: Any, huddinge: Any) -> None:
    client = _officer(case_officer)
    client.post("/samarbete/erbjudanden/nytt/", _offer_form(huddinge, "a" * 32))
    response = client.post("/samarbete/erbjudanden/nytt/", _offer_form(huddinge, "a" * 32, title="Ambulans"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Formuläret är redan skickat" in page
    assert _form_token(page) != "a" * 32
    assert Offer.objects.count() == 1


@pytest.mark.parametrize("path", ["/api/needs", "/api/offers", "/api/initiatives"])
def test_api_docs_name_the_idempotency_header_of_each_create(path: str) -> None:
    spec = Client().get("/api/openapi.json").json()
    header = {p["name"]: p for p in spec["paths"][path]["post"]["parameters"]}["Idempotency-Key"]
    assert header["in"] == "header"
    assert "idempotency_key_reused" in header["description"]
