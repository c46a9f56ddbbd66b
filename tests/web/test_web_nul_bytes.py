"""NUL characters in any input are refused with 400, never a 500 (issue 8, medium)."""

import json

import pytest

from vanort.accounts.services import api_token_create
from vanort.motions.models import Motion
from vanort.registry.models import Partnership

pytestmark = pytest.mark.django_db

GETS = [
    "/api/search?q=a%00b",
    "/api/motions?q=%00",
    "/api/motions?municipality=01%0026",
    "/api/places?q=x%00",
    "/api/partnerships?place=%00",
    "/api/activities?kind=%00",
    "/api/municipalities/01%0026/committees",
    "/sok/?q=a%00",
    "/orter/?q=%00",
    "/partnerskap/?country=%00",
    "/motioner/?q=%00",
    "/en/sok/?q=%00",
    "/?x%00=1",
]


@pytest.mark.parametrize("url", GETS)
def test_nul_in_query_or_path_is_a_400(client, demo, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["code"] == "invalid_character"


def test_nul_in_json_string_is_a_400_and_nothing_is_written(client, registrar, huddinge):
    _, raw = api_token_create(user=registrar, name="t")
    payload = {
        "municipality": "0126",
        "title": "Vänort\u0000",
        "filed_date": "2024-01-01",
        "proposers": [{"name": "Anna", "party": "S"}],
    }
    response = client.post(
        "/api/motions", data=json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert (response.status_code, response.json()["code"]) == (400, "invalid_character")
    assert Motion.objects.count() == 0


def test_nul_in_a_json_key_is_a_400(client, registrar, huddinge):
    _, raw = api_token_create(user=registrar, name="t")
    response = client.post(
        "/api/motions",
        data=json.dumps({"ti\u0000tle": "x"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 400


def test_nul_in_a_form_field_is_a_400_and_nothing_is_written(client, case_officer, huddinge):
    client.force_login(case_officer)
    response = client.post(
        "/partnerskap/ny/",
        {
            "municipality": huddinge.pk,
            "new_partner_name": "Irp\x00in",
            "new_partner_country": "UA",
            "new_partner_kind": "hromada",
            "kind": "twin_town",
        },
    )
    assert response.status_code == 400
    assert Partnership.objects.count() == 0


def test_text_without_nul_passes(client, demo):
    assert client.get("/api/search?q=vanda").status_code == 200


@pytest.mark.django_db
def test_deeply_nested_json_is_a_400_not_a_500(client):
    response = client.post("/api/aid/check", data="[" * 5000, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json"


def test_cli_deeply_nested_json_is_one_line_and_exit_2(tmp_path, capsys):
    from vanort.cli import main

    path = tmp_path / "nested.json"
    path.write_text("[" * 5000)
    assert main(["aid-check", "--rules-only", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
