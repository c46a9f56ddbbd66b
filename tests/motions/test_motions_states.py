"""The pure transition table and the one-year rule (no database)."""

from __future__ import annotations

import ast
import importlib
import inspect
from datetime import date
from types import ModuleType

import pytest

from vanort.motions import states
from vanort.motions.states import (
    Action,
    State,
    TransitionNotAllowed,
    allowed_actions,
    one_year_deadline,
    transition_for,
)


def _imports(module: ModuleType) -> set[str]:
    tree = ast.parse(inspect.getsource(module))
    return {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }


def test_states_module_imports_no_django() -> None:
    """Neither the module nor the project modules it imports (the shared workflow look-ups) import
    Django or anything else of the project."""
    imported = _imports(states)
    ours = {m for m in imported if m.startswith("vanort")}
    assert ours == {"vanort.core.workflow"}
    for name in ours:
        imported |= _imports(importlib.import_module(name))
    assert not any(m.startswith("django") for m in imported)
    assert {m for m in imported if m.startswith("vanort")} == ours


@pytest.mark.parametrize(
    ("raised", "deadline"),
    [
        (date(2023, 2, 13), date(2024, 2, 13)),
        (date(2024, 2, 29), date(2025, 2, 28)),  # no 29 February in 2025: the month's last day
        (date(2023, 2, 28), date(2024, 2, 28)),  # not moved to the 29th of the leap year
        (date(2023, 12, 31), date(2024, 12, 31)),
        (date(2027, 2, 28), date(2028, 2, 28)),  # leap year after: still the 28th
    ],
)
def test_one_year_deadline(raised: date, deadline: date) -> None:
    assert one_year_deadline(raised) == deadline


@pytest.mark.parametrize(
    ("today", "decided", "state", "expected"),
    [
        (date(2025, 2, 28), None, "on_agenda", False),  # the deadline day itself is in time
        (date(2025, 3, 1), None, "on_agenda", True),
        (date(2025, 3, 1), date(2025, 2, 1), "decided", False),
        (date(2025, 3, 1), None, "withdrawn", False),
    ],
)
def test_is_overdue(today: date, decided: date | None, state: str, expected: bool) -> None:
    assert states.is_overdue(deadline=date(2025, 2, 28), decided_on=decided, state=state, today=today) is expected


def test_no_clock_no_overdue() -> None:
    assert not states.is_overdue(deadline=None, decided_on=None, state="registered", today=date(2099, 1, 1))


EXPECTED_EDGES = {
    ("draft", "submitted"),
    ("submitted", "registered"),
    ("registered", "raised"),
    ("raised", "in_preparation"),
    ("in_preparation", "opinion_ready"),
    ("opinion_ready", "board_proposal"),
    ("board_proposal", "on_agenda"),
    ("on_agenda", "decided"),
    ("on_agenda", "postponed"),
    ("postponed", "on_agenda"),
    ("on_agenda", "referred_back"),
    ("referred_back", "in_preparation"),
    ("decided", "minutes_approved"),
    ("minutes_approved", "dispatched"),
    ("dispatched", "closed"),
} | {
    (s, "withdrawn")
    for s in (
        "draft",
        "submitted",
        "registered",
        "raised",
        "in_preparation",
        "opinion_ready",
        "board_proposal",
        "on_agenda",
        "postponed",
        "referred_back",
    )
}


def test_the_table_is_exactly_the_design() -> None:
    assert {(str(a), str(b)) for a, b in states.EDGES} == EXPECTED_EDGES


@pytest.mark.parametrize("state", list(State))
def test_every_state_but_the_ends_has_a_way_on(state: State) -> None:
    if state in (State.CLOSED, State.WITHDRAWN):
        assert allowed_actions(state) == []
    else:
        assert allowed_actions(state)


@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("decide", "raised"),
        ("withdraw", "decided"),
        ("withdraw", "closed"),
        ("close", "decided"),
        ("dispatch", "decided"),
        ("raise", "draft"),
        ("submit", "withdrawn"),
        ("nonsense", "draft"),
        ("submit", "nonsense"),
    ],
)
def test_forbidden_transitions_raise(action: str, state: str) -> None:
    with pytest.raises(TransitionNotAllowed):
        transition_for(action, state)


def test_transition_for_names_target() -> None:
    assert transition_for(Action.REFER_BACK, State.ON_AGENDA).target == State.REFERRED_BACK
