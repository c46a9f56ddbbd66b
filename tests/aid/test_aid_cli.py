"""``vanort aid-check``: JSON case in, JSON verdict out, exit 2 with one line on bad input."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vanort.aid.cli import run_aid_check

Case = Callable[..., dict[str, Any]]


def _run(path: str | None, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_aid_check(path, io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def test_valid_case_from_a_file_prints_the_verdict(tmp_path: Path, case: Case) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case()), encoding="utf-8")

    code, out, err = _run(str(path))

    assert (code, err) == (0, "")
    verdict = json.loads(out)
    assert (verdict["outcome"], verdict["rules"]) == ("permitted_with_conditions", ["R1"])
    assert list(verdict["aid_status"]) == ["country", "status", "basis", "source", "checked_at"]
    assert "5 kap. 4 §" in out  # ensure_ascii=False: § is printed as is
    assert out.startswith('{\n  "outcome"')  # indent=2


def test_valid_case_from_stdin(case: Case) -> None:
    code, out, _ = _run("-", json.dumps(case(form="financial", fin_purpose="other")))

    assert code == 0
    assert json.loads(out)["outcome"] == "not_permitted"


def test_missing_field_exits_2_with_one_line_naming_it(case: Case) -> None:
    code, out, err = _run(None, json.dumps(case(giver=None)))

    assert (code, out) == (2, "")
    assert err == "aid-check: giver: Svaret behövs för det här fallet.\n"  # the default language: Swedish


def test_unknown_country_exits_2(case: Case) -> None:
    code, _, err = _run("-", json.dumps(case(recipient_country="ZZ")))

    assert code == 2
    assert err.startswith("aid-check: recipient_country: Okänd landskod 'ZZ'")
    assert err.count("\n") == 1


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text('{\n  "giver": kommun\n}\n', encoding="utf-8")

    code, _, err = _run(str(path))

    assert code == 2
    assert err == f"aid-check: {path}: rad 2, kolumn 12: ogiltig JSON.\n"
    assert err.count("\n") == 1


def test_json_that_is_not_an_object_names_the_case() -> None:
    code, _, err = _run("-", "[1, 2]")

    assert (code, err) == (2, "aid-check: case: Fallet ska vara ett JSON-objekt med fälten i LEGAL_RULES.md.\n")


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "missing.json"))

    assert code == 2
    assert err == f"aid-check: {tmp_path / 'missing.json'}: filen finns inte.\n"


def _run_in(lang: str, case: dict[str, Any]) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    assert run_aid_check("-", io.StringIO(json.dumps(case)), out, err, lang=lang) == 0, err.getvalue()
    verdict: dict[str, Any] = json.loads(out.getvalue())
    return verdict


def _texts(verdict: dict[str, Any]) -> list[str]:
    status = verdict["aid_status"]
    return [*verdict["conditions"], *verdict["citations"], status["basis"], status["source"]]


def test_ukrainian_verdict_has_no_swedish_or_english_words(case: Case) -> None:
    verdict = _run_in("uk", case())
    assert list(verdict["aid_status"]) == ["country", "status", "basis", "source", "checked_at"]
    for text in _texts(verdict):
        words = [w for w in text.replace("«", " ").replace("»", " ").split() if w.strip("().,;:").isalpha()]
        latin = [w for w in words if w.isascii() and w.strip("().,;:") not in {"SFS"}]
        assert not latin, text
    assert "(нумерацію параграфа припущено)" in verdict["citations"][0]


def test_english_verdict_has_no_swedish_words(case: Case) -> None:
    verdict = _run_in("en", case())
    for text in _texts(verdict):
        assert not any(word in text for word in ("antagen", "lag (", " kap.", "å", "ä", "ö")), text
    assert verdict["citations"][0].endswith("(paragraph number assumed)")
    assert verdict["aid_status"]["basis"].startswith("Strategy for Sweden")


def test_swedish_verdict_cites_the_law_as_written_and_its_basis_in_swedish(case: Case) -> None:
    verdict = _run_in("sv", case())
    assert verdict["citations"][0] == "lag (2009:47) 5 kap. 4 § (antagen numrering)"
    assert verdict["aid_status"]["basis"].startswith("Strategi för Sveriges")
    assert "Strategi för Sveriges" in verdict["explanation"]["sv"]
