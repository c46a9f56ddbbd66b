"""`vanort match` (DESIGN.md §5): CSV in, JSON or table out, no database; one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from vanort.cli import main
from vanort.matching import cli as match_cli

DATA = Path(__file__).parent / "data"
NEEDS = "id,place,country,sector,form,title,description,language\n"
OFFERS = "id,municipality_code,sector,form,title,description,quantity,spare\n"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["match", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract_on_the_labelled_set(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--needs", str(DATA / "needs.csv"), "--offers", str(DATA / "offers.csv"), "--top", "3", "--json"
    )
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert list(data) == ["matches"]
    first = data["matches"][0]
    assert list(first) == ["need_id", "offer_id", "score", "rank", "reasons", "legal_outcome"]
    assert first["need_id"] == "n01"
    assert first["rank"] == 1
    assert all(isinstance(r, str) for r in first["reasons"])
    assert first["legal_outcome"] == "permitted_with_conditions"
    assert max(m["rank"] for m in data["matches"]) == 3
    assert len({m["need_id"] for m in data["matches"]}) == 52


def test_table_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    needs = write(tmp_path, "n.csv", NEEDS + "n1,Trostianets,UA,emergency,equipment,Пожежна машина,,uk\n")
    offers = write(tmp_path, "o.csv", OFFERS + "o1,0126,emergency,equipment,Brandbil,Släckbil,1,ja\n")
    code, out, _ = run(capsys, "--needs", needs, "--offers", offers)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["need", "rank", "offer", "score"]
    assert "o1 Brandbil" in lines[1]
    assert "permitted_with_conditions" in lines[1]
    assert lines[-1] == "1 matches for 1 needs and 1 offers"


def test_not_permitted_offers_are_filtered_by_the_aid_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Norway receives no Swedish aid: money is not permitted (R10); spare equipment goes to review (R8)
    needs = write(tmp_path, "n.csv", NEEDS + "n1,Askim,NO,energy,equipment,Generator,Reservkraft,sv\n")
    offers = write(
        tmp_path,
        "o.csv",
        OFFERS
        + "cash,0126,energy,financial,Bidrag till elverk,Pengar,,\n"
        + "spare,0126,energy,equipment,Elverk,Reservkraftverk,1,true\n",
    )
    code, out, _ = run(capsys, "--needs", needs, "--offers", offers, "--json")
    assert code == 0
    matches = json.loads(out)["matches"]
    assert [(m["offer_id"], m["legal_outcome"]) for m in matches] == [("spare", "needs_legal_review")]


def test_optional_columns_are_read(tmp_path: Path) -> None:
    needs = write(
        tmp_path,
        "n.csv",
        "id,place,country,sector,form,title,description,language,quantity,urgency,deadline\n"
        "n1,Sumy,UA,water,equipment,Pumps,,en,3,critical,2027-05-01\n",
    )
    offers = write(
        tmp_path,
        "o.csv",
        OFFERS.strip() + ",available_until,language\no1,0126,water,equipment,Pumpar,,2,no,2027-01-01,sv\n",
    )
    need = match_cli.read_needs(needs)[0]
    offer = match_cli.read_offers(offers)[0]
    assert (need.quantity, need.urgency, str(need.deadline)) == (3, "critical", "2027-05-01")
    assert (offer.quantity, offer.spare, str(offer.available_until)) == (2, False, "2027-01-01")


@pytest.mark.parametrize(
    ("needs", "offers", "message"),
    [
        (NEEDS.replace(",language", ""), OFFERS, "n.csv: missing column 'language'"),
        (NEEDS, OFFERS.replace(",spare", ""), "o.csv: missing column 'spare'"),
        (NEEDS + "n1,P,UA,rockets,equipment,T,D,uk\n", OFFERS, "n.csv: row 2, column 'sector': unknown code 'rockets'"),
        (NEEDS + "n1,P,UA,water,gift,T,D,uk\n", OFFERS, "n.csv: row 2, column 'form': unknown code 'gift'"),
        (NEEDS + "n1,P,XX,water,advice,T,D,uk\n", OFFERS, "n.csv: row 2, column 'country': unknown country code 'XX'"),
        (NEEDS + "n1,P,UA,water,advice,T,D,de\n", OFFERS, "n.csv: row 2, column 'language': unknown code 'de'"),
        (NEEDS + "n1,P,UA,water,advice,,D,uk\n", OFFERS, "n.csv: row 2, column 'title': must not be empty"),
        (
            NEEDS + "n1,P,UA,water,advice,T,D,uk\nn1,P,UA,water,advice,T,D,uk\n",
            OFFERS,
            "row 3, column 'id': duplicate id 'n1'",
        ),
        (
            NEEDS,
            OFFERS + "o1,0126,water,advice,T,D,-3,no\n",
            "o.csv: row 2, column 'quantity': expected a whole number",
        ),
        (NEEDS, OFFERS + "o1,0126,water,advice,T,D,99999999999999999999,no\n", "column 'quantity'"),
        (NEEDS, OFFERS + "o1,0126,water,advice,T,D,1,maybe\n", "o.csv: row 2, column 'spare': expected true or false"),
        (NEEDS, OFFERS + "o1,0126,water,advice,T,D,1,no,extra\n", "o.csv: row 2: more fields than columns"),
        (NEEDS + "n1,P,UA,water,advice,T,D\x00,uk\n", OFFERS, "n.csv: line 2: NUL byte"),
        (NEEDS + "n1,P,UA,water,advice,T," + "x" * 100_001 + ",uk\n", OFFERS, "n.csv: row 2"),
        ("", OFFERS, "n.csv: empty file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], needs: str, offers: str, message: str
) -> None:
    code, out, err = run(
        capsys, "--needs", write(tmp_path, "n.csv", needs), "--offers", write(tmp_path, "o.csv", offers)
    )
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("match: ")
    assert message in err


def test_unreadable_and_non_utf8_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    offers = write(tmp_path, "o.csv", OFFERS)
    code, _, err = run(capsys, "--needs", str(tmp_path / "missing.csv"), "--offers", offers)
    assert code == 2
    assert "missing.csv: cannot read file" in err
    bad = tmp_path / "latin.csv"
    bad.write_bytes(NEEDS.encode() + "n1,Malmö,UA,water,advice,T,D,sv\n".encode("latin-1"))
    code, _, err = run(capsys, "--needs", str(bad), "--offers", offers)
    assert code == 2
    assert "latin.csv: not UTF-8 text" in err


def test_top_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "--needs", write(tmp_path, "n.csv", NEEDS), "--offers", write(tmp_path, "o.csv", OFFERS), "--top", "0"
    )
    assert code == 2
    assert "--top" in err


def test_progress_bar_on_stderr_for_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(match_cli, "PROGRESS_MIN_PAIRS", 1)
    out, err = io.StringIO(), io.StringIO()
    code = match_cli.run_match(
        str(DATA / "needs.csv"), str(DATA / "offers.csv"), top=1, as_json=True, stdout=out, stderr=err
    )
    assert code == 0
    assert "match [" in err.getvalue()
    assert "100% 52/52 needs" in err.getvalue()
    json.loads(out.getvalue())


def test_console_script_runs_without_django_settings(tmp_path: Path) -> None:
    needs = write(tmp_path, "n.csv", NEEDS + "n1,Sumy,UA,water,equipment,Water filters,,en\n")
    offers = write(tmp_path, "o.csv", OFFERS + "o1,0126,water,equipment,Vattenfilter,,10,ja\n")
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "does.not.exist"}
    done = subprocess.run(
        [sys.executable, "-m", "vanort", "match", "--needs", needs, "--offers", offers, "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["matches"][0]["offer_id"] == "o1"


def test_cash_offer_for_a_budget_need_is_not_permitted_and_filtered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    needs = write(
        tmp_path,
        "n.csv",
        NEEDS
        + "n1,Trostianets,UA,emergency,financial,Кошти до бюджету,Гроші для бюджету громади на рятувальну службу,uk\n",
    )
    offers = write(
        tmp_path, "o.csv", OFFERS + "o1,0126,emergency,financial,Bidrag,Pengar till räddningstjänsten,1,nej\n"
    )
    code, out, _ = run(capsys, "--needs", needs, "--offers", offers, "--json")
    assert code == 0
    assert json.loads(out)["matches"] == []


def test_money_for_a_training_need_is_permitted_with_conditions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    needs = write(
        tmp_path,
        "n.csv",
        NEEDS + "n1,Trostianets,UA,emergency,training,Навчання рятувальників,Кошти на навчання рятувальників,uk\n",
    )
    offers = write(
        tmp_path,
        "o.csv",
        OFFERS
        + "o1,0126,emergency,financial,Bidrag till utbildning,Pengar till utbildning av räddningstjänsten,1,nej\n",
    )
    code, out, _ = run(capsys, "--needs", needs, "--offers", offers, "--json")
    assert code == 0
    matches = json.loads(out)["matches"]
    assert [m["legal_outcome"] for m in matches] == ["permitted_with_conditions"]
