"""The motion workflow as data: states, actions, the transition table and the one-year rule.

Pure Python (no Django): services consult it, tests read it as a table. DESIGN.md §4.

The one-year rule (5 kap. 35 § kommunallagen, 2017:725): a motion should be prepared so that
the council (fullmäktige) can decide on it within one year from when it was raised (väckt).
The deadline is counted as the law counts years (lag (1930:173) om beräkning av lagstadgad
tid, 2 §): it ends on the day of the following year with the same number as the day the
motion was raised, or — when that month has no such day — on the month's last day. So a
motion raised on 2024-02-29 is due 2025-02-28, and one raised 2023-02-13 is due 2024-02-13.
The day itself still counts: a decision on the deadline day is in time; overdue is the day after.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vanort.core.workflow import TransitionNotAllowed as TransitionNotAllowed  # raised by transition_for
from vanort.core.workflow import Workflow


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REGISTERED = "registered"
    RAISED = "raised"
    IN_PREPARATION = "in_preparation"
    OPINION_READY = "opinion_ready"
    BOARD_PROPOSAL = "board_proposal"
    ON_AGENDA = "on_agenda"
    POSTPONED = "postponed"
    REFERRED_BACK = "referred_back"
    DECIDED = "decided"
    MINUTES_APPROVED = "minutes_approved"
    DISPATCHED = "dispatched"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Outcome(StrEnum):
    """Both the board's proposal (recommendation) and the council's decision (outcome)."""

    BIFALL = "bifall"
    DELVIS_BIFALL = "delvis_bifall"
    AVSLAG = "avslag"
    BESVARAD = "besvarad"
    AVSKRIVEN = "avskriven"


class Action(StrEnum):
    SUBMIT = "submit"
    REGISTER = "register"
    RAISE = "raise"
    START_PREPARATION = "start_preparation"
    COMPLETE_OPINION = "complete_opinion"
    PROPOSE = "propose"
    PUT_ON_AGENDA = "put_on_agenda"
    POSTPONE = "postpone"
    RESUME = "resume"
    REFER_BACK = "refer_back"
    REPREPARE = "reprepare"
    DECIDE = "decide"
    APPROVE_MINUTES = "approve_minutes"
    DISPATCH = "dispatch"
    CLOSE = "close"
    WITHDRAW = "withdraw"


#: States before the council has decided: a motion may be withdrawn from any of them, and
#: the one-year clock (once started) is still running in them.
UNDECIDED: frozenset[State] = frozenset(
    {
        State.DRAFT,
        State.SUBMITTED,
        State.REGISTERED,
        State.RAISED,
        State.IN_PREPARATION,
        State.OPINION_READY,
        State.BOARD_PROPOSAL,
        State.ON_AGENDA,
        State.POSTPONED,
        State.REFERRED_BACK,
    }
)


class InputKind(StrEnum):
    """What an action's input holds; each interface maps a kind to its own field type."""

    DATE = "date"  # a day (ISO 8601)
    OUTCOME = "outcome"  # one of `Outcome`
    TEXT = "text"  # one short line
    LINES = "lines"  # a list of lines
    NUMBER = "number"  # a whole number within [minimum, maximum]


#: The most lines a list of a motion holds (att-clauses, recipients): far more than any has.
MAX_LINES = 500


@dataclass(frozen=True)
class Input:
    """One input an action takes, besides the version and the note that every action takes.

    The service's input check, the API's request schema and the web form's fields are all
    derived from these, so an action's inputs are written here and in its service only."""

    name: str
    kind: InputKind
    required: bool = True
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    in_form: bool = True  # offered by the web form (False: set through the API only)


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]
    target: State
    inputs: tuple[Input, ...] = ()

    @property
    def input_names(self) -> frozenset[str]:
        return frozenset(i.name for i in self.inputs)


def _t(action: Action, sources: set[State] | frozenset[State], target: State, *inputs: Input) -> Transition:
    return Transition(action, frozenset(sources), target, inputs)


