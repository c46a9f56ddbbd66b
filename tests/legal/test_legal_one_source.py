"""One source for the country table: `vanort aid-check` reads the database like the web and API;
`--rules-only` runs on the shipped files without one. Verdicts in the reader's language."""

import json
from pathlib import Path

import pytest

from vanort import cli
from vanort.legal import services
from vanort.legal.models import CountryAidStatus

pytestmark = pytest.mark.django_db


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["aid-check", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _pause_ukraine(admin_user) -> None:
    row = CountryAidStatus.objects.get(country="UA", status="bilateral_strategy")
    services.status_row_update(user=admin_user, row=row, expected_version=row.version, status="paused", note="test")


@pytest.fixture
def case_file(tmp_path: Path, fire_engine_case) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(fire_engine_case), encoding="utf-8")
    return str(path)


def test_cli_follows_the_edited_table_like_the_api(client, capsys, aid_table, admin_user, case_file, fire_engine_case):
    _pause_ukraine(admin_user)

    code, out, err = _cli(capsys, case_file)
    api = client.post("/api/aid/check", data=json.dumps(fire_engine_case), content_type="application/json").json()

    assert (code, err) == (0, "")
    assert json.loads(out)["outcome"] == api["outcome"] == "needs_legal_review"
    assert json.loads(out)["aid_status"]["status"] == "paused"


def test_rules_only_uses_the_shipped_files(capsys, aid_table, admin_user, case_file):
    _pause_ukraine(admin_user)

    code, out, _ = _cli(capsys, "--rules-only", case_file)

    assert code == 0
    assert (json.loads(out)["outcome"], json.loads(out)["aid_status"]["status"]) == (
        "permitted_with_conditions",
        "bilateral_strategy",
    )


def test_cli_without_a_country_table_says_what_to_do(capsys, db, case_file):
    code, out, err = _cli(capsys, case_file)

    assert (code, out) == (2, "")
    assert "--rules-only" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("header", "first_condition"),
    [
        ("uk-UA,uk;q=0.9,en;q=0.8", "Переконайтеся, що обладнання використовується за призначенням."),
        ("en-GB,en;q=0.9", "Make sure the equipment is used as intended."),
        ("de-DE, fr;q=0.5", "Förvissa dig om att utrustningen används för avsett ändamål."),
        ("sv;q=0.2, uk;q=0.9", "Переконайтеся, що обладнання використовується за призначенням."),
        ("", "Förvissa dig om att utrustningen används för avsett ändamål."),
    ],
)
def test_api_answers_in_the_accepted_language(client, aid_table, fire_engine_case, header, first_condition):
    response = client.post(
        "/api/aid/check",
        data=json.dumps(fire_engine_case),
        content_type="application/json",
        headers={"accept-language": header},
    )

    assert response.json()["conditions"][0] == first_condition
    assert set(response.json()["explanation"]) == {"sv", "en", "uk"}


def test_api_lang_parameter_wins_over_the_header(client, aid_table, fire_engine_case):
    response = client.post(
        "/api/aid/check?lang=uk",
        data=json.dumps(fire_engine_case),
        content_type="application/json",
        headers={"accept-language": "en"},
    )

    assert response.json()["conditions"][0].startswith("Переконайтеся")


@pytest.mark.parametrize(("lang", "start"), [("sv", "Förvissa"), ("en", "Make sure"), ("uk", "Переконайтеся")])
def test_cli_lang_gives_conditions_in_that_language(capsys, case_file, lang, start):
    code, out, _ = _cli(capsys, "--rules-only", "--lang", lang, case_file)

    assert code == 0
    assert json.loads(out)["conditions"][0].startswith(start)
