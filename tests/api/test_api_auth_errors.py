"""Anonymous API writes get the 401 JSON body, also when the client enforces CSRF (issue 8, low)."""

import json

import pytest
from django.test import Client

from vanort.registry.models import Partnership

pytestmark = pytest.mark.django_db


def test_anonymous_write_is_401_json_not_csrf_403(huddinge, place_factory):
    client = Client(enforce_csrf_checks=True)
    body = {"place_a_id": huddinge.pk, "place_b_id": place_factory().pk, "kind": "twin_town"}
    response = client.post("/api/partnerships", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert Partnership.objects.count() == 0


def test_logged_in_session_without_csrf_token_is_still_refused(case_officer, huddinge, place_factory):
    client = Client(enforce_csrf_checks=True)
    client.force_login(case_officer)
    body = {"place_a_id": huddinge.pk, "place_b_id": place_factory().pk, "kind": "twin_town"}
    response = client.post("/api/partnerships", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    assert Partnership.objects.count() == 0