_PARAGRAPH = Input("paragraph", InputKind.TEXT, required=False, max_length=20)  # "§ 12"

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        _t(Action.SUBMIT, {State.DRAFT}, State.SUBMITTED),
        _t(
            Action.REGISTER,
            {State.SUBMITTED},
            State.REGISTERED,
            # Both default to the next free number of the filing year; the web form takes the filing year.
            Input("diarie_year", InputKind.NUMBER, required=False, minimum=1900, maximum=2200, in_form=False),
            Input("diarie_number", InputKind.NUMBER, required=False, minimum=1, maximum=999_999),
        ),
        _t(Action.RAISE, {State.REGISTERED}, State.RAISED, Input("raised_on", InputKind.DATE)),
        _t(Action.START_PREPARATION, {State.RAISED}, State.IN_PREPARATION),
        _t(Action.COMPLETE_OPINION, {State.IN_PREPARATION}, State.OPINION_READY),
        _t(
            Action.PROPOSE,
            {State.OPINION_READY},
            State.BOARD_PROPOSAL,
            Input("recommendation", InputKind.OUTCOME),
            Input("board_date", InputKind.DATE, required=False),
            _PARAGRAPH,
        ),
        _t(Action.PUT_ON_AGENDA, {State.BOARD_PROPOSAL}, State.ON_AGENDA),
        _t(Action.POSTPONE, {State.ON_AGENDA}, State.POSTPONED),
        _t(Action.RESUME, {State.POSTPONED}, State.ON_AGENDA),
        _t(Action.REFER_BACK, {State.ON_AGENDA}, State.REFERRED_BACK),
        _t(Action.REPREPARE, {State.REFERRED_BACK}, State.IN_PREPARATION),
        _t(
            Action.DECIDE,
            {State.ON_AGENDA},
            State.DECIDED,
            Input("outcome", InputKind.OUTCOME),
            Input("decided_on", InputKind.DATE),
            _PARAGRAPH,
        ),
        _t(Action.APPROVE_MINUTES, {State.DECIDED}, State.MINUTES_APPROVED),
        _t(
            Action.DISPATCH,
            {State.MINUTES_APPROVED},
            State.DISPATCHED,
            # No recipients given: those the motion names ("samtliga nämnder" = every committee).
            Input("dispatched_on", InputKind.DATE),
            Input("recipients", InputKind.LINES, required=False, max_length=MAX_LINES),
        ),
        _t(Action.CLOSE, {State.DISPATCHED}, State.CLOSED),
        _t(Action.WITHDRAW, UNDECIDED, State.WITHDRAWN),
    )
}


def all_inputs() -> dict[str, Input]:
    """Every input any action takes, by name; an input shared by actions (the paragraph) is one Input."""
    inputs: dict[str, Input] = {}
    for transition in TRANSITIONS.values():
        for spec in transition.inputs:
            if inputs.setdefault(spec.name, spec) != spec:
                raise ValueError(f"input {spec.name!r} is specified two ways")
    return inputs


class InputRefused(Exception):
    """An input that `action` does not take was given, or one it needs was not."""

    def __init__(self, name: str, *, missing: bool) -> None:
        super().__init__(f"{name}: {'missing' if missing else 'not taken by this action'}")
        self.name = name
        self.missing = missing


def check_inputs(action: Action, given: Iterable[str]) -> None:
    """Refuse an input `action` does not take (first by name), then a required one not given."""
    transition = TRANSITIONS[action]
    names = set(given)
    unknown = sorted(names - transition.input_names)
    if unknown:
        raise InputRefused(unknown[0], missing=False)
    missing = [i.name for i in transition.inputs if i.required and i.name not in names]
    if missing:
        raise InputRefused(missing[0], missing=True)


_WORKFLOW = Workflow(Action, State, TRANSITIONS)
#: Every (from, to) edge of the workflow graph.
EDGES: frozenset[tuple[State, State]] = _WORKFLOW.edges
transition_for = _WORKFLOW.transition_for
allowed_actions = _WORKFLOW.allowed_actions


def one_year_deadline(raised_on: date) -> date:
    """Raised + one year, counted as lag (1930:173) counts years: 2024-02-29 → 2025-02-28."""
    year = raised_on.year + 1
    last_day = calendar.monthrange(year, raised_on.month)[1]
    return date(year, raised_on.month, min(raised_on.day, last_day))


def is_overdue(*, deadline: date | None, decided_on: date | None, state: str, today: date) -> bool:
    """Overdue: the clock has started, the deadline day has passed, and the council has not decided."""
    if deadline is None or decided_on is not None or state == State.WITHDRAWN:
        return False
    return today > deadline
