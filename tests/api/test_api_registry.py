import json

import pytest

from vanort.accounts.services import api_token_create
from vanort.registry.models import Activity, Partnership

pytestmark = pytest.mark.django_db


def _auth(user):
    _, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _post(client, url, data, **headers):
    return client.post(url, data=json.dumps(data), content_type="application/json", **headers)


def test_healthz_answers_ok(client, db):
    assert client.get("/healthz").json()["status"] == "ok"


def test_partnerships_of_a_place_are_public(client, demo):
    body = client.get("/api/partnerships?place=0126").json()
    assert body["count"] == 5
    vanda = next(i for i in body["items"] if i["b"] == "Vanda" or i["a"] == "Vanda")
    assert (vanda["status"], vanda["derived_status"], vanda["start"]) == ("active", "dormant", "194X")


def test_unknown_place_is_a_404_with_json_body(client, demo):
    response = client.get("/api/partnerships?place=9999")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_list_pages_have_bounded_queries(client, demo, partnership_factory, django_assert_max_num_queries):
    for _ in range(15):
        partnership_factory(areas=["culture"])
    with django_assert_max_num_queries(6):
        assert client.get("/api/partnerships?limit=50").status_code == 200


def test_write_needs_authentication(client, huddinge, place_factory):
    response = _post(
        client, "/api/partnerships", {"place_a_id": huddinge.pk, "place_b_id": place_factory().pk, "kind": "twin_town"}
    )
    assert response.status_code == 401
    assert Partnership.objects.count() == 0


def test_case_officer_creates_with_a_token(client, case_officer, huddinge, place_factory):
    response = _post(
        client,
        "/api/partnerships",
        {
            "place_a_id": huddinge.pk,
            "place_b_id": place_factory().pk,
            "kind": "twin_town",
            "start": "1985",
            "areas": ["culture"],
        },
        **_auth(case_officer),
    )
    assert response.status_code == 201, response.content
    assert response.json()["areas"] == ["culture"]


