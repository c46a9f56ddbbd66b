"""Two officers accept the same match at the same time: exactly one initiative is created."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from vanort.cooperation import services
from vanort.cooperation.models import Contribution, Initiative, Match
from vanort.core.errors import ApplicationError


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_accepts_create_one_initiative(
    need_factory: Any, offer_factory: Any, case_officer: Any, user_factory: Any, huddinge: Any
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is one connection")
    colleague = user_factory(role="case_officer", municipality=huddinge)
    offer_factory()
    match = need_factory().matches.get()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(user: Any) -> None:
        mine = Match.objects.select_related("offer").get(pk=match.pk)
        barrier.wait()
        try:
            services.match_accept(user=user, match=mine, expected_version=mine.version)
        except ApplicationError as exc:
            outcomes.append(exc.code)
        else:
            outcomes.append("accepted")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(u,)) for u in (case_officer, colleague)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["accepted", "already_decided"] or sorted(outcomes) == ["accepted", "stale_edit"]
    assert Initiative.objects.count() == 1
    assert Contribution.objects.count() == 1
