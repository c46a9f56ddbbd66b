"""Motion API: public reads, writes for the municipality's registrars and case officers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from vanort.accounts.services import api_token_create
from vanort.motions.models import Motion, MotionEvent

pytestmark = pytest.mark.django_db


def _auth(user: Any) -> dict[str, str]:
    _token, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _post(client: Client, url: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, body, content_type="application/json", **headers)


def test_registrar_takes_a_motion_from_filing_to_dispatch(huddinge: Any, registrar: Any, committees: Any) -> None:
    client, headers = Client(), _auth(registrar)
    response = _post(
        client,
        "/api/motions",
        {
            "municipality": "0126",
            "title": "Vänort i Ukraina",
            "filed_date": "2024-02-20",
            "proposers": [{"name": "Bo Källström", "party": "L"}],
            "att_clauses": ["att avtal tecknas"],
            "recipients": ["Samtliga nämnder"],
        },
        headers,
    )
    assert response.status_code == 201, response.json()
    motion = response.json()
    mid = motion["id"]

    def step(action: str, **inputs: Any) -> dict[str, Any]:
        version = client.get(f"/api/motions/{mid}", **headers).json()["version"]  # drafts need the token
        r = _post(client, f"/api/motions/{mid}/transitions", {"action": action, "version": version, **inputs}, headers)
        assert r.status_code == 200, (action, r.json())
        return r.json()

    step("submit")
    assert step("register")["diarienummer"] == "KS 2024/0001"
    assert step("raise", raised_on="2024-02-29")["deadline"] == "2025-02-28"
    step("start_preparation")
    r = _post(
        client,
        f"/api/motions/{mid}/referrals",
        {"committee": "Socialnämnden", "sent_on": "2024-03-01", "due_on": "2024-04-01"},
        headers,
    )
    assert r.status_code == 201
    referral = r.json()
    r = _post(
        client,
        f"/api/referrals/{referral['id']}/answer",
        {"version": referral["version"], "answered_on": "2024-03-15", "answer": "Tillstyrks."},
        headers,
    )
    assert r.status_code == 200
    r = client.put(
        f"/api/motions/{mid}/opinion",
        {
            "date": "2024-10-04",
            "sections": [{"heading": "Sammanfattning", "body": "Kort."}],
            "signatories": [{"name": "Camilla Broo", "title": "Kommundirektör"}],
        },
        content_type="application/json",
        **headers,
    )
    assert r.status_code == 200, r.json()
    assert _post(client, f"/api/motions/{mid}/attachments", {"title": "Motionen"}, headers).status_code == 201
    step("complete_opinion")
    assert step("propose", recommendation="besvarad")["recommendation"] == "besvarad"
    step("put_on_agenda")
    step("postpone", note="Bordlagd")
    step("resume")
    decided = step("decide", outcome="bifall", decided_on="2024-11-20", paragraph="§ 7")
    assert (decided["recommendation"], decided["outcome"]) == ("besvarad", "bifall")
    step("approve_minutes")
    done = step("dispatch", dispatched_on="2024-11-27")
    assert done["state"] == "dispatched"
    assert done["dispatches"][0]["recipients"] == ["Kommunstyrelsen", "Socialnämnden", "Grundskolenämnden"]
    events = client.get(f"/api/motions/{mid}/events").json()
    assert [e["to"] for e in events][-3:] == ["decided", "minutes_approved", "dispatched"]
    assert events[0]["from"] is None


def test_invalid_transition_is_422_with_a_clear_message(motion_factory: Any, registrar: Any) -> None:
    motion = motion_factory()
    r = _post(
        Client(),
        f"/api/motions/{motion.pk}/transitions",
        {"action": "dispatch", "version": motion.version, "dispatched_on": "2024-05-01"},
        _auth(registrar),
    )
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid_transition"
    assert "Expediera beslutet" in body["message"]
    assert "Utkast" in body["message"]
    assert Motion.objects.get(pk=motion.pk).version == motion.version
    assert MotionEvent.objects.filter(motion=motion).count() == 1


def test_stale_version_is_409(motion_factory: Any, registrar: Any) -> None:
    motion = motion_factory()
    r = _post(Client(), f"/api/motions/{motion.pk}/transitions", {"action": "submit", "version": 7}, _auth(registrar))
    assert (r.status_code, r.json()["code"]) == (409, "stale_edit")


def test_writes_need_auth_and_the_right_municipality(
    motion_factory: Any, other_officer: Any, user_factory: Any, advance: Any
) -> None:
    motion = advance(motion_factory(), "submitted")  # public from here on; drafts are 404 for others
    url = f"/api/motions/{motion.pk}/transitions"
    body = {"action": "register", "version": motion.version}
    assert _post(Client(), url, body, {}).status_code == 401
    assert _post(Client(), url, body, _auth(other_officer)).status_code == 403
    assert _post(Client(), url, body, _auth(user_factory())).status_code == 403
    r = _post(
        Client(),
        "/api/motions",
        {"municipality": "0126", "title": "X", "filed_date": "2024-01-01", "proposers": [{"name": "A"}]},
        _auth(other_officer),
    )
    assert r.status_code == 403
    assert Motion.objects.get(pk=motion.pk).state == "submitted"


def test_case_officer_may_write(motion_factory: Any, case_officer: Any) -> None:
    motion = motion_factory()
    r = _post(
        Client(),
        f"/api/motions/{motion.pk}/transitions",
        {"action": "withdraw", "version": motion.version, "note": "Återtagen av förslagsställaren"},
        _auth(case_officer),
    )
    assert (r.status_code, r.json()["state"]) == (200, "withdrawn")


def test_public_reads(motion_factory: Any, advance: Any, django_assert_max_num_queries: Any) -> None:
    from vanort.motions.states import State

    for i in range(5):
        advance(motion_factory(title=f"M{i}"), State.RAISED)
    client = Client()
    with django_assert_max_num_queries(8):
        r = client.get("/api/motions", {"municipality": "0126"})
    assert r.status_code == 200
    assert r.json()["count"] == 5
    item = r.json()["items"][0]
    assert {"diarienummer", "proposers", "deadline", "state", "recommendation", "outcome"} <= item.keys()
    with django_assert_max_num_queries(14):
        assert client.get(f"/api/motions/{item['id']}").status_code == 200
    r = client.get("/api/motions/deadlines", {"municipality": "0126", "as_of": "2025-03-01"})
    assert len(r.json()["overdue"]) == 5
    r = client.get("/api/motions/deadlines", {"municipality": "0126", "as_of": "2025-01-15"})
    assert (len(r.json()["overdue"]), len(r.json()["due_soon"])) == (0, 5)
    assert client.get("/api/motions/999999").status_code == 404
    committees = client.get("/api/municipalities/0126/committees").json()
    assert [c["name"] for c in committees][:2] == ["Kommunstyrelsen", "Socialnämnden"]


def _motion_write_urls(motion: Any) -> list[tuple[str, str]]:
    return [
        ("patch", f"/api/motions/{motion.pk}"),
        ("post", f"/api/motions/{motion.pk}/transitions"),
        ("post", f"/api/motions/{motion.pk}/referrals"),
        ("put", f"/api/motions/{motion.pk}/opinion"),
        ("post", f"/api/motions/{motion.pk}/attachments"),
    ]


def _send(method: str, url: str, headers: dict[str, str]) -> Any:
    return getattr(Client(), method)(url, {"version": "x", "title": 7}, content_type="application/json", **headers)


def test_an_invalid_body_from_the_registrar_is_422(motion_factory: Any, registrar: Any) -> None:
    motion = motion_factory()
    for method, url in _motion_write_urls(motion):
        assert _send(method, url, _auth(registrar)).status_code == 422, url


def test_an_outsider_gets_403_before_the_motion_body_is_validated(
    motion_factory: Any, registrar: Any, other_officer: Any
) -> None:
    motion = motion_factory(user=registrar)
    Motion.objects.filter(pk=motion.pk).update(state="registered")  # public: not hidden as a draft
    for method, url in _motion_write_urls(motion):
        response = _send(method, url, _auth(other_officer))
        assert response.status_code == 403, (url, response.content)
    assert Motion.objects.get(pk=motion.pk).version == motion.version


def test_a_user_without_a_role_gets_403_before_a_motion_body_is_validated(user_factory: Any) -> None:
    assert _send("post", "/api/motions", _auth(user_factory())).status_code == 403


def _botkyrka_motion(partnerships: list[int]) -> dict[str, Any]:
    return {
        "municipality": "0127",
        "title": "Vänort i Ukraina",
        "filed_date": "2024-02-20",
        "proposers": [{"name": "Bo Källström", "party": "L"}],
        "partnerships": partnerships,
    }


def test_an_officer_cannot_link_another_municipalitys_partnership_to_her_motion(
    other_officer: Any, partnership_factory: Any
) -> None:
    huddinges = partnership_factory()
    response = _post(Client(), "/api/motions", _botkyrka_motion([huddinges.pk]), _auth(other_officer))
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "permission_denied"
    assert not Motion.objects.exists()


def test_an_officer_cannot_add_another_municipalitys_partnership_to_her_motion(
    other_officer: Any, partnership_factory: Any
) -> None:
    huddinges = partnership_factory()
    motion = _post(Client(), "/api/motions", _botkyrka_motion([]), _auth(other_officer)).json()
    body = {"version": motion["version"], "partnerships": [huddinges.pk]}
    response = Client().patch(
        f"/api/motions/{motion['id']}", body, content_type="application/json", **_auth(other_officer)
    )
    assert response.status_code == 403, response.content
    assert not Motion.objects.get(pk=motion["id"]).partnerships.exists()


def test_a_registrar_links_her_own_municipalitys_partnership(registrar: Any, partnership_factory: Any) -> None:
    own = partnership_factory()
    body = {**_botkyrka_motion([own.pk]), "municipality": "0126"}
    response = _post(Client(), "/api/motions", body, _auth(registrar))
    assert response.status_code == 201, response.content
    assert response.json()["partnerships"] == [own.pk]
