"""Cooperation services: permissions per role and place, refusals change nothing, aid checks, transitions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail

from vanort.cooperation import services
from vanort.cooperation.models import (
    AidCheck,
    Condition,
    Contribution,
    Initiative,
    InitiativeEvent,
    Match,
    Need,
    Notification,
    Offer,
)
from vanort.cooperation.states import EDGES, TRANSITIONS, Action, State, allowed_actions, transition_for
from vanort.core.errors import ApplicationError, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, Any]:
    models = (Need, Offer, Match, Initiative, InitiativeEvent, Contribution, AidCheck, Condition, Notification)
    return {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in models} | {
        "states": sorted(Initiative.objects.values_list("pk", "state", "version")),
        "conditions": sorted(Condition.objects.values_list("pk", "done_at")),
        "contributions": sorted(Contribution.objects.values_list("pk", "status", "version")),
        "matches": sorted(Match.objects.values_list("pk", "status")),
    }


# --- the lifecycle table ---------------------------------------------------------------------


def test_every_edge_of_the_table_is_reachable_by_its_action() -> None:
    for action, t in TRANSITIONS.items():
        for source in t.sources:
            assert transition_for(action, source).target == t.target
    assert (State.PROPOSED, State.AGREED) in EDGES
    assert (State.DELIVERED, State.CLOSED) in EDGES


@pytest.mark.parametrize("state", [State.DELIVERED, State.CLOSED, State.CANCELLED])
def test_cancel_is_not_possible_after_delivery(state: State) -> None:
    assert Action.CANCEL not in allowed_actions(state)


# --- needs and offers ----------------------------------------------------------------------------


def test_partner_official_publishes_a_need_of_her_place(need_factory: Any) -> None:
    need = need_factory()
    assert need.status == "published"
    assert need.language == "uk"


def test_official_of_another_place_cannot_publish_and_nothing_changes(
    need_factory: Any, other_partner_official: Any
) -> None:
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        need_factory(user=other_partner_official)
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["anonymous", "case_officer"])
def test_swedish_officer_and_anonymous_cannot_publish_needs(who: str, need_factory: Any, case_officer: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if who == "anonymous" else case_officer
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        need_factory(user=user)
    assert _snapshot() == before


def test_other_municipality_cannot_publish_an_offer_for_huddinge(offer_factory: Any, other_officer: Any) -> None:
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        offer_factory(user=other_officer)
    assert _snapshot() == before


def test_partner_official_cannot_publish_an_offer(offer_factory: Any, partner_official: Any) -> None:
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        offer_factory(user=partner_official)
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 301),
        ("description", "a\x00b"),
        ("description", "x" * 60_000),
        ("sector", "nope"),
        ("form", "cash"),
        ("language", "de"),
        ("urgency", "soon"),
        ("quantity", 2**63),
    ],
)
def test_bad_need_fields_are_refused_with_the_field_named(need_factory: Any, field: str, value: Any) -> None:
    before = _snapshot()
    with pytest.raises(ValidationFailed) as exc:
        need_factory(**{field: value})
    assert exc.value.field == field
    assert _snapshot() == before


def test_publishing_a_need_proposes_the_matching_offer_with_reasons_and_legal_verdict(
    need_factory: Any, offer_factory: Any
) -> None:
    offer = offer_factory()
    offer_factory(
        sector="culture", form="training", title="Kurs i körsång", description="Körledarutbildning", spare=False
    )
    need = need_factory()
    match = need.matches.order_by("rank").first()
    assert match is not None
    assert match.offer_id == offer.pk
    assert match.rank == 1
    assert match.legal_outcome == "permitted_with_conditions"
    assert "R1" in match.legal_verdict["rules"]
    assert match.reasons
    assert all("code" in r for r in match.reasons)


def test_publishing_an_offer_proposes_it_for_published_needs(need_factory: Any, offer_factory: Any) -> None:
    need = need_factory()
    offer = offer_factory()
    assert Match.objects.filter(need=need, offer=offer, status="proposed").exists()


def test_not_permitted_pairs_are_not_proposed(
    need_factory: Any, offer_factory: Any, user_factory: Any, place_factory: Any
) -> None:
    """Money to a country without Swedish state aid (R10) is never proposed."""
    finnish = place_factory(name="Kunta", country="FI", kind="city")
    official = user_factory(role="partner_official", municipality=finnish)
    offer_factory(form="financial", title="Bidrag till utbildning", description="Bidrag till kursavgifter", spare=False)
    need = need_factory(
        user=official,
        place=finnish,
        form="financial",
        language="en",
        title="Course fees",
        description="Funding for course fees",
    )
    assert not need.matches.exists()


# --- match review --------------------------------------------------------------------------------


def test_accepting_creates_initiative_and_aid_checked_contribution(accepted: Any, partner_place: Any) -> None:
    initiative, match = accepted
    match.refresh_from_db()
    assert match.status == "accepted"
    assert match.initiative == initiative
    assert initiative.state == "proposed"
    assert list(initiative.partner_places.all()) == [partner_place]
    contribution = initiative.contributions.get()
    assert contribution.outcome == "permitted_with_conditions"
    assert contribution.checks.get().stage == "proposal"
    assert contribution.conditions.count() >= 1
    assert match.need.status == "in_progress"
    assert match.offer.status == "taken"


def test_accepting_tells_both_sides_in_the_app_and_by_mail(
    need_factory: Any,
    offer_factory: Any,
    case_officer: Any,
    partner_official: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case_officer.email, partner_official.email = "officer@example.se", "official@example.ua"
    case_officer.save()
    partner_official.save()
    offer = offer_factory()
    match = need_factory().matches.get(offer=offer)
    with django_capture_on_commit_callbacks(execute=True):
        services.match_accept(user=case_officer, match=match)
    assert Notification.objects.filter(user=case_officer).count() == 1
    assert Notification.objects.filter(user=partner_official).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["officer@example.se", "official@example.ua"]
    ukrainian = next(m for m in mail.outbox if m.to == ["official@example.ua"])
    assert "Ініціатив" in ukrainian.body or "ініціатив" in ukrainian.body


@pytest.mark.parametrize("who", ["other_officer", "partner_official"])
def test_only_the_offers_municipality_may_accept(who: str, need_factory: Any, offer_factory: Any, request: Any) -> None:
    offer = offer_factory()
    match = need_factory().matches.get(offer=offer)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.match_accept(user=request.getfixturevalue(who), match=match)
    assert _snapshot() == before


def test_a_match_cannot_be_accepted_twice(accepted: Any, case_officer: Any) -> None:
    _initiative, match = accepted
    before = _snapshot()
    with pytest.raises(ValidationFailed):
        services.match_accept(user=case_officer, match=match)
    assert _snapshot() == before


# --- contributions: aid check at proposal and approval, conditions ---------------------------------


def _tick_all(user: Any, contribution: Contribution) -> None:
    for condition in contribution.conditions.all():
        services.condition_set(user=user, condition=condition, done=True)


def test_approval_is_refused_while_a_condition_is_open_and_nothing_changes(accepted: Any, case_officer: Any) -> None:
    contribution = accepted[0].contributions.get()
    before = _snapshot()
    with pytest.raises(ValidationFailed) as exc:
        services.contribution_approve(
            user=case_officer,
            contribution=contribution,
            decision_date=date(2025, 3, 1),
            expected_version=contribution.version,
        )
    assert exc.value.code == "conditions_open"
    assert _snapshot() == before


def test_approval_checks_again_with_the_decision_date_and_stores_it(accepted: Any, case_officer: Any) -> None:
    contribution = accepted[0].contributions.get()
    _tick_all(case_officer, contribution)
    contribution.refresh_from_db()
    services.contribution_approve(
        user=case_officer,
        contribution=contribution,
        decision_date=date(2025, 3, 1),
        expected_version=contribution.version,
    )
    contribution.refresh_from_db()
    assert contribution.status == "approved"
    assert contribution.decision_date == date(2025, 3, 1)
    approval = contribution.checks.get(stage="approval")
    assert approval.decision_date == date(2025, 3, 1)
    assert approval.case["decision_date"] == "2025-03-01"
    assert contribution.rules_version == approval.rules_version
    assert contribution.assessment is not None
    assert contribution.assessment.outcome == approval.outcome


def test_a_decision_date_outside_the_aid_table_needs_legal_review_before_approval(
    accepted: Any, case_officer: Any
) -> None:
    """Ukraine's row starts 2023-07-13: a decision before it is uncertain (R11), so the legal review
    item must be ticked; the refusal leaves nothing behind."""
    contribution = accepted[0].contributions.get()
    _tick_all(case_officer, contribution)
    contribution.refresh_from_db()
    before = _snapshot()
    with pytest.raises(ValidationFailed) as exc:
        services.contribution_approve(
            user=case_officer,
            contribution=contribution,
            decision_date=date(2020, 1, 1),
            expected_version=contribution.version,
        )
    assert exc.value.code == "conditions_open"
    assert _snapshot() == before


def test_a_contribution_that_is_not_permitted_cannot_be_approved(
    accepted: Any, case_officer: Any, partner_place: Any
) -> None:
    initiative = accepted[0]
    cash = services.contribution_propose(
        user=case_officer,
        initiative=initiative,
        form="financial",
        purpose="Bidrag till kommunens budget",
        recipient_place=partner_place,
        fin_purpose="other",
    )
    assert cash.outcome == "not_permitted"
    before = _snapshot()
    with pytest.raises(ValidationFailed) as exc:
        services.contribution_approve(
            user=case_officer, contribution=cash, decision_date=date(2025, 3, 1), expected_version=cash.version
        )
    assert exc.value.code == "not_permitted"
    assert _snapshot() == before


def test_other_municipality_cannot_tick_conditions(accepted: Any, other_officer: Any, partner_official: Any) -> None:
    condition = accepted[0].contributions.get().conditions.first()
    for user in (other_officer, partner_official):
        with pytest.raises(PermissionDenied):
            services.condition_set(user=user, condition=condition, done=True)
    condition.refresh_from_db()
    assert condition.done_at is None


# --- initiative transitions ------------------------------------------------------------------------


def _approve(user: Any, initiative: Initiative) -> None:
    for contribution in initiative.contributions.filter(status="proposed"):
        _tick_all(user, contribution)
        contribution.refresh_from_db()
        services.contribution_approve(
            user=user, contribution=contribution, decision_date=date(2025, 3, 1), expected_version=contribution.version
        )


def test_an_initiative_cannot_be_agreed_while_a_contribution_is_undecided(accepted: Any, case_officer: Any) -> None:
    initiative = accepted[0]
    before = _snapshot()
    with pytest.raises(ValidationFailed) as exc:
        services.initiative_agree(user=case_officer, initiative=initiative, expected_version=initiative.version)
    assert exc.value.code == "contributions_open"
    assert _snapshot() == before


def test_walk_to_closed_logs_every_event_and_fulfils_the_need(
    accepted: Any, case_officer: Any, partner_official: Any
) -> None:
    initiative, match = accepted
    _approve(case_officer, initiative)
    for action in (Action.AGREE, Action.START_DELIVERY, Action.DELIVER, Action.CLOSE):
        initiative = services.initiative_transition(
            user=case_officer, initiative=initiative, action=action, expected_version=initiative.version
        )
    assert initiative.state == "closed"
    assert [e.to_state for e in initiative.events.all()] == ["proposed", "agreed", "in_delivery", "delivered", "closed"]
    match.refresh_from_db()
    assert match.status == "delivered"
    assert match.need.status == "fulfilled"
    assert Notification.objects.filter(user=partner_official, kind="initiative_state").count() == 4


def test_delivery_is_logged_on_the_partnership_when_there_is_one(
    need_factory: Any,
    offer_factory: Any,
    case_officer: Any,
    partner_place: Any,
    partnership_factory: Any,
    huddinge: Any,
) -> None:
    partnership = partnership_factory(a=huddinge, b=partner_place, kind="municipal_partnership", start="2024")
    offer = offer_factory()
    initiative = services.match_accept(user=case_officer, match=need_factory().matches.get(offer=offer))
    assert initiative.partnership == partnership
    _approve(case_officer, initiative)
    for action in (Action.AGREE, Action.START_DELIVERY, Action.DELIVER):
        initiative = services.initiative_transition(
            user=case_officer, initiative=initiative, action=action, expected_version=initiative.version
        )
    activity = partnership.activities.get()
    assert activity.kind == "donation"
    assert initiative.activities.filter(pk=activity.pk).exists()


@pytest.mark.parametrize("who", ["other_officer", "partner_official"])
def test_transitions_are_refused_to_others_and_nothing_changes(accepted: Any, who: str, request: Any) -> None:
    initiative = accepted[0]
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.initiative_cancel(
            user=request.getfixturevalue(who), initiative=initiative, expected_version=initiative.version
        )
    assert _snapshot() == before


def test_stale_transition_is_refused(accepted: Any, case_officer: Any) -> None:
    initiative = accepted[0]
    services.initiative_cancel(user=case_officer, initiative=initiative, expected_version=initiative.version)
    with pytest.raises(ApplicationError) as exc:
        services.initiative_cancel(user=case_officer, initiative=initiative, expected_version=1)
    assert exc.value.status == 409


def test_initiatives_take_only_known_actors(case_officer: Any, huddinge: Any) -> None:
    from vanort.registry.services import actor_upsert, actor_vet

    actor = actor_upsert(name="Okänd förening", kind="association")
    with pytest.raises(ValidationFailed):
        services.initiative_create(user=case_officer, municipality=huddinge, title="Projekt", actor=actor)
    actor = actor_vet(user=case_officer, actor=actor, reason="Granskad av kommunen")
    assert actor.vetted_by == case_officer
    assert actor.vetted_at is not None
    initiative = services.initiative_create(user=case_officer, municipality=huddinge, title="Projekt", actor=actor)
    assert initiative.actor == actor


def test_study_visit_is_logged_as_a_register_activity(case_officer: Any, huddinge: Any, partner_place: Any) -> None:
    from vanort.core.partial_dates import PartialDate

    initiative = services.initiative_create(
        user=case_officer, municipality=huddinge, title="Studiebesök", partner_places=[partner_place]
    )
    activity = services.initiative_log_visit(
        user=case_officer,
        initiative=initiative,
        title="Studiebesök",
        start=PartialDate.parse("2024-05"),
        participants_count=7,
        topics="intern demokrati",
    )
    assert activity.counterpart == partner_place
    assert activity.participants_count == 7
    assert list(initiative.activities.all()) == [activity]


def test_cancelling_gives_need_and_offer_back_to_the_board(accepted: Any, case_officer: Any) -> None:
    initiative, match = accepted
    services.initiative_cancel(user=case_officer, initiative=initiative, expected_version=initiative.version)
    match.refresh_from_db()
    assert match.status == "rejected"
    assert match.need.status == "published"
    assert match.offer.status == "published"
