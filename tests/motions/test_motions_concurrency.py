"""Two transitions of one motion at the same time: exactly one wins, the other writes nothing."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from vanort.core.errors import ApplicationError, Conflict
from vanort.motions import services
from vanort.motions.models import Motion, MotionEvent


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_transitions_exactly_one_wins(motion_factory: Any, registrar: Any, case_officer: Any) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is one connection; the stale-version test covers SQLite")
    motion = motion_factory()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(user: Any, action: str) -> None:
        mine = Motion.objects.get(pk=motion.pk)
        barrier.wait()
        try:
            services.motion_transition(user=user, motion=mine, action=action, expected_version=mine.version)
        except Conflict:
            outcomes.append("conflict")
        except ApplicationError as exc:
            outcomes.append(f"error {exc.code}")
        else:
            outcomes.append(action)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(registrar, "submit")),
        threading.Thread(target=act, args=(case_officer, "withdraw")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes)[0] == "conflict", outcomes
    assert len(outcomes) == 2
    winner = next(o for o in outcomes if o != "conflict")
    motion.refresh_from_db()
    assert motion.state == {"submit": "submitted", "withdraw": "withdrawn"}[winner]
    assert motion.version == 2
    assert list(MotionEvent.objects.filter(motion=motion).values_list("action", flat=True).order_by("id")) == [
        "create",
        winner,
    ]
