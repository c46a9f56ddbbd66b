"""Cooperation fixtures: a Ukrainian partner place with its official, needs and offers."""

from __future__ import annotations

from typing import Any

import pytest

from vanort.cooperation import services


@pytest.fixture
def partner_place(place_factory: Any) -> Any:
    return place_factory(name="Громада", country="UA", kind="hromada")


@pytest.fixture
def partner_official(user_factory: Any, partner_place: Any) -> Any:
    return user_factory(role="partner_official", municipality=partner_place)


@pytest.fixture
def other_partner_official(user_factory: Any, place_factory: Any) -> Any:
    return user_factory(role="partner_official", municipality=place_factory(name="Інша", country="UA", kind="city"))


@pytest.fixture
def need_factory(partner_official: Any, partner_place: Any) -> Any:
    def make(**kwargs: Any) -> Any:
        values = {
            "user": partner_official,
            "place": partner_place,
            "sector": "emergency",
            "form": "equipment",
            "title": "Потрібен пожежний автомобіль",
            "description": "Громаді потрібен пожежний автомобіль для рятувальної служби.",
            "language": "uk",
            "quantity": 1,
            "urgency": "high",
        }
        values.update(kwargs)
        return services.need_publish(**values)

    return make


@pytest.fixture
def offer_factory(case_officer: Any, huddinge: Any) -> Any:
    def make(**kwargs: Any) -> Any:
        values = {
            "user": case_officer,
            "municipality": huddinge,
            "sector": "emergency",
            "form": "equipment",
            "title": "Begagnad brandbil",
            "description": "Räddningstjänsten har en begagnad brandbil i gott skick som inte längre behövs.",
            "quantity": 1,
            "spare": True,
        }
        values.update(kwargs)
        return services.offer_publish(**values)

    return make


@pytest.fixture
def accepted(need_factory: Any, offer_factory: Any, case_officer: Any) -> Any:
    """(initiative, match) after a Huddinge officer accepted a match of her offer."""
    offer = offer_factory()
    need = need_factory()
    match = need.matches.get(offer=offer)
    initiative = services.match_accept(user=case_officer, match=match)
    return initiative, match


@pytest.fixture
def at_once() -> Any:
    """Run callables in threads released together (one database connection each); their outcomes:
    "accepted" or the ApplicationError code, in the order they finished."""
    import threading

    from django.db import connection, connections

    from vanort.core.errors import ApplicationError

    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is one connection")

    def run(*actions: Any) -> list[str]:
        barrier = threading.Barrier(len(actions))
        outcomes: list[str] = []

        def act(action: Any) -> None:
            prepared = action()  # reads before the barrier, acts after it
            barrier.wait()
            try:
                prepared()
            except ApplicationError as exc:
                outcomes.append(exc.code)
            else:
                outcomes.append("accepted")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=act, args=(a,)) for a in actions]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        return outcomes

    return run
