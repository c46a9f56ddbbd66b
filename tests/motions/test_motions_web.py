"""Motion pages: a registrar takes a new motion from filing to dispatch in the browser."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from vanort.motions.models import Motion, MotionEvent
from vanort.motions.states import State

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _step(client: Client, motion: Motion, action: str, **fields: Any) -> Any:
    motion.refresh_from_db()
    data = {
        f"t-{action}-action": action,
        f"t-{action}-version": motion.version,
        **{f"t-{action}-{k}": v for k, v in fields.items()},
    }
    return client.post(f"/motioner/{motion.pk}/atgard/", data)


def test_registrar_files_and_dispatches_in_the_browser(huddinge: Any, registrar: Any, committees: Any) -> None:
    client = _client(registrar)
    response = client.post(
        "/motioner/ny/",
        {
            "municipality": huddinge.pk,
            "title": "Gör Huddinge till vänortskommun",
            "filed_date": "2024-02-20",
            "proposers": "Bo Källström (L)\nAnna Andersson (S)",
            "att_clauses": "att kommunen tecknar avtal",
            "recipients": "Samtliga nämnder",
            "body": "",
            "text": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    motion = Motion.objects.get()
    assert [str(p) for p in motion.proposers.all()] == ["Bo Källström (L)", "Anna Andersson (S)"]
    for action, fields in [
        ("submit", {}),
        ("register", {}),
        ("raise", {"raised_on": "2024-02-29"}),
        ("start_preparation", {}),
    ]:
        assert _step(client, motion, action, **fields).status_code == 302, action
    response = client.post(
        f"/motioner/{motion.pk}/remisser/",
        {"committee": "Socialnämnden", "sent_on": "2024-03-01", "due_on": "2024-04-01"},
    )
    assert response.status_code == 302
    referral = motion.referrals.get()
    response = client.post(
        f"/motioner/remisser/{referral.pk}/svar/",
        {
            f"r{referral.pk}-answered_on": "2024-03-20",
            f"r{referral.pk}-answer": "Inget att invända.",
            f"r{referral.pk}-version": referral.version,
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/motioner/{motion.pk}/tjansteutlatande/",
        {
            "date": "2024-10-04",
            "department": "Kommunstyrelsens förvaltning",
            "decision_sentence": "",
            "section_0": "Kort sammanfattning.",
            "section_2": "Förvaltningen anser motionen besvarad.",
            "signatories": "Camilla Broo, Kommundirektör",
        },
    )
    assert response.status_code == 302
    assert client.post(f"/motioner/{motion.pk}/bilagor/", {"title": "Motionen"}).status_code == 302
    for action, fields in [
        ("complete_opinion", {}),
        ("propose", {"recommendation": "besvarad", "board_date": "2024-10-20"}),
        ("put_on_agenda", {}),
        ("decide", {"outcome": "besvarad", "decided_on": "2024-11-20", "paragraph": "§ 12"}),
        ("approve_minutes", {}),
        ("dispatch", {"dispatched_on": "2024-11-27"}),
    ]:
        response = _step(client, motion, action, **fields)
        assert response.status_code == 302, (action, response.content.decode()[:3000])
    motion.refresh_from_db()
    assert motion.state == State.DISPATCHED
    assert motion.dispatches.get().recipients == ["Kommunstyrelsen", "Socialnämnden", "Grundskolenämnden"]
    page = client.get(f"/motioner/{motion.pk}/").content.decode()
    assert "Expedierad" in page
    assert "§ 12" in page
    assert "KS 2024/0001" in page
    proposal = client.get(f"/motioner/{motion.pk}/forslag/").content.decode()
    assert "Kommunstyrelsens förslag till kommunfullmäktige" in proposal
    assert "Motionen anses besvarad." in proposal


def test_invalid_transition_is_a_form_error_and_changes_nothing(motion_factory: Any, registrar: Any) -> None:
    motion = motion_factory()
    response = _step(_client(registrar), motion, "decide", outcome="bifall", decided_on="2024-03-01")
    assert response.status_code == 400
    assert "är inte möjlig när motionen är i läget" in response.content.decode()
    motion.refresh_from_db()
    assert (motion.state, motion.version, motion.outcome) == (State.DRAFT, 1, "")
    assert MotionEvent.objects.filter(motion=motion).count() == 1


def test_stale_form_is_a_form_error(motion_factory: Any, registrar: Any) -> None:
    motion = motion_factory()
    client = _client(registrar)
    response = client.post(f"/motioner/{motion.pk}/atgard/", {"t-submit-action": "submit", "t-submit-version": 99})
    assert response.status_code == 400
    assert "ändrats av någon annan" in response.content.decode()


def test_missing_input_is_a_form_error(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.REGISTERED)
    response = _step(_client(registrar), motion, "raise")
    assert response.status_code == 400
    assert Motion.objects.get(pk=motion.pk).state == State.REGISTERED


def test_reader_cannot_act(motion_factory: Any, user_factory: Any, other_officer: Any, advance: Any) -> None:
    motion = advance(motion_factory(), State.SUBMITTED)  # drafts are not even visible to them
    for user in (user_factory(), other_officer):
        response = _step(_client(user), motion, "register")
        assert response.status_code == 403
        assert _client(user).get(f"/motioner/{motion.pk}/andra/").status_code == 403
    assert Motion.objects.get(pk=motion.pk).state == State.SUBMITTED
    assert Client().post(f"/motioner/{motion.pk}/atgard/", {}).status_code == 302  # to the login page


def test_drafts_are_not_public(motion_factory: Any, other_officer: Any) -> None:
    motion = motion_factory()
    assert Client().get(f"/motioner/{motion.pk}/").status_code == 404
    assert _client(other_officer).get(f"/motioner/{motion.pk}/").status_code == 404


def test_public_pages_and_query_counts(
    motion_factory: Any, advance: Any, registrar: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(6):
        advance(motion_factory(title=f"Motion {i}"), State.DECIDED if i % 2 else State.RAISED)
    motion = Motion.objects.order_by("pk").first()
    client = Client()
    with django_assert_max_num_queries(8):
        response = client.get("/motioner/")
    assert response.status_code == 200
    assert response.content.decode().count("/motioner/") >= 6
    with django_assert_max_num_queries(14):
        assert client.get(f"/motioner/{motion.pk}/").status_code == 200
    handler = _client(registrar)
    with django_assert_max_num_queries(20):
        assert handler.get(f"/motioner/{motion.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/motioner/bevakning/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/motioner/bevakning/redovisning/").status_code == 200


def test_detail_shows_history_without_edit_controls(motion_factory: Any, registrar: Any, advance: Any) -> None:
    motion = advance(motion_factory(), State.SUBMITTED)
    page = Client().get(f"/motioner/{motion.pk}/").content.decode()
    assert "Händelser" in page
    assert "Utkast" in page
    assert "atgard" not in page  # no action forms for readers
    assert re.search(r"style=|<script>", page) is None


def test_deadline_dashboard_lists_overdue_and_due_soon(motion_factory: Any, advance: Any) -> None:
    from django.utils import timezone

    overdue = advance(motion_factory(title="Gammal motion"), State.RAISED)  # raised 2024-02-29
    page = Client().get("/motioner/bevakning/").content.decode()
    if timezone.localdate() > date(2025, 2, 28):
        assert "Gammal motion" in page
        report = Client().get("/motioner/bevakning/redovisning/").content.decode()
        assert "Gammal motion" in report
        assert "5 kap. 35 §" in report
    assert overdue.deadline == date(2025, 2, 28)


def test_place_page_lists_its_motions(motion_factory: Any, huddinge: Any, place_factory: Any, advance: Any) -> None:
    partner = place_factory(name="Trostjanets", country="UA")
    advance(motion_factory(title="Vänort i Ukraina", places=[partner]), State.SUBMITTED)
    assert "Vänort i Ukraina" in Client().get(f"/orter/{huddinge.pk}/").content.decode()
    assert "Vänort i Ukraina" in Client().get(f"/orter/{partner.pk}/").content.decode()


def test_nav_has_motion_links(huddinge: Any) -> None:
    page = Client().get("/motioner/").content.decode()
    assert 'href="/motioner/bevakning/"' in page


def test_search_finds_motions(motion_factory: Any, advance: Any) -> None:
    advance(motion_factory(title="Solceller på skolorna"), State.SUBMITTED)
    results = Client().get("/api/search", {"q": "Solceller"}).json()["results"]
    assert {"type": "motion", "title": "Solceller på skolorna"}.items() <= results[0].items()


def test_edit_and_opinion_forms_prefill(motion_factory: Any, advance: Any, registrar: Any) -> None:
    motion = advance(motion_factory(), State.OPINION_READY)
    client = _client(registrar)
    edit = client.get(f"/motioner/{motion.pk}/andra/").content.decode()
    assert "Bo Källström (L)" in edit
    opinion = client.get(f"/motioner/{motion.pk}/tjansteutlatande/").content.decode()
    assert "Camilla Broo, Kommundirektör" in opinion
    response = client.post(
        f"/motioner/{motion.pk}/andra/",
        {"title": "", "filed_date": "2024-02-20", "proposers": "Bo Källström (L)", "version": motion.version},
    )
    assert response.status_code == 400
    assert Motion.objects.get(pk=motion.pk).title == "Testmotion om vänorter"


def test_the_web_form_refuses_another_municipalitys_partnership(
    other_officer: Any, botkyrka: Any, partnership_factory: Any
) -> None:
    huddinges = partnership_factory()
    response = _client(other_officer).post(
        "/motioner/ny/",
        {
            "municipality": botkyrka.pk,
            "title": "Vänort",
            "filed_date": "2024-02-20",
            "proposers": "Bo Källström (L)",
            "att_clauses": "",
            "recipients": "",
            "body": "",
            "text": "",
            "partnerships": [huddinges.pk],
        },
    )
    assert response.status_code == 400
    assert not Motion.objects.exists()


def test_an_outsider_gets_403_not_a_form_error_on_referrals(
    motion_factory: Any, advance: Any, registrar: Any, other_officer: Any
) -> None:
    from vanort.motions import services

    motion = advance(motion_factory(), State.IN_PREPARATION)
    referral = services.referral_create(
        user=registrar, motion=motion, committee="Socialnämnden", sent_on=date(2024, 3, 1), due_on=date(2024, 4, 1)
    )
    client = _client(other_officer)
    assert client.post(f"/motioner/{motion.pk}/remisser/", {"committee": ""}).status_code == 403
    assert client.post(f"/motioner/remisser/{referral.pk}/svar/", {}).status_code == 403
    assert motion.referrals.count() == 1
    assert not motion.referrals.get().answer


@pytest.mark.parametrize("field", ["places", "partnerships"])
def test_an_id_beyond_a_bigint_is_a_form_error(huddinge: Any, registrar: Any, field: str) -> None:
    response = _client(registrar).post(
        "/motioner/ny/",
        {
            "municipality": huddinge.pk,
            "title": "Vänort",
            "filed_date": "2024-02-20",
            "proposers": "Bo Källström (L)",
            "att_clauses": "",
            "recipients": "",
            "body": "",
            "text": "",
            field: ["99999999999999999999"],
        },
    )
    assert response.status_code == 400
    assert not Motion.objects.exists()
