"""Two officers accept the same match at the same time: exactly one initiative is created."""

from __future__ import annotations

from typing import Any

import pytest

from vanort.cooperation import services
from vanort.cooperation.models import Contribution, Initiative, Match


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_accepts_create_one_initiative(
    at_once: Any, need_factory: Any, offer_factory: Any, case_officer: Any, user_factory: Any, huddinge: Any
) -> None:
    colleague = user_factory(role="case_officer", municipality=huddinge)
    offer_factory()
    match = need_factory().matches.get()

    def accept(user: Any) -> Any:
        mine = Match.objects.select_related("offer").get(pk=match.pk)
        return lambda: services.match_accept(user=user, match=mine, expected_version=mine.version)

    outcomes = at_once(lambda: accept(case_officer), lambda: accept(colleague))
    assert sorted(outcomes) == ["accepted", "already_decided"] or sorted(outcomes) == ["accepted", "stale_edit"]
    assert Initiative.objects.count() == 1
    assert Contribution.objects.count() == 1
