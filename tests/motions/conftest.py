"""Motion fixtures: a motion factory and a helper that walks a motion to a given state."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.motions.helpers_motions import PATH, prepare
from vanort.motions import services
from vanort.motions.states import Action, State


@pytest.fixture
def motion_factory(huddinge: Any, registrar: Any, committees: Any) -> Any:
    def make(
        *,
        user: Any = None,
        municipality: Any = None,
        title: str = "Testmotion om vänorter",
        filed: date = date(2024, 2, 20),
        **kwargs: Any,
    ) -> Any:
        kwargs.setdefault("recipients", ["Samtliga nämnder"])
        return services.motion_create(
            user=user or registrar,
            municipality=municipality or huddinge,
            title=title,
            filed_date=filed,
            proposers=[services.ProposerIn("Bo Källström", "L")],
            att_clauses=["att något görs"],
            **kwargs,
        )

    return make


@pytest.fixture
def advance(registrar: Any) -> Any:
    """advance(motion, to_state) walks the happy path (and the opinion) until `to_state`."""

    def run(motion: Any, to: State, *, user: Any = None) -> Any:
        user = user or registrar
        for action, inputs in PATH:
            if motion.state == to:
                break
            if action == Action.COMPLETE_OPINION:
                prepare(user, motion)
            motion = services.motion_transition(
                user=user, motion=motion, action=action, expected_version=motion.version, **inputs
            )
        assert motion.state == to
        return motion

    return run


@pytest.fixture
def committees(huddinge: Any, admin_user: Any) -> list[Any]:
    return [
        services.committee_upsert(user=admin_user, municipality=huddinge, name=n, position=i)
        for i, n in enumerate(["Kommunstyrelsen", "Socialnämnden", "Grundskolenämnden"])
    ]
