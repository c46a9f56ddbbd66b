"""Shared helpers of the motion tests (imported by conftest and test modules)."""

from __future__ import annotations

from datetime import date
from typing import Any

from vanort.motions import services
from vanort.motions.states import Action

#: The happy path: each action with the inputs it needs.
PATH: list[tuple[Action, dict[str, Any]]] = [
    (Action.SUBMIT, {}),
    (Action.REGISTER, {}),
    (Action.RAISE, {"raised_on": date(2024, 2, 29)}),
    (Action.START_PREPARATION, {}),
    (Action.COMPLETE_OPINION, {}),
    (Action.PROPOSE, {"recommendation": "besvarad"}),
    (Action.PUT_ON_AGENDA, {}),
    (Action.DECIDE, {"outcome": "besvarad", "decided_on": date(2024, 11, 20), "paragraph": "§ 12"}),
    (Action.APPROVE_MINUTES, {}),
    (Action.DISPATCH, {"dispatched_on": date(2024, 11, 27)}),
    (Action.CLOSE, {}),
]


def inputs_for(action: Action) -> dict[str, Any]:
    return next((dict(i) for a, i in PATH if a == action), {})


def prepare(user: Any, motion: Any) -> None:
    services.opinion_save(
        user=user,
        motion=motion,
        date=date(2024, 10, 4),
        sections=[("Sammanfattning", "Kort."), ("Förvaltningens synpunkter", "Bra.")],
        signatories=[("Camilla Broo", "Kommundirektör")],
    )
