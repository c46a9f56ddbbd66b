"""Concurrent registrations and first opinion saves on PostgreSQL: no 500, no false 422 (issue 8)."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from django.db import connection, connections

from vanort.core.errors import ApplicationError
from vanort.motions import services
from vanort.motions.models import Motion, OfficialOpinion

pytestmark = pytest.mark.django_db(transaction=True)


def _skip_on_sqlite() -> None:
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is one connection")


def _race(calls: list[Any]) -> list[str]:
    """Run the calls at the same moment in threads; each outcome is "ok", an error code or an exception name."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Any) -> None:
        barrier.wait()
        try:
            call()
        except ApplicationError as exc:
            outcomes.append(f"{exc.status} {exc.code}")
        except Exception as exc:
            outcomes.append(type(exc).__name__)
        else:
            outcomes.append("ok")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


def _submitted(motion_factory: Any, registrar: Any, n: int) -> list[Motion]:
    motions = []
    for i in range(n):
        m = motion_factory(title=f"Motion {i}", filed=date(2024, 3, 1))
        motions.append(services.motion_submit(user=registrar, motion=m, expected_version=m.version))
    return motions


def test_concurrent_registrations_get_distinct_numbers(motion_factory: Any, registrar: Any) -> None:
    _skip_on_sqlite()
    motions = _submitted(motion_factory, registrar, 4)

    def register(m: Motion) -> Any:
        return lambda: services.motion_register(
            user=registrar, motion=Motion.objects.get(pk=m.pk), expected_version=m.version
        )

    assert _race([register(m) for m in motions]) == ["ok"] * 4
    numbers = sorted(Motion.objects.filter(pk__in=[m.pk for m in motions]).values_list("diarie_number", flat=True))
    assert numbers == [1, 2, 3, 4]


def test_concurrent_registrations_with_the_same_given_number_one_wins(motion_factory: Any, registrar: Any) -> None:
    _skip_on_sqlite()
    motions = _submitted(motion_factory, registrar, 2)

    def register(m: Motion) -> Any:
        return lambda: services.motion_register(
            user=registrar, motion=Motion.objects.get(pk=m.pk), expected_version=m.version, diarie_number=7
        )

    assert sorted(_race([register(m) for m in motions])) == ["422 invalid", "ok"]


def test_parallel_first_opinion_saves_one_wins(motion_factory: Any, registrar: Any, advance: Any) -> None:
    _skip_on_sqlite()
    motion = advance(motion_factory(), "in_preparation")

    def save(text: str) -> Any:
        return lambda: services.opinion_save(
            user=registrar,
            motion=Motion.objects.get(pk=motion.pk),
            date=date(2024, 5, 1),
            sections=[("Sammanfattning", text)],
            signatories=[("Eva", "Kommundirektör")],
        )

    outcomes = _race([save("A"), save("B")])
    assert sorted(outcomes)[1] == "ok", outcomes
    assert sorted(outcomes)[0].startswith(("409", "422")), outcomes
    opinion = OfficialOpinion.objects.get(motion=motion)
    assert opinion.sections.count() == 1
