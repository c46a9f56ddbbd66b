"""The `vanort` command's contracts (DESIGN.md §5), run in-process on the test database."""

import csv
import io
import json

import pytest

from vanort.cli import main

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_places_csv_contract(capsys, reference_data):
    code, out, _ = run(capsys, "export", "places", "--country", "SE", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert out.splitlines()[0] == "code,name,kind,county_code"
    assert sum(r["kind"] == "kommun" for r in rows) == 290
    assert sum(r["kind"] == "region" for r in rows) == 21
    assert {"code": "0126", "name": "Huddinge", "kind": "kommun", "county_code": "01"} in rows


def test_export_partnerships_json_contract(capsys, demo):
    code, out, _ = run(capsys, "export", "partnerships", "--place", "0126", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data[0]) == {
        "a",
        "b",
        "a_code",
        "b_code",
        "b_country",
        "kind",
        "start",
        "end",
        "status",
        "areas",
        "source",
    }
    assert {(d["a"], d["b"], d["b_country"], d["start"], d["status"]) for d in data} == {
        ("Huddinge", "Vanda", "FI", "194X", "active"),
        ("Huddinge", "Askim", "NO", "194X", "ended"),
        ("Huddinge", "Lyngby-Taarbæk", "DK", "194X", "ended"),
        ("Huddinge", "Seyðisfjörður", "IS", "1985", "ended"),
        ("Huddinge", "Nuuk", "GL", "1989", "ended"),
    }


def test_export_partnerships_by_partner_country(capsys, demo):
    _, out, _ = run(capsys, "export", "partnerships", "--place", "0126", "--country", "is", "--format", "json")
    assert [d["b"] for d in json.loads(out)] == ["Seyðisfjörður"]


def test_export_activities_csv(capsys, demo):
    code, out, _ = run(capsys, "export", "activities", "--place", "0126")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert {r["start"] for r in rows} == {"2018", "2023-10", "2024"}


def test_unknown_place_is_one_line_and_exit_2(capsys, reference_data):
    code, out, err = run(capsys, "export", "partnerships", "--place", "9999")
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("export: --place: ")
    assert "'9999'" in err


def test_bad_format_is_refused(capsys, reference_data):
    with pytest.raises(SystemExit) as exc:
        main(["export", "places", "--format", "xml"])
    assert exc.value.code == 2


def test_stats_json(capsys, demo):
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0
    assert json.loads(out)["partnerships_by_status"]["ended"] == 4


def test_unknown_country_is_one_line_and_exit_2(capsys, reference_data):
    code, out, err = run(capsys, "export", "places", "--country", "XX")
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert "--country" in err
