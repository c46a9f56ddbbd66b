"""Casework that stays legally right: no future dates for what has happened, no pre-chosen outcome,
the history tells who did what, actions that no longer make sense are neither offered nor accepted."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from vanort.core.errors import ValidationFailed
from vanort.motions import document, selectors, services
from vanort.motions.models import MotionEvent, Referral
from vanort.motions.states import State

pytestmark = pytest.mark.django_db

TOMORROW = date.today() + timedelta(days=1)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _snapshot(motion: Any) -> tuple[Any, ...]:
    motion.refresh_from_db()
    return (
        motion.state,
        motion.version,
        MotionEvent.objects.filter(motion=motion).count(),
        Referral.objects.filter(motion=motion).count(),
    )


@pytest.mark.parametrize(
    ("to", "action", "inputs", "field"),
    [
        (State.REGISTERED, "raise", {"raised_on": TOMORROW}, "raised_on"),
        (State.ON_AGENDA, "decide", {"outcome": "bifall", "decided_on": TOMORROW}, "decided_on"),
        (State.OPINION_READY, "propose", {"recommendation": "avslag", "board_date": TOMORROW}, "board_date"),
        (State.MINUTES_APPROVED, "dispatch", {"dispatched_on": TOMORROW}, "dispatched_on"),
    ],
)
def test_a_date_of_something_that_happened_cannot_be_in_the_future(
    motion_factory: Any, advance: Any, registrar: Any, to: State, action: str, inputs: dict[str, Any], field: str
) -> None:
    motion = advance(motion_factory(), to)
    before = _snapshot(motion)
    with pytest.raises(ValidationFailed) as error:
        services.motion_transition(
            user=registrar, motion=motion, action=action, expected_version=motion.version, **inputs
        )
    assert (error.value.field, error.value.code) == (field, "future_date")
    assert _snapshot(motion) == before


def test_a_referral_answer_cannot_be_dated_tomorrow(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.IN_PREPARATION)
    referral = services.referral_create(
        user=registrar,
        motion=motion,
        committee="Socialnämnden",
        sent_on=date(2024, 3, 1),
        due_on=TOMORROW + timedelta(days=30),
    )
    with pytest.raises(ValidationFailed) as error:
        services.referral_answer(
            user=registrar,
            referral=referral,
            expected_version=referral.version,
            answered_on=TOMORROW,
            answer="Vi tillstyrker.",
        )
    assert error.value.field == "answered_on"
    referral.refresh_from_db()
    assert referral.answered_on is None


def test_the_planned_answer_date_may_be_in_the_future(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.IN_PREPARATION)
    referral = services.referral_create(
        user=registrar,
        motion=motion,
        committee="Socialnämnden",
        sent_on=date.today(),
        due_on=TOMORROW + timedelta(days=30),
    )
    assert referral.due_on > date.today()


def test_officer_report_cannot_be_dated_in_the_future(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.IN_PREPARATION)
    with pytest.raises(ValidationFailed) as error:
        services.opinion_save(
            user=registrar, motion=motion, date=TOMORROW, sections=[("Sammanfattning", "Text")], signatories=[]
        )
    assert error.value.field == "date"
    assert not hasattr(motion, "opinion") or motion.opinion is None


def test_a_referral_after_the_decision_is_refused_and_not_offered(
    motion_factory: Any, advance: Any, registrar: Any
) -> None:
    motion = advance(motion_factory(), State.DECIDED)
    before = _snapshot(motion)
    with pytest.raises(ValidationFailed):
        services.referral_create(
            user=registrar, motion=motion, committee="Socialnämnden", sent_on=date(2024, 5, 1), due_on=date(2024, 6, 1)
        )
    assert _snapshot(motion) == before
    page = _client(registrar).get(f"/motioner/{motion.pk}/").content.decode()
    assert "Skicka på remiss" not in page
    assert f"/motioner/{motion.pk}/tjansteutlatande/" not in page


def test_a_referral_goes_to_one_of_the_municipalitys_committees(
    motion_factory: Any, advance: Any, registrar: Any
) -> None:
    motion = advance(motion_factory(), State.IN_PREPARATION)
    with pytest.raises(ValidationFailed) as error:
        services.referral_create(
            user=registrar,
            motion=motion,
            committee="Påhittade nämnden",
            sent_on=date(2024, 3, 1),
            due_on=date(2024, 4, 1),
        )
    assert error.value.code == "unknown_committee"
    referral = services.referral_create(
        user=registrar, motion=motion, committee="socialnämnden", sent_on=date(2024, 3, 1), due_on=date(2024, 4, 1)
    )
    assert referral.committee == "Socialnämnden"
    page = _client(registrar).get(f"/motioner/{motion.pk}/").content.decode()
    assert '<option value="Grundskolenämnden">Grundskolenämnden</option>' in page


def test_referrals_answers_and_the_officer_report_are_in_the_history(
    motion_factory: Any, advance: Any, registrar: Any
) -> None:
    motion = advance(motion_factory(), State.IN_PREPARATION)
    referral = services.referral_create(
        user=registrar, motion=motion, committee="Socialnämnden", sent_on=date(2024, 3, 1), due_on=date(2024, 4, 1)
    )
    services.referral_answer(
        user=registrar,
        referral=referral,
        expected_version=referral.version,
        answered_on=date(2024, 3, 20),
        answer="Tillstyrks.",
    )
    services.opinion_save(
        user=registrar, motion=motion, date=date(2024, 3, 25), sections=[("Sammanfattning", "Text")], signatories=[]
    )
    rows = selectors.motion_history(selectors.motion_get(motion.pk, viewer=registrar))
    recorded = [(r.what, r.detail, r.event.actor_label) for r in rows[-3:]]
    assert recorded == [
        ("Skickad på remiss", "Socialnämnden", registrar.get_username()),
        ("Remissvar registrerat", "Socialnämnden", registrar.get_username()),
        ("Tjänsteutlåtandet sparat", "", registrar.get_username()),
    ]


def test_the_decision_event_shows_the_outcome(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.DECIDED)
    page = _client(registrar).get(f"/motioner/{motion.pk}/").content.decode()
    history = page[page.index('id="h-hist"') :]
    assert f"Beslutad: <strong>{motion.get_outcome_display()}</strong>" in history


def test_the_proposal_form_does_not_choose_an_outcome(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.OPINION_READY)
    page = _client(registrar).get(f"/motioner/{motion.pk}/").content.decode()
    form = page[page.index('name="t-propose-recommendation"') :]
    form = form[: form.index("</select>")]
    assert form.count("selected") == 1
    assert '<option value="" selected>' in form
    response = _client(registrar).post(
        f"/motioner/{motion.pk}/atgard/",
        {"t-propose-action": "propose", "t-propose-version": motion.version, "t-propose-recommendation": ""},
    )
    assert response.status_code == 400
    motion.refresh_from_db()
    assert (motion.state, motion.recommendation) == (State.OPINION_READY, "")


def test_the_pdf_says_bifalls_only_when_someone_chose_it(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.IN_PREPARATION)
    services.opinion_save(
        user=registrar, motion=motion, date=date(2024, 3, 25), sections=[("Sammanfattning", "Text")], signatories=[]
    )
    doc = document.build(selectors.motion_get(motion.pk, viewer=registrar))
    assert "bifall" not in doc.decision_sentence.lower()
    assert doc.decision_sentence == ""


def test_pdf_downloads_with_a_file_name_and_carries_the_header(
    motion_factory: Any, advance: Any, registrar: Any
) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    motion = advance(motion_factory(), State.IN_PREPARATION)
    services.opinion_save(
        user=registrar, motion=motion, date=date(2024, 3, 25), sections=[("Sammanfattning", "Text")], signatories=[]
    )
    motion.refresh_from_db()
    response = _client(registrar).get(f"/motioner/{motion.pk}/forslag.pdf")
    disposition = response["Content-Disposition"]
    stem = motion.diarienummer.replace(" ", "-").replace("/", "-")
    assert disposition == f'attachment; filename="{stem}-kommunstyrelsens-forslag.pdf"'
    first_page = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert f"Huddinge · Dnr {motion.diarienummer} · 25 mars 2024" in first_page


def test_deadline_dashboard_shows_days_left_and_overdue(motion_factory: Any, advance: Any, registrar: Any) -> None:
    raised_late = date.today() - timedelta(days=370)
    late = advance(motion_factory(filed=raised_late), State.REGISTERED)
    services.motion_transition(
        user=registrar, motion=late, action="raise", expected_version=late.version, raised_on=raised_late
    )
    soon_raised = date.today() - timedelta(days=340)
    soon = advance(motion_factory(filed=soon_raised, title="Snart"), State.REGISTERED)
    services.motion_transition(
        user=registrar, motion=soon, action="raise", expected_version=soon.version, raised_on=soon_raised
    )
    page = Client().get("/motioner/bevakning/").content.decode()
    late.refresh_from_db()
    soon.refresh_from_db()
    overdue_days = (date.today() - late.deadline).days
    left_days = (soon.deadline - date.today()).days
    assert f"{overdue_days} dagar försenad" in page
    assert f"{left_days} dagar kvar" in page
