"""Unvalidated input is a 4xx naming the field, never a 500 (issue 8, medium): empty codes,
ids beyond 64 bits, numbers beyond their column, years 0001/9999, very long text."""

import json
from datetime import date

import pytest
from django.test import Client

from vanort.accounts.services import api_token_create
from vanort.motions import services as motion_services
from vanort.motions.models import Motion
from vanort.registry.models import Partnership

pytestmark = pytest.mark.django_db

BIG = 2**63
HUGE = 10**30


@pytest.fixture
def api(admin_user):
    _, raw = api_token_create(user=admin_user, name="t")
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {raw}")

    def call(method, url, body=None):
        if body is None:
            return getattr(client, method)(url)
        return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")

    return call


def _motion_body(**changes):
    return {
        "municipality": "0126",
        "title": "Vänort",
        "filed_date": "2024-01-02",
        "proposers": [{"name": "Anna", "party": "S"}],
        **changes,
    }


@pytest.mark.parametrize(
    "url",
    [
        f"/api/motions/{BIG}",
        f"/api/places/{BIG}",
        f"/api/partnerships/{BIG}",
        f"/api/motions/{BIG}/events",
        f"/api/activities?place_id={BIG}",
        f"/api/activities?partnership_id={HUGE}",
        f"/api/partnerships?place={HUGE}",
        f"/api/motions/{HUGE}",
        f"/motioner/{BIG}/",
        f"/partnerskap/{BIG}/",
        f"/orter/{HUGE}/",
        f"/api/motions/1/attachments/{BIG}/file",
    ],
)
def test_ids_beyond_64_bits_are_4xx(api, huddinge, url):
    assert 400 <= api("get", url).status_code < 500


def test_place_filter_beyond_64_bits_is_ignored_not_a_500(api, huddinge):
    assert api("get", f"/partnerskap/?place={HUGE}").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (_motion_body(municipality=""), "municipality"),
        (_motion_body(municipality="9999"), "municipality"),
        (_motion_body(places=[BIG]), "places"),
        (_motion_body(partnerships=[HUGE]), "partnerships"),
        (_motion_body(filed_date="0001-01-01"), "filed_date"),
        (_motion_body(filed_date="9999-12-31"), "filed_date"),
    ],
)
def test_bad_motion_input_is_422_and_nothing_is_written(api, huddinge, body, field):
    response = api("post", "/api/motions", body)
    assert response.status_code == 422, response.content[:300]
    assert response.json()["field"].split(".")[0] == field
    assert Motion.objects.count() == 0


@pytest.fixture
def submitted(registrar, huddinge):
    m = motion_services.motion_create(
        user=registrar,
        municipality=huddinge,
        title="M",
        filed_date=date(2024, 1, 2),
        proposers=[motion_services.ProposerIn("A", "S")],
    )
    return motion_services.motion_submit(user=registrar, motion=m, expected_version=m.version)


@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"diarie_number": 10**12}, "diarie_number"),
        ({"diarie_number": BIG}, "diarie_number"),
        ({"diarie_year": 9999}, "diarie_year"),
    ],
)
def test_diarie_numbers_beyond_the_column_are_422(api, submitted, inputs, field):
    response = api(
        "post",
        f"/api/motions/{submitted.pk}/transitions",
        {"action": "register", "version": submitted.version, **inputs},
    )
    assert response.status_code == 422
    assert response.json()["field"] == field


