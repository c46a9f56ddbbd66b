"""The workflow services on the real database: every allowed transition, forbidden ones,
deadlines, permissions and stale versions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.motions.helpers_motions import PATH, inputs_for, prepare
from vanort.core.errors import Conflict, PermissionDenied, ValidationFailed
from vanort.motions import selectors, services
from vanort.motions.models import Decision, Dispatch, Motion, MotionEvent
from vanort.motions.states import EDGES, TRANSITIONS, Action, State

pytestmark = pytest.mark.django_db

# For each edge: a state reachable on the happy path from which the edge starts, and the
# action that takes it. Side paths start from on_agenda / postponed / referred_back.
_HAPPY = [State.DRAFT] + [TRANSITIONS[a].target for a, _ in PATH]


def _reach(advance: Any, motion: Any, state: State, registrar: Any) -> Any:
    if state in _HAPPY:
        return advance(motion, state)
    motion = advance(motion, State.ON_AGENDA)
    action = {State.POSTPONED: Action.POSTPONE, State.REFERRED_BACK: Action.REFER_BACK}[state]
    return services.motion_transition(user=registrar, motion=motion, action=action, expected_version=motion.version)


ALL_TRANSITIONS = sorted({(a, s) for a, t in TRANSITIONS.items() for s in t.sources})


@pytest.mark.parametrize(("action", "source"), ALL_TRANSITIONS, ids=[f"{s}-{a}" for a, s in ALL_TRANSITIONS])
def test_every_allowed_transition(
    action: Action, source: State, motion_factory: Any, advance: Any, registrar: Any
) -> None:
    motion = _reach(advance, motion_factory(), source, registrar)
    if action == Action.COMPLETE_OPINION:
        prepare(registrar, motion)
    events = MotionEvent.objects.filter(motion=motion).count()
    version = motion.version
    result = services.motion_transition(
        user=registrar, motion=motion, action=action, expected_version=version, note="ok", **inputs_for(action)
    )
    assert result.state == TRANSITIONS[action].target
    assert result.version == version + 1
    last = MotionEvent.objects.filter(motion=motion).order_by("-id").first()
    assert (last.from_state, last.to_state, last.action, last.actor_id, last.note) == (
        source,
        TRANSITIONS[action].target,
        action,
        registrar.pk,
        "ok",
    )
    assert MotionEvent.objects.filter(motion=motion).count() == events + 1


def test_every_edge_is_covered() -> None:
    assert {(s, TRANSITIONS[a].target) for a, s in ALL_TRANSITIONS} == set(EDGES)


def _snapshot(motion: Motion) -> tuple[Any, ...]:
    m = Motion.objects.get(pk=motion.pk)
    return (
        m.state,
        m.version,
        m.recommendation,
        m.outcome,
        m.decided_on,
        m.deadline,
        MotionEvent.objects.filter(motion=m).count(),
        Decision.objects.filter(motion=m).count(),
        Dispatch.objects.filter(motion=m).count(),
    )


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (State.DRAFT, Action.DECIDE),
        (State.DRAFT, Action.RAISE),
        (State.RAISED, Action.PROPOSE),
        (State.ON_AGENDA, Action.DISPATCH),
        (State.DECIDED, Action.WITHDRAW),
        (State.DECIDED, Action.REFER_BACK),
        (State.CLOSED, Action.SUBMIT),
        (State.BOARD_PROPOSAL, Action.DECIDE),
        (State.MINUTES_APPROVED, Action.CLOSE),
    ],
)
def test_forbidden_transition_is_refused_and_changes_nothing(
    state: State, action: Action, motion_factory: Any, advance: Any, registrar: Any
) -> None:
    motion = advance(motion_factory(), state)
    before = _snapshot(motion)
    with pytest.raises(ValidationFailed) as exc:
        services.motion_transition(
            user=registrar, motion=motion, action=action, expected_version=motion.version, **inputs_for(action)
        )
    assert exc.value.code == "invalid_transition"
    assert "inte möjlig" in exc.value.message
    assert _snapshot(motion) == before


def test_unknown_action_is_refused(motion_factory: Any, registrar: Any) -> None:
    motion = motion_factory()
    with pytest.raises(ValidationFailed):
        services.motion_transition(user=registrar, motion=motion, action="explode", expected_version=1)


def test_register_numbers_per_municipality_and_year(
    motion_factory: Any, advance: Any, botkyrka: Any, admin_user: Any
) -> None:
    a = advance(motion_factory(), State.REGISTERED)
    b = advance(motion_factory(), State.REGISTERED)
    c = advance(motion_factory(filed=date(2025, 1, 3)), State.REGISTERED)
    other = advance(motion_factory(user=admin_user, municipality=botkyrka), State.REGISTERED, user=admin_user)
    assert [a.diarienummer, b.diarienummer, c.diarienummer, other.diarienummer] == [
        "KS 2024/0001",
        "KS 2024/0002",
        "KS 2025/0001",
        "KS 2024/0001",
    ]


def test_raised_on_29_february_is_due_28_february(motion_factory: Any, advance: Any) -> None:
    motion = advance(motion_factory(), State.RAISED)
    assert motion.raised_on == date(2024, 2, 29)
    assert motion.deadline == date(2025, 2, 28)
    assert selectors.overdue(motion, as_of=date(2025, 2, 28)) is False
    assert selectors.overdue(motion, as_of=date(2025, 3, 1)) is True
    assert list(selectors.motions_overdue(as_of=date(2025, 3, 1))) == [motion]
    assert list(selectors.motions_due_soon(as_of=date(2025, 1, 1))) == [motion]
    assert list(selectors.motions_due_soon(as_of=date(2024, 12, 1))) == []  # 89 days ahead


def test_decision_stops_the_clock(motion_factory: Any, advance: Any) -> None:
    motion = advance(motion_factory(), State.DECIDED)
    assert (motion.outcome, motion.decided_on) == ("besvarad", date(2024, 11, 20))
    assert list(selectors.motions_overdue(as_of=date(2030, 1, 1))) == []
    decision = motion.decisions.get()
    assert (decision.body, decision.paragraph, decision.outcome) == ("kommunfullmaktige", "§ 12", "besvarad")


def test_recommendation_and_outcome_are_separate(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.ON_AGENDA)
    motion = services.motion_decide(
        user=registrar, motion=motion, expected_version=motion.version, outcome="avslag", decided_on=date(2024, 12, 1)
    )
    assert (motion.recommendation, motion.outcome) == ("besvarad", "avslag")


def test_propose_needs_a_known_recommendation(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.OPINION_READY)
    before = _snapshot(motion)
    with pytest.raises(ValidationFailed) as exc:
        services.motion_propose(user=registrar, motion=motion, expected_version=motion.version, recommendation="maybe")
    assert exc.value.field == "recommendation"
    assert _snapshot(motion) == before


def test_opinion_needs_answered_referrals(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.IN_PREPARATION)
    referral = services.referral_create(
        user=registrar, motion=motion, committee="Socialnämnden", sent_on=date(2024, 3, 1), due_on=date(2024, 4, 1)
    )
    prepare(registrar, motion)
    with pytest.raises(ValidationFailed) as exc:
        services.motion_complete_opinion(user=registrar, motion=motion, expected_version=motion.version)
    assert exc.value.field == "referrals"
    services.referral_answer(
        user=registrar,
        referral=referral,
        expected_version=referral.version,
        answered_on=date(2024, 3, 20),
        answer="Inget att invända.",
    )
    motion = services.motion_complete_opinion(user=registrar, motion=motion, expected_version=motion.version)
    assert motion.state == State.OPINION_READY


def test_opinion_must_exist(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.IN_PREPARATION)
    with pytest.raises(ValidationFailed) as exc:
        services.motion_complete_opinion(user=registrar, motion=motion, expected_version=motion.version)
    assert exc.value.field == "opinion"


def test_dispatch_expands_all_committees(motion_factory: Any, advance: Any, committees: Any) -> None:
    motion = advance(motion_factory(recipients=["Samtliga nämnder", "Bo Källström (L)"]), State.DISPATCHED)
    assert motion.dispatches.get().recipients == [
        "Kommunstyrelsen",
        "Socialnämnden",
        "Grundskolenämnden",
        "Bo Källström (L)",
    ]
    assert motion.recipients == ["Samtliga nämnder", "Bo Källström (L)"]


def test_dispatch_without_recipients_is_refused(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(recipients=[]), State.MINUTES_APPROVED)
    with pytest.raises(ValidationFailed):
        services.motion_dispatch(
            user=registrar, motion=motion, expected_version=motion.version, dispatched_on=date(2024, 12, 1)
        )
    assert Motion.objects.get(pk=motion.pk).state == State.MINUTES_APPROVED


# --- permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "reader", "other_officer"])
def test_outsiders_cannot_create(who: str, huddinge: Any, user_factory: Any, other_officer: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    user = {"anonymous": AnonymousUser(), "reader": user_factory(), "other_officer": other_officer}[who]
    with pytest.raises(PermissionDenied):
        services.motion_create(
            user=user,
            municipality=huddinge,
            title="X",
            filed_date=date(2024, 1, 1),
            proposers=[services.ProposerIn("A", "S")],
        )
    assert not Motion.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "reader", "other_officer"])
def test_outsiders_cannot_transition(who: str, motion_factory: Any, user_factory: Any, other_officer: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    user = {"anonymous": AnonymousUser(), "reader": user_factory(), "other_officer": other_officer}[who]
    motion = motion_factory()
    before = _snapshot(motion)
    with pytest.raises(PermissionDenied):
        services.motion_submit(user=user, motion=motion, expected_version=motion.version)
    assert _snapshot(motion) == before


@pytest.mark.parametrize("role", ["registrar", "case_officer", "admin"])
def test_handlers_may_transition(
    role: str, motion_factory: Any, registrar: Any, case_officer: Any, admin_user: Any
) -> None:
    user = {"registrar": registrar, "case_officer": case_officer, "admin": admin_user}[role]
    motion = motion_factory(user=user)
    motion = services.motion_submit(user=user, motion=motion, expected_version=motion.version)
    assert motion.state == State.SUBMITTED


# --- stale versions and the append-only history -----------------------------------------------


def test_stale_version_is_a_conflict_and_writes_nothing(motion_factory: Any, registrar: Any, case_officer: Any) -> None:
    motion = motion_factory()
    seen_by_other = Motion.objects.get(pk=motion.pk)
    services.motion_submit(user=registrar, motion=motion, expected_version=motion.version)
    before = _snapshot(motion)
    with pytest.raises(Conflict):
        services.motion_withdraw(user=case_officer, motion=seen_by_other, expected_version=seen_by_other.version)
    assert _snapshot(motion) == before


def test_same_transition_twice_with_one_version(motion_factory: Any, registrar: Any) -> None:
    motion = motion_factory()
    version = motion.version
    services.motion_submit(user=registrar, motion=motion, expected_version=version)
    with pytest.raises(Conflict):
        services.motion_submit(user=registrar, motion=motion, expected_version=version)
    assert MotionEvent.objects.filter(motion=motion, action="submit").count() == 1


def test_history_cannot_be_edited(motion_factory: Any) -> None:
    from vanort.core.models import AppendOnly

    motion = motion_factory()
    event = MotionEvent.objects.get(motion=motion)
    event.note = "changed"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        MotionEvent.objects.filter(motion=motion).update(note="x")
    with pytest.raises(AppendOnly):
        MotionEvent.objects.filter(motion=motion).delete()


def test_update_refused_after_decision(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.DECIDED)
    with pytest.raises(ValidationFailed):
        services.motion_update(user=registrar, motion=motion, expected_version=motion.version, title="Ny")


def test_update_with_stale_version(motion_factory: Any, registrar: Any) -> None:
    motion = motion_factory()
    services.motion_update(
        user=registrar,
        motion=motion,
        expected_version=1,
        title="Ny rubrik",
        proposers=[services.ProposerIn("Anna Andersson", "S")],
    )
    with pytest.raises(Conflict):
        services.motion_update(
            user=registrar, motion=Motion.objects.get(pk=motion.pk), expected_version=1, title="Tredje"
        )
    assert Motion.objects.get(pk=motion.pk).title == "Ny rubrik"


@pytest.mark.parametrize("filed", [date(2999, 1, 1), date(1, 1, 1), date.today() + timedelta(days=1)])
def test_a_motion_cannot_be_filed_in_the_future_or_in_year_one(registrar, huddinge, filed):
    with pytest.raises(ValidationFailed) as refused:
        services.motion_create(
            user=registrar,
            municipality=huddinge,
            title="Motion",
            filed_date=filed,
            proposers=[services.ProposerIn("Bo Källström", "L")],
        )
    assert refused.value.field == "filed_date"
    assert not Motion.objects.exists()


def test_rewriting_an_opinion_needs_its_version(motion_factory, registrar, advance):
    motion = advance(motion_factory(), "in_preparation")
    services.opinion_save(
        user=registrar,
        motion=motion,
        date=date(2024, 5, 1),
        sections=[("Sammanfattning", "A")],
        signatories=[("Eva", "Kommundirektör")],
    )
    with pytest.raises(ValidationFailed) as err:
        services.opinion_save(user=registrar, motion=motion, date=date(2024, 5, 2), sections=[], signatories=[])
    assert err.value.field == "version"
    assert motion.opinion.sections.count() == 1


def test_overlong_proposer_name_is_refused(registrar, huddinge):
    with pytest.raises(ValidationFailed) as err:
        services.motion_create(
            user=registrar,
            municipality=huddinge,
            title="Vänort med Irpin",
            filed_date=date(2024, 2, 20),
            proposers=[services.ProposerIn("x" * 300, "S")],
        )
    assert err.value.field == "proposers"
    assert not Motion.objects.exists()


def test_more_proposers_than_a_council_has_are_refused(registrar, huddinge):
    """The web form's one-per-line field took 25,000 lines: one row each, written in one
    statement (PostgreSQL: more than 65,535 parameters, a 500)."""
    with pytest.raises(ValidationFailed) as err:
        services.motion_create(
            user=registrar,
            municipality=huddinge,
            title="Vänort med Irpin",
            filed_date=date(2024, 2, 20),
            proposers=[services.ProposerIn(f"Person {i}", "S") for i in range(services.MAX_PROPOSERS + 1)],
        )
    assert err.value.field == "proposers"
    assert not Motion.objects.exists()


def test_a_dispatch_to_more_recipients_than_a_motion_can_list_is_refused(motion_factory, advance, registrar):
    from vanort.motions.states import MAX_LINES

    motion = advance(motion_factory(), State.MINUTES_APPROVED)
    with pytest.raises(ValidationFailed) as err:
        services.motion_dispatch(
            user=registrar,
            motion=motion,
            expected_version=motion.version,
            dispatched_on=date(2024, 12, 1),
            recipients=[f"Mottagare {i}" for i in range(MAX_LINES + 1)],
        )
    assert err.value.field == "recipients"
    assert Motion.objects.get(pk=motion.pk).state == State.MINUTES_APPROVED
    assert not motion.dispatches.exists()


def test_more_att_clauses_than_a_motion_can_list_are_refused(registrar, huddinge):
    from vanort.motions.states import MAX_LINES

    with pytest.raises(ValidationFailed) as err:
        services.motion_create(
            user=registrar,
            municipality=huddinge,
            title="Vänort med Irpin",
            filed_date=date(2024, 2, 20),
            proposers=[services.ProposerIn("Bo Källström", "L")],
            att_clauses=[f"att {i}" for i in range(MAX_LINES + 1)],
        )
    assert err.value.field == "att_clauses"
    assert not Motion.objects.exists()
