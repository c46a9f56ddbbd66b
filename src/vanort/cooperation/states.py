"""The initiative lifecycle as data (pure Python, like motions/states.py).

proposed → agreed → in_delivery → delivered → closed; cancelled from any state before delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from vanort.core.workflow import TransitionNotAllowed as TransitionNotAllowed  # raised by transition_for
from vanort.core.workflow import Workflow


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

_WORKFLOW = Workflow(Action, State, TRANSITIONS)
EDGES: frozenset[tuple[State, State]] = _WORKFLOW.edges
transition_for = _WORKFLOW.transition_for
allowed_actions = _WORKFLOW.allowed_actions
