"""The look-ups every lifecycle table shares (pure Python, no Django).

A lifecycle is written as data in its app (motions/states.py, cooperation/states.py): an enum of
states, an enum of actions and a table of transitions, each an action with the states it leaves
from and the state it leads to. Which transition an action takes from a state, which actions a
state allows and the graph's edges are read from such a table the same way for every lifecycle:
here, once.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar


class Step(Protocol):
    """What the look-ups need of a transition (each app's Transition has more)."""

    @property
    def sources(self) -> frozenset[Any]: ...

    @property
    def target(self) -> Any: ...


A = TypeVar("A", bound=StrEnum)
S = TypeVar("S", bound=StrEnum)
T = TypeVar("T", bound=Step)


class TransitionNotAllowed(Exception):
    def __init__(self, action: str, state: str) -> None:
        super().__init__(f"{action} is not allowed from {state}")
        self.action = action
        self.state = state


class Workflow(Generic[A, S, T]):
    """A transition table with its actions and states: `Workflow(Action, State, TRANSITIONS)`."""

    def __init__(self, actions: type[A], states: type[S], transitions: Mapping[A, T]) -> None:
        self._actions = actions
        self._states = states
        self._transitions = transitions
        #: Every (from, to) edge of the graph.
        self.edges: frozenset[tuple[S, S]] = frozenset(
            (source, t.target) for t in transitions.values() for source in t.sources
        )

    def transition_for(self, action: str, state: str) -> T:
        """The transition `action` from `state`; raises TransitionNotAllowed (also for unknown names)."""
        try:
            transition = self._transitions[self._actions(action)]
            current = self._states(state)
        except ValueError as exc:
            raise TransitionNotAllowed(action, state) from exc
        if current not in transition.sources:
            raise TransitionNotAllowed(action, state)
        return transition

    def allowed_actions(self, state: str) -> list[A]:
        """The actions possible from `state`, in the table's order."""
        return [a for a, t in self._transitions.items() if state in t.sources]
