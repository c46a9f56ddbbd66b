"""Duplicate partnerships (same pair, kind, overlapping time) are refused with 409 (issue 8, low)."""

import json

import pytest
from django.urls import reverse

from vanort.accounts.services import api_token_create
from vanort.core.errors import Conflict
from vanort.core.partial_dates import PartialDate
from vanort.registry import services
from vanort.registry.models import Partnership

pytestmark = pytest.mark.django_db


def _create(user, a, b, kind="twin_town", start=None, end=None, reason=""):
    return services.partnership_create(
        user=user,
        place_a=a,
        place_b=b,
        kind=kind,
        start=PartialDate.parse(start) if start else None,
        end=PartialDate.parse(end) if end else None,
        end_reason=reason,
    )


def test_same_pair_and_kind_overlapping_is_refused(case_officer, huddinge, place_factory):
    partner = place_factory()
    _create(case_officer, huddinge, partner, start="1990")
    with pytest.raises(Conflict) as err:
        _create(case_officer, partner, huddinge, start="2001")
    assert err.value.status == 409
    assert Partnership.objects.count() == 1


def test_a_later_renewal_after_the_end_is_allowed(case_officer, huddinge, place_factory):
    partner = place_factory()
    _create(case_officer, huddinge, partner, start="1950", end="1970", reason="terminated")
    _create(case_officer, huddinge, partner, start="2023")
    assert Partnership.objects.count() == 2


def test_another_kind_is_allowed(case_officer, huddinge, place_factory):
    partner = place_factory()
    _create(case_officer, huddinge, partner, start="1990")
    _create(case_officer, huddinge, partner, kind="friendship_town", start="1990")
    assert Partnership.objects.count() == 2


def test_editing_into_an_overlap_is_refused(case_officer, huddinge, place_factory):
    partner = place_factory()
    _create(case_officer, huddinge, partner, start="1950", end="1970", reason="terminated")
    later = _create(case_officer, huddinge, partner, start="2023")
    with pytest.raises(Conflict):
        services.partnership_update(
            user=case_officer, partnership=later, expected_version=later.version, start=PartialDate.parse("1960")
        )


def test_api_answers_409(client, case_officer, huddinge, place_factory):
    partner = place_factory()
    _create(case_officer, huddinge, partner, start="1990")
    _, raw = api_token_create(user=case_officer, name="t")
    response = client.post(
        "/api/partnerships",
        data=json.dumps({"place_a_id": huddinge.pk, "place_b_id": partner.pk, "kind": "twin_town", "start": "2000"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert (response.status_code, response.json()["code"]) == (409, "duplicate_partnership")


def test_web_form_shows_an_error(client, case_officer, huddinge, place_factory):
    partner = place_factory()
    _create(case_officer, huddinge, partner, start="1990")
    client.force_login(case_officer)
    response = client.post(
        reverse("web:partnership_create"),
        {"municipality": huddinge.pk, "partner": partner.pk, "kind": "twin_town", "start": "2000"},
    )
    assert response.status_code == 400
    assert "finns redan" in response.content.decode()
    assert Partnership.objects.count() == 1
