"""A bearer token is looked up once per request, however often the endpoint asks who reads."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vanort.accounts import services as accounts

pytestmark = pytest.mark.django_db


def test_a_write_with_a_token_looks_the_token_up_once(client, registrar, motion_factory):
    motion = motion_factory()
    _token, key = accounts.api_token_create(user=registrar, name="test")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/api/motions/{motion.pk}/transitions",
            data=json.dumps({"action": "submit", "version": motion.version}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
    assert response.status_code == 200
    token_reads = [q for q in queries.captured_queries if 'FROM "accounts_apitoken"' in q["sql"]]
    assert len(token_reads) == 1