def test_other_municipality_is_forbidden_and_nothing_is_created(client, other_officer, huddinge, place_factory):
    response = _post(
        client,
        "/api/partnerships",
        {"place_a_id": huddinge.pk, "place_b_id": place_factory().pk, "kind": "twin_town"},
        **_auth(other_officer),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Partnership.objects.count() == 0


def test_bad_partial_date_is_422_naming_the_field(client, case_officer, huddinge, place_factory):
    response = _post(
        client,
        "/api/partnerships",
        {"place_a_id": huddinge.pk, "place_b_id": place_factory().pk, "kind": "twin_town", "start": "late forties"},
        **_auth(case_officer),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "start"
    assert Partnership.objects.count() == 0


def test_bad_enum_is_422_naming_the_field(client, case_officer, huddinge, place_factory):
    response = _post(
        client,
        "/api/partnerships",
        {"place_a_id": huddinge.pk, "place_b_id": place_factory().pk, "kind": "sister_city"},
        **_auth(case_officer),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "kind"


def test_stale_patch_is_409_and_keeps_the_first_edit(client, case_officer, partnership_factory):
    p = partnership_factory()
    headers = _auth(case_officer)
    url = f"/api/partnerships/{p.pk}"
    first = client.patch(
        url, data=json.dumps({"version": 1, "description": "A"}), content_type="application/json", **headers
    )
    second = client.patch(
        url, data=json.dumps({"version": 1, "description": "B"}), content_type="application/json", **headers
    )
    assert (first.status_code, second.status_code) == (200, 409)
    p.refresh_from_db()
    assert p.description == "A"


def test_session_write_needs_csrf(case_officer, huddinge, place_factory):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(case_officer)
    response = _post(
        client, "/api/partnerships", {"place_a_id": huddinge.pk, "place_b_id": place_factory().pk, "kind": "twin_town"}
    )
    assert response.status_code in (401, 403)
    assert Partnership.objects.count() == 0


def test_activity_create_via_api(client, case_officer, huddinge):
    response = _post(
        client,
        "/api/activities",
        {
            "municipality_id": huddinge.pk,
            "title": "Studiebesök",
            "kind": "study_visit_in",
            "start": "2023-10",
            "participants_count": 2,
        },
        **_auth(case_officer),
    )
    assert response.status_code == 201, response.content
    assert Activity.objects.get().participants_count == 2


def test_search_contract(client, demo):
    body = client.get("/api/search?q=Trostianets").json()
    assert body["results"][0] == {
        "type": "place",
        "title": "Trostyanets",
        "url": body["results"][0]["url"],
        "snippet": body["results"][0]["snippet"],
    }
    assert set(body["results"][0]) == {"type", "title", "url", "snippet"}


def test_openapi_is_served(client, db):
    assert "/api/partnerships" in client.get("/api/openapi.json").json()["paths"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/partnerships?limit=100000000000000000000",
        "/api/places?offset=99999999999999",
        "/api/partnerships?as_of=0001-01-01",
        "/api/partnerships?status=bogus",
        "/api/motions?limit=0",
        "/api/motions/deadlines?as_of=9999-12-31",
    ],
)
def test_out_of_range_query_is_422_not_500(client, demo, url):
    response = client.get(url)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid"


def test_unknown_id_is_json_404(client, db):
    response = client.get("/api/places/999999")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_too_long_text_is_422_naming_the_field(client, case_officer, huddinge, place_factory):
    response = _post(
        client,
        "/api/partnerships",
        {"place_a_id": huddinge.pk, "place_b_id": place_factory().pk, "kind": "twin_town", "start_note": "x" * 400},
        **_auth(case_officer),
    )
    assert (response.status_code, response.json()["field"]) == (422, "start_note")
    assert Partnership.objects.count() == 0


def test_null_in_patch_is_refused_for_required_fields(client, case_officer, partnership_factory):
    p = partnership_factory()
    response = client.patch(
        f"/api/partnerships/{p.pk}",
        data=json.dumps({"version": 1, "kind": None}),
        content_type="application/json",
        **_auth(case_officer),
    )
    assert (response.status_code, response.json()["field"]) == (422, "kind")
    p.refresh_from_db()
    assert (p.kind, p.version) == ("twin_town", 1)


def test_activity_without_start_is_422(client, case_officer, huddinge):
    response = _post(
        client,
        "/api/activities",
        {"municipality_id": huddinge.pk, "title": "x", "kind": "meeting", "start": ""},
        **_auth(case_officer),
    )
    assert (response.status_code, response.json()["field"]) == (422, "start")


def test_an_outsider_gets_403_before_the_partnership_body_is_validated(client, other_officer, partnership_factory):
    partnership = partnership_factory()
    headers = _auth(other_officer)
    for method, url in (
        ("patch", f"/api/partnerships/{partnership.pk}"),
        ("post", f"/api/partnerships/{partnership.pk}/status"),
    ):
        response = getattr(client, method)(url, {"version": "x"}, content_type="application/json", **headers)
        assert response.status_code == 403, (url, response.content)
    assert Partnership.objects.get(pk=partnership.pk).version == partnership.version


def test_a_user_without_a_role_gets_403_before_a_register_body_is_validated(client, user_factory):
    headers = _auth(user_factory())
    for url in ("/api/partnerships", "/api/activities"):
        response = client.post(url, {"kind": 7}, content_type="application/json", **headers)
        assert response.status_code == 403, (url, response.content)


@pytest.mark.parametrize("place_b_id", [True, "1", 1.0])
def test_an_id_of_the_wrong_type_is_422_and_nothing_is_created(client, case_officer, huddinge, place_b_id):
    body = {"place_a_id": huddinge.pk, "place_b_id": place_b_id, "kind": "twin_town"}
    response = _post(client, "/api/partnerships", body, **_auth(case_officer))
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "place_b_id"
    assert not Partnership.objects.exists()


def test_an_activity_titled_only_with_spaces_is_refused(client, case_officer, huddinge):
    body = {"municipality_id": huddinge.pk, "title": "   ", "kind": "meeting", "start": "2024"}
    response = _post(client, "/api/activities", body, **_auth(case_officer))
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "title"
    assert not Activity.objects.exists()


def test_an_unreadable_body_is_400_with_the_error_shape(client, case_officer):
    response = client.post(
        "/api/partnerships",
        "not json",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **_auth(case_officer),
    )
    assert response.status_code == 400
    assert response.json() == {"code": "invalid_body", "message": "The content cannot be read as JSON.", "field": None}
