"""The initiative lifecycle as data (pure Python, like motions/states.py).

proposed → agreed → in_delivery → delivered → closed; cancelled from any state before delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_DELIVERY = "in_delivery"
    DELIVERED = "delivered"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Action(StrEnum):
    AGREE = "agree"
    START_DELIVERY = "start_delivery"
    DELIVER = "deliver"
    CLOSE = "close"
    CANCEL = "cancel"


#: States from which an initiative can still be cancelled.
OPEN: frozenset[State] = frozenset({State.PROPOSED, State.AGREED, State.IN_DELIVERY})


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]
    target: State


TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(Action.AGREE, frozenset({State.PROPOSED}), State.AGREED),
        Transition(Action.START_DELIVERY, frozenset({State.AGREED}), State.IN_DELIVERY),
        Transition(Action.DELIVER, frozenset({State.IN_DELIVERY}), State.DELIVERED),
        Transition(Action.CLOSE, frozenset({State.DELIVERED}), State.CLOSED),
        Transition(Action.CANCEL, OPEN, State.CANCELLED),
    )
}

EDGES: frozenset[tuple[State, State]] = frozenset(
    (source, t.target) for t in TRANSITIONS.values() for source in t.sources
)


class TransitionNotAllowed(Exception):
    def __init__(self, action: str, state: str) -> None:
        super().__init__(f"{action} is not allowed from {state}")
        self.action = action
        self.state = state


def transition_for(action: str, state: str) -> Transition:
    """The transition `action` from `state`; raises TransitionNotAllowed (also for unknown names)."""
    try:
        transition = TRANSITIONS[Action(action)]
        current = State(state)
    except ValueError as exc:
        raise TransitionNotAllowed(action, state) from exc
    if current not in transition.sources:
        raise TransitionNotAllowed(action, state)
    return transition


def allowed_actions(state: str) -> list[Action]:
    return [a for a, t in TRANSITIONS.items() if state in t.sources]