def test_raised_on_9999_12_31_is_422_not_a_deadline_overflow(api, submitted, registrar):
    m = motion_services.motion_register(user=registrar, motion=submitted, expected_version=submitted.version)
    response = api(
        "post", f"/api/motions/{m.pk}/transitions", {"action": "raise", "version": m.version, "raised_on": "9999-12-31"}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "raised_on"


@pytest.mark.parametrize(
    "url",
    [
        "/api/search?q=",
        "/api/motions?q=",
        "/api/places?q=",
        "/api/partnerships?q=",
        "/sok/?q=",
        "/motioner/?q=",
        "/orter/?q=",
        "/partnerskap/?q=",
    ],
)
def test_very_long_search_text_is_not_a_500(api, huddinge, url):
    assert api("get", url + "a%" * 30000).status_code < 500


def test_activity_participants_beyond_the_column_is_422(api, huddinge):
    response = api(
        "post",
        "/api/activities",
        {
            "municipality_id": huddinge.pk,
            "title": "Besök",
            "kind": "study_visit_in",
            "start": "2024",
            "participants_count": 2**40,
        },
    )
    assert response.status_code == 422


def test_board_proposal_paragraph_beyond_the_column_is_422(api, registrar, huddinge, submitted):
    from tests.motions.helpers_motions import PATH, prepare

    m = submitted
    for action, inputs in PATH[1:]:
        if m.state == "opinion_ready":
            break
        if action == "complete_opinion":
            prepare(registrar, m)
        m = motion_services.motion_transition(
            user=registrar, motion=m, action=action, expected_version=m.version, **inputs
        )
    response = api(
        "post",
        f"/api/motions/{m.pk}/transitions",
        {
            "action": "propose",
            "version": m.version,
            "recommendation": "besvarad",
            "board_date": "2024-06-01",
            "paragraph": "§" * 500,
        },
    )
    assert response.status_code == 422


def test_opinion_department_beyond_the_column_is_422(api, registrar, submitted):
    m = motion_services.motion_register(user=registrar, motion=submitted, expected_version=submitted.version)
    response = api(
        "put",
        f"/api/motions/{m.pk}/opinion",
        {"date": "2024-05-01", "department": "x" * 1000, "sections": [], "signatories": []},
    )
    assert response.status_code == 422


@pytest.mark.parametrize("start", ["0001-01-01", "9999", "1899"])
def test_partnership_years_outside_the_range_are_422_and_the_start_page_stays_up(api, client, huddinge, start):
    from vanort.registry.selectors import place_by_code

    partner = place_by_code("0127")
    response = api(
        "post",
        "/api/partnerships",
        {"place_a_id": huddinge.pk, "place_b_id": partner.pk, "kind": "cooperation_agreement", "start": start},
    )
    assert response.status_code == 422
    assert not Partnership.objects.exists()
    assert client.get("/").status_code == 200


MANY = 70_000  # beyond the 65,535 parameters of one PostgreSQL statement (server-side binding)
IDS = list(range(1, MANY + 1))
CODES = [f"s{i}" for i in range(MANY)]
PROPOSERS = [{"name": f"A{i}", "party": "S"} for i in range(MANY)]
ACTIVITY = {"municipality_id": 1, "title": "t", "kind": "meeting", "start": "2024"}
PARTNERSHIP = {"place_a_id": 1, "place_b_id": 2, "kind": "other"}
SECTIONS = [{"heading": "Bakgrund", "body": "Text"}] * MANY
SIGNATORIES = [{"name": "Anna", "title": "kommundirektör"}] * MANY


@pytest.mark.parametrize(
    ("method", "url", "body", "field"),
    [
        ("post", "/api/motions", _motion_body(places=IDS), "places"),
        ("post", "/api/motions", _motion_body(partnerships=IDS), "partnerships"),
        ("post", "/api/motions", _motion_body(proposers=PROPOSERS), "proposers"),
        ("post", "/api/motions", _motion_body(att_clauses=CODES), "att_clauses"),
        ("post", "/api/motions", _motion_body(recipients=CODES), "recipients"),
        ("patch", "/api/motions/{motion}", {"version": 1, "places": IDS}, "places"),
        ("patch", "/api/partnerships/{partnership}", {"version": 1, "areas": CODES}, "areas"),
        ("post", "/api/partnerships", {**PARTNERSHIP, "areas": CODES}, "areas"),
        ("post", "/api/activities", {**ACTIVITY, "areas": CODES}, "areas"),
        ("put", "/api/motions/{motion}/opinion", {"date": "2024-03-01", "sections": SECTIONS}, "sections"),
        ("put", "/api/motions/{motion}/opinion", {"date": "2024-03-01", "signatories": SIGNATORIES}, "signatories"),
        (
            "post",
            "/api/motions/{motion}/transitions",
            {"action": "dispatch", "version": 1, "dispatched_on": "2024-12-01", "recipients": CODES},
            "recipients",
        ),
    ],
)
def test_a_list_beyond_its_bound_is_422_not_a_500(api, submitted, partnership_factory, method, url, body, field):
    """A list of tens of thousands of ids or codes became one query parameter each: more than
    PostgreSQL takes in one statement (a 500), or that many rows written (proposers)."""
    motions_before = Motion.objects.count()
    url = url.format(motion=submitted.pk, partnership=partnership_factory().pk)
    response = api(method, url, body)
    assert response.status_code == 422, response.content[:300]
    assert response.json()["field"] == field
    assert response.json()["errors"][0]["type"] == "too_long"
    assert Motion.objects.count() == motions_before
