"""Schema fuzzing: every operation of the OpenAPI schema, with an administrator's token, on the
current test database (SQLite or PostgreSQL): no answer is a 5xx (issue 8).

Each operation gets generated cases twice: as generated (ids mostly unknown → 404 paths) and
with its path ids pointed at real records, so the fuzzed bodies reach the services. Bounded
in examples so the whole run stays well under a minute.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.core import NOT_SET

from vanort.accounts.services import api_token_create
from vanort.motions import services as motion_services
from vanort.motions.models import Motion
from vanort.registry.models import Partnership

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES = 8


@pytest.fixture
def api_schema() -> Any:
    from vanort.api.urls import api

    return schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def real_ids(demo: Any, admin_user: Any, huddinge: Any) -> dict[str, Any]:
    from vanort.motions.demo import load_demo as load_motions

    load_motions()
    motion = Motion.objects.filter(municipality=huddinge).exclude(state="draft").first()
    draft = motion_services.motion_create(
        user=admin_user,
        municipality=huddinge,
        title="Fuzz",
        filed_date=date(2024, 1, 2),
        proposers=[motion_services.ProposerIn("Anna", "S")],
    )
    attachment = motion_services.attachment_add(
        user=admin_user, motion=draft, title="a", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    referral = motion.referrals.first() if motion else None
    return {
        "place_id": huddinge.pk,
        "partnership_id": Partnership.objects.first().pk,
        "motion_id": draft.pk if motion is None else motion.pk,
        "attachment_id": attachment.pk,
        "referral_id": referral.pk if referral else 1,
        "code": "0126",
    }


def _call(client: Any, case: Any, headers: dict[str, str]) -> Any:
    path = case.formatted_path
    if case.query:
        path += "?" + urlencode(case.query, doseq=True)
    kwargs: dict[str, Any] = {"headers": {**{k: str(v) for k, v in (case.headers or {}).items()}, **headers}}
    if isinstance(case.body, bytes):
        kwargs.update(data=case.body, content_type=case.media_type or "application/json")
    elif case.body is not NOT_SET:
        kwargs.update(data=json.dumps(case.body), content_type="application/json")
    return getattr(client, case.method.lower())(path, **kwargs)


def test_no_operation_answers_5xx(api_schema: Any, admin_user: Any, real_ids: dict[str, Any]) -> None:
    client = Client(raise_request_exception=False)
    _, raw = api_token_create(user=admin_user, name="fuzz")
    headers = {"Authorization": f"Bearer {raw}"}
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:

        @given(case=operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            for real in (False, True):
                if real and case.path_parameters:
                    case.path_parameters = {k: real_ids.get(k, v) for k, v in case.path_parameters.items()}
                elif real:
                    continue
                response = _call(client, case, headers)
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} {case.query} {case.body!r:.300}")

        run()
    assert failures == [], "\n".join(failures)
