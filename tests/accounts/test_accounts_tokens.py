"""API tokens: the last use is kept to the minute, without a write on every request."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from vanort.accounts import services
from vanort.accounts.models import ApiToken
from vanort.accounts.selectors import TOKEN_USE_RESOLUTION, user_for_token

pytestmark = pytest.mark.django_db


def test_first_use_is_recorded_and_repeated_use_within_a_minute_writes_nothing(
    case_officer: Any, django_assert_num_queries: Any
) -> None:
    token, raw = services.api_token_create(user=case_officer, name="t")
    with django_assert_num_queries(2):  # look-up + the first use
        assert user_for_token(raw) == case_officer
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # look-up only
        assert user_for_token(raw) == case_officer
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first


def test_use_after_the_resolution_is_recorded_again(case_officer: Any) -> None:
    token, raw = services.api_token_create(user=case_officer, name="t")
    user_for_token(raw)
    old = ApiToken.objects.get(pk=token.pk).last_used_at - TOKEN_USE_RESOLUTION - timedelta(seconds=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=old)
    user_for_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > old + TOKEN_USE_RESOLUTION


def test_revoked_token_is_refused(case_officer: Any) -> None:
    token, raw = services.api_token_create(user=case_officer, name="t")
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    assert user_for_token(raw) is None
