"""`vanort import-partnerships`: export CSV/JSON and Wikidata P190 results; idempotent; all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vanort.cli import main
from vanort.registry.models import Partnership, Place

SAMPLE = Path(__file__).parent / "data" / "wikidata_p190_sample.json"


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot():
    return (Partnership.objects.count(), Place.objects.count(), list(Partnership.objects.values_list("id", "kind")))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_reimported_is_all_matched(capsys, demo, tmp_path, fmt):
    _, out, _ = run(capsys, "export", "partnerships", "--place", "0126", "--format", fmt)
    path = tmp_path / f"p.{fmt}"
    path.write_text(out, encoding="utf-8")
    before = snapshot()
    code, out, _ = run(capsys, "import-partnerships", str(path))
    assert code == 0
    assert "0 created, 5 matched, 0 refused" in out
    assert snapshot() == before


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_loads_into_an_empty_register_and_twice_is_idempotent(capsys, demo, tmp_path, fmt):
    _, out, _ = run(capsys, "export", "partnerships", "--place", "0126", "--format", fmt)
    rows = json.loads(out) if fmt == "json" else None
    path = tmp_path / f"p.{fmt}"
    path.write_text(out, encoding="utf-8")
    Partnership.objects.all().delete()
    code, out, _ = run(capsys, "import-partnerships", str(path))
    assert code == 0
    assert "5 created" in out
    ended = Partnership.objects.filter(place_b__name="Askim").get()
    assert ended.end_reason == "left"
    assert str(ended.start.edtf()) == "194X"
    if rows:
        assert {r["b"] for r in rows} == set(Partnership.objects.values_list("place_b__name", flat=True))
    code, out, _ = run(capsys, "import-partnerships", str(path))
    assert code == 0
    assert "0 created, 5 matched" in out


def test_wikidata_results_match_by_code_and_cyrillic_name(capsys, reference_data):
    from vanort.registry import services

    trostianets = services.place_upsert(
        kind="hromada", country_code="UA", name="Trostianets", names=[("Trostyanets", "en")]
    )
    code, out, err = run(capsys, "import-partnerships", str(SAMPLE))
    assert code == 0, err
    assert "2 created, 0 matched, 0 refused, 1 places created" in out
    botkyrka = Place.objects.get(code="0127", kind="kommun")
    p = Partnership.objects.get(place_a__in=[botkyrka, trostianets], place_b__in=[botkyrka, trostianets])
    assert p.start.edtf() == "2023"
    assert p.kind == "twin_town"
    salem = Partnership.objects.get(place_b__name="Exampleby")
    assert (salem.start.edtf(), salem.end.edtf(), salem.place_b.wikidata_qid) == ("1972", "1999", "Q9000102")


def test_dry_run_reports_and_saves_nothing(capsys, reference_data):
    before = snapshot()
    code, out, _ = run(capsys, "import-partnerships", str(SAMPLE), "--dry-run")
    assert code == 0
    assert "2 created" in out
    assert "nothing saved" in out
    assert snapshot() == before


def test_one_refused_row_saves_nothing(capsys, reference_data, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "a,b,a_code,b_code,b_country,kind,start,end,status,areas,source\n"
        "Huddinge,Nystad,0126,,FI,twin_town,1990,,,culture,\n"
        "Ingenstans,Oslo,9999,,NO,twin_town,1990,,,,\n"
        "Huddinge,Tartu,0126,,EE,twin_town,19xx,,,,\n",
        encoding="utf-8",
    )
    before = snapshot()
    code, out, err = run(capsys, "import-partnerships", str(path))
    assert code == 2
    assert "refused: row 3: a: no place 'Ingenstans' in SE with code 9999" in out
    assert "refused: row 4: start:" in out
    assert err.count("\n") == 1
    assert "2 rows refused; nothing saved" in err
    assert snapshot() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ("x,y\n1,2\n", "CSV header"), ("\x00", "NUL"), ('{"a": 1}', "neither")],
)
def test_unreadable_file_is_one_line(capsys, reference_data, tmp_path, content, message):
    path = tmp_path / "f.txt"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "import-partnerships", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err
    assert str(path) in err


def test_missing_file_is_one_line(capsys, reference_data, tmp_path):
    code, _, err = run(capsys, "import-partnerships", str(tmp_path / "nope.csv"))
    assert code == 2
    assert err.count("\n") == 1


def test_name_variants_share_a_key():
    from vanort.names import name_keys, translit_uk

    keys = [
        name_keys(n) for n in ("Тростянець", "Тростянецька міська громада", "Trostianets", "Trostyanets", "Trostjanets")
    ]
    assert set.intersection(*keys) == {"trostianec"}
    assert translit_uk("Згурівка") == "Zghurivka"
    assert translit_uk("Їжакевич") == "Yizhakevych"
    assert name_keys("Huddinge kommun") == name_keys("Huddinge Municipality") == {"hudinge"}


def test_an_overlong_name_or_a_year_9999_is_refused_not_cut(capsys, reference_data, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(
        "a,b,a_code,b_code,b_country,kind,start,end,status,areas,source\n"
        f"Huddinge,{'X' * 60000},0126,,FI,twin_town,1990,,,,\n"
        "Huddinge,Tartu,0126,,EE,twin_town,9999,,,,\n",
        encoding="utf-8",
    )
    before = snapshot()
    code, out, _err = run(capsys, "import-partnerships", str(path))
    assert code == 2
    assert "refused: row 2: b: the name has 60000 characters" in out
    assert "refused: row 3: start:" in out
    assert snapshot() == before
